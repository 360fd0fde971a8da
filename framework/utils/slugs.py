"""``slugify``: turn a string into a URL slug (Django's ``django.utils.text.slugify``)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["slugify"]

_NOT_SLUG = re.compile(r"[^\w\s-]")
_DASHES = re.compile(r"[-\s]+")


def slugify(value: Any, allow_unicode: bool = False) -> str:
    """Lowercase, drop characters that are not letters, digits, ``_``, ``-`` or spaces,
    collapse spaces and dashes into single dashes and strip dashes and underscores
    from both ends. Non-ASCII is transliterated away unless ``allow_unicode``.
    """
    value = str(value)
    if allow_unicode:
        value = unicodedata.normalize("NFKC", value)
    else:
        value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = _NOT_SLUG.sub("", value.lower())
    return _DASHES.sub("-", value).strip("-_")
