"""The news app's configuration."""

from __future__ import annotations

from framework.apps import AppConfig


class NewsConfig(AppConfig):
    """``news``: the demo's publication."""

    name = "news"
    verbose_name = "Newsroom"
    default_auto_field = "framework.db.models.BigAutoField"
