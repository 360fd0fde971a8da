"""LocMemCache specifics: LRU eviction, thread safety, isolation of stored objects."""

from __future__ import annotations

import threading
import uuid

import pytest

from framework.core.cache.backends.locmem import LocMemCache


@pytest.fixture
def make():
    built = []

    def factory(**params):
        c = LocMemCache(f"locmem-{uuid.uuid4().hex}", params)
        built.append(c)
        return c

    yield factory
    for c in built:
        c.clear()


def test_least_recently_used_goes_first(make):
    """When full, the entry read or written least recently is evicted."""
    c = make(OPTIONS={"MAX_ENTRIES": 3, "CULL_FREQUENCY": 3})
    c.set("a", 1)
    c.set("b", 2)
    c.set("c", 3)
    assert c.get("a") == 1  # a is now more recent than b
    c.set("d", 4)
    assert c.get_many(["a", "b", "c", "d"]) == {"a": 1, "c": 3, "d": 4}


def test_stored_values_are_copies(make):
    """Changing an object after set() (or after get()) does not change the cached value."""
    c = make()
    value = {"items": [1]}
    c.set("k", value)
    value["items"].append(2)
    got = c.get("k")
    assert got == {"items": [1]}
    got["items"].append(3)
    assert c.get("k") == {"items": [1]}


def test_same_location_shares_data(make):
    """Two instances with one LOCATION share the store; other locations are separate."""
    c = make()
    twin = LocMemCache(next(iter(_location_of(c))), {})
    other = make()
    c.set("k", "v")
    assert twin.get("k") == "v"
    assert other.get("k") is None


def _location_of(c):
    from framework.core.cache.backends import locmem

    return [name for name, store in locmem._stores.items() if store[0] is c._cache]


def test_concurrent_incr_is_atomic(make):
    """incr() from many threads loses no update."""
    c = make()
    c.set("n", 0)

    def work():
        for _ in range(200):
            c.incr("n")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert c.get("n") == 1600


def test_concurrent_add_has_one_winner(make):
    """Of many threads calling add() on one key, exactly one succeeds."""
    c = make()
    results = []
    barrier = threading.Barrier(8)

    def work(i):
        barrier.wait()
        results.append(c.add("k", i))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 1
