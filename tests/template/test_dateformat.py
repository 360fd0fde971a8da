"""framework.utils.dateformat and framework.utils.timesince."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from framework.utils.dateformat import date_format, format, time_format
from framework.utils.timesince import timesince, timeuntil

UTC = datetime.UTC
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
MOMENT = datetime.datetime(2026, 3, 8, 14, 5, 9, 42, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        ("a", "p.m."),
        ("A", "PM"),
        ("b", "mar"),
        ("c", "2026-03-08T14:05:09.000042+01:00"),
        ("d", "08"),
        ("D", "Sun"),
        ("e", "CET"),
        ("E", "March"),
        ("f", "2:05"),
        ("F", "March"),
        ("g", "2"),
        ("G", "14"),
        ("h", "02"),
        ("H", "14"),
        ("i", "05"),
        ("I", "0"),
        ("j", "8"),
        ("l", "Sunday"),
        ("L", "False"),
        ("m", "03"),
        ("M", "Mar"),
        ("n", "3"),
        ("N", "March"),
        ("o", "2026"),
        ("O", "+0100"),
        ("P", "2:05 p.m."),
        ("r", "Sun, 08 Mar 2026 14:05:09 +0100"),
        ("s", "09"),
        ("S", "th"),
        ("t", "31"),
        ("T", "CET"),
        ("u", "000042"),
        ("U", "1772975109"),
        ("w", "0"),
        ("W", "10"),
        ("y", "26"),
        ("Y", "2026"),
        ("z", "67"),
        ("Z", "3600"),
    ],
)
def test_format_characters(char, expected):
    """Each Django format character gives Django's output."""
    assert format(MOMENT, char) == expected


def test_escapes_and_literals():
    """Backslash escapes a format character; other characters pass through."""
    assert format(MOMENT, r"jS \o\f F, Y — H\h") == "8th of March, 2026 — 14h"


@pytest.mark.parametrize(
    ("day", "suffix"),
    [
        (1, "st"),
        (2, "nd"),
        (3, "rd"),
        (4, "th"),
        (11, "th"),
        (12, "th"),
        (13, "th"),
        (21, "st"),
        (22, "nd"),
        (23, "rd"),
        (31, "st"),
    ],
)
def test_english_ordinal_suffix(day, suffix):
    """S gives st/nd/rd/th with 11-13 as th."""
    assert format(datetime.date(2026, 1, day), "S") == suffix


def test_naive_datetime_uses_time_zone_setting(settings):
    """Time zone characters on naive datetimes use TIME_ZONE."""
    settings.TIME_ZONE = "Europe/Paris"
    assert format(datetime.datetime(2026, 7, 1, 12), "O T") == "+0200 CEST"


def test_dates_refuse_time_characters():
    """Formatting a date with a time character is a TypeError naming it."""
    with pytest.raises(TypeError, match="'a'"):
        format(datetime.date(2026, 1, 1), "a")


def test_times():
    """time_format handles noon, midnight and minutes in P and f."""
    assert time_format(datetime.time(0, 0), "P") == "midnight"
    assert time_format(datetime.time(12, 0), "P") == "noon"
    assert time_format(datetime.time(0, 30), "P") == "12:30 a.m."
    assert time_format(datetime.time(23, 0), "f a") == "11 p.m."


def test_date_format_setting_names(settings):
    """date_format takes a format string or a setting name, DATE_FORMAT by default."""
    settings.DATE_FORMAT = "Y/m/d"
    day = datetime.date(2026, 5, 6)
    assert date_format(day) == "2026/05/06"
    assert date_format(day, "YEAR_MONTH_FORMAT") == "May 2026"
    assert date_format(day, "MONTH_DAY_FORMAT") == "May 6"
    assert date_format(day, "j.n.") == "6.5."


NOW = datetime.datetime(2026, 5, 31, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (datetime.timedelta(seconds=30), "0\xa0minutes"),
        (datetime.timedelta(minutes=1), "1\xa0minute"),
        (datetime.timedelta(hours=1, minutes=2), "1\xa0hour, 2\xa0minutes"),
        (datetime.timedelta(days=1, minutes=2), "1\xa0day"),
        (datetime.timedelta(days=15), "2\xa0weeks, 1\xa0day"),
        (datetime.timedelta(days=400), "1\xa0year, 1\xa0month"),
    ],
)
def test_timesince(delta, expected):
    """timesince shows up to two adjacent non-zero units."""
    assert timesince(NOW - delta, NOW) == expected


def test_timesince_calendar_months_and_depth():
    """Months are calendar months; depth controls the number of units."""
    start = datetime.datetime(2026, 1, 31, tzinfo=UTC)
    assert timesince(start, datetime.datetime(2026, 2, 28, tzinfo=UTC)) == "4\xa0weeks"
    assert timesince(start, datetime.datetime(2026, 3, 31, tzinfo=UTC)) == "2\xa0months"
    then = NOW - datetime.timedelta(days=3, hours=4, minutes=5)
    assert timesince(then, NOW, depth=3) == "3\xa0days, 4\xa0hours, 5\xa0minutes"
    with pytest.raises(ValueError):
        timesince(then, NOW, depth=0)


def test_timesince_future_and_dates():
    """A future date gives 0 minutes; plain dates work; timeuntil reverses."""
    assert timesince(NOW + datetime.timedelta(days=1), NOW) == "0\xa0minutes"
    assert timesince(datetime.date(2026, 1, 1), datetime.date(2026, 1, 8)) == "1\xa0week"
    assert timeuntil(NOW + datetime.timedelta(days=2), NOW) == "2\xa0days"


def test_timesince_default_now_is_aware_for_aware_values():
    """Without now, an aware value is compared with the current UTC time."""
    assert timesince(datetime.datetime.now(UTC) - datetime.timedelta(hours=2)) == "2\xa0hours"
