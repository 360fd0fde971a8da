"""Post-migrate step: ``create_default_site`` adds example.com when there is no site."""

from __future__ import annotations

from typing import Any

from framework.apps import apps as global_apps
from framework.db import DEFAULT_DB_ALIAS, connections, router


def create_default_site(
    app_config: Any,
    verbosity: int = 2,
    interactive: bool = True,
    using: str = DEFAULT_DB_ALIAS,
    apps: Any = global_apps,
    **kwargs: Any,
) -> None:
    """Create Site(pk=SITE_ID or 1, domain="example.com") if the table is empty."""
    from framework.conf import settings

    try:
        Site = apps.get_model("sites", "Site")
    except LookupError:
        return
    if not router.allow_migrate_model(using, Site):
        return
    if Site.objects.using(using).exists():
        return
    if verbosity >= 2:
        print("Creating example.com Site object")
    site_id = getattr(settings, "SITE_ID", None) or 1
    Site(pk=site_id, domain="example.com", name="example.com").save(using=using)
    # The explicit pk leaves the sequence behind on PostgreSQL: move it on.
    sequence_sql = connections[using].ops.sequence_reset_sql(None, [Site])
    if sequence_sql:
        with connections[using].cursor() as cursor:
            for command in sequence_sql:
                cursor.execute(command)
