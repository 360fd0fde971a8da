"""The machinery behind the plugin's ``app`` (WebTest) and ``live_server`` fixtures.

``FrameworkTestApp`` is a ``webtest.TestApp`` around the project's WSGI handler,
with ``login(user)``. ``LiveServer`` serves the project with real Apache through
mod_wsgi-express (from framework_apache, imported only when the fixture is used)
on a free 127.0.0.1 port, pointed at the session's test databases.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any

from framework.conf import settings

START_TIMEOUT = 60.0

APACHE_MISSING = (
    "The live_server fixture needs the Apache integration (the framework_apache package "
    "and mod_wsgi): install them with `pip install 'framework[apache]'` (building mod_wsgi "
    "needs Debian's apache2-dev). Import error: {error}"
)


@contextlib.contextmanager
def connections_kept_open() -> Iterator[None]:
    """Keep request boundaries from closing connections (a test's transaction)."""
    from framework.test.client_handler import _connections_kept_open

    with _connections_kept_open():
        yield


def make_test_app() -> Any:
    """A ``webtest.TestApp`` around a new WSGIHandler, with ``login(user)``."""
    import webtest

    from framework.core.handlers.wsgi import WSGIHandler

    class FrameworkTestApp(webtest.TestApp):
        """WebTest's TestApp for the project; ``login(user)`` logs a user in."""

        def login(self, user: Any, backend: str | None = None) -> None:
            """Log ``user`` in: a session is created as Client.force_login does."""
            from framework.test.sessions import login_session

            session = login_session(user, backend)
            self.set_cookie(settings.SESSION_COOKIE_NAME, session.session_key)

        def logout(self) -> None:
            """Forget the session (and every other cookie)."""
            self.reset()

    return FrameworkTestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})


class LiveServer:
    """The project served by Apache/mod_wsgi-express; ``url`` is its base URL."""

    def __init__(self, host: str = "127.0.0.1"):
        self.host = host
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.directory: str | None = None
        self.log_path: str | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __str__(self) -> str:
        return self.url

    def __add__(self, other: str) -> str:
        return self.url + other

    def __repr__(self) -> str:
        return f"<LiveServer listening at {self.url}>"

    def start(self) -> None:
        """Write the WSGI script, start mod_wsgi-express, wait until it answers."""
        try:
            express = importlib.import_module("framework_apache.express")
        except ImportError as exc:
            raise RuntimeError(APACHE_MISSING.format(error=exc)) from exc
        try:
            command = express.find_express()
        except express.ExpressError as exc:
            raise RuntimeError(str(exc)) from exc
        self.directory = tempfile.mkdtemp(prefix="framework-live-", dir="/var/tmp")
        os.chmod(self.directory, 0o755)
        script = os.path.join(self.directory, "live_server.wsgi")
        with open(script, "w", encoding="utf-8") as handle:
            handle.write(self._wsgi_script(express))
        os.chmod(script, 0o644)
        project_dir = _project_dir(settings.SETTINGS_MODULE)
        as_root = os.geteuid() == 0
        user = getattr(settings, "APACHE_USER", "www-data") if as_root else None
        group = getattr(settings, "APACHE_GROUP", "www-data") if as_root else None
        if user is not None:
            express.check_readable([script, project_dir, sys.prefix, sys.executable], user)
        self.port = _free_port(self.host)
        options = express.ExpressOptions(
            wsgi_script=script,
            server_root=os.path.join(self.directory, "server-root"),
            host=self.host,
            port=self.port,
            processes=1,
            threads=5,
            command=command,
            user=user,
            group=group,
            locale="C.UTF-8" if as_root else None,
            python_paths=(project_dir,),
            working_directory=project_dir,
            reload_on_changes=False,
            log_to_terminal=True,
            startup_log=False,
            access_log=False,
        )
        self.log_path = os.path.join(self.directory, "server.log")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                express.build_argv(options),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_until_up()

    def _wsgi_script(self, express: Any) -> str:
        from framework.db import connections

        names = {alias: str(connections[alias].settings_dict["NAME"]) for alias in connections}
        # Point the daemon at the test databases and accept the live server's host.
        return express.wsgi_script(settings.SETTINGS_MODULE, settings.WSGI_APPLICATION) + (
            "\nfrom framework.conf import settings as _settings\n\n"
            f"for _alias, _name in {names!r}.items():\n"
            "    _settings.DATABASES[_alias]['NAME'] = _name\n"
            "_settings.ALLOWED_HOSTS = [*_settings.ALLOWED_HOSTS, "
            f"{self.host!r}, 'localhost']\n"
        )

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(
                    f"mod_wsgi-express exited with status {self.process.returncode} before "
                    f"answering on {self.url}:\n{self.log_tail()}"
                )
            try:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=5)
                conn.request("GET", "/", headers={"Host": f"{self.host}:{self.port}"})
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.2)
        tail = self.log_tail()
        self.stop()
        raise RuntimeError(f"Apache did not answer on {self.url} within {START_TIMEOUT}s:\n{tail}")

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server's output."""
        if not self.log_path or not os.path.exists(self.log_path):
            return ""
        with open(self.log_path, encoding="utf-8", errors="replace") as handle:
            return "".join(handle.readlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (its process group, by the pid we started) and clean up."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        if self.directory:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _project_dir(settings_module: str | None) -> str:
    """The directory from which the settings module's top package is imported."""
    if not settings_module:
        raise RuntimeError(
            "live_server needs a settings module (--ds, the ds ini option or "
            "FRAMEWORK_SETTINGS_MODULE); settings configured in code cannot be passed to Apache."
        )
    package = importlib.import_module(settings_module.split(".")[0])
    location = getattr(package, "__file__", None) or list(package.__path__)[0]
    path = os.path.dirname(os.path.abspath(location))
    if location.endswith("__init__.py"):
        path = os.path.dirname(path)
    return path
