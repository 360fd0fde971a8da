"""The url() and static() globals."""

from __future__ import annotations

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.template.defaultglobals import static
from framework.urls import NoReverseMatch, clear_script_prefix, set_script_prefix


@pytest.fixture
def urlconf(settings):
    settings.ROOT_URLCONF = "tests.template.urls"


def test_url_with_args_and_kwargs(engine, urlconf):
    """url() reverses a pattern name with positional or keyword arguments."""
    out = engine.from_string(
        "{{ url('archive', 2024) }} {{ url('article', year=2024, slug='a-b') }} {{ url('search') }}"
    ).render()
    assert out == "/articles/2024/ /articles/2024/a-b/ /search/"


def test_url_unknown_name_raises(engine, urlconf):
    """An unknown name raises NoReverseMatch naming it."""
    with pytest.raises(NoReverseMatch, match="nope"):
        engine.from_string("{{ url('nope') }}").render()


def test_url_is_escaped_in_attributes(engine, urlconf):
    """Arguments are quoted into the URL, so they cannot break out of an attribute."""
    out = engine.from_string("<a href=\"{{ url('article', 1, 'x') }}\">").render()
    assert out == '<a href="/articles/1/x/">'


def test_static_joins_static_url(engine, settings):
    """static() joins STATIC_URL and the quoted path."""
    settings.STATIC_URL = "/static/"
    out = engine.from_string("{{ static('css/site main.css') }}").render()
    assert out == "/static/css/site%20main.css"


def test_static_relative_static_url_uses_script_prefix(settings):
    """A relative STATIC_URL is relative to the script prefix (the mount point)."""
    settings.STATIC_URL = "static/"
    set_script_prefix("/mount/")
    try:
        assert static("app.js") == "/mount/static/app.js"
    finally:
        clear_script_prefix()


def test_static_absolute_url(settings):
    """A STATIC_URL with a host is used as it is."""
    settings.STATIC_URL = "https://cdn.example.com/s/"
    assert static("a.png") == "https://cdn.example.com/s/a.png"


def test_static_without_static_url(settings):
    """Without STATIC_URL, static() says which setting to set."""
    settings.STATIC_URL = None
    with pytest.raises(ImproperlyConfigured, match="STATIC_URL"):
        static("a.png")
