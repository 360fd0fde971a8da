"""The syndication application's configuration."""

from __future__ import annotations

from framework.apps import AppConfig


class SyndicationConfig(AppConfig):
    """``framework.contrib.syndication``: RSS and Atom feeds; no models."""

    name = "framework.contrib.syndication"
    label = "syndication"
    verbose_name = "Syndication"
