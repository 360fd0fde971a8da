"""Load for the reliability suite: wrk runs (read page, write mix, overload) and Python
clients whose every write is recorded, so that acknowledged writes can be audited."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field

from bench.load import Measurement, parse

# A mix of reads (the demo's front page) and writes; `done` prints per-status counts.
_WRK_SCRIPT = """
local counter = 0
statuses = {}
local threads = {}
local n = 0

function setup(thread)
  n = n + 1
  thread:set("tid", n)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  if WRITE_EVERY > 0 and counter % WRITE_EVERY == 0 then
    local body = "token=wrk-" .. RUN .. "-" .. tid .. "-" .. counter
    return wrk.format("POST", "/rel/write/",
      {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
  end
  return wrk.format("GET", PATH)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("STATUS %d %d\\n", status, count))
  end
end
"""


@dataclass
class WrkRun:
    """One wrk run: wrk's measurement, the count of each HTTP status, the run id of its writes."""

    measurement: Measurement
    statuses: dict[int, int]
    run_id: str
    output: str

    @property
    def non_2xx(self) -> int:
        return sum(count for status, count in self.statuses.items() if not 200 <= status < 300)

    def _sockets(self) -> tuple[int, int, int, int]:
        match = re.search(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", self.output
        )
        return tuple(int(n) for n in match.groups()) if match else (0, 0, 0, 0)

    @property
    def socket_errors(self) -> int:
        """Every socket error of wrk's ``Socket errors`` line (connect, read, write, timeout)."""
        return sum(self._sockets())

    @property
    def closed_connections(self) -> int:
        """wrk's "read" errors: the server closed a connection (wrk reconnects)."""
        return self._sockets()[1]


def run_wrk(
    url: str,
    seconds: float,
    *,
    path: str = "/",
    write_every: int = 0,
    connections: int = 16,
    threads: int = 2,
    timeout: str = "10s",
) -> WrkRun:
    """Run wrk for ``seconds`` against ``url``: GET ``path``, every ``write_every``-th a write."""
    run_id = uuid.uuid4().hex[:8]
    script = _WRK_SCRIPT.replace("WRITE_EVERY", str(write_every))
    script = script.replace("RUN", json.dumps(run_id)).replace("PATH", json.dumps(path))
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        command = [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds:g}s",
            f"--timeout={timeout}",
            "--latency",
            "-s",
            lua.name,
            url,
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    assert result.returncode == 0, result.stdout + result.stderr
    statuses = {
        int(status): int(count)
        for status, count in re.findall(r"^STATUS (\d+) (\d+)$", result.stdout, re.MULTILINE)
    }
    return WrkRun(parse(result.stdout), statuses, run_id, result.stdout)


@dataclass
class Outcome:
    """One request of a client: when, what status (0: no HTTP response), the write's id."""

    started: float
    ended: float
    status: int
    kind: str  # "read" or "write"
    token: str = ""
    ack_id: int | None = None
    error: str = ""
    body: bytes = b""  # the start of a failed response's body

    @property
    def shows_traceback(self) -> bool:
        """The failure page gives away a traceback (a clean 5xx never does)."""
        return b"Traceback" in self.body or b"File &quot;" in self.body


def _multipart(token: str, payload: bytes) -> tuple[str, bytes]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="token"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{token}.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        + payload
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return f"multipart/form-data; boundary={boundary}", body


def _request(
    port: int,
    method: str,
    path: str,
    body: str | bytes | None,
    content_type: str = "application/x-www-form-urlencoded",
    timeout: float = 30,
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    # The Host a production site sees on port 80/443: no port (contrib.sites caches the
    # Site of a host without a port; with one, it looks the host up on every request).
    headers = {"Host": "127.0.0.1"}
    if body is not None:
        headers["Content-Type"] = content_type
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@dataclass
class Clients:
    """Threads that write (and read, and upload) until stopped, recording every outcome.

    Uploads POST ``upload_bytes`` bytes to /rel/upload/, one every ``upload_pause`` seconds
    per thread; their outcomes have kind "upload" and the token as the file's name."""

    port: int
    writers: int = 6
    readers: int = 2
    write_path: str = "/rel/write/"
    read_path: str = "/"
    uploaders: int = 0
    upload_bytes: int = 16384
    upload_pause: float = 0.1
    outcomes: list[Outcome] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._write_loop, daemon=True) for _ in range(self.writers)
        ] + [threading.Thread(target=self._read_loop, daemon=True) for _ in range(self.readers)]
        self._threads += [
            threading.Thread(target=self._upload_loop, daemon=True) for _ in range(self.uploaders)
        ]

    def __enter__(self) -> Clients:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(40)

    def _record(self, outcome: Outcome) -> None:
        with self._lock:
            self.outcomes.append(outcome)

    def _write_loop(self) -> None:
        while not self._stop.is_set():
            token = f"py-{uuid.uuid4().hex}"
            self._acknowledged_write("write", token, self.write_path, f"token={token}")

    def _acknowledged_write(
        self,
        kind: str,
        token: str,
        path: str,
        body: str | bytes,
        content_type: str = "application/x-www-form-urlencoded",
    ) -> None:
        """POST one write; record it, with the id the server acknowledged it under."""
        started = time.monotonic()
        outcome = Outcome(started, started, 0, kind, token)
        try:
            status, answer = _request(self.port, "POST", path, body, content_type)
            outcome.status = status
            if status == 200:
                outcome.ack_id = json.loads(answer)["id"]
            else:
                outcome.body = answer[:2000]
        except (OSError, http.client.HTTPException, ValueError, KeyError) as exc:
            outcome.error = repr(exc)
        outcome.ended = time.monotonic()
        self._record(outcome)

    def _read_loop(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            outcome = Outcome(started, started, 0, "read")
            try:
                outcome.status, body = _request(self.port, "GET", self.read_path, None)
                if outcome.status != 200:
                    outcome.body = body[:2000]
            except (OSError, http.client.HTTPException) as exc:
                outcome.error = repr(exc)
            outcome.ended = time.monotonic()
            self._record(outcome)

    def _upload_loop(self) -> None:
        payload = b"u" * self.upload_bytes
        while not self._stop.wait(self.upload_pause):
            token = f"up-{uuid.uuid4().hex}"
            content_type, body = _multipart(token, payload)
            self._acknowledged_write("upload", token, "/rel/upload/", body, content_type)

    def run_for(self, seconds: float) -> None:
        """Keep the load on for ``seconds``."""
        time.sleep(seconds)


def recovery_seconds(outcomes: list[Outcome], fault_at: float) -> float:
    """Seconds from the fault until the first request after which every request succeeded."""
    failures = [o for o in outcomes if o.status != 200]
    if not failures:
        return 0.0
    return max(0.0, max(o.ended for o in failures) - fault_at)
