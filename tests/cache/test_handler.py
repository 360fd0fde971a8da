"""``caches`` and ``cache``: configuration, per-thread instances, errors, closing."""

from __future__ import annotations

import threading

import pytest

from framework.core import signals
from framework.core.cache import (
    BaseCache,
    CacheHandler,
    InvalidCacheBackendError,
    cache,
    caches,
)
from framework.core.cache.backends.dummy import DummyCache
from framework.core.cache.backends.locmem import LocMemCache

LOCMEM = "framework.core.cache.backends.locmem.LocMemCache"


@pytest.fixture
def two_caches(settings):
    settings.CACHES = {
        "default": {"BACKEND": LOCMEM, "LOCATION": "handler-default", "TIMEOUT": 60},
        "other": {"BACKEND": "framework.core.cache.backends.dummy.DummyCache"},
    }
    yield
    caches["default"].clear()


def test_aliases(two_caches):
    """caches[alias] builds the configured backend with its parameters."""
    assert isinstance(caches["default"], LocMemCache)
    assert caches["default"].default_timeout == 60
    assert isinstance(caches["other"], DummyCache)
    assert list(caches) == ["default", "other"]
    assert len(caches.all()) == 2


def test_same_instance_per_thread(two_caches):
    """Within a thread an alias gives the same instance; another thread gets its own."""
    assert caches["default"] is caches["default"]
    seen = []
    thread = threading.Thread(target=lambda: seen.append(caches["default"]))
    thread.start()
    thread.join()
    assert seen[0] is not caches["default"]
    # Same LOCATION: the two instances share the data.
    caches["default"].set("k", "v")
    assert seen[0].get("k") == "v"


def test_cache_proxy(two_caches):
    """``cache`` is the default alias of the current thread."""
    cache.set("k", "v")
    assert caches["default"].get("k") == "v"
    assert "k" in cache
    assert cache.default_timeout == 60


def test_unknown_alias(two_caches):
    """An unknown alias raises InvalidCacheBackendError naming it."""
    with pytest.raises(InvalidCacheBackendError, match="'missing'"):
        caches["missing"]


def test_missing_default_alias():
    """CACHES without 'default' is refused with the fix."""
    with pytest.raises(InvalidCacheBackendError, match="'default' cache alias is required"):
        CacheHandler({"other": {"BACKEND": LOCMEM}})["other"]


def test_unknown_backend():
    """A BACKEND that cannot be imported is named in the error."""
    handler = CacheHandler({"default": {"BACKEND": "no.such.Backend"}})
    with pytest.raises(InvalidCacheBackendError, match="'no.such.Backend'"):
        handler["default"]


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"TIMEOUT": "soon"}, "TIMEOUT"),
        ({"OPTIONS": {"MAX_ENTRIES": "many"}}, "MAX_ENTRIES"),
        ({"OPTIONS": {"CULL_FREQUENCY": None}}, "CULL_FREQUENCY"),
        ({"KEY_FUNCTION": "no.such.func"}, "KEY_FUNCTION"),
    ],
)
def test_bad_parameters(params, match):
    """Malformed parameters fail at construction, naming the setting and value."""
    with pytest.raises(Exception, match=match):
        LocMemCache("bad", params)


def test_settings_change_resets(settings):
    """Changing CACHES (override_settings) builds new instances."""
    settings.CACHES = {"default": {"BACKEND": LOCMEM, "LOCATION": "first"}}
    first = caches["default"]
    settings.CACHES = {"default": {"BACKEND": LOCMEM, "LOCATION": "second", "TIMEOUT": 5}}
    assert caches["default"] is not first
    assert caches["default"].default_timeout == 5


def test_close_on_request_finished(settings):
    """request_finished closes the caches this thread built."""
    settings.CACHES = {"default": {"BACKEND": "tests.cache.test_handler.ClosingCache"}}
    instance = caches["default"]
    signals.request_finished.send(sender=None)
    assert instance.closed == 1


def test_key_making():
    """make_key() joins prefix, version and key; VERSION and KEY_PREFIX apply."""
    c = LocMemCache("keys", {"KEY_PREFIX": "site", "VERSION": 3})
    assert c.make_key("k") == "site:3:k"
    assert c.make_key("k", version=1) == "site:1:k"
    c2 = LocMemCache("keys", {"KEY_FUNCTION": lambda k, p, v: f"{p}|{v}|{k}"})
    assert c2.make_key("k") == "|1|k"


class ClosingCache(DummyCache):
    """Counts close() calls."""

    def __init__(self, location, params):
        super().__init__(location, params)
        self.closed = 0

    def close(self, **kwargs):
        self.closed += 1


def test_base_cache_requires_methods():
    """BaseCache's storage methods must be provided by subclasses."""
    base = BaseCache({})
    with pytest.raises(NotImplementedError, match="get"):
        base.get("k")


def test_settings_change_to_invalid_caches_fails_on_use(settings):
    """Switching to a CACHES without 'default' does not break override_settings; use fails."""
    settings.CACHES = {"default": {"BACKEND": LOCMEM, "LOCATION": "x"}}
    caches["default"]
    settings.CACHES = {"other": {"BACKEND": LOCMEM}}
    with pytest.raises(InvalidCacheBackendError, match="'default' cache alias is required"):
        caches["other"]
