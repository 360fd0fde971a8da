"""framework.utils.crypto."""

from __future__ import annotations

import hashlib

import pytest

from framework.utils.crypto import (
    InvalidAlgorithm,
    constant_time_compare,
    get_random_string,
    pbkdf2,
    salted_hmac,
)


def test_constant_time_compare():
    """Equal strings and bytes compare true, others false."""
    assert constant_time_compare("spam", "spam")
    assert constant_time_compare(b"spam", "spam")
    assert not constant_time_compare("spam", "eggs")
    assert not constant_time_compare("spam", "spam!")


def test_salted_hmac():
    """The HMAC depends on salt, value, secret and algorithm."""
    base = salted_hmac("salt", "value", "secret").hexdigest()
    assert len(base) == 40
    assert salted_hmac("salt", "value", "secret").hexdigest() == base
    assert salted_hmac("other", "value", "secret").hexdigest() != base
    assert salted_hmac("salt", "other", "secret").hexdigest() != base
    assert salted_hmac("salt", "value", "other").hexdigest() != base
    assert len(salted_hmac("salt", "value", "secret", algorithm="sha256").hexdigest()) == 64


def test_salted_hmac_default_secret(settings):
    """Without a secret, SECRET_KEY is used."""
    assert (
        salted_hmac("s", "v").hexdigest() == salted_hmac("s", "v", settings.SECRET_KEY).hexdigest()
    )


def test_invalid_algorithm():
    """An unknown algorithm raises InvalidAlgorithm naming it."""
    with pytest.raises(InvalidAlgorithm, match="'whatever'"):
        salted_hmac("s", "v", "k", algorithm="whatever")


def test_get_random_string():
    """Random strings have the length and alphabet requested and differ."""
    value = get_random_string(32)
    assert len(value) == 32 and value.isalnum()
    assert get_random_string(32) != value
    assert set(get_random_string(50, "ab")) <= {"a", "b"}


def test_pbkdf2():
    """pbkdf2 matches RFC 6070's SHA-1 test vector and defaults to SHA-256."""
    assert pbkdf2("password", "salt", 2, 20, hashlib.sha1).hex() == (
        "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"
    )
    assert len(pbkdf2("password", "salt", 1)) == 32
    assert len(pbkdf2("password", "salt", 1, dklen=16)) == 16
