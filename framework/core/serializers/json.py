"""``FrameworkJSONEncoder``: JSON for dates, times, durations, decimals, UUIDs and lazy strings."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from typing import Any

from framework.utils.functional import Promise


def _duration_iso_string(duration: datetime.timedelta) -> str:
    sign = ""
    if duration < datetime.timedelta(0):
        sign, duration = "-", -duration
    minutes, seconds = divmod(duration.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    fraction = f".{duration.microseconds:06d}" if duration.microseconds else ""
    return f"{sign}P{duration.days}DT{hours:02d}H{minutes:02d}M{seconds:02d}{fraction}S"


class FrameworkJSONEncoder(json.JSONEncoder):
    """A JSONEncoder that also knows dates, times, timedeltas, Decimal, UUID and Promise.

    Datetimes and times are ISO 8601 with milliseconds (ECMA-262), UTC written ``Z``.
    """

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            if o.microsecond:
                text = text[:23] + text[26:]
            if text.endswith("+00:00"):
                text = text.removesuffix("+00:00") + "Z"
            return text
        if isinstance(o, datetime.date):
            return o.isoformat()
        if isinstance(o, datetime.time):
            if o.utcoffset() is not None:
                raise ValueError(f"JSON can't represent timezone-aware times: {o!r}.")
            text = o.isoformat()
            if o.microsecond:
                text = text[:12]
            return text
        if isinstance(o, datetime.timedelta):
            return _duration_iso_string(o)
        if isinstance(o, (decimal.Decimal, uuid.UUID, Promise)):
            return str(o)
        return super().default(o)


# Ported code that only renamed its imports keeps working.
DjangoJSONEncoder = FrameworkJSONEncoder
