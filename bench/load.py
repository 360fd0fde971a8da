"""Load generation with wrk and parsing of its report."""

from __future__ import annotations

import re
import subprocess
from dataclasses import asdict, dataclass

WRK_THREADS = 2
WRK_CONNECTIONS = 32

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass
class Measurement:
    """One wrk run against one URL."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    # Non-2xx/3xx responses plus connect, write and timeout errors: a run with any is suspect.
    errors: int
    # wrk's "read" socket errors: the server closed a keep-alive connection and wrk reconnected
    # (Apache's event MPM does so as it adjusts its worker processes); requests are not lost.
    closed_connections: int
    # Microseconds of CPU (utime + stime) per request in the mod_wsgi daemons and in Apache's
    # own processes, filled in by the caller from /proc (None when it could not be measured).
    daemon_cpu_us: float | None = None
    daemon_user_us: float | None = None
    daemon_system_us: float | None = None
    # Context switches of the daemon threads per request.
    daemon_switches: float | None = None
    apache_cpu_us: float | None = None

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def _latency_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse(output: str) -> Measurement:
    """Read requests/s, p50/p99 latency and error counts from `wrk --latency` output."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    total = re.search(r"^\s+(\d+) requests in", output, re.MULTILINE)
    if not (rps and p50 and p99 and total):
        raise ValueError(f"cannot read wrk's report:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    connect, read, write, timeout = (int(n) for n in sockets.groups()) if sockets else (0, 0, 0, 0)
    return Measurement(
        requests_per_second=float(rps.group(1)),
        p50_ms=_latency_ms(p50.group(1)),
        p99_ms=_latency_ms(p99.group(1)),
        requests=int(total.group(1)),
        errors=(int(non_2xx.group(1)) if non_2xx else 0) + connect + write + timeout,
        closed_connections=read,
    )


def run_wrk(url: str, duration: float) -> Measurement:
    """Load `url` for `duration` seconds with wrk's fixed thread and connection counts."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{duration:g}s", "--latency"]
    result = subprocess.run(
        command + [url], capture_output=True, text=True, timeout=duration + 60, check=True
    )
    return parse(result.stdout)
