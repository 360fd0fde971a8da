"""A primary and a replica as two SQLite files, so that a read shows where it went.

The replica is a separate database (no replication): rows written to one are not seen
in the other, which is what lets a test prove which alias answered.
"""

from __future__ import annotations

import pytest

from framework.apps import apps
from framework.db import connections
from framework.db.pinning import unpin_primary

APP = "tests.db_routers.models_app"


@pytest.fixture
def primary_replica(tmp_path, settings):
    """DATABASES default + replica, PrimaryReplicaRouter, the app's tables on both."""
    apps.set_installed_apps([APP])
    settings.DATABASES = {
        "default": {"ENGINE": "framework.db.backends.sqlite3", "NAME": str(tmp_path / "p.db")},
        "replica": {"ENGINE": "framework.db.backends.sqlite3", "NAME": str(tmp_path / "r.db")},
    }
    settings.DATABASE_REPLICAS = ["replica"]
    settings.DATABASE_ROUTERS = ["framework.db.routers.PrimaryReplicaRouter"]
    for alias in ("default", "replica"):
        with connections[alias].schema_editor() as editor:
            for model in apps.get_app_config("db_routers").get_models():
                editor.create_model(model)
    unpin_primary()
    try:
        yield connections
    finally:
        unpin_primary()
        for alias in ("default", "replica"):
            connections[alias].close()
        apps.unset_installed_apps()


def insert(alias: str, title: str) -> None:
    """Insert a note with a raw cursor (no router, no signal, no pin)."""
    with connections[alias].cursor() as cursor:
        cursor.execute("INSERT INTO db_routers_note (title) VALUES (%s)", [title])
