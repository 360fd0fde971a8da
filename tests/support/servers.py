"""Helpers for tests that run real servers (Apache/mod_wsgi-express, httpd).

- ``www_readable_tempdir()``: a temporary directory that Apache's www-data user can read
  (pytest's ``tmp_path`` is mode 0700 under root's temp dir); removed afterwards.
- ``free_port()``: a TCP port nobody listens on right now.
- ``running_server(argv, port)``: start a process in its own process group, wait until
  ``127.0.0.1:port`` answers HTTP (bounded), yield it, stop the whole group by pid, and
  print the tail of its output and error logs when something failed.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


@contextlib.contextmanager
def www_readable_tempdir(prefix: str = "framework-test-") -> Iterator[Path]:
    """A fresh directory under /var/tmp, mode 0755, removed on exit."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir="/var/tmp"))
    try:
        os.chmod(path, 0o755)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` at the time of the call."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def http_get(
    host: str, port: int, path: str = "/", timeout: float = 5.0
) -> tuple[int, dict[str, str], bytes]:
    """GET ``path``; return (status, headers with lower-case names, body)."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": f"{host}:{port}"})
        response = conn.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read()
    finally:
        conn.close()


def wait_until(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    """Call ``predicate`` until it returns a true value (returned); TimeoutError after ``timeout``."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            result = predicate()
        except Exception as exc:  # the server may be restarting
            last_error = exc
        else:
            if result:
                return result
        time.sleep(interval)
    raise TimeoutError(f"{what} not reached within {timeout:.0f}s (last error: {last_error!r})")


def tail(path: str | os.PathLike, lines: int = 40) -> str:
    """The last ``lines`` lines of a text file ('' if it does not exist)."""
    try:
        text = Path(path).read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


class ServerProcess:
    """A started server: its ``process`` (Popen), address, and captured output."""

    def __init__(self, process: subprocess.Popen, host: str, port: int):
        self.process = process
        self.host = host
        self.port = port
        self._output = bytearray()
        # Read through a pipe, not a file: httpd reopens /dev/stdout and /dev/stderr,
        # which would truncate a regular file under the first writer's feet.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def __repr__(self) -> str:
        return f"<ServerProcess pid={self.process.pid} {self.host}:{self.port}>"

    def _read(self) -> None:
        for chunk in iter(lambda: self.process.stdout.read1(65536), b""):
            self._output += chunk

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def get(self, path: str = "/", timeout: float = 5.0) -> tuple[int, dict[str, str], bytes]:
        """GET ``path`` from the server."""
        return http_get(self.host, self.port, path, timeout)

    def output(self) -> str:
        """Everything the process wrote to stdout and stderr so far."""
        return self._output.decode(errors="replace")

    def stop(self) -> None:
        """Stop the process group and collect the remaining output."""
        _stop(self.process)
        self._reader.join(timeout=STOP_TIMEOUT)
        self.process.stdout.close()


@contextlib.contextmanager
def running_server(
    argv: Sequence[str],
    port: int,
    *,
    host: str = "127.0.0.1",
    cwd: str | os.PathLike | None = None,
    env: dict[str, str] | None = None,
    timeout: float = START_TIMEOUT,
    error_logs: Sequence[str | os.PathLike] = (),
) -> Iterator[ServerProcess]:
    """Run ``argv`` until the body of the ``with`` ends; the server answers HTTP on entry."""
    process = subprocess.Popen(
        list(argv),
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = ServerProcess(process, host, port)
    failed = True
    try:
        _wait_for_http(server, timeout)
        yield server
        failed = False
    finally:
        server.stop()
        if failed:
            lines = server.output().splitlines()[-40:]
            print(f"--- output of {' '.join(argv)} (last lines) ---", *lines, sep="\n")
            for error_log in error_logs:
                print(f"--- {error_log} (last lines) ---\n{tail(error_log)}")


def _wait_for_http(server: ServerProcess, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"The server exited with status {server.process.returncode} before answering "
                f"on {server.host}:{server.port}."
            )
        try:
            server.get("/", timeout=2.0)
            return
        except (OSError, http.client.HTTPException):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"Nothing answered HTTP on {server.url} within {timeout:.0f}s.")
        time.sleep(0.2)


def _stop(process: subprocess.Popen) -> None:
    """Stop the process and its group (httpd and its children): TERM, then KILL."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=STOP_TIMEOUT)
            return
        except subprocess.TimeoutExpired:
            continue
