"""The apps' own Python time inside the mod_wsgi daemons (`bench/run.py --app-time`).

Each app is served again through the timing wrapper (bench/apptime_wrapper.py, written by
`http_apps.write_timed`) with the table's mod_wsgi-express settings. For every endpoint, one
wrk run loads it while this module reads, before and after, the daemons' CPU time from /proc
(as the main table does) and the wrapper's per-process files: requests served and the thread
CPU time spent inside the app (call, body, close). Per request that gives

- daemon CPU: utime + stime of the daemon processes / requests wrk counted;
- app: the wrapper's thread CPU time / the requests it counted;
- daemon - app: what mod_wsgi, Apache's side of the daemon and the kernel spend per request
  outside the app (reading the request from Apache's socket, building environ, writing the
  response, thread hand-over, the GIL);
- in-process: the same call in a hot loop without Apache (bench/profile_request.py's child,
  run on the app's own app.wsgi), so app / in-process shows what cold caches cost.

`bench/.venv/bin/python bench/apptime.py [JSON]` prints the table again from a saved run
(bench/results/apptime.json by default, or the `app_time` part of latest.json).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import load
import procstat
import servers
import te_apps
from apptime_wrapper import FLUSH_SECONDS
from environment import log
from http_apps import App

BENCH = Path(__file__).resolve().parent
# Wait this long after a load for every daemon's writer thread to have rewritten its file.
SETTLE_SECONDS = 3 * FLUSH_SECONDS
# In-process calls per endpoint: many for the cheap ones, fewer where PostgreSQL answers.
IN_PROCESS_CALLS = {"/plaintext": 20000, "/json": 20000}
IN_PROCESS_CALLS_DEFAULT = 300
# The app's requests may exceed wrk's by the requests in flight when wrk stops; far fewer
# means some daemon did not write its file (the figure is then flagged).
MIN_COUNTED = 0.98
# The target: the framework's daemon CPU per request at most this times the bare one's.
TARGET_CPU_RATIO = 1.3


def read_counters(app: App) -> dict[int, tuple[int, float]]:
    """{pid: (requests, app CPU seconds)} from the wrapper's files of `app`'s daemons."""
    found = {}
    for path in (app.directory / "apptime").glob("apptime-*.json"):
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue  # a daemon that has not written a whole file yet
        found[int(data["pid"])] = (int(data["requests"]), float(data["app_cpu_s"]))
    return found


def counters_delta(
    before: dict[int, tuple[int, float]], after: dict[int, tuple[int, float]]
) -> tuple[int, float]:
    """Requests and seconds counted between two readings, over every daemon process."""
    requests, seconds = 0, 0.0
    for pid, (count, spent) in after.items():
        old_count, old_spent = before.get(pid, (0, 0.0))
        requests += count - old_count
        seconds += spent - old_spent
    return requests, seconds


def measure_one(server: servers.Server, url_path: str, duration: float) -> dict:
    """One wrk run against one endpoint of a timed server: the per-request figures."""
    counted_before = read_counters(server.app)
    before = procstat.CpuSample.take(server.process.pid)
    result = load.run_wrk(server.url + url_path, duration)
    after = procstat.CpuSample.take(server.process.pid)
    time.sleep(SETTLE_SECONDS)
    counted, app_seconds = counters_delta(counted_before, read_counters(server.app))
    cpu = procstat.cpu_per_request(before, after, result.requests)
    app_us = round(app_seconds / counted * 1e6, 1) if counted else None
    daemon_us = cpu["daemon_cpu_us"]
    return {
        "requests_per_second": result.requests_per_second,
        "requests": result.requests,
        "app_requests": counted,
        "errors": result.errors,
        "daemon_cpu_us": daemon_us,
        "daemon_user_us": cpu["daemon_user_us"],
        "daemon_system_us": cpu["daemon_system_us"],
        "app_us": app_us,
        "outside_app_us": (
            None if daemon_us is None or app_us is None else round(daemon_us - app_us, 1)
        ),
        "undercounted": counted < MIN_COUNTED * result.requests,
    }


def measure(ready: list[servers.Server], paths: dict[str, str], duration: float) -> dict:
    """Warm every endpoint up, then load each once per timed server; {app: {endpoint: row}}."""
    for server in ready:
        for url_path in paths.values():
            load.run_wrk(server.url + url_path, 1)
    time.sleep(SETTLE_SECONDS)
    log(f"app time: warmed up; one run of {duration:g} s per endpoint and app")
    rows: dict[str, dict[str, dict]] = {server.app.name: {} for server in ready}
    for endpoint, url_path in paths.items():
        for server in ready:
            if server.app.cache_prefix is None and endpoint == te_apps.CACHED_PATH:
                continue  # the bare function has no per-view cache
            row = measure_one(server, url_path, duration)
            rows[server.app.name][endpoint] = row
            log(
                f"app time {server.app.label:34} {endpoint:17} "
                f"{row['requests_per_second']:8.0f} req/s  daemon CPU {_cell(row['daemon_cpu_us'])} "
                f"us/req, app {_cell(row['app_us'])} us/req "
                f"({row['app_requests']} of {row['requests']} requests counted)"
            )
    return rows


def in_process(python: Path, script: Path, paths: dict[str, str]) -> dict[str, float]:
    """CPU µs per call of `script`'s application in a hot loop (bench/profile_request.py)."""
    groups: dict[int, list[str]] = {}
    for url_path in paths.values():
        calls = IN_PROCESS_CALLS.get(url_path, IN_PROCESS_CALLS_DEFAULT)
        groups.setdefault(calls, []).append(url_path)
    env = {k: v for k, v in os.environ.items() if not k.endswith("_SETTINGS_MODULE")}
    found: dict[str, float] = {}
    for calls, group in groups.items():
        command = [str(python), str(BENCH / "profile_request.py"), "--script", str(script)]
        command += ["--endpoints", ",".join(group), "--calls", str(calls)]
        done = subprocess.run(
            command, capture_output=True, text=True, cwd=BENCH.parent, env=env, timeout=600
        )
        if done.returncode != 0:
            tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
            log(f"app time: in-process run of {script} failed: {tail}")
            continue
        found.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return {endpoint: found[p] for endpoint, p in paths.items() if p in found}


def add_in_process(rows: dict, python: Path, apps: list[App], paths: dict[str, str]) -> None:
    """Fill in `in_process_us` and `app_to_in_process` for every measured row."""
    for app in apps:
        if app.name not in rows:
            continue
        log(f"app time: in-process loop for {app.label}")
        per_call = in_process(python, app.directory / "app.wsgi", paths)
        for endpoint, row in rows[app.name].items():
            value = per_call.get(endpoint)
            row["in_process_us"] = None if value is None else round(value, 1)
            if value and row["app_us"]:
                row["app_to_in_process"] = round(row["app_us"] / value, 2)


def add_ratios(rows: dict) -> None:
    """Ratios to the bare function's figures, and the app time the CPU target leaves.

    `app_budget_us`: the app time per request inside the daemon at which this app's daemon
    CPU would be TARGET_CPU_RATIO times the bare function's, its own time outside the app
    staying as measured (TARGET x bare daemon us - daemon-app).
    """
    bare = rows.get("bare", {})
    for name, by_endpoint in rows.items():
        for endpoint, row in by_endpoint.items():
            base = bare.get(endpoint)
            if not base:
                continue
            for key in ("daemon_cpu_us", "app_us"):
                if row[key] and base[key]:
                    row[f"{key.removesuffix('_us')}_to_bare"] = round(row[key] / base[key], 2)
            if name != "bare" and base["daemon_cpu_us"] and row["outside_app_us"] is not None:
                limit = TARGET_CPU_RATIO * base["daemon_cpu_us"]
                row["app_budget_us"] = round(limit - row["outside_app_us"], 1)


def _cell(value: float | None, width: int = 0) -> str:
    return f"{'?':>{width}}" if value is None else f"{value:{width}.1f}"


def _ratio(value: float | None, width: int) -> str:
    return f"{'':>{width}}" if value is None else f"{value:{width}.2f}"


def print_table(rows: dict, labels: dict[str, str]) -> None:
    header = (
        f"{'endpoint':17}{'app':34}{'req/s':>8}{'daemon us':>10}{'/bare':>6}{'app us':>8}"
        f"{'/bare':>6}{'daemon-app':>11}{'in-proc us':>11}{'app/in-proc':>12}{'budget':>8}"
    )
    print()
    print("App time inside the mod_wsgi daemons (CPU microseconds per request)")
    print(header)
    print("-" * len(header))
    endpoints = dict.fromkeys(e for by_endpoint in rows.values() for e in by_endpoint)
    for endpoint in endpoints:
        for name, by_endpoint in rows.items():
            row = by_endpoint.get(endpoint)
            if row is None:
                print(f"{endpoint:17}{labels[name]:34}{'n/a':>8}")
                continue
            ratio = row.get("app_to_in_process")
            budget = row.get("app_budget_us")
            flag = " !" if row["errors"] or row["undercounted"] else ""
            print(
                f"{endpoint:17}{labels[name]:34}{row['requests_per_second']:8.0f}"
                f"{_cell(row['daemon_cpu_us'], 10)}{_ratio(row.get('daemon_cpu_to_bare'), 6)}"
                f"{_cell(row['app_us'], 8)}{_ratio(row.get('app_to_bare'), 6)}"
                f"{_cell(row['outside_app_us'], 11)}{_cell(row.get('in_process_us'), 11)}"
                f"{_ratio(ratio, 12)}{'' if budget is None else _cell(budget, 8)}{flag}"
            )
    print()
    print("daemon us: utime+stime of the daemon processes / requests, as in the main table;")
    print("app us: thread CPU time inside the app (call, body, close) / requests, measured in")
    print("the daemon by bench/apptime_wrapper.py; daemon-app: mod_wsgi + kernel + GIL hand-over")
    print("per request; in-proc us: the same call in a hot loop without Apache (process CPU);")
    print(f"budget: the app us at which daemon us would be {TARGET_CPU_RATIO} x bare's, daemon-app")
    print("staying as measured")
    if any(r["errors"] or r["undercounted"] for rows_ in rows.values() for r in rows_.values()):
        print("! wrk saw errors, or the wrapper counted fewer requests than wrk (see the JSON)")
    print()


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else BENCH / "results" / "apptime.json"
    report = json.loads(path.read_text())
    if not report.get("app_time"):
        sys.exit(f"{path}: no app-time results (run bench/run.py --app-time or --app-time-only)")
    rows = report["app_time"]["results"]
    add_ratios(rows)
    print_table(rows, {name: app["label"] for name, app in report["apps"].items()})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
