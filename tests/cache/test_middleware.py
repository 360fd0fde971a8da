"""The per-site cache middleware and the cache decorators, through WSGIHandler and WebTest."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import webtest

from framework.core.cache import caches
from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import clear_script_prefix, set_urlconf

UPDATE = "framework.middleware.cache.UpdateCacheMiddleware"
FETCH = "framework.middleware.cache.FetchFromCacheMiddleware"
BOTH = "framework.middleware.cache.CacheMiddleware"
TEMPLATES_DIR = str(Path(__file__).parent / "templates")


@pytest.fixture
def configure(settings):
    """Return ``configure(middleware)``: settings for these tests, then a TestApp."""
    run = uuid.uuid4().hex
    settings.ROOT_URLCONF = "tests.cache.urls"
    settings.CACHES = {
        "default": {
            "BACKEND": "framework.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"default-{run}",
        },
        "second": {
            "BACKEND": "framework.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"second-{run}",
        },
    }
    settings.TEMPLATES = [
        {
            "BACKEND": "framework.template.backends.jinja2.Jinja2",
            "DIRS": [TEMPLATES_DIR],
            "OPTIONS": {"extensions": ["framework.core.cache.jinja2.CacheExtension"]},
        }
    ]

    def factory(middleware=(UPDATE, FETCH)):
        settings.MIDDLEWARE = list(middleware)
        return webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})

    yield factory
    clear_script_prefix()
    set_urlconf(None)


@pytest.fixture
def app(configure):
    """Update and Fetch middleware, Django's recommended order."""
    return configure()


def test_get_is_cached(app, settings):
    """A second GET is answered from the cache, with Expires and max-age set."""
    first = app.get("/counter/")
    second = app.get("/counter/")
    assert first.text == second.text
    assert f"max-age={settings.CACHE_MIDDLEWARE_SECONDS}" in first.headers["Cache-Control"]
    assert "Expires" in first.headers


def test_combined_middleware(configure):
    """CacheMiddleware alone both stores and serves."""
    app = configure([BOTH])
    assert app.get("/counter/").text == app.get("/counter/").text


def test_query_string_is_part_of_the_key(app):
    """Different query strings are different pages."""
    assert app.get("/counter/?a=1").text != app.get("/counter/?a=2").text


def test_head_uses_the_get_entry(app):
    """A HEAD after a GET is answered from the cache (no view call, same headers)."""
    first = app.get("/counter/")
    head = app.head("/counter/")
    assert head.headers["Expires"] == first.headers["Expires"]
    assert app.get("/counter/").text == first.text


def test_post_is_never_cached(app):
    """POST requests bypass the cache and are not stored."""
    first = app.post("/form/")
    second = app.post("/form/")
    assert first.text != second.text
    assert app.get("/form/").text != second.text


def test_response_setting_a_cookie_is_not_stored(app):
    """The shared-cache rule: a response with Set-Cookie is never stored."""
    first = app.get("/cookie/")
    assert "flavour=ginger" in first.headers["Set-Cookie"]
    app.reset()
    second = app.get("/cookie/")
    assert first.text != second.text
    assert "flavour=ginger" in second.headers["Set-Cookie"]


def test_response_varying_on_cookie_is_not_stored(app):
    """A response with Vary: Cookie is per visitor: never stored."""
    assert app.get("/vary-cookie/").text != app.get("/vary-cookie/").text


@pytest.mark.parametrize("url", ["/private/", "/no-store/", "/never/", "/max-age-zero/"])
def test_private_or_uncacheable_responses_are_not_stored(app, url):
    """private, no-store, never_cache and max-age=0 responses are not stored."""
    assert app.get(url).text != app.get(url).text


def test_authorized_request_is_not_stored(app):
    """An answer to a request with Authorization is stored only when public."""
    headers = {"Authorization": "Basic dXNlcjpwYXNz"}
    assert app.get("/counter/", headers=headers).text != app.get("/counter/", headers=headers).text


def test_error_responses_are_not_stored(app):
    """Only 200 responses are stored."""
    first = app.get("/not-found/", status=404)
    assert first.text != app.get("/not-found/", status=404).text


def test_response_max_age_sets_the_timeout(app):
    """A response's own max-age is kept and used as the cache timeout."""
    first = app.get("/max-age-thirty/")
    assert "max-age=30" in first.headers["Cache-Control"]
    assert app.get("/max-age-thirty/").text == first.text


def test_vary_header_splits_the_entries(app):
    """Vary: X-Flavour keeps one entry per value of that request header."""
    ginger = app.get("/vary-header/", headers={"X-Flavour": "ginger"})
    lemon = app.get("/vary-header/", headers={"X-Flavour": "lemon"})
    assert ginger.text.endswith("ginger") and lemon.text.endswith("lemon")
    assert ginger.text.split()[0] != lemon.text.split()[0]
    assert app.get("/vary-header/", headers={"X-Flavour": "ginger"}).text == ginger.text
    assert "X-Flavour" in ginger.headers["Vary"]


def test_key_prefix_setting_separates_sites(configure, settings):
    """CACHE_MIDDLEWARE_KEY_PREFIX is part of the key: another prefix misses."""
    settings.CACHE_MIDDLEWARE_KEY_PREFIX = "site1"
    first = configure().get("/counter/").text
    settings.CACHE_MIDDLEWARE_KEY_PREFIX = "site2"
    assert configure().get("/counter/").text != first


def test_cache_middleware_alias(configure, settings):
    """CACHE_MIDDLEWARE_ALIAS names the cache the pages go to."""
    settings.CACHE_MIDDLEWARE_ALIAS = "second"
    app = configure()
    first = app.get("/counter/").text
    assert app.get("/counter/").text == first
    caches["second"].clear()
    assert app.get("/counter/").text != first


def test_clearing_the_cache_refreshes_pages(app):
    """After cache.clear(), the view runs again."""
    first = app.get("/counter/").text
    caches["default"].clear()
    assert app.get("/counter/").text != first


# ---------------------------------------------------------------- decorators
def test_cache_page(configure):
    """@cache_page(60) caches the view without any middleware, with max-age=60."""
    app = configure([])
    first = app.get("/cached/")
    assert app.get("/cached/").text == first.text
    assert "max-age=60" in first.headers["Cache-Control"]


def test_cache_page_key_prefix_and_cache(configure):
    """cache_page's key_prefix and cache arguments choose where pages are stored."""
    app = configure([])
    prefixed = app.get("/cached-prefix/").text
    assert app.get("/cached-prefix/").text == prefixed
    second = app.get("/cached-second/").text
    assert app.get("/cached-second/").text == second
    caches["default"].clear()
    assert app.get("/cached-second/").text == second
    caches["second"].clear()
    assert app.get("/cached-second/").text != second


def test_cache_page_with_set_cookie_is_not_stored(configure):
    """cache_page follows the shared-cache rule too."""
    app = configure([])
    first = app.get("/cached-cookie/").text
    app.reset()
    assert app.get("/cached-cookie/").text != first


def test_cache_page_stores_rendered_template_response(configure):
    """A TemplateResponse is stored once rendered."""
    app = configure([])
    first = app.get("/cached-template/")
    assert first.text.startswith("count ")
    assert app.get("/cached-template/").text == first.text


def test_never_cache_headers(app):
    """never_cache sets no-cache, no-store, must-revalidate, private and max-age=0."""
    header = app.get("/never/").headers["Cache-Control"]
    for directive in ("max-age=0", "no-cache", "no-store", "must-revalidate", "private"):
        assert directive in header


def test_vary_decorators_patch_vary(app):
    """vary_on_cookie and vary_on_headers add to Vary without duplicates."""
    assert app.get("/vary-cookie/").headers["Vary"] == "Cookie"
    assert app.get("/vary-header/").headers["Vary"] == "X-Flavour, Accept-Encoding"


def test_cache_page_requires_a_request():
    """cache_page on a method without method_decorator says what to do."""
    from framework.views.decorators.cache import cache_page

    class View:
        @cache_page(60)
        def get(self, request):
            return None

    with pytest.raises(TypeError, match="method_decorator"):
        View().get(object())


def test_pages_round_trip_through_every_backend(configure, settings, backend, caches_entry):
    """Stored responses (pickled HttpResponse) come back intact from each real backend."""
    settings.CACHES = {"default": caches_entry(backend)}
    try:
        app = configure()
        first = app.get("/counter/?backend=" + backend)
        second = app.get("/counter/?backend=" + backend)
        assert second.text == first.text
        assert second.headers["Expires"] == first.headers["Expires"]
        assert second.headers["Content-Type"] == first.headers["Content-Type"]
    finally:
        caches["default"].clear()


def test_disallowed_host_is_a_400(app):
    """A Host outside ALLOWED_HOSTS gets a 400 from the cache middleware, never a 500."""
    app.get("/counter/", headers={"Host": "evil.example"}, status=400)


def test_non_ascii_vary_value_is_served(app):
    """A header value with non-ASCII bytes in a Vary header still gives a cached 200."""
    headers = {"X-Flavour": "caf\xe9"}
    first = app.get("/vary-header/", headers=headers)
    assert app.get("/vary-header/", headers=headers).text == first.text
