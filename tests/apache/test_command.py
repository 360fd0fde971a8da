"""``manage.py apache``: setup writes only the server root; each failure has its exit code.

These run the real apache2 binary where one is needed (configtest, a start that cannot
bind), never a server that answers requests: that is tests/e2e/test_apache_server.py.
"""

from __future__ import annotations

import os
import socket
from io import StringIO
from pathlib import Path

import pytest

from framework.core.management import CommandError, call_command
from framework_apache.commands.apache import Command as ApacheCommand
from framework_apache.driver import Driver, ExitCode
from framework_apache.serverroot import access_problems
from framework_apache.settings import ApacheSettings
from tests.support.servers import free_port, www_readable_tempdir

as_root = pytest.mark.skipif(os.geteuid() != 0, reason="Apache's user only matters as root")


def apache(*args: str, **options) -> tuple[str, str]:
    """Run ``manage.py apache ARGS``; return (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    # The command object itself: no dependence on the entry point being installed.
    call_command(ApacheCommand(), *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def exit_code(*args: str, **options) -> tuple[int, str]:
    """The exit code and message of a failing ``manage.py apache ARGS``."""
    with pytest.raises(CommandError) as info:
        apache(*args, **options)
    return info.value.returncode, str(info.value)


@pytest.fixture
def base():
    with www_readable_tempdir() as path:
        yield path


@pytest.fixture
def server_root(base: Path) -> str:
    """A server root written by ``apache setup`` for the tests' settings (not started)."""
    root = str(base / "root")
    apache("setup", server_root=root, port=free_port())
    return root


def test_setup_writes_only_the_server_root(base: Path):
    """setup creates httpd.conf, apachectl, the saved settings and the site's WSGI script."""
    out, _ = apache("setup", server_root=str(base / "root"), port=8765, processes=3)
    written = sorted(str(p.relative_to(base)) for p in base.rglob("*"))
    assert written == [
        "root",
        "root/apachectl",
        "root/httpd.conf",
        "root/logs",
        "root/run",
        "root/run/metrics",
        "root/settings.json",
        "root/wsgi",
        "root/wsgi/tests.wsgi",
    ]
    assert os.access(base / "root" / "apachectl", os.X_OK)
    assert f"Wrote the server root {base / 'root'}" in out
    assert "Listen 127.0.0.1:8765" in out
    saved = ApacheSettings.from_json((base / "root" / "settings.json").read_text())
    assert (saved.port, saved.processes, saved.sites[0].settings_module) == (
        8765,
        3,
        "tests.settings",
    )
    assert "processes=3" in (base / "root" / "httpd.conf").read_text()


def test_setup_rejects_an_invalid_option_by_name(base: Path):
    """An invalid --port is an error naming APACHE_PORT/--port and the value; nothing written."""
    code, message = exit_code("setup", server_root=str(base / "root"), port=0)
    assert code == ExitCode.ERROR
    assert message == "APACHE_PORT (--port) must be an integer between 1 and 65535, not 0."
    assert not (base / "root").exists()


def test_invalid_setting_is_reported_by_name(base: Path, settings):
    """An invalid APACHE_* setting in the project is reported with its name and value."""
    settings.APACHE_THREADS = 0
    code, message = exit_code("setup", server_root=str(base / "root"))
    assert code == ExitCode.ERROR
    assert "APACHE_THREADS (--threads) must be an integer between 1 and 1000, not 0." in message


@pytest.mark.parametrize("action", ["configtest", "start", "stop", "reload", "graceful", "status"])
def test_not_set_up(base: Path, action: str):
    """Every action on a missing server root exits 3 and says to run setup."""
    code, message = exit_code(action, server_root=str(base / "nowhere"))
    assert code == ExitCode.NOT_SET_UP == 3
    assert "run `manage.py apache setup` first" in message


@pytest.mark.apache
def test_configtest_ok(server_root: str):
    """configtest on a fresh server root prints Apache's 'Syntax OK' and exits 0."""
    out, _ = apache("configtest", server_root=server_root)
    assert out.strip() == "Syntax OK"


@pytest.mark.apache
def test_broken_config_is_invalid_and_nothing_starts(server_root: str):
    """A broken httpd.conf: configtest and start exit 4 with httpd's message; no httpd runs."""
    conf = Path(server_root) / "httpd.conf"
    lines = conf.read_text().splitlines()
    lines.insert(20, "NoSuchDirective on")
    conf.write_text("\n".join(lines) + "\n")
    for action in ("configtest", "start", "graceful"):
        code, message = exit_code(action, server_root=server_root)
        if action == "graceful":
            assert code == ExitCode.NOT_RUNNING
            continue
        assert code == ExitCode.CONFIG_INVALID == 4
        assert "Syntax error on line 21" in message
        assert "Invalid command 'NoSuchDirective'" in message
    assert Driver(server_root).pid() is None


@pytest.mark.apache
@pytest.mark.parametrize("action", ["stop", "reload", "graceful", "restart", "status"])
def test_not_running(server_root: str, action: str):
    """Set up but not started: stop/reload/graceful/restart/status exit 5."""
    code, message = exit_code(action, server_root=server_root)
    assert code == ExitCode.NOT_RUNNING == 5
    assert message == "Apache is not running."


@pytest.mark.apache
def test_later_actions_use_the_settings_saved_by_setup(server_root: str, settings):
    """After setup, an invalid APACHE_* setting does not stop status/stop from working."""
    settings.APACHE_THREADS = 0
    code, message = exit_code("status", server_root=server_root)
    assert (code, message) == (ExitCode.NOT_RUNNING, "Apache is not running.")


def test_corrupt_saved_settings_say_to_run_setup_again(server_root: str):
    """A damaged settings.json is reported with its path and the fix."""
    (Path(server_root) / "settings.json").write_text("{not json")
    code, message = exit_code("status", server_root=server_root)
    assert code == ExitCode.ERROR
    assert "settings.json' is unreadable" in message and "apache setup` again" in message


@pytest.mark.apache
def test_start_fails_when_the_port_is_taken(base: Path):
    """start exits 6 with Apache's own reason when it cannot listen, and leaves nothing running."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        root = str(base / "root")
        apache("setup", server_root=root, port=port)
        code, message = exit_code("start", server_root=root)
    assert code == ExitCode.START_FAILED == 6
    assert "Apache failed to start" in message
    assert "Address already in use" in message
    assert Driver(root).pid() is None


def test_vhost_prints_http_and_https_variants(base: Path):
    """vhost prints the file for sites-available; --output writes it; WSGI script in the root."""
    root = base / "root"
    out, _ = apache("vhost", server_root=str(root), server_name="www.example.com")
    assert "<VirtualHost *:80>" in out and "ServerName www.example.com" in out
    assert (root / "wsgi" / "tests.wsgi").is_file()
    assert not (root / "httpd.conf").exists()
    target = base / "tests.conf"
    out, _ = apache("vhost", "--https", server_root=str(root), output=str(target))
    assert out.strip() == f"Wrote {target}."
    text = target.read_text()
    assert "<VirtualHost *:443>" in text and "SSLEngine on" in text


@as_root
def test_setup_says_how_to_fix_an_unwritable_media_root(base: Path, settings):
    """As root, setup exits 7 naming MEDIA_ROOT that www-data cannot write, with the chown."""
    media = base / "media"
    media.mkdir(mode=0o755)
    settings.MEDIA_URL = "/media/"
    settings.MEDIA_ROOT = str(media)
    code, message = exit_code("setup", server_root=str(base / "root"))
    assert code == ExitCode.PERMISSIONS == 7
    assert f"cannot write {str(media)!r}" in message
    assert f"`chown www-data:www-data {media}`" in message
    # The server root is written anyway: fix the path, then start.
    assert (base / "root" / "httpd.conf").is_file()
    os.chown(media, *_www_data())
    apache("setup", server_root=str(base / "root"))


@as_root
def test_access_problems_for_sqlite_and_unreadable_code(base: Path):
    """An unwritable SQLite database and an unreadable project directory are each reported."""
    project = base / "project"
    project.mkdir(mode=0o700)
    data = base / "data"
    data.mkdir(mode=0o755)
    database = data / "db.sqlite3"
    database.write_bytes(b"")
    s = ApacheSettings.from_settings(
        _Settings(), server_root=str(base / "root"), project_dir=str(project)
    )
    problems = access_problems(s, [str(database)])
    assert any(
        f"cannot read {str(project)!r}" in p and f"chmod o+rx {project}" in p for p in problems
    )
    assert any(
        f"cannot write {str(data)!r}" in p and "attempt to write a readonly database" in p
        for p in problems
    )
    assert any(f"`chown www-data:www-data {database}`" in p for p in problems)
    os.chmod(project, 0o755)
    os.chown(data, *_www_data())
    os.chown(database, *_www_data())
    assert access_problems(s, [str(database)]) == []


def _www_data() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("www-data")
    return entry.pw_uid, entry.pw_gid


class _Settings:
    """The global defaults plus a settings module name."""

    def __getattr__(self, name: str):
        from framework.conf import global_settings

        if name == "SETTINGS_MODULE":
            return "tests.settings"
        return getattr(global_settings, name)


def test_without_contrib_sites_one_vhost_and_a_note(base: Path):
    out, err = apache("vhost", server_root=str(base / "root"))
    assert out.count("<VirtualHost") == 1
    assert "one vhost from the settings only" in err
    code, message = exit_code("setup", "--sites", server_root=str(base / "root"))
    assert code == ExitCode.ERROR and "framework.contrib.sites is not installed" in message
