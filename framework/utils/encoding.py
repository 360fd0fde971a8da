"""Text/bytes conversion and IRI/URI helpers (Django's ``django.utils.encoding``)."""

from __future__ import annotations

import codecs
import datetime
import locale
import re
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from framework.utils.functional import Promise


class FrameworkUnicodeDecodeError(UnicodeDecodeError):
    """A UnicodeDecodeError that also shows the object that failed to decode."""

    def __str__(self) -> str:
        return f"{super().__str__()}. You passed in {self.object!r} ({type(self.object)})"


# Ported code catches Django's name.
DjangoUnicodeDecodeError = FrameworkUnicodeDecodeError

_PROTECTED_TYPES = (
    type(None),
    int,
    float,
    Decimal,
    datetime.datetime,
    datetime.date,
    datetime.time,
)


def is_protected_type(obj: Any) -> bool:
    """True for values that ``force_str(strings_only=True)`` leaves alone."""
    return isinstance(obj, _PROTECTED_TYPES)


def smart_str(s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict"):
    """Like ``force_str()``, but lazy objects stay lazy."""
    if isinstance(s, Promise):
        return s
    return force_str(s, encoding, strings_only, errors)


def force_str(s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict"):
    """Return ``s`` as a str, decoding bytes with ``encoding``.

    With ``strings_only=True``, None, numbers and dates are returned unchanged.
    """
    if type(s) is str:
        return s
    if strings_only and is_protected_type(s):
        return s
    try:
        if isinstance(s, bytes):
            return str(s, encoding, errors)
        return str(s)
    except UnicodeDecodeError as exc:
        raise FrameworkUnicodeDecodeError(*exc.args) from None


def smart_bytes(
    s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict"
):
    """Like ``force_bytes()``, but lazy objects stay lazy."""
    if isinstance(s, Promise):
        return s
    return force_bytes(s, encoding, strings_only, errors)


def force_bytes(
    s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict"
):
    """Return ``s`` as bytes, encoding text with ``encoding``."""
    if isinstance(s, bytes):
        if encoding == "utf-8":
            return s
        return s.decode("utf-8", errors).encode(encoding, errors)
    if strings_only and is_protected_type(s):
        return s
    if isinstance(s, memoryview):
        return bytes(s)
    return str(s).encode(encoding, errors)


def iri_to_uri(iri: Any) -> Any:
    """Percent-encode an IRI into a URI (RFC 3987 section 3.1), keeping reserved characters.

    Already-encoded ``%XX`` sequences are left alone, so calling it twice is safe.
    """
    if iri is None:
        return iri
    if isinstance(iri, Promise):
        iri = str(iri)
    return quote(iri, safe="/#%[]=:;$&()+,!?*@'~")


# Octets that uri_to_iri may decode: unreserved ASCII and everything >= 0x80 (which can
# form UTF-8). Reserved ASCII such as %2F or %3F must stay encoded: decoding them would
# change the URI's meaning.
_UNRESERVED_ASCII = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PERCENT_RE = re.compile(rb"%([0-9A-Fa-f]{2})")


def _unquote_safe(match: re.Match) -> bytes:
    byte = int(match.group(1), 16)
    if byte >= 0x80 or byte in _UNRESERVED_ASCII:
        return bytes((byte,))
    return match.group(0).upper()


def uri_to_iri(uri: Any) -> Any:
    """Decode a URI into an IRI (RFC 3987 section 3.2).

    Only octets that form valid UTF-8 or unreserved ASCII are decoded; reserved
    characters and broken sequences stay percent-encoded.
    """
    if uri is None:
        return uri
    uri = force_bytes(uri)
    decoded = _PERCENT_RE.sub(_unquote_safe, uri)
    return repercent_broken_unicode(decoded).decode()


def escape_uri_path(path: str) -> str:
    """Percent-encode a URI path, keeping the characters RFC 3986 allows in one."""
    return quote(path, safe="/:@&+$,-_.!~*'()")


def punycode(domain: str) -> str:
    """Return the IDNA (punycode) ASCII form of a domain name."""
    return domain.encode("idna").decode("ascii")


def repercent_broken_unicode(path: bytes) -> bytes:
    """Percent-encode the bytes of ``path`` that are not valid UTF-8 (RFC 3987 3.2)."""
    parts = []
    while True:
        try:
            path.decode()
        except UnicodeDecodeError as exc:
            parts.append(path[: exc.start])
            parts.append(quote(path[exc.start : exc.end], safe=b"/#%[]=:;$&()+,!?*@'~").encode())
            path = path[exc.end :]
        else:
            parts.append(path)
            return b"".join(parts)


def filepath_to_uri(path: Any) -> Any:
    """Turn a file system path into a URI path (backslashes become slashes)."""
    if path is None:
        return path
    return quote(str(path).replace("\\", "/"), safe="/~!*()'")


def get_system_encoding() -> str:
    """The locale's preferred encoding, or 'ascii' if it is unknown or invalid."""
    try:
        encoding = locale.getlocale()[1] or "ascii"
        codecs.lookup(encoding)
    except Exception:
        encoding = "ascii"
    return encoding


DEFAULT_LOCALE_ENCODING = get_system_encoding()
