"""Signals around ``migrate`` (and ``flush``): pre_migrate and post_migrate, per app."""

from __future__ import annotations

import sys
from typing import Any

from framework.apps import apps as global_apps
from framework.db import models


def _emit(signal: Any, name: str, verbosity: int, interactive: bool, db: str, **kwargs: Any):
    for app_config in global_apps.get_app_configs():
        if getattr(app_config, "models_module", None) is None:
            continue
        if verbosity >= 2:
            stdout = kwargs.get("stdout", sys.stdout)
            stdout.write(f"Running {name} handlers for application {app_config.label}\n")
        signal.send(
            sender=app_config,
            app_config=app_config,
            verbosity=verbosity,
            interactive=interactive,
            using=db,
            **kwargs,
        )


def emit_pre_migrate_signal(verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
    """Send ``pre_migrate`` once per app config with a models module."""
    _emit(models.signals.pre_migrate, "pre-migrate", verbosity, interactive, db, **kwargs)


def emit_post_migrate_signal(verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
    """Send ``post_migrate`` once per app config with a models module."""
    _emit(models.signals.post_migrate, "post-migrate", verbosity, interactive, db, **kwargs)


def sql_flush(
    style: Any, connection: Any, reset_sequences: bool = True, allow_cascade: bool = False
) -> list[str]:
    """The statements emptying every table of the installed models on ``connection``."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return connection.ops.sql_flush(
        style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
    )
