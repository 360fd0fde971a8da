"""Cheap hasher parameters so that the hasher tests stay fast (a real setting's costs are tested once)."""

from __future__ import annotations

from framework.contrib.auth.hashers import (
    Argon2PasswordHasher,
    BasePasswordHasher,
    PBKDF2PasswordHasher,
    PBKDF2SHA1PasswordHasher,
    ScryptPasswordHasher,
)


class FastPBKDF2(PBKDF2PasswordHasher):
    iterations = 1000


class FastPBKDF2SHA1(PBKDF2SHA1PasswordHasher):
    iterations = 1000


class FastArgon2(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 64
    parallelism = 1


class FastScrypt(ScryptPasswordHasher):
    work_factor = 2**8


class MoreIterationsPBKDF2(PBKDF2PasswordHasher):
    iterations = 2000


class RecordingPBKDF2(PBKDF2PasswordHasher):
    """Counts harden_runtime() calls (a real hasher, not a mock)."""

    iterations = 2000
    hardened = 0

    def harden_runtime(self, password, encoded):
        type(self).hardened += 1
        super().harden_runtime(password, encoded)


class NoAlgorithm(BasePasswordHasher):
    pass


class MissingLibrary(Argon2PasswordHasher):
    algorithm = "missing"
    library = ("missing-lib", "framework_tests_no_such_module")
