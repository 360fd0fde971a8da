"""Signing advisories (CVE-2024-XXXX-class key rotation, salt confusion): tampered, expired,
wrong-salt and colliding-salt values are refused; SECRET_KEY_FALLBACKS only verifies."""

from __future__ import annotations

import time

import pytest

from framework.core import signing


def test_cve_signing_tampered_values_are_refused():
    """Changing any character of value or signature raises BadSignature."""
    signer = signing.Signer(key="k1", salt="s")
    signed = signer.sign("hello")
    for i in range(len(signed)):
        flipped = signed[:i] + ("A" if signed[i] != "A" else "B") + signed[i + 1 :]
        with pytest.raises(signing.BadSignature):
            signer.unsign(flipped)
    for bad in ("", "hello", "hello:", ":", signed + "x", "\x00" + signed):
        with pytest.raises(signing.BadSignature):
            signer.unsign(bad)


def test_cve_signing_expired_values_are_refused():
    """A timestamped value older than max_age raises SignatureExpired."""
    signer = signing.TimestampSigner(key="k1")
    signed = signer.sign("v")
    time.sleep(1.1)
    with pytest.raises(signing.SignatureExpired):
        signer.unsign(signed, max_age=1)
    assert signer.unsign(signed, max_age=60) == "v"
    with pytest.raises(signing.BadSignature):
        signer.unsign("v:notatime:" + signed.rsplit(":", 1)[1])


def test_cve_signing_wrong_salt_and_salt_collision():
    """Another salt never verifies, including salts that differ only by a separator move."""
    signed = signing.Signer(key="k", salt="a").sign("b:c")
    with pytest.raises(signing.BadSignature):
        signing.Signer(key="k", salt="a:b").unsign(signed)
    with pytest.raises(signing.BadSignature):
        signing.Signer(key="k", salt="").unsign(signed)
    # The salt and the key must not combine into the same HMAC key by concatenation.
    with pytest.raises(signing.BadSignature):
        signing.Signer(key="kx", salt="").unsign(signing.Signer(key="k", salt="x").sign("v"))
    obj = signing.dumps({"a": 1}, key="k", salt="one")
    with pytest.raises(signing.BadSignature):
        signing.loads(obj, key="k", salt="two")


def test_cve_signing_key_rotation_with_fallbacks(settings):
    """Old keys in SECRET_KEY_FALLBACKS verify; new signatures use SECRET_KEY only."""
    old = signing.dumps({"u": 1}, key="old-key")
    settings.SECRET_KEY = "new-key"
    settings.SECRET_KEY_FALLBACKS = ["old-key"]
    assert signing.loads(old) == {"u": 1}
    fresh = signing.dumps({"u": 1})
    settings.SECRET_KEY_FALLBACKS = []
    assert signing.loads(fresh) == {"u": 1}
    with pytest.raises(signing.BadSignature):
        signing.loads(old)
    with pytest.raises(signing.BadSignature):
        signing.loads(signing.dumps({"u": 1}, key="other"))


def test_cve_signing_compressed_payload_tampering():
    """A forged compressed payload (leading '.') with a bad signature is refused."""
    signed = signing.dumps("x" * 200, key="k", compress=True)
    assert signed.startswith(".")
    with pytest.raises(signing.BadSignature):
        signing.loads("." + signed[2:], key="k")
