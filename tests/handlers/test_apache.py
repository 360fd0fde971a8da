"""The handler under real Apache/mod_wsgi (daemon mode via mod_wsgi-express).

One server, mounted at /mount, checks what only a real server shows: SCRIPT_NAME from
the mount point, sendfile through wsgi.file_wrapper, Apache's own decoding of the path.
"""

from __future__ import annotations

import gzip
import http.client
import os
import textwrap

import pytest

from framework_apache.express import ExpressError, find_express
from tests.support.servers import free_port, running_server, wait_until, www_readable_tempdir
from tests.support.services import unavailable

pytestmark = pytest.mark.apache

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

WSGI_SCRIPT = f"""\
import os, sys
sys.path.insert(0, {ROOT!r})
sys.path.insert(0, os.path.dirname(__file__))
os.environ["FRAMEWORK_SETTINGS_MODULE"] = "apache_settings"
from framework.core.wsgi import get_wsgi_application
application = get_wsgi_application()
"""

SETTINGS = textwrap.dedent(
    """\
    from tests.settings import *  # noqa: F403
    ROOT_URLCONF = "tests.handlers.urls"
    MIDDLEWARE = [
        "framework.middleware.security.SecurityMiddleware",
        "framework.middleware.common.CommonMiddleware",
        "framework.middleware.gzip.GZipMiddleware",
    ]
    """
)


@pytest.fixture(scope="module")
def server():
    """mod_wsgi-express serving tests.handlers.urls at /mount (a skip locally when missing)."""
    try:
        express = find_express()
    except ExpressError as exc:
        unavailable(str(exc))
    port = free_port()
    with www_readable_tempdir() as base:
        (base / "app.wsgi").write_text(WSGI_SCRIPT)
        (base / "apache_settings.py").write_text(SETTINGS)
        os.chmod(base / "app.wsgi", 0o644)
        os.chmod(base / "apache_settings.py", 0o644)
        argv = [
            *express,
            "start-server",
            str(base / "app.wsgi"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--server-root",
            str(base / "root"),
            "--mount-point",
            "/mount",
            "--processes",
            "1",
            "--threads",
            "2",
            "--log-to-terminal",
        ]
        if os.geteuid() == 0:
            argv += ["--user", "www-data", "--group", "www-data", "--locale", "C.UTF-8"]
        env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        with running_server(argv, port, env=env) as running:
            yield running


def _get(server, path, headers=None):
    conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_mount_point_sets_script_name(server):
    """Under a mount point, request.path keeps it and path_info drops it."""
    status, headers, body = _get(server, "/mount/echo/?q=caf%C3%A9")
    assert status == 200
    assert headers["Server"].startswith("Apache")
    text = body.decode()
    assert "path=/mount/echo/" in text
    assert "path_info=/echo/" in text
    assert "('q', ['café'])" in text


def test_append_slash_redirect_keeps_mount_point(server):
    """The APPEND_SLASH redirect points inside the mount point."""
    status, headers, _body = _get(server, "/mount/hello")
    assert status == 301
    assert headers["Location"] == "/mount/hello/"


def test_non_utf8_path_is_400(server):
    """Apache decodes %FF into a byte that is not UTF-8: a 400, not a 500."""
    status, _headers, body = _get(server, "/mount/%FF/")
    assert status == 400
    assert b"not valid UTF-8" in body


def test_bad_host_is_400(server):
    """A Host outside ALLOWED_HOSTS is a 400 under Apache too."""
    status, _headers, _body = _get(server, "/mount/hello/", {"Host": "evil.example"})
    assert status == 400


def test_file_response_is_sent_whole(server):
    """A FileResponse (wsgi.file_wrapper under mod_wsgi) arrives complete."""
    status, _headers, body = _get(server, "/mount/file/")
    assert status == 200
    with open(os.path.join(ROOT, "tests", "handlers", "views.py"), "rb") as source:
        assert body == source.read()


def test_gzip_streaming_file(server):
    """A gzipped FileResponse decompresses to the file."""
    status, headers, body = _get(server, "/mount/file/", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    with open(os.path.join(ROOT, "tests", "handlers", "views.py"), "rb") as source:
        assert gzip.decompress(body) == source.read()


def test_error_is_500_without_debug_page(server):
    """A view error is a plain 500 page; the traceback goes to Apache's error log."""
    status, _headers, body = _get(server, "/mount/error/")
    assert status == 500
    assert b"Traceback" not in body
    wait_until(
        lambda: "ZeroDivisionError: boom in the view" in server.output(),
        timeout=10,
        what="the traceback in the error log",
    )
