"""End to end: `manage.py apache setup|configtest|start|status|reload|stop` on real Apache.

A tiny project in a directory www-data can read; its own httpd listens on a free
127.0.0.1 port with mod_wsgi daemon processes running as www-data (when run as root).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from framework_apache.driver import Driver, DriverError, ExitCode, find_mod_wsgi_so
from framework_apache.render import render, templates_dir
from framework_apache.serverroot import saved_settings
from tests.support.servers import free_port, http_get, tail, wait_until, www_readable_tempdir
from tests.support.services import unavailable

pytestmark = pytest.mark.apache

SETTINGS = """\
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "e2e-apache-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "mysite.urls"
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
DATABASES = {}
ADMIN_URL_PATH = "/manage/"
"""

URLS = """\
import os
import time

from framework.http import HttpResponse
from framework.urls import path

VERSION = {version}


def hello(request):
    return HttpResponse(f"hello v{{VERSION}} pid={{os.getpid()}}")


def slow(request):
    time.sleep({slow_seconds})
    return HttpResponse("slow done")


def admin(request):
    return HttpResponse("admin index")


urlpatterns = [path("", hello), path("slow/", slow), path("manage/", admin)]
"""

MANAGE = """\
import os
import sys

os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "mysite.settings")
from framework.core.management import execute_from_command_line

execute_from_command_line(sys.argv)
"""


def _require(condition: bool, message: str) -> None:
    """A missing tool is a skip locally and a failure in CI."""
    if condition:
        return
    unavailable(message)


class Project:
    """A generated project and `manage.py apache` runs against it."""

    def __init__(self, base: Path, port: int):
        self.dir = base
        self.port = port
        self.server_root = base / ".apache"
        self.env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
        (base / "mysite").mkdir()
        (base / "mysite" / "__init__.py").write_text("")
        (base / "mysite" / "settings.py").write_text(SETTINGS)
        self.write_urls(version=1)
        (base / "manage.py").write_text(MANAGE)
        static = base / "staticfiles"
        static.mkdir()
        (static / "site.css").write_text("body { color: teal; }\n")
        (static / "site.0123456789ab.css").write_text("body { color: navy; }\n")
        (base / "media").mkdir()
        if os.geteuid() == 0:
            shutil.chown(base / "media", "www-data", "www-data")

    def write_urls(self, version: int, slow_seconds: int = 2) -> None:
        text = URLS.format(version=version, slow_seconds=slow_seconds)
        (self.dir / "mysite" / "urls.py").write_text(text)
        # A .pyc of the same size and second (setup imports urls.py) would hide the edit.
        shutil.rmtree(self.dir / "mysite" / "__pycache__", ignore_errors=True)

    def manage(self, *args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "manage.py", "apache", *args],
            cwd=self.dir,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def get(self, path: str = "/", timeout: float = 10.0):
        return http_get("127.0.0.1", self.port, path, timeout)

    def force_stop(self) -> None:
        """Stop httpd if it still runs (by pid if `stop` fails), showing the error log."""
        driver = Driver(self.server_root)
        if driver.pid() is None:
            return
        if not driver.stop().ok:
            print(f"--- {driver.error_log} (last lines) ---\n{tail(driver.error_log)}")
            pid = driver.pid()
            if pid is not None:
                # httpd -k start runs in its own session: its group holds the daemons too.
                os.killpg(pid, signal.SIGKILL)


@pytest.fixture
def project():
    """A fresh project with a server root set up on a free port (stopped at the end)."""
    try:
        find_mod_wsgi_so()
    except DriverError as exc:
        _require(False, str(exc))
    _require(os.path.exists("/usr/sbin/apache2"), "apache2 is missing: apt-get install apache2")
    registered = entry_points(group="framework.commands").names
    assert "apache" in registered, (
        "manage.py apache is not registered: pyproject.toml needs `apache = "
        '"framework_apache.commands.apache"` under [project.entry-points."framework.commands"] '
        "(then pip install -e .)."
    )
    with www_readable_tempdir() as base:
        project = Project(base, free_port())
        try:
            setup = project.manage("setup", "--port", str(project.port), "--processes", "2")
            assert setup.returncode == 0, setup.stdout + setup.stderr
            yield project
        finally:
            project.force_stop()


@pytest.fixture
def running(project: Project) -> Project:
    """The project's httpd, started (stopped by the project fixture)."""
    started = project.manage("start")
    assert started.returncode == 0, started.stdout + started.stderr
    return project


def test_setup_start_serve_status_stop(project: Project):
    """The whole life of a server: configtest, start, a page from Python, static files from
    Apache with far-future caching only for hashed names, the admin's Location, status,
    stop, and the exit codes of a stopped server."""
    result = project.manage("configtest")
    assert (result.returncode, result.stdout.strip()) == (0, "Syntax OK")
    # The server root's own apachectl drives the same httpd.
    script = subprocess.run(
        [str(project.server_root / "apachectl"), "configtest"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (script.returncode, script.stderr.strip()) == (0, "Syntax OK")

    result = project.manage("start")
    assert result.returncode == 0, result.stderr
    assert re.match(r"Apache started \(pid \d+\)\. Listening on 127\.0\.0\.1:\d+\.", result.stdout)
    again = project.manage("start")
    assert (again.returncode, again.stdout.startswith("Apache is already running")) == (0, True)

    status, headers, body = project.get("/")
    assert status == 200, body
    assert body.startswith(b"hello v1 pid=")
    assert headers["server"] == "Apache"  # ServerTokens Prod

    # Apache serves STATIC_ROOT itself: file-handler headers, no Python involved.
    status, headers, body = project.get("/static/site.0123456789ab.css")
    assert (status, body) == (200, b"body { color: navy; }\n")
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "etag" in headers and headers["accept-ranges"] == "bytes"
    assert headers["x-content-type-options"] == "nosniff"
    status, headers, body = project.get("/static/site.css")
    assert (status, body) == (200, b"body { color: teal; }\n")
    assert "cache-control" not in headers
    # A missing static file is Apache's 404, not the framework's: Python never saw it.
    status, _, body = project.get("/static/missing.css")
    assert status == 404 and b"The requested URL was not found on this server" in body

    # The admin's <Location> (ADMIN_URL_PATH) is in effect around the Python response.
    status, headers, body = project.get("/manage/")
    assert (status, body) == (200, b"admin index")
    assert headers["x-robots-tag"] == "noindex, nofollow"
    assert "x-robots-tag" not in project.get("/")[1]

    for _ in range(20):
        assert project.get("/")[0] == 200

    # Each daemon writes its own counts (at most once a second): they add up to >= 20
    # (the page requests above were all served by the daemons).
    def daemon_requests() -> int:
        result = project.manage("status")
        assert result.returncode == 0, result.stderr
        counts = re.findall(r"requests (\d+)$", result.stdout, re.M)
        return sum(map(int, counts)) if len(counts) == 2 else 0

    wait_until(lambda: daemon_requests() >= 22, timeout=10, what="daemon request counts")
    result = project.manage("status")
    assert result.returncode == 0, result.stderr
    assert re.search(r"Apache is running: pid \d+, up \d\d:\d\d:\d\d\.", result.stdout)
    assert re.search(r"Requests: \d+ served", result.stdout)
    assert "Daemon process group 'mysite': 2 process(es)" in result.stdout
    if os.geteuid() == 0:
        assert len(re.findall(r"user www-data ", result.stdout)) == 2

    # graceful/restart: httpd re-reads its configuration, same parent, new daemons.
    parent = Driver(project.server_root).pid()
    for action in ("graceful", "restart"):
        result = project.manage(action)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"Apache {action} requested (pid {parent})."
        wait_until(lambda: project.get("/")[0] == 200, timeout=20, what=f"serving after {action}")
    assert Driver(project.server_root).pid() == parent

    result = project.manage("stop")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Apache stopped")
    for action in ("status", "stop", "reload"):
        result = project.manage(action)
        assert result.returncode == ExitCode.NOT_RUNNING, (action, result.stderr)
        assert "Apache is not running." in result.stderr


def test_broken_template_is_reported_by_configtest(project: Project, tmp_path: Path):
    """A typo in a conf/ template: configtest and start exit 4 naming the file, the line and
    the directive; no httpd is left running."""
    templates = tmp_path / "conf"
    shutil.copytree(templates_dir(), templates)
    site_conf = templates / "site.conf"
    site_conf.write_text(site_conf.read_text().replace("Require all granted", "Requre all granted"))
    s = saved_settings(project.server_root)
    (project.server_root / "httpd.conf").write_text(render(s, templates))
    for action in ("configtest", "start"):
        result = project.manage(action)
        assert result.returncode == ExitCode.CONFIG_INVALID, result.stderr
        assert "Configuration invalid" in result.stderr
        assert re.search(r"Syntax error on line \d+ of .*httpd\.conf", result.stderr)
        assert "Invalid command 'Requre', perhaps misspelled" in result.stderr
    assert Driver(project.server_root).pid() is None


def _run_wrk(url: str, seconds: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout", "10s", url],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def parse_wrk(output: str) -> dict[str, int]:
    """Requests, non-2xx/3xx responses and socket errors from wrk's summary."""
    requests = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests": int(requests.group(1)) if requests else 0,
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
    }


def test_parse_wrk():
    """The wrk summary parser finds requests, bad responses and socket errors."""
    output = (
        "  17547 requests in 5.04s, 3.18MB read\n"
        "  Socket errors: connect 0, read 2, write 0, timeout 1\n"
        "  Non-2xx or 3xx responses: 3\n"
    )
    assert parse_wrk(output) == {"requests": 17547, "non_2xx_3xx": 3, "socket_errors": 3}
    assert parse_wrk("  10 requests in 1.00s, 1KB read\n")["socket_errors"] == 0


def test_reload_under_load_fails_no_request(running: Project):
    """`apache reload` under a wrk load with a 2-second request in flight: every request
    succeeds, the slow one completes, and the new daemons serve the edited code."""
    _require(shutil.which("wrk") is not None, "wrk is missing: apt-get install wrk")
    project = running
    driver = Driver(project.server_root)
    before = driver.daemon_pids()["mysite"]
    slow: dict[str, object] = {}

    def slow_request() -> None:
        started = time.monotonic()
        slow["response"] = project.get("/slow/", timeout=30)
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow_request)
    thread.start()
    time.sleep(0.3)
    wrk = _run_wrk(f"http://127.0.0.1:{project.port}/", seconds=5)
    try:
        time.sleep(1.0)
        project.write_urls(version=2)
        result = project.manage("reload")
        output, _ = wrk.communicate(timeout=60)
    finally:
        if wrk.poll() is None:
            wrk.kill()
            wrk.wait()
        thread.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Daemon processes reloaded (mysite: [")
    counts = parse_wrk(output)
    assert counts["requests"] > 100, output
    assert counts["non_2xx_3xx"] == 0, output
    assert counts["socket_errors"] == 0, output
    status, _, body = slow["response"]  # type: ignore[misc]
    assert (status, body) == (200, b"slow done")
    after = driver.daemon_pids()["mysite"]
    assert len(after) == len(before) and not set(after) & set(before)
    assert project.get("/")[2].startswith(b"hello v2 ")


def test_killed_daemon_is_replaced(running: Project):
    """A SIGKILLed daemon process is replaced by mod_wsgi within seconds and serving resumes."""
    project = running
    driver = Driver(project.server_root)
    before = driver.daemon_pids()["mysite"]
    os.kill(before[0], signal.SIGKILL)

    def replaced() -> bool:
        now = driver.daemon_pids().get("mysite", [])
        return len(now) == len(before) and before[0] not in now

    wait_until(replaced, timeout=10, what="a replacement daemon process")
    for _ in range(10):
        status, _, body = project.get("/")
        assert status == 200 and body.startswith(b"hello v1 ")


@pytest.mark.slow
def test_graceful_cuts_long_daemon_requests(running: Project):
    """The documented limit of `apache graceful`: Apache restarts the daemon processes after
    about 3 seconds, so a longer request in flight fails (`reload` is the safe path)."""
    project = running
    project.write_urls(version=1, slow_seconds=6)
    result = project.manage("reload")
    assert result.returncode == 0, result.stderr
    slow: dict[str, object] = {}
    thread = threading.Thread(target=lambda: slow.update(response=project.get("/slow/", 30)))
    thread.start()
    time.sleep(0.5)
    result = project.manage("graceful")
    thread.join(timeout=30)
    assert result.returncode == 0, result.stderr
    status, _, _ = slow["response"]  # type: ignore[misc]
    assert status == 502
