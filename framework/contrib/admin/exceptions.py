"""The admin's exceptions (Django's names)."""

from __future__ import annotations

from framework.core.exceptions import SuspiciousOperation


class AlreadyRegistered(Exception):
    """The model is already registered on this admin site."""


class NotRegistered(Exception):
    """The model is not registered on this admin site."""


class DisallowedModelAdminLookup(SuspiciousOperation):
    """A query-string lookup the ModelAdmin does not allow."""


class DisallowedModelAdminToField(SuspiciousOperation):
    """A ``_to_field`` value that is not a related field."""
