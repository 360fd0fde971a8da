"""sqlmap at level 3 / risk 2 against the demo under Apache on PostgreSQL: 0 findings.

The demo plus the reliability endpoints (tests/reliability/site.py: Apache, mod_wsgi daemon
mode, 2 processes, a throwaway PostgreSQL cluster). Each target gets one sqlmap run of at
most SQLMAP_SECONDS (default 420), SQLMAP_PARALLEL at a time (default 3); the figures go to
test-artifacts/security.json (section "sqlmap").
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.reliability import security_results, sqlmap_scan
from tests.support.services import unavailable

SECONDS = int(os.environ.get("SQLMAP_SECONDS", "420"))
PARALLEL = int(os.environ.get("SQLMAP_PARALLEL", "3"))


@pytest.mark.slow
def test_sqlmap_finds_no_injection(site, monkeypatch):
    """No parameter of the search box, list pagination, admin login, changelist filters,
    autocomplete JSON or write form is injectable, and no payload gets a 500."""
    problem = sqlmap_scan.available()
    if problem:
        unavailable(problem)
    monkeypatch.setenv("FRAMEWORK_SUPERUSER_PASSWORD", sqlmap_scan.ADMIN_PASSWORD)
    site.manage(
        "createsuperuser",
        "--noinput",
        "--username",
        sqlmap_scan.ADMIN_USER,
        "--email",
        "sqlmap@example.com",
    )
    ((section_id, slug),) = site.query("SELECT id, slug FROM news_section ORDER BY id LIMIT 1")
    cookie = sqlmap_scan.admin_session(site.url)
    targets = sqlmap_scan.targets(site.url, slug, section_id)
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        results = list(pool.map(lambda t: sqlmap_scan.run(t, cookie, SECONDS), targets))
    for result in results:
        security_results.record("sqlmap", result.target, result.as_dict())
    assert site.healthy(), site.error_log()
    findings = {r.target: r.injectable for r in results if r.injectable}
    assert not findings, findings
    server_errors = {
        r.target: r.http_errors for r in results if any(k.startswith("5") for k in r.http_errors)
    }
    assert not server_errors, (server_errors, site.error_log())
    tested = [r for r in results if r.tested_not_injectable or r.timed_out]
    assert tested, [r.excerpt for r in results]
