"""Two Apache/mod_wsgi nodes behind mod_proxy_balancer, Redis, a PostgreSQL primary + replica.

The topology of "Running on several machines" on one host: each node is a copy of
tests/e2e/multinode_project set up with `manage.py apache setup` on its own port; the
balancer comes from `manage.py apache balancer`; sessions and the cache live in Redis;
reads go to a streaming replica through PrimaryReplicaRouter. The clusters are throwaway
(tests/support/pgcluster.py); everything is stopped by pid and removed at the end.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from framework_apache.driver import Driver, DriverError, find_mod_wsgi_so
from tests.apache.test_balancer import member_status
from tests.support import pgcluster
from tests.support.servers import free_port, tail, wait_until, www_readable_tempdir
from tests.support.services import unavailable

pytestmark = [pytest.mark.apache, pytest.mark.postgresql]

PROJECT = Path(__file__).parent / "multinode_project"
REDIS_URL = "redis://127.0.0.1:6379/0"
DBNAME = "multinode"


def _require(reason: str | None) -> None:
    """A missing service is a skip locally and a failure in CI."""
    if reason is None:
        return
    unavailable(reason)


def _redis_problem() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as exc:
        return f"Redis is not reachable at {REDIS_URL}: {exc}"
    return None


class Browser:
    """An HTTP client with a cookie jar (one per simulated user)."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, data: dict | None = None):
        """Send one request; return (status, body text); cookies are kept."""
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
        headers = {"Host": "127.0.0.1"}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            for header in response.msg.get_all("Set-Cookie") or ():
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.read().decode()
        finally:
            conn.close()

    def get(self, port: int, path: str):
        return self.request(port, "GET", path)

    def post(self, port: int, path: str, data: dict):
        return self.request(port, "POST", path, data)


@dataclass
class Node:
    name: str
    dir: Path
    port: int

    @property
    def driver(self) -> Driver:
        return Driver(self.dir / ".apache")

    def manage(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=self.dir,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def stop(self) -> None:
        driver = self.driver
        pid = driver.pid()
        if pid is None:
            return
        if not driver.stop().ok:
            print(f"--- {self.name} error_log ---\n{tail(driver.error_log)}")
            if driver.pid() is not None:
                os.killpg(pid, signal.SIGKILL)


@dataclass
class Topology:
    nodes: list[Node]
    balancer_port: int
    balancer: Driver
    primary: pgcluster.Cluster
    replica: pgcluster.Cluster
    notes: list[str] = field(default_factory=list)


def _write_node(base: Path, name: str, primary, replica, prefix: str) -> Node:
    target = base / name
    shutil.copytree(PROJECT, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "mnsite" / "node.py").write_text(
        f"NODE = {name!r}\nPRIMARY_PORT = {primary.port}\nREPLICA_PORT = {replica.port}\n"
        f"DBNAME = {DBNAME!r}\nREDIS_URL = {REDIS_URL!r}\nCACHE_PREFIX = {prefix!r}\n"
    )
    for path in [target, *target.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return Node(name, target, free_port())


@pytest.fixture(scope="module")
def topology():
    """Primary + replica, two nodes, the balancer; all stopped and removed afterwards."""
    try:
        find_mod_wsgi_so()
    except DriverError as exc:
        _require(str(exc))
    _require(None if os.path.exists("/usr/sbin/apache2") else "apache2 is missing")
    _require(pgcluster.available())
    _require(_redis_problem())
    prefix = f"mn-{uuid.uuid4().hex[:8]}"
    nodes: list[Node] = []
    balancer: Driver | None = None
    with pgcluster.primary_replica_pair() as (primary, replica), www_readable_tempdir() as base:
        try:
            primary.query(f"CREATE DATABASE {DBNAME}")
            # Migrations run once, on the primary; the replica receives the table by WAL.
            primary.query(
                "CREATE TABLE mnsite_note (id bigserial PRIMARY KEY, title varchar(100) NOT NULL)",
                dbname=DBNAME,
            )
            pgcluster.wait_for_replay(primary, replica)
            for name in ("node1", "node2"):
                node = _write_node(base, name, primary, replica, prefix)
                nodes.append(node)
                setup = node.manage(
                    "apache",
                    "setup",
                    "--port",
                    str(node.port),
                    "--processes",
                    "1",
                    "--threads",
                    "8",
                )
                assert setup.returncode == 0, setup.stdout + setup.stderr
                started = node.manage("apache", "start")
                assert started.returncode == 0, started.stdout + started.stderr
            balancer_port = free_port()
            written = nodes[0].manage(
                "apache",
                "balancer",
                *(arg for n in nodes for arg in ("--member", f"http://127.0.0.1:{n.port}")),
                *("--port", str(balancer_port), "--server-root", str(base / "lb")),
                *("--hc-interval", "1", "--retry", "2"),
            )
            assert written.returncode == 0, written.stdout + written.stderr
            balancer = Driver(base / "lb")
            result = balancer.start(expected_daemons=0)
            assert result.ok, result.message
            for node in nodes:
                wait_until(lambda n=node: Browser().get(n.port, "/")[0] == 200, 30, what=node.name)
            yield Topology(nodes, balancer_port, balancer, primary, replica)
        finally:
            if balancer is not None and balancer.pid() is not None:
                balancer.stop()
            for node in nodes:
                node.stop()
            _flush_redis(prefix)


def _flush_redis(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"*{prefix}*"))
    if keys:
        client.delete(*keys)


def _node_of(body: str) -> str:
    match = re.search(r"node=(node\d)", body)
    assert match, body
    return match.group(1)


def test_session_survives_balancing(topology: Topology):
    """A user logged in through the balancer stays logged in on both nodes (Redis sessions)."""
    user = Browser()
    status, body = user.post(topology.balancer_port, "/login/", {"name": "ada"})
    assert status == 200, body
    seen = set()
    for _ in range(10):
        status, body = user.get(topology.balancer_port, "/whoami/")
        assert status == 200 and body.startswith("user=ada "), body
        seen.add(_node_of(body))
    assert seen == {"node1", "node2"}
    # The same session cookie, sent straight to each node, is known there too.
    for node in topology.nodes:
        assert user.get(node.port, "/whoami/")[1] == f"user=ada node={node.name}"
    assert Browser().get(topology.balancer_port, "/whoami/")[1].startswith("user= ")


def test_cache_invalidation_reaches_every_node(topology: Topology):
    """The cached page is shared; a save on node1 invalidates it for node2 as well."""
    node1, node2 = topology.nodes
    browser = Browser()
    first = browser.get(node1.port, "/cached/")[1]
    page = first.rpartition(" served by ")[0]
    assert browser.get(node2.port, "/cached/")[1] == f"{page} served by node2"
    status, _ = browser.post(node1.port, "/notes/add/", {"title": "invalidate"})
    assert status == 302
    again = browser.get(node2.port, "/cached/")[1]
    assert again.startswith("rendered by node2 at ") and not again.startswith(page), again


def test_reads_use_the_replica_and_writes_the_primary(topology: Topology):
    """With replay paused on the replica, the writer reads its write (primary, pin cookie)
    while another user's list page, served from the replica, does not show it yet."""
    port = topology.balancer_port
    reader = Browser()
    status, body = reader.get(port, "/notes/")
    assert status == 200 and " db=replica " in body, body
    topology.replica.query("SELECT pg_wal_replay_pause()")
    try:
        writer = Browser()
        status, _ = writer.post(port, "/notes/add/", {"title": "fresh"})
        assert status == 302 and "dbpin" in writer.cookies
        status, body = writer.get(port, "/notes/")  # the redirect target
        assert " db=default " in body and "fresh" in body, body
        status, body = reader.get(port, "/notes/")
        assert " db=replica " in body and "fresh" not in body, body
        rows = topology.primary.query("SELECT title FROM mnsite_note", dbname=DBNAME)
        assert ("fresh",) in rows
    finally:
        topology.replica.query("SELECT pg_wal_replay_resume()")
    pgcluster.wait_for_replay(topology.primary, topology.replica)
    assert "fresh" in reader.get(port, "/notes/")[1]


def _wrk(url: str, seconds: int = 3) -> tuple[float, str, str]:
    result = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Non-2xx" not in out and "Socket errors" not in out, out
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)
    return rate, p99, out


def test_wrk_through_the_balancer_against_one_node(topology: Topology):
    """A bounded wrk run of the replica-backed list page: figures printed, no errors."""
    if shutil.which("wrk") is None:
        _require("wrk is missing: apt-get install wrk")
    balanced = _wrk(f"http://127.0.0.1:{topology.balancer_port}/notes/")
    single = _wrk(f"http://127.0.0.1:{topology.nodes[0].port}/notes/")
    print(
        f"\nwrk /notes/ 2 threads 16 connections 3 s: balancer {balanced[0]:.0f} req/s "
        f"p99 {balanced[1]}; single node {single[0]:.0f} req/s p99 {single[1]}"
    )


def test_killed_node_is_taken_out_under_load(topology: Topology):
    """SIGKILL node2 while clients keep requesting: after a short grace every request succeeds."""
    port = topology.balancer_port
    node2 = topology.nodes[1]
    results: list[tuple[float, float, int, str]] = []
    stop = threading.Event()

    def load() -> None:
        browser = Browser()
        while not stop.is_set():
            started = time.monotonic()
            try:
                status, body = browser.get(port, "/")
            except OSError as exc:
                status, body = 0, repr(exc)
            results.append((started, time.monotonic(), status, body))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        pid = node2.driver.pid()
        assert pid is not None
        killed_at = time.monotonic()
        os.killpg(pid, signal.SIGKILL)
        time.sleep(3)
    finally:
        stop.set()
        for thread in threads:
            thread.join(20)
    # Requests that started before and ended after the kill may fail (cut by it).
    before = [r for r in results if r[1] < killed_at]
    after = [r for r in results if r[0] > killed_at + 1.0]
    cut = [r for r in results if r[0] <= killed_at + 1.0 and r[1] >= killed_at and r[2] != 200]
    print(f"\n{len(before)} requests before the kill, {len(after)} after; {len(cut)} cut by it")
    assert {_node_of(body) for _, _, _, body in before} == {"node1", "node2"}
    assert after and all(status == 200 for _, _, status, _ in after), after[:3]
    assert {_node_of(body) for _, _, _, body in after} == {"node1"}
    # Out of the rotation: Err (a refused request) or HcFl (the health check), or both.
    state = member_status(port, f"http://127.0.0.1:{node2.port}")
    assert "Err" in state or "HcFl" in state, state
