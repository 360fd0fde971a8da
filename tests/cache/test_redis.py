"""RedisCache specifics: several servers, pools per process, clear() by prefix."""

from __future__ import annotations

import pytest

from framework.core.cache.backends.redis import RedisCache, RedisSerializer, split_location
from tests.cache.conftest import KEY_PREFIX


@pytest.fixture
def raw(redis_url):
    """A plain redis-py client on the suite's db (and a second db as a 'replica')."""
    import redis

    primary = redis.Redis.from_url(redis_url)
    replica_url = redis_url.rsplit("/", 1)[0] + "/14"
    replica = redis.Redis.from_url(replica_url)
    yield primary, replica, replica_url
    for client in (primary, replica):
        keys = list(client.scan_iter(match=f"{KEY_PREFIX}*"))
        if keys:
            client.delete(*keys)
        client.close()


def test_location_forms():
    """LOCATION may be a URL, a list, or URLs separated by , or ;."""
    assert split_location("redis://a:1/0") == ["redis://a:1/0"]
    assert split_location("redis://a:1/0; redis://b:2/0,redis://c:3/0") == [
        "redis://a:1/0",
        "redis://b:2/0",
        "redis://c:3/0",
    ]
    assert split_location(["redis://a", "redis://b"]) == ["redis://a", "redis://b"]


def test_writes_go_to_the_first_server_reads_to_the_others(redis_url, raw):
    """With two servers, set() writes to the first and get() reads from the second."""
    primary, replica, replica_url = raw
    c = RedisCache([redis_url, replica_url], {"KEY_PREFIX": KEY_PREFIX})
    c.set("k", "written")
    key = c.make_key("k")
    assert primary.exists(key) and not replica.exists(key)
    assert c.get("k") is None
    replica.set(key, c._cache.dumps("replicated"))
    assert c.get("k") == "replicated"


def test_one_pool_per_process(redis_url):
    """Instances (one per thread) with the same LOCATION share a connection pool."""
    first = RedisCache(redis_url, {"KEY_PREFIX": KEY_PREFIX})
    second = RedisCache(redis_url, {"KEY_PREFIX": KEY_PREFIX})
    pool = first._cache.get_client(write=True).connection_pool
    assert second._cache.get_client(write=True).connection_pool is pool


def test_integers_are_redis_integers(redis_url, raw):
    """Integers are stored as Redis integers so that INCRBY is atomic; others pickled."""
    primary, _, _ = raw
    c = RedisCache(redis_url, {"KEY_PREFIX": KEY_PREFIX})
    c.set("n", 41)
    assert primary.get(c.make_key("n")) == b"41"
    assert c.incr("n") == 42
    c.set("b", True)
    assert c.get("b") is True
    assert RedisSerializer().loads(RedisSerializer().dumps("41")) == "41"


def test_clear_removes_only_this_prefix(redis_url, raw):
    """clear() with a KEY_PREFIX deletes that prefix's keys, and no others."""
    primary, _, _ = raw
    mine = RedisCache(redis_url, {"KEY_PREFIX": f"{KEY_PREFIX}_mine"})
    theirs = RedisCache(redis_url, {"KEY_PREFIX": f"{KEY_PREFIX}_theirs"})
    mine.set("k", 1)
    mine.set("k", 2, version=5)
    theirs.set("k", 3)
    mine.clear()
    assert mine.get("k") is None and mine.get("k", version=5) is None
    assert theirs.get("k") == 3


def test_options_go_to_redis_py(redis_url):
    """OPTIONS other than MAX_ENTRIES/CULL_FREQUENCY are connection pool arguments."""
    c = RedisCache(
        redis_url,
        {"KEY_PREFIX": KEY_PREFIX, "OPTIONS": {"MAX_ENTRIES": 5, "socket_timeout": 3}},
    )
    pool = c._cache.get_client().connection_pool
    assert pool.connection_kwargs["socket_timeout"] == 3
    assert "MAX_ENTRIES" not in pool.connection_kwargs


def test_missing_location_is_refused():
    """An empty LOCATION names the fix."""
    with pytest.raises(Exception, match="redis://"):
        RedisCache("", {})
