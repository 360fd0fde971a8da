"""Closed ORM gaps: Meta inheritance, join extra restrictions, private-field cascades."""

from __future__ import annotations

import pytest

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


def _library():
    from tests.orm.models_app.models import Author, Book, Publisher

    pub = Publisher.objects.create(name="Acme")
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    Book.objects.create(title="Long read", author=ann, pages=500, publisher=pub)
    Book.objects.create(title="Short read", author=ann, pages=50)
    Book.objects.create(title="Brief", author=bob, pages=40)
    return Author, Book, ann, bob


def test_filtered_relation_filter_through_alias(orm_db):
    """Filtering through a FilteredRelation alias only sees rows matching its condition."""
    Author, Book, ann, bob = _library()
    qs = Author.objects.annotate(
        long_books=models.FilteredRelation("books", condition=models.Q(books__pages__gte=300))
    )
    assert list(qs.filter(long_books__title__icontains="read").values_list("name", flat=True)) == [
        "Ann"
    ]
    assert list(qs.filter(long_books__title="Short read")) == []
    sql = str(qs.filter(long_books__title="x").query)
    assert "long_books" in sql and " ON " in sql


def test_filtered_relation_isnull_keeps_outer_join(orm_db):
    """``alias__isnull=True`` finds rows with no related row matching the condition."""
    Author, Book, ann, bob = _library()
    qs = Author.objects.annotate(
        long_books=models.FilteredRelation("books", condition=models.Q(books__pages__gte=300))
    ).filter(long_books__isnull=True)
    assert list(qs.values_list("name", flat=True)) == ["Bob"]


def test_filtered_relation_values_and_count(orm_db):
    """Values and aggregates over the alias use the conditional LEFT JOIN."""
    Author, Book, ann, bob = _library()
    qs = (
        Author.objects.annotate(
            short_books=models.FilteredRelation(
                "books", condition=models.Q(books__pages__lt=100) & ~models.Q(books__title="Brief")
            )
        )
        .annotate(n=models.Count("short_books"))
        .order_by("name")
    )
    assert [(a.name, a.n) for a in qs] == [("Ann", 1), ("Bob", 0)]
    titles = (
        Author.objects.annotate(
            short_books=models.FilteredRelation("books", condition=models.Q(books__pages__lt=100))
        )
        .order_by("name", "short_books__title")
        .values_list("name", "short_books__title")
    )
    assert list(titles) == [("Ann", "Short read"), ("Bob", "Brief")]


def test_filtered_relation_select_related_forward(orm_db):
    """select_related() through a forward FilteredRelation fills the cache (None if no match)."""
    Author, Book, ann, bob = _library()
    qs = (
        Book.objects.annotate(
            acme=models.FilteredRelation("publisher", condition=models.Q(publisher__name="Acme"))
        )
        .select_related("acme")
        .order_by("title")
    )
    books = list(qs)
    assert [b.title for b in books] == ["Brief", "Long read", "Short read"]
    assert books[1].acme.name == "Acme"
    assert books[0].acme is None


def test_filtered_relation_rejects_outside_condition(orm_db):
    """A condition about another relation is refused with the culprit named."""
    from tests.orm.models_app.models import Author

    with pytest.raises(ValueError, match="outside the 'books'"):
        Author.objects.annotate(
            b=models.FilteredRelation("books", condition=models.Q(mentor__name="x"))
        )


def test_filtered_relation_select_related_multi_valued_refused(orm_db):
    """select_related() through a reverse (multi-valued) FilteredRelation names the alias."""
    from framework.core.exceptions import FieldError
    from tests.orm.models_app.models import Author

    qs = Author.objects.annotate(
        b=models.FilteredRelation("books", condition=models.Q(books__pages__gt=1))
    ).select_related("b")
    with pytest.raises(FieldError, match="'b'"):
        list(qs)


def test_filtered_relation_nested_name_refused(orm_db):
    """Nested relation names are refused with a clear error."""
    from framework.db.utils import NotSupportedError
    from tests.orm.models_app.models import Book

    with pytest.raises(NotSupportedError, match="author__mentor"):
        Book.objects.annotate(m=models.FilteredRelation("author__mentor"))


def test_collate_orders_and_filters_with_the_named_collation(orm_db):
    """Collate() applies a collation per expression: byte order puts 'B' before 'a'."""
    from framework.db import connection
    from framework.db.models.functions import Collate
    from tests.orm.models_app.models import Author

    for name in ("a", "B", "c"):
        Author.objects.create(name=name)
    binary = "C" if connection.vendor == "postgresql" else "BINARY"
    names = Author.objects.order_by(Collate("name", binary)).values_list("name", flat=True)
    assert list(names) == ["B", "a", "c"]
    if connection.vendor == "sqlite":
        matched = Author.objects.annotate(n=Collate("name", "NOCASE")).filter(n="b")
        assert [a.name for a in matched] == ["B"]


def test_collate_refuses_odd_names():
    """A collation name that is not a plain identifier is refused before reaching SQL."""
    from framework.db.models.functions import Collate

    with pytest.raises(ValueError, match="Invalid collation name"):
        Collate("name", 'C" ; DROP TABLE x; --')


@isolate_apps("tests.orm.models_app")
def test_expression_index_and_unique_constraint(orm_db):
    """Index(Lower(...)) and UniqueConstraint(Lower(...)) are created, enforced and dropped."""
    from framework.db import IntegrityError, connection, transaction
    from framework.db.models.functions import Lower

    class Handle(models.Model):
        name = models.CharField(max_length=30)

        class Meta:
            app_label = "orm"
            db_table = "orm_gap_handle"
            indexes = [models.Index(Lower("name").desc(), "name", name="gap_handle_lower_idx")]
            constraints = [models.UniqueConstraint(Lower("name"), name="gap_handle_lower_uniq")]

    with connection.schema_editor() as editor:
        editor.create_model(Handle)
    try:
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, "orm_gap_handle")
        assert "gap_handle_lower_idx" in constraints
        assert "gap_handle_lower_uniq" in constraints
        Handle.objects.create(name="Ann")
        with pytest.raises(IntegrityError), transaction.atomic():
            Handle.objects.create(name="ANN")
        with connection.schema_editor() as editor:
            editor.remove_constraint(Handle, Handle._meta.constraints[0])
        Handle.objects.create(name="ANN")
        assert Handle.objects.count() == 2
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Handle)


def test_expression_index_needs_a_name():
    """An expression index without a name is refused."""
    from framework.db.models.functions import Lower

    with pytest.raises(ValueError, match="named to use expressions"):
        models.Index(Lower("name"))
