"""Profile the per-request path of the benchmarked apps in-process, without Apache.

    .venv/bin/python bench/profile_request.py [--calls N] [--endpoints /plaintext,/json]
                                              [--app framework|framework-bare|bare|all]
                                              [--profile] [--fortunes]

Writes the same apps bench/run.py serves (the framework with the default middleware of a new
project, the framework with no middleware, the bare WSGI function) into a temporary directory,
imports each WSGI script and calls `application(environ, start_response)` in a loop with the
environ mod_wsgi builds for a wrk request. It prints CPU microseconds per call
(`time.process_time`) and the ratio to the bare function, and with `--profile` the top of a
cProfile listing. Instruction counts, which do not move with the machine's load, come from
callgrind: run the script twice under `valgrind --tool=callgrind` with `--calls 0` and
`--calls N` for one app and divide the difference in Ir by N (see --help for --callgrind).

`--fortunes` also creates a throwaway PostgreSQL database for /fortunes (dropped on exit).
The framework and the bare function run in separate processes so that neither warms the
other's caches.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import http_apps  # noqa: E402

APPS = ("framework", "framework-bare", "bare")


def environ_for(path: str) -> dict:
    """The environ mod_wsgi (daemon mode) builds for a wrk GET, headers as wrk sends them."""
    script, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": script,
        "QUERY_STRING": query,
        "REQUEST_URI": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8000",
        "SERVER_ADDR": "127.0.0.1",
        "SERVER_SOFTWARE": "Apache",
        "SERVER_SIGNATURE": "",
        "GATEWAY_INTERFACE": "CGI/1.1",
        "DOCUMENT_ROOT": "/tmp",
        "REMOTE_ADDR": "127.0.0.1",
        "REMOTE_PORT": "51234",
        "REQUEST_SCHEME": "http",
        "CONTEXT_PREFIX": "",
        "CONTEXT_DOCUMENT_ROOT": "/tmp",
        "SCRIPT_FILENAME": "/tmp/app.wsgi",
        "HTTP_HOST": "127.0.0.1:8000",
        "PATH": "/usr/bin:/bin",
        "mod_wsgi.process_group": "localhost:8000",
        "mod_wsgi.application_group": "",
        "mod_wsgi.request_handler": "wsgi-script",
        "mod_wsgi.script_reloading": "1",
        "mod_wsgi.listener_host": "",
        "mod_wsgi.listener_port": "8000",
        "mod_wsgi.enable_sendfile": "0",
        "mod_wsgi.ignore_activity": "0",
        "mod_wsgi.queue_start": "1700000000000000",
        "mod_wsgi.daemon_connects": "1",
        "mod_wsgi.daemon_restarts": "0",
        "mod_wsgi.daemon_start": "1700000000000000",
        "mod_wsgi.script_start": "1700000000000000",
        "mod_wsgi.request_start": "1700000000000000",
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.input_terminated": True,
    }


def _start_response(status, headers, exc_info=None):
    return None


def call(application, path: str) -> bytes:
    """One request as mod_wsgi makes it: call, iterate, close."""
    result = application(environ_for(path), _start_response)
    try:
        return b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()


def load(script: Path):
    """Import a WSGI script the way mod_wsgi does and return its `application`."""
    namespace = {"__file__": str(script), "__name__": "_mod_wsgi_script"}
    code = compile(script.read_text(), str(script), "exec")
    exec(code, namespace)
    return namespace["application"]


def measure(application, path: str, calls: int) -> float:
    """CPU microseconds per call, after a warm-up."""
    for _ in range(min(calls, 200) or 1):
        call(application, path)
    start = time.process_time()
    for _ in range(calls):
        call(application, path)
    return (time.process_time() - start) / max(calls, 1) * 1e6


def write_apps(root: Path, database: dict[str, str]) -> dict[str, Path]:
    defaults, _ = http_apps.framework_defaults(REPO)
    common = dict(database=database, processors=defaults.get("context_processors", []))
    full = http_apps.write_project(
        root,
        "framework",
        "",
        "framework",
        defaults["INSTALLED_APPS"],
        defaults["MIDDLEWARE"],
        **common,
    )
    bare_mw = http_apps.write_project(
        root, "framework-bare", "", "framework", defaults["INSTALLED_APPS"], [], **common
    )
    bare = http_apps.write_bare(root, database)
    return {"framework": full.script, "framework-bare": bare_mw.script, "bare": bare.script}


def child(args: argparse.Namespace) -> int:
    """Run in a fresh interpreter: load one app, measure each endpoint, print JSON."""
    sys.path.insert(0, str(REPO))
    application = load(Path(args.script))
    results = {}
    for path in args.endpoints.split(","):
        body = call(application, path)
        if not body:
            raise SystemExit(f"{args.script}: {path} returned an empty body")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.calls):
                call(application, path)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("tottime").print_stats(args.top)
            print(f"=== {args.script} {path}\n{out.getvalue()}", file=sys.stderr)
        else:
            results[path] = measure(application, path, args.calls)
    print(json.dumps(results))
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20000)
    parser.add_argument("--endpoints", default="/plaintext,/json")
    parser.add_argument("--app", default="all", choices=(*APPS, "all"))
    parser.add_argument("--profile", action="store_true", help="print a cProfile listing")
    parser.add_argument("--top", type=int, default=30, help="rows of the cProfile listing")
    parser.add_argument("--fortunes", action="store_true", help="also /fortunes (PostgreSQL)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median)")
    parser.add_argument(
        "--callgrind",
        metavar="DIR",
        help="keep the written apps in DIR and print the command lines to run under callgrind",
    )
    parser.add_argument("--script", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.script:
        return child(args)

    endpoints = args.endpoints + (",/fortunes" if args.fortunes else "")
    database_name = None
    params = {"dbname": "unused", "host": "127.0.0.1", "user": "postgres"}
    if args.fortunes:
        database_name = f"bench_profile_{os.getpid()}"
        import database

        params = database.create(database_name)
    root = Path(args.callgrind or tempfile.mkdtemp(prefix="profile-request-"))
    try:
        scripts = write_apps(root, {k: str(v) for k, v in params.items()})
        names = APPS if args.app == "all" else (args.app,)
        if args.callgrind:
            for name in names:
                base = [sys.executable, __file__, "--script", str(scripts[name])]
                print(
                    f"valgrind --tool=callgrind --callgrind-out-file={root}/{name}.%p.out "
                    f"{' '.join(base)} --endpoints {endpoints} --calls N"
                )
            return 0
        table: dict[str, dict[str, list[float]]] = {n: {} for n in names}
        for _ in range(1 if args.profile else args.rounds):
            for name in names:
                command = [
                    sys.executable, __file__, "--script", str(scripts[name]),
                    "--endpoints", endpoints, "--calls", str(args.calls), "--top", str(args.top),
                ]  # fmt: skip
                if args.profile:
                    command.append("--profile")
                done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
                if done.returncode != 0:
                    print(done.stderr, file=sys.stderr)
                    return 1
                if args.profile:
                    print(done.stderr)
                    continue
                for path, value in json.loads(done.stdout.splitlines()[-1]).items():
                    table[name].setdefault(path, []).append(value)
        if args.profile:
            return 0
        median = {
            n: {p: sorted(v)[len(v) // 2] for p, v in row.items()} for n, row in table.items()
        }
        print(f"CPU µs per call, median of {args.rounds} rounds of {args.calls} calls")
        print(f"{'app':16}" + "".join(f"{p:>14}" for p in endpoints.split(",")))
        for name in names:
            cells = []
            for path in endpoints.split(","):
                value = median[name][path]
                ratio = f" {value / median['bare'][path]:.2f}x" if "bare" in median else ""
                cells.append(f"{value:8.1f}{ratio}".rjust(14))
            print(f"{name:16}" + "".join(cells))
        return 0
    finally:
        if database_name:
            import database

            database.server_dsn()
            database.postgres.drop_database(database_name)
        if not args.callgrind:
            import shutil

            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
