"""A throwaway PostgreSQL cluster of the reliability suite's own (a loopback port, /var/tmp).

The suite does not share the machine's cluster: its daemons hold persistent connections, it
restarts the server on purpose, and other test runs must not be able to exhaust its
max_connections. Built on tests/support/pgcluster.py; stopped and removed at the end.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.support import pgcluster
from tests.support.servers import free_port


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[pgcluster.Cluster]:
    """initdb, start on a free port, yield; stop (by its postmaster pid) and remove."""
    base = Path(tempfile.mkdtemp(prefix="framework-reliab-pg-", dir="/var/tmp"))
    os.chmod(base, 0o755)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    cluster = pgcluster.Cluster(base / "data", free_port(), base)
    try:
        pgcluster._as_postgres("initdb", "-D", str(cluster.data), "-A", "trust", "-U", "postgres")
        with open(cluster.data / "postgresql.conf", "a") as conf:
            conf.write("\nshared_buffers = 64MB\nmax_connections = 120\nsynchronous_commit = on\n")
        pgcluster._start(cluster)
        yield cluster
    finally:
        pgcluster._stop(cluster)
        shutil.rmtree(base, ignore_errors=True)
