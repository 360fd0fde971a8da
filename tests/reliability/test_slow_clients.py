"""Slowloris and slow bodies beside normal load: mod_reqtimeout (conf/httpd.conf) keeps them
at bay. Slow tests (scripts/test-slow, scripts/reliability-report); figures go to
test-artifacts/reliability.json under load.slow_clients.
"""

from __future__ import annotations

import os

import pytest

from tests.reliability.load import run_wrk
from tests.reliability.slow_clients import SlowClients

pytestmark = [pytest.mark.slow, pytest.mark.apache, pytest.mark.postgresql]

LOAD_SECONDS = float(os.environ.get("RELIABILITY_SLOW_CLIENT_SECONDS", "30"))
# conf/httpd.conf: RequestReadTimeout header=20-40,MinRate=500 body=20,MinRate=500. A client
# trickling a few bytes every 2 s never earns an extension, so each is cut after about 20 s;
# 40 s is the ceiling the configuration allows, plus the trickle interval.
LONGEST_ALLOWED_S = 40 + 2 * 2.0
# Slowloris sockets hold Apache workers only (45 of MaxRequestWorkers 100). A slow body
# holds a mod_wsgi daemon thread too, from the moment the daemon accepts the request until
# mod_reqtimeout's body limit cuts it (mod_wsgi streams the body, it does not buffer it):
# 8 of the site's 20 daemon threads here. More slow bodies than spare daemon threads queue
# normal requests behind them for up to the body timeout -- the bound README states.
SLOWLORIS = 45
SLOW_BODY = 8


def test_slow_clients_kept_at_bay(site, results):
    """While 53 slow clients trickle requests, wrk's 16 normal connections get only 2xx and
    no socket error; Apache closes every slow client within the configured timeouts."""
    with SlowClients(site.port, slowloris=SLOWLORIS, slow_body=SLOW_BODY) as attack:
        run = run_wrk(site.url, LOAD_SECONDS, path="/")
        attack.wait_closed(LONGEST_ALLOWED_S)
        figures = attack.figures()
    # The normal load's figures at the top (the report's load columns), the attack's beside.
    results.load["slow_clients"] = {
        "requests": run.measurement.requests,
        "requests_per_second": run.measurement.requests_per_second,
        "p99_ms": run.measurement.p99_ms,
        "non_2xx": run.non_2xx,
        "socket_errors": run.socket_errors,
        "attack": figures,
    }
    assert run.measurement.requests > 0
    assert run.non_2xx == 0, run.output
    assert run.socket_errors == 0, run.output
    for kind, opened in (("slowloris", SLOWLORIS), ("slow_body", SLOW_BODY)):
        assert figures[kind]["opened"] == opened, figures
        assert figures[kind]["closed_by_server"] == opened, figures
        assert figures[kind]["longest_kept_s"] <= LONGEST_ALLOWED_S, figures
    assert site.healthy()
