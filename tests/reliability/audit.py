"""The invariants of every fault: acknowledged writes present, none half-applied, clean 5xx."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from tests.reliability.load import Outcome
from tests.reliability.site import Site

# What a failed request may look like: a server error, said cleanly.
CLEAN_FAILURES = frozenset({500, 502, 503, 504})


@dataclass
class Audit:
    """What a fault did to the writes and reads made during it."""

    requests: int
    acknowledged: int
    failed: int
    unclean: int  # failures that were not a clean 5xx (no response, 4xx, a traceback, ...)
    missing: int  # acknowledged writes absent from the database
    half_written: int  # tokens with only one of their two rows
    counter_drift: int  # counter value minus the number of complete writes
    recovery_s: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)

    def problems(self) -> list[str]:
        """The broken invariants, in words."""
        found = []
        if self.missing:
            found.append(f"{self.missing} acknowledged writes are missing")
        if self.half_written:
            found.append(f"{self.half_written} writes are half-applied")
        if self.counter_drift:
            found.append(f"the counter is off by {self.counter_drift}")
        if self.unclean:
            found.append(f"{self.unclean} failures were not a clean 5xx")
        return found


def audit(site: Site, outcomes: list[Outcome]) -> Audit:
    """Check ``outcomes`` against the site's database."""
    # One snapshot: a write committing between two separate reads would look like drift.
    rows, counter_rows = site.snapshot(
        "SELECT token, step, id FROM relapp_entry",
        "SELECT value FROM relapp_counter WHERE name = 'writes'",
    )
    (counter,) = counter_rows[0]
    steps: dict[str, set[int]] = {}
    first_ids: dict[str, int] = {}
    for token, step, row_id in rows:
        steps.setdefault(token, set()).add(step)
        if step == 1:
            first_ids[token] = row_id
    acknowledged = [o for o in outcomes if o.kind == "write" and o.status == 200]
    missing = [o for o in acknowledged if first_ids.get(o.token) != o.ack_id]
    half = [token for token, found in steps.items() if found != {1, 2}]
    complete = sum(1 for found in steps.values() if found == {1, 2})
    failed = [o for o in outcomes if o.status != 200]
    return Audit(
        requests=len(outcomes),
        acknowledged=len(acknowledged),
        failed=len(failed),
        unclean=sum(1 for o in failed if o.status not in CLEAN_FAILURES or o.shows_traceback),
        missing=len(missing),
        half_written=len(half),
        counter_drift=counter - complete,
    )
