"""Run the long reliability suite and summarise it: ``python -m tests.reliability.report``.

Runs ``pytest -m slow tests/reliability`` (extra arguments are passed on), then writes
test-artifacts/reliability.json (the figures plus pytest's exit status) and prints a short
table: per load run req/s and p99, per fault acknowledged/failed/missing/half-written.
The soak lasts RELIABILITY_SOAK_SECONDS (default 600); the exit status is pytest's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.reliability.results import REPO, results_path


def table(summary: dict) -> str:
    """The human summary of a reliability.json document."""
    lines = [
        f"{'load':<16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'non-2xx':>8}",
    ]
    for name, run in sorted(summary.get("load", {}).items()):
        lines.append(
            f"{name:<16} {run['requests_per_second']:>8.1f} {run['p50_ms']:>8.1f} "
            f"{run['p99_ms']:>8.1f} {run['requests']:>9} {run['non_2xx']:>8}"
        )
    lines.append("")
    lines.append(
        f"{'fault':<28} {'acked':>6} {'failed':>6} {'unclean':>7} {'missing':>7} "
        f"{'half':>5} {'recovery s':>10}"
    )
    for name, fault in sorted(summary.get("faults", {}).items()):
        lines.append(
            f"{name:<28} {fault['acknowledged']:>6} {fault['failed']:>6} {fault['unclean']:>7} "
            f"{fault['missing']:>7} {fault['half_written']:>5} {fault['recovery_s']:>10.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Run the suite, write the JSON summary, print the table; return pytest's status."""
    path = results_path()
    path.unlink(missing_ok=True)
    env = {**os.environ, "RELIABILITY_JSON": str(path)}
    command = [sys.executable, "-m", "pytest", "-m", "slow", "tests/reliability", *argv]
    status = subprocess.run(command, cwd=REPO, env=env).returncode
    summary = json.loads(path.read_text()) if path.exists() else {"load": {}, "faults": {}}
    summary["pytest_exit_status"] = status
    summary["passed"] = status == 0
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    print(f"\nReliability summary ({path}):\n{table(summary)}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
