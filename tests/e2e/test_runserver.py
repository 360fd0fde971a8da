"""End to end: startproject, then `manage.py runserver` serves it through Apache and reloads."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framework_apache.express import ExpressError, find_express, server_root_for
from tests.support.servers import (
    free_port,
    http_get,
    running_server,
    wait_until,
    www_readable_tempdir,
)
from tests.support.services import unavailable

pytestmark = pytest.mark.apache

FRAMEWORK_ADMIN = str(Path(sys.executable).parent / "framework-admin")

NEW_URLS = """\
from framework.http import HttpResponse
from framework.urls import path


def hello(request):
    return HttpResponse("hello reloaded")


urlpatterns = [path("hello/", hello)]
"""


@pytest.fixture
def express():
    """mod_wsgi-express for this Python; a skip locally, a failure in CI, when missing."""
    try:
        return find_express()
    except ExpressError as exc:
        unavailable(str(exc))


def test_runserver_serves_the_welcome_page_and_reloads(express):
    """runserver starts Apache (mod_wsgi daemon mode) showing the welcome page for a new
    project, serves static files itself, and picks up an edited urls.py without a restart."""
    env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
    port = free_port()
    with www_readable_tempdir() as base:
        subprocess.run(
            [FRAMEWORK_ADMIN, "startproject", "mysite"], cwd=base, env=env, check=True, timeout=60
        )
        project = base / "mysite"
        (project / "assets").mkdir()
        (project / "assets" / "site.css").write_text("body { color: teal; }\n")
        with open(project / "mysite" / "settings.py", "a") as settings_file:
            settings_file.write('\nSTATICFILES_DIRS = [BASE_DIR / "assets"]\n')
        argv = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"]
        try:
            with running_server(argv, port, cwd=project, env=env) as server:
                status, headers, body = server.get("/")
                assert status == 200, body[:500]
                assert headers["server"].startswith("Apache")
                assert b"install worked" in body.lower()
                # In DEBUG, Apache serves STATICFILES_DIRS under STATIC_URL itself.
                status, headers, body = server.get("/static/site.css")
                assert (status, body) == (200, b"body { color: teal; }\n")
                assert headers["content-type"].startswith("text/css")

                # mod_wsgi's change monitor polls every second and takes the mtime it
                # first sees as the baseline: let it see urls.py before editing it.
                time.sleep(2.5)
                (project / "mysite" / "urls.py").write_text(NEW_URLS)

                def reloaded() -> bool:
                    status, _, body = server.get("/hello/")
                    return status == 200 and body == b"hello reloaded"

                wait_until(reloaded, timeout=30, what="the edited urls.py being served")
                output = server.output()
                assert "Performing system checks..." in output
                # The project directory is root's: SQLite could not be written by Apache.
                assert "which cannot write" in output and "chown www-data" in output
                assert "Change detected to" in output
        finally:
            shutil.rmtree(server_root_for("127.0.0.1", port), ignore_errors=True)


def test_runserver_output_to_a_file_keeps_every_line(express):
    """`runserver > file 2>&1`: httpd reopening /dev/stderr must not overwrite earlier lines."""
    env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
    port = free_port()
    with www_readable_tempdir() as base:
        subprocess.run(
            [FRAMEWORK_ADMIN, "startproject", "mysite"], cwd=base, env=env, check=True, timeout=60
        )
        log = base / "runserver.log"
        argv = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
        try:
            with open(log, "wb") as out:
                process = subprocess.Popen(
                    argv, cwd=base / "mysite", env=env, stdout=out, stderr=subprocess.STDOUT
                )
            try:

                def answers() -> bool:
                    try:
                        return http_get("127.0.0.1", port, "/")[0] == 200
                    except OSError:
                        return False

                wait_until(answers, timeout=30, what="runserver answering")
                wait_until(lambda: b"GET / " in log.read_bytes(), timeout=10, what="access log")
            finally:
                process.send_signal(signal.SIGINT)
                process.wait(timeout=30)
            text = log.read_bytes()
            assert b"\0" not in text
            assert text.startswith(b"Performing system checks..."), text[:300]
            assert b"Quit the server with CONTROL-C." in text and b"resuming normal" in text
        finally:
            shutil.rmtree(server_root_for("127.0.0.1", port), ignore_errors=True)
