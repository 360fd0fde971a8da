"""Run the long suite and summarise it: ``python -m tests.reliability.report``.

Runs ``pytest -m slow tests/reliability`` (extra arguments are passed on), then
``pytest tests/security`` with a JUnit XML file, and writes test-artifacts/reliability.json:
the figures of the reliability tests, ``bad_inputs`` (per class of hostile input: test
cases, failures, unexpected 500s), ``matrices`` (per permission/CSRF matrix: cases and
mismatches), the sections the fuzzing and sqlmap tests wrote to test-artifacts/security.json
during the run, and both pytest exit statuses. Prints a short
table. The soak lasts RELIABILITY_SOAK_SECONDS (default 600). RELIABILITY_SKIP_SECURITY=1
leaves the security run out. The exit status is 0 only when both runs passed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.reliability import security_results
from tests.reliability.results import META_KEYS, REPO, _write, read, results_path

# Modules of tests/security that are matrices (the rest are classes of bad input).
MATRIX_MODULES = (
    "test_admin_auth_matrix",
    "test_admin_csrf_sessions",
    "test_admin_object_permissions",
)
_UNEXPECTED_500 = re.compile(r"\b500\b")


def security_sections(junit_xml: Path) -> tuple[dict, dict]:
    """``(bad_inputs, matrices)`` from a JUnit XML file of tests/security.

    A class of bad input is one test function (parametrized cases counted together); a
    failure whose message names a 500 counts as an unexpected 500. A matrix is one module;
    each failed case is a mismatch."""
    bad_inputs: dict[str, dict] = {}
    matrices: dict[str, dict] = {}
    for case in ET.parse(junit_xml).getroot().iter("testcase"):
        module = case.get("classname", "").rsplit(".", 1)[-1]
        function = case.get("name", "").split("[", 1)[0]
        failures = case.findall("failure") + case.findall("error")
        skipped = case.find("skipped") is not None
        message = " ".join((f.get("message") or "") + (f.text or "") for f in failures)
        if module in MATRIX_MODULES:
            entry = matrices.setdefault(module, {"cases": 0, "mismatches": 0, "skipped": 0})
            entry["cases"] += not skipped
            entry["mismatches"] += bool(failures)
            entry["skipped"] += skipped
        else:
            name = f"{module.removeprefix('test_')}::{function.removeprefix('test_')}"
            entry = bad_inputs.setdefault(
                name, {"cases": 0, "failed": 0, "unexpected_500": 0, "skipped": 0}
            )
            entry["cases"] += not skipped
            entry["failed"] += bool(failures)
            entry["unexpected_500"] += bool(failures and _UNEXPECTED_500.search(message))
            entry["skipped"] += skipped
    return bad_inputs, matrices


def merge_security_json(summary: dict, since: float) -> None:
    """Add the sections the fuzzing/sqlmap tests wrote to SECURITY_JSON during this run
    (a file older than ``since`` is a previous run's and is left out)."""
    path = security_results.results_path()
    if not path.exists() or path.stat().st_mtime < since:
        return
    for section, figures in read(path).items():
        if isinstance(figures, dict) and section not in META_KEYS:
            summary.setdefault(section, {}).update(figures)


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _rows(title: str, section: dict, columns: list[str]) -> list[str]:
    width = max([len(title), *map(len, section)]) + 1
    lines = [f"{title:<{width}}" + "".join(f"{c:>12}" for c in columns)]
    for name, figures in sorted(section.items()):
        cells = "".join(f"{_number(figures.get(c, '-')):>12}" for c in columns)
        lines.append(f"{name:<{width}}{cells}")
    return lines


COLUMNS = {
    "load": ["requests_per_second", "p99_ms", "requests", "non_2xx", "socket_errors"],
    "faults": ["acknowledged", "failed", "unclean", "missing", "half_written", "recovery_s"],
    "bad_inputs": ["cases", "failed", "unexpected_500"],
    "matrices": ["cases", "mismatches"],
}
HEADINGS = {
    "requests_per_second": "req/s",
    "acknowledged": "acked",
    "half_written": "half",
    "recovery_s": "recovery s",
    "unexpected_500": "500s",
    "socket_errors": "sock err",
}


def table(summary: dict) -> str:
    """The human summary of a reliability.json document (every section it has)."""
    lines: list[str] = []
    for section, figures in summary.items():
        if section in META_KEYS or not isinstance(figures, dict) or not figures:
            continue
        columns = COLUMNS.get(section)
        if columns is None:  # another tool's section: its numeric figures
            columns = sorted(
                {
                    k
                    for f in figures.values()
                    if isinstance(f, dict)
                    for k, v in f.items()
                    if isinstance(v, (int, float)) and not isinstance(v, bool)
                }
            )[:6]
        rows = _rows(section, figures, columns)
        for key, short in HEADINGS.items():
            rows[0] = rows[0].replace(f"{key:>12}", f"{short:>12}")
        lines += [*rows, ""]
    return "\n".join(lines).rstrip()


def _run(command: list[str], env: dict) -> int:
    return subprocess.run(command, cwd=REPO, env=env).returncode


def main(argv: list[str]) -> int:
    """Run both suites, write the JSON summary, print the table; 0 when both passed."""
    path = results_path()
    path.unlink(missing_ok=True)
    started = time.time()
    env = {**os.environ, "RELIABILITY_JSON": str(path)}
    python = sys.executable
    status = _run([python, "-m", "pytest", "-m", "slow", "tests/reliability", *argv], env)
    security_status = None
    sections: tuple[dict, dict] = ({}, {})
    if not os.environ.get("RELIABILITY_SKIP_SECURITY"):
        with tempfile.TemporaryDirectory() as scratch:
            junit = Path(scratch) / "security.xml"
            security_status = _run(
                [python, "-m", "pytest", "tests/security", "-q", f"--junitxml={junit}"], env
            )
            if junit.exists():
                sections = security_sections(junit)
    summary = read(path)
    merge_security_json(summary, started)
    summary["bad_inputs"], summary["matrices"] = sections
    summary["pytest_exit_status"] = status
    summary["security_exit_status"] = security_status
    summary["passed"] = status == 0 and security_status in (0, None)
    _write(summary, path)
    print(f"\nReliability summary ({path}):\n{table(summary)}")
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
