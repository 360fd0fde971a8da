"""The messages app."""

from __future__ import annotations

from framework.apps import AppConfig


class MessagesConfig(AppConfig):
    """``framework.contrib.messages``."""

    name = "framework.contrib.messages"
    label = "messages"
    verbose_name = "Messages"
