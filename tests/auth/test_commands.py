"""``createsuperuser`` and ``changepassword``."""

from __future__ import annotations

import io

import pytest

from framework.contrib.auth.management.commands import changepassword, createsuperuser
from framework.contrib.auth.models import User
from framework.core.management.base import CommandError


def run(command_class, *args, **options):
    out, err = io.StringIO(), io.StringIO()
    command = command_class(stdout=out, stderr=err)
    parser = command.create_parser("manage.py", "cmd")
    parsed = parser.parse_args([*args])
    defaults = {**vars(parsed), **options}
    defaults.pop("args", None)
    command.requires_system_checks = []
    command.requires_migrations_checks = False
    result = command.execute(**defaults)
    return result, out.getvalue(), err.getvalue()


def test_createsuperuser_noinput_from_environment(contrib_db, monkeypatch):
    """--noinput takes username, e-mail and password from FRAMEWORK_SUPERUSER_* variables."""
    monkeypatch.setenv("FRAMEWORK_SUPERUSER_USERNAME", "admin")
    monkeypatch.setenv("FRAMEWORK_SUPERUSER_EMAIL", "admin@example.com")
    monkeypatch.setenv("FRAMEWORK_SUPERUSER_PASSWORD", "s3cret-pass")
    _, out, _ = run(createsuperuser.Command, "--noinput")
    assert "Superuser created successfully." in out
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.email == "admin@example.com"
    assert admin.check_password("s3cret-pass")


def test_createsuperuser_noinput_without_password_is_unusable(contrib_db):
    """Without FRAMEWORK_SUPERUSER_PASSWORD the superuser cannot log in yet."""
    run(createsuperuser.Command, "--noinput", "--username", "root", "--email", "r@example.com")
    assert not User.objects.get(username="root").has_usable_password()


def test_createsuperuser_noinput_errors_name_the_option(contrib_db, monkeypatch):
    """Missing or taken usernames give a CommandError saying what to pass."""
    monkeypatch.delenv("FRAMEWORK_SUPERUSER_USERNAME", raising=False)
    with pytest.raises(CommandError, match="--username"):
        run(createsuperuser.Command, "--noinput", "--email", "x@example.com")
    User.objects.create_user("taken")
    with pytest.raises(CommandError, match="already taken"):
        run(createsuperuser.Command, "--noinput", "--username", "taken", "--email", "x@e.com")


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_createsuperuser_interactive(contrib_db, monkeypatch):
    """Interactively: prompts for username and e-mail, reads the password twice."""
    answers = iter(["boss", "boss@example.com"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    passwords = iter(["pw-interactive-1", "pw-interactive-1"])
    monkeypatch.setattr(createsuperuser.getpass, "getpass", lambda prompt="": next(passwords))
    _, out, _ = run(createsuperuser.Command, stdin=FakeTTY())
    assert "Superuser created successfully." in out
    assert User.objects.get(username="boss").check_password("pw-interactive-1")


def test_changepassword(contrib_db, monkeypatch):
    """changepassword asks twice and saves the new password; unknown users are an error."""
    User.objects.create_user("alice", password="old-pass")
    passwords = iter(["mismatch-1", "mismatch-2", "new-pass-99", "new-pass-99"])
    monkeypatch.setattr(changepassword.getpass, "getpass", lambda prompt="": next(passwords))
    result, out, _ = run(changepassword.Command, "alice")
    assert "Passwords do not match" in out
    assert result == "Password changed successfully for user 'alice'"
    assert User.objects.get(username="alice").check_password("new-pass-99")
    with pytest.raises(CommandError, match="user 'ghost' does not exist"):
        run(changepassword.Command, "ghost")
