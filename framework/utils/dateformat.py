"""Django's date format strings ("N j, Y, P") for dates, times and datetimes.

``format(value, "jS F Y H:i")`` and ``time_format(value, "P")`` implement the
format characters documented for Django's ``date`` template filter; a backslash
escapes a character. Format strings are parsed once and cached. English names only.

With ``USE_TZ``, aware datetimes shown by the template filters are first
converted to the current time zone (``TIME_ZONE``) with ``localtime()``.
"""

from __future__ import annotations

import datetime
import functools
import time as _time
from typing import Any

from framework.conf import settings

__all__ = [
    "DateFormat",
    "TimeFormat",
    "date_format",
    "format",
    "get_current_timezone",
    "get_format",
    "localtime",
    "time_format",
]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_AP = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Names the date/time filters accept instead of a format string.
FORMAT_SETTINGS = frozenset(
    {
        "DATE_FORMAT",
        "DATETIME_FORMAT",
        "TIME_FORMAT",
        "YEAR_MONTH_FORMAT",
        "MONTH_DAY_FORMAT",
        "SHORT_DATE_FORMAT",
        "SHORT_DATETIME_FORMAT",
    }
)


def get_format(name: str) -> str:
    """Return the format string held by a setting such as ``"SHORT_DATE_FORMAT"``."""
    if name not in FORMAT_SETTINGS:
        raise ValueError(f"{name!r} is not a format setting; use one of {sorted(FORMAT_SETTINGS)}.")
    return getattr(settings, name)


@functools.lru_cache(maxsize=16)
def _zone(name: str) -> datetime.tzinfo:
    if name == "UTC":
        return datetime.UTC
    # zoneinfo (and the sysconfig it reads) only for a named zone other than UTC.
    import zoneinfo

    return zoneinfo.ZoneInfo(name)


def get_current_timezone() -> datetime.tzinfo:
    """Return the time zone named by ``TIME_ZONE`` (the framework has no per-request zone yet)."""
    return _zone(settings.TIME_ZONE or "UTC")


def localtime(value: Any) -> Any:
    """Convert an aware datetime to the current time zone when ``USE_TZ`` is on."""
    if (
        isinstance(value, datetime.datetime)
        and value.tzinfo is not None
        and value.utcoffset() is not None
        and settings.USE_TZ
    ):
        return value.astimezone(get_current_timezone())
    return value


# ------------------------------------------------------------------ formatter


def _twelve_hour(hour: int) -> int:
    return hour % 12 or 12


class TimeFormat:
    """Formats the time parts of a ``time`` or ``datetime``."""

    # Characters that only make sense with a time of day.
    time_chars = frozenset("aAefgGhHiOPsTuZ")

    def __init__(self, value: Any):
        self.data = value
        self.timezone = None
        if isinstance(value, datetime.datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                self.timezone = get_current_timezone()
            else:
                self.timezone = value.tzinfo

    def format(self, format_string: str) -> str:
        """Return ``format_string`` with every format character replaced."""
        out = []
        for literal, char in _parse(format_string):
            if literal is not None:
                out.append(literal)
                continue
            if type(self.data) is datetime.date and char in self.time_chars:
                raise TypeError(
                    f"The format for date objects may not contain time-related format "
                    f"specifiers (found {char!r})."
                )
            method = getattr(self, char, None)
            if method is None:
                raise TypeError(f"Format character {char!r} needs a date; {self.data!r} is a time.")
            out.append(str(method()))
        return "".join(out)

    def _offset(self) -> datetime.timedelta | None:
        if self.timezone is None:
            return None
        value = self.data
        if value.tzinfo is None:
            value = value.replace(tzinfo=self.timezone)
        return value.utcoffset()

    def a(self) -> str:
        return "a.m." if self.data.hour < 12 else "p.m."

    def A(self) -> str:
        return "AM" if self.data.hour < 12 else "PM"

    def e(self) -> str:
        if self.timezone is None:
            return ""
        value = self.data
        if value.tzinfo is None:
            value = value.replace(tzinfo=self.timezone)
        return value.tzname() or ""

    def f(self) -> str:
        hour, minute = _twelve_hour(self.data.hour), self.data.minute
        return f"{hour}:{minute:02d}" if minute else str(hour)

    def g(self) -> int:
        return _twelve_hour(self.data.hour)

    def G(self) -> int:
        return self.data.hour

    def h(self) -> str:
        return f"{_twelve_hour(self.data.hour):02d}"

    def H(self) -> str:
        return f"{self.data.hour:02d}"

    def i(self) -> str:
        return f"{self.data.minute:02d}"

    def O(self) -> str:  # noqa: E743 - Django's format character
        offset = self._offset()
        if offset is None:
            return ""
        seconds = int(offset.total_seconds())
        sign = "-" if seconds < 0 else "+"
        hours, minutes = divmod(abs(seconds) // 60, 60)
        return f"{sign}{hours:02d}{minutes:02d}"

    def P(self) -> str:
        if self.data.minute == 0 and self.data.hour == 0:
            return "midnight"
        if self.data.minute == 0 and self.data.hour == 12:
            return "noon"
        return f"{self.f()} {self.a()}"

    def s(self) -> str:
        return f"{self.data.second:02d}"

    def T(self) -> str:
        name = self.e()
        return name or self.O()

    def u(self) -> str:
        return f"{self.data.microsecond:06d}"

    def Z(self) -> str | int:
        offset = self._offset()
        return "" if offset is None else int(offset.total_seconds())


class DateFormat(TimeFormat):
    """Formats dates and datetimes."""

    def b(self) -> str:
        return MONTHS[self.data.month - 1][:3].lower()

    def c(self) -> str:
        return self.data.isoformat()

    def d(self) -> str:
        return f"{self.data.day:02d}"

    def D(self) -> str:
        return WEEKDAYS[self.data.weekday()][:3]

    def E(self) -> str:
        return MONTHS[self.data.month - 1]

    def F(self) -> str:
        return MONTHS[self.data.month - 1]

    def I(self) -> str:  # noqa: E743 - Django's format character
        if self.timezone is None:
            return ""
        value = self.data
        if value.tzinfo is None:
            value = value.replace(tzinfo=self.timezone)
        return "1" if value.dst() else "0"

    def j(self) -> int:
        return self.data.day

    def l(self) -> str:  # noqa: E741, E743 - Django's format character
        return WEEKDAYS[self.data.weekday()]

    def L(self) -> bool:
        import calendar

        return calendar.isleap(self.data.year)

    def m(self) -> str:
        return f"{self.data.month:02d}"

    def M(self) -> str:
        return MONTHS[self.data.month - 1][:3]

    def n(self) -> int:
        return self.data.month

    def N(self) -> str:
        return MONTHS_AP[self.data.month - 1]

    def o(self) -> int:
        return self.data.isocalendar()[0]

    def r(self) -> str:
        value = self.data
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time.min)
        if value.tzinfo is None:
            value = value.replace(tzinfo=self.timezone or get_current_timezone())
        from email.utils import format_datetime

        return format_datetime(value)

    def S(self) -> str:
        day = self.data.day
        if day in (11, 12, 13):
            return "th"
        return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")

    def t(self) -> int:
        import calendar

        return calendar.monthrange(self.data.year, self.data.month)[1]

    def U(self) -> int:
        value = self.data
        if not isinstance(value, datetime.datetime):
            return int(_time.mktime(value.timetuple()))
        return int(value.timestamp())

    def w(self) -> int:
        return self.data.isoweekday() % 7

    def W(self) -> int:
        return self.data.isocalendar()[1]

    def y(self) -> str:
        return f"{self.data.year % 100:02d}"

    def Y(self) -> str:
        return f"{self.data.year:04d}"

    def z(self) -> int:
        return self.data.timetuple().tm_yday


_FORMAT_CHARS = frozenset("aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTuUwWyYzZ")


@functools.lru_cache(maxsize=256)
def _parse(format_string: str) -> tuple[tuple[str | None, str | None], ...]:
    """Split a format string into (literal, None) and (None, format char) tokens."""
    tokens: list[tuple[str | None, str | None]] = []
    literal: list[str] = []
    chars = iter(format_string)
    for char in chars:
        if char == "\\":
            literal.append(next(chars, ""))
        elif char in _FORMAT_CHARS:
            if literal:
                tokens.append(("".join(literal), None))
                literal = []
            tokens.append((None, char))
        else:
            literal.append(char)
    if literal:
        tokens.append(("".join(literal), None))
    return tuple(tokens)


def format(value: Any, format_string: str) -> str:  # noqa: A001 - Django's name
    """Format a date or datetime with a Django date format string."""
    return DateFormat(value).format(format_string)


def time_format(value: Any, format_string: str) -> str:
    """Format a time or datetime with a Django time format string."""
    return TimeFormat(value).format(format_string)


def date_format(value: Any, format: str | None = None) -> str:  # noqa: A002
    """Format with a format string or a format setting name (default ``DATE_FORMAT``)."""
    format_string = get_format(format or "DATE_FORMAT") if _is_setting_name(format) else format
    return DateFormat(value).format(format_string)


def _is_setting_name(name: str | None) -> bool:
    return name is None or name in FORMAT_SETTINGS
