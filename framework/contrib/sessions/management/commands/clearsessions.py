"""``manage.py clearsessions``: delete expired sessions (run it from cron)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from framework.conf import settings
from framework.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Can be run as a cronjob or directly to clean out expired sessions when the backend "
        "supports it."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        engine = import_module(settings.SESSION_ENGINE)
        try:
            engine.SessionStore.clear_expired()
        except NotImplementedError:
            self.stderr.write(
                f"Session engine {settings.SESSION_ENGINE!r} doesn't support clearing expired "
                f"sessions."
            )
