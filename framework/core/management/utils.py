"""Helpers for management commands."""

from __future__ import annotations

import secrets

from framework.core.checks.security.base import SECRET_KEY_INSECURE_PREFIX

_SECRET_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)"


def get_random_secret_key() -> str:
    """Return 50 random characters, suitable for the SECRET_KEY setting."""
    return "".join(secrets.choice(_SECRET_KEY_CHARS) for _ in range(50))


def get_insecure_secret_key() -> str:
    """A random SECRET_KEY marked as generated, so that ``check --deploy`` flags it."""
    return SECRET_KEY_INSECURE_PREFIX + get_random_secret_key()
