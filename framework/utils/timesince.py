"""``timesince``/``timeuntil``: "4 days, 6 hours" between two dates (Django's wording)."""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from framework.utils.html import avoid_wrapping

__all__ = ["TIME_STRINGS", "timesince", "timeuntil"]

TIME_STRINGS = {
    "year": ("%(num)d year", "%(num)d years"),
    "month": ("%(num)d month", "%(num)d months"),
    "week": ("%(num)d week", "%(num)d weeks"),
    "day": ("%(num)d day", "%(num)d days"),
    "hour": ("%(num)d hour", "%(num)d hours"),
    "minute": ("%(num)d minute", "%(num)d minutes"),
}
_UNITS = ("year", "month", "week", "day", "hour", "minute")


def _as_datetime(value: Any) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    raise TypeError(f"timesince() needs a date or a datetime, not {type(value).__name__}.")


def _add_months(value: datetime.datetime, months: int) -> datetime.datetime:
    year, month = divmod(value.month - 1 + months, 12)
    year += value.year
    day = min(value.day, calendar.monthrange(year, month + 1)[1])
    return value.replace(year=year, month=month + 1, day=day)


def timesince(
    d: Any,
    now: Any = None,
    reversed: bool = False,
    time_strings: dict | None = None,
    depth: int = 2,
) -> str:
    """Return the time between ``d`` and ``now`` as "2 weeks, 3 days".

    Up to ``depth`` adjacent units are shown, starting from the largest non-zero
    one and stopping at the first zero. Anything under a minute, or ``d`` in the
    future, gives "0 minutes". Units are joined by non-breaking spaces.
    """
    if depth <= 0:
        raise ValueError("depth must be greater than 0.")
    strings = time_strings or TIME_STRINGS
    d = _as_datetime(d)
    if now is None:
        now = datetime.datetime.now(datetime.UTC if d.tzinfo else None)
    else:
        now = _as_datetime(now)
    if reversed:
        d, now = now, d
    if (d.tzinfo is None) != (now.tzinfo is None):
        raise TypeError("can't compare offset-naive and offset-aware datetimes")
    if d.tzinfo is not None:
        now = now.astimezone(d.tzinfo)
    if now <= d:
        return avoid_wrapping(strings["minute"][1] % {"num": 0})

    months = (now.year - d.year) * 12 + (now.month - d.month)
    # A month counts once the same day of month (and time of day) is reached.
    if (d.day, d.time()) > (now.day, now.time()):
        months -= 1
    pivot = _add_months(d, months) if months else d
    remaining = now - pivot
    years, months = divmod(months, 12)
    weeks, days = divmod(remaining.days, 7)
    hours, seconds = divmod(remaining.seconds, 3600)
    counts = (years, months, weeks, days, hours, seconds // 60)

    first = next((i for i, count in enumerate(counts) if count), None)
    if first is None:
        return avoid_wrapping(strings["minute"][1] % {"num": 0})
    parts = []
    for index in range(first, min(first + depth, len(_UNITS))):
        count = counts[index]
        if not count:
            break
        singular, plural = strings[_UNITS[index]]
        parts.append(avoid_wrapping((singular if count == 1 else plural) % {"num": count}))
    return ", ".join(parts)


def timeuntil(d: Any, now: Any = None, time_strings: dict | None = None, depth: int = 2) -> str:
    """Like ``timesince`` but measures the time from now until ``d``."""
    return timesince(d, now, reversed=True, time_strings=time_strings, depth=depth)
