"""Python functions registered on each SQLite connection (regex, date parts, math)."""

from __future__ import annotations

import datetime
import functools
import math
import re
import zoneinfo
from typing import Any


@functools.lru_cache(maxsize=256)
def _compile(pattern: str):
    return re.compile(pattern)


def _regexp(pattern: Any, value: Any) -> bool | None:
    if pattern is None or value is None:
        return None
    return bool(_compile(str(pattern)).search(str(value)))


def _parse_datetime(value: Any, tzname: str | None, conn_tzname: str | None):
    if value is None:
        return None
    try:
        dt = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if tzname is not None and tzname != conn_tzname:
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=_tz(conn_tzname or "UTC"))
        dt = dt.astimezone(_tz(tzname))
    return dt


def _tz(name: str):
    if name in ("UTC", "utc"):
        return datetime.UTC
    if name and name[0] in "+-":
        sign = 1 if name[0] == "+" else -1
        hours, _, minutes = name[1:].partition(":")
        return datetime.timezone(
            sign * datetime.timedelta(hours=int(hours), minutes=int(minutes or 0))
        )
    return zoneinfo.ZoneInfo(name)


def _extract(lookup_type: str, dt):
    if dt is None:
        return None
    if lookup_type == "week_day":
        return (dt.isoweekday() % 7) + 1
    if lookup_type == "iso_week_day":
        return dt.isoweekday()
    if lookup_type == "week":
        return dt.isocalendar()[1]
    if lookup_type == "iso_year":
        return dt.isocalendar()[0]
    if lookup_type == "quarter":
        return (dt.month - 1) // 3 + 1
    return getattr(dt, lookup_type, None)


def _datetime_extract(lookup_type, value, tzname, conn_tzname):
    return _extract(lookup_type, _parse_datetime(value, tzname, conn_tzname))


def _date_extract(lookup_type, value):
    dt = _parse_datetime(value, None, None)
    return _extract(lookup_type, dt)


def _time_extract(lookup_type, value):
    if value is None:
        return None
    try:
        t = datetime.time.fromisoformat(str(value))
    except ValueError:
        dt = _parse_datetime(value, None, None)
        t = dt.time() if dt else None
    return None if t is None else getattr(t, lookup_type, None)


def _trunc(lookup_type: str, dt):
    if lookup_type == "year":
        return dt.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if lookup_type == "quarter":
        month = (dt.month - 1) // 3 * 3 + 1
        return dt.replace(month=month, day=1, hour=0, minute=0, second=0, microsecond=0)
    if lookup_type == "month":
        return dt.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if lookup_type == "week":
        dt = dt - datetime.timedelta(days=dt.weekday())
        return dt.replace(hour=0, minute=0, second=0, microsecond=0)
    if lookup_type == "day":
        return dt.replace(hour=0, minute=0, second=0, microsecond=0)
    if lookup_type == "hour":
        return dt.replace(minute=0, second=0, microsecond=0)
    if lookup_type == "minute":
        return dt.replace(second=0, microsecond=0)
    if lookup_type == "second":
        return dt.replace(microsecond=0)
    raise ValueError(f"Unsupported truncation {lookup_type!r}.")


def _datetime_trunc(lookup_type, value, tzname, conn_tzname):
    dt = _parse_datetime(value, tzname, conn_tzname)
    if dt is None:
        return None
    dt = _trunc(lookup_type, dt)
    if tzname is not None and tzname != conn_tzname:
        dt = dt.astimezone(_tz(conn_tzname or "UTC"))
    return dt.replace(tzinfo=None).isoformat(" ")


def _date_trunc(lookup_type, value, tzname, conn_tzname):
    dt = _parse_datetime(value, tzname, conn_tzname)
    if dt is None:
        return None
    return _trunc(lookup_type, dt).date().isoformat()


def _cast_date(value, tzname, conn_tzname):
    dt = _parse_datetime(value, tzname, conn_tzname)
    return None if dt is None else dt.date().isoformat()


def _cast_time(value, tzname, conn_tzname):
    dt = _parse_datetime(value, tzname, conn_tzname)
    return None if dt is None else dt.time().isoformat()


def _null_safe(func):
    def inner(*args):
        if any(a is None for a in args):
            return None
        return func(*args)

    return inner


def _json_contains(target, candidate):
    import json

    if target is None or candidate is None:
        return None
    try:
        return _contains(json.loads(target), json.loads(candidate))
    except (TypeError, ValueError):
        return None


def _contains(target, candidate) -> bool:
    """PostgreSQL's jsonb @> semantics: objects by subset, arrays by element."""
    if isinstance(target, dict) and isinstance(candidate, dict):
        return all(k in target and _contains(target[k], v) for k, v in candidate.items())
    if isinstance(target, list) and isinstance(candidate, list):
        return all(any(_contains(t, c) for t in target) for c in candidate)
    if isinstance(target, list) and not isinstance(candidate, (dict, list)):
        return candidate in target
    return (
        target == candidate
        and type(target) is type(candidate)
        or (
            isinstance(target, (int, float))
            and isinstance(candidate, (int, float))
            and not isinstance(target, bool)
            and not isinstance(candidate, bool)
            and target == candidate
        )
    )


def _format_dtdelta(connector, lhs, rhs, lhs_type, rhs_type):
    """Date/time arithmetic for SQLite (durations are integer microseconds)."""
    if lhs is None or rhs is None:
        return None

    def parse(value, internal_type):
        if internal_type == "DurationField":
            return datetime.timedelta(microseconds=int(value))
        if internal_type == "DateField":
            return datetime.date.fromisoformat(str(value)[:10])
        if internal_type == "TimeField":
            return datetime.datetime.combine(
                datetime.date.min, datetime.time.fromisoformat(str(value))
            )
        return datetime.datetime.fromisoformat(str(value))

    a, b = parse(lhs, lhs_type), parse(rhs, rhs_type)
    result = a + b if connector == "+" else a - b
    if isinstance(result, datetime.timedelta):
        return result // datetime.timedelta(microseconds=1)
    if isinstance(result, datetime.datetime) and lhs_type == "TimeField":
        return result.time().isoformat()
    if isinstance(result, datetime.datetime):
        return result.isoformat(" ")
    return result.isoformat()


def register_functions(conn) -> None:
    """Install the functions the ORM's SQLite dialect calls."""
    det = {"deterministic": True}
    conn.create_function("REGEXP", 2, _regexp, **det)
    conn.create_function("framework_datetime_extract", 4, _datetime_extract, **det)
    conn.create_function("framework_date_extract", 2, _date_extract, **det)
    conn.create_function("framework_time_extract", 2, _time_extract, **det)
    conn.create_function("framework_datetime_trunc", 4, _datetime_trunc, **det)
    conn.create_function("framework_date_trunc", 4, _date_trunc, **det)
    conn.create_function("framework_datetime_cast_date", 3, _cast_date, **det)
    conn.create_function("framework_datetime_cast_time", 3, _cast_time, **det)
    conn.create_function("framework_json_contains", 2, _json_contains, **det)
    conn.create_function("framework_format_dtdelta", 5, _format_dtdelta, **det)
    conn.create_function("POWER", 2, _null_safe(math.pow), **det)
    conn.create_function(
        "MD5",
        1,
        _null_safe(
            lambda s: __import__("hashlib").md5(str(s).encode(), usedforsecurity=False).hexdigest()
        ),
        **det,
    )
    conn.create_function("REVERSE", 1, _null_safe(lambda s: str(s)[::-1]), **det)
    conn.create_function(
        "LPAD",
        3,
        _null_safe(
            lambda s, n, f: (
                (str(f) * int(n) + str(s))[-int(n) :] if len(str(s)) < int(n) else str(s)[: int(n)]
            )
        ),
        **det,
    )
    conn.create_function(
        "RPAD", 3, _null_safe(lambda s, n, f: (str(s) + str(f) * int(n))[: int(n)]), **det
    )
    conn.create_function("REPEAT", 2, _null_safe(lambda s, n: str(s) * int(n)), **det)
