"""The database session backend on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime

import pytest

from framework.contrib.sessions.backends.base import UpdateError
from framework.contrib.sessions.backends.db import SessionStore
from framework.contrib.sessions.models import Session

# Module scope: the set-up must end with this module (tests/sessions has other tests).
from tests.support.contrib_db import contrib_backends_per_module  # noqa: F401
from tests.support.contrib_db import contrib_db as contrib_db  # noqa: F401


def test_save_and_load(contrib_db):
    """Data saved under a key is read back by a new store with that key."""
    store = SessionStore()
    store["cart"] = [1, 2, 3]
    store.save()
    assert Session.objects.filter(session_key=store.session_key).exists()
    again = SessionStore(store.session_key)
    assert again["cart"] == [1, 2, 3]
    assert Session.objects.get(session_key=store.session_key).get_decoded() == {"cart": [1, 2, 3]}


def test_unknown_key_starts_empty_session(contrib_db):
    """A key with no row loads as an empty session and gets a new key when saved."""
    store = SessionStore("doesnotexist12345678")
    assert dict(store.items()) == {}
    store["x"] = 1
    store.save()
    assert store.session_key != "doesnotexist12345678"


def test_expired_session_is_not_loaded(contrib_db):
    """A row past its expire_date reads as empty."""
    store = SessionStore()
    store["x"] = 1
    store.set_expiry(datetime.timedelta(seconds=-10))
    store.save()
    assert SessionStore(store.session_key).get("x") is None


def test_cycle_key_keeps_data_and_deletes_old_row(contrib_db):
    """cycle_key() moves the data to a new key and removes the old row."""
    store = SessionStore()
    store["x"] = 1
    store.save()
    old = store.session_key
    store.cycle_key()
    store.save()
    assert store.session_key != old
    assert not Session.objects.filter(session_key=old).exists()
    assert SessionStore(store.session_key)["x"] == 1


def test_flush_deletes_row(contrib_db):
    """flush() deletes the row and forgets the key."""
    store = SessionStore()
    store["x"] = 1
    store.save()
    key = store.session_key
    store.flush()
    assert store.session_key is None
    assert not Session.objects.filter(session_key=key).exists()


def test_save_after_concurrent_delete_raises_update_error(contrib_db):
    """Saving a session deleted meanwhile (e.g. a logout elsewhere) raises UpdateError."""
    store = SessionStore()
    store["x"] = 1
    store.save()
    Session.objects.filter(session_key=store.session_key).delete()
    store["y"] = 2
    with pytest.raises(UpdateError):
        store.save()


def test_clear_expired(contrib_db):
    """clear_expired() deletes only the expired rows."""
    live = SessionStore()
    live["a"] = 1
    live.save()
    dead = SessionStore()
    dead["b"] = 1
    dead.set_expiry(datetime.timedelta(seconds=-1))
    dead.save()
    SessionStore.clear_expired()
    keys = set(Session.objects.values_list("session_key", flat=True))
    assert keys == {live.session_key}


def test_tampered_data_reads_empty(contrib_db):
    """Session data that fails its signature check loads as an empty session."""
    store = SessionStore()
    store["x"] = 1
    store.save()
    Session.objects.filter(session_key=store.session_key).update(session_data="garbage:data")
    assert dict(SessionStore(store.session_key).items()) == {}
