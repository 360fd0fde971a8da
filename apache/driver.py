"""The driver behind ``manage.py apache``: runs the project's own httpd and reports.

Every action returns a ``Result`` whose ``code`` is one of ``ExitCode``; the command
exits with it, so scripts can rely on the numbers (see README "Deployment"):

====  ============================================================================
0     OK
1     ERROR: anything else (invalid setting, timeout, permission denied)
3     NOT_SET_UP: no httpd.conf in the server root (run ``manage.py apache setup``)
4     CONFIG_INVALID: ``apache2 -t`` rejected the configuration (nothing was signalled)
5     NOT_RUNNING: no httpd of this server root is running
6     START_FAILED: httpd did not start, or died while starting
7     PERMISSIONS: Apache's user cannot read or write what it must (``apache setup``)
====  ============================================================================

The httpd runs as ``apache2 -d ROOT -f ROOT/httpd.conf -k start|stop|graceful|restart``;
``reload`` signals the mod_wsgi daemon processes (SIGUSR1) rather than httpd.
"""

from __future__ import annotations

import enum
import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framework_apache import procs
from framework_apache.express import ExpressError, find_express

HTTPD_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0
START_TIMEOUT = 30.0
# mod_wsgi's own hard limit once a daemon shuts down (its default shutdown-timeout).
SHUTDOWN_TIMEOUT = 5.0


class DriverError(Exception):
    """Something the driver needs (mod_wsgi, httpd) is missing or unusable."""


class ExitCode(enum.IntEnum):
    """Exit codes of ``manage.py apache`` (documented in README "Deployment")."""

    OK = 0
    ERROR = 1
    NOT_SET_UP = 3
    CONFIG_INVALID = 4
    NOT_RUNNING = 5
    START_FAILED = 6
    PERMISSIONS = 7


@dataclass(frozen=True)
class Result:
    """The outcome of a driver action: the exit code and what to tell the user."""

    code: ExitCode
    message: str

    @property
    def ok(self) -> bool:
        return self.code == ExitCode.OK


class Driver:
    """Runs the httpd of one server root written by ``manage.py apache setup``."""

    def __init__(self, server_root: str | os.PathLike, httpd: str = "/usr/sbin/apache2"):
        self.server_root = Path(server_root)
        self.httpd = httpd
        self.config = self.server_root / "httpd.conf"
        self.pid_file = self.server_root / "run" / "httpd.pid"
        self.error_log = self.server_root / "logs" / "error_log"

    def __repr__(self) -> str:
        return f"<Driver {self.server_root}>"

    def argv(self, *args: str) -> list[str]:
        """The httpd command line for ``args`` (e.g. ``-k start``)."""
        return [self.httpd, "-d", str(self.server_root), "-f", str(self.config), *args]

    def run_httpd(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run httpd with ``args``; its output (stdout and stderr) is in ``.stdout``."""
        return subprocess.run(
            self.argv(*args),
            env=_httpd_environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=HTTPD_TIMEOUT,
            check=False,
        )

    # ------------------------------------------------------------------ state
    def is_set_up(self) -> bool:
        return self.config.is_file()

    def pid(self) -> int | None:
        """The pid of the running httpd parent, or None (a stale pid file is ignored)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if procs.is_httpd(pid, self.server_root) else None

    def daemon_pids(self, parent: int | None = None) -> dict[str, list[int]]:
        """Daemon process group name -> pids of its mod_wsgi daemon processes."""
        parent = parent or self.pid()
        return procs.daemon_processes(parent) if parent else {}

    # ------------------------------------------------------------------ actions
    def configtest(self) -> Result:
        """``apache2 -t``: CONFIG_INVALID with httpd's own message when it fails."""
        if not self.is_set_up():
            return self.not_set_up()
        result = self.run_httpd("-t")
        output = result.stdout.strip()
        if result.returncode != 0:
            return Result(
                ExitCode.CONFIG_INVALID, f"Configuration invalid ({self.config}):\n{output}"
            )
        return Result(ExitCode.OK, output or "Syntax OK")

    def start(self, expected_daemons: int = 1, timeout: float = START_TIMEOUT) -> Result:
        """Start httpd; wait until its pid file and ``expected_daemons`` daemons exist."""
        if not self.is_set_up():
            return self.not_set_up()
        pid = self.pid()
        if pid:
            return Result(ExitCode.OK, f"Apache is already running (pid {pid}).")
        checked = self.configtest()
        if not checked.ok:
            return checked
        offset = _size(self.error_log)
        result = self.run_httpd("-k", "start")
        if result.returncode != 0:
            return self._start_failed(result.stdout, offset)
        launched = time.monotonic()

        def started() -> bool:
            pid = self.pid()
            if pid is None:
                return False
            return sum(map(len, self.daemon_pids(pid).values())) >= expected_daemons

        def died() -> bool:
            # The pid file appears once httpd has detached; none after a while: it exited.
            return self.pid() is None and time.monotonic() - launched > 5

        if not _wait(started, timeout, died):
            if self.pid() is not None:
                self.stop()  # half started (daemons failing): leave nothing running
            return self._start_failed(result.stdout, offset)
        return Result(ExitCode.OK, f"Apache started (pid {self.pid()}).")

    def stop(self, timeout: float = STOP_TIMEOUT) -> Result:
        """Stop httpd (``-k stop``: in-flight requests are cut) and wait until it is gone."""
        if not self.is_set_up():
            return self.not_set_up()
        pid = self.pid()
        if pid is None:
            return Result(ExitCode.NOT_RUNNING, "Apache is not running.")
        result = self.run_httpd("-k", "stop")
        if result.returncode != 0:
            return Result(ExitCode.ERROR, f"apache2 -k stop failed:\n{result.stdout.strip()}")
        if not _wait(lambda: not procs.exists(pid), timeout):
            return Result(ExitCode.ERROR, f"Apache (pid {pid}) did not stop within {timeout:.0f}s.")
        return Result(ExitCode.OK, f"Apache stopped (pid {pid}).")

    def signal_httpd(self, action: str) -> Result:
        """``-k graceful`` or ``-k restart``, after a configtest (a broken config would stop it)."""
        if not self.is_set_up():
            return self.not_set_up()
        pid = self.pid()
        if pid is None:
            return Result(ExitCode.NOT_RUNNING, "Apache is not running.")
        checked = self.configtest()
        if not checked.ok:
            return Result(checked.code, f"{checked.message}\nApache was not signalled.")
        result = self.run_httpd("-k", action)
        if result.returncode != 0:
            return Result(ExitCode.ERROR, f"apache2 -k {action} failed:\n{result.stdout.strip()}")
        return Result(ExitCode.OK, f"Apache {action} requested (pid {pid}).")

    def reload(self, eviction_timeout: float, timeout: float | None = None) -> Result:
        """Gracefully restart every mod_wsgi daemon process (SIGUSR1) and wait for new ones.

        Each daemon keeps serving until it has no request in flight (at most
        ``eviction_timeout`` seconds), then exits; mod_wsgi starts a replacement that loads
        the code afresh. Requests arriving meanwhile wait in the daemon socket's backlog.
        """
        if not self.is_set_up():
            return self.not_set_up()
        parent = self.pid()
        if parent is None:
            return Result(ExitCode.NOT_RUNNING, "Apache is not running.")
        before = self.daemon_pids(parent)
        old = [pid for pids in before.values() for pid in pids]
        if not old:
            return Result(ExitCode.ERROR, "Apache runs no mod_wsgi daemon process to reload.")
        try:
            for pid in old:
                os.kill(pid, signal.SIGUSR1)
        except PermissionError:
            return Result(
                ExitCode.ERROR,
                "Permission denied signalling the daemon processes: run reload as the user "
                "who started Apache (root when it runs as www-data).",
            )
        except ProcessLookupError:
            pass  # it was exiting anyway; its replacement loads the new code

        def replaced() -> bool:
            now = self.daemon_pids(parent)
            pids = [pid for pids in now.values() for pid in pids]
            return not set(pids) & set(old) and len(pids) >= len(old)

        limit = timeout if timeout is not None else eviction_timeout + SHUTDOWN_TIMEOUT + 30
        if not _wait(replaced, limit):
            return Result(
                ExitCode.ERROR,
                f"The daemon processes were not all replaced within {limit:.0f}s "
                f"(see {self.error_log}).",
            )
        after = self.daemon_pids(parent)
        summary = ", ".join(
            f"{group}: {_pids(before.get(group, []))} -> {_pids(pids)}"
            for group, pids in sorted(after.items())
        )
        return Result(ExitCode.OK, f"Daemon processes reloaded ({summary}).")

    # ------------------------------------------------------------------ helpers
    def not_set_up(self) -> Result:
        """The result of any action on a server root that was never set up."""
        return Result(
            ExitCode.NOT_SET_UP,
            f"No Apache server root at {str(self.server_root)!r} (no httpd.conf): run "
            f"`manage.py apache setup` first.",
        )

    def _start_failed(self, output: str, offset: int) -> Result:
        log = _read_from(self.error_log, offset).strip()
        details = "\n".join(part for part in (output.strip(), log) if part)
        return Result(
            ExitCode.START_FAILED,
            f"Apache failed to start (error log {self.error_log}):\n{details}".rstrip(),
        )


def find_mod_wsgi_so() -> str:
    """The mod_wsgi module of this Python, from ``mod_wsgi-express module-config``."""
    try:
        command = find_express()
    except ExpressError as exc:
        raise DriverError(str(exc)) from None
    result = subprocess.run(
        [*command, "module-config"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith("LoadModule"):
            return line.split(None, 2)[2].strip().strip("'\"")
    raise DriverError(
        f"`{' '.join(command)} module-config` printed no LoadModule line "
        f"(exit {result.returncode}): {result.stderr.strip() or result.stdout.strip()}"
    )


def _httpd_environment() -> dict[str, str]:
    # The daemons take their Python from python-home; a PYTHONHOME or PYTHONPATH from
    # the calling shell would override it.
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("PYTHONHOME", "PYTHONPATH", "PYTHONSTARTUP")
    }
    env["LANG"] = "C.UTF-8"
    env.pop("LC_ALL", None)
    return env


def _wait(
    predicate: Callable[[], bool], timeout: float, give_up: Callable[[], bool] | None = None
) -> bool:
    """Poll ``predicate`` until true (True), ``timeout`` passes or ``give_up()`` (False)."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() > deadline or (give_up is not None and give_up()):
            return False
        time.sleep(0.1)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_from(path: Path, offset: int) -> str:
    try:
        with open(path, errors="replace") as log:
            log.seek(offset)
            return log.read()[-4000:]
    except OSError:
        return ""


def _pids(pids: Sequence[int]) -> str:
    return "[" + " ".join(map(str, sorted(pids))) + "]"
