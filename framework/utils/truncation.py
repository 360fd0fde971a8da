"""``Truncator``: shorten text to a number of characters or words (Django's API)."""

from __future__ import annotations

import unicodedata
from typing import Any

from markupsafe import Markup

__all__ = ["Truncator"]

_ELLIPSIS = "…"


def _add_truncation_text(text: str, truncate: str | None) -> str:
    if truncate is None:
        truncate = _ELLIPSIS
    if "%(truncated_text)s" in truncate:
        return truncate % {"truncated_text": text}
    # Don't repeat the suffix if the text already ends with it.
    if text.endswith(truncate):
        return text
    return f"{text}{truncate}"


class Truncator:
    """Truncate a string by characters (``chars``) or by words (``words``).

    The result of truncating ``Markup`` is ``Markup`` again (the filters that use
    this are "safe" in Django's sense: they never add markup of their own).
    """

    def __init__(self, text: Any):
        self._text = text if isinstance(text, str) else str(text)

    def __repr__(self) -> str:
        return f"<Truncator {self._text[:20]!r}>"

    def _wrap(self, result: str) -> str:
        return Markup(result) if isinstance(self._text, Markup) else result

    def chars(self, num: int, truncate: str | None = None) -> str:
        """Keep at most ``num`` characters, the truncation text (default "…") included.

        Combining characters do not count towards ``num``.
        """
        num = int(num)
        if num <= 0:
            return self._wrap("")
        text = unicodedata.normalize("NFC", str.__str__(self._text))
        if len(text) <= num:
            return self._wrap(text)
        truncate_len = len(_add_truncation_text("", truncate))
        visible = 0
        cut = None
        for index, char in enumerate(text):
            if unicodedata.combining(char):
                continue
            visible += 1
            if cut is None and visible > num - truncate_len:
                cut = index
            if visible > num:
                return self._wrap(_add_truncation_text(text[: cut or 0], truncate))
        return self._wrap(text)

    def words(self, num: int, truncate: str | None = None) -> str:
        """Keep at most ``num`` words, then append the truncation text (default "…")."""
        num = int(num)
        words = str.__str__(self._text).split()
        if len(words) > num:
            return self._wrap(_add_truncation_text(" ".join(words[: max(num, 0)]), truncate))
        return self._wrap(" ".join(words))
