"""Responses: ``HttpResponseBase`` (status, headers, cookies), ``HttpResponse``,
``StreamingHttpResponse``; status-code subclasses live in ``framework.http.status``."""

from __future__ import annotations

import datetime
import re
import sys
import time
from collections.abc import Iterable, Iterator
from http import HTTPStatus
from typing import Any

from framework.conf import settings
from framework.core import signals
from framework.http.cookie import SimpleCookie
from framework.utils.datastructures import CaseInsensitiveMapping
from framework.utils.functional import cached_property
from framework.utils.http import http_date

_CHARSET_FROM_CONTENT_TYPE = re.compile(r";\s*charset=(?P<charset>[^\s;]+)", re.I)
# Content-Type value -> the charset it names ("" for none): a page's type is the same on
# every request.
_CHARSETS: dict[str, str] = {}
_CHARSETS_MAX = 64
# RFC 9110 token characters: what a header field name may consist of.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


_COOKIE_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")

# The reason phrases of http.client.responses, without importing http.client (and with it
# ssl and the email package: tens of milliseconds at start-up).
_REASON_PHRASES = {status.value: status.phrase for status in HTTPStatus}

# Header names already checked, mapped to their lower-cased key: a response sets the same
# few names on every request. Bounded, as names may come from outside.
_CHECKED_NAMES: dict[str, str] = {}
_CHECKED_NAMES_MAX = 512


class BadHeaderError(ValueError):
    """A header name or value that could split the response (CR/LF) or is not a token."""


class ResponseHeaders(CaseInsensitiveMapping):
    """Response headers: case-insensitive, values checked and converted on assignment."""

    def __init__(self, data: Any):
        self._store = {}
        if data:
            for header, value in self._unpack_items(data):
                self[header] = value

    def _convert_to_charset(self, value: Any, charset: str, mime_encode: bool = False) -> str:
        if not isinstance(value, (bytes, str)):
            value = str(value)
        if isinstance(value, bytes):
            has_newline = b"\n" in value or b"\r" in value
        else:
            has_newline = "\n" in value or "\r" in value
        if has_newline:
            raise BadHeaderError(
                f"Header values can't contain newlines (got {value!r}); remove the CR/LF "
                "characters or encode them."
            )
        try:
            if isinstance(value, str):
                value.encode(charset)
            else:
                value = value.decode(charset)
        except UnicodeError as exc:
            if not mime_encode:
                exc.reason += f", HTTP response headers must be in {charset} format"
                raise
            # RFC 2047 encoded-word, as browsers accept for non-latin-1 values.
            from email.header import Header

            value = Header(value, "utf-8", maxlinelen=sys.maxsize).encode()
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        lowered = _CHECKED_NAMES.get(key) if type(key) is str else None
        if lowered is None:
            key = self._convert_to_charset(key, "ascii")
            if not _TOKEN.fullmatch(key):
                raise BadHeaderError(f"Invalid header name {key!r}: it must be an RFC 9110 token.")
            lowered = key.lower()
            if len(_CHECKED_NAMES) < _CHECKED_NAMES_MAX:
                _CHECKED_NAMES[key] = lowered
        # Plain ASCII text without CR/LF (nearly every value) needs no conversion.
        if not (type(value) is str and value.isascii() and "\n" not in value and "\r" not in value):
            value = self._convert_to_charset(value, "latin-1", mime_encode=True)
        self._store[lowered] = (key, value)

    def set_checked_default(self, lowered: str, name: str, value: str) -> None:
        """Set ``name`` unless the response has it, skipping the checks of ``__setitem__``:
        for a name and value that are valid by construction or were checked once (the
        constant headers middleware adds to every response). ``lowered`` is name.lower()."""
        if lowered not in self._store:
            self._store[lowered] = (name, value)

    def set_checked_defaults(self, headers: tuple) -> None:
        """``set_checked_default()`` for each ``(lowered, name, value)`` of ``headers``, in
        one call (SecurityMiddleware's constant headers on every response)."""
        store = self._store
        for lowered, name, value in headers:
            if lowered not in store:
                store[lowered] = (name, value)

    # Mapping's generic versions go through __iter__/__getitem__: these are per request.
    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._store

    def get(self, key: str, default: Any = None) -> Any:
        found = self._store.get(key.lower())
        return default if found is None else found[1]

    def __delitem__(self, key: str) -> None:
        self.pop(key)

    def pop(self, key: str, default: Any = None) -> Any:
        return self._store.pop(key.lower(), (None, default))[1]

    def setdefault(self, key: str, value: Any) -> Any:
        if key not in self:
            self[key] = value
        return self[key]


class HttpResponseBase:
    """What every response has: a status, headers and cookies (no content).

    ``close()`` closes the resources the content came from and sends
    ``request_finished``; the WSGI server calls it after sending the response.
    """

    status_code = 200

    def __init__(
        self,
        content_type: str | None = None,
        status: int | None = None,
        reason: str | None = None,
        charset: str | None = None,
        headers: Any = None,
    ):
        self.headers = ResponseHeaders(headers)
        self._charset = charset
        if not headers or "Content-Type" not in self.headers:
            if content_type is None:
                content_type = f"text/html; charset={self.charset}"
            self.headers["Content-Type"] = content_type
        elif content_type:
            raise ValueError(
                "'headers' must not contain 'Content-Type' when the 'content_type' parameter "
                "is provided."
            )
        self._resource_closers: list = []
        self._handler_class = None
        self.closed = False
        if status is not None:
            try:
                self.status_code = int(status)
            except (ValueError, TypeError):
                raise TypeError(f"HTTP status code must be an integer, not {status!r}.")
            if not 100 <= self.status_code <= 599:
                raise ValueError(
                    f"HTTP status code must be an integer from 100 to 599, not {status!r}."
                )
        self._reason_phrase = reason

    @cached_property
    def cookies(self) -> SimpleCookie:
        """The cookies to set, a ``SimpleCookie`` made on first use (most responses set
        none; the WSGI handler looks in ``__dict__`` rather than make one)."""
        return SimpleCookie()

    @property
    def reason_phrase(self) -> str:
        """The status line's text (``OK``, ``Not Found``), from the status unless set."""
        if self._reason_phrase is not None:
            return self._reason_phrase
        return _REASON_PHRASES.get(self.status_code, "Unknown Status Code")

    @reason_phrase.setter
    def reason_phrase(self, value: str) -> None:
        self._reason_phrase = value

    @property
    def charset(self) -> str:
        """The charset: as set, else from Content-Type, else DEFAULT_CHARSET."""
        if self._charset is not None:
            return self._charset
        stored = self.headers._store.get("content-type")
        content_type = stored[1] if stored is not None else ""
        charset = _CHARSETS.get(content_type)
        if charset is None:
            matched = _CHARSET_FROM_CONTENT_TYPE.search(content_type)
            charset = matched["charset"].replace('"', "") if matched else ""
            if len(_CHARSETS) < _CHARSETS_MAX:
                _CHARSETS[content_type] = charset
        # "" is a type that names no charset: DEFAULT_CHARSET, read each time as it may change.
        return charset or settings.DEFAULT_CHARSET

    @charset.setter
    def charset(self, value: str) -> None:
        self._charset = value

    def serialize_headers(self) -> bytes:
        """The headers as bytes, ``Name: value`` lines joined by CRLF."""
        return b"\r\n".join(
            key.encode("ascii") + b": " + value.encode("latin-1")
            for key, value in self.headers.items()
        )

    __bytes__ = serialize_headers

    @property
    def _content_type_for_repr(self) -> str:
        return f', "{self.headers["Content-Type"]}"' if "Content-Type" in self.headers else ""

    def __setitem__(self, header: str, value: Any) -> None:
        self.headers[header] = value

    def __delitem__(self, header: str) -> None:
        del self.headers[header]

    def __getitem__(self, header: str) -> str:
        return self.headers[header]

    def has_header(self, header: str) -> bool:
        """Case-insensitive check for a header."""
        return header in self.headers

    __contains__ = has_header

    def items(self) -> Iterable[tuple[str, str]]:
        return self.headers.items()

    def get(self, header: str, alternate: Any = None) -> Any:
        return self.headers.get(header, alternate)

    def setdefault(self, key: str, value: Any) -> None:
        """Set a header unless it is already set."""
        self.headers.setdefault(key, value)

    def set_cookie(
        self,
        key: str,
        value: str = "",
        max_age: int | float | datetime.timedelta | None = None,
        expires: str | datetime.datetime | None = None,
        path: str | None = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: str | None = None,
    ) -> None:
        """Set a cookie; ``expires`` is a datetime (naive means UTC) or an HTTP date string.

        ``max_age`` and a datetime ``expires`` are mutually exclusive; ``samesite`` is
        ``"Lax"``, ``"Strict"`` or ``"None"``.
        """
        # Python's own check for this differs between 3.11 patch releases (newer ones raise
        # CookieError, older ones quote): refuse control characters the same way everywhere.
        if _COOKIE_CONTROL_CHARS.search(str(value)):
            raise BadHeaderError(
                f"Cookie {key!r} has control characters in its value ({value!r}); "
                f"encode the value first (e.g. with urllib.parse.quote)."
            )
        self.cookies[key] = value
        morsel = self.cookies[key]
        if expires is not None:
            if isinstance(expires, datetime.datetime):
                if expires.utcoffset() is None:
                    expires = expires.replace(tzinfo=datetime.UTC)
                if max_age is not None:
                    raise ValueError("'expires' and 'max_age' can't be used together.")
                # Rounded up so that a cookie set to expire "now" is still sent once.
                delta = expires - datetime.datetime.now(tz=datetime.UTC)
                delta += datetime.timedelta(seconds=1)
                max_age = max(0, delta.days * 86400 + delta.seconds)
                expires = None
            else:
                morsel["expires"] = expires
        else:
            morsel["expires"] = ""
        if max_age is not None:
            if isinstance(max_age, datetime.timedelta):
                max_age = max_age.total_seconds()
            morsel["max-age"] = int(max_age)
            # IE and old browsers ignore Max-Age, so send Expires too.
            if not expires:
                morsel["expires"] = http_date(time.time() + max_age)
        if path is not None:
            morsel["path"] = path
        if domain is not None:
            morsel["domain"] = domain
        if secure:
            morsel["secure"] = True
        if httponly:
            morsel["httponly"] = True
        if samesite:
            if samesite.lower() not in ("lax", "none", "strict"):
                raise ValueError(f'samesite must be "lax", "none", or "strict", not {samesite!r}.')
            morsel["samesite"] = samesite

    def set_signed_cookie(self, key: str, value: str, salt: str = "", **kwargs: Any) -> None:
        """Set a cookie signed with SECRET_KEY; read it with ``request.get_signed_cookie()``."""
        from framework.core import signing

        value = signing.get_cookie_signer(salt=key + salt).sign(value)
        self.set_cookie(key, value, **kwargs)

    def delete_cookie(
        self, key: str, path: str = "/", domain: str | None = None, samesite: str | None = None
    ) -> None:
        """Expire a cookie (path and domain must match those it was set with)."""
        # Browsers refuse __Secure-/__Host- cookies and SameSite=None without Secure.
        secure = key.startswith(("__Secure-", "__Host-")) or bool(
            samesite and samesite.lower() == "none"
        )
        self.set_cookie(
            key,
            max_age=0,
            path=path,
            domain=domain,
            secure=secure,
            expires="Thu, 01 Jan 1970 00:00:00 GMT",
            samesite=samesite,
        )

    def make_bytes(self, value: Any) -> bytes:
        """Turn a content chunk into bytes in the response's charset."""
        if isinstance(value, (bytes, memoryview)):
            return bytes(value)
        if isinstance(value, str):
            return value.encode(self.charset)
        return str(value).encode(self.charset)

    def close(self) -> None:
        """Close the content's resources and send ``request_finished``."""
        for closer in self._resource_closers:
            try:
                closer()
            except Exception:
                # Closing must go on: one failing closer must not leak the others.
                pass
        self._resource_closers.clear()
        self.closed = True
        signals.request_finished.send(sender=self._handler_class)

    def write(self, content: Any) -> None:
        raise OSError(f"This {type(self).__name__} instance is not writable")

    def flush(self) -> None:
        pass

    def tell(self) -> int:
        raise OSError(f"This {type(self).__name__} instance cannot tell its position")

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    def writable(self) -> bool:
        return False

    def writelines(self, lines: Iterable) -> None:
        raise OSError(f"This {type(self).__name__} instance is not writable")


class HttpResponse(HttpResponseBase):
    """A response whose content is a bytestring (built from str, bytes or an iterable)."""

    streaming = False
    non_picklable_attrs = frozenset(
        ["resolver_match", "client", "request", "templates", "context", "wsgi_request"]
    )

    def __init__(
        self,
        content: Any = b"",
        content_type: str | None = None,
        status: int | None = None,
        reason: str | None = None,
        charset: str | None = None,
        headers: Any = None,
    ):
        # HttpResponseBase's parameters spelled out: every view builds one of these, and
        # forwarding *args/**kwargs packs and unpacks them on each call.
        super().__init__(content_type, status, reason, charset, headers)
        self.content = content

    def __getstate__(self) -> dict:
        obj_dict = self.__dict__.copy()
        for attr in self.non_picklable_attrs:
            obj_dict.pop(attr, None)
        return obj_dict

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} status_code={self.status_code}{self._content_type_for_repr}>"
        )

    def serialize(self) -> bytes:
        """The full HTTP message after the status line: headers, blank line, content."""
        return self.serialize_headers() + b"\r\n\r\n" + self.content

    __bytes__ = serialize

    @property
    def content(self) -> bytes:
        return b"".join(self._container)

    @content.setter
    def content(self, value: Any) -> None:
        if type(value) is bytes:
            self._container = [value]
            self.__dict__.pop("text", None)
            return
        if hasattr(value, "__iter__") and not isinstance(value, (bytes, memoryview, str)):
            content = b"".join(self.make_bytes(chunk) for chunk in value)
            if hasattr(value, "close"):
                try:
                    value.close()
                except Exception:
                    pass
        else:
            content = self.make_bytes(value)
        self._container = [content]
        self.__dict__.pop("text", None)

    @property
    def text(self) -> str:
        """The content decoded with the response's charset."""
        return self.content.decode(self.charset or "utf-8")

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._container)

    def write(self, content: Any) -> None:
        self._container.append(self.make_bytes(content))

    def tell(self) -> int:
        return len(self.content)

    def getvalue(self) -> bytes:
        return self.content

    def writable(self) -> bool:
        return True

    def writelines(self, lines: Iterable) -> None:
        for line in lines:
            self.write(line)


class StreamingHttpResponse(HttpResponseBase):
    """A response whose content is an iterator, sent as it is produced.

    Use ``streaming_content``; ``content`` does not exist. Closing the response
    closes the iterator if it has ``close()``.
    """

    streaming = True

    def __init__(self, streaming_content: Iterable = (), *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.streaming_content = streaming_content

    def __repr__(self) -> str:
        return (
            f"<{type(self).__qualname__} status_code={self.status_code}"
            f"{self._content_type_for_repr}>"
        )

    @property
    def content(self) -> bytes:
        raise AttributeError(
            f"This {type(self).__name__} instance has no `content` attribute. Use "
            "`streaming_content` instead."
        )

    @property
    def text(self) -> str:
        raise AttributeError(
            f"This {type(self).__name__} instance has no `text` attribute. Use "
            "`streaming_content` instead."
        )

    @property
    def streaming_content(self) -> Iterator[bytes]:
        return map(self.make_bytes, self._iterator)

    @streaming_content.setter
    def streaming_content(self, value: Iterable) -> None:
        self._set_streaming_content(value)

    def _set_streaming_content(self, value: Iterable) -> None:
        if hasattr(value, "__aiter__") and not hasattr(value, "__iter__"):
            raise TypeError(
                f"{type(self).__name__} needs a synchronous iterator under WSGI, got {value!r}."
            )
        self._iterator = iter(value)
        self.is_async = False
        if hasattr(value, "close"):
            self._resource_closers.append(value.close)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.streaming_content)

    def getvalue(self) -> bytes:
        return b"".join(self.streaming_content)


class Http404(Exception):
    """Raise in a view to answer 404 Not Found."""


# Django's ``django.http.response`` also holds the classes that live in status.py,
# fileresponse.py and jsonresponse.py here; resolve those names lazily (a plain import
# would be circular) so that ported ``from ...http.response import X`` keeps working.
_ELSEWHERE = {
    "FileResponse": "framework.http.fileresponse",
    "JsonResponse": "framework.http.jsonresponse",
    **dict.fromkeys(
        (
            "HttpResponseRedirectBase",
            "HttpResponseRedirect",
            "HttpResponsePermanentRedirect",
            "HttpResponseNotModified",
            "HttpResponseBadRequest",
            "HttpResponseNotFound",
            "HttpResponseForbidden",
            "HttpResponseNotAllowed",
            "HttpResponseGone",
            "HttpResponseServerError",
        ),
        "framework.http.status",
    ),
}


def __getattr__(name: str) -> Any:
    module = _ELSEWHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
