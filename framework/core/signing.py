"""Cryptographic signing: tamper-proof values, optionally timestamped.

``dumps()``/``loads()`` sign JSON-serialisable objects into URL-safe strings;
``Signer``/``TimestampSigner`` sign strings. Keys come from SECRET_KEY, and
SECRET_KEY_FALLBACKS are accepted when verifying (key rotation).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import re
import time
import zlib
from typing import Any

from framework.conf import settings
from framework.utils.crypto import constant_time_compare, salted_hmac
from framework.utils.encoding import force_bytes
from framework.utils.module_loading import import_string

# Characters of URL-safe base64 (and "="): a separator made of them would be ambiguous.
_SEP_UNSAFE = re.compile(r"[A-Za-z0-9_=-]*")
_BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


class BadSignature(Exception):
    """The signature does not match the value."""


class SignatureExpired(BadSignature):
    """The signature is valid but older than ``max_age``."""


def b62_encode(s: int) -> str:
    """Encode an integer in base 62 (signed timestamps)."""
    if s == 0:
        return "0"
    sign = "-" if s < 0 else ""
    s = abs(s)
    encoded = ""
    while s > 0:
        s, remainder = divmod(s, 62)
        encoded = _BASE62_ALPHABET[remainder] + encoded
    return sign + encoded


def b62_decode(s: str) -> int:
    """Decode a base 62 string; ValueError if it is not one."""
    if s == "0":
        return 0
    sign = 1
    if s[:1] == "-":
        s = s[1:]
        sign = -1
    if not s:
        raise ValueError("Empty base62 value.")
    number = 0
    for char in s:
        index = _BASE62_ALPHABET.find(char)
        if index < 0:
            raise ValueError(f"Invalid base62 character {char!r}.")
        number = number * 62 + index
    return sign * number


def b64_encode(s: bytes) -> bytes:
    """URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(s).strip(b"=")


def b64_decode(s: bytes) -> bytes:
    """Decode URL-safe base64 with the padding stripped by ``b64_encode``."""
    return base64.urlsafe_b64decode(s + b"=" * (-len(s) % 4))


def base64_hmac(salt: str, value: Any, key: Any, algorithm: str = "sha1") -> str:
    """The URL-safe base64 HMAC of ``value``."""
    return b64_encode(salted_hmac(salt, value, key, algorithm=algorithm).digest()).decode()


def _cookie_signer_key(key: Any) -> bytes:
    # Cookie signatures use a key derived for that purpose only.
    return b"framework.http.cookies" + force_bytes(key)


def get_cookie_signer(salt: str = "framework.core.signing.get_cookie_signer") -> Signer:
    """The signer used for signed cookies: settings.SIGNING_BACKEND with cookie keys."""
    signer_class = import_string(settings.SIGNING_BACKEND)
    return signer_class(
        key=_cookie_signer_key(settings.SECRET_KEY),
        fallback_keys=[_cookie_signer_key(k) for k in settings.SECRET_KEY_FALLBACKS],
        salt=salt,
    )


class JSONSerializer:
    """Compact JSON to and from bytes (the default for signing and sessions)."""

    def dumps(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":")).encode("latin-1")

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode("latin-1"))


def dumps(
    obj: Any,
    key: Any = None,
    salt: str = "framework.core.signing",
    serializer: type = JSONSerializer,
    compress: bool = False,
) -> str:
    """Return a URL-safe, timestamped, signed string holding ``obj`` (JSON-serialisable).

    ``salt`` namespaces the signature so that a value signed for one purpose is
    refused elsewhere. ``compress`` zlib-compresses the payload when that helps.
    The data is signed, not encrypted: anyone can read it.
    """
    return TimestampSigner(key=key, salt=salt).sign_object(
        obj, serializer=serializer, compress=compress
    )


def loads(
    s: str,
    key: Any = None,
    salt: str = "framework.core.signing",
    serializer: type = JSONSerializer,
    max_age: int | float | datetime.timedelta | None = None,
    fallback_keys: list | None = None,
) -> Any:
    """Reverse ``dumps()``; raise BadSignature (SignatureExpired past ``max_age``)."""
    return TimestampSigner(key=key, salt=salt, fallback_keys=fallback_keys).unsign_object(
        s, serializer=serializer, max_age=max_age
    )


class Signer:
    """Append an HMAC signature to a string and check it back.

    ``key`` defaults to SECRET_KEY and ``fallback_keys`` to SECRET_KEY_FALLBACKS;
    ``salt`` defaults to the class's dotted path.
    """

    def __init__(
        self,
        *,
        key: Any = None,
        sep: str = ":",
        salt: str | None = None,
        algorithm: str | None = None,
        fallback_keys: Any = None,
    ):
        if key is None or fallback_keys is None:
            key = key or settings.SECRET_KEY
            if fallback_keys is None:
                fallback_keys = settings.SECRET_KEY_FALLBACKS
        self.key = key
        self.fallback_keys = list(fallback_keys)
        self.sep = sep
        self.salt = salt or f"{type(self).__module__}.{type(self).__name__}"
        self.algorithm = algorithm or "sha256"
        if _SEP_UNSAFE.fullmatch(self.sep):
            raise ValueError(
                f"Unsafe Signer separator: {sep!r} (cannot be empty or consist of only A-z0-9-_=)"
            )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} salt={self.salt!r} algorithm={self.algorithm!r}>"

    def signature(self, value: Any, key: Any = None) -> str:
        """The signature of ``value`` with ``key`` (default: this signer's key)."""
        return base64_hmac(f"{self.salt}signer", value, key or self.key, self.algorithm)

    def sign(self, value: Any) -> str:
        """Return ``value`` followed by the separator and its signature."""
        return f"{value}{self.sep}{self.signature(value)}"

    def unsign(self, signed_value: str) -> str:
        """Return the original value; raise BadSignature if the signature does not match."""
        if self.sep not in signed_value:
            raise BadSignature(f"No {self.sep!r} found in value")
        value, sig = signed_value.rsplit(self.sep, 1)
        for key in (self.key, *self.fallback_keys):
            if constant_time_compare(sig, self.signature(value, key)):
                return value
        raise BadSignature(f"Signature {sig!r} does not match")

    def sign_object(self, obj: Any, serializer: type = JSONSerializer, compress: bool = False):
        """Serialise, optionally compress, base64-encode and sign ``obj``."""
        data = serializer().dumps(obj)
        compressed = False
        if compress:
            packed = zlib.compress(data)
            if len(packed) < len(data) - 1:
                data, compressed = packed, True
        encoded = b64_encode(data).decode()
        if compressed:
            # A leading "." marks compressed data (never produced by base64).
            encoded = "." + encoded
        return self.sign(encoded)

    def unsign_object(self, signed_obj: str, serializer: type = JSONSerializer, **kwargs: Any):
        """Reverse ``sign_object()``; extra keyword arguments go to ``unsign()``."""
        encoded = self.unsign(signed_obj, **kwargs).encode()
        compressed = encoded[:1] == b"."
        if compressed:
            encoded = encoded[1:]
        try:
            data = b64_decode(encoded)
            if compressed:
                data = zlib.decompress(data)
            return serializer().loads(data)
        except (binascii.Error, zlib.error, ValueError) as exc:
            raise BadSignature(f"Signed data could not be decoded: {exc}") from exc


class TimestampSigner(Signer):
    """A Signer that also signs the time, so that ``unsign(max_age=...)`` can expire values."""

    def timestamp(self) -> str:
        """The current time in base 62."""
        return b62_encode(int(time.time()))

    def sign(self, value: Any) -> str:
        return super().sign(f"{value}{self.sep}{self.timestamp()}")

    def unsign(self, value: str, max_age: int | float | datetime.timedelta | None = None) -> str:
        """Return the original value; SignatureExpired if older than ``max_age`` seconds."""
        result = super().unsign(value)
        if self.sep not in result:
            raise BadSignature(f"No timestamp found in value {value!r}")
        value, timestamp = result.rsplit(self.sep, 1)
        try:
            signed_at = b62_decode(timestamp)
        except ValueError as exc:
            raise BadSignature(f"Invalid timestamp {timestamp!r}") from exc
        if max_age is not None:
            if isinstance(max_age, datetime.timedelta):
                max_age = max_age.total_seconds()
            age = time.time() - signed_at
            if age > max_age:
                raise SignatureExpired(f"Signature age {age} > {max_age} seconds")
        return value
