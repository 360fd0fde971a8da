"""Aggregates, annotate, F/Value/Case/When, subqueries, functions, windows and JSON."""

from __future__ import annotations

import datetime
import decimal

import pytest

from framework.core.exceptions import FieldError
from framework.db import models
from framework.db.models import functions
from tests.orm.models_app.models import Author, Book, Note, Publisher, Tag


@pytest.fixture
def library(orm_db):
    ann = Author.objects.create(name="Ann", age=40)
    bob = Author.objects.create(name="Bob", age=30)
    Author.objects.create(name="Cy", age=None)
    pub = Publisher.objects.create(name="P")
    Book.objects.create(
        title="a1",
        author=ann,
        pages=100,
        price=decimal.Decimal("10.00"),
        rating=4.0,
        publisher=pub,
        published=datetime.date(2020, 1, 5),
    )
    Book.objects.create(
        title="a2",
        author=ann,
        pages=300,
        price=decimal.Decimal("20.00"),
        rating=2.0,
        published=datetime.date(2021, 6, 1),
    )
    Book.objects.create(
        title="b1",
        author=bob,
        pages=200,
        price=decimal.Decimal("5.50"),
        rating=None,
        publisher=pub,
        published=datetime.date(2021, 7, 9),
    )
    return ann, bob


def test_aggregate(library):
    """aggregate() returns a dict with Django's default aliases."""
    result = Book.objects.aggregate(
        models.Count("id"),
        models.Sum("pages"),
        models.Avg("pages"),
        models.Max("price"),
        models.Min("rating"),
    )
    assert result == {
        "id__count": 3,
        "pages__sum": 600,
        "pages__avg": 200.0,
        "price__max": decimal.Decimal("20.00"),
        "rating__min": 2.0,
    }
    assert Book.objects.filter(pages=0).aggregate(total=models.Sum("pages")) == {"total": None}
    assert Book.objects.filter(pages=0).aggregate(total=models.Sum("pages", default=0)) == {
        "total": 0
    }
    assert Book.objects.aggregate(n=models.Count("author", distinct=True)) == {"n": 2}


def test_aggregate_over_sliced_queryset_uses_subquery(library):
    """Aggregating a sliced QuerySet aggregates only the slice."""
    qs = Book.objects.order_by("pages")[:2]
    assert qs.aggregate(total=models.Sum("pages")) == {"total": 300}
    assert qs.count() == 2


def test_annotate_count_and_filter_on_annotation(library):
    """annotate(Count) groups by the model; filter on the annotation uses HAVING."""
    counts = {a.name: a.n for a in Author.objects.annotate(n=models.Count("books"))}
    assert counts == {"Ann": 2, "Bob": 1, "Cy": 0}
    assert [a.name for a in Author.objects.annotate(n=models.Count("books")).filter(n__gte=2)] == [
        "Ann"
    ]
    assert list(
        Author.objects.annotate(n=models.Count("books"))
        .order_by("-n", "name")
        .values_list("name", "n")
    ) == [("Ann", 2), ("Bob", 1), ("Cy", 0)]


def test_values_annotate_groups_by_values(library):
    """values().annotate() groups by the listed fields."""
    rows = list(
        Book.objects.values("author__name")
        .annotate(total=models.Sum("pages"))
        .order_by("author__name")
    )
    assert rows == [{"author__name": "Ann", "total": 400}, {"author__name": "Bob", "total": 200}]


def test_aggregate_filter_argument(library):
    """Aggregates accept filter=Q(...)."""
    result = (
        Author.objects.annotate(big=models.Count("books", filter=models.Q(books__pages__gt=150)))
        .order_by("name")
        .values_list("name", "big")
    )
    assert list(result) == [("Ann", 1), ("Bob", 1), ("Cy", 0)]


def test_f_expressions_and_arithmetic(library):
    """F() references columns in filters, annotations and updates."""
    assert Book.objects.filter(pages__gt=models.F("price") * 10).count() == 2
    doubled = Book.objects.annotate(double=models.F("pages") * 2).order_by("pages")
    assert [b.double for b in doubled] == [200, 400, 600]
    Book.objects.filter(title="a1").update(pages=models.F("pages") + 1)
    assert Book.objects.get(title="a1").pages == 101
    assert Book.objects.filter(author__age=models.F("author__age")).count() == 3


def test_case_when_and_value(library):
    """Case/When chooses per row; Value adds a constant."""
    qs = Book.objects.annotate(
        size=models.Case(
            models.When(pages__gte=250, then=models.Value("long")),
            models.When(pages__gte=150, then=models.Value("medium")),
            default=models.Value("short"),
        ),
        one=models.Value(1),
    ).order_by("pages")
    assert [(b.size, b.one) for b in qs] == [("short", 1), ("medium", 1), ("long", 1)]


def test_subquery_exists_outerref(library):
    """Subquery/Exists with OuterRef correlate with the outer query."""
    newest = Book.objects.filter(author=models.OuterRef("pk")).order_by("-published")
    authors = Author.objects.annotate(
        newest_title=models.Subquery(newest.values("title")[:1]),
        has_books=models.Exists(Book.objects.filter(author=models.OuterRef("pk"))),
    ).order_by("name")
    assert [(a.name, a.newest_title, a.has_books) for a in authors] == [
        ("Ann", "a2", True),
        ("Bob", "b1", True),
        ("Cy", None, False),
    ]
    assert [
        a.name
        for a in Author.objects.filter(
            ~models.Exists(Book.objects.filter(author=models.OuterRef("pk")))
        )
    ] == ["Cy"]
    assert Book.objects.filter(author__in=Author.objects.filter(age__gt=35)).count() == 2


def test_functions(library):
    """Common database functions."""
    ann = Author.objects.annotate(
        lower=functions.Lower("name"),
        upper=functions.Upper("name"),
        length=functions.Length("name"),
        age_or_zero=functions.Coalesce("age", 0),
        full=functions.Concat("name", models.Value("!")),
        first=functions.Substr("name", 1, 2),
    ).get(name="Ann")
    assert (ann.lower, ann.upper, ann.length, ann.age_or_zero, ann.full, ann.first) == (
        "ann",
        "ANN",
        3,
        40,
        "Ann!",
        "An",
    )
    cy = Author.objects.annotate(age_or_zero=functions.Coalesce("age", 0)).get(name="Cy")
    assert cy.age_or_zero == 0
    assert Author.objects.filter(name__lower="ann").count() == 1
    years = list(
        Book.objects.annotate(y=functions.ExtractYear("published"))
        .order_by("published")
        .values_list("y", flat=True)
    )
    assert years == [2020, 2021, 2021]
    months = list(
        Book.objects.annotate(m=functions.TruncMonth("published"))
        .order_by("published")
        .values_list("m", flat=True)
    )
    assert months[0] == datetime.date(2020, 1, 1)
    assert Book.objects.dates("published", "year") is not None
    assert list(Book.objects.dates("published", "year")) == [
        datetime.date(2020, 1, 1),
        datetime.date(2021, 1, 1),
    ]
    rounded = Book.objects.annotate(r=functions.Round("rating")).filter(title="a1").get()
    assert rounded.r == 4


def test_window_functions(library):
    """Window(RowNumber/Rank/Sum) with partition_by and order_by."""
    qs = Book.objects.annotate(
        row=models.Window(functions.RowNumber(), order_by=models.F("pages").asc()),
        running=models.Window(
            models.Sum("pages"), partition_by=[models.F("author")], order_by="pages"
        ),
    ).order_by("pages")
    assert [(b.title, b.row, b.running) for b in qs] == [
        ("a1", 1, 100),
        ("b1", 2, 200),
        ("a2", 3, 400),
    ]


def test_union_intersection_difference(library):
    """Set operations between QuerySets."""
    small = Book.objects.filter(pages__lt=150)
    big = Book.objects.filter(pages__gt=250)
    assert sorted(b.title for b in small.union(big)) == ["a1", "a2"]
    assert list(Book.objects.filter(pages__gte=100).intersection(big)) == list(big)
    assert sorted(b.title for b in Book.objects.all().difference(small)) == ["a2", "b1"]
    assert [b.title for b in small.union(big).order_by("-pages")] == ["a2", "a1"]


def test_aggregate_requires_alias_for_complex_expression(library):
    """An unnamed complex aggregate raises TypeError."""
    with pytest.raises(TypeError, match="Complex aggregates require an alias"):
        Book.objects.aggregate(models.Sum(models.F("pages") * 2))


def test_order_by_unknown_field_raises(library):
    """order_by() with an unknown field raises FieldError."""
    with pytest.raises(FieldError, match="Cannot resolve keyword 'nope'"):
        Book.objects.order_by("nope")


def test_duration_and_datetime_arithmetic(orm_db):
    """F('datetime') + timedelta and filtering on durations."""
    note = Note.objects.create(text="x", duration=datetime.timedelta(minutes=5))
    later = Note.objects.annotate(
        later=models.ExpressionWrapper(
            models.F("created_at") + datetime.timedelta(hours=1),
            output_field=models.DateTimeField(),
        )
    ).get(pk=note.pk)
    assert later.later - note.created_at == datetime.timedelta(hours=1)
    assert Note.objects.filter(duration__gt=datetime.timedelta(minutes=1)).count() == 1


class TestJSON:
    @pytest.fixture
    def docs(self, orm_db):
        author = Author.objects.create(name="a")
        data = [
            {"owner": {"name": "ann", "tags": ["x", "y"]}, "n": 1, "flag": True},
            {"owner": {"name": "bob"}, "n": 5, "list": [1, 2, 3], "flag": False},
            {"weird key'; DROP TABLE orm_book; --": "v", "n": None},
            [1, 2],
        ]
        for i, d in enumerate(data):
            Book.objects.create(title=f"j{i}", author=author, data=d)

    def titles(self, qs):
        return sorted(b.title for b in qs)

    def test_key_lookups(self, docs):
        """Key transforms nest and compare to JSON values."""
        assert self.titles(Book.objects.filter(data__owner__name="ann")) == ["j0"]
        assert self.titles(Book.objects.filter(data__n=5)) == ["j1"]
        assert self.titles(Book.objects.filter(data__n__gt=2)) == ["j1"]
        assert self.titles(Book.objects.filter(data__flag=True)) == ["j0"]
        assert self.titles(Book.objects.filter(data__list__1=2)) == ["j1"]
        assert self.titles(Book.objects.filter(data__owner__name__startswith="b")) == ["j1"]
        assert self.titles(Book.objects.filter(data__owner__name__icontains="NN")) == ["j0"]
        assert self.titles(Book.objects.filter(data__0=1)) == ["j3"]

    def test_has_key_and_contains(self, docs):
        """has_key/has_keys/has_any_keys and contains/contained_by."""
        assert self.titles(Book.objects.filter(data__has_key="list")) == ["j1"]
        assert self.titles(Book.objects.filter(data__has_keys=["n", "flag"])) == ["j0", "j1"]
        assert self.titles(Book.objects.filter(data__has_any_keys=["list", "flag"])) == ["j0", "j1"]
        assert self.titles(Book.objects.filter(data__contains={"n": 5})) == ["j1"]
        assert self.titles(Book.objects.filter(data__contains={"owner": {"tags": ["y"]}})) == ["j0"]
        assert self.titles(Book.objects.filter(data__owner__isnull=False)) == ["j0", "j1"]

    def test_hostile_key_is_data(self, docs):
        """A key with quotes, semicolons and comment markers is matched, not executed."""
        key = "weird key'; DROP TABLE orm_book; --"
        assert self.titles(Book.objects.filter(**{f"data__{key}": "v"})) == ["j2"]
        assert self.titles(Book.objects.filter(data__has_key=key)) == ["j2"]
        # A double quote cannot be addressed in SQLite's JSON paths: no match, no error.
        assert list(Book.objects.filter(**{'data__a"b': 1})) == []
        assert Book.objects.count() == 4

    def test_values_of_key(self, docs):
        """values() on a key transform returns decoded JSON."""
        values = list(
            Book.objects.filter(title__in=["j0", "j1"])
            .order_by("title")
            .values_list("data__owner__name", flat=True)
        )
        assert values == ["ann", "bob"]


def test_tags_count_annotation_on_m2m(orm_db):
    """Counting across a many-to-many relation."""
    author = Author.objects.create(name="a")
    b = Book.objects.create(title="b", author=author)
    t1, t2 = Tag.objects.create(name="t1"), Tag.objects.create(name="t2")
    b.tags.add(t1, t2)
    assert Book.objects.annotate(n=models.Count("tags")).get().n == 2
    assert Tag.objects.annotate(n=models.Count("books")).filter(n=1).count() == 2


def test_datetime_lookups_use_current_time_zone(orm_db, settings):
    """With USE_TZ, date parts are computed in TIME_ZONE (as Django's current time zone)."""
    settings.TIME_ZONE = "America/Chicago"
    author = Author.objects.create(name="a")
    created = datetime.datetime(2021, 3, 4, 2, 0, tzinfo=datetime.UTC)
    Book.objects.create(title="tz", author=author, created=created)
    assert Book.objects.filter(created__day=3, created__hour=20).count() == 1
    assert Book.objects.filter(created__date=datetime.date(2021, 3, 3)).count() == 1
    day = Book.objects.annotate(d=functions.TruncDay("created")).get().d
    assert day.astimezone(datetime.UTC) == datetime.datetime(2021, 3, 3, 6, 0, tzinfo=datetime.UTC)


def test_cast_greatest_now(orm_db):
    """Cast, Greatest/Least and Now work on both backends."""
    author = Author.objects.create(name="a", age=7)
    row = Author.objects.annotate(
        age_text=functions.Cast("age", models.CharField(max_length=10)),
        top=functions.Greatest("age", models.Value(10)),
        low=functions.Least("age", models.Value(10)),
        now=functions.Now(),
    ).get(pk=author.pk)
    assert (row.age_text, row.top, row.low) == ("7", 10, 7)
    assert isinstance(row.now, datetime.datetime)
