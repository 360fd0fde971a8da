"""PrimaryReplicaRouter: reads from replicas, writes and migrations to the primary."""

from __future__ import annotations

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.db import router, transaction
from framework.db.pinning import is_pinned, unpin_primary, use_primary, wrote
from framework.db.routers import PrimaryReplicaRouter, check_database_replicas
from tests.db_routers.conftest import insert
from tests.db_routers.models_app.models import Note, Tag


def titles(queryset) -> list[str]:
    return [note.title for note in queryset]


def test_reads_go_to_the_replica(primary_replica):
    """Without a write, a QuerySet reads from the replica alias."""
    insert("default", "on primary")
    insert("replica", "on replica")
    assert Note.objects.all().db == "replica"
    assert titles(Note.objects.all()) == ["on replica"]
    assert Note.objects.get(title="on replica")._state.db == "replica"
    assert not is_pinned()


def test_a_write_pins_reads_to_the_primary(primary_replica):
    """After create(), reads of the same request see the primary (read-your-writes)."""
    insert("replica", "stale")
    note = Note.objects.create(title="fresh")
    assert note._state.db == "default"
    assert is_pinned() and wrote()
    assert titles(Note.objects.all()) == ["fresh"]
    unpin_primary()
    assert titles(Note.objects.all()) == ["stale"]


@pytest.mark.parametrize("write", ["save", "delete", "update", "m2m"])
def test_every_kind_of_write_pins(primary_replica, write):
    """save(), delete(), QuerySet.update() and m2m changes each pin to the primary."""
    note = Note.objects.using("default").create(title="n")
    tag = Tag.objects.using("default").create(name="t")
    unpin_primary()
    if write == "save":
        note.title = "m"
        note.save()
    elif write == "delete":
        note.delete()
    elif write == "update":
        Note.objects.filter(pk=note.pk).update(title="u")
    else:
        note.tags.add(tag)
    assert is_pinned()
    assert Note.objects.all().db == "default"


def test_atomic_blocks_read_from_the_primary(primary_replica):
    """Inside transaction.atomic() reads use the primary, even before any write."""
    insert("default", "primary row")
    insert("replica", "replica row")
    with transaction.atomic():
        assert titles(Note.objects.all()) == ["primary row"]
    assert is_pinned() and not wrote()


def test_select_for_update_uses_the_primary(primary_replica):
    """select_for_update() is routed like a write."""
    assert Note.objects.select_for_update().db == "default"
    assert is_pinned()


def test_use_primary_block_restores_the_previous_state(primary_replica):
    """use_primary() pins within the block only."""
    with use_primary():
        assert Note.objects.all().db == "default"
    assert Note.objects.all().db == "replica"


def test_migrations_only_on_the_primary(primary_replica):
    """allow_migrate is True for default and False for the replica."""
    assert router.allow_migrate("default", "db_routers") is True
    assert router.allow_migrate("replica", "db_routers") is False


def test_relations_between_primary_and_replica_objects(primary_replica, settings):
    """Objects read from a replica can be related to objects of the primary."""
    insert("replica", "r")
    from_replica = Note.objects.get(title="r")
    on_primary = Tag.objects.using("default").create(name="p")
    assert router.allow_relation(from_replica, on_primary) is True
    outsider = Tag(name="x")
    outsider._state.db = "elsewhere"
    assert PrimaryReplicaRouter().allow_relation(from_replica, outsider) is None


def test_no_replicas_reads_from_the_primary(primary_replica, settings):
    """An empty DATABASE_REPLICAS sends everything to default."""
    settings.DATABASE_REPLICAS = []
    assert Note.objects.all().db == "default"


def test_several_replicas_are_all_used(primary_replica, settings):
    """Reads are spread over every replica alias."""
    settings.DATABASES = {**settings.DATABASES, "replica2": settings.DATABASES["replica"]}
    settings.DATABASE_REPLICAS = ["replica", "replica2"]
    seen = {Note.objects.all().db for _ in range(200)}
    assert seen == {"replica", "replica2"}


def test_unknown_replica_alias_is_named(primary_replica, settings):
    """A DATABASE_REPLICAS entry missing from DATABASES raises with the alias and the fix."""
    settings.DATABASE_REPLICAS = ["replcia"]
    with pytest.raises(ImproperlyConfigured, match=r"'replcia', which is not in DATABASES"):
        Note.objects.all().db  # noqa: B018


def test_replicas_as_a_string_is_refused(primary_replica, settings):
    """DATABASE_REPLICAS = "replica" (a string) raises with the list to write instead."""
    settings.DATABASE_REPLICAS = "replica"
    with pytest.raises(ImproperlyConfigured, match=r"write \['replica'\]"):
        Note.objects.all().db  # noqa: B018


def test_system_check_reports_a_bad_replica_alias(primary_replica, settings):
    """The routers.E001 check names the unknown alias; a valid set-up passes."""
    assert check_database_replicas() == []
    settings.DATABASE_REPLICAS = ["nope"]
    (error,) = check_database_replicas()
    assert error.id == "routers.E001"
    assert "'nope', which is not in DATABASES" in error.msg
