"""Load held: the demo under Apache (2 daemon processes) on PostgreSQL keeps answering.

Slow tests (scripts/test-slow, scripts/reliability-report). Each wrk run is bounded in time;
figures go to test-artifacts/reliability.json.
"""

from __future__ import annotations

import os
import threading
import time

import pytest

from tests.reliability.audit import audit
from tests.reliability.load import run_wrk
from tests.reliability.site import served_site
from tests.support.servers import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.apache, pytest.mark.postgresql]

LOAD_SECONDS = float(os.environ.get("RELIABILITY_LOAD_SECONDS", "10"))
# The soak's duration: 10 minutes unless RELIABILITY_SOAK_SECONDS says otherwise.
SOAK_SECONDS = float(os.environ.get("RELIABILITY_SOAK_SECONDS", "600"))
SOAK_MAXIMUM_REQUESTS = 2000
OVERLOAD_QUEUE_TIMEOUT = 3
# Daemon memory during the soak: sampled every few seconds; recycling keeps it bounded.
RSS_SAMPLE_SECONDS = 5.0
RSS_LIMIT_KIB = 400 * 1024
RSS_GROWTH_LIMIT_KIB = 150 * 1024


def _figures(run) -> dict:
    m = run.measurement
    return {
        "requests": m.requests,
        "requests_per_second": m.requests_per_second,
        "p50_ms": m.p50_ms,
        "p99_ms": m.p99_ms,
        "non_2xx": run.non_2xx,
        "socket_errors": run.socket_errors,
        "closed_connections": run.closed_connections,
        "statuses": {str(k): v for k, v in sorted(run.statuses.items())},
    }


def test_read_page_holds(site, results):
    """The front page under wrk (16 connections): every response 2xx, no socket error."""
    run = run_wrk(site.url, LOAD_SECONDS, path="/")
    results.load["read_page"] = _figures(run)
    assert run.measurement.requests > 0
    assert run.non_2xx == 0, run.output
    assert run.socket_errors == 0, run.output


def test_write_mix_holds(site, results):
    """Reads with every 4th request a two-row write: all 2xx, no socket error, and in the
    database every write is complete and the counter matches."""
    run = run_wrk(site.url, LOAD_SECONDS, path="/", write_every=4)
    figures = _figures(run)
    written = site.query(
        "SELECT count(DISTINCT token) FROM relapp_entry WHERE token LIKE %s",
        (f"wrk-{run.run_id}-%",),
    )[0][0]
    figures["writes_in_database"] = written
    results.load["write_mix"] = figures
    assert run.non_2xx == 0, run.output
    assert run.socket_errors == 0, run.output
    # wrk counts the responses it read; a write in flight at the end may land uncounted.
    assert written >= run.measurement.requests // 4 - 2 * 16
    assert audit(site, []).problems() == []


def test_overload_beyond_the_queue(cluster, results):
    """150 connections on a 1 s view with 20 threads and a 3 s queue timeout (a site of its
    own): requests beyond the queue get a clean 503/504 (never another status), and the
    front page answers 200 again within seconds of the load stopping."""
    with served_site(cluster, queue_timeout=OVERLOAD_QUEUE_TIMEOUT) as site:
        run = run_wrk(
            site.url, LOAD_SECONDS, path="/rel/slow/?ms=1000", connections=150, timeout="30s"
        )
        stopped = time.monotonic()
        wait_until(site.healthy, 20, interval=0.1, what="the front page after the overload")
        recovery = time.monotonic() - stopped
    figures = _figures(run)
    figures["recovery_s"] = round(recovery, 2)
    results.load["overload"] = figures
    assert set(run.statuses) <= {200, 503, 504}, run.statuses
    assert run.statuses.get(200, 0) > 0, run.statuses
    assert run.statuses.get(503, 0) + run.statuses.get(504, 0) > 0, (
        f"the load did not exceed the queue: {run.statuses}"
    )
    # Apache closes some connections of the overloading client (wrk's "read" errors, the
    # client reconnects); connect, write and timeout errors would mean refused requests.
    assert run.socket_errors - run.closed_connections == 0, run.output
    assert recovery < 10, f"recovered after {recovery:.1f}s"


def test_soak_with_maximum_requests_recycling(cluster, results):
    """The write mix for RELIABILITY_SOAK_SECONDS (default 10 min) on daemons recycled every
    2000 requests: no non-2xx, no socket error, the daemons were replaced, writes complete,
    and the daemons' memory (sampled every 5 s) stays bounded."""
    with served_site(cluster, maximum_requests=SOAK_MAXIMUM_REQUESTS) as soak:
        seen: set[int] = set(soak.daemon_pids())
        done = threading.Event()
        rss: list[tuple[float, int]] = []  # (seconds, largest daemon RSS in KiB)
        started = time.monotonic()

        def watch() -> None:
            last_sample = 0.0
            while not done.wait(0.2):
                pids = soak.daemon_pids()
                seen.update(pids)
                now = time.monotonic()
                if now - last_sample >= RSS_SAMPLE_SECONDS:
                    sizes = [size for size in map(_rss_kib, pids) if size]
                    if sizes:
                        rss.append((round(now - started, 1), max(sizes)))
                        last_sample = now

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            run = run_wrk(soak.url, SOAK_SECONDS, path="/", write_every=4)
        finally:
            done.set()
            watcher.join(5)
        figures = _figures(run)
        figures["duration_s"] = SOAK_SECONDS
        figures["daemon_processes_seen"] = len(seen)
        sizes = [size for _, size in rss]
        figures["rss_samples_kib"] = rss
        figures["rss_min_kib"] = min(sizes, default=0)
        figures["rss_max_kib"] = max(sizes, default=0)
        figures["rss_growth_kib"] = figures["rss_max_kib"] - figures["rss_min_kib"]
        found = audit(soak, [])
        figures["half_written"] = found.half_written
        results.load["soak"] = figures
        assert run.non_2xx == 0, run.output
        assert run.socket_errors == 0, run.output
        if run.measurement.requests > 4 * SOAK_MAXIMUM_REQUESTS:
            assert len(seen) > 2, "no daemon process was recycled"
        assert found.problems() == []
        assert sizes, "no daemon memory sample"
        assert figures["rss_max_kib"] < RSS_LIMIT_KIB, figures["rss_max_kib"]
        assert figures["rss_growth_kib"] < RSS_GROWTH_LIMIT_KIB, rss


def _rss_kib(pid: int) -> int:
    """The resident set size of ``pid`` in KiB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
