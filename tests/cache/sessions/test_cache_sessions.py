"""Sessions on the cache: the ``cache`` and ``cached_db`` session backends."""

from __future__ import annotations

import time
import uuid

import pytest
import webtest

from framework.contrib.sessions.backends.base import UpdateError
from framework.contrib.sessions.backends.cache import SessionStore as CacheStore
from framework.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from framework.core.cache import caches
from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import clear_script_prefix, set_urlconf


@pytest.fixture(autouse=True)
def session_caches(settings):
    """A fresh local-memory cache for sessions, named by SESSION_CACHE_ALIAS."""
    run = uuid.uuid4().hex
    settings.CACHES = {
        "default": {
            "BACKEND": "framework.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"default-{run}",
        },
        "sessions": {
            "BACKEND": "framework.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"sessions-{run}",
        },
    }
    settings.SESSION_CACHE_ALIAS = "sessions"
    return caches["sessions"]


def test_cache_session_round_trip(session_caches):
    """A saved session is loaded back by key from SESSION_CACHE_ALIAS's cache."""
    store = CacheStore()
    store["user"] = "alice"
    store.save()
    key = store.session_key
    assert key and session_caches.get(store.cache_key) == {"user": "alice"}
    assert CacheStore(key)["user"] == "alice"
    assert CacheStore().exists(key)
    assert caches["default"].get(store.cache_key) is None


def test_cache_session_unknown_key(session_caches):
    """An unknown key loads an empty session and drops the key."""
    store = CacheStore("nosuchsessionkey1234")
    assert store.get("user") is None
    assert store.session_key is None


def test_cache_session_delete_and_flush(session_caches):
    """delete() and flush() remove the session from the cache."""
    store = CacheStore()
    store["a"] = 1
    store.save()
    key = store.session_key
    store.flush()
    assert store.session_key is None
    assert not CacheStore().exists(key)


def test_cache_session_cycle_key(session_caches):
    """cycle_key() keeps the data under a new key and forgets the old one."""
    store = CacheStore()
    store["a"] = 1
    store.save()
    old = store.session_key
    store.cycle_key()
    store.save()
    assert store.session_key != old
    assert not CacheStore().exists(old)
    assert CacheStore(store.session_key)["a"] == 1


def test_cache_session_expiry(session_caches):
    """The cache entry lives as long as the session's expiry age, then the session is gone."""
    store = CacheStore()
    store.set_expiry(1)
    store["a"] = 1
    store.save()
    key = store.session_key
    assert CacheStore(key)["a"] == 1
    deadline = time.monotonic() + 4
    while CacheStore().exists(key):
        assert time.monotonic() < deadline, "session still cached 4s after a 1s expiry"
        time.sleep(0.1)
    assert CacheStore(key).get("a") is None


def test_cache_session_save_after_eviction_raises_update_error(session_caches):
    """Saving a session that the cache lost meanwhile raises UpdateError."""
    store = CacheStore()
    store["a"] = 1
    store.save()
    session_caches.clear()
    store["a"] = 2
    with pytest.raises(UpdateError):
        store.save()


def test_cache_session_through_middleware(settings):
    """SessionMiddleware with the cache engine keeps data between requests."""
    settings.SESSION_ENGINE = "framework.contrib.sessions.backends.cache"
    settings.ROOT_URLCONF = "tests.sessions.urls"
    settings.MIDDLEWARE = ["framework.contrib.sessions.middleware.SessionMiddleware"]
    app = webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})
    try:
        app.get("/set/?value=cached")
        assert app.get("/get/").text == "cached"
    finally:
        clear_script_prefix()
        set_urlconf(None)


# ---------------------------------------------------------------- cached_db
def test_cached_db_writes_through(contrib_db, session_caches):
    """cached_db saves to the database and the cache; reads come from the cache."""
    from framework.contrib.sessions.models import Session

    store = CachedDBStore()
    store["user"] = "bob"
    store.save()
    key = store.session_key
    assert Session.objects.filter(session_key=key).exists()
    assert session_caches.get(store.cache_key) == {"user": "bob"}
    # The cache answers even if the row is gone...
    Session.objects.filter(session_key=key).delete()
    assert CachedDBStore(key)["user"] == "bob"


def test_cached_db_falls_back_to_database(contrib_db, session_caches):
    """With the cache emptied, the session is read from the database and cached again."""
    store = CachedDBStore()
    store["user"] = "carol"
    store.save()
    key = store.session_key
    session_caches.clear()
    loaded = CachedDBStore(key)
    assert loaded["user"] == "carol"
    assert session_caches.get(loaded.cache_key) == {"user": "carol"}
    assert CachedDBStore().exists(key)


def test_cached_db_delete(contrib_db, session_caches):
    """delete() removes the row and the cache entry."""
    from framework.contrib.sessions.models import Session

    store = CachedDBStore()
    store["a"] = 1
    store.save()
    key = store.session_key
    store.delete()
    assert not Session.objects.filter(session_key=key).exists()
    assert session_caches.get(CachedDBStore.cache_key_prefix + key) is None
    assert not CachedDBStore().exists(key)
