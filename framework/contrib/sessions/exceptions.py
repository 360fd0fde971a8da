"""The exceptions of the sessions framework."""

from __future__ import annotations

from framework.core.exceptions import BadRequest, SuspiciousOperation


class InvalidSessionKey(SuspiciousOperation):
    """A session key holds characters that no generated key has (e.g. ``../``)."""


class SuspiciousSession(SuspiciousOperation):
    """The session data or key looks tampered with."""


class SessionInterrupted(BadRequest):
    """The session was deleted by another request before this one could save it."""
