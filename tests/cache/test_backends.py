"""The whole cache API, run against every real backend through the ``cache`` fixture."""

from __future__ import annotations

import time
import warnings

import pytest

from framework.core.cache import CacheKeyWarning, InvalidCacheKey

MEMCACHED = "memcached"


def wait_until_missing(cache, key: str, limit: float = 4.0) -> float:
    """Poll until ``key`` is gone; return the seconds it took (fail past ``limit``)."""
    start = time.monotonic()
    while cache.get(key) is not None:
        if time.monotonic() - start > limit:
            pytest.fail(f"{key!r} still cached after {limit}s")
        time.sleep(0.1)
    return time.monotonic() - start


class TestCacheAPI:
    """Each backend behaves as Django documents the low-level cache API."""

    def test_set_and_get(self, cache):
        """A stored value comes back; a missing key gives None or the default."""
        cache.set("key", "value")
        assert cache.get("key") == "value"
        assert cache.get("missing") is None
        assert cache.get("missing", "fallback") == "fallback"

    def test_values_round_trip(self, cache):
        """Any picklable value comes back equal, including falsy ones and bytes."""
        values = {
            "str": "héllo ☃",
            "int": 42,
            "float": 1.5,
            "bytes": b"\x00\xffbinary",
            "list": [1, "two", 3.0],
            "dict": {"a": [1, 2], "b": None},
            "zero": 0,
            "false": False,
            "empty": "",
            "tuple": (1, 2),
        }
        for key, value in values.items():
            cache.set(key, value)
        for key, value in values.items():
            got = cache.get(key)
            assert got == value and type(got) is type(value), key

    def test_unicode_key(self, cache):
        """Non-ASCII keys work."""
        cache.set("ключ-ü", "v")
        assert cache.get("ключ-ü") == "v"

    def test_overwrite(self, cache):
        """set() replaces the value."""
        cache.set("key", 1)
        cache.set("key", 2)
        assert cache.get("key") == 2

    def test_add(self, cache):
        """add() stores only a missing key and says whether it did."""
        assert cache.add("key", "first") is True
        assert cache.add("key", "second") is False
        assert cache.get("key") == "first"

    def test_add_after_expiry(self, cache):
        """add() succeeds over a key that has expired."""
        cache.set("key", "old", 0)
        assert cache.add("key", "new") is True
        assert cache.get("key") == "new"

    def test_delete(self, cache):
        """delete() removes the key and says whether it existed."""
        cache.set("key", "value")
        assert cache.delete("key") is True
        assert cache.get("key") is None
        assert cache.delete("key") is False

    def test_has_key_and_contains(self, cache):
        """has_key() and ``in`` see stored keys, including a stored None."""
        cache.set("key", "value")
        assert cache.has_key("key") and "key" in cache
        assert not cache.has_key("missing") and "missing" not in cache
        cache.set("none", None)
        assert cache.has_key("none")

    def test_get_many(self, cache):
        """get_many() returns only the keys that are stored, under their given names."""
        cache.set("a", "A")
        cache.set("b", "B")
        assert cache.get_many(["a", "b", "c"]) == {"a": "A", "b": "B"}
        assert cache.get_many([]) == {}

    def test_set_many(self, cache):
        """set_many() stores every item and returns the failed keys (none)."""
        assert cache.set_many({"a": 1, "b": 2}) == []
        assert cache.get_many(["a", "b"]) == {"a": 1, "b": 2}

    def test_set_many_timeout_zero(self, cache):
        """set_many() with timeout 0 stores nothing that can be read."""
        cache.set_many({"a": 1, "b": 2}, 0)
        assert cache.get_many(["a", "b"]) == {}

    def test_delete_many(self, cache):
        """delete_many() removes the listed keys only."""
        cache.set_many({"a": 1, "b": 2, "c": 3})
        cache.delete_many(["a", "b", "missing"])
        assert cache.get_many(["a", "b", "c"]) == {"c": 3}

    def test_incr_decr(self, cache):
        """incr()/decr() change a stored number and return the result."""
        cache.set("n", 10)
        assert cache.incr("n") == 11
        assert cache.incr("n", 10) == 21
        assert cache.decr("n") == 20
        assert cache.decr("n", 5) == 15
        assert cache.get("n") == 15
        assert cache.incr("n", -3) == 12

    def test_incr_missing_raises(self, cache):
        """incr()/decr() of a missing key raise ValueError."""
        with pytest.raises(ValueError):
            cache.incr("missing")
        with pytest.raises(ValueError):
            cache.decr("missing")

    def test_get_or_set(self, cache):
        """get_or_set() stores the default (called if callable) only when missing."""
        assert cache.get_or_set("key", "default") == "default"
        assert cache.get_or_set("key", "other") == "default"
        assert cache.get_or_set("lazy", lambda: "computed") == "computed"
        assert cache.get("lazy") == "computed"
        calls = []
        cache.get_or_set("lazy", lambda: calls.append(1))
        assert calls == []

    def test_versions(self, cache):
        """Keys of different versions are separate; version= selects one."""
        cache.set("key", "v1", version=1)
        cache.set("key", "v2", version=2)
        assert cache.get("key") == "v1"
        assert cache.get("key", version=2) == "v2"
        assert cache.get("key", version=3) is None
        cache.delete("key", version=2)
        assert cache.get("key", version=2) is None
        assert cache.get("key", version=1) == "v1"

    def test_incr_decr_version(self, cache):
        """incr_version() moves the value to the next version; decr_version() back."""
        cache.set("key", "value")
        assert cache.incr_version("key") == 2
        assert cache.get("key") is None
        assert cache.get("key", version=2) == "value"
        assert cache.decr_version("key", version=2) == 1
        assert cache.get("key") == "value"
        with pytest.raises(ValueError):
            cache.incr_version("missing")

    def test_default_version_setting(self, make_cache, backend):
        """VERSION sets the default version; two caches with different VERSIONs share keys."""
        v1 = make_cache(backend)
        v2 = make_cache(backend, VERSION=2)
        v1.set("key", "one")
        v2.set("key", "two")
        assert v1.get("key") == "one"
        assert v2.get("key") == "two"
        assert v1.get("key", version=2) == "two"

    def test_key_prefix(self, make_cache, backend):
        """Caches with different KEY_PREFIX on one store do not see each other's keys."""
        base = {"KEY_PREFIX": "fwtest_a"} if backend != "redis" else {}
        first = make_cache(backend, **base)
        second = make_cache(backend, KEY_PREFIX=f"{first.key_prefix}_other")
        first.set("key", "first")
        assert second.get("key") is None
        second.set("key", "second")
        assert first.get("key") == "first"

    def test_key_function(self, make_cache, backend):
        """KEY_FUNCTION (a dotted path) builds the stored keys."""
        custom = make_cache(backend, KEY_FUNCTION="tests.cache.keyfuncs.reversed_key")
        plain = make_cache(backend, KEY_PREFIX=custom.key_prefix)
        custom.set("key", "value")
        assert custom.make_key("key") == f"yek:{custom.key_prefix}:1"
        assert custom.get("key") == "value"
        assert plain.get("key") is None

    def test_timeout_zero_expires_at_once(self, cache):
        """A timeout of 0 stores nothing that can be read."""
        cache.set("key", "value", 0)
        assert cache.get("key") is None
        assert cache.add("other", "value", 0) is True
        assert cache.get("other") is None

    def test_timeout_none_is_forever(self, make_cache, backend):
        """TIMEOUT None (or timeout=None) keeps the key with no expiry."""
        cache = make_cache(backend, TIMEOUT=None)
        cache.set("key", "value")
        cache.set("other", "value", None)
        assert cache.get("key") == "value" and cache.get("other") == "value"
        assert cache.default_timeout is None

    def test_expiry(self, cache):
        """A key with a 1-second timeout disappears soon after."""
        cache.set("key", "value", 1)
        cache.set("stays", "value", 60)
        assert cache.get("key") == "value"
        assert wait_until_missing(cache, "key") < 3.5
        assert cache.get("stays") == "value"

    def test_touch(self, cache):
        """touch() sets a new timeout on existing keys only; 0 expires the key."""
        cache.set("key", "value", 60)
        assert cache.touch("key", 120) is True
        assert cache.get("key") == "value"
        assert cache.touch("key", None) is True
        assert cache.get("key") == "value"
        assert cache.touch("missing") is False
        assert cache.touch("key", 0) is True
        assert cache.get("key") is None

    def test_clear(self, cache):
        """clear() empties the cache."""
        cache.set_many({"a": 1, "b": 2})
        cache.clear()
        assert cache.get_many(["a", "b"]) == {}

    def test_close(self, cache):
        """close() can be called, and the cache works afterwards."""
        cache.set("key", "value")
        cache.close()
        assert cache.get("key") == "value"

    def test_unsafe_key(self, cache, backend):
        """Memcached-unsafe keys warn (CacheKeyWarning); memcached raises InvalidCacheKey, and
        so does the database cache for keys longer than its column."""
        for key in ("with space", "x" * 260):
            if backend == MEMCACHED:
                with pytest.raises(InvalidCacheKey, match="memcached"):
                    cache.set(key, "value")
            elif backend.startswith("db_") and len(key) > 255:
                with pytest.warns(CacheKeyWarning), pytest.raises(InvalidCacheKey, match="255"):
                    cache.set(key, "value")
            else:
                with pytest.warns(CacheKeyWarning, match="memcached"):
                    cache.set(key, "value")
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", CacheKeyWarning)
                    assert cache.get(key) == "value"


@pytest.mark.parametrize("backend", ["locmem", "filebased", "db_sqlite"])
def test_max_entries_culls(make_cache, backend):
    """Past MAX_ENTRIES, a fraction (1/CULL_FREQUENCY) of the entries is dropped."""
    cache = make_cache(backend, OPTIONS={"MAX_ENTRIES": 30, "CULL_FREQUENCY": 3})
    for i in range(50):
        cache.set(f"key{i:02d}", i)
    count = sum(cache.has_key(f"key{i:02d}") for i in range(50))
    assert 15 <= count <= 30
    assert cache.get("key49") == 49


@pytest.mark.parametrize("backend", ["locmem", "filebased", "db_sqlite"])
def test_cull_frequency_zero_clears(make_cache, backend):
    """CULL_FREQUENCY 0 empties the cache when MAX_ENTRIES is reached."""
    cache = make_cache(backend, OPTIONS={"MAX_ENTRIES": 10, "CULL_FREQUENCY": 0})
    for i in range(11):
        cache.set(f"key{i}", i)
    assert sum(cache.has_key(f"key{i}") for i in range(11)) < 10
    assert cache.get("key10") == 10
