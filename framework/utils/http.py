"""HTTP helpers: dates, ETags, base36/base64, safe redirects, header parameters."""

from __future__ import annotations

import base64
import datetime
import re
import time
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from urllib.parse import urlencode as _urlencode

# Headers longer than this are not parsed (a cheap guard against pathological input).
MAX_HEADER_LENGTH = 10_000
# Redirect targets longer than this are refused.
MAX_URL_LENGTH = 2048

ETAG_MATCH = re.compile(r'\A((?:W/)?"[^"]*")\Z')

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH_NAMES = tuple(month.title() for month in _MONTHS)
_WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_D = r"(?P<day>[0-9]{2})"
_D2 = r"(?P<day>[ 0-9][0-9])"
_M = r"(?P<mon>\w{3})"
_Y = r"(?P<year>[0-9]{4})"
_Y2 = r"(?P<year>[0-9]{2})"
_T = r"(?P<hour>[0-9]{2}):(?P<min>[0-9]{2}):(?P<sec>[0-9]{2})"
# The three date formats RFC 9110 section 5.6.7 requires recipients to accept.
_RFC1123_DATE = re.compile(rf"^\w{{3}}, {_D} {_M} {_Y} {_T} GMT$")
_RFC850_DATE = re.compile(rf"^\w{{6,9}}, {_D}-{_M}-{_Y2} {_T} GMT$")
_ASCTIME_DATE = re.compile(rf"^\w{{3}} {_M} {_D2} {_T} {_Y}$")


def urlencode(query: Any, doseq: bool = False) -> str:
    """Like ``urllib.parse.urlencode`` but refusing None values (a common bug).

    Accepts a mapping (including a MultiValueDict) or a sequence of pairs.
    """
    if hasattr(query, "lists"):
        query = query.lists()
    elif isinstance(query, Mapping):
        query = query.items()
    pairs = []
    for key, value in query:
        if value is None:
            raise TypeError(
                f"Cannot encode None for key {key!r} in a query string. Did you mean to "
                "pass an empty string or omit the value?"
            )
        if not doseq or isinstance(value, (str, bytes)):
            pairs.append((key, value))
            continue
        try:
            items = iter(value)
        except TypeError:
            pairs.append((key, value))
            continue
        values = []
        for item in items:
            if item is None:
                raise TypeError(
                    f"Cannot encode None for key {key!r} in a query string. Did you mean "
                    "to pass an empty string or omit the value?"
                )
            values.append(item if isinstance(item, bytes) else str(item))
        pairs.append((key, values))
    return _urlencode(pairs, doseq)


def http_date(epoch_seconds: float | None = None) -> str:
    """Format a time as an RFC 9110 HTTP date: ``Wed, 21 Oct 2015 07:28:00 GMT``."""
    # What email.utils.formatdate(usegmt=True) writes, without importing the email
    # package (about 0.6 MiB per process) for a response's Expires or a cookie's expiry.
    if epoch_seconds is None:
        epoch_seconds = time.time()
    t = datetime.datetime.fromtimestamp(epoch_seconds, datetime.UTC).timetuple()
    return (
        f"{_WEEKDAY_NAMES[t.tm_wday]}, {t.tm_mday:02d} {_MONTH_NAMES[t.tm_mon - 1]} "
        f"{t.tm_year:04d} {t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} GMT"
    )


def parse_http_date(date: str) -> int:
    """Parse an HTTP date in any of the three RFC 9110 formats into epoch seconds (UTC).

    Raises ValueError if ``date`` is not a valid HTTP date.
    """
    for regex in (_RFC1123_DATE, _RFC850_DATE, _ASCTIME_DATE):
        match = regex.match(date)
        if match is not None:
            break
    else:
        raise ValueError(f"{date!r} is not in a valid HTTP date format")
    try:
        year = int(match["year"])
        if year < 100:
            # RFC 9110: a two-digit year more than 50 years ahead is in the last century.
            current_year = datetime.datetime.now(datetime.UTC).year
            century = current_year - current_year % 100
            year += century
            if year - current_year > 50:
                year -= 100
        month = _MONTHS.index(match["mon"].lower()) + 1
        result = datetime.datetime(
            year,
            month,
            int(match["day"]),
            int(match["hour"]),
            int(match["min"]),
            int(match["sec"]),
            tzinfo=datetime.UTC,
        )
        return int(result.timestamp())
    except Exception as exc:
        raise ValueError(f"{date!r} is not a valid date") from exc


def parse_http_date_safe(date: str) -> int | None:
    """Like ``parse_http_date()`` but return None for an invalid date."""
    try:
        return parse_http_date(date)
    except Exception:
        return None


def base36_to_int(s: str) -> int:
    """Convert a base 36 string to an int; ValueError for input longer than 13 characters."""
    # 13 base36 digits cover every 64-bit integer; longer input could be a DoS attempt.
    if len(s) > 13:
        raise ValueError("Base36 input too large")
    return int(s, 36)


def int_to_base36(i: int) -> str:
    """Convert a non-negative integer to a base 36 string."""
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    if i < 0:
        raise ValueError(f"Negative base36 conversion input: {i!r}")
    if i < 36:
        return chars[i]
    digits = []
    while i != 0:
        i, n = divmod(i, 36)
        digits.append(chars[n])
    return "".join(reversed(digits))


def urlsafe_base64_encode(s: bytes) -> str:
    """Encode bytes as URL-safe base64 without trailing ``=`` padding."""
    return base64.urlsafe_b64encode(s).rstrip(b"\n=").decode("ascii")


def urlsafe_base64_decode(s: str | bytes) -> bytes:
    """Decode URL-safe base64 with or without padding; ValueError if invalid."""
    data = s.encode() if isinstance(s, str) else s
    try:
        return base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4))
    except (LookupError, base64.binascii.Error, ValueError) as exc:
        raise ValueError(exc) from exc


def parse_etags(etag_str: str) -> list[str]:
    """Parse an If-None-Match/If-Match value into a list of quoted ETags (``["*"]`` for ``*``).

    Malformed entries are dropped.
    """
    if etag_str.strip() == "*":
        return ["*"]
    etags = (ETAG_MATCH.match(etag.strip()) for etag in etag_str.split(","))
    return [match[1] for match in etags if match]


def quote_etag(etag_str: str) -> str:
    """Return ``etag_str`` quoted as an ETag, unless it already is one."""
    if ETAG_MATCH.match(etag_str):
        return etag_str
    return f'"{etag_str}"'


def is_same_domain(host: str, pattern: str) -> bool:
    """True if ``host`` matches ``pattern``; ``.example.com`` also matches subdomains."""
    if not pattern:
        return False
    pattern = pattern.lower()
    return pattern[0] == "." and (host.endswith(pattern) or host == pattern[1:]) or pattern == host


def url_has_allowed_host_and_scheme(
    url: str | None, allowed_hosts: Iterable[str] | str | None, require_https: bool = False
) -> bool:
    """True if ``url`` is safe to redirect to: relative, or to an allowed host and scheme.

    Empty URLs, ``///host``, backslash tricks, control characters and schemes other
    than http(s) (https only with ``require_https``) are refused.
    """
    if url is not None:
        url = url.strip()
    if not url:
        return False
    if allowed_hosts is None:
        allowed_hosts = set()
    elif isinstance(allowed_hosts, str):
        allowed_hosts = {allowed_hosts}
    # Browsers treat "\" like "/", so check both spellings.
    return _is_safe_url(url, allowed_hosts, require_https) and _is_safe_url(
        url.replace("\\", "/"), allowed_hosts, require_https
    )


def _is_safe_url(url: str, allowed_hosts: Any, require_https: bool) -> bool:
    if len(url) > MAX_URL_LENGTH:
        return False
    # "///example.com" is a network-path reference for browsers, not a path.
    if url.startswith("///"):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    # "http:///example.com" has a scheme but no host: browsers still follow it.
    if parts.scheme and not parts.netloc:
        return False
    # Browsers drop leading control characters, e.g. "\x08//example.com".
    if unicodedata.category(url[0])[0] == "C":
        return False
    scheme = parts.scheme or ("http" if parts.netloc else "")
    valid_schemes = ("https",) if require_https else ("http", "https")
    return (not parts.netloc or parts.netloc in allowed_hosts) and (
        not scheme or scheme in valid_schemes
    )


def escape_leading_slashes(url: str) -> str:
    """Escape a leading ``//`` so that the URL is not read as a network-path reference."""
    if url.startswith("//"):
        url = "/%2F" + url.removeprefix("//")
    return url


_NEEDS_EXTENDED = re.compile(r"[^\x20-\x7e]")


def content_disposition_header(as_attachment: bool, filename: str) -> str | None:
    """Return a Content-Disposition value for ``filename`` (RFC 6266), or None.

    Non-ASCII names (and names with control characters) use ``filename*=utf-8''...``.
    """
    if filename:
        disposition = "attachment" if as_attachment else "inline"
        if _NEEDS_EXTENDED.search(filename):
            file_expr = f"filename*=utf-8''{quote(filename)}"
        else:
            escaped = filename.replace("\\", "\\\\").replace('"', r"\"")
            file_expr = f'filename="{escaped}"'
        return f"{disposition}; {file_expr}"
    if as_attachment:
        return "attachment"
    return None


def _split_parameters(line: str) -> list[str]:
    if '"' not in line:
        return line.split(";")  # the common case, on every request with a body
    # One pass over the value, honouring quoted strings and backslash escapes.
    parts, current, in_quote, escaped = [], [], False, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\" and in_quote:
            escaped = True
        elif char == '"':
            in_quote = not in_quote
        elif char == ";" and not in_quote:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def parse_header_parameters(
    line: str, max_length: int | None = MAX_HEADER_LENGTH
) -> tuple[str, dict[str, str]]:
    """Parse ``text/html; charset="utf-8"`` into ``("text/html", {"charset": "utf-8"})``.

    The main value and parameter names are lower-cased; RFC 2231 extended values
    (``filename*=UTF-8''na%C3%AFve.txt``) are decoded and take precedence. Raises
    ValueError if ``line`` is longer than ``max_length``.
    """
    if max_length is not None and line and len(line) > max_length:
        raise ValueError(
            f"Unable to parse header parameters (value too long: {len(line)} > {max_length})."
        )
    parts = _split_parameters(line)
    key = parts[0].strip().lower()
    params: dict[str, str] = {}
    extended: dict[str, str] = {}
    for part in parts[1:]:
        name, sep, value = part.partition("=")
        if not sep:
            continue
        name = name.strip().lower()
        value = value.strip()
        if not name:
            continue
        if name.endswith("*"):
            name = name[:-1]
            charset, _, rest = value.partition("'")
            _lang, sep, encoded = rest.partition("'")
            if not sep:
                continue
            if len(encoded) >= 2 and encoded[0] == encoded[-1] == '"':
                encoded = encoded[1:-1]
            try:
                extended[name] = unquote(encoded, encoding=charset or "utf-8", errors="replace")
            except (LookupError, ValueError):
                # An unknown charset, or a name the codec registry refuses ("utf\x00").
                extended[name] = unquote(encoded, encoding="utf-8", errors="replace")
            continue
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace("\\\\", "\\").replace('\\"', '"')
        params[name] = value
    params.update(extended)
    return key, params
