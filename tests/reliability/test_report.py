"""The report's parts that need no server: the JUnit summary, the sections, the table."""

from __future__ import annotations

import json

from tests.reliability.report import security_sections, table
from tests.reliability.results import Results, record

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest">
<testcase classname="tests.security.test_cve_xss" name="test_filters_escape[a]"/>
<testcase classname="tests.security.test_cve_xss" name="test_filters_escape[b]">
  <failure message="assert 500 == 200">response 500</failure></testcase>
<testcase classname="tests.security.test_cve_xss" name="test_widgets"><skipped/></testcase>
<testcase classname="tests.security.test_admin_auth_matrix" name="test_view[x]"/>
<testcase classname="tests.security.test_admin_auth_matrix" name="test_view[y]">
  <failure message="expected 403">got 200</failure></testcase>
</testsuite></testsuites>
"""


def test_security_sections_count_cases_failures_and_500s(tmp_path):
    junit = tmp_path / "security.xml"
    junit.write_text(JUNIT)
    bad_inputs, matrices = security_sections(junit)
    assert bad_inputs["cve_xss::filters_escape"] == {
        "cases": 2,
        "failed": 1,
        "unexpected_500": 1,
        "skipped": 0,
    }
    assert bad_inputs["cve_xss::widgets"]["skipped"] == 1
    assert matrices == {"test_admin_auth_matrix": {"cases": 2, "mismatches": 1, "skipped": 0}}


def test_results_keep_other_sections_and_table_shows_them(tmp_path, monkeypatch):
    path = tmp_path / "reliability.json"
    monkeypatch.setenv("RELIABILITY_JSON", str(path))
    record("fuzzing", "query_string", {"inputs": 1000, "crashes": 0, "slowest_ms": 3.5})
    results = Results()
    results.faults["sigkill"] = {
        "acknowledged": 10,
        "failed": 1,
        "unclean": 0,
        "missing": 0,
        "half_written": 0,
        "recovery_s": 1.5,
    }
    results.section("sqlmap")["search_form"] = {"findings": 0}
    results.write()
    document = json.loads(path.read_text())
    assert document["fuzzing"]["query_string"]["crashes"] == 0
    assert document["sqlmap"]["search_form"] == {"findings": 0}
    text = table(document)
    assert "sigkill" in text and "query_string" in text and "slowest_ms" in text
    assert "recovery s" in text
