"""Per-thread script prefix and URLconf, resolver caching, settings changes, get_callable."""

from __future__ import annotations

import threading

import pytest

from framework.core.exceptions import ViewDoesNotExist
from framework.test.utils import override_settings
from framework.urls import (
    clear_script_prefix,
    clear_url_caches,
    get_callable,
    get_resolver,
    get_script_prefix,
    get_urlconf,
    is_valid_path,
    resolve,
    reverse,
    set_script_prefix,
    set_urlconf,
)
from tests.urls import views


def in_thread(func):
    result = []
    thread = threading.Thread(target=lambda: result.append(func()))
    thread.start()
    thread.join()
    return result[0]


def test_script_prefix_is_per_thread():
    """set_script_prefix() affects only the calling thread; it always ends with "/"."""
    set_script_prefix("/app")
    try:
        assert get_script_prefix() == "/app/"
        assert in_thread(get_script_prefix) == "/"
    finally:
        clear_script_prefix()
    assert get_script_prefix() == "/"


def test_set_urlconf_is_per_thread_and_used_by_resolve_and_reverse():
    """A per-request URLconf (request.urlconf) replaces ROOT_URLCONF for its thread only."""
    set_urlconf("tests.urls.urlconf_other")
    try:
        assert get_urlconf() == "tests.urls.urlconf_other"
        assert reverse("other") == "/other/"
        assert resolve("/articles/1/").func is views.special_case
        assert in_thread(get_urlconf) is None
    finally:
        set_urlconf(None)
    assert get_urlconf() is None
    assert get_urlconf("fallback") == "fallback"


def test_get_resolver_defaults_to_root_urlconf_and_is_cached(settings):
    """get_resolver() uses ROOT_URLCONF and returns the same object per urlconf."""
    settings.ROOT_URLCONF = "tests.urls.urlconf_other"
    assert get_resolver() is get_resolver("tests.urls.urlconf_other")
    assert get_resolver().urlconf_name == "tests.urls.urlconf_other"
    assert get_resolver("tests.urls.urlconf_main") is not get_resolver()


def test_override_settings_root_urlconf_clears_caches():
    """Changing ROOT_URLCONF through override_settings resolves against the new URLconf."""
    with override_settings(ROOT_URLCONF="tests.urls.urlconf_other"):
        assert reverse("other") == "/other/"
        first = get_resolver()
    with override_settings(ROOT_URLCONF="tests.urls.urlconf_main"):
        assert reverse("about") == "/about/"
        assert get_resolver() is not first
    with override_settings(ROOT_URLCONF="tests.urls.urlconf_other"):
        assert resolve("/other/").url_name == "other"


def test_settings_fixture_root_urlconf(settings):
    """The pytest settings fixture switches URLconfs too."""
    settings.ROOT_URLCONF = "tests.urls.urlconf_main"
    assert resolve("/about/").url_name == "about"


def test_clear_url_caches():
    """clear_url_caches() gives fresh resolvers."""
    before = get_resolver("tests.urls.urlconf_main")
    clear_url_caches()
    assert get_resolver("tests.urls.urlconf_main") is not before


def test_is_valid_path():
    """is_valid_path() returns the match or False; used for APPEND_SLASH decisions."""
    match = is_valid_path("/articles/2020/", "tests.urls.urlconf_main")
    assert match and match.url_name == "articles-year"
    assert is_valid_path("/articles/2020", "tests.urls.urlconf_main") is False


def test_get_callable():
    """get_callable() imports dotted paths and explains each kind of failure."""
    assert get_callable(views.empty_view) is views.empty_view
    assert get_callable("tests.urls.views.empty_view") is views.empty_view
    with pytest.raises(ImportError, match="The path must be fully qualified"):
        get_callable("empty_view")
    with pytest.raises(ViewDoesNotExist, match="View does not exist in module tests.urls.views"):
        get_callable("tests.urls.views.nope")
    with pytest.raises(ViewDoesNotExist, match="Parent module tests.urls.nope does not exist"):
        get_callable("tests.urls.nope.view")
    with pytest.raises(ViewDoesNotExist, match="View is not callable"):
        get_callable("tests.urls.views.__doc__")
    with pytest.raises(ViewDoesNotExist, match="is not a callable or a dot-notation path"):
        get_callable(42)


def test_resolve_error_handler_from_the_urlconf():
    """handler404 in the root URLconf is the 404 view."""
    resolver = get_resolver("tests.urls.urlconf_other")
    assert resolver.resolve_error_handler(404) is views.handler404


def test_resolve_error_handler_defaults_to_the_framework_views():
    """Without handler<code> in the URLconf, the framework's default error views answer."""
    from framework.views import defaults

    resolver = get_resolver("tests.urls.urlconf_main")
    assert resolver.resolve_error_handler(404) is defaults.page_not_found
    assert resolver.resolve_error_handler(500) is defaults.server_error
    assert resolver.resolve_error_handler(400) is defaults.bad_request
    assert resolver.resolve_error_handler(403) is defaults.permission_denied


def test_check_reports_broken_custom_error_handlers():
    """urls.E007 for a wrong signature, urls.E008 for an unimportable handler."""
    messages = get_resolver("tests.urls.urlconf_bad_handlers").check()
    assert [m.id for m in messages] == ["urls.E007", "urls.E008"]
    assert "handler400 view 'tests.urls.urlconf_bad_handlers.handler400'" in messages[0].msg
    assert "(request, exception)" in messages[0].msg
    assert "handler403 view 'tests.urls.views.no_such_view' could not be imported" in (
        messages[1].msg
    )
    assert get_resolver("tests.urls.urlconf_other").check() == []
