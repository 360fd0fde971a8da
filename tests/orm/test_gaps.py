"""Closed ORM gaps: Meta inheritance, join extra restrictions, private-field cascades."""

from __future__ import annotations

from framework.db import models
from framework.test.utils import isolate_apps
from tests.orm.models_app.models import Shelf, ShelfItem, Sticker


@isolate_apps("tests.orm.models_app")
def test_child_meta_inheriting_abstract_meta_is_concrete():
    """``class Meta(Parent.Meta)`` inherits options but not ``abstract``."""

    class Base(models.Model):
        name = models.CharField(max_length=10)

        class Meta:
            abstract = True
            ordering = ["name"]
            verbose_name = "base thing"

    class Child(Base):
        class Meta(Base.Meta):
            app_label = "orm"
            db_table = "orm_meta_child"

    assert Base._meta.abstract is True
    assert Child._meta.abstract is False
    assert Child._meta.ordering == ["name"]
    assert Child._meta.verbose_name == "base thing"
    assert Child._meta.db_table == "orm_meta_child"
    assert [f.name for f in Child._meta.fields] == ["id", "name"]


@isolate_apps("tests.orm.models_app")
def test_abstract_child_of_abstract_stays_abstract_when_asked():
    """A child that sets ``abstract = True`` itself stays abstract; its children do not."""

    class Base(models.Model):
        class Meta:
            abstract = True
            app_label = "orm"

    class Middle(Base):
        class Meta(Base.Meta):
            abstract = True

    class Leaf(Middle):
        class Meta(Middle.Meta):
            pass

    assert Middle._meta.abstract is True
    assert Leaf._meta.abstract is False


def test_auth_user_is_concrete():
    """The default User model is a concrete, swappable model."""
    from framework.contrib.auth.models import User

    assert User._meta.abstract is False
    assert User._meta.swappable == "AUTH_USER_MODEL"


def _shelves():
    active = Shelf.objects.create(name="open", active=True)
    closed = Shelf.objects.create(name="closed", active=False)
    ShelfItem.objects.create(label="a", shelf=active)
    ShelfItem.objects.create(label="b", shelf=closed)
    return active, closed


def test_join_extra_restriction_forward(orm_db):
    """A field's get_extra_restriction() is ANDed into the ON clause of forward joins."""
    _shelves()
    labels = ShelfItem.objects.filter(shelf__name__in=["open", "closed"]).values_list(
        "label", flat=True
    )
    assert sorted(labels) == ["a"]
    sql = str(ShelfItem.objects.filter(shelf__name="open").query)
    on_clause = sql.split(" ON ", 1)[1].split(" WHERE ")[0]
    assert "active" in on_clause


def test_join_extra_restriction_reverse(orm_db):
    """The reverse join (through the related name) carries the same restriction."""
    _shelves()
    names = Shelf.objects.filter(items__label__in=["a", "b"]).values_list("name", flat=True)
    assert list(names) == ["open"]


def test_join_extra_restriction_in_subquery(orm_db):
    """The restriction follows relabelled aliases when the query becomes a subquery."""
    active, closed = _shelves()
    inner = ShelfItem.objects.filter(shelf__name__in=["open", "closed"]).values("pk")
    assert list(ShelfItem.objects.filter(pk__in=inner).values_list("label", flat=True)) == ["a"]


def test_collector_cascades_through_private_field(orm_db):
    """Deleting an object deletes what its private field's bulk_related_objects() returns."""
    active, closed = _shelves()
    keep, drop = ShelfItem.objects.order_by("label")
    Sticker.objects.create(item_id=keep.pk, text="kept")
    Sticker.objects.create(item_id=drop.pk, text="gone")
    Sticker.objects.create(item_id=drop.pk, text="gone too")
    deleted, per_model = drop.delete()
    assert deleted == 3
    assert per_model == {"orm.ShelfItem": 1, "orm.Sticker": 2}
    assert list(Sticker.objects.values_list("text", flat=True)) == ["kept"]


def test_queryset_delete_cascades_through_private_field(orm_db):
    """QuerySet.delete() collects private-field relations too (no fast delete)."""
    active, closed = _shelves()
    for item in ShelfItem.objects.all():
        Sticker.objects.create(item_id=item.pk, text=item.label)
    ShelfItem.objects.filter(label="a").delete()
    assert list(Sticker.objects.values_list("text", flat=True)) == ["b"]
