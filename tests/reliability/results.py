"""The figures of a run of the reliability suite, written as JSON when the session ends."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PATH = REPO / "test-artifacts" / "reliability.json"


def results_path() -> Path:
    """RELIABILITY_JSON if set, else test-artifacts/reliability.json."""
    return Path(os.environ.get("RELIABILITY_JSON") or DEFAULT_PATH)


class Results:
    """``load[name]`` and ``faults[name]``: dicts of figures, filled in by the tests."""

    def __init__(self) -> None:
        self.load: dict[str, dict] = {}
        self.faults: dict[str, dict] = {}
        self.started = time.time()

    def as_dict(self) -> dict:
        return {
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.started)),
            "duration_s": round(time.time() - self.started, 1),
            "load": self.load,
            "faults": self.faults,
        }

    def write(self) -> Path | None:
        """Write the JSON summary (nothing when no test recorded a figure)."""
        if not (self.load or self.faults):
            return None
        path = results_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_dict(), indent=2, sort_keys=True) + "\n")
        return path
