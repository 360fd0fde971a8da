"""ConnectionHandler: one wrapper per alias and thread; all(initialized_only=True) lists
this thread's wrappers of configured aliases, whatever changed since it was last asked."""

from __future__ import annotations

import threading

from framework.db.utils import ConnectionHandler


def _handler(tmp_path, *aliases):
    return ConnectionHandler(
        {
            alias: {"ENGINE": "framework.db.backends.sqlite3", "NAME": str(tmp_path / alias)}
            for alias in aliases
        }
    )


def test_initialized_only_follows_creation_replacement_and_deletion(tmp_path):
    handler = _handler(tmp_path, "default", "other")
    assert handler.all(initialized_only=True) == []
    default = handler["default"]
    assert handler.all(initialized_only=True) == [default]
    other = handler["other"]
    assert handler.all(initialized_only=True) == [default, other]
    replacement = handler.create_connection("default")
    handler["default"] = replacement
    assert handler.all(initialized_only=True) == [replacement, other]
    del handler["other"]
    assert handler.all(initialized_only=True) == [replacement]
    listed = handler.all(initialized_only=True)
    listed.clear()  # the caller's list is its own
    assert handler.all(initialized_only=True) == [replacement]
    handler.close_all()


def test_initialized_only_is_per_thread_and_follows_settings(tmp_path):
    handler = _handler(tmp_path, "default", "other")
    mine = handler["default"]
    handler["other"]
    seen = []
    worker = threading.Thread(target=lambda: seen.append(handler.all(initialized_only=True)))
    worker.start()
    worker.join()
    assert seen == [[]]
    # Settings replaced without reset() (as tests do): an alias no longer configured is left out.
    handler._settings = {"default": handler.settings["default"]}
    assert handler.all(initialized_only=True) == [mine]
    handler.reset()
    assert handler.all(initialized_only=True) == []


def test_initialized_is_the_kept_list_until_the_wrappers_change(tmp_path):
    """initialized() hands out the list it keeps (the request boundaries only iterate it)
    and a new one once a wrapper is created, replaced or deleted."""
    handler = _handler(tmp_path, "default", "other")
    first = handler.initialized()
    assert first == [] and handler.initialized() is first
    default = handler["default"]
    assert handler.initialized() == [default]
    kept = handler.initialized()
    assert handler.initialized() is kept
    assert handler.all(initialized_only=True) is not kept
    del handler["default"]
    assert handler.initialized() == []
    assert kept == [default]  # a list handed out earlier is not changed under its reader
    default.close()
