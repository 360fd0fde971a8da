"""Slow clients for the reliability suite: slowloris headers and slow request bodies.

Each client opens a socket to 127.0.0.1 and trickles a request that never completes: a
slowloris client sends one more header line every few seconds and never the blank line;
a slow-body client sends complete headers announcing a large body, then one byte at a time.
Apache's mod_reqtimeout (``RequestReadTimeout`` in conf/httpd.conf) must close them; the
figures say how many were closed by the server and how long each lasted.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field


@dataclass
class _Client:
    sock: socket.socket
    kind: str
    opened: float
    closed_after: float | None = None


@dataclass
class SlowClients:
    """``slowloris`` + ``slow_body`` trickling sockets against ``port``, one byte/line every
    ``every`` seconds, until ``stop()``; a socket the server closes is recorded with its age."""

    port: int
    slowloris: int
    slow_body: int
    every: float = 2.0
    clients: list[_Client] = field(default_factory=list)
    refused: int = 0

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._trickle, name="slow-clients", daemon=True)

    def __enter__(self) -> SlowClients:
        for kind, count in (("slowloris", self.slowloris), ("slow_body", self.slow_body)):
            for _ in range(count):
                self._open(kind)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        for client in self.clients:
            client.sock.close()

    def _open(self, kind: str) -> None:
        try:
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        except OSError:
            self.refused += 1
            return
        if kind == "slowloris":
            head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        else:
            head = (
                b"POST /rel/write/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 1000000\r\n\r\n"
            )
        sock.sendall(head)
        sock.setblocking(False)
        self.clients.append(_Client(sock, kind, time.monotonic()))

    def _trickle(self) -> None:
        line = 0
        while not self._stop.wait(self.every):
            line += 1
            for client in self.clients:
                if client.closed_after is not None:
                    continue
                if self._closed_by_server(client.sock):
                    client.closed_after = time.monotonic() - client.opened
                    continue
                chunk = f"X-Slow-{line}: a\r\n".encode() if client.kind == "slowloris" else b"a"
                try:
                    client.sock.send(chunk)
                except OSError:
                    client.closed_after = time.monotonic() - client.opened

    @staticmethod
    def _closed_by_server(sock: socket.socket) -> bool:
        """Whether the server has answered (e.g. 408) or closed: anything readable counts."""
        try:
            data = sock.recv(4096)
        except BlockingIOError:
            return False
        except OSError:
            return True
        return data == b"" or data.startswith(b"HTTP/")

    def wait_closed(self, seconds: float) -> None:
        """Wait up to ``seconds`` for the server to close every client."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.still_open():
            time.sleep(0.5)

    def still_open(self) -> int:
        return sum(1 for c in self.clients if c.closed_after is None)

    def figures(self) -> dict:
        """Opened/closed counts per kind and the longest a slow client was kept."""
        out: dict = {"refused": self.refused}
        for kind in ("slowloris", "slow_body"):
            mine = [c for c in self.clients if c.kind == kind]
            closed = [c.closed_after for c in mine if c.closed_after is not None]
            out[kind] = {
                "opened": len(mine),
                "closed_by_server": len(closed),
                "longest_kept_s": round(max(closed), 1) if closed else None,
            }
        return out
