"""``manage.py clearsessions`` calls the engine's ``clear_expired``."""

from __future__ import annotations

import datetime
import io
import os

import pytest

from framework.apps import apps
from framework.contrib.sessions.backends.file import SessionStore as FileStore
from framework.contrib.sessions.management.commands.clearsessions import Command
from framework.core.management import call_command


@pytest.fixture
def sessions_app(settings):
    """framework.contrib.sessions installed, so that its command is found.

    The setting is overridden too: its change signal resets the cached command list
    on the way in and on the way out.
    """
    apps.set_installed_apps(["framework.contrib.sessions"])
    settings.INSTALLED_APPS = ["framework.contrib.sessions"]
    yield
    apps.unset_installed_apps()


def test_command_is_found_in_the_installed_app(sessions_app, settings, session_dir):
    """With the app installed, ``clearsessions`` deletes expired file sessions."""
    settings.SESSION_ENGINE = "framework.contrib.sessions.backends.file"
    expired = FileStore()
    expired["a"] = 1
    expired.set_expiry(datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(seconds=1))
    expired.save()
    alive = FileStore()
    alive["a"] = 1
    alive.save()
    call_command("clearsessions")
    assert os.listdir(session_dir) == [f"sessionid{alive.session_key}"]


def test_engine_without_clear_expired(settings):
    """An engine that cannot clear expired sessions is reported on stderr, naming it."""
    settings.SESSION_ENGINE = "tests.sessions.engine_without_clear"
    stderr = io.StringIO()
    call_command(Command(), stderr=stderr)
    assert (
        "Session engine 'tests.sessions.engine_without_clear' doesn't support clearing expired "
        "sessions." in stderr.getvalue()
    )
