"""Cryptographic helpers: HMACs, constant-time comparison, random strings, PBKDF2."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from framework.conf import settings
from framework.utils.encoding import force_bytes


class InvalidAlgorithm(ValueError):
    """The requested hash algorithm is not available in hashlib."""


def salted_hmac(
    key_salt: Any, value: Any, secret: Any = None, *, algorithm: str = "sha1"
) -> hmac.HMAC:
    """Return the HMAC of ``value`` keyed by a hash of ``key_salt`` + ``secret``.

    ``secret`` defaults to settings.SECRET_KEY. A different ``key_salt`` per use keeps
    a signature made for one purpose from being valid for another.
    """
    if secret is None:
        secret = settings.SECRET_KEY
    key_salt = force_bytes(key_salt)
    secret = force_bytes(secret)
    try:
        hasher = getattr(hashlib, algorithm)
    except AttributeError as exc:
        raise InvalidAlgorithm(
            f"{algorithm!r} is not an algorithm accepted by the hashlib module."
        ) from exc
    key = hasher(key_salt + secret).digest()
    return hmac.new(key, msg=force_bytes(value), digestmod=hasher)


RANDOM_STRING_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def get_random_string(length: int, allowed_chars: str = RANDOM_STRING_CHARS) -> str:
    """Return a securely generated random string of ``length`` characters."""
    return "".join(secrets.choice(allowed_chars) for _ in range(length))


def constant_time_compare(val1: Any, val2: Any) -> bool:
    """True if the two strings or bytes are equal, in time independent of where they differ."""
    return secrets.compare_digest(force_bytes(val1), force_bytes(val2))


def pbkdf2(password: Any, salt: Any, iterations: int, dklen: int = 0, digest: Any = None) -> bytes:
    """Return the PBKDF2-HMAC key of ``password`` (``digest`` defaults to SHA-256)."""
    if digest is None:
        digest = hashlib.sha256
    dklen = dklen or None
    return hashlib.pbkdf2_hmac(
        digest().name, force_bytes(password), force_bytes(salt), iterations, dklen
    )
