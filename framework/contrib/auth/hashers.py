"""Password hashing: ``make_password``, ``check_password`` and the hashers behind them.

Encoded passwords read ``<algorithm>$<parameters>$<salt>$<hash>``; the first entry of
PASSWORD_HASHERS hashes new passwords, every entry can verify old ones, and
``check_password(..., setter=...)`` re-hashes a password whose hasher or parameters
are outdated (``must_update``) the next time it is checked.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import importlib
import math
import warnings
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.core.signals import setting_changed
from framework.utils.crypto import (
    RANDOM_STRING_CHARS,
    constant_time_compare,
    get_random_string,
    pbkdf2,
)
from framework.utils.module_loading import import_string

__all__ = [
    "UNUSABLE_PASSWORD_PREFIX",
    "UNUSABLE_PASSWORD_SUFFIX_LENGTH",
    "Argon2PasswordHasher",
    "BasePasswordHasher",
    "MD5PasswordHasher",
    "PBKDF2PasswordHasher",
    "PBKDF2SHA1PasswordHasher",
    "ScryptPasswordHasher",
    "acheck_password",
    "check_password",
    "get_hasher",
    "get_hashers",
    "get_hashers_by_algorithm",
    "identify_hasher",
    "is_password_usable",
    "make_password",
    "mask_hash",
    "must_update_salt",
    "verify_password",
]

# An encoded password starting with this never matches: set_unusable_password() uses it.
UNUSABLE_PASSWORD_PREFIX = "!"
UNUSABLE_PASSWORD_SUFFIX_LENGTH = 40


def is_password_usable(encoded: str | None) -> bool:
    """False if ``encoded`` was made by ``make_password(None)`` (an unusable password)."""
    return encoded is None or not encoded.startswith(UNUSABLE_PASSWORD_PREFIX)


def verify_password(
    password: str | bytes | None, encoded: str | None, preferred: Any = "default"
) -> tuple[bool, bool]:
    """Return ``(is_correct, must_update)`` for ``password`` against ``encoded``."""
    preferred = get_hasher(preferred)
    hasher = None
    if password is not None and encoded and is_password_usable(encoded):
        try:
            hasher = identify_hasher(encoded)
        except ValueError:
            hasher = None
    if hasher is None:
        # Spend the time a real check takes, so that timing does not tell an unknown
        # user or an unusable password from a wrong one.
        make_password(get_random_string(UNUSABLE_PASSWORD_SUFFIX_LENGTH), hasher=preferred)
        return False, False
    hasher_changed = hasher.algorithm != preferred.algorithm
    try:
        must_update = hasher_changed or preferred.must_update(encoded)
    except ValueError:
        # A malformed hash (cut short, edited by hand) matches no password.
        return False, False
    is_correct = hasher.verify(password, encoded)
    if not is_correct and not hasher_changed and must_update:
        # A wrong password against an outdated hash would otherwise answer faster
        # than a right one (which is re-hashed with the current parameters).
        hasher.harden_runtime(password, encoded)
    return is_correct, must_update


def check_password(
    password: str | bytes | None,
    encoded: str | None,
    setter: Any = None,
    preferred: Any = "default",
) -> bool:
    """True if ``password`` matches ``encoded``.

    When it matches and the hash is outdated (another hasher than ``preferred``, or
    other parameters), ``setter(password)`` is called to store a new hash.
    """
    is_correct, must_update = verify_password(password, encoded, preferred=preferred)
    if setter and is_correct and must_update:
        setter(password)
    return is_correct


async def acheck_password(
    password: str | bytes | None,
    encoded: str | None,
    setter: Any = None,
    preferred: Any = "default",
) -> bool:
    """Asynchronous ``check_password()``; ``setter`` may be a coroutine function."""
    is_correct, must_update = verify_password(password, encoded, preferred=preferred)
    if setter and is_correct and must_update:
        result = setter(password)
        if hasattr(result, "__await__"):
            await result
    return is_correct


def make_password(password: str | bytes | None, salt: str | None = None, hasher: Any = "default"):
    """Return ``password`` hashed for storage; ``None`` gives an unusable password.

    Raises TypeError when ``password`` is neither str nor bytes.
    """
    if password is None:
        return UNUSABLE_PASSWORD_PREFIX + get_random_string(UNUSABLE_PASSWORD_SUFFIX_LENGTH)
    if not isinstance(password, (bytes, str)):
        raise TypeError(f"Password must be a string or bytes, got {type(password).__qualname__}.")
    hasher = get_hasher(hasher)
    salt = salt or hasher.salt()
    return hasher.encode(password, salt)


@functools.cache
def get_hashers() -> list[BasePasswordHasher]:
    """Return an instance of each class in PASSWORD_HASHERS (built once per setting)."""
    hashers = []
    for path in settings.PASSWORD_HASHERS:
        try:
            hasher_class = import_string(path)
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"The password hasher {path!r} in the PASSWORD_HASHERS setting could not be "
                f"imported ({exc}). Fix the dotted path or remove it from PASSWORD_HASHERS."
            ) from exc
        hasher = hasher_class()
        if not getattr(hasher, "algorithm", None):
            raise ImproperlyConfigured(
                f"The password hasher {path!r} in the PASSWORD_HASHERS setting doesn't specify "
                f"an algorithm name: set its 'algorithm' attribute."
            )
        hashers.append(hasher)
    if not hashers:
        raise ImproperlyConfigured(
            "You must specify at least one password hasher in the PASSWORD_HASHERS setting."
        )
    return hashers


@functools.cache
def get_hashers_by_algorithm() -> dict[str, BasePasswordHasher]:
    """Return the hashers of PASSWORD_HASHERS keyed by their ``algorithm``."""
    return {hasher.algorithm: hasher for hasher in get_hashers()}


def _reset_hashers(*, setting: str, **kwargs: Any) -> None:
    if setting == "PASSWORD_HASHERS":
        get_hashers.cache_clear()
        get_hashers_by_algorithm.cache_clear()


setting_changed.connect(_reset_hashers, dispatch_uid="framework.contrib.auth.hashers.reset")


def get_hasher(algorithm: Any = "default") -> BasePasswordHasher:
    """Return the hasher of ``algorithm`` ("default": the first of PASSWORD_HASHERS).

    A hasher instance is returned as is. Raises ValueError for an algorithm that no
    hasher in PASSWORD_HASHERS provides.
    """
    if hasattr(algorithm, "algorithm"):
        return algorithm
    if algorithm == "default":
        return get_hashers()[0]
    try:
        return get_hashers_by_algorithm()[algorithm]
    except KeyError:
        raise ValueError(
            f"Unknown password hashing algorithm {algorithm!r}. Did you specify it in the "
            f"PASSWORD_HASHERS setting?"
        ) from None


def identify_hasher(encoded: str) -> BasePasswordHasher:
    """Return the hasher that made ``encoded``; ValueError if none of PASSWORD_HASHERS did."""
    algorithm, sep, _ = (encoded or "").partition("$")
    if not sep:
        raise ValueError(f"{encoded!r} is not an encoded password (no '$' separator).")
    return get_hasher(algorithm)


def mask_hash(hash: str, show: int = 6, char: str = "*") -> str:
    """Return ``hash`` with all but its first ``show`` characters replaced by ``char``."""
    return hash[:show] + char * len(hash[show:])


def must_update_salt(salt: str, expected_entropy: int) -> bool:
    """True if ``salt`` (of RANDOM_STRING_CHARS) carries fewer bits than ``expected_entropy``."""
    return len(salt) * math.log2(len(RANDOM_STRING_CHARS)) < expected_entropy


class BasePasswordHasher:
    """Abstract base of password hashers: subclasses set ``algorithm`` and override
    ``encode``, ``decode``, ``verify`` and ``safe_summary``.

    ``library`` names a module (or ``(name, module)``) imported on first use, with an
    error naming the hasher when it is not installed.
    """

    algorithm: str | None = None
    library: str | tuple[str, str] | None = None
    salt_entropy = 128

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.algorithm}>"

    def _load_library(self) -> Any:
        if self.library is None:
            raise ValueError(f"Hasher {type(self).__name__!r} doesn't specify a library attribute.")
        if isinstance(self.library, (tuple, list)):
            name, module_path = self.library
        else:
            name = module_path = self.library
        try:
            return importlib.import_module(module_path)
        except ImportError as exc:
            raise ValueError(
                f"Couldn't load {type(self).__name__!r} algorithm library: {exc}. Install "
                f"{name!r} (for Argon2: pip install 'framework[argon2]') or remove the hasher "
                f"from PASSWORD_HASHERS."
            ) from exc

    def salt(self) -> str:
        """Return a random salt of at least ``salt_entropy`` bits."""
        length = math.ceil(self.salt_entropy / math.log2(len(RANDOM_STRING_CHARS)))
        return get_random_string(length, RANDOM_STRING_CHARS)

    def verify(self, password: str | bytes, encoded: str) -> bool:
        """True if ``password`` hashes to ``encoded``."""
        raise NotImplementedError("subclasses of BasePasswordHasher must provide a verify() method")

    def _check_encode_args(self, password: Any, salt: Any) -> None:
        if password is None:
            raise TypeError("password must be provided.")
        if not salt or "$" in salt:
            raise ValueError("salt must be provided and cannot contain $.")

    def encode(self, password: str | bytes, salt: str) -> str:
        """Return ``password`` hashed with ``salt``, as ``<algorithm>$...``."""
        raise NotImplementedError(
            "subclasses of BasePasswordHasher must provide an encode() method"
        )

    def decode(self, encoded: str) -> dict[str, Any]:
        """Return the parts of ``encoded``: at least ``algorithm``, ``hash`` and ``salt``."""
        raise NotImplementedError(
            "subclasses of BasePasswordHasher must provide a decode() method."
        )

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        """Return the parts of ``encoded`` for display, the salt and hash masked."""
        raise NotImplementedError(
            "subclasses of BasePasswordHasher must provide a safe_summary() method"
        )

    def must_update(self, encoded: str) -> bool:
        """True if ``encoded`` was made with other parameters than this hasher's."""
        return False

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        """Spend the time that re-hashing an outdated ``encoded`` would take.

        Called when a wrong password is checked against an outdated hash, so that
        timing does not tell the two apart.
        """
        warnings.warn(
            "subclasses of BasePasswordHasher should provide a harden_runtime() method",
            stacklevel=2,
        )


class PBKDF2PasswordHasher(BasePasswordHasher):
    """PBKDF2-HMAC-SHA256 with 1,000,000 iterations (the default)."""

    algorithm = "pbkdf2_sha256"
    iterations = 1_000_000
    digest = hashlib.sha256

    def encode(self, password: str | bytes, salt: str, iterations: int | None = None) -> str:
        self._check_encode_args(password, salt)
        iterations = iterations or self.iterations
        derived = pbkdf2(password, salt, iterations, digest=self.digest)
        hash = base64.b64encode(derived).decode("ascii").strip()
        return f"{self.algorithm}${iterations}${salt}${hash}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, iterations, salt, hash = encoded.split("$", 3)
        if algorithm != self.algorithm:
            raise ValueError(f"{encoded[:20]!r}... was not made by the {self.algorithm} hasher.")
        return {"algorithm": algorithm, "hash": hash, "iterations": int(iterations), "salt": salt}

    def verify(self, password: str | bytes, encoded: str) -> bool:
        try:
            decoded = self.decode(encoded)
        except ValueError:
            return False
        candidate = self.encode(password, decoded["salt"], decoded["iterations"])
        return constant_time_compare(encoded, candidate)

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        decoded = self.decode(encoded)
        return {
            "algorithm": decoded["algorithm"],
            "iterations": decoded["iterations"],
            "salt": mask_hash(decoded["salt"]),
            "hash": mask_hash(decoded["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        decoded = self.decode(encoded)
        return decoded["iterations"] != self.iterations or must_update_salt(
            decoded["salt"], self.salt_entropy
        )

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        decoded = self.decode(encoded)
        extra_iterations = self.iterations - decoded["iterations"]
        if extra_iterations > 0:
            self.encode(password, decoded["salt"], extra_iterations)


class PBKDF2SHA1PasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2-HMAC-SHA1, for hashes made by systems that use it."""

    algorithm = "pbkdf2_sha1"
    digest = hashlib.sha1


class Argon2PasswordHasher(BasePasswordHasher):
    """Argon2id through argon2-cffi (``pip install 'framework[argon2]'``).

    Encoded as ``argon2`` followed by argon2's own ``$argon2id$v=..$m=..,t=..,p=..$salt$hash``.
    """

    algorithm = "argon2"
    library = "argon2"
    time_cost = 2
    memory_cost = 102400
    parallelism = 8

    def encode(self, password: str | bytes, salt: str) -> str:
        argon2 = self._load_library()
        self._check_encode_args(password, salt)
        params = self.params()
        data = argon2.low_level.hash_secret(
            _to_bytes(password),
            salt.encode(),
            time_cost=params.time_cost,
            memory_cost=params.memory_cost,
            parallelism=params.parallelism,
            hash_len=params.hash_len,
            type=params.type,
        )
        return self.algorithm + data.decode("ascii")

    def decode(self, encoded: str) -> dict[str, Any]:
        argon2 = self._load_library()
        algorithm, sep, rest = encoded.partition("$")
        if algorithm != self.algorithm or not sep:
            raise ValueError(f"{encoded[:20]!r}... was not made by the argon2 hasher.")
        params = argon2.extract_parameters("$" + rest)
        variety, *_, b64salt, hash = rest.split("$")
        # argon2 writes the salt in unpadded standard base64.
        salt = base64.b64decode(b64salt + "=" * (-len(b64salt) % 4)).decode("latin-1")
        return {
            "algorithm": algorithm,
            "hash": hash,
            "memory_cost": params.memory_cost,
            "parallelism": params.parallelism,
            "salt": salt,
            "time_cost": params.time_cost,
            "variety": variety,
            "version": params.version,
            "params": params,
        }

    def verify(self, password: str | bytes, encoded: str) -> bool:
        argon2 = self._load_library()
        algorithm, _, rest = encoded.partition("$")
        if algorithm != self.algorithm:
            return False
        try:
            return argon2.PasswordHasher().verify("$" + rest, _to_bytes(password))
        except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
            return False

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        decoded = self.decode(encoded)
        return {
            "algorithm": decoded["algorithm"],
            "variety": decoded["variety"],
            "version": decoded["version"],
            "memory cost": decoded["memory_cost"],
            "time cost": decoded["time_cost"],
            "parallelism": decoded["parallelism"],
            "salt": mask_hash(decoded["salt"]),
            "hash": mask_hash(decoded["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        decoded = self.decode(encoded)
        old = decoded["params"]
        # Compare without salt_len and hash_len, which an older hash may have differently.
        current = dataclasses.replace(self.params(), salt_len=old.salt_len, hash_len=old.hash_len)
        return old != current

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        # Argon2's cost depends on three parameters; no extra run would match it.
        pass

    def params(self) -> Any:
        """Return this hasher's ``argon2.Parameters`` (Argon2id, 32-byte hash)."""
        argon2 = self._load_library()
        params = argon2.Parameters(
            type=argon2.low_level.Type.ID,
            version=argon2.low_level.ARGON2_VERSION,
            salt_len=argon2.DEFAULT_RANDOM_SALT_LENGTH,
            hash_len=argon2.DEFAULT_HASH_LENGTH,
            time_cost=self.time_cost,
            memory_cost=self.memory_cost,
            parallelism=self.parallelism,
        )
        return params


class ScryptPasswordHasher(BasePasswordHasher):
    """scrypt from hashlib (OpenSSL): ``scrypt$work_factor$salt$block_size$parallelism$hash``."""

    algorithm = "scrypt"
    block_size = 8
    maximum_memory = 0
    parallelism = 5
    work_factor = 2**14

    def encode(
        self,
        password: str | bytes,
        salt: str,
        n: int | None = None,
        r: int | None = None,
        p: int | None = None,
    ) -> str:
        self._check_encode_args(password, salt)
        n = n or self.work_factor
        r = r or self.block_size
        p = p or self.parallelism
        derived = hashlib.scrypt(
            _to_bytes(password),
            salt=salt.encode(),
            n=n,
            r=r,
            p=p,
            maxmem=self.maximum_memory,
            dklen=64,
        )
        hash = base64.b64encode(derived).decode("ascii").strip()
        return f"{self.algorithm}${n}${salt}${r}${p}${hash}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, work_factor, salt, block_size, parallelism, hash = encoded.split("$", 6)
        if algorithm != self.algorithm:
            raise ValueError(f"{encoded[:20]!r}... was not made by the scrypt hasher.")
        return {
            "algorithm": algorithm,
            "block_size": int(block_size),
            "hash": hash,
            "parallelism": int(parallelism),
            "salt": salt,
            "work_factor": int(work_factor),
        }

    def verify(self, password: str | bytes, encoded: str) -> bool:
        try:
            decoded = self.decode(encoded)
        except ValueError:
            return False
        candidate = self.encode(
            password,
            decoded["salt"],
            decoded["work_factor"],
            decoded["block_size"],
            decoded["parallelism"],
        )
        return constant_time_compare(encoded, candidate)

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        decoded = self.decode(encoded)
        return {
            "algorithm": decoded["algorithm"],
            "work factor": decoded["work_factor"],
            "block size": decoded["block_size"],
            "parallelism": decoded["parallelism"],
            "salt": mask_hash(decoded["salt"]),
            "hash": mask_hash(decoded["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        decoded = self.decode(encoded)
        return (
            decoded["work_factor"] != self.work_factor
            or decoded["block_size"] != self.block_size
            or decoded["parallelism"] != self.parallelism
        )

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        # scrypt's cost is memory as much as time: no extra run would match it.
        pass


class MD5PasswordHasher(BasePasswordHasher):
    """Salted MD5: fast and insecure, for test suites only (``md5$salt$hash``)."""

    algorithm = "md5"

    def encode(self, password: str | bytes, salt: str) -> str:
        self._check_encode_args(password, salt)
        hash = hashlib.md5(salt.encode() + _to_bytes(password)).hexdigest()
        return f"{self.algorithm}${salt}${hash}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, salt, hash = encoded.split("$", 2)
        if algorithm != self.algorithm:
            raise ValueError(f"{encoded[:20]!r}... was not made by the md5 hasher.")
        return {"algorithm": algorithm, "hash": hash, "salt": salt}

    def verify(self, password: str | bytes, encoded: str) -> bool:
        try:
            decoded = self.decode(encoded)
        except ValueError:
            return False
        return constant_time_compare(encoded, self.encode(password, decoded["salt"]))

    def safe_summary(self, encoded: str) -> dict[str, Any]:
        decoded = self.decode(encoded)
        return {
            "algorithm": decoded["algorithm"],
            "salt": mask_hash(decoded["salt"], show=2),
            "hash": mask_hash(decoded["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        return must_update_salt(self.decode(encoded)["salt"], self.salt_entropy)

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        pass


def _to_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode()
