"""The demo site plus the reliability app, served by Apache (mod_wsgi daemon mode) on PostgreSQL.

``served_site()`` copies tests/reliability/project into a www-data readable directory, writes
its relsite/local.py, creates a throwaway database, migrates, seeds a small demo, creates the
two reliability tables, sets up and starts Apache on a free port; at the end it stops that
httpd by its pid file (SIGKILL to its process group if it does not stop) and drops the database.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from framework_apache.driver import Driver, DriverError, find_mod_wsgi_so
from tests.support import pgcluster
from tests.support.servers import free_port, http_get, tail, wait_until, www_readable_tempdir
from tests.support.services import unavailable

PROJECT = Path(__file__).parent / "project"
DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
SCHEMA = (
    "CREATE TABLE relapp_entry (id bigserial PRIMARY KEY, token varchar(64) NOT NULL, "
    "step integer NOT NULL)",
    "CREATE INDEX relapp_entry_token ON relapp_entry (token)",
    "CREATE TABLE relapp_counter (id bigserial PRIMARY KEY, name varchar(32) UNIQUE NOT NULL, "
    "value integer NOT NULL DEFAULT 0)",
    "INSERT INTO relapp_counter (name, value) VALUES ('writes', 0)",
    "CREATE TABLE relapp_document (id bigserial PRIMARY KEY, token varchar(64) NOT NULL, "
    "file varchar(100) NOT NULL)",
)


def require(problem: str | None) -> None:
    """A missing service is a skip locally and a failure in CI."""
    if problem is None:
        return
    unavailable(problem)


def problems() -> str | None:
    """Why the reliability suite cannot run here, or None."""
    if os.geteuid() != 0:
        return "the reliability suite starts Apache as root (daemons as www-data)"
    if not os.path.exists("/usr/sbin/apache2"):
        return "apache2 is missing: apt-get install apache2"
    if shutil.which("wrk") is None:
        return "wrk is missing: apt-get install wrk"
    try:
        find_mod_wsgi_so()
    except DriverError as exc:
        return str(exc)
    return pgcluster.available()


@dataclass
class Site:
    """A running site: its directory, port, database and Apache driver."""

    dir: Path
    port: int
    dbname: str
    cluster: pgcluster.Cluster

    @property
    def driver(self) -> Driver:
        return Driver(self.dir / "apache")

    @property
    def media(self) -> Path:
        """MEDIA_ROOT, writable by the daemons (www-data)."""
        return self.dir / "media"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run ``manage.py *args`` in the project copy; fail the test when it fails."""
        env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=self.dir,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, (
            f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}"
        )
        return result

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of ``sql`` run on the site's database (autocommit)."""
        return self.cluster.query(sql, params, dbname=self.dbname)

    def snapshot(self, *statements: str) -> list[list[tuple]]:
        """The rows of each statement, all read from one snapshot (REPEATABLE READ)."""
        conn = self.cluster.connect(self.dbname, autocommit=False)
        try:
            conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
            with conn.cursor() as cur:
                results = []
                for statement in statements:
                    cur.execute(statement)
                    results.append(cur.fetchall())
            conn.rollback()
            return results
        finally:
            conn.close()

    def daemon_pids(self) -> list[int]:
        """The pids of the mod_wsgi daemon processes right now."""
        return sorted(pid for pids in self.driver.daemon_pids().values() for pid in pids)

    def healthy(self) -> bool:
        """The read page answers 200."""
        return http_get("127.0.0.1", self.port, "/", timeout=5)[0] == 200

    def error_log(self) -> str:
        return tail(self.driver.error_log, 60)


def _local_py(cluster: pgcluster.Cluster, site_dir: Path, dbname: str, **apache: int) -> str:
    # Persistent connections, as a production deployment has them, health-checked before
    # the first statement of each request (a stale one fails no request).
    database = {
        **cluster.databases_entry(dbname),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
    lines = [
        f"DEMO_DIR = {str(DEMO_DIR)!r}",
        f"DATABASE = {database!r}",
        f"STATIC_ROOT = {str(site_dir / 'static')!r}",
        f"MEDIA_ROOT = {str(site_dir / 'media')!r}",
        f"SERVER_ROOT = {str(site_dir / 'apache')!r}",
    ]
    lines += [f"{name.upper()} = {value!r}" for name, value in apache.items()]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def served_site(
    cluster: pgcluster.Cluster,
    *,
    threads: int = 10,
    queue_timeout: int = 45,
    request_timeout: int = 30,
    maximum_requests: int = 0,
) -> Iterator[Site]:
    """A started site (2 daemon processes x ``threads``); everything removed afterwards."""
    require(problems())
    dbname = f"test_reliab_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    cluster.query(f"CREATE DATABASE {dbname}")
    site: Site | None = None
    try:
        with www_readable_tempdir("framework-reliab-") as base:
            target = base / "site"
            shutil.copytree(PROJECT, target, ignore=shutil.ignore_patterns("__pycache__"))
            (target / "relsite" / "local.py").write_text(
                _local_py(
                    cluster,
                    target,
                    dbname,
                    threads=threads,
                    queue_timeout=queue_timeout,
                    request_timeout=request_timeout,
                    maximum_requests=maximum_requests,
                )
            )
            for path in [target, *target.rglob("*")]:
                os.chmod(path, 0o755 if path.is_dir() else 0o644)
            (target / "media").mkdir(mode=0o755)
            if os.geteuid() == 0:
                shutil.chown(target / "media", "www-data", "www-data")
            site = Site(target, free_port(), dbname, cluster)
            site.manage("migrate", "--noinput")
            for statement in SCHEMA:
                site.query(statement)
            site.manage("seed_demo", "--scale", "0.05")
            site.manage("apache", "setup", "--port", str(site.port))
            result = site.driver.start(expected_daemons=2)
            assert result.ok, f"{result.message}\n{site.error_log()}"
            try:
                wait_until(site.healthy, 60, what="the demo's front page answering 200")
                yield site
            finally:
                _stop(site)
    finally:
        cluster.query(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")


def _stop(site: Site) -> None:
    driver = site.driver
    pid = driver.pid()
    if pid is None:
        return
    if not driver.stop().ok and driver.pid() is not None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
