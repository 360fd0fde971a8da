"""Password validation: the validators of AUTH_PASSWORD_VALIDATORS and the calls that run them.

``common-passwords.txt.gz`` beside this module holds the 20,000 most common passwords,
lowercased, one a line: the first 20,000 entries of the "passwords" frequency list
shipped by zxcvbn 4.5.0 on PyPI (MIT licence, Copyright (c) 2016 Daniel Wolf), itself
ranked from a public dump of leaked passwords.
"""

from __future__ import annotations

import functools
import gzip
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from framework.conf import settings
from framework.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from framework.core.signals import setting_changed
from framework.utils.html import format_html, format_html_join
from framework.utils.module_loading import import_string

__all__ = [
    "CommonPasswordValidator",
    "MinimumLengthValidator",
    "NumericPasswordValidator",
    "UserAttributeSimilarityValidator",
    "get_default_password_validators",
    "get_password_validators",
    "password_changed",
    "password_validators_help_text_html",
    "password_validators_help_texts",
    "validate_password",
]


@functools.cache
def get_default_password_validators() -> list[Any]:
    """Return the validators of AUTH_PASSWORD_VALIDATORS (built once per setting)."""
    return get_password_validators(settings.AUTH_PASSWORD_VALIDATORS)


def _reset_validators(*, setting: str, **kwargs: Any) -> None:
    if setting == "AUTH_PASSWORD_VALIDATORS":
        get_default_password_validators.cache_clear()


setting_changed.connect(
    _reset_validators, dispatch_uid="framework.contrib.auth.password_validation.reset"
)


def get_password_validators(validator_config: list[dict[str, Any]]) -> list[Any]:
    """Instantiate validators from dicts with ``NAME`` (dotted path) and ``OPTIONS`` (kwargs)."""
    validators = []
    for validator in validator_config:
        try:
            klass = import_string(validator["NAME"])
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"The module in NAME could not be imported: {validator['NAME']!r} ({exc}). "
                f"Check your AUTH_PASSWORD_VALIDATORS setting."
            ) from exc
        validators.append(klass(**validator.get("OPTIONS", {})))
    return validators


def validate_password(
    password: str, user: Any = None, password_validators: list[Any] | None = None
) -> None:
    """Run every validator on ``password``; raise one ValidationError with all their errors.

    ``user`` (optional) lets validators compare the password with its attributes.
    """
    if password_validators is None:
        password_validators = get_default_password_validators()
    errors = []
    for validator in password_validators:
        try:
            validator.validate(password, user)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)


def password_changed(
    password: str, user: Any = None, password_validators: list[Any] | None = None
) -> None:
    """Tell the validators that have a ``password_changed`` hook that the password changed."""
    if password_validators is None:
        password_validators = get_default_password_validators()
    for validator in password_validators:
        hook = getattr(validator, "password_changed", None)
        if hook is not None:
            hook(password, user)


def password_validators_help_texts(password_validators: list[Any] | None = None) -> list[str]:
    """Return the help text of each validator."""
    if password_validators is None:
        password_validators = get_default_password_validators()
    return [validator.get_help_text() for validator in password_validators]


def password_validators_help_text_html(password_validators: list[Any] | None = None) -> str:
    """Return the help texts as an HTML ``<ul>`` ("" when there are none)."""
    help_texts = password_validators_help_texts(password_validators)
    if not help_texts:
        return ""
    items = format_html_join("", "<li>{}</li>", ((text,) for text in help_texts))
    return format_html("<ul>{}</ul>", items)


class MinimumLengthValidator:
    """The password has at least ``min_length`` characters (default 8)."""

    def __init__(self, min_length: int = 8):
        self.min_length = min_length

    def __repr__(self) -> str:
        return f"<MinimumLengthValidator min_length={self.min_length}>"

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                self.get_error_message(),
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_error_message(self) -> str:
        noun = "character" if self.min_length == 1 else "characters"
        return f"This password is too short. It must contain at least %(min_length)d {noun}."

    def get_help_text(self) -> str:
        noun = "character" if self.min_length == 1 else "characters"
        return f"Your password must contain at least {self.min_length} {noun}."


def exceeds_maximum_length_ratio(password: str, max_similarity: float, value: str) -> bool:
    """True if ``password`` is so much longer than ``value`` that they can't be too similar.

    The quick ratio is at most ``2 * len(value) / (len(password) + len(value))``; this
    skips the comparison when that bound is already below ``max_similarity``.
    """
    pwd_len = len(password)
    value_len = len(value)
    return pwd_len >= 10 * value_len and value_len < max_similarity / 2 * pwd_len


class UserAttributeSimilarityValidator:
    """The password is not too similar to the user's attributes (username, names, email).

    Each attribute, and each of its parts split at non-word characters, is compared with
    ``difflib.SequenceMatcher.quick_ratio()``; ``max_similarity`` (0.1 to 1) is the ratio
    from which the password is refused.
    """

    DEFAULT_USER_ATTRIBUTES = ("username", "first_name", "last_name", "email")

    def __init__(self, user_attributes: Any = DEFAULT_USER_ATTRIBUTES, max_similarity: float = 0.7):
        self.user_attributes = user_attributes
        if max_similarity < 0.1:
            raise ValueError(f"max_similarity must be at least 0.1, not {max_similarity!r}.")
        self.max_similarity = max_similarity

    def __repr__(self) -> str:
        return f"<UserAttributeSimilarityValidator max_similarity={self.max_similarity}>"

    def validate(self, password: str, user: Any = None) -> None:
        if not user:
            return
        password = password.lower()
        for attribute_name in self.user_attributes:
            value = getattr(user, attribute_name, None)
            if not value or not isinstance(value, str):
                continue
            value_lower = value.lower()
            for part in [*re.split(r"\W+", value_lower), value_lower]:
                if not part or exceeds_maximum_length_ratio(password, self.max_similarity, part):
                    continue
                ratio = SequenceMatcher(a=password, b=part).quick_ratio()
                if ratio >= self.max_similarity:
                    raise ValidationError(
                        self.get_error_message(),
                        code="password_too_similar",
                        params={"verbose_name": _verbose_name(user, attribute_name)},
                    )

    def get_error_message(self) -> str:
        return "The password is too similar to the %(verbose_name)s."

    def get_help_text(self) -> str:
        return "Your password can’t be too similar to your other personal information."


def _verbose_name(user: Any, attribute_name: str) -> str:
    meta = getattr(user, "_meta", None)
    if meta is None:
        return attribute_name
    try:
        return str(meta.get_field(attribute_name).verbose_name)
    except FieldDoesNotExist:
        return attribute_name


@functools.cache
def _load_password_list(path: str) -> frozenset[str]:
    # Read once per process and path: instantiating the validator stays cheap.
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            lines = stream.read().splitlines()
    except gzip.BadGzipFile:
        with open(path, encoding="utf-8") as stream:
            lines = stream.read().splitlines()
    return frozenset(line.strip() for line in lines if line.strip())


class CommonPasswordValidator:
    """The password is not one of the 20,000 most common ones.

    ``password_list_path`` names another list: a text file, gzipped or not, one
    lowercase password a line. Comparison ignores case and surrounding spaces.
    """

    DEFAULT_PASSWORD_LIST_PATH = Path(__file__).resolve().parent / "common-passwords.txt.gz"

    def __init__(self, password_list_path: str | Path = DEFAULT_PASSWORD_LIST_PATH):
        self.password_list_path = password_list_path
        try:
            self.passwords = _load_password_list(str(password_list_path))
        except OSError as exc:
            raise ImproperlyConfigured(
                f"CommonPasswordValidator could not read its password list "
                f"{str(password_list_path)!r}: {exc}. Fix 'password_list_path' in the OPTIONS "
                f"of AUTH_PASSWORD_VALIDATORS."
            ) from exc

    def __repr__(self) -> str:
        return f"<CommonPasswordValidator {len(self.passwords)} passwords>"

    def validate(self, password: str, user: Any = None) -> None:
        if password.lower().strip() in self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self) -> str:
        return "This password is too common."

    def get_help_text(self) -> str:
        return "Your password can’t be a commonly used password."


class NumericPasswordValidator:
    """The password is not entirely made of digits."""

    def __repr__(self) -> str:
        return "<NumericPasswordValidator>"

    def validate(self, password: str, user: Any = None) -> None:
        if password.isdigit():
            raise ValidationError(self.get_error_message(), code="password_entirely_numeric")

    def get_error_message(self) -> str:
        return "This password is entirely numeric."

    def get_help_text(self) -> str:
        return "Your password can’t be entirely numeric."
