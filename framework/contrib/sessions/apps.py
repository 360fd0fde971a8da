"""The sessions application's configuration."""

from __future__ import annotations

from framework.apps import AppConfig


class SessionsConfig(AppConfig):
    """``framework.contrib.sessions``: session backends, middleware and ``clearsessions``."""

    name = "framework.contrib.sessions"
    verbose_name = "Sessions"
