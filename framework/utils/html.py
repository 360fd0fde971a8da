"""HTML helpers: escaping, ``format_html``, ``strip_tags``, ``urlize``, ``json_script``.

``escape``, ``format_html`` and ``json_script`` return ``Markup`` (``SafeString``);
``linebreaks`` and ``urlize`` escape their input when asked to (``autoescape``)
unless it is already ``Markup`` and leave marking the result safe to the
caller (the template filters do). ``strip_tags`` and
``urlize`` run in linear time whatever the input (no backtracking regexes over
client-controlled text).
"""

from __future__ import annotations

import datetime
import decimal
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import markupsafe
from markupsafe import Markup

from framework.utils.deferred import lazy_module, lazy_re_compile
from framework.utils.functional import Promise
from framework.utils.safestring import SafeString, mark_safe

# html.unescape loads html.entities (0.3 MiB of tables): only urlize() on safe input uses it.
_html = lazy_module("html")

__all__ = [
    "avoid_wrapping",
    "conditional_escape",
    "escape",
    "escapejs",
    "format_html",
    "format_html_join",
    "json_script",
    "linebreaks",
    "mark_safe",
    "normalize_newlines",
    "strip_tags",
    "urlize",
]

_markup_escape = markupsafe.escape


def escape(text: Any) -> SafeString:
    """Return ``text`` with ``& < > " '`` encoded, always (even if already marked safe)."""
    if isinstance(text, str):
        return _markup_escape(str.__str__(text))
    return _markup_escape(str(text))


def conditional_escape(text: Any) -> SafeString:
    """Escape ``text`` unless it is already safe HTML (has ``__html__``)."""
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return Markup(text.__html__())
    return escape(text)


def format_html(format_string: str, *args: Any, **kwargs: Any) -> SafeString:
    """``str.format`` that escapes every argument (not the format string) and returns Markup."""
    if not (args or kwargs):
        raise TypeError(
            f"format_html() requires arguments to format into {format_string!r}; "
            f"use mark_safe() for a constant string."
        )
    return Markup(format_string).format(*args, **kwargs)


def format_html_join(sep: str, format_string: str, args_generator: Iterable) -> SafeString:
    """Join ``format_html(format_string, *args)`` for each args tuple (or mapping) with ``sep``."""
    return conditional_escape(sep).join(
        format_html(format_string, **args)
        if isinstance(args, Mapping)
        else format_html(format_string, *args)
        for args in args_generator
    )


def normalize_newlines(text: Any) -> str:
    """Turn ``\\r\\n`` and ``\\r`` into ``\\n``."""
    return str(text).replace("\r\n", "\n").replace("\r", "\n")


def avoid_wrapping(value: str) -> str:
    """Replace spaces with non-breaking spaces so the value stays on one line."""
    return value.replace(" ", "\xa0")


_PARAGRAPH_SPLIT = re.compile(r"\n{2,}")


def linebreaks(value: Any, autoescape: bool = False) -> str:
    """Wrap blank-line-separated paragraphs in ``<p>`` and turn single newlines into ``<br>``."""
    paragraphs = _PARAGRAPH_SPLIT.split(normalize_newlines(value))
    if autoescape:
        paragraphs = [str(escape(p)) for p in paragraphs]
    return "\n\n".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


# ------------------------------------------------------------------ strip_tags

_TAG_START = re.compile(r"<(?:[A-Za-z/!?])")
# One character at a time, each alternative starting with a different character:
# the pattern cannot backtrack in more than one way, so a failed match is linear.
_TAG_BODY = re.compile(r"""(?:[^"'>]|"[^"]*"|'[^']*')*>""")


def strip_tags(value: Any) -> str:
    """Remove HTML tags and comments from ``value``; text and entities are kept.

    Runs in linear time. An unterminated tag or comment at the end is dropped
    with everything after it. The result is not safe HTML: escape it.
    """
    text = str(value)
    if "<" not in text:
        return text
    out = []
    pos = 0
    while True:
        match = _TAG_START.search(text, pos)
        if match is None:
            out.append(text[pos:])
            break
        start = match.start()
        out.append(text[pos:start])
        if text.startswith("<!--", start):
            end = text.find("-->", start + 4)
            if end < 0:
                break
            pos = end + 3
            continue
        body = _TAG_BODY.match(text, start + 1)
        if body is None:
            break
        pos = body.end()
    return "".join(out)


# ------------------------------------------------------------------ JavaScript

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_JS_ESCAPES = {
    ord("\\"): "\\u005C",
    ord("'"): "\\u0027",
    ord('"'): "\\u0022",
    ord(">"): "\\u003E",
    ord("<"): "\\u003C",
    ord("&"): "\\u0026",
    ord("="): "\\u003D",
    ord("-"): "\\u002D",
    ord(";"): "\\u003B",
    ord("`"): "\\u0060",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
    **{c: f"\\u{c:04X}" for c in range(32)},
}


class JSONEncoder(json.JSONEncoder):
    """JSON encoder that also knows dates, times, Decimal, UUID and lazy strings."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            if o.microsecond:
                text = text[:23] + text[26:]
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.date):
            return o.isoformat()
        if isinstance(o, datetime.time):
            if o.utcoffset() is not None:
                raise ValueError(f"JSON can't represent timezone-aware times ({o!r}).")
            text = o.isoformat()
            return text[:12] if o.microsecond else text
        if isinstance(o, datetime.timedelta):
            return _iso_duration(o)
        if isinstance(o, (decimal.Decimal, uuid.UUID, Promise)):
            return str(o)
        return super().default(o)


def _iso_duration(delta: datetime.timedelta) -> str:
    sign = "-" if delta < datetime.timedelta(0) else ""
    delta = abs(delta)
    minutes, seconds = divmod(delta.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    fraction = f".{delta.microseconds:06d}" if delta.microseconds else ""
    return f"{sign}P{delta.days}DT{hours:02d}H{minutes:02d}M{seconds:02d}{fraction}S"


def json_script(value: Any, element_id: str | None = None, encoder: Any = None) -> SafeString:
    """Serialise ``value`` as JSON inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` are escaped as ``\\u003C`` etc. so that the data cannot
    close the script element; read it back with ``JSON.parse(el.textContent)``.
    """
    data = json.dumps(value, cls=encoder or JSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    if element_id is not None:
        return format_html(
            '<script id="{}" type="application/json">{}</script>', element_id, Markup(data)
        )
    return format_html('<script type="application/json">{}</script>', Markup(data))


def escapejs(value: Any) -> SafeString:
    """Escape characters for use inside a JavaScript string literal (not for JSON)."""
    return Markup(str(value).translate(_JS_ESCAPES))


# ------------------------------------------------------------------ urlize

# These compile with the first urlize() call, not at import.
# Quotes and angle brackets always end a word, so a link can never carry them
# into an attribute; splitting is linear.
_WORD_SPLIT = lazy_re_compile(r"""([\s<>"']+)""")
_HTTP_URL = lazy_re_compile(r"^https?://[^\s/?#]+", re.IGNORECASE)
_BARE_DOMAIN = lazy_re_compile(
    r"^(?:www\.[^\s/?#]+|[a-z0-9][a-z0-9.-]*\.(?:com|edu|gov|int|mil|net|org))(?:[/?#]\S*)?$",
    re.IGNORECASE,
)
_EMAIL = lazy_re_compile(r"^[\w.!#$%*+=?^`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+$", re.IGNORECASE)
_LEADING_PUNCTUATION = "(["
_TRAILING_PUNCTUATION = ".,:;!)]"
_URL_SAFE_CHARS = "!*'();:@&=+$,/?#[]~%"


def _quote_url(url: str) -> str:
    """Percent-encode what must be encoded in ``url`` (existing escapes are kept)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return quote(url, safe=_URL_SAFE_CHARS)
    netloc = parts.netloc
    if netloc and not netloc.isascii():
        try:
            netloc = netloc.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return quote(url, safe=_URL_SAFE_CHARS)


def _split_punctuation(word: str) -> tuple[str, str, str]:
    """Split ``word`` into (leading punctuation, middle, trailing punctuation), in linear time."""
    middle = word.lstrip(_LEADING_PUNCTUATION)
    lead = word[: len(word) - len(middle)]
    opens = {")": middle.count("("), "]": middle.count("[")}
    closes = {")": middle.count(")"), "]": middle.count("]")}
    end = len(middle)
    while end > 0:
        char = middle[end - 1]
        if char not in _TRAILING_PUNCTUATION:
            break
        if char in closes:
            # A closing bracket that matches an opening one in the URL is part of it.
            if opens[char] >= closes[char]:
                break
            closes[char] -= 1
        end -= 1
    return lead, middle[:end], middle[end:]


def _link_target(candidate: str) -> str | None:
    """Return the href for a word that looks like a URL or an email address, else None."""
    if _HTTP_URL.match(candidate):
        return _quote_url(candidate)
    if _BARE_DOMAIN.match(candidate):
        return _quote_url("http://" + candidate)
    if "@" in candidate and ":" not in candidate and _EMAIL.match(candidate):
        local, domain = candidate.rsplit("@", 1)
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        return "mailto:" + quote(local, safe="!#$%*+=?^`{|}~.-") + "@" + domain


def urlize(
    text: Any,
    trim_url_limit: int | None = None,
    nofollow: bool = False,
    autoescape: bool = False,
) -> str:
    """Turn http(s) URLs, ``www.``/bare domains and email addresses in ``text`` into links.

    Only ``http``, ``https`` and ``mailto`` links are ever produced (never
    ``javascript:`` or ``data:``); hrefs are percent-encoded and attribute-escaped.
    With ``autoescape``, text that is not already safe is escaped. Linear time.
    """
    safe_input = hasattr(text, "__html__")
    escape_text = autoescape and not safe_input
    parts = _WORD_SPLIT.split(str(text))
    rel = ' rel="nofollow"' if nofollow else ""
    out = []
    for index, word in enumerate(parts):
        if index % 2 or not ("." in word or "@" in word):
            out.append(escape(word) if escape_text else word)
            continue
        lead, middle, trail = _split_punctuation(word)
        candidate = _html.unescape(middle) if safe_input else middle
        href = _link_target(candidate) if candidate else None
        if href is None:
            out.append(escape(word) if escape_text else word)
            continue
        shown = candidate
        if trim_url_limit is not None and len(shown) > trim_url_limit:
            shown = shown[: max(0, trim_url_limit - 1)] + "…"
        elif safe_input:
            shown = middle
        if escape_text or (safe_input and shown is not middle):
            shown = escape(shown)
        if escape_text:
            lead, trail = escape(lead), escape(trail)
        out.append(f'{lead}<a href="{escape(href)}"{rel}>{shown}</a>{trail}')
    return "".join(out)
