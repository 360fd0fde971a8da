"""Faults survived under load: every acknowledged write is present afterwards, no request is
half-applied, failures are clean 5xx, and the site recovers without a human.

Slow tests (scripts/test-slow, scripts/reliability-report). Clients write (two rows and a
counter per request, acknowledged with the first row's id) and read the front page while
the fault happens; the audit compares what was acknowledged with the database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.reliability.audit import CLEAN_FAILURES, audit
from tests.reliability.load import Clients, recovery_seconds
from tests.support import pgcluster
from tests.support.servers import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.apache, pytest.mark.postgresql]

BEFORE = 2.0  # seconds of load before the fault
AFTER = 8.0  # seconds of load after it
RECOVERY_LIMIT = 10.0


def _two_daemons_serving(site) -> None:
    wait_until(lambda: len(site.daemon_pids()) == 2 and site.healthy(), 30, what="2 daemons")


def _record(results, name: str, found, fault_at: float, outcomes) -> None:
    found.recovery_s = round(recovery_seconds(outcomes, fault_at), 2)
    results.faults[name] = found.as_dict()


@pytest.mark.parametrize("which", ["one", "all"])
def test_sigkill_of_daemon_processes(site, results, which):
    """SIGKILL one (or both) mod_wsgi daemon processes under load: mod_wsgi restarts them;
    requests cut by the kill fail with a clean 5xx; the invariants hold."""
    _two_daemons_serving(site)
    with Clients(site.port) as clients:
        clients.run_for(BEFORE)
        pids = site.daemon_pids()
        fault_at = time.monotonic()
        for pid in pids[:1] if which == "one" else pids:
            os.kill(pid, signal.SIGKILL)
        clients.run_for(AFTER)
    _two_daemons_serving(site)
    assert not set(site.daemon_pids()) & set(pids if which == "all" else pids[:1])
    found = audit(site, clients.outcomes)
    _record(results, f"sigkill_{which}_daemon", found, fault_at, clients.outcomes)
    assert found.acknowledged > 0
    assert found.problems() == [], found
    assert found.recovery_s < RECOVERY_LIMIT, found
    late = [o for o in clients.outcomes if o.started > fault_at + RECOVERY_LIMIT]
    assert all(o.status == 200 for o in late)


def test_exception_after_the_first_write_leaves_nothing(site, results):
    """A view that raises after the first of its two writes answers a clean 500 and leaves
    no row of that request; concurrent good writes are all acknowledged and present."""
    _two_daemons_serving(site)
    good = Clients(site.port, writers=4, readers=1)
    bad = Clients(site.port, writers=2, readers=0, write_path="/rel/write/?fail=1")
    with good, bad:
        good.run_for(BEFORE + AFTER)
    failing = [o.token for o in bad.outcomes]
    visible = site.query("SELECT count(*) FROM relapp_entry WHERE token = ANY(%s)", (failing,))
    found = audit(site, good.outcomes + bad.outcomes)
    found.half_written += visible[0][0]
    results.faults["exception_after_first_write"] = found.as_dict()
    assert failing and all(o.status == 500 for o in bad.outcomes), {o.status for o in bad.outcomes}
    assert all(o.status == 200 for o in good.outcomes)
    assert visible == [(0,)]
    assert found.problems() == [], found
    assert set(o.status for o in bad.outcomes) <= CLEAN_FAILURES


def test_apache_reload_fails_no_request(site, results):
    """`manage.py apache reload` under load replaces both daemon processes and not one
    request fails (new requests wait in the daemon socket's backlog)."""
    _two_daemons_serving(site)
    env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
    with Clients(site.port) as clients:
        clients.run_for(BEFORE)
        before = site.daemon_pids()
        fault_at = time.monotonic()
        reload = subprocess.run(
            [sys.executable, "manage.py", "apache", "reload"],
            cwd=site.dir,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        clients.run_for(AFTER)
    assert reload.returncode == 0, reload.stdout + reload.stderr
    found = audit(site, clients.outcomes)
    _record(results, "apache_reload", found, fault_at, clients.outcomes)
    assert not set(site.daemon_pids()) & set(before)
    assert found.acknowledged > 0
    assert found.failed == 0, [o for o in clients.outcomes if o.status != 200][:5]
    assert found.problems() == [], found


def test_postgresql_restart(site, results):
    """PostgreSQL restarted (fast shutdown) under load: requests during the outage fail with
    a clean 5xx, the daemons' persistent connections are replaced without a human, and
    every acknowledged write is present and complete."""
    _two_daemons_serving(site)
    with Clients(site.port) as clients:
        clients.run_for(BEFORE)
        fault_at = time.monotonic()
        pgcluster._as_postgres("pg_ctl", "-D", str(site.cluster.data), "-m", "fast", "-w", "stop")
        time.sleep(1)
        pgcluster._start(site.cluster)
        clients.run_for(AFTER)
    found = audit(site, clients.outcomes)
    _record(results, "postgresql_restart", found, fault_at, clients.outcomes)
    assert found.acknowledged > 0
    assert found.problems() == [], found
    assert found.recovery_s < RECOVERY_LIMIT, found
    late = [o for o in clients.outcomes if o.started > fault_at + RECOVERY_LIMIT]
    assert late and all(o.status == 200 for o in late)
