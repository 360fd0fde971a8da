"""Run a Python script in a fresh interpreter, for tests of what happens at start-up
(imports, logging configuration, malloc arenas) that the test process has long passed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def run_python(
    script: str,
    *args: str,
    cwd: Path = REPO,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> str:
    """``python -c script args...``; its standard output. A failure shows its stderr."""
    completed = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=env,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def run_python_json(script: str, *args: str, **kwargs: Any) -> Any:
    """run_python() for a script whose last output line is JSON: that value."""
    return json.loads(run_python(script, *args, **kwargs).strip().splitlines()[-1])
