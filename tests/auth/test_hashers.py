"""Password hashing: make_password, check_password, the hashers and their upgrade path."""

from __future__ import annotations

import base64
import hashlib

import pytest

from framework.contrib.auth.hashers import (
    UNUSABLE_PASSWORD_PREFIX,
    UNUSABLE_PASSWORD_SUFFIX_LENGTH,
    Argon2PasswordHasher,
    BasePasswordHasher,
    MD5PasswordHasher,
    PBKDF2PasswordHasher,
    ScryptPasswordHasher,
    check_password,
    get_hasher,
    get_hashers,
    identify_hasher,
    is_password_usable,
    make_password,
    mask_hash,
    must_update_salt,
    verify_password,
)
from framework.core.exceptions import ImproperlyConfigured

FAST = [
    "tests.auth.fast_hashers.FastPBKDF2",
    "tests.auth.fast_hashers.FastPBKDF2SHA1",
    "tests.auth.fast_hashers.FastArgon2",
    "tests.auth.fast_hashers.FastScrypt",
    "framework.contrib.auth.hashers.MD5PasswordHasher",
]


@pytest.fixture
def fast(settings):
    """Cheap hashers of every kind, FastPBKDF2 preferred."""
    settings.PASSWORD_HASHERS = FAST
    return settings


def test_default_is_pbkdf2_sha256_with_a_million_iterations():
    """With the default settings, new passwords get PBKDF2-SHA256 at 1,000,000 iterations."""
    encoded = make_password("lètmein")
    algorithm, iterations, salt, digest = encoded.split("$")
    assert (algorithm, iterations) == ("pbkdf2_sha256", "1000000")
    assert len(salt) == 22  # 128 bits of [a-zA-Z0-9]
    assert check_password("lètmein", encoded)
    assert not check_password("letmein", encoded)
    assert not get_hasher().must_update(encoded)


def test_default_hashers_order(settings):
    """PASSWORD_HASHERS defaults to PBKDF2, PBKDF2-SHA1, Argon2 and scrypt, in that order."""
    assert [h.algorithm for h in get_hashers()] == [
        "pbkdf2_sha256",
        "pbkdf2_sha1",
        "argon2",
        "scrypt",
    ]


def test_pbkdf2_matches_the_standard_algorithm():
    """The hash is base64 of PBKDF2-HMAC-SHA256(password, salt, iterations)."""
    encoded = PBKDF2PasswordHasher().encode("lètmein", "seasalt2", iterations=1000)
    expected = base64.b64encode(
        hashlib.pbkdf2_hmac("sha256", "lètmein".encode(), b"seasalt2", 1000)
    ).decode()
    assert encoded == f"pbkdf2_sha256$1000$seasalt2${expected}"


@pytest.mark.parametrize(
    ("algorithm", "prefix"),
    [
        ("pbkdf2_sha256", "pbkdf2_sha256$1000$"),
        ("pbkdf2_sha1", "pbkdf2_sha1$1000$"),
        ("argon2", "argon2$argon2id$v=19$m=64,t=1,p=1$"),
        ("scrypt", "scrypt$256$"),
        ("md5", "md5$"),
    ],
)
def test_each_hasher_round_trips(fast, algorithm, prefix):
    """Each hasher encodes in its format, verifies the right password and only that one."""
    encoded = make_password("secret pässword", hasher=algorithm)
    assert encoded.startswith(prefix)
    assert identify_hasher(encoded).algorithm == algorithm
    assert check_password("secret pässword", encoded)
    assert check_password(b"secret p\xc3\xa4ssword", encoded)
    assert not check_password("secret password", encoded)
    assert make_password("secret pässword", hasher=algorithm) != encoded  # a new salt


@pytest.mark.parametrize("algorithm", ["pbkdf2_sha256", "pbkdf2_sha1", "argon2", "scrypt", "md5"])
def test_safe_summary_masks_salt_and_hash(fast, algorithm):
    """safe_summary() shows the algorithm and parameters but masks salt and hash."""
    encoded = make_password("secret", hasher=algorithm)
    summary = get_hasher(algorithm).safe_summary(encoded)
    assert summary["algorithm"] == algorithm
    decoded = get_hasher(algorithm).decode(encoded)
    assert summary["hash"] != decoded["hash"] and summary["hash"].endswith("*")
    assert summary["salt"].endswith("*")


def test_decode(fast):
    """decode() returns the parts: PBKDF2 iterations, scrypt costs, Argon2 parameters."""
    pbkdf2 = get_hasher("pbkdf2_sha256").decode(make_password("x", "somesalt", "pbkdf2_sha256"))
    assert pbkdf2["iterations"] == 1000 and pbkdf2["salt"] == "somesalt"
    scrypt = get_hasher("scrypt").decode(make_password("x", "somesalt", "scrypt"))
    assert (scrypt["work_factor"], scrypt["block_size"], scrypt["parallelism"]) == (256, 8, 5)
    argon2 = get_hasher("argon2").decode(make_password("x", "somesaltsomesalt", "argon2"))
    assert argon2["salt"] == "somesaltsomesalt"
    assert (argon2["time_cost"], argon2["memory_cost"], argon2["parallelism"]) == (1, 64, 1)
    assert argon2["variety"] == "argon2id"


def test_argon2_with_its_real_costs():
    """The shipped Argon2 hasher (time 2, memory 100 MiB, 8 lanes) works through argon2-cffi."""
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("secret", hasher.salt())
    assert encoded.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
    assert hasher.verify("secret", encoded)
    assert not hasher.must_update(encoded)


def test_scrypt_with_its_real_costs():
    """The shipped scrypt hasher (n=2**14, r=8, p=5) works with OpenSSL's default memory limit."""
    hasher = ScryptPasswordHasher()
    encoded = hasher.encode("secret", hasher.salt())
    assert encoded.startswith("scrypt$16384$")
    assert hasher.verify("secret", encoded)


class TestUpgrade:
    """check_password(setter=...) re-hashes outdated hashes after a successful check."""

    def test_more_iterations_preferred(self, settings):
        """A hash with fewer iterations than the preferred hasher must be updated."""
        settings.PASSWORD_HASHERS = ["tests.auth.fast_hashers.FastPBKDF2"]
        old = make_password("secret")
        settings.PASSWORD_HASHERS = ["tests.auth.fast_hashers.MoreIterationsPBKDF2"]
        assert get_hasher().must_update(old)
        stored = []
        assert check_password("secret", old, setter=stored.append)
        assert stored == ["secret"]
        assert make_password(stored[0]).split("$")[1] == "2000"

    def test_wrong_password_is_not_upgraded(self, settings):
        """The setter is not called for a wrong password, and the runtime is hardened."""
        from tests.auth.fast_hashers import RecordingPBKDF2

        settings.PASSWORD_HASHERS = ["tests.auth.fast_hashers.FastPBKDF2"]
        old = make_password("secret")
        settings.PASSWORD_HASHERS = ["tests.auth.fast_hashers.RecordingPBKDF2"]
        RecordingPBKDF2.hardened = 0
        stored = []
        assert not check_password("wrong", old, setter=stored.append)
        assert stored == []
        assert RecordingPBKDF2.hardened == 1

    def test_other_hasher_preferred(self, fast):
        """A hash of a hasher that is not the first of PASSWORD_HASHERS is upgraded."""
        old = make_password("secret", hasher="md5")
        stored = []
        assert check_password("secret", old, setter=stored.append)
        assert stored == ["secret"]
        assert verify_password("secret", old) == (True, True)

    def test_current_hash_is_left_alone(self, fast):
        """A hash made with the preferred hasher and parameters is not re-hashed."""
        encoded = make_password("secret")
        stored = []
        assert check_password("secret", encoded, setter=stored.append)
        assert stored == []

    def test_argon2_parameters_changed(self, settings):
        """Argon2 hashes made with other costs must be updated."""
        settings.PASSWORD_HASHERS = ["tests.auth.fast_hashers.FastArgon2"]
        old = make_password("secret")
        assert not get_hasher().must_update(old)
        assert Argon2PasswordHasher().must_update(old)

    def test_scrypt_parameters_changed(self, fast):
        """scrypt hashes made with another work factor must be updated."""
        old = make_password("secret", hasher="scrypt")
        assert ScryptPasswordHasher().must_update(old)
        assert not get_hasher("scrypt").must_update(old)

    def test_short_salt_must_be_updated(self, fast):
        """A salt with fewer than 128 bits of entropy must be updated."""
        assert must_update_salt("short", 128)
        assert not must_update_salt("a" * 22, 128)
        assert get_hasher().must_update(make_password("x", salt="short"))


class TestUnusable:
    """Unusable passwords, missing and malformed hashes never match."""

    def test_make_password_none(self):
        """make_password(None) is an unusable password: '!' and 40 random characters."""
        encoded = make_password(None)
        assert encoded.startswith(UNUSABLE_PASSWORD_PREFIX)
        assert len(encoded) == 1 + UNUSABLE_PASSWORD_SUFFIX_LENGTH
        assert not is_password_usable(encoded)
        assert not check_password(None, encoded)
        assert not check_password("", encoded)
        assert make_password(None) != encoded

    def test_usable(self, fast):
        """Hashes, including hashes of an empty password, are usable; so is None."""
        assert is_password_usable(make_password(""))
        assert check_password("", make_password(""))
        assert is_password_usable(None)
        assert is_password_usable("garbage")

    @pytest.mark.parametrize(
        "encoded",
        [None, "", "plain-text", "pbkdf2_sha256$", "pbkdf2_sha256$x$y", "unknown$1$2$3", "md5$"],
    )
    def test_malformed_or_unknown_hashes_do_not_match(self, fast, encoded):
        """check_password() returns False (never raises) for hashes it cannot use."""
        assert check_password("secret", encoded) is False

    def test_none_password(self, fast):
        """A None password never matches."""
        assert not check_password(None, make_password("secret"))


class TestErrors:
    """Misuse and misconfiguration give errors that name the culprit."""

    def test_password_of_wrong_type(self):
        """make_password() refuses what is neither str nor bytes."""
        with pytest.raises(TypeError, match="Password must be a string or bytes, got int"):
            make_password(1234)

    @pytest.mark.parametrize("salt", ["", "with$dollar"])
    def test_bad_salt(self, fast, salt):
        """A salt that is empty (given explicitly to encode) or holds '$' is refused."""
        with pytest.raises(ValueError, match=r"salt must be provided and cannot contain \$"):
            MD5PasswordHasher().encode("x", salt)

    def test_none_password_to_encode(self):
        """encode(None, salt) is a TypeError."""
        with pytest.raises(TypeError, match="password must be provided"):
            MD5PasswordHasher().encode(None, "salt")

    def test_unknown_algorithm(self, fast):
        """get_hasher()/identify_hasher() of an algorithm not configured name it."""
        with pytest.raises(ValueError, match="Unknown password hashing algorithm 'bcrypt'"):
            get_hasher("bcrypt")
        with pytest.raises(ValueError, match="PASSWORD_HASHERS"):
            identify_hasher("bcrypt$2b$12$abc")
        with pytest.raises(ValueError):
            identify_hasher("no-separator")

    def test_empty_setting(self, settings):
        """An empty PASSWORD_HASHERS is ImproperlyConfigured naming the setting."""
        settings.PASSWORD_HASHERS = []
        with pytest.raises(ImproperlyConfigured, match="PASSWORD_HASHERS"):
            make_password("x")

    def test_unimportable_hasher(self, settings):
        """A dotted path that does not import is ImproperlyConfigured naming it."""
        settings.PASSWORD_HASHERS = ["tests.auth.fast_hashers.Nope"]
        with pytest.raises(ImproperlyConfigured, match="'tests.auth.fast_hashers.Nope'"):
            get_hashers()

    def test_hasher_without_algorithm(self, settings):
        """A hasher class without an algorithm name is ImproperlyConfigured naming it."""
        settings.PASSWORD_HASHERS = ["tests.auth.fast_hashers.NoAlgorithm"]
        with pytest.raises(ImproperlyConfigured, match="doesn't specify an algorithm name"):
            get_hashers()

    def test_missing_library(self, settings):
        """A hasher whose library is not installed says which one to install."""
        settings.PASSWORD_HASHERS = ["tests.auth.fast_hashers.MissingLibrary"]
        with pytest.raises(ValueError, match="Couldn't load 'MissingLibrary' algorithm library"):
            make_password("x")

    def test_setting_change_resets_the_cache(self, settings):
        """Changing PASSWORD_HASHERS takes effect at once."""
        settings.PASSWORD_HASHERS = FAST
        assert get_hasher().algorithm == "pbkdf2_sha256"
        settings.PASSWORD_HASHERS = ["framework.contrib.auth.hashers.MD5PasswordHasher"]
        assert get_hasher().algorithm == "md5"

    def test_base_hasher_is_abstract(self):
        """BasePasswordHasher leaves the algorithm to subclasses."""
        hasher = BasePasswordHasher()
        for call in (
            lambda: hasher.encode("x", "salt"),
            lambda: hasher.decode("x"),
            lambda: hasher.verify("x", "y"),
            lambda: hasher.safe_summary("x"),
        ):
            with pytest.raises(NotImplementedError):
                call()
        assert hasher.must_update("x") is False
        with pytest.warns(UserWarning, match="should provide a harden_runtime"):
            hasher.harden_runtime("x", "y")


def test_mask_hash():
    """mask_hash() keeps the first characters and masks the rest."""
    assert mask_hash("abcdefghij") == "abcdef****"
    assert mask_hash("abcdefghij", show=2, char="#") == "ab########"
