"""The balancer topology: two framework nodes behind `manage.py apache balancer`, beside one node.

The framework app (default middleware) runs as two more mod_wsgi-express servers of one
daemon process each (10 threads), and an httpd rendered from conf/balancer.conf by
`framework-admin apache balancer` proxies to both. The single node it is compared with is the
table's own framework server: 2 processes of 10 threads, so both sides have the same Python
capacity on this machine and the ratio shows what the proxy hop costs (on separate hosts the
nodes would add capacity instead). Node 1 alone (1 process) is loaded too. Every process is
stopped by its pid.
"""

from __future__ import annotations

import dataclasses
import signal
import statistics
import subprocess
from pathlib import Path

import load
import servers
import te_checks
from environment import log
from http_apps import App

NODE_PROCESSES = 1


@dataclasses.dataclass
class Balancer:
    """The balancer's httpd, run in the foreground in a session of its own."""

    root: Path
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start_balancer(python: Path, members: list[str], workdir: Path) -> Balancer:
    """Render the balancer with `framework-admin apache balancer` and start its httpd."""
    port = servers.free_port()
    root = workdir / "balancer"
    command = [str(python.parent / "framework-admin"), "apache", "balancer"]
    command += [arg for member in members for arg in ("--member", member)]
    # Health checks on an endpoint every app answers with 200 (the apps have no "/").
    command += ["--port", str(port), "--server-root", str(root), "--hc-uri", "/plaintext"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=workdir)
    if result.returncode != 0:
        raise RuntimeError(f"apache balancer failed:\n{result.stdout}{result.stderr}")
    httpd = ["/usr/sbin/apache2", "-d", str(root), "-f", str(root / "httpd.conf")]
    output = open(workdir / "balancer.out", "wb")
    process = subprocess.Popen(
        [*httpd, "-D", "FOREGROUND"],
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=workdir,
        env={"LANG": "C.UTF-8", "PATH": "/usr/sbin:/usr/bin:/bin"},
    )
    output.close()
    return Balancer(root, port, process)


def _check(url: str, label: str, cached: str | None) -> None:
    get = lambda path: servers.get(url, path, timeout=60)  # noqa: E731
    problems = te_checks.check_fortunes(get) + _db_problems(get)
    if cached:
        problems += te_checks.check_fortunes(get, cached)
    if problems:
        raise RuntimeError(f"{label}: {problems[0]}")


def _db_problems(get: te_checks.Get) -> list[str]:
    status, content_type, body = get("/db")
    return [] if status == 200 and b"randomNumber" in body else [f"/db: {status} {body[:200]!r}"]


def run(
    python: Path,
    app: App,
    single: servers.Server,
    workdir: Path,
    running: list,
    paths: dict[str, str],
    rounds: int,
    duration: float,
) -> dict:
    """Load `paths` through the balancer, on node 1 and on the single node; the figures."""
    mod_wsgi_express = python.parent / "mod_wsgi-express"
    nodes = []
    for number in (1, 2):
        node_app = dataclasses.replace(app, name=f"{app.name}-node{number}")
        node = servers.start(mod_wsgi_express, node_app, workdir, processes=NODE_PROCESSES)
        running.append(node)
        nodes.append(node)
    for node in nodes:
        servers.wait_until_up(node)
    balancer = start_balancer(python, [node.url for node in nodes], workdir)
    running.append(balancer)
    log(
        f"topology: balancer {balancer.url} (pid {balancer.process.pid}) -> "
        f"{', '.join(node.url for node in nodes)} ({NODE_PROCESSES} process each)"
    )
    cached = next((path for path in paths.values() if "cached" in path), None)
    targets = {"balancer": balancer.url, "node1": nodes[0].url, "single": single.url}
    for node in nodes:
        _check(node.url, node.app.name, cached)
    servers_up = servers.Server(app, balancer.port, balancer.process, balancer.root)
    servers.wait_until_up(servers_up, timeout=30)
    _check(balancer.url, "balancer", cached)
    for url in targets.values():
        for path in paths.values():
            load.run_wrk(url + path, 1)
    runs: dict[str, dict[str, list[load.Measurement]]] = {
        name: {endpoint: [] for endpoint in paths} for name in targets
    }
    for number in range(1, rounds + 1):
        for endpoint, path in paths.items():
            for name, url in targets.items():
                result = load.run_wrk(url + path, duration)
                runs[name][endpoint].append(result)
                log(
                    f"topology round {number}/{rounds} {name:9} {endpoint:17} "
                    f"{result.requests_per_second:9.0f} req/s  p99 {result.p99_ms:.2f} ms"
                    + (f", {result.errors} errors" if result.errors else "")
                )
    summary: dict[str, dict] = {}
    for endpoint in paths:
        rows = {}
        for name in targets:
            results = runs[name][endpoint]
            rows[name] = {
                "requests_per_second": statistics.median(r.requests_per_second for r in results),
                "p50_ms": statistics.median(r.p50_ms for r in results),
                "p99_ms": statistics.median(r.p99_ms for r in results),
                "errors": sum(r.errors for r in results),
                "rounds": [r.as_dict() for r in results],
            }
        for name in ("balancer", "node1"):
            rows[name]["ratio_to_single"] = round(
                rows[name]["requests_per_second"] / rows["single"]["requests_per_second"], 3
            )
        summary[endpoint] = rows
    balancer.stop()
    for node in nodes:
        node.stop()
    log("topology: balancer and nodes stopped")
    return {
        "setup": (
            f"2 nodes of mod_wsgi-express --processes {NODE_PROCESSES} --threads "
            f"{servers.THREADS} behind `framework-admin apache balancer` (conf/balancer.conf, "
            f"lbmethod byrequests); single: the table's framework server, --processes "
            f"{servers.PROCESSES} --threads {servers.THREADS}; node1: one node directly"
        ),
        "results": summary,
    }


def print_table(topology: dict) -> None:
    """Requests/s, p99 and the ratio to the single node, per endpoint and target."""
    header = f"{'endpoint':18}{'target':10}{'req/s':>9}{'p50 ms':>8}{'p99 ms':>8}{'/single':>9}"
    print(f"Balancer topology: {topology['setup']}")
    print(header)
    print("-" * len(header))
    for endpoint, rows in topology["results"].items():
        for name, row in rows.items():
            ratio = f"{row['ratio_to_single']:.2f}" if "ratio_to_single" in row else ""
            flag = " !" if row["errors"] else ""
            print(
                f"{endpoint:18}{name:10}{row['requests_per_second']:9.0f}{row['p50_ms']:8.2f}"
                f"{row['p99_ms']:8.2f}{ratio:>9}{flag}"
            )
    print()
