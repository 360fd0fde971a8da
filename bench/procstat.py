"""What the servers cost: CPU time of the mod_wsgi daemons, their memory, and cold start.

CPU is read from /proc/<pid>/stat (utime + stime, in clock ticks) of every daemon process of a
server before and after a wrk run; divided by the requests wrk counted it gives CPU per
request. Memory is read from /proc/<pid>/smaps_rollup after the load. Cold start runs the
app's WSGI script in a fresh interpreter and times it from the first import to the first
response body.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# mod_wsgi-express names its daemon processes "(wsgi:<host>:<port>:<uid>)" (display-name).
DAEMON_PREFIX = b"(wsgi:"


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def server_processes(root_pid: int) -> tuple[list[int], list[int]]:
    """The daemon pids and the other (Apache) pids under a mod_wsgi-express process."""
    daemons, others, pending = [], [root_pid], [root_pid]
    while pending:
        for child in _children(pending.pop()):
            pending.append(child)
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            (daemons if cmdline.startswith(DAEMON_PREFIX) else others).append(child)
    return sorted(daemons), sorted(others)


def cpu_times(pids: list[int]) -> tuple[float, float] | None:
    """(utime, stime) of `pids` in seconds, or None when one of them has gone."""
    user = system = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        # Fields after the command name, which is in parentheses and may hold spaces.
        fields = text[text.rindex(")") + 2 :].split()
        user += int(fields[11])
        system += int(fields[12])
    return user / CLOCK_TICKS, system / CLOCK_TICKS


def cpu_seconds(pids: list[int]) -> float | None:
    """utime + stime of `pids` in seconds, or None when one of them has gone."""
    times = cpu_times(pids)
    return None if times is None else times[0] + times[1]


def context_switches(pids: list[int]) -> int | None:
    """Voluntary + involuntary context switches of every thread of `pids`."""
    total = 0
    for pid in pids:
        try:
            tasks = list(Path(f"/proc/{pid}/task").iterdir())
        except OSError:
            return None
        for task in tasks:
            try:
                text = (task / "status").read_text()
            except OSError:
                continue  # a thread that just ended
            for line in text.splitlines():
                if "ctxt_switches:" in line:
                    total += int(line.split()[-1])
    return total


@dataclass
class CpuSample:
    """CPU seconds of a server's daemons and of its Apache processes at one moment."""

    daemons: list[int]
    others: list[int]
    daemon_seconds: float | None
    other_seconds: float | None
    daemon_times: tuple[float, float] | None
    daemon_switches: int | None

    @classmethod
    def take(cls, root_pid: int) -> CpuSample:
        daemons, others = server_processes(root_pid)
        times = cpu_times(daemons)
        seconds = None if times is None else times[0] + times[1]
        return cls(daemons, others, seconds, cpu_seconds(others), times, context_switches(daemons))


def cpu_per_request(before: CpuSample, after: CpuSample, requests: int) -> dict[str, float | None]:
    """Microseconds of daemon CPU and of Apache CPU per request between two samples."""
    result: dict[str, float | None] = {
        "daemon_cpu_us": None,
        "daemon_user_us": None,
        "daemon_system_us": None,
        "daemon_switches": None,
        "apache_cpu_us": None,
    }
    if requests <= 0 or before.daemons != after.daemons or not before.daemons:
        return result  # a daemon restarted or none was found: no honest figure
    if before.daemon_times is not None and after.daemon_times is not None:
        user = after.daemon_times[0] - before.daemon_times[0]
        system = after.daemon_times[1] - before.daemon_times[1]
        result["daemon_cpu_us"] = round((user + system) / requests * 1e6, 1)
        result["daemon_user_us"] = round(user / requests * 1e6, 1)
        result["daemon_system_us"] = round(system / requests * 1e6, 1)
    if before.daemon_switches is not None and after.daemon_switches is not None:
        # Context switches per request: threads waiting for the GIL or for Apache.
        switches = after.daemon_switches - before.daemon_switches
        result["daemon_switches"] = round(switches / requests, 2)
    # Apache's event MPM may start or stop worker processes: then no Apache figure.
    if before.others == after.others and None not in (before.other_seconds, after.other_seconds):
        spent = after.other_seconds - before.other_seconds
        result["apache_cpu_us"] = round(spent / requests * 1e6, 1)
    return result


def memory(root_pid: int) -> dict[str, float | int | None]:
    """RSS and PSS (MiB) of each daemon process: the largest and the mean."""
    daemons, _ = server_processes(root_pid)
    rss, pss = [], []
    for pid in daemons:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        values = {}
        for line in text.splitlines()[1:]:
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                values[name] = int(rest.split()[0])
        rss.append(values.get("Rss", 0) / 1024)
        pss.append(values.get("Pss", 0) / 1024)
    if not rss:
        return {"daemons": 0, "rss_mib_max": None, "rss_mib_mean": None, "pss_mib_max": None}
    return {
        "daemons": len(rss),
        "rss_mib_max": round(max(rss), 1),
        "rss_mib_mean": round(statistics.mean(rss), 1),
        "pss_mib_max": round(max(pss), 1),
    }


COLD_START_SCRIPT = """
import time
started, cpu_started = time.perf_counter(), time.process_time()
import json, os, sys
script = sys.argv[1]
namespace = {"__file__": script, "__name__": "_bench_wsgi_script"}
exec(compile(open(script).read(), script, "exec"), namespace)
imported = time.perf_counter()
environ = {
    "REQUEST_METHOD": "GET", "PATH_INFO": "/plaintext", "SCRIPT_NAME": "", "QUERY_STRING": "",
    "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
    "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
    "wsgi.input": __import__("io").BytesIO(), "wsgi.errors": sys.stderr,
    "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False,
    "wsgi.version": (1, 0),
}
statuses = []
result = namespace["application"](environ, lambda status, headers, exc=None: statuses.append(status))
body = b"".join(result)
if hasattr(result, "close"):
    result.close()
answered, cpu_answered = time.perf_counter(), time.process_time()
print(json.dumps({
    "status": statuses[0], "body": body.decode(errors="replace"),
    "import_ms": (imported - started) * 1000, "first_response_ms": (answered - started) * 1000,
    "first_response_cpu_ms": (cpu_answered - cpu_started) * 1000,
    "modules": len(sys.modules),
}))
"""


def cold_start(python: Path, script: Path, runs: int) -> dict[str, float | int | None]:
    """Median milliseconds from the WSGI script's first import to its first response body."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_SETTINGS_MODULE")}
    samples = []
    for _ in range(runs):
        completed = subprocess.run(
            [str(python), "-c", COLD_START_SCRIPT, str(script)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=script.parent,
            env=env,
        )
        if completed.returncode != 0:
            tail = completed.stderr.strip().splitlines()[-1:] or ["no output"]
            return {
                "error": tail[0],
                "import_ms": None,
                "first_response_ms": None,
                "first_response_cpu_ms": None,
            }
        samples.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    return {
        "import_ms": round(statistics.median(s["import_ms"] for s in samples), 1),
        "first_response_ms": round(statistics.median(s["first_response_ms"] for s in samples), 1),
        # CPU time of the same span: what the wall time would be on an idle machine.
        "first_response_cpu_ms": round(
            statistics.median(s["first_response_cpu_ms"] for s in samples), 1
        ),
        "status": samples[0]["status"],
        "modules": samples[0]["modules"],
        "runs": runs,
    }
