"""What /proc says about the httpd of a server root and its mod_wsgi daemon processes.

The daemons are children of the httpd parent whose command line mod_wsgi replaced with
``(wsgi:GROUP)`` (``display-name=%{GROUP}`` in site.conf); mod_status cannot see them,
since it only knows Apache's own children.
"""

from __future__ import annotations

import os
import pwd
import time
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
DAEMON_PREFIX = "(wsgi:"


@dataclass(frozen=True)
class ProcessInfo:
    """One process as /proc shows it."""

    pid: int
    ppid: int
    name: str
    user: str
    uptime: float
    cpu_seconds: float
    rss_bytes: int
    threads: int


def exists(pid: int) -> bool:
    """Whether a process ``pid`` exists (a zombie counts as gone)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return False
    return _stat_fields(stat)[0] != "Z"


def cmdline(pid: int) -> str:
    """The command line of ``pid`` with NULs as spaces ('' if it is gone)."""
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()


def is_httpd(pid: int, server_root: str | os.PathLike) -> bool:
    """Whether ``pid`` is a live httpd started for ``server_root`` (not a recycled pid)."""
    line = cmdline(pid)
    return exists(pid) and str(server_root) in line and "-f" in line.split()


def children(parent: int) -> list[int]:
    """The pids whose parent is ``parent``."""
    result = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = _stat_fields((entry / "stat").read_text())
        except OSError:
            continue
        if int(fields[1]) == parent and fields[0] != "Z":
            result.append(int(entry.name))
    return sorted(result)


def daemon_processes(parent: int) -> dict[str, list[int]]:
    """Daemon process group -> pids, for the mod_wsgi daemons of httpd ``parent``."""
    groups: dict[str, list[int]] = {}
    for pid in children(parent):
        line = cmdline(pid)
        if line.startswith(DAEMON_PREFIX):
            group = line[len(DAEMON_PREFIX) :].split(")", 1)[0]
            groups.setdefault(group, []).append(pid)
    return groups


def process_info(pid: int) -> ProcessInfo | None:
    """Uptime, CPU time, memory and threads of ``pid`` (None if it is gone)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
        status = (PROC / str(pid) / "status").read_text()
        system_uptime = float((PROC / "uptime").read_text().split()[0])
    except OSError:
        return None
    fields = _stat_fields(stat)
    # Fields after the command name, numbered from "state" (field 3 in proc(5)).
    ppid = int(fields[1])
    cpu = (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    threads = int(fields[17])
    started = int(fields[19]) / _CLOCK_TICKS
    rss = int(fields[21]) * _PAGE_SIZE
    uid = next(
        (int(line.split()[1]) for line in status.splitlines() if line.startswith("Uid:")), -1
    )
    try:
        user = pwd.getpwuid(uid).pw_name
    except KeyError:
        user = str(uid)
    return ProcessInfo(
        pid=pid,
        ppid=ppid,
        name=cmdline(pid).split(" ", 1)[0],
        user=user,
        uptime=max(0.0, system_uptime - started),
        cpu_seconds=cpu,
        rss_bytes=rss,
        threads=threads,
    )


def format_duration(seconds: float) -> str:
    """``1d 02:03:04`` / ``02:03:04``."""
    seconds = int(seconds)
    days, seconds = divmod(seconds, 86400)
    text = time.strftime("%H:%M:%S", time.gmtime(seconds))
    return f"{days}d {text}" if days else text


def _stat_fields(stat: str) -> list[str]:
    # The command name (field 2) may contain spaces and parentheses: split after it.
    return stat[stat.rindex(")") + 2 :].split()
