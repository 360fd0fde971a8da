"""DummyCache: the whole API works and nothing is stored."""

from __future__ import annotations

import pytest

from framework.core.cache import CacheKeyWarning
from framework.core.cache.backends.dummy import DummyCache


@pytest.fixture
def dummy():
    return DummyCache("", {})


def test_nothing_is_stored(dummy):
    """Every read misses after any write."""
    dummy.set("k", "v")
    assert dummy.get("k") is None
    assert dummy.get("k", "default") == "default"
    assert dummy.add("k", "v") is True
    assert dummy.get("k") is None
    assert dummy.set_many({"a": 1}) == []
    assert dummy.get_many(["a"]) == {}
    assert not dummy.has_key("k") and "k" not in dummy
    assert dummy.get_or_set("k", "v") == "v"
    assert dummy.touch("k") is False
    assert dummy.delete("k") is False
    dummy.delete_many(["a"])
    dummy.clear()
    dummy.close()


def test_incr_and_versions_raise(dummy):
    """incr/decr and incr_version/decr_version of a never-stored key raise ValueError."""
    for method in (dummy.incr, dummy.decr, dummy.incr_version, dummy.decr_version):
        with pytest.raises(ValueError):
            method("k")


def test_keys_are_still_validated(dummy):
    """Keys are checked even though nothing is stored, so problems show in development."""
    with pytest.warns(CacheKeyWarning):
        dummy.set("bad key", 1)
