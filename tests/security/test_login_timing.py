"""Login timing: an unknown user, an unusable password, an inactive user and a wrong password
take the same time (issue #10's auth matrix; Django's CVE-class "user enumeration by timing").

authenticate() runs the hasher whatever the case: for an unknown user and an unusable
password a dummy hash with the preferred hasher. The samples are interleaved (one per class
in turn, order rotated); each sample is taken relative to its round's median (which
cancels bursts of load from other processes) and the per-class medians of those must be
within 10% of each other; the raw medians are recorded too. The fast test
uses a cheap hasher and many samples; the slow one the real default (PBKDF2-SHA256,
1,000,000 iterations, ~0.3 s a check) and a dozen samples per class.
"""

from __future__ import annotations

import statistics
import time

import pytest

from framework.contrib.auth import authenticate, get_user_model
from framework.contrib.auth.hashers import PBKDF2PasswordHasher
from framework.test import override_settings
from tests.reliability import security_results

CLASSES = ("unknown_user", "unusable_password", "inactive_user", "wrong_password")
TOLERANCE = 0.10


class TimingPBKDF2(PBKDF2PasswordHasher):
    """Slow enough (a few ms) that a database round trip is small beside it."""

    iterations = 30_000


def _users():
    User = get_user_model()
    User.objects.create_user("timing-known", password="right-password")
    unusable = User.objects.create_user("timing-unusable")
    unusable.set_unusable_password()
    unusable.save()
    User.objects.create_user("timing-inactive", password="right-password", is_active=False)


def _measure(samples: int) -> dict[str, list[float]]:
    usernames = {
        "unknown_user": "timing-nobody",
        "unusable_password": "timing-unusable",
        "inactive_user": "timing-inactive",
        "wrong_password": "timing-known",
    }
    times: dict[str, list[float]] = {name: [] for name in CLASSES}
    for name in CLASSES:  # warm-up: caches, hasher import, query compilation
        authenticate(None, username=usernames[name], password="wrong-password")
    for round_ in range(samples):
        shift = round_ % len(CLASSES)
        for name in CLASSES[shift:] + CLASSES[:shift]:
            started = time.perf_counter()
            user = authenticate(None, username=usernames[name], password="wrong-password")
            times[name].append(time.perf_counter() - started)
            assert user is None
    return times


def _spread(times: dict[str, list[float]]) -> tuple[float, dict[str, float]]:
    # Each sample relative to its round's median: the four samples of a round are taken
    # back to back, so a burst of load from other processes scales them alike and cancels.
    rounds = list(zip(*(times[name] for name in CLASSES)))
    relative = {
        name: statistics.median(r[i] / statistics.median(r) for r in rounds)
        for i, name in enumerate(CLASSES)
    }
    return max(relative.values()) / min(relative.values()) - 1, relative


def _measure_until_settled(samples: int, batches: int = 3) -> dict[str, list[float]]:
    """Measure ``samples`` rounds; on a busy machine add up to ``batches - 1`` more.

    A real difference (one class skipping the hasher) stays whatever the number of samples;
    noise from other processes shrinks as samples are added.
    """
    times = _measure(samples)
    for _ in range(batches - 1):
        if _spread(times)[0] <= TOLERANCE:
            break
        for name, values in _measure(samples).items():
            times[name] += values
    return times


def _check(times: dict[str, list[float]], hasher: str, backend: str) -> None:
    medians = {name: statistics.median(values) for name, values in times.items()}
    spread, relative = _spread(times)
    security_results.record(
        "login_timing",
        f"{hasher}-{backend}",
        {
            "samples_per_class": len(times[CLASSES[0]]),
            "median_s": {k: round(v, 5) for k, v in medians.items()},
            "median_relative": {k: round(v, 4) for k, v in relative.items()},
            "spread": round(spread, 4),
            "tolerance": TOLERANCE,
        },
    )
    assert spread <= TOLERANCE, medians


def test_login_timing_equal_fast_hasher(admin_db):
    """With a cheap PBKDF2 the four failure classes' medians are within 10%."""
    path = f"{__name__}.TimingPBKDF2"
    with override_settings(
        PASSWORD_HASHERS=[path],
        AUTHENTICATION_BACKENDS=["framework.contrib.auth.backends.ModelBackend"],
    ):
        _users()
        _check(_measure_until_settled(60), "pbkdf2-30000", admin_db.vendor)


@pytest.mark.slow
def test_login_timing_equal_default_hasher(admin_db):
    """With the real default hasher (1,000,000 iterations) the medians are within 10%."""
    with override_settings(
        PASSWORD_HASHERS=["framework.contrib.auth.hashers.PBKDF2PasswordHasher"],
        AUTHENTICATION_BACKENDS=["framework.contrib.auth.backends.ModelBackend"],
    ):
        assert PBKDF2PasswordHasher.iterations == 1_000_000
        _users()
        _check(_measure_until_settled(12), "pbkdf2-default", admin_db.vendor)
