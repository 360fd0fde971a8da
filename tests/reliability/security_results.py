"""Figures of the security runs (fuzzing, sqlmap, login timing), merged into one JSON file.

``record(section, name, figures)`` sets ``data[section][name] = figures`` in
SECURITY_JSON (default test-artifacts/security.json), keeping what other tests wrote,
so that each slow test adds its own figures whatever the order they run in.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PATH = REPO / "test-artifacts" / "security.json"


def results_path() -> Path:
    """SECURITY_JSON if set, else test-artifacts/security.json."""
    return Path(os.environ.get("SECURITY_JSON") or DEFAULT_PATH)


def record(section: str, name: str, figures: dict) -> Path:
    """Store ``figures`` under ``section``/``name`` and return the file written."""
    path = results_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        data = {}
    data.setdefault(section, {})[name] = {
        **figures,
        "recorded": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    tmp.replace(path)
    return path
