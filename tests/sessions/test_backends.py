"""SessionBase behaviour on each backend (signed cookies, file), and backend specifics."""

from __future__ import annotations

import datetime
import logging
import os

import pytest

from framework.contrib.sessions.backends.base import CreateError, SessionBase, UpdateError
from framework.contrib.sessions.backends.file import SessionStore as FileStore
from framework.contrib.sessions.backends.signed_cookies import SessionStore as SignedStore
from framework.contrib.sessions.exceptions import InvalidSessionKey
from framework.core.exceptions import ImproperlyConfigured


def reloaded(SessionStore, session):
    """Save ``session`` and return a new store loaded from its key."""
    session.save()
    return SessionStore(session.session_key)


class TestDictAPI:
    """The session behaves like a dict and tracks ``accessed`` and ``modified``."""

    def test_new_session_is_empty(self, SessionStore):
        """A new session has no key, no data, and is neither accessed nor modified."""
        session = SessionStore()
        assert session.session_key is None
        assert session.is_empty()
        assert not session.accessed and not session.modified

    def test_set_get_contains(self, SessionStore):
        """Item assignment marks the session modified; reading marks it accessed."""
        session = SessionStore()
        session["cat"] = "Tom"
        assert session.modified and session.accessed
        assert session["cat"] == "Tom" and "cat" in session
        assert session.get("dog") is None and session.get("dog", 1) == 1

    def test_pop_and_setdefault(self, SessionStore):
        """pop() of a missing key with a default leaves ``modified`` alone."""
        session = SessionStore()
        assert session.pop("missing", "default") == "default"
        assert not session.modified
        with pytest.raises(KeyError):
            session.pop("missing")
        assert session.setdefault("a", 1) == 1
        assert session.setdefault("a", 2) == 1
        assert session.pop("a") == 1 and session.modified

    def test_update_keys_values_items_delete(self, SessionStore):
        """update, keys, values, items and del work as on a dict."""
        session = SessionStore()
        session.update({"a": 1, "b": 2})
        assert sorted(session.keys()) == ["a", "b"]
        assert sorted(session.values()) == [1, 2]
        assert sorted(session.items()) == [("a", 1), ("b", 2)]
        assert session.has_key("a")
        del session["a"]
        assert "a" not in session

    def test_clear(self, SessionStore):
        """clear() empties the data and marks the session modified."""
        session = SessionStore()
        session["a"] = 1
        session.save()
        session.modified = False
        session.clear()
        assert list(session.items()) == [] and session.modified

    def test_save_and_load(self, SessionStore):
        """Saved data comes back under the session key."""
        session = SessionStore()
        session["answer"] = 42
        session["nested"] = {"list": [1, "two"]}
        loaded = reloaded(SessionStore, session)
        assert loaded["answer"] == 42 and loaded["nested"] == {"list": [1, "two"]}

    def test_unknown_key_gives_an_empty_session(self, SessionStore):
        """A key that matches nothing loads as an empty session."""
        session = SessionStore("abcdefgh12345678")
        assert dict(session.items()) == {}

    def test_test_cookie(self, SessionStore):
        """set_test_cookie / test_cookie_worked / delete_test_cookie."""
        session = SessionStore()
        session.set_test_cookie()
        assert session.test_cookie_worked()
        session.delete_test_cookie()
        assert not session.test_cookie_worked()

    def test_values_must_be_json_serialisable(self, SessionStore):
        """The default JSON serializer refuses what JSON cannot hold, when saving."""
        session = SessionStore()
        session["when"] = datetime.datetime(2020, 1, 1)
        with pytest.raises(TypeError):
            session.save()


class TestLifeCycle:
    """cycle_key() and flush()."""

    def test_cycle_key_keeps_the_data(self, SessionStore):
        """cycle_key() keeps the data, under a key that loads it back."""
        session = SessionStore()
        session["user"] = "alice"
        session.save()
        session.cycle_key()
        session.save()
        assert SessionStore(session.session_key)["user"] == "alice"

    def test_cycle_key_replaces_a_stored_key(self, session_dir):
        """On the file backend the new key differs and the old session is deleted."""
        session = FileStore()
        session["user"] = "alice"
        session.save()
        old_key = session.session_key
        session.cycle_key()
        assert session.session_key != old_key
        assert not FileStore(old_key).exists(old_key)
        assert FileStore(session.session_key)["user"] == "alice"

    def test_flush(self, SessionStore):
        """flush() deletes the data and the key."""
        session = SessionStore()
        session["user"] = "alice"
        session.save()
        session.flush()
        assert session.session_key is None
        assert dict(session.items()) == {}
        assert session.is_empty()


class TestExpiry:
    """set_expiry and the expiry getters follow Django's rules."""

    def test_default_age(self, SessionStore, settings):
        """Without set_expiry the age is SESSION_COOKIE_AGE."""
        settings.SESSION_COOKIE_AGE = 1000
        session = SessionStore()
        assert session.get_expiry_age() == 1000
        assert not session.get_expire_at_browser_close()

    def test_seconds(self, SessionStore):
        """An int is seconds of inactivity."""
        session = SessionStore()
        session.set_expiry(600)
        assert session.get_expiry_age() == 600
        delta = session.get_expiry_date() - datetime.datetime.now(tz=datetime.UTC)
        assert 598 <= delta.total_seconds() <= 600

    def test_timedelta_and_datetime(self, SessionStore):
        """A timedelta or datetime is a fixed moment, stored as ISO text (JSON-safe)."""
        session = SessionStore()
        session.set_expiry(datetime.timedelta(seconds=300))
        assert isinstance(session["_session_expiry"], str)
        assert 298 <= session.get_expiry_age() <= 300
        moment = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=1)
        session.set_expiry(moment)
        assert session.get_expiry_date() == moment
        loaded = reloaded(SessionStore, session)
        assert loaded.get_expiry_date() == moment

    def test_zero_means_browser_close(self, SessionStore, settings):
        """0 ends the session with the browser; None returns to the global policy."""
        session = SessionStore()
        session.set_expiry(0)
        assert session.get_expire_at_browser_close()
        session.set_expiry(None)
        assert "_session_expiry" not in session
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        assert session.get_expire_at_browser_close()
        session.set_expiry(None)  # removing twice is harmless

    def test_explicit_arguments(self, SessionStore):
        """get_expiry_age(modification=..., expiry=...) computes from the given values."""
        session = SessionStore()
        start = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
        end = start + datetime.timedelta(seconds=90)
        assert session.get_expiry_age(modification=start, expiry=end) == 90
        assert session.get_expiry_age(modification=start, expiry=end.isoformat()) == 90
        assert session.get_expiry_date(modification=start, expiry=30) == start + datetime.timedelta(
            seconds=30
        )


def test_base_class_methods_are_abstract():
    """SessionBase leaves storage to subclasses."""
    session = SessionBase()
    for call in (
        lambda: session.exists("k"),
        session.create,
        session.save,
        session.delete,
        session.load,
        SessionBase.clear_expired,
    ):
        with pytest.raises(NotImplementedError):
            call()


def test_decode_of_tampered_data_is_empty_and_logged(caplog):
    """decode() of data whose signature fails gives {} and logs on SuspiciousSession."""
    session = SessionBase()
    data = session.encode({"a": 1})
    assert session.decode(data) == {"a": 1}
    assert session.decode(data[:-2] + "xx") == {}
    assert session.decode("garbage") == {}
    names = {r.name for r in caplog.records if r.levelno == logging.WARNING}
    assert "framework.security.SuspiciousSession" in names


class TestSignedCookies:
    """The signed-cookie backend: the key is the signed data."""

    def test_key_is_signed_data(self, settings):
        """The key changes when the data changes and loads back only if untouched."""
        session = SignedStore()
        session["a"] = 1
        session.save()
        key = session.session_key
        assert SignedStore(key)["a"] == 1
        session["a"] = 2
        session.save()
        assert session.session_key != key

    def test_tampered_key_gives_an_empty_session(self):
        """An edited cookie loads as an empty session whose key is dropped, not an error."""
        session = SignedStore()
        session["admin"] = False
        session.save()
        key = session.session_key
        tampered = SignedStore(key[:-1] + ("A" if key[-1] != "A" else "B"))
        assert tampered.get("admin") is None
        assert tampered.session_key is None
        assert tampered.is_empty()

    def test_expired_signature_gives_an_empty_session(self, settings):
        """A cookie older than SESSION_COOKIE_AGE is refused."""
        session = SignedStore()
        session["a"] = 1
        session.save()
        settings.SESSION_COOKIE_AGE = -1
        assert SignedStore(session.session_key).get("a") is None

    def test_secret_key_fallbacks(self, settings):
        """A cookie signed with an old SECRET_KEY still loads while it is a fallback."""
        session = SignedStore()
        session["a"] = 1
        session.save()
        old_key = settings.SECRET_KEY
        settings.SECRET_KEY = "a-new-secret-key"
        assert SignedStore(session.session_key).get("a") is None
        settings.SECRET_KEY_FALLBACKS = [old_key]
        assert SignedStore(session.session_key).get("a") == 1

    def test_clear_expired_is_a_no_op(self):
        """Nothing is stored server-side, so there is nothing to clear."""
        assert SignedStore.clear_expired() is None


class TestFile:
    """The file backend: SESSION_FILE_PATH, safe keys, atomic writes, expiry."""

    def test_one_file_per_session(self, session_dir):
        """A saved session is the file SESSION_COOKIE_NAME + key, readable only by its owner."""
        session = FileStore()
        session["a"] = 1
        session.save()
        path = session_dir / f"sessionid{session.session_key}"
        assert path.is_file()
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        assert os.listdir(session_dir) == [path.name]  # no temporary file left behind

    @pytest.mark.parametrize(
        "key",
        [
            "../../../../etc/passwd",
            "..%2f..%2fetc",
            "abcdefgh/../../x",
            "ABCDEFGHIJKL",
            "abc\x00defghij",
        ],
    )
    def test_unsafe_keys_never_reach_the_file_system(self, session_dir, key):
        """A key with other characters than generated keys is dropped: empty session."""
        session = FileStore(key)
        assert session.session_key is None
        assert dict(session.items()) == {}
        assert not session.exists(key)
        with pytest.raises(InvalidSessionKey):
            session._key_to_file(key)
        session.delete(key)  # harmless
        session["a"] = 1
        session.save()
        assert session.session_key != key
        assert len(os.listdir(session_dir)) == 1

    def test_unsafe_key_is_logged(self, session_dir, caplog):
        """A key with foreign characters is logged on framework.security.InvalidSessionKey."""
        FileStore("../../../../etc/passwd")
        (record,) = [r for r in caplog.records if r.name.endswith("InvalidSessionKey")]
        assert record.name == "framework.security.InvalidSessionKey"
        assert "../../../../etc/passwd" in record.getMessage()

    def test_short_key_is_dropped(self, session_dir):
        """A key shorter than 8 characters is not a session key."""
        assert FileStore("a" * 7).session_key is None

    def test_missing_directory_is_a_configuration_error(self, settings, tmp_path):
        """SESSION_FILE_PATH that is no directory raises ImproperlyConfigured naming it."""
        settings.SESSION_FILE_PATH = str(tmp_path / "missing")
        with pytest.raises(ImproperlyConfigured, match="SESSION_FILE_PATH"):
            FileStore()

    def test_create_refuses_a_taken_key(self, session_dir):
        """save(must_create=True) on an existing file raises CreateError."""
        session = FileStore()
        session["a"] = 1
        session.save()
        other = FileStore(session.session_key)
        with pytest.raises(CreateError):
            other.save(must_create=True)

    def test_update_of_a_deleted_session(self, session_dir):
        """save() of a session whose file was deleted meanwhile raises UpdateError."""
        session = FileStore()
        session["a"] = 1
        session.save()
        FileStore().delete(session.session_key)
        with pytest.raises(UpdateError):
            session.save()

    def test_expired_file_is_deleted_on_load(self, session_dir):
        """Loading an expired session gives an empty one and removes the file."""
        session = FileStore()
        session["a"] = 1
        session.set_expiry(datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(seconds=5))
        session.save()
        old_key = session.session_key
        loaded = FileStore(old_key)
        assert loaded.get("a") is None
        assert not (session_dir / f"sessionid{old_key}").exists()

    def test_inactivity_expiry_uses_the_file_time(self, session_dir, settings):
        """Without an explicit expiry, a file untouched for SESSION_COOKIE_AGE expires."""
        session = FileStore()
        session["a"] = 1
        session.save()
        path = session_dir / f"sessionid{session.session_key}"
        old = path.stat().st_mtime - 3600
        os.utime(path, (old, old))
        settings.SESSION_COOKIE_AGE = 1800
        assert FileStore(session.session_key).get("a") is None

    def test_inactivity_expiry_of_set_expiry_seconds(self, session_dir):
        """set_expiry(seconds) counts from the last save (the file time), too."""
        session = FileStore()
        session["a"] = 1
        session.set_expiry(600)
        session.save()
        path = session_dir / f"sessionid{session.session_key}"
        assert FileStore(session.session_key).get("a") == 1
        old = path.stat().st_mtime - 601
        os.utime(path, (old, old))
        assert FileStore(session.session_key).get("a") is None

    def test_corrupted_file_gives_an_empty_session(self, session_dir):
        """A file edited by hand (bad signature) loads as an empty session."""
        session = FileStore()
        session["a"] = 1
        session.save()
        path = session_dir / f"sessionid{session.session_key}"
        path.write_text(path.read_text()[:-3] + "abc")
        assert dict(FileStore(session.session_key).items()) == {}

    def test_clear_expired(self, session_dir):
        """clear_expired() deletes expired session files only, and leaves other files alone."""
        past = datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(seconds=5)
        expired, alive = FileStore(), FileStore()
        expired["a"] = alive["a"] = 1
        expired.set_expiry(past)
        expired.save()
        alive.save()
        (session_dir / "unrelated.txt").write_text("keep me")
        FileStore.clear_expired()
        assert sorted(os.listdir(session_dir)) == sorted(
            [f"sessionid{alive.session_key}", "unrelated.txt"]
        )
