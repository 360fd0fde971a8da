"""framework.core.signing: Signer, TimestampSigner, dumps/loads, key rotation."""

from __future__ import annotations

import datetime
import time

import pytest

from framework.core import signing


class TestSigner:
    def test_sign_unsign(self):
        """sign() appends a signature that unsign() verifies."""
        signer = signing.Signer(key="secret")
        signed = signer.sign("hello")
        assert signed.startswith("hello:")
        assert signer.unsign(signed) == "hello"

    def test_tampering_detected(self):
        """Changing the value, the signature or the separator raises BadSignature."""
        signer = signing.Signer(key="secret")
        signed = signer.sign("hello")
        for bad in (signed + "x", "j" + signed[1:], signed.replace(":", "."), "hello", ""):
            with pytest.raises(signing.BadSignature):
                signer.unsign(bad)

    def test_salt_and_key_separate_signatures(self):
        """Different salts, keys or algorithms give different signatures."""
        base = signing.Signer(key="secret").sign("v")
        assert signing.Signer(key="secret", salt="other").sign("v") != base
        assert signing.Signer(key="other").sign("v") != base
        assert signing.Signer(key="secret", algorithm="sha512").sign("v") != base
        with pytest.raises(signing.BadSignature):
            signing.Signer(key="secret", salt="other").unsign(base)

    def test_defaults_from_settings(self, settings):
        """The key defaults to SECRET_KEY and the salt to the class path."""
        signer = signing.Signer()
        assert signer.key == settings.SECRET_KEY
        assert signer.salt == "framework.core.signing.Signer"
        assert signer.algorithm == "sha256"
        assert "Signer" in repr(signer)

    def test_fallback_keys(self, settings):
        """Values signed with a key in SECRET_KEY_FALLBACKS still verify."""
        old = signing.Signer(key="old-key").sign("v")
        settings.SECRET_KEY_FALLBACKS = ["old-key"]
        assert signing.Signer().unsign(old) == "v"
        assert signing.Signer(key="new", fallback_keys=["old-key"]).unsign(old) == "v"
        settings.SECRET_KEY_FALLBACKS = []
        with pytest.raises(signing.BadSignature):
            signing.Signer().unsign(old)

    @pytest.mark.parametrize("sep", ["", "a", "-", "=", "abc123_"])
    def test_unsafe_separator(self, sep):
        """Separators that can occur in signatures are refused."""
        with pytest.raises(ValueError, match="Unsafe Signer separator"):
            signing.Signer(key="k", sep=sep)

    def test_custom_separator(self):
        """A safe custom separator works."""
        signer = signing.Signer(key="k", sep="/")
        assert signer.unsign(signer.sign("a:b")) == "a:b"

    def test_keyword_only(self):
        """Signer arguments are keyword-only."""
        with pytest.raises(TypeError):
            signing.Signer("key")  # type: ignore[misc]

    def test_sign_object(self):
        """sign_object()/unsign_object() round-trip JSON, compressed or not."""
        signer = signing.Signer(key="k")
        data = {"a": [1, 2, {"b": "ü"}], "long": "x" * 500}
        assert signer.unsign_object(signer.sign_object(data)) == data
        compressed = signer.sign_object(data, compress=True)
        assert compressed.startswith(".")
        assert len(compressed) < len(signer.sign_object(data))
        assert signer.unsign_object(compressed) == data


class TestTimestampSigner:
    def test_max_age(self):
        """unsign(max_age=...) accepts fresh values and rejects old ones."""
        signer = signing.TimestampSigner(key="k")
        signed = signer.sign("v")
        assert signer.unsign(signed, max_age=10) == "v"
        assert signer.unsign(signed, max_age=datetime.timedelta(seconds=10)) == "v"
        with pytest.raises(signing.SignatureExpired, match="Signature age"):
            signer.unsign(signed, max_age=-1)

    def test_expiry_in_time(self, monkeypatch):
        """A value expires once max_age seconds have passed."""
        signer = signing.TimestampSigner(key="k")
        signed = signer.sign("v")
        now = time.time()
        monkeypatch.setattr(time, "time", lambda: now + 100)
        with pytest.raises(signing.SignatureExpired):
            signer.unsign(signed, max_age=50)
        assert signer.unsign(signed, max_age=150) == "v"

    def test_expired_is_bad_signature(self):
        """SignatureExpired is a BadSignature."""
        assert issubclass(signing.SignatureExpired, signing.BadSignature)

    def test_sign_object_max_age(self):
        """unsign_object passes max_age through."""
        signer = signing.TimestampSigner(key="k")
        signed = signer.sign_object({"a": 1})
        assert signer.unsign_object(signed, max_age=5) == {"a": 1}
        with pytest.raises(signing.SignatureExpired):
            signer.unsign_object(signed, max_age=-1)

    def test_plain_signature_not_timestamped(self):
        """A Signer value without a timestamp is refused by TimestampSigner."""
        plain = signing.Signer(key="k", salt="s").sign("v")
        with pytest.raises(signing.BadSignature):
            signing.TimestampSigner(key="k", salt="s").unsign(plain)


class TestDumpsLoads:
    def test_round_trip(self):
        """dumps()/loads() round-trip JSON data and are URL-safe."""
        data = {"user": 1, "items": ["a", "b"], "text": "héllo / + ="}
        token = signing.dumps(data)
        assert all(c.isalnum() or c in "-_:." for c in token)
        assert signing.loads(token) == data

    def test_salt_and_key(self):
        """loads() needs the same salt and key as dumps()."""
        token = signing.dumps([1], salt="a", key="k")
        assert signing.loads(token, salt="a", key="k") == [1]
        with pytest.raises(signing.BadSignature):
            signing.loads(token, salt="b", key="k")
        with pytest.raises(signing.BadSignature):
            signing.loads(token, salt="a", key="other")
        assert signing.loads(token, salt="a", key="new", fallback_keys=["k"]) == [1]

    def test_compress_and_max_age(self):
        """compress=True and max_age work through dumps/loads."""
        data = {"x": "y" * 1000}
        token = signing.dumps(data, compress=True)
        assert len(token) < 200
        assert signing.loads(token, max_age=10) == data
        with pytest.raises(signing.SignatureExpired):
            signing.loads(token, max_age=-1)

    @pytest.mark.parametrize("token", ["", "garbage", "a:b:c", "::", ".:x:y", "\x00:\xff"])
    def test_garbage_tokens(self, token):
        """Garbage raises BadSignature, never another exception."""
        with pytest.raises(signing.BadSignature):
            signing.loads(token)

    def test_custom_serializer(self):
        """A serializer class with dumps/loads is used."""

        class Upper(signing.JSONSerializer):
            def loads(self, data):
                return super().loads(data).upper()

        assert signing.loads(signing.dumps("abc"), serializer=Upper) == "ABC"


class TestCookieSigner:
    def test_cookie_signer(self, settings):
        """get_cookie_signer() uses SIGNING_BACKEND with cookie-specific keys."""
        signer = signing.get_cookie_signer(salt="x")
        assert isinstance(signer, signing.TimestampSigner)
        assert signer.key != settings.SECRET_KEY
        plain = signing.TimestampSigner(salt="x")
        with pytest.raises(signing.BadSignature):
            plain.unsign(signer.sign("v"))

    def test_cookie_signer_fallbacks(self, settings):
        """Cookie signatures made with an old key verify via SECRET_KEY_FALLBACKS."""
        old_value = signing.get_cookie_signer(salt="x").sign("v")
        settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
        settings.SECRET_KEY = "a-brand-new-key"
        assert signing.get_cookie_signer(salt="x").unsign(old_value) == "v"


def test_base62():
    """b62_encode/b62_decode round-trip, including 0 and negatives; junk is refused."""
    for n in (0, 1, 61, 62, 10**12, -5):
        assert signing.b62_decode(signing.b62_encode(n)) == n
    with pytest.raises(ValueError):
        signing.b62_decode("$$")
