"""Model CRUD and QuerySet basics on every backend."""

from __future__ import annotations

import datetime
import decimal
import uuid

import pytest

from framework.core.exceptions import FieldError, ValidationError
from framework.db import models
from tests.orm.models_app.models import (
    Author,
    Book,
    Genre,
    Note,
    ProxyAuthor,
    Publisher,
)


def make_books(n=3):
    author = Author.objects.create(name="Ann", age=40)
    pub = Publisher.objects.create(name="Penguin")
    books = [
        Book.objects.create(
            title=f"Book {i}",
            author=author,
            publisher=pub,
            pages=100 * i,
            price=decimal.Decimal(f"{i}.50"),
        )
        for i in range(1, n + 1)
    ]
    return author, pub, books


def test_create_assigns_pk_and_get_returns_equal_instance(orm_db):
    """create() inserts and sets the pk; get(pk=) returns an equal, fully loaded instance."""
    author = Author.objects.create(name="Ann", age=30)
    assert author.pk is not None
    fetched = Author.objects.get(pk=author.pk)
    assert fetched == author
    assert (fetched.name, fetched.age, fetched.email) == ("Ann", 30, "")
    assert fetched._state.adding is False
    assert fetched._state.db == "default"


def test_save_updates_existing_row_and_update_fields_limits_columns(orm_db):
    """save() on a loaded instance issues an UPDATE; update_fields restricts the SET list."""
    author = Author.objects.create(name="Ann", age=30)
    author.name = "Anne"
    author.save()
    assert Author.objects.get(pk=author.pk).name == "Anne"
    author.age = 31
    author.name = "ignored"
    author.save(update_fields=["age"])
    fresh = Author.objects.get(pk=author.pk)
    assert (fresh.name, fresh.age) == ("Anne", 31)
    assert Author.objects.count() == 1


def test_save_with_unknown_update_field_names_it(orm_db):
    """update_fields with an unknown name raises ValueError naming it."""
    author = Author.objects.create(name="Ann")
    with pytest.raises(ValueError, match="nope"):
        author.save(update_fields=["nope"])


def test_get_errors_name_the_model(orm_db):
    """get() raises Model.DoesNotExist / MultipleObjectsReturned with Django's messages."""
    with pytest.raises(Author.DoesNotExist, match="Author matching query does not exist."):
        Author.objects.get(name="nobody")
    Author.objects.create(name="A")
    Author.objects.create(name="A")
    with pytest.raises(
        Author.MultipleObjectsReturned,
        match="get\\(\\) returned more than one Author -- it returned 2!",
    ):
        Author.objects.get(name="A")


def test_filter_exclude_lookups(orm_db):
    """The common lookups select the expected rows."""
    author, pub, books = make_books(3)
    qs = Book.objects.all()
    assert [b.title for b in qs.filter(pages__gt=100)] == ["Book 2", "Book 3"]
    assert [b.title for b in qs.filter(pages__gte=200, pages__lte=200)] == ["Book 2"]
    assert qs.filter(title__contains="ook 1").count() == 1
    assert qs.filter(title__icontains="BOOK").count() == 3
    assert qs.filter(title__startswith="Book").count() == 3
    assert qs.filter(title__istartswith="book").count() == 3
    assert qs.filter(title__endswith=" 3").count() == 1
    assert qs.filter(title__iendswith="K 3").count() == 1
    assert qs.filter(title__iexact="book 2").count() == 1
    assert qs.filter(pages__in=[100, 300]).count() == 2
    assert qs.filter(pages__in=[]).count() == 0
    assert qs.filter(pages__range=(150, 350)).count() == 2
    assert qs.filter(rating__isnull=True).count() == 3
    assert qs.filter(title__regex=r"^Book [12]$").count() == 2
    assert qs.filter(title__iregex=r"^book [12]$").count() == 2
    assert qs.exclude(pages=100).count() == 2
    assert qs.filter(author__name="Ann").count() == 3
    assert Author.objects.filter(books__pages=300).get() == author


def test_like_wildcards_in_values_are_literal(orm_db):
    """%, _ and backslash in a contains value match literally."""
    author = Author.objects.create(name="a")
    Book.objects.create(title="100% sure", author=author)
    Book.objects.create(title="1000 sure", author=author)
    Book.objects.create(title="a_b", author=author)
    Book.objects.create(title="axb", author=author)
    Book.objects.create(title="back\\slash", author=author)
    assert [b.title for b in Book.objects.filter(title__contains="0%")] == ["100% sure"]
    assert [b.title for b in Book.objects.filter(title__contains="_")] == ["a_b"]
    assert [b.title for b in Book.objects.filter(title__icontains="K\\S")] == ["back\\slash"]


def test_q_objects_combine(orm_db):
    """Q supports &, |, ^ and ~."""
    make_books(3)
    Q = models.Q
    qs = Book.objects.all()
    assert qs.filter(Q(pages=100) | Q(pages=300)).count() == 2
    assert qs.filter(Q(pages__gte=100) & ~Q(pages=200)).count() == 2
    assert qs.filter(Q(pages__gte=200) ^ Q(pages__lte=200)).count() == 2
    assert qs.filter(~Q(title="Book 1"), pages__lt=300).count() == 1


def test_order_by_slicing_first_last_reverse(orm_db):
    """Ordering, slices, first(), last(), reverse() and Meta.ordering."""
    make_books(3)
    assert [b.title for b in Book.objects.all()] == ["Book 1", "Book 2", "Book 3"]
    assert [b.pages for b in Book.objects.order_by("-pages")] == [300, 200, 100]
    assert [b.title for b in Book.objects.all()[1:3]] == ["Book 2", "Book 3"]
    assert Book.objects.all()[0].title == "Book 1"
    assert Book.objects.first().title == "Book 1"
    assert Book.objects.last().title == "Book 3"
    assert Book.objects.reverse()[0].title == "Book 3"
    assert Book.objects.filter(pages=999).first() is None
    with pytest.raises(IndexError):
        Book.objects.filter(pages=999)[0]
    with pytest.raises(ValueError):
        Book.objects.all()[-1]


def test_queryset_is_lazy_and_caches(orm_db, settings):
    """Building a QuerySet runs no query; evaluating runs one; re-iterating uses the cache."""
    make_books(2)
    orm_db.queries_log.clear()
    settings.DEBUG = True
    qs = Book.objects.filter(pages__gt=0).order_by("pages")
    assert len(orm_db.queries) == 0
    list(qs)
    list(qs)
    assert len(qs) == 2
    assert len(orm_db.queries) == 1


def test_values_and_values_list(orm_db):
    """values() yields dicts, values_list() tuples, flat values and namedtuples."""
    make_books(2)
    assert list(Book.objects.values("title", "pages")) == [
        {"title": "Book 1", "pages": 100},
        {"title": "Book 2", "pages": 200},
    ]
    assert list(Book.objects.values_list("title", "pages")) == [("Book 1", 100), ("Book 2", 200)]
    assert list(Book.objects.values_list("pages", flat=True)) == [100, 200]
    row = Book.objects.values_list("title", "pages", named=True).first()
    assert (row.title, row.pages) == ("Book 1", 100)
    # As in Django, Meta.ordering columns take part in DISTINCT unless order_by() clears them.
    assert list(Book.objects.values("author__name").order_by().distinct()) == [
        {"author__name": "Ann"}
    ]


def test_update_and_delete_return_counts(orm_db):
    """QuerySet.update() returns the row count; delete() returns (total, per model)."""
    author, pub, books = make_books(3)
    assert Book.objects.filter(pages__gte=200).update(rating=4.5) == 2
    assert Book.objects.filter(rating=4.5).count() == 2
    assert Book.objects.update(pages=models.F("pages") + 1) == 3
    assert sorted(Book.objects.values_list("pages", flat=True)) == [101, 201, 301]
    deleted, per_model = Book.objects.filter(pages=101).delete()
    assert deleted == 1 and per_model == {"orm.Book": 1}


def test_bulk_create_sets_pks(orm_db):
    """bulk_create() inserts in one statement and sets primary keys."""
    author = Author.objects.create(name="A")
    books = Book.objects.bulk_create([Book(title=f"T{i}", author=author) for i in range(5)])
    assert all(b.pk is not None for b in books)
    assert Book.objects.count() == 5


def test_bulk_update(orm_db):
    """bulk_update() writes each object's own value."""
    author, pub, books = make_books(3)
    for b in books:
        b.pages = b.pages + 5
    assert Book.objects.bulk_update(books, ["pages"]) == 3
    assert sorted(Book.objects.values_list("pages", flat=True)) == [105, 205, 305]


def test_get_or_create_and_update_or_create(orm_db):
    """get_or_create/update_or_create return (obj, created)."""
    obj, created = Author.objects.get_or_create(name="X", defaults={"age": 3})
    assert created and obj.age == 3
    obj2, created = Author.objects.get_or_create(name="X", defaults={"age": 4})
    assert not created and obj2.pk == obj.pk
    obj3, created = Author.objects.update_or_create(name="X", defaults={"age": 5})
    assert not created and Author.objects.get(pk=obj.pk).age == 5


def test_exists_count_in_bulk_contains(orm_db):
    """exists(), count(), in_bulk() and contains()."""
    author, pub, books = make_books(2)
    assert Book.objects.exists()
    assert not Book.objects.filter(pages=0).exists()
    assert Book.objects.count() == 2
    bulk = Book.objects.in_bulk([books[0].pk])
    assert list(bulk) == [books[0].pk]
    assert Book.objects.contains(books[1])
    assert Book.objects.none().count() == 0


def test_field_types_round_trip(orm_db):
    """Every core field type stores and loads its Python value."""
    note = Note.objects.create(
        text="hello",
        duration=datetime.timedelta(hours=1, microseconds=5),
        at=datetime.time(12, 30, 1),
        blob=b"\x00\x01",
        ip="::ffff:10.0.0.1",
        url="https://example.com/x",
    )
    fresh = Note.objects.get(pk=note.pk)
    assert isinstance(fresh.uid, uuid.UUID) and fresh.uid == note.uid
    assert fresh.duration == datetime.timedelta(hours=1, microseconds=5)
    assert fresh.at == datetime.time(12, 30, 1)
    assert bytes(fresh.blob) == b"\x00\x01"
    assert fresh.created_at.tzinfo is not None
    assert fresh.created_at == note.created_at
    assert Note.objects.get(uid=note.uid) == note
    author = Author.objects.create(name="a")
    book = Book.objects.create(
        title="t",
        author=author,
        price="12.30",
        rating=1.5,
        published=datetime.date(2020, 2, 29),
        created=datetime.datetime(2020, 1, 1, 10, 0, tzinfo=datetime.UTC),
    )
    fresh = Book.objects.get(pk=book.pk)
    assert fresh.price == decimal.Decimal("12.30")
    assert fresh.published == datetime.date(2020, 2, 29)
    assert fresh.created == datetime.datetime(2020, 1, 1, 10, tzinfo=datetime.UTC)
    assert fresh.genre == Genre.FICTION and fresh.get_genre_display() == "Fiction"


def test_date_lookups(orm_db):
    """year/month/day/week_day/hour lookups on dates and datetimes."""
    author = Author.objects.create(name="a")
    Book.objects.create(
        title="a",
        author=author,
        published=datetime.date(2021, 3, 4),
        created=datetime.datetime(2021, 3, 4, 13, 5, tzinfo=datetime.UTC),
    )
    Book.objects.create(title="b", author=author, published=datetime.date(2022, 5, 6))
    assert Book.objects.filter(published__year=2021).count() == 1
    assert Book.objects.filter(published__year__gte=2021).count() == 2
    assert Book.objects.filter(published__month=5).get().title == "b"
    assert Book.objects.filter(published__day=4).get().title == "a"
    assert Book.objects.filter(published__week_day=5).get().title == "a"  # Thursday
    assert Book.objects.filter(created__hour=13).get().title == "a"
    assert Book.objects.filter(created__minute=5).get().title == "a"
    assert Book.objects.filter(created__date=datetime.date(2021, 3, 4)).get().title == "a"


def test_unknown_field_error_lists_choices(orm_db):
    """A bad keyword raises FieldError listing the valid choices, as Django does."""
    with pytest.raises(FieldError) as exc:
        Author.objects.filter(nope=1)
    message = str(exc.value)
    assert message.startswith("Cannot resolve keyword 'nope' into field. Choices are: ")
    assert "age" in message and "books" in message and "name" in message


def test_unsupported_lookup_error(orm_db):
    """An unknown lookup on a field names it."""
    with pytest.raises(FieldError, match="Unsupported lookup 'foo' for CharField"):
        Author.objects.filter(name__foo="x")


def test_full_clean_reports_field_and_unique_errors(orm_db):
    """full_clean() collects blank, choices, max_length and unique errors per field."""
    Publisher.objects.create(name="P")
    pub = Publisher(name="P", country="TOO LONG")
    with pytest.raises(ValidationError) as exc:
        pub.full_clean()
    errors = exc.value.message_dict
    assert "country" in errors
    pub.country = "FR"
    with pytest.raises(ValidationError) as exc:
        pub.full_clean()
    assert exc.value.message_dict == {"name": ["Publisher with this Name already exists."]}


def test_proxy_model_shares_table_and_has_own_ordering(orm_db):
    """A proxy reads the concrete model's table with its own Meta.ordering."""
    Author.objects.create(name="a")
    Author.objects.create(name="b")
    assert [a.name for a in ProxyAuthor.objects.all()] == ["b", "a"]
    assert isinstance(ProxyAuthor.objects.first(), ProxyAuthor)


def test_refresh_from_db_and_deferred_fields(orm_db):
    """only()/defer() leave fields unloaded until accessed; refresh_from_db reloads."""
    author = Author.objects.create(name="a", age=5)
    partial = Author.objects.only("name").get(pk=author.pk)
    assert partial.get_deferred_fields() == {"age", "email", "mentor_id"}
    assert partial.age == 5
    Author.objects.filter(pk=author.pk).update(age=6)
    author.refresh_from_db()
    assert author.age == 6
    assert Author.objects.defer("age").get(pk=author.pk).get_deferred_fields() == {"age"}


def test_hostile_annotation_alias_is_rejected(orm_db):
    """Aliases with quotes, semicolons, whitespace or comments raise ValueError."""
    for alias in ['x"; DROP TABLE orm_author; --', "a b", "a--", "a/*"]:
        with pytest.raises(ValueError, match="Column aliases cannot contain"):
            Author.objects.annotate(**{alias: models.Value(1)})
    assert Author.objects.count() == 0


def test_model_init_rejects_unknown_kwargs():
    """Model() with an unknown keyword raises TypeError naming it."""
    with pytest.raises(TypeError, match="Author\\(\\) got unexpected keyword arguments: 'x'"):
        Author(x=1)
