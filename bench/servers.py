"""mod_wsgi-express servers for the benchmark: identical settings for every app.

Each server runs `mod_wsgi-express start-server` in the foreground (daemon mode, as
mod_wsgi-express always is) in a session of its own; it is stopped by its process id.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import rediscache
import te_checks
from http_apps import App

PROCESSES = 2
THREADS = 10


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_options(processes: int = PROCESSES) -> list[str]:
    """The mod_wsgi-express options shared by every benchmarked app."""
    options = ["--processes", str(processes), "--threads", str(THREADS), "--locale", "C.UTF-8"]
    if os.geteuid() == 0:
        options += ["--user", "www-data", "--group", "www-data"]
    return options


@dataclass
class Server:
    """One running mod_wsgi-express server for one app."""

    app: App
    port: int
    process: subprocess.Popen[bytes]
    root: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 20) -> str:
        """The end of the server's error log and of mod_wsgi-express's own output."""
        parts = []
        for path in (self.root.parent / f"{self.app.server_name}.out", self.root / "error_log"):
            if path.exists():
                parts.append(f"--- {path}\n" + "\n".join(path.read_text().splitlines()[-lines:]))
        return "\n".join(parts)

    def stop(self) -> None:
        """Stop httpd by its pid (SIGTERM, then SIGKILL to its own process group)."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)


def start(mod_wsgi_express: Path, app: App, workdir: Path, processes: int = PROCESSES) -> Server:
    """Start `app` on a free port (not yet waiting for it to answer)."""
    port = free_port()
    root = workdir / f"{app.server_name}-server"
    command = [str(mod_wsgi_express), "start-server", str(app.script)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--server-root", str(root)]
    command += ["--python-path", str(app.directory), *server_options(processes)]
    output = open(workdir / f"{app.server_name}.out", "wb")  # the child keeps its own copy
    # The apps choose their own settings, whatever the calling shell exported.
    env = {k: v for k, v in os.environ.items() if not k.endswith("_SETTINGS_MODULE")}
    process = subprocess.Popen(
        command,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=workdir,
        env=env,
    )
    output.close()
    return Server(app, port, process, root)


def get(url: str, path: str, timeout: float = 10.0) -> tuple[int, str, bytes]:
    """One GET: status, Content-Type and body."""
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def wait_until_up(server: Server, timeout: float = 60.0) -> None:
    """Wait until the server accepts connections; raise with its log if it does not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{server.app.label}: mod_wsgi-express exited with {server.process.returncode}\n"
                + server.log_tail()
            )
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(
        f"{server.app.label}: not listening after {timeout:.0f} s\n" + server.log_tail()
    )


def check_endpoints(server: Server) -> None:
    """Every endpoint answers as the TechEmpower rules require, or raise with what is wrong."""
    fetch = lambda path: get(server.url, path, timeout=60)  # noqa: E731
    problems = te_checks.check_all(fetch)
    if server.app.cache_prefix is not None and not problems:
        prefix = server.app.cache_prefix
        problems = te_checks.check_cached(fetch, lambda: len(rediscache.keys(prefix)))
    if problems:
        raise RuntimeError(
            f"{server.app.label}: {problems[0]}\n"
            + "\n".join(problems[1:5])
            + "\n"
            + server.log_tail()
        )
