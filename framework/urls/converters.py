"""Path converters: the ``<int:pk>`` types of ``path()`` routes, and ``register_converter``.

A converter has a ``regex`` class attribute, ``to_python(value)`` (raise ValueError to
reject the match) and ``to_url(value)`` (raise ValueError to reject a reverse candidate).
"""

from __future__ import annotations

import uuid
import warnings
from typing import Any


class IntConverter:
    """Non-negative integers."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: Any) -> str:
        return str(value)


class StringConverter:
    """Any non-empty text without a slash (the default)."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: Any) -> str:
        return value


class UUIDConverter:
    """A lowercase, dashed UUID, given to the view as ``uuid.UUID``."""

    regex = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def to_python(self, value: str) -> uuid.UUID:
        return uuid.UUID(value)

    def to_url(self, value: Any) -> str:
        return str(value)


class SlugConverter(StringConverter):
    """ASCII letters, digits, hyphens and underscores."""

    regex = "[-a-zA-Z0-9_]+"


class PathConverter(StringConverter):
    """Any non-empty text, slashes included."""

    regex = ".+"


DEFAULT_CONVERTERS: dict[str, Any] = {
    "int": IntConverter(),
    "path": PathConverter(),
    "slug": SlugConverter(),
    "str": StringConverter(),
    "uuid": UUIDConverter(),
}

REGISTERED_CONVERTERS: dict[str, Any] = {}


def register_converter(converter: type, type_name: str) -> None:
    """Make ``converter`` (a class) usable in routes as ``<type_name:...>``.

    Register before the URLconf that uses it is imported. Overriding a name already
    registered still works but warns, as in Django 5.2.
    """
    if type_name in REGISTERED_CONVERTERS or type_name in DEFAULT_CONVERTERS:
        warnings.warn(
            f"Converter {type_name!r} is already registered. Overriding a registered "
            f"converter is deprecated; register {converter.__name__} under a new name.",
            DeprecationWarning,
            stacklevel=2,
        )
    REGISTERED_CONVERTERS[type_name] = converter()


def get_converters() -> dict[str, Any]:
    """Every converter by name, registered ones overriding the defaults."""
    return {**DEFAULT_CONVERTERS, **REGISTERED_CONVERTERS}


def get_converter(raw_converter: str) -> Any:
    """The converter instance registered as ``raw_converter`` (KeyError if unknown)."""
    try:
        return REGISTERED_CONVERTERS[raw_converter]
    except KeyError:
        return DEFAULT_CONVERTERS[raw_converter]
