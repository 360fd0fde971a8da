"""Rendering with a request: autoescaping, csrf, context processors, globals."""

from __future__ import annotations

import pytest

from framework.template.csrf import CsrfToken

from .conftest import DIRS_A

CP = "framework.template.context_processors."


def test_script_is_escaped(engine):
    """Values are autoescaped: a <script> arrives as text."""
    out = engine.get_template("page.html").render({"text": "<script>alert(1)</script>"})
    assert out == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_attribute_breakout_is_escaped(engine):
    """Quotes are escaped, so a value cannot leave its attribute."""
    out = engine.get_template("attr.html").render(
        {"title": '" onmouseover="alert(1)', "link": "x' onclick='y"}
    )
    assert 'onmouseover="' not in out
    assert "&#34; onmouseover=&#34;alert(1)" in out
    assert "x&#39; onclick=&#39;y" in out


def test_markup_is_not_escaped_twice(engine):
    """Values marked safe are output as they are."""
    from framework.utils.safestring import mark_safe

    out = engine.from_string("{{ a }}{{ b|safe }}").render({"a": mark_safe("<b>"), "b": "<i>"})
    assert out == "<b><i>"


def test_request_csrf_from_meta(engine, rf):
    """With a request, csrf_token and csrf_input come from the request's CSRF cookie value."""
    request = rf(CSRF_COOKIE="tok123")
    out = engine.from_string("{{ csrf_token }}|{{ csrf_input }}|{{ request.path }}").render(
        request=request
    )
    assert out == ('tok123|<input type="hidden" name="csrfmiddlewaretoken" value="tok123">|/')


def test_csrf_without_token_is_empty(engine, rf):
    """Without a token (or without a request) csrf values render empty."""
    assert engine.from_string("[{{ csrf_input }}{{ csrf_token }}]").render(request=rf()) == "[]"
    assert engine.from_string("[{{ csrf_input }}{{ csrf_token }}]").render() == "[]"


def test_csrf_token_is_escaped_and_lazy(rf):
    """The token is computed only when used, and escaped like any text."""
    request = rf(CSRF_COOKIE='"><script>')
    token = CsrfToken(request)
    assert repr(token) == "<CsrfToken lazy>"
    from markupsafe import escape

    assert escape(token) == "&#34;&gt;&lt;script&gt;"


def test_builtin_context_processors(make_engine, rf, settings):
    """request, static, media, tz, csrf and debug processors add their values."""
    settings.DEBUG = True
    settings.INTERNAL_IPS = ["127.0.0.1"]
    settings.STATIC_URL = "/s/"
    settings.MEDIA_URL = "/m/"
    settings.TIME_ZONE = "Europe/Paris"
    engine = make_engine(
        context_processors=[CP + n for n in ("request", "static", "media", "tz", "csrf", "debug")]
    )
    out = engine.from_string(
        "{{ STATIC_URL }} {{ MEDIA_URL }} {{ TIME_ZONE }} {{ debug }} {{ csrf_token }} "
        "{{ request.META.REMOTE_ADDR }} {{ sql_queries|list|length }}"
    ).render(request=rf(CSRF_COOKIE="abc"))
    assert out == "/s/ /m/ Europe/Paris True abc 127.0.0.1 0"


def test_debug_processor_needs_internal_ip(make_engine, rf, settings):
    """debug is only set for clients listed in INTERNAL_IPS."""
    settings.DEBUG = True
    settings.INTERNAL_IPS = []
    engine = make_engine(context_processors=[CP + "debug"])
    assert engine.from_string("{{ debug is defined }}").render(request=rf()) == "False"


def test_processors_only_run_with_a_request(make_engine):
    """Context processors need a request; without one they are skipped."""
    engine = make_engine(context_processors=["tests.template.processors.site"])
    assert engine.from_string("[{{ site_name }}]").render() == "[]"


def test_view_context_wins_over_processors(make_engine, rf):
    """A processor provides defaults; the view's context overrides them."""
    engine = make_engine(context_processors=["tests.template.processors.site"])
    template = engine.get_template("page.html")
    assert template.render({"text": "view"}, rf()) == "<p>view</p>"
    assert template.render({}, rf()) == "<p>from the processor</p>"
    context = {"text": "view"}
    template.render(context, rf())
    assert context == {"text": "view"}


def test_contrib_names_tolerate_absence(engine):
    """Without the auth and messages processors, user/perms/messages are harmless defaults."""
    out = engine.from_string(
        "{% if user.is_authenticated %}in{% else %}out{% endif %} "
        "{{ perms.blog.add_post }} {{ 'blog' in perms }} {{ messages|list }} {{ user }}"
    ).render()
    assert out == "out False False [] AnonymousUser"


def test_context_overrides_default_user(engine):
    """A user from the context replaces the default."""
    out = engine.from_string("{{ user }}").render({"user": "alice"})
    assert out == "alice"


@pytest.mark.parametrize("name", ["url", "static", "request", "csrf_input"])
def test_globals_installed(engine, name):
    """The framework's globals are part of every environment."""
    assert name in engine.env.globals


def test_template_dirs_property(make_engine):
    """template_dirs lists DIRS as given."""
    assert make_engine().template_dirs == (str(DIRS_A),)
