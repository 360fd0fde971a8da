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


SECRET = "a" * 32


def _unmasked(token: str) -> str:
    from framework.middleware.csrf import _unmask_cipher_token

    assert len(token) == 64
    return _unmask_cipher_token(token)


def test_request_csrf_from_meta(engine, rf):
    """With a request, csrf_token is a fresh masking of the request's CSRF secret."""
    import re

    request = rf(CSRF_COOKIE=SECRET)
    out = engine.from_string("{{ csrf_token }}|{{ csrf_input }}|{{ request.path }}").render(
        request=request
    )
    token, field, path = out.split("|")
    assert _unmasked(token) == SECRET
    value = re.fullmatch(
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})">', field
    ).group(1)
    assert _unmasked(value) == SECRET
    assert path == "/"


def test_csrf_without_request_is_empty(engine, rf):
    """Without a request there is no token: csrf values render empty."""
    assert engine.from_string("[{{ csrf_input }}{{ csrf_token }}]").render() == "[]"


def test_csrf_with_request_but_no_secret_creates_one(engine, rf):
    """A request without a CSRF secret gets a new one, as get_token() does in Django."""
    request = rf()
    token = engine.from_string("{{ csrf_token }}").render(request=request)
    assert _unmasked(token) == request.META["CSRF_COOKIE"]


def test_csrf_token_is_lazy_and_replaces_junk(rf):
    """The token is computed only when used; a junk secret is replaced, never echoed."""
    request = rf(CSRF_COOKIE='"><script>')
    token = CsrfToken(request)
    assert repr(token) == "<CsrfToken lazy>"
    text = str(token)
    assert "<" not in text and '"' not in text
    assert _unmasked(text) == request.META["CSRF_COOKIE"] != '"><script>'


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
    ).render(request=rf(CSRF_COOKIE=SECRET))
    static, media, tz, debug, token, addr, queries = out.split(" ")
    assert (static, media, tz, debug, addr, queries) == (
        "/s/",
        "/m/",
        "Europe/Paris",
        "True",
        "127.0.0.1",
        "0",
    )
    assert _unmasked(token) == SECRET


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
