"""Constants shared by the query layer."""

from __future__ import annotations

from enum import Enum

LOOKUP_SEP = "__"


class OnConflict(Enum):
    IGNORE = "ignore"
    UPDATE = "update"
