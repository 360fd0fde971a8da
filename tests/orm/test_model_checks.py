"""Model system checks: Model.check() and the ``models`` tag of the checks framework."""

from __future__ import annotations

import pytest

from framework.core import checks
from framework.db import models
from framework.test.utils import isolate_apps

pytestmark = pytest.mark.usefixtures("orm_db")


def _ids(model) -> list:
    return [m.id for m in model.check()]


@isolate_apps("tests.orm.models_app")
def test_reserved_field_names():
    """Names ending in '_', containing '__', or 'pk' are refused (fields.E001-E003)."""

    class Bad(models.Model):
        trailing_ = models.IntegerField()
        dou__ble = models.IntegerField()
        pk = models.IntegerField()

        class Meta:
            app_label = "orm"

    assert sorted(_ids(Bad)) == ["fields.E001", "fields.E002", "fields.E003"]


@isolate_apps("tests.orm.models_app")
def test_set_null_without_null():
    """on_delete=SET_NULL on a non-null field is fields.E320, with the fix as hint."""

    class Target(models.Model):
        class Meta:
            app_label = "orm"

    class Ref(models.Model):
        target = models.ForeignKey(Target, on_delete=models.SET_NULL)

        class Meta:
            app_label = "orm"

    [error] = Ref.check()
    assert error.id == "fields.E320"
    assert "null=True" in error.hint
    assert error.obj is Ref._meta.get_field("target")


@isolate_apps("tests.orm.models_app")
def test_unique_together_and_ordering_references():
    """Missing fields in unique_together (E012) and ordering (E015) name the culprit."""

    class Thing(models.Model):
        name = models.CharField(max_length=10)
        tags = models.ManyToManyField("self")

        class Meta:
            app_label = "orm"
            unique_together = [("name", "missing"), ("name", "tags")]
            ordering = ["-nope", "name", "id__gt", "?"]

    messages = Thing.check()
    by_id = {m.id: m.msg for m in messages}
    assert sorted(by_id) == ["models.E012", "models.E013", "models.E015"]
    assert "'missing'" in by_id["models.E012"]
    assert "'nope'" in by_id["models.E015"]


@isolate_apps("tests.orm.models_app")
def test_ordering_must_be_a_list():
    """A string ordering is models.E014."""

    class Thing(models.Model):
        class Meta:
            app_label = "orm"
            ordering = "id"

    assert _ids(Thing) == ["models.E014"]


@isolate_apps("tests.orm.models_app")
def test_ordering_through_relations_is_accepted():
    """Ordering by a related field or by pk raises nothing."""

    class Parent(models.Model):
        name = models.CharField(max_length=10)

        class Meta:
            app_label = "orm"

    class Kid(models.Model):
        parent = models.ForeignKey(Parent, on_delete=models.CASCADE)

        class Meta:
            app_label = "orm"
            ordering = ["parent__name", "-pk", "parent_id"]

    assert Kid.check() == []


@isolate_apps("tests.orm.models_app")
def test_reverse_accessor_clashes():
    """Reverse accessors and query names clashing with fields or each other (E302-E305)."""

    class Target(models.Model):
        ref = models.IntegerField()

        class Meta:
            app_label = "orm"

    class Ref(models.Model):
        a = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="ref")
        b = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="dup")
        c = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="dup")

        class Meta:
            app_label = "orm"

    ids = _ids(Ref)
    assert ids.count("fields.E302") == 1
    assert ids.count("fields.E303") == 1
    assert ids.count("fields.E304") == 2
    assert ids.count("fields.E305") == 2
    [e302] = [m for m in Ref.check() if m.id == "fields.E302"]
    assert "'Target.ref'" in e302.msg and "orm.Ref.a" in e302.msg


@isolate_apps("tests.orm.models_app")
def test_field_clashes_and_id():
    """A non-primary 'id' field (E004) and a duplicate db column (E007) are reported."""

    class Thing(models.Model):
        id = models.IntegerField()
        code = models.IntegerField(db_column="x")
        other = models.IntegerField(db_column="x")

        class Meta:
            app_label = "orm"

    ids = _ids(Thing)
    assert "models.E004" in ids
    assert "models.E007" in ids
    assert set(ids) == {"models.E004", "models.E007"}


def test_models_tag_is_registered_and_test_models_are_clean():
    """The ``models`` tag runs Model.check(); the shipped test models raise nothing."""
    from framework.apps import apps

    assert checks.tag_exists(checks.Tags.models)
    messages = checks.run_checks(
        app_configs=[apps.get_app_config("orm")], tags=[checks.Tags.models]
    )
    assert messages == []
