"""``PasswordResetTokenGenerator``: one-use, expiring tokens for password reset links.

A token is ``<base36 timestamp>-<HMAC>``; the HMAC covers the user's pk, password
hash, last login and e-mail, so it stops working once the password changes or the
user logs in. Valid for PASSWORD_RESET_TIMEOUT seconds; SECRET_KEY_FALLBACKS verify.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from framework.conf import settings
from framework.utils.crypto import constant_time_compare, salted_hmac
from framework.utils.http import base36_to_int, int_to_base36


class PasswordResetTokenGenerator:
    """Make and check password reset tokens."""

    key_salt = "framework.contrib.auth.tokens.PasswordResetTokenGenerator"
    algorithm: str | None = None
    _secret: str | None = None
    _secret_fallbacks: list[str] | None = None

    def __init__(self):
        self.algorithm = self.algorithm or "sha256"

    @property
    def secret(self) -> str:
        return self._secret or settings.SECRET_KEY

    @secret.setter
    def secret(self, value: str) -> None:
        self._secret = value

    @property
    def secret_fallbacks(self) -> list[str]:
        if self._secret_fallbacks is None:
            return list(settings.SECRET_KEY_FALLBACKS)
        return self._secret_fallbacks

    @secret_fallbacks.setter
    def secret_fallbacks(self, value: list[str]) -> None:
        self._secret_fallbacks = value

    def make_token(self, user: Any) -> str:
        """A token for ``user``, valid until used or PASSWORD_RESET_TIMEOUT passes."""
        return self._make_token_with_timestamp(user, self._num_seconds(self._now()), self.secret)

    def check_token(self, user: Any, token: Any) -> bool:
        """True if ``token`` is a valid, unexpired token for ``user``."""
        if not (user and token) or not isinstance(token, str):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= settings.PASSWORD_RESET_TIMEOUT

    def _make_token_with_timestamp(self, user: Any, timestamp: int, secret: str) -> str:
        ts_b36 = int_to_base36(timestamp)
        hash_string = salted_hmac(
            self.key_salt,
            self._make_hash_value(user, timestamp),
            secret=secret,
            algorithm=self.algorithm,
        ).hexdigest()[::2]
        return f"{ts_b36}-{hash_string}"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        """What the token depends on: a change to any of these invalidates it."""
        login_timestamp = (
            "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        )
        email_field = user.get_email_field_name()
        email = getattr(user, email_field, "") or ""
        return f"{user.pk}{user.password}{login_timestamp}{timestamp}{email}"

    def _num_seconds(self, dt: datetime) -> int:
        return int((dt - datetime(2001, 1, 1)).total_seconds())

    def _now(self) -> datetime:
        # Naive UTC, independent of USE_TZ and TIME_ZONE.
        return datetime.now()


default_token_generator = PasswordResetTokenGenerator()
