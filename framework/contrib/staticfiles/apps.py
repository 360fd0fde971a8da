"""The staticfiles app: default ignore patterns and its system checks."""

from __future__ import annotations

from framework.apps import AppConfig


class StaticFilesConfig(AppConfig):
    """``framework.contrib.staticfiles``."""

    name = "framework.contrib.staticfiles"
    label = "staticfiles"
    verbose_name = "Static Files"
    # Patterns collectstatic skips unless --no-default-ignore is given.
    ignore_patterns = ["CVS", ".*", "*~"]

    def ready(self) -> None:
        from framework.contrib.staticfiles import checks

        checks.register_checks()
