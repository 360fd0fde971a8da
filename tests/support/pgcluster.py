"""A throwaway PostgreSQL primary + streaming replica on loopback ports, for e2e tests.

``primary_replica_pair()`` runs ``initdb`` (as the postgres user: initdb refuses root) in
a fresh directory under /var/tmp, starts the primary with ``pg_ctl -o "-p PORT -k DIR"``,
clones it with ``pg_basebackup -R`` (the clone starts as a hot standby that streams
from the primary), starts the replica, yields both, and at the end stops them
(``pg_ctl stop -m immediate``, then SIGKILL by the postmaster's pid) and removes the
directory. Nothing outside that directory and the two ports is touched.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.servers import free_port

BIN = Path("/usr/lib/postgresql/15/bin")
TIMEOUT = 60


class ClusterError(RuntimeError):
    """A step of setting up the throwaway clusters failed; the message has its output."""


@dataclass
class Cluster:
    """One running postgres: its data directory, port and socket directory."""

    data: Path
    port: int
    socket_dir: Path

    def __repr__(self) -> str:
        return f"<Cluster 127.0.0.1:{self.port} {self.data}>"

    def dsn(self, dbname: str = "postgres") -> str:
        """A libpq DSN for ``dbname`` over TCP as the postgres user."""
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname} connect_timeout=5"

    def databases_entry(self, dbname: str) -> dict:
        """A DATABASES entry for ``dbname`` on this cluster."""
        return {
            "ENGINE": "framework.db.backends.postgresql",
            "NAME": dbname,
            "USER": "postgres",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
        }

    def connect(self, dbname: str = "postgres", autocommit: bool = True):
        """A psycopg2 connection (autocommit by default)."""
        import psycopg2

        conn = psycopg2.connect(self.dsn(dbname))
        conn.autocommit = autocommit
        return conn

    def query(self, sql: str, params: tuple = (), dbname: str = "postgres") -> list[tuple]:
        """Run ``sql`` in its own connection; return the rows ([] for statements)."""
        conn = self.connect(dbname)
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            conn.close()

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None


def available() -> str | None:
    """None when throwaway clusters can be made here, else the reason."""
    for tool in ("initdb", "pg_ctl", "pg_basebackup"):
        if not (BIN / tool).exists():
            return f"{BIN / tool} is missing: apt-get install postgresql-15"
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "there is no postgres user to run initdb as"
    if os.geteuid() != 0 and pwd.getpwuid(os.geteuid()).pw_name != "postgres":
        return "throwaway clusters need root (runuser -u postgres) or the postgres user"
    return None


def _as_postgres(*argv: str, timeout: float = TIMEOUT) -> str:
    command = [str(BIN / argv[0]), *argv[1:]]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    result = subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd="/",
        check=False,
    )
    if result.returncode != 0:
        raise ClusterError(
            f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result.stdout


def _start(cluster: Cluster) -> None:
    _as_postgres(
        "pg_ctl",
        "-D",
        str(cluster.data),
        "-o",
        f"-p {cluster.port} -k {cluster.socket_dir} -c listen_addresses=127.0.0.1",
        "-l",
        str(cluster.data.parent / f"{cluster.data.name}.log"),
        "-w",
        "-t",
        str(TIMEOUT),
        "start",
    )


def _stop(cluster: Cluster) -> None:
    pid = cluster.postmaster_pid()
    if pid is None:
        return
    with contextlib.suppress(ClusterError, subprocess.TimeoutExpired):
        _as_postgres("pg_ctl", "-D", str(cluster.data), "-m", "immediate", "-w", "stop", timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def wait_for_replay(primary: Cluster, replica: Cluster, timeout: float = 15.0) -> None:
    """Wait until the replica has replayed everything the primary wrote so far."""
    lsn = primary.query("SELECT pg_current_wal_insert_lsn()")[0][0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        (done,) = replica.query(
            "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s) >= 0", (lsn,)
        )[0]
        if done:
            return
        time.sleep(0.05)
    raise ClusterError(f"The replica did not replay up to {lsn} within {timeout:.0f}s.")


@contextlib.contextmanager
def primary_replica_pair() -> Iterator[tuple[Cluster, Cluster]]:
    """Start a primary and its streaming replica; stop and remove both afterwards."""
    base = Path(tempfile.mkdtemp(prefix="framework-pg-", dir="/var/tmp"))
    os.chmod(base, 0o755)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    primary = Cluster(base / "primary", free_port(), base)
    replica = Cluster(base / "replica", free_port(), base)
    try:
        _as_postgres("initdb", "-D", str(primary.data), "-A", "trust", "-U", "postgres", "-N")
        with open(primary.data / "postgresql.conf", "a") as conf:
            # Fast and throwaway: no fsync; enough WAL senders for pg_basebackup + the replica.
            conf.write(
                "\nfsync = off\nfull_page_writes = off\n"
                "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
                "shared_buffers = 32MB\nmax_connections = 60\n"
            )
        _start(primary)
        _as_postgres(
            "pg_basebackup",
            *("-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres"),
            *("-D", str(replica.data), "-R", "-X", "stream", "-N", "-c", "fast"),
        )
        _start(replica)
        yield primary, replica
    finally:
        _stop(replica)
        _stop(primary)
        shutil.rmtree(base, ignore_errors=True)
