"""A session engine whose store keeps SessionBase's clear_expired (not implemented)."""

from __future__ import annotations

from framework.contrib.sessions.backends.base import SessionBase


class SessionStore(SessionBase):
    pass
