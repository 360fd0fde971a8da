"""The figures of a run of the reliability suite, written as JSON when the session ends.

The document has the fixed keys ``started`` and ``duration_s`` and one dict per section:
``load`` and ``faults`` (this suite), ``bad_inputs`` and ``matrices`` (the report's run of
tests/security), and any other section a test or tool adds (fuzzing, sqlmap, ...): each
section maps a name to a dict of JSON figures. ``record()`` merges a section into the file
from outside a pytest session.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PATH = REPO / "test-artifacts" / "reliability.json"
META_KEYS = frozenset(
    {"started", "duration_s", "pytest_exit_status", "security_exit_status", "passed"}
)


def results_path() -> Path:
    """RELIABILITY_JSON if set, else test-artifacts/reliability.json."""
    return Path(os.environ.get("RELIABILITY_JSON") or DEFAULT_PATH)


def read(path: Path | None = None) -> dict:
    """The document at ``path`` (results_path()), or an empty one."""
    path = path or results_path()
    if not path.exists():
        return {}
    return json.loads(path.read_text())


def _write(document: dict, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")
    return path


def record(section: str, name: str, figures: dict, path: Path | None = None) -> Path:
    """Merge ``{section: {name: figures}}`` into the JSON file (created if missing)."""
    if section in META_KEYS:
        raise ValueError(f"{section!r} is not a section name")
    path = path or results_path()
    document = read(path)
    document.setdefault(section, {})[name] = figures
    return _write(document, path)


class Results:
    """Sections of figures filled in by the tests: ``load[name]``, ``faults[name]``, and
    ``section(other)[name]`` for any other kind."""

    def __init__(self) -> None:
        self.sections: dict[str, dict[str, dict]] = {"load": {}, "faults": {}}
        self.started = time.time()

    @property
    def load(self) -> dict[str, dict]:
        return self.sections["load"]

    @property
    def faults(self) -> dict[str, dict]:
        return self.sections["faults"]

    def section(self, name: str) -> dict[str, dict]:
        """The section ``name`` (created empty on first use)."""
        if name in META_KEYS:
            raise ValueError(f"{name!r} is not a section name")
        return self.sections.setdefault(name, {})

    def as_dict(self) -> dict:
        return {
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.started)),
            "duration_s": round(time.time() - self.started, 1),
            **self.sections,
        }

    def write(self) -> Path | None:
        """Merge the figures into the JSON file (nothing when no test recorded a figure);
        sections already there from other tools are kept."""
        if not any(self.sections.values()):
            return None
        path = results_path()
        document = read(path)
        for name, figures in self.as_dict().items():
            if isinstance(figures, dict):
                document.setdefault(name, {}).update(figures)
            else:
                document[name] = figures
        return _write(document, path)
