"""``AbstractBaseUser`` and ``BaseUserManager``: the minimum a custom user model builds on.

Kept free of the permission models so that a project can swap the user model
(AUTH_USER_MODEL) without pulling in ``auth.models``.
"""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any

from framework.conf import settings
from framework.db import models
from framework.utils.crypto import salted_hmac
from framework.utils.deferred import lazy_module

# Hashing and the password validators serve logins and password changes: they load
# with the first one, not with the user model at start-up.
hashers = lazy_module("framework.contrib.auth.hashers")
password_validation = lazy_module("framework.contrib.auth.password_validation")


def now() -> datetime.datetime:
    """The current time, aware (UTC) when USE_TZ: the default of date fields in auth."""
    if settings.USE_TZ:
        return datetime.datetime.now(tz=datetime.UTC)
    return datetime.datetime.now()


class BaseUserManager(models.Manager):
    """Manager base of user models: e-mail normalisation and natural keys."""

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        """Lowercase the domain part of ``email`` (the local part is case-sensitive)."""
        email = email or ""
        try:
            email_name, domain_part = email.strip().rsplit("@", 1)
        except ValueError:
            return email
        return f"{email_name}@{domain_part.lower()}"

    def get_by_natural_key(self, username: str) -> Any:
        """Return the user whose USERNAME_FIELD is ``username``."""
        return self.get(**{self.model.USERNAME_FIELD: username})


class AbstractBaseUser(models.Model):
    """A user with a hashed password and a last-login time; no permissions."""

    password = models.CharField("password", max_length=128)
    last_login = models.DateTimeField("last login", blank=True, null=True)

    is_active = True
    REQUIRED_FIELDS: list[str] = []

    # The raw password set by set_password(), passed to the validators after save().
    _password: str | None = None

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.get_username()

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        if self._password is not None:
            password_validation.password_changed(self._password, self)
            self._password = None

    def get_username(self) -> str:
        """The value of the field named by USERNAME_FIELD."""
        return getattr(self, self.USERNAME_FIELD)

    def clean(self) -> None:
        setattr(self, self.USERNAME_FIELD, self.normalize_username(self.get_username()))

    def natural_key(self) -> tuple[str]:
        return (self.get_username(),)

    @property
    def is_anonymous(self) -> bool:
        """Always False for a real user."""
        return False

    @property
    def is_authenticated(self) -> bool:
        """Always True for a real user (use it to tell users from AnonymousUser)."""
        return True

    def set_password(self, raw_password: str | None) -> None:
        """Hash and set ``raw_password`` (None: an unusable password); does not save."""
        self.password = hashers.make_password(raw_password)
        self._password = raw_password

    def check_password(self, raw_password: str) -> bool:
        """True if ``raw_password`` is right; re-hashes and saves an outdated hash."""

        def setter(raw_password: str) -> None:
            self.set_password(raw_password)
            # The password did not change: skip the validators' password_changed().
            self._password = None
            self.save(update_fields=["password"])

        return hashers.check_password(raw_password, self.password, setter)

    def set_unusable_password(self) -> None:
        """Make check_password() always fail (for users authenticated elsewhere)."""
        self.password = hashers.make_password(None)

    def has_usable_password(self) -> bool:
        """False after set_unusable_password()."""
        return hashers.is_password_usable(self.password)

    def _session_auth_hash(self, secret: str | None = None) -> str:
        key_salt = "framework.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(key_salt, self.password, secret=secret, algorithm="sha256").hexdigest()

    def get_session_auth_hash(self) -> str:
        """An HMAC of the password hash, stored in the session: a new password ends sessions."""
        return self._session_auth_hash()

    def get_session_auth_fallback_hash(self):
        """The session auth hashes under each of SECRET_KEY_FALLBACKS."""
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash(secret=fallback_secret)

    @classmethod
    def get_email_field_name(cls) -> str:
        """The name of the e-mail field (EMAIL_FIELD, default "email")."""
        try:
            return cls.EMAIL_FIELD
        except AttributeError:
            return "email"

    @classmethod
    def normalize_username(cls, username: Any) -> Any:
        """NFKC-normalise ``username`` so that look-alike characters compare equal."""
        return unicodedata.normalize("NFKC", username) if isinstance(username, str) else username
