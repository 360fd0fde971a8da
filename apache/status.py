"""``manage.py apache status``: the httpd, its daemon processes and its request counts.

Two sources, each for what only it knows: /proc for the mod_wsgi daemon processes (pid,
user, uptime, CPU, memory, threads: mod_status never sees them, it only knows Apache's
own children), and mod_status (``/server-status?auto``, loopback only) for the
requests Apache counted: total served, in flight (busy workers), requests per second.
"""

from __future__ import annotations

import http.client
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from framework_apache import procs
from framework_apache.procs import ProcessInfo, format_duration

STATUS_PATH = "/server-status?auto"


@dataclass(frozen=True)
class ServerStatus:
    """A snapshot of a running server."""

    parent: ProcessInfo
    daemons: dict[str, list[ProcessInfo]]
    # mod_status "?auto" fields ("Total Accesses", "BusyWorkers", ...); {} if unavailable.
    counters: dict[str, str] = field(default_factory=dict)
    counters_error: str = ""
    # Per daemon pid: {"requests": served, ...} as the daemon wrote it (run/metrics).
    daemon_counts: dict[int, dict] = field(default_factory=dict)

    def format(self) -> str:
        """The human-readable report printed by ``manage.py apache status``."""
        lines = [
            f"Apache is running: pid {self.parent.pid}, up {format_duration(self.parent.uptime)}.",
        ]
        if self.counters:
            total = self.counters.get("Total Accesses", "?")
            busy = self.counters.get("BusyWorkers", "?")
            idle = self.counters.get("IdleWorkers", "?")
            rate = self.counters.get("ReqPerSec", "?")
            lines.append(
                f"Requests: {total} served, {busy} in flight (this one included), "
                f"{idle} idle workers, {rate} per second on average."
            )
        else:
            lines.append(f"Requests: unknown ({self.counters_error or 'no mod_status'}).")
        if not self.daemons:
            lines.append("No mod_wsgi daemon process is running.")
        for group, infos in sorted(self.daemons.items()):
            lines.append(f"Daemon process group {group!r}: {len(infos)} process(es)")
            for info in infos:
                lines.append(
                    f"  pid {info.pid:<7} user {info.user:<9} up {format_duration(info.uptime)}"
                    f"  cpu {info.cpu_seconds:.1f}s  rss {info.rss_bytes / 2**20:.1f} MiB"
                    f"  threads {info.threads}{_counts(self.daemon_counts.get(info.pid))}"
                )
        return "\n".join(lines)


def _counts(counts: dict | None) -> str:
    if not counts:
        return ""
    return f"  requests {counts.get('requests', '?')}"


def daemon_counts(server_root: str | os.PathLike | None, pids: set[int]) -> dict[int, dict]:
    """The counters the live daemons ``pids`` wrote in run/metrics; stale files removed."""
    if server_root is None:
        return {}
    counts = {}
    for path in (Path(server_root) / "run" / "metrics").glob("wsgi-*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            pid = int(data["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if pid in pids:
            counts[pid] = data
        elif not procs.exists(pid):
            path.unlink(missing_ok=True)
    return counts


def collect(
    parent_pid: int,
    host: str,
    port: int,
    timeout: float = 3.0,
    server_root: str | os.PathLike | None = None,
) -> ServerStatus | None:
    """The status of httpd ``parent_pid`` listening on ``host:port`` (None if it is gone)."""
    parent = procs.process_info(parent_pid)
    if parent is None:
        return None
    daemons = {
        group: [info for info in map(procs.process_info, pids) if info is not None]
        for group, pids in procs.daemon_processes(parent_pid).items()
    }
    try:
        counters = fetch_counters(host, port, timeout)
        error = ""
    except (OSError, http.client.HTTPException, ValueError) as exc:
        counters, error = {}, f"{STATUS_PATH} on {host}:{port} failed: {exc}"
    pids = {info.pid for infos in daemons.values() for info in infos}
    return ServerStatus(parent, daemons, counters, error, daemon_counts(server_root, pids))


def fetch_counters(host: str, port: int, timeout: float = 3.0) -> dict[str, str]:
    """mod_status's machine-readable counters from ``host:port``."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", STATUS_PATH)
        response = connection.getresponse()
        body = response.read().decode("latin-1")
    finally:
        connection.close()
    if response.status != 200:
        raise ValueError(f"HTTP {response.status} (is FrameworkNoStatus defined?)")
    return parse_counters(body)


def parse_counters(text: str) -> dict[str, str]:
    """``Key: value`` lines of mod_status's ``?auto`` output as a dict."""
    counters = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            counters[key.strip()] = value.strip()
    return counters
