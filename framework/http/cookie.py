"""Cookie helpers: ``parse_cookie`` for the Cookie request header, ``SimpleCookie``."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie as SimpleCookie  # re-exported, Django's name

_OCTAL_OR_CHAR = re.compile(r"\\(?:([0-3][0-7][0-7])|(.))")


def _unquote_replace(match: re.Match) -> str:
    if match.group(1):
        return chr(int(match.group(1), 8))
    return match.group(2)


def _unquote(value: str) -> str:
    # A quoted cookie value may hold \" and \\ escapes and \ooo octal escapes
    # (what SimpleCookie writes); anything else is kept as it came.
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return value
    return _OCTAL_OR_CHAR.sub(_unquote_replace, value[1:-1])


def parse_cookie(cookie: str) -> dict[str, str]:
    """Parse a ``Cookie`` header into a dict of name -> value.

    Browsers send what they were given, so this is lenient where ``SimpleCookie``
    would refuse the whole header: a malformed pair is skipped or kept as well as
    it can be, and the other cookies survive. A name seen twice keeps the last value.
    """
    cookies: dict[str, str] = {}
    if not cookie:
        return cookies
    for chunk in cookie.split(";"):
        name, sep, value = chunk.partition("=")
        if not sep:
            # "foo" without "=": Chrome and Firefox treat it as a value with an empty name.
            name, value = "", chunk
        name, value = name.strip(), value.strip()
        if name or value:
            cookies[name] = _unquote(value)
    return cookies
