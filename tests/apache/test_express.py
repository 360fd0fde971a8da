"""framework_apache.express: the mod_wsgi-express argv built from options, checked as text."""

from __future__ import annotations

import os
import shlex
import sys
from io import StringIO
from pathlib import Path

import pytest

from framework.core.management import CommandError, call_command
from framework_apache.express import (
    ExpressError,
    ExpressOptions,
    UnreadablePathError,
    build_argv,
    check_readable,
    find_express,
    server_root_for,
    static_aliases,
    unwritable,
    wsgi_script,
)
from tests.support.servers import www_readable_tempdir


def test_minimal_argv():
    """Defaults: script application, 127.0.0.1:8000, reloading, logs to the terminal."""
    options = ExpressOptions(
        wsgi_script="/srv/root/app.py", server_root="/srv/root", command=("mod_wsgi-express",)
    )
    assert shlex.join(build_argv(options)) == (
        "mod_wsgi-express start-server /srv/root/app.py --application-type script "
        "--host 127.0.0.1 --port 8000 --processes 1 --threads 10 --server-root /srv/root "
        "--reload-on-changes --log-to-terminal --startup-log --access-log"
    )


def test_full_argv():
    """Every option appears in a fixed order; static aliases take URL and path."""
    options = ExpressOptions(
        wsgi_script="/r/app.py",
        server_root="/r",
        host="0.0.0.0",
        port=8123,
        processes=3,
        threads=4,
        command=("/venv/bin/python", "-m", "mod_wsgi.express.cli"),
        user="www-data",
        group="www-data",
        locale="C.UTF-8",
        python_paths=("/srv/project", "/srv/lib"),
        working_directory="/srv/project",
        url_aliases=(("/static/css", "/srv/app/static/css"), ("/static", "/srv/staticfiles")),
        reload_on_changes=False,
        access_log=False,
    )
    assert shlex.join(build_argv(options)) == (
        "/venv/bin/python -m mod_wsgi.express.cli start-server /r/app.py "
        "--application-type script --host 0.0.0.0 --port 8123 --processes 3 --threads 4 "
        "--server-root /r --user www-data --group www-data --locale C.UTF-8 "
        "--python-path /srv/project --python-path /srv/lib --working-directory /srv/project "
        "--url-alias /static/css /srv/app/static/css --url-alias /static /srv/staticfiles "
        "--log-to-terminal --startup-log"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"port": 0}, "Port 0 is not a valid port number"),
        ({"port": 70000}, "Port 70000 is not a valid port number"),
        ({"processes": 0}, "processes must be at least 1, not 0"),
        ({"threads": -1}, "threads must be at least 1, not -1"),
        ({"user": "www-data"}, "Give both user and group or neither"),
    ],
)
def test_invalid_options(changes, message):
    """Invalid options fail when the options object is built, naming the value."""
    with pytest.raises(ExpressError, match=message):
        ExpressOptions(wsgi_script="/a.py", server_root="/r", **changes)


def test_options_are_frozen():
    """ExpressOptions cannot be changed after validation."""
    options = ExpressOptions(wsgi_script="/a.py", server_root="/r")
    with pytest.raises(AttributeError):
        options.port = 1  # type: ignore[misc]


def test_static_aliases(tmp_path):
    """Finder directories map each top-level entry (first wins); STATIC_ROOT catches the rest."""
    first = tmp_path / "first"
    second = tmp_path / "second"
    prefixed = tmp_path / "prefixed"
    root = tmp_path / "root"
    for directory in (first / "css", second / "css", second / "js", prefixed, root):
        directory.mkdir(parents=True)
    (second / "logo.png").write_bytes(b"")
    (first / ".hidden").write_text("")
    aliases = static_aliases(
        "static/",
        str(root),
        [
            ("", str(first)),
            ("", str(second)),
            ("vendor", str(prefixed)),
            ("", str(tmp_path / "missing")),
        ],
    )
    assert aliases == (
        ("/static/css", str(first / "css")),
        ("/static/js", str(second / "js")),
        ("/static/logo.png", str(second / "logo.png")),
        ("/static/vendor", str(prefixed)),
        ("/static", str(root)),
    )


def test_static_aliases_skipped():
    """No STATIC_URL, a URL on another host, or a missing STATIC_ROOT give no alias."""
    assert static_aliases(None, "/x") == ()
    assert static_aliases("https://cdn.example.com/static/", "/x") == ()
    assert static_aliases("/static/", "/no/such/dir") == ()


def test_wsgi_script():
    """The generated WSGI script sets the settings module and imports WSGI_APPLICATION."""
    text = wsgi_script("mysite.settings", "mysite.wsgi.application")
    assert "os.environ['FRAMEWORK_SETTINGS_MODULE'] = 'mysite.settings'" in text
    assert "application = import_string('mysite.wsgi.application')" in text
    compile(text, "wsgi", "exec")
    default = wsgi_script("mysite.settings", None)
    assert "application = get_wsgi_application()" in default


def test_find_express_uses_the_virtualenv_script():
    """mod_wsgi-express next to the running Python is preferred."""
    assert find_express() == (str(Path(sys.executable).parent / "mod_wsgi-express"),)


def test_find_express_without_mod_wsgi(tmp_path):
    """A Python without mod_wsgi gets the install instructions."""
    with pytest.raises(ExpressError, match=r"pip install 'framework\[apache\]'.*apache2-dev"):
        find_express(str(tmp_path / "python"))


def test_server_root_for():
    """Each address has its own server root in the temporary directory."""
    assert server_root_for("127.0.0.1", 8001).name == "framework-runserver-127.0.0.1-8001"


@pytest.mark.skipif(os.geteuid() != 0, reason="runuser needs root")
def test_check_readable():
    """www-data can read a 0755 directory; a 0700 one is named with the chmod fix."""
    with www_readable_tempdir() as base:
        (base / "open").mkdir()
        (base / "open" / "file.py").write_text("")
        check_readable([str(base / "open"), str(base / "open" / "file.py")], "www-data")
        closed = base / "closed"
        (closed / "inner").mkdir(parents=True)
        os.chmod(closed, 0o700)
        with pytest.raises(UnreadablePathError) as info:
            check_readable([str(base / "open"), str(closed / "inner")], "www-data")
    assert info.value.path == str(closed)
    assert f"cannot read '{closed}'" in str(info.value)
    assert f"chmod o+rx {closed}" in str(info.value)


@pytest.mark.skipif(os.geteuid() != 0, reason="runuser needs root")
def test_unwritable():
    """unwritable() lists the paths www-data cannot write."""
    with www_readable_tempdir() as base:
        (base / "shared").mkdir()
        os.chmod(base / "shared", 0o777)
        assert unwritable([str(base), str(base / "shared")], "www-data") == [str(base)]


def test_runserver_maps_its_options(settings):
    """runserver turns addrport and its options into the mod_wsgi-express argv (dry run)."""
    out = StringIO()
    call_command(
        "runserver",
        "0.0.0.0:8123",
        processes=2,
        threads=3,
        use_reloader=False,
        dry_run=True,
        stdout=out,
    )
    argv = out.getvalue().splitlines()[-1]
    assert "start-server" in argv
    assert "--host 0.0.0.0 --port 8123 --processes 2 --threads 3" in argv
    assert "--reload-on-changes" not in argv
    if os.geteuid() == 0:
        assert "--user www-data --group www-data --locale C.UTF-8" in argv


def test_runserver_defaults_from_settings(settings):
    """Without addrport, runserver uses APACHE_HOST:APACHE_PORT; a bare port keeps the host."""
    settings.APACHE_HOST = "127.0.0.2"
    settings.APACHE_PORT = 8555
    out = StringIO()
    call_command("runserver", dry_run=True, stdout=out)
    assert "--host 127.0.0.2 --port 8555" in out.getvalue()
    out = StringIO()
    call_command("runserver", "9000", dry_run=True, stdout=out)
    assert "--host 127.0.0.2 --port 9000" in out.getvalue()


@pytest.mark.parametrize(
    ("addrport", "message"),
    [
        ("localhost:abc", '"localhost:abc" is not a valid port number or address:port pair.'),
        ("99999", '"99999" is not a valid port number'),
    ],
)
def test_runserver_rejects_bad_addrport(settings, addrport, message):
    """A malformed addrport is a CommandError quoting it."""
    with pytest.raises(CommandError, match=message):
        call_command("runserver", addrport, dry_run=True, stdout=StringIO())


def test_runserver_rejects_bad_processes(settings):
    """An invalid --processes value is a CommandError, not a traceback."""
    with pytest.raises(CommandError, match="processes must be at least 1, not 0"):
        call_command("runserver", "8001", processes=0, dry_run=True, stdout=StringIO())


def test_runserver_requires_allowed_hosts_without_debug(settings):
    """With DEBUG off and no ALLOWED_HOSTS runserver refuses to start."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = []
    with pytest.raises(CommandError, match="You must set settings.ALLOWED_HOSTS"):
        call_command("runserver", dry_run=True, stdout=StringIO())
