"""HTTP benchmark: the framework beside Django 5.2 and a bare WSGI function, under Apache.

    .venv/bin/python bench/run.py [--quick] [--duration S] [--rounds N] [--chart]
                                  [--keep-db] [--endpoints /db,...] [--no-topology]
                                  [--no-admin | --admin-only]
                                  [--app-time | --app-time-only]     (or scripts/bench)

Sets up bench/.venv, creates the TechEmpower database in PostgreSQL, writes four apps (the
framework with the default middleware of a new project, the framework with no middleware,
Django 5.2 with its defaults, a bare WSGI function with psycopg2 and Jinja2) into a temporary
directory www-data can read, serves each with identical mod_wsgi-express settings on free
127.0.0.1 ports, checks every TechEmpower endpoint's answer, loads each with wrk in
interleaved rounds, prints a table with ratios and writes bench/results/latest.json (and,
with --chart, docs/performance.png). Every server it starts is stopped by its pid.
With --app-time it then serves each app again through a timing wrapper and prints, per
endpoint, the app's own CPU time per request inside the daemon beside the daemon's
(bench/apptime.py); --app-time-only runs only that part.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import apptime
import environment
import http_apps
import load
import procstat
import rediscache
import servers
import te_apps
import topology
from environment import log

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
# The table's rows: a short name and the URL path loaded for it.
ENDPOINTS = {
    "/plaintext": "/plaintext",
    "/json": "/json",
    "/db": "/db",
    f"/queries({te_apps.QUERIES})": f"/queries?queries={te_apps.QUERIES}",
    "/fortunes": "/fortunes",
    # The same page through cache_page on Redis (framework and Django; n/a for bare WSGI).
    te_apps.CACHED_PATH: te_apps.CACHED_PATH,
    f"/updates({te_apps.QUERIES})": f"/updates?queries={te_apps.QUERIES}",
}
DATABASE = "bench_techempower"
FRAMEWORK_APPS = ("framework", "framework-nomw")
# Requests/s ratios in the table: the framework without middleware is compared with the bare
# function only, as Django runs here with its default middleware.
RATIOS = [
    ("framework", "bare"),
    ("framework", "django"),
    ("framework-nomw", "bare"),
    ("django", "bare"),
]
# The app-time part: at most this many seconds of wrk per endpoint and app, and its row order.
APP_TIME_SECONDS = 5.0
APP_TIME_ORDER = ("framework", "framework-nomw", "django", "bare")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one round of 2 s per endpoint")
    parser.add_argument(
        "--duration", type=float, default=None, help="seconds per wrk run (10, --quick: 2)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median)")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="JSON results (default bench/results/latest.json; apptime.json with --app-time-only)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary app directory")
    parser.add_argument(
        "--database", default=DATABASE, help=f"PostgreSQL database to create (default {DATABASE})"
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="keep the database after the run (it is dropped)"
    )
    parser.add_argument(
        "--chart",
        nargs="?",
        type=Path,
        const=REPO / "docs" / "performance.png",
        default=None,
        help="also draw requests/s per endpoint (PNG; default path docs/performance.png)",
    )
    parser.add_argument(
        "--endpoints",
        default=",".join(ENDPOINTS),
        help="comma-separated rows to measure (default: all)",
    )
    parser.add_argument(
        "--no-topology",
        action="store_true",
        help="skip the balancer topology (two framework nodes behind `apache balancer`)",
    )
    parser.add_argument(
        "--no-admin", action="store_true", help="skip the admin changelist part (admin_bench.py)"
    )
    parser.add_argument(
        "--admin-only", action="store_true", help="run only the admin changelist part"
    )
    parser.add_argument(
        "--app-time",
        action="store_true",
        help="then measure each app's own CPU time per request inside the daemon (apptime.py)",
    )
    parser.add_argument("--app-time-only", action="store_true", help="run only the app-time part")
    args = parser.parse_args(argv)
    if args.output is None:
        name = "apptime.json" if args.app_time_only else "latest.json"
        args.output = BENCH / "results" / name
    if args.quick:
        args.rounds = 1
    if args.duration is None:
        args.duration = 2.0 if args.quick else 10.0
    if args.rounds < 1 or args.duration <= 0:
        parser.error("--rounds must be at least 1 and --duration positive")
    args.endpoints = [name.strip() for name in args.endpoints.split(",") if name.strip()]
    unknown = [name for name in args.endpoints if name not in ENDPOINTS]
    if unknown or not args.endpoints:
        parser.error(f"--endpoints: unknown {unknown!r}; choose from {', '.join(ENDPOINTS)}")
    return args


def build_apps(python: Path, workdir: Path, database: dict[str, str]) -> list[http_apps.App]:
    """Write the four apps; the framework gets only the default apps/middleware that exist yet."""
    defaults, source = http_apps.framework_defaults(REPO)
    processors = defaults.get("context_processors", [])
    apps_missing = environment.missing_names(python, defaults["INSTALLED_APPS"], attributes=False)
    mw_missing = environment.missing_names(
        python, defaults["MIDDLEWARE"] + processors, attributes=True
    )
    installed = [name for name in defaults["INSTALLED_APPS"] if name not in apps_missing]
    middleware = [name for name in defaults["MIDDLEWARE"] if name not in mw_missing]
    processors = [name for name in processors if name not in mw_missing]
    framework = http_apps.write_project(
        workdir,
        "framework",
        "framework (default middleware)",
        "framework",
        installed,
        middleware,
        database=database,
        processors=processors,
    )
    framework.notes.append(f"defaults from {source}")
    log(f"framework: default middleware from {source}: {', '.join(middleware) or 'none'}")
    if apps_missing or mw_missing:
        note = f"not written yet, left out: {', '.join(apps_missing + mw_missing)}"
        framework.notes.append(note)
        log(f"framework: {note}")
    bare_mw = http_apps.write_project(
        workdir,
        "framework-nomw",
        "framework (no middleware)",
        "framework",
        installed,
        [],
        database=database,
        processors=[],
    )
    django = http_apps.write_project(
        workdir,
        "django",
        "Django 5.2 (default middleware)",
        "django",
        http_apps.DJANGO_DEFAULT_APPS,
        http_apps.DJANGO_DEFAULT_MIDDLEWARE,
        database=database,
        processors=http_apps.DJANGO_DEFAULT_PROCESSORS,
    )
    return [http_apps.write_bare(workdir, database), django, framework, bare_mw]


def create_database(python: Path, name: str) -> dict[str, str]:
    """Create the TechEmpower database (starting PostgreSQL if needed); its libpq parameters."""
    result = subprocess.run(
        [str(python), str(BENCH / "database.py"), "create", name],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"cannot create the database {name!r}:\n{result.stderr.strip()}")
    log(f"database {name!r}: World (10,000 rows) and Fortune (12 rows) created")
    return json.loads(result.stdout)


def drop_database(python: Path, name: str) -> None:
    """Drop the TechEmpower database."""
    subprocess.run([str(python), str(BENCH / "database.py"), "drop", name], check=False)
    log(f"database {name!r} dropped (--keep-db keeps it)")


def start_all(
    mod_wsgi_express: Path, apps: list[http_apps.App], workdir: Path, running: list
) -> tuple[list[servers.Server], dict[str, str]]:
    """Start every app and check its endpoints; framework apps that fail are left out."""
    started = []
    for app in apps:
        server = servers.start(mod_wsgi_express, app, workdir)
        running.append(server)
        started.append(server)
        log(f"started {app.label} on {server.url} (pid {server.process.pid})")
    ready, failures = [], {}
    for server in started:
        try:
            servers.wait_until_up(server)
            servers.check_endpoints(server)
        except RuntimeError as error:
            if server.app.name not in FRAMEWORK_APPS:
                raise
            lines = str(error).splitlines()
            failures[server.app.name] = lines[0]
            log(f"left out: {lines[0]}")
            for line in lines[-4:]:
                print(f"    {line}", flush=True)
            server.stop()
            continue
        log(f"checked {server.app.label}: every endpoint follows the TechEmpower rules")
        ready.append(server)
    return ready, failures


def measure(
    ready: list[servers.Server], rounds: int, duration: float, endpoints: list[str]
) -> dict:
    """Warm every endpoint up, then run wrk over all of them in interleaved rounds."""
    for server in ready:
        for endpoint in endpoints:
            load.run_wrk(server.url + ENDPOINTS[endpoint], 1)
    log(f"warmed up; {rounds} round(s) of {duration:g} s per endpoint")
    runs: dict[str, dict[str, list[load.Measurement]]] = {
        server.app.name: {endpoint: [] for endpoint in endpoints if _serves(server, endpoint)}
        for server in ready
    }
    for number in range(1, rounds + 1):
        # Each round starts with another app, so that no app always follows the same one.
        shift = (number - 1) % len(ready)
        order = ready[shift:] + ready[:shift]
        for endpoint in endpoints:
            for server in order:
                if not _serves(server, endpoint):
                    continue
                before = procstat.CpuSample.take(server.process.pid)
                result = load.run_wrk(server.url + ENDPOINTS[endpoint], duration)
                after = procstat.CpuSample.take(server.process.pid)
                cpu = procstat.cpu_per_request(before, after, result.requests)
                for key, value in cpu.items():
                    setattr(result, key, value)
                runs[server.app.name][endpoint].append(result)
                errors = f", {result.errors} errors" if result.errors else ""
                log(
                    f"round {number}/{rounds} {server.app.label:34} {endpoint:12} "
                    f"{result.requests_per_second:9.0f} req/s  p50 {result.p50_ms:.2f} ms  "
                    f"p99 {result.p99_ms:.2f} ms  daemon CPU {_us(result.daemon_cpu_us)}/req "
                    f"(user {_us(result.daemon_user_us)}, sys {_us(result.daemon_system_us)}, "
                    f"{result.daemon_switches} switches)"
                    f"{errors}"
                )
    return runs


def _serves(server: servers.Server, endpoint: str) -> bool:
    """The bare function has no per-view cache: the cached page is n/a for it."""
    return endpoint != te_apps.CACHED_PATH or server.app.cache_prefix is not None


def _us(value: float | None) -> str:
    return "?" if value is None else f"{value:.0f} us"


def _median(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return round(statistics.median(known), 2) if known else None


def _spread(values: list[float]) -> float:
    middle = statistics.median(values)
    return round(100 * (max(values) - min(values)) / middle, 1) if middle else 0.0


def costs(ready: list[servers.Server], python: Path, cold_runs: int) -> dict[str, dict]:
    """Daemon memory after the load, and cold start of each app's WSGI script."""
    found = {}
    for server in ready:
        cold = procstat.cold_start(python, server.app.script, cold_runs)
        found[server.app.name] = {"memory": procstat.memory(server.process.pid), "cold_start": cold}
        if "error" in cold:
            log(f"{server.app.label}: cold start failed: {cold['error']}")
    return found


def summarise(runs: dict) -> dict:
    """Median requests/s, p50 and p99 over the rounds, and the ratios, per app and endpoint."""
    summary: dict[str, dict[str, dict]] = {}
    for name, by_endpoint in runs.items():
        summary[name] = {}
        for endpoint, results in by_endpoint.items():
            summary[name][endpoint] = {
                "requests_per_second": statistics.median(r.requests_per_second for r in results),
                # (max - min) / median of requests/s over the rounds, in percent.
                "spread_pct": _spread([r.requests_per_second for r in results]),
                "p50_ms": statistics.median(r.p50_ms for r in results),
                "p99_ms": statistics.median(r.p99_ms for r in results),
                "daemon_cpu_us": _median([r.daemon_cpu_us for r in results]),
                "daemon_user_us": _median([r.daemon_user_us for r in results]),
                "daemon_system_us": _median([r.daemon_system_us for r in results]),
                "daemon_switches": _median([r.daemon_switches for r in results]),
                "apache_cpu_us": _median([r.apache_cpu_us for r in results]),
                "errors": sum(r.errors for r in results),
                "closed_connections": sum(r.closed_connections for r in results),
                "rounds": [r.as_dict() for r in results],
            }
    for name, base in RATIOS:
        if name in summary and base in summary:
            for endpoint, row in summary[name].items():
                if endpoint not in summary[base]:
                    continue
                rps = summary[base][endpoint]["requests_per_second"]
                row[f"ratio_to_{base}"] = round(row["requests_per_second"] / rps, 3)
                cpu, base_cpu = row["daemon_cpu_us"], summary[base][endpoint]["daemon_cpu_us"]
                if cpu and base_cpu:
                    row[f"cpu_ratio_to_{base}"] = round(cpu / base_cpu, 3)
    return summary


def print_table(summary: dict, labels: dict[str, str], extra: dict[str, dict]) -> None:
    header = (
        f"{'endpoint':17}{'app':34}{'req/s':>8}{'+-%':>6}{'p50 ms':>8}{'p99 ms':>8}{'/bare':>7}"
        f"{'/Django':>8}{'CPU us':>8}{'CPU/bare':>9}{'sys us':>7}{'sw/req':>7}"
    )
    print()
    print(header)
    print("-" * len(header))
    endpoints = dict.fromkeys(e for by_endpoint in summary.values() for e in by_endpoint)
    for endpoint in endpoints:
        for name, by_endpoint in summary.items():
            if endpoint not in by_endpoint:
                print(f"{endpoint:17}{labels[name]:34}{'n/a':>8}")
                continue
            row = by_endpoint[endpoint]
            bare = f"{row['ratio_to_bare']:.2f}" if "ratio_to_bare" in row else ""
            django = f"{row['ratio_to_django']:.2f}" if "ratio_to_django" in row else ""
            cpu = "" if row["daemon_cpu_us"] is None else f"{row['daemon_cpu_us']:.0f}"
            cpu_bare = f"{row['cpu_ratio_to_bare']:.2f}" if "cpu_ratio_to_bare" in row else ""
            system = "" if row["daemon_system_us"] is None else f"{row['daemon_system_us']:.0f}"
            switches = "" if row["daemon_switches"] is None else f"{row['daemon_switches']:.1f}"
            flag = " !" if row["errors"] else ""
            print(
                f"{endpoint:17}{labels[name]:34}{row['requests_per_second']:8.0f}"
                f"{row['spread_pct']:6.1f}"
                f"{row['p50_ms']:8.2f}{row['p99_ms']:8.2f}{bare:>7}{django:>8}{cpu:>8}"
                f"{cpu_bare:>9}{system:>7}{switches:>7}{flag}"
            )
    print()
    print("+-%: spread of requests/s between the rounds, (max - min) / median")
    print("CPU us: mod_wsgi daemon CPU (utime+stime) per request, median over the rounds;")
    print("sys us: its kernel part; sw/req: context switches of the daemon threads per request")
    if any(row["errors"] for rows in summary.values() for row in rows.values()):
        print("! wrk saw non-2xx responses or socket errors in that row (see the JSON)")
    header = (
        f"{'app':34}{'daemons':>8}{'RSS MiB':>9}{'PSS MiB':>9}{'import ms':>11}"
        f"{'1st resp ms':>13}{'CPU ms':>8}"
    )
    print()
    print(header)
    print("-" * len(header))
    for name, found in extra.items():
        memory, cold = found["memory"], found["cold_start"]

        def cell(value: float | None, width: int) -> str:
            return f"{'?':>{width}}" if value is None else f"{value:{width}.1f}"

        print(
            f"{labels[name]:34}{memory['daemons']:8d}{cell(memory['rss_mib_max'], 9)}"
            f"{cell(memory['pss_mib_max'], 9)}{cell(cold['import_ms'], 11)}"
            f"{cell(cold['first_response_ms'], 13)}{cell(cold['first_response_cpu_ms'], 8)}"
        )
    print()
    print("RSS/PSS: largest daemon after the load; import/1st resp: WSGI script in a fresh")
    print("interpreter, from its first import to importing it and to its first response body")
    print("(wall time; CPU ms: the process's CPU time up to that first response)")
    print()


def app_time_part(
    python: Path, apps: list[http_apps.App], workdir: Path, running: list, args: argparse.Namespace
) -> dict:
    """Serve every app through the timing wrapper; its own CPU time per request (apptime.py)."""
    for server in running:
        server.stop()  # the table's servers hold PostgreSQL connections and would compete
    for app in apps:
        if app.cache_prefix is not None:
            rediscache.clear(app.cache_prefix)  # the check wants no cached page at the start
    ordered = sorted(apps, key=lambda app: APP_TIME_ORDER.index(app.name))
    timed = [http_apps.write_timed(app) for app in ordered]
    log("app time: serving every app again through bench/apptime_wrapper.py")
    ready, failures = start_all(python.parent / "mod_wsgi-express", timed, workdir, running)
    paths = {endpoint: ENDPOINTS[endpoint] for endpoint in args.endpoints}
    duration = min(args.duration, APP_TIME_SECONDS)
    rows = apptime.measure(ready, paths, duration)
    for server in ready:
        server.stop()
    log(f"app time: stopped {len(ready)} timed server(s)")
    apptime.add_in_process(rows, python, ordered, paths)
    apptime.add_ratios(rows)
    return {
        "wrapper": "bench/apptime_wrapper.py: time.thread_time() around call + b''.join(body)"
        " + close(), body returned as [body]",
        "wrk": f"-t{load.WRK_THREADS} -c{load.WRK_CONNECTIONS} -d{duration:g}s --latency",
        "duration_s": duration,
        "server_options": servers.server_options(),
        "in_process": "bench/profile_request.py --script app.wsgi (process_time per call), calls: "
        + ", ".join(f"{p} {n}" for p, n in apptime.IN_PROCESS_CALLS.items())
        + f", others {apptime.IN_PROCESS_CALLS_DEFAULT}",
        "failures": failures,
        "results": rows,
    }


def write_app_time_only(
    python: Path, apps: list[http_apps.App], app_time: dict, args: argparse.Namespace
) -> int:
    """Print the app-time table and write its JSON (--app-time-only)."""
    labels = {app.name: app.label for app in apps}
    apptime.print_table(app_time["results"], labels)
    for name, reason in app_time["failures"].items():
        print(f"{labels[name]}: not measured: {reason}")
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "git": environment.git_revision(REPO),
        "versions": environment.versions(python),
        "database": f"PostgreSQL database {args.database!r}, CONN_MAX_AGE=None",
        "endpoints": {name: ENDPOINTS[name] for name in args.endpoints},
        "cpu_count": os.cpu_count(),
        "apps": {
            app.name: {"label": app.label, "notes": app.notes, **app.settings} for app in apps
        },
        "app_time": app_time,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    log(f"results written to {args.output}")
    return 1 if app_time["failures"] else 0


def admin_part(python: Path, args: argparse.Namespace) -> dict | None:
    """The admin changelist beside Django's (bench/admin_bench.py); its results, or None."""
    command = [str(python), str(BENCH / "admin_bench.py")]
    command += ["--quick"] if args.quick else []
    command += ["--keep-db"] if args.keep_db else []
    done = subprocess.run(command, cwd=REPO, check=False, timeout=3600)
    path = BENCH / "results" / "admin.json"
    if done.returncode != 0 or not path.exists():
        print("bench: the admin part failed (see above)", file=sys.stderr, flush=True)
        return None
    return json.loads(path.read_text())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.umask(0o022)
    for tool in ("wrk", "apache2"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"bench: {tool} is not installed: run scripts/bootstrap.sh first")
    python = environment.ensure_venv(REPO, BENCH / ".venv")
    if args.admin_only:
        return 0 if admin_part(python, args) is not None else 1
    problem = environment.check_www_data(python)
    if problem:
        sys.exit(f"bench: {problem}")
    workdir = Path(tempfile.mkdtemp(prefix="framework-bench-", dir="/var/tmp"))
    workdir.chmod(0o755)
    running: list[servers.Server] = []

    def stop_on_signal(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop_on_signal)
    database: dict[str, str] | None = None
    redis_problem = rediscache.problem()
    if redis_problem:
        args.endpoints = [e for e in args.endpoints if e != te_apps.CACHED_PATH]
        log(f"{te_apps.CACHED_PATH} left out: {redis_problem}")
    else:
        rediscache.clear(http_apps.CACHE_PREFIX)
    balanced: dict | None = None
    app_time: dict | None = None
    try:
        database = create_database(python, args.database)
        apps = build_apps(python, workdir, database)
        if redis_problem:
            for app in apps:
                app.cache_prefix = None
        if not args.app_time_only:
            ready, failures = start_all(python.parent / "mod_wsgi-express", apps, workdir, running)
            runs = measure(ready, args.rounds, args.duration, args.endpoints)
            single = next((s for s in ready if s.app.name == "framework"), None)
            if single is not None and not args.no_topology:
                paths = {
                    e: ENDPOINTS[e] for e in ("/db", te_apps.CACHED_PATH) if e in args.endpoints
                }
                balanced = topology.run(
                    python, single.app, single, workdir, running, paths, args.rounds, args.duration
                )
            extra = costs(ready, python, 3 if args.quick else 5)
        if args.app_time or args.app_time_only:
            app_time = app_time_part(python, apps, workdir, running, args)
    except RuntimeError as error:
        # Django or the bare app failed: the harness itself is broken, nothing to compare.
        print(f"bench: error: {error}", file=sys.stderr, flush=True)
        return 2
    finally:
        for server in running:
            server.stop()
        if running:
            log(f"stopped {len(running)} server(s)")
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        if database is not None and not args.keep_db:
            drop_database(python, args.database)
        if not redis_problem:
            log(f"Redis: {rediscache.clear(http_apps.CACHE_PREFIX)} cached page(s) deleted")
    if args.app_time_only:
        return write_app_time_only(python, apps, app_time, args)
    summary = summarise(runs)
    labels = {app.name: app.label for app in apps}
    print_table(summary, labels, extra)
    if balanced:
        topology.print_table(balanced)
    if app_time:
        apptime.print_table(app_time["results"], labels)
    for name, reason in failures.items():
        print(f"{labels[name]}: not measured: {reason}")
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "git": environment.git_revision(REPO),
        "versions": environment.versions(python),
        "settings": {
            "server": "mod_wsgi-express start-server (daemon mode)",
            "server_options": servers.server_options(),
            "wrk": f"-t{load.WRK_THREADS} -c{load.WRK_CONNECTIONS} -d{args.duration:g}s --latency",
            "rounds": args.rounds,
            "database": f"PostgreSQL database {args.database!r}, CONN_MAX_AGE=None",
            "endpoints": {name: ENDPOINTS[name] for name in args.endpoints},
            "cpu_count": os.cpu_count(),
        },
        "apps": {
            app.name: {"label": app.label, "notes": app.notes, **app.settings} for app in apps
        },
        "failures": failures,
        "not_applicable": {"bare": [te_apps.CACHED_PATH]},
        "cache": f"cache_page on Redis {rediscache.URL}, KEY_PREFIX {http_apps.CACHE_PREFIX}-<app>",
        "results": summary,
        "topology": balanced,
        "costs": extra,
        "app_time": app_time,
    }
    if not args.no_admin:
        report["admin"] = admin_part(python, args)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    log(f"results written to {args.output}")
    if args.chart:
        subprocess.run(
            [str(python), str(BENCH / "chart.py"), str(args.output), str(args.chart)], check=False
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
