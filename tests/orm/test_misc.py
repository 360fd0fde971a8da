"""Routers and aliases, iterator(), init signals, choices enums, validators, raw SQL."""

from __future__ import annotations

import decimal

import pytest

from framework.core import validators
from framework.core.exceptions import ValidationError
from framework.db import connections, models, router, transaction
from framework.db.models import signals
from tests.orm.models_app.models import Author, Book, Genre, Note, Tag


def test_iterator_streams_in_chunks(orm_db):
    """iterator() yields every row without filling the result cache."""
    Tag.objects.bulk_create([Tag(name=f"t{i}") for i in range(250)])
    qs = Tag.objects.order_by("name")
    names = [t.name for t in qs.iterator(chunk_size=50)]
    assert len(names) == 250 and names[0] == "t0"
    assert qs._result_cache is None


def test_iterator_uses_server_side_cursor_on_postgresql(orm_tx):
    """On PostgreSQL iterator() runs through a named (server-side) cursor."""
    Tag.objects.bulk_create([Tag(name=f"t{i}") for i in range(30)])
    with transaction.atomic():
        it = Tag.objects.iterator(chunk_size=10)
        first = next(it)
        assert first.name.startswith("t")
        if orm_tx.vendor == "postgresql":
            with orm_tx.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_cursors WHERE name LIKE %s", ["_framework_curs_%"]
                )
                assert cursor.fetchone()[0] == 1
        assert len(list(it)) == 29


def test_using_and_db_manager_and_router(orm_db, settings):
    """using()/db_manager() pick the alias; DATABASE_ROUTERS decide otherwise."""

    class Router:
        def db_for_read(self, model, **hints):
            return "default" if model is Tag else None

        def db_for_write(self, model, **hints):
            return None

        def allow_relation(self, obj1, obj2, **hints):
            return True

    assert Tag.objects.using("default").db == "default"
    assert Tag.objects.db_manager("default").get_queryset().db == "default"
    settings.DATABASE_ROUTERS = [Router()]
    assert router.db_for_read(Tag) == "default"
    assert router.db_for_write(Tag) == "default"
    tag = Tag.objects.create(name="x")
    assert tag._state.db == "default"
    assert router.allow_relation(tag, tag)


def test_unknown_alias_raises(orm_db):
    """An alias missing from DATABASES raises ConnectionDoesNotExist."""
    from framework.db import ConnectionDoesNotExist

    with pytest.raises(ConnectionDoesNotExist, match="'nope'"):
        connections["nope"]


def test_init_signals_sent_only_with_receivers(orm_db):
    """pre_init/post_init fire for Model() and for rows loaded from the database."""
    seen = []

    def post_init(sender, instance, **kwargs):
        seen.append(instance.name)

    Tag.objects.create(name="a")
    signals.post_init.connect(post_init, sender=Tag)
    try:
        Tag(name="b")
        list(Tag.objects.all())
    finally:
        signals.post_init.disconnect(post_init, sender=Tag)
    assert seen == ["b", "a"]


def test_choices_enums():
    """TextChoices/IntegerChoices expose values, labels and choices."""

    class Size(models.IntegerChoices):
        SMALL = 1, "Small"
        LARGE = 2

    assert Size.choices == [(1, "Small"), (2, "Large")]
    assert Size.LARGE.label == "Large" and Size.SMALL == 1
    assert Genre.values == ["F", "S"] and Genre.labels == ["Fiction", "Science"]
    assert "F" in Genre


def test_validators():
    """Core validators accept good values and reject bad ones with codes."""
    validators.validate_email("ann@example.com")
    validators.URLValidator()("https://example.com:8080/a?b=c")
    validators.URLValidator()("http://[::1]/")
    validators.validate_slug("a-b_c")
    validators.validate_ipv46_address("10.0.0.1")
    validators.MaxValueValidator(5)(5)
    validators.DecimalValidator(4, 2)(decimal.Decimal("12.34"))
    bad = [
        (validators.validate_email, "not-an-email"),
        (validators.URLValidator(), "javascript:alert(1)"),
        (validators.URLValidator(), "http://exa mple.com"),
        (validators.validate_slug, "a b"),
        (validators.validate_ipv46_address, "999.1.1.1"),
        (validators.MinValueValidator(1), 0),
        (validators.MaxLengthValidator(2), "abc"),
        (validators.MinLengthValidator(2), "a"),
        (validators.DecimalValidator(4, 2), decimal.Decimal("123.4")),
        (validators.ProhibitNullCharactersValidator(), "a\x00b"),
    ]
    for validator, value in bad:
        with pytest.raises(ValidationError):
            validator(value)


def test_email_validator_is_linear_on_long_input():
    """A long hostile address is rejected quickly (no catastrophic backtracking)."""
    import time

    start = time.monotonic()
    with pytest.raises(ValidationError):
        validators.validate_email("a" * 5000 + "@" + "b." * 5000)
    with pytest.raises(ValidationError):
        validators.URLValidator()("http://" + "a." * 10000 + "!")
    assert time.monotonic() - start < 1


def test_model_field_validation_messages(orm_db):
    """clean_fields() reports choice and email errors with Django's messages."""
    book = Book(title="t", genre="X", author=Author(name="a"))
    with pytest.raises(ValidationError) as exc:
        book.clean_fields(exclude=["author"])
    assert exc.value.message_dict["genre"] == ["Value 'X' is not a valid choice."]
    author = Author(name="a", email="nope")
    with pytest.raises(ValidationError) as exc:
        author.full_clean()
    assert exc.value.message_dict == {"email": ["Enter a valid email address."]}


def test_validate_constraints_check(orm_db):
    """validate_constraints() reports a violated CheckConstraint."""
    author = Author.objects.create(name="a")
    book = Book(title="t", author=author, pages=200000)
    with pytest.raises(ValidationError) as exc:
        book.validate_constraints()
    assert "book_pages_sane" in str(exc.value)
    Book(title="t", author=author, pages=10).validate_constraints()


def test_raw_queryset(orm_db):
    """Manager.raw() builds instances from trusted SQL with parameters."""
    Author.objects.create(name="Ann", age=3)
    rows = list(Author.objects.raw("SELECT * FROM orm_author WHERE name = %s", ["Ann"]))
    assert [(a.name, a.age) for a in rows] == [("Ann", 3)]


def test_auto_now_fields(orm_db):
    """auto_now_add is set once; auto_now on every save."""
    note = Note.objects.create(text="x")
    created, updated = note.created_at, note.updated_at
    note.text = "y"
    note.save()
    assert note.created_at == created and note.updated_at >= updated


def test_select_for_update(orm_tx):
    """select_for_update() needs a transaction and returns the rows."""
    Tag.objects.create(name="lock")
    with transaction.atomic():
        assert [t.name for t in Tag.objects.select_for_update()] == ["lock"]
    if orm_tx.vendor == "postgresql":
        from framework.db.transaction import TransactionManagementError

        with pytest.raises(TransactionManagementError):
            list(Tag.objects.select_for_update())


def test_pickle_round_trip(orm_db):
    """Instances and evaluated QuerySets pickle."""
    import pickle

    Tag.objects.create(name="p")
    tag = Tag.objects.get()
    assert pickle.loads(pickle.dumps(tag)) == tag
    qs = Tag.objects.all()
    assert list(pickle.loads(pickle.dumps(qs))) == [tag]


def test_test_database_creation_on_sqlite():
    """creation.create_test_db()/destroy_test_db() on an in-memory SQLite alias."""
    from framework.db.backends.sqlite3.base import DatabaseWrapper
    from framework.db.utils import ConnectionHandler

    conf = ConnectionHandler.configure_settings(
        {"default": {"ENGINE": "framework.db.backends.sqlite3", "NAME": "x.db"}}
    )["default"]
    wrapper = DatabaseWrapper(conf, "default")
    name = wrapper.creation._get_test_db_name()
    assert "mode=memory" in name


def test_custom_managers_and_querysets(orm_db):
    """Custom get_queryset(), manager methods, as_manager() and chained custom methods."""
    author = Author.objects.create(name="a")
    Book.objects.create(title="short", author=author, pages=10)
    Book.objects.create(title="long", author=author, pages=500)
    assert list(Book.long_books.all().values_list("title", flat=True)) == ["long"]
    assert Book.long_books.titles() == ["long"]
    assert Book._default_manager is Book.objects
    Tag.objects.create(name="apple")
    Tag.objects.create(name="banana")
    assert [t.name for t in Tag.objects.starting_with("a")] == ["apple"]
    assert Tag.objects.filter(name__contains="an").starting_with("b").count() == 1
    with pytest.raises(AttributeError, match="isn't accessible via Tag instances"):
        Tag(name="x").objects  # noqa: B018


def test_db_default_and_custom_field(orm_db):
    """db_default is filled by the database; a custom field converts both ways."""
    note = Note.objects.create(text="x", csv=["a", "b"])
    assert note.level == 3
    fresh = Note.objects.get(pk=note.pk)
    assert fresh.level == 3 and fresh.csv == ["a", "b"]
    assert Note.objects.filter(csv=["a", "b"]).count() == 1
    name, path, args, kwargs = Note._meta.get_field("csv").deconstruct()
    assert (name, path) == ("csv", "tests.orm.models_app.models.CommaSeparatedField")


def test_latest_earliest_and_meta(orm_db):
    """latest()/earliest() use Meta.get_latest_by; _meta exposes Django's API."""
    import datetime

    author = Author.objects.create(name="a")
    Book.objects.create(title="old", author=author, published=datetime.date(2000, 1, 1))
    Book.objects.create(title="new", author=author, published=datetime.date(2020, 1, 1))
    assert Book.objects.latest().title == "new"
    assert Book.objects.earliest().title == "old"
    meta = Book._meta
    assert meta.label == "orm.Book" and meta.db_table == "orm_book"
    assert meta.verbose_name == "book" and meta.verbose_name_plural == "books"
    assert meta.get_field("author").related_model is Author
    assert meta.pk.name == "id"
    assert Author._meta.get_field("books").related_model is Book
    assert {f.name for f in Author._meta.get_fields()} >= {"books", "name", "mentees"}


def test_bulk_create_conflict_options(orm_db):
    """ignore_conflicts skips duplicates; update_conflicts upserts."""
    from tests.orm.models_app.models import Publisher

    Publisher.objects.create(name="P", country="FR")
    Publisher.objects.bulk_create(
        [Publisher(name="P", country="DE"), Publisher(name="Q", country="US")],
        ignore_conflicts=True,
    )
    assert dict(Publisher.objects.values_list("name", "country")) == {"P": "FR", "Q": "US"}
    Publisher.objects.bulk_create(
        [Publisher(name="P", country="IT")],
        update_conflicts=True,
        update_fields=["country"],
        unique_fields=["name"],
    )
    assert Publisher.objects.get(name="P").country == "IT"


def test_explain_and_get_next_by(orm_db):
    """explain() returns the plan text; get_next_by_FOO walks a date field."""
    import datetime

    author = Author.objects.create(name="a")
    b1 = Book.objects.create(title="1", author=author, published=datetime.date(2000, 1, 1))
    b2 = Book.objects.create(title="2", author=author, published=datetime.date(2001, 1, 1))
    assert isinstance(Book.objects.filter(pages=1).explain(), str)
    assert b1.published < b2.published
    n1 = Note.objects.create(text="1")
    n2 = Note.objects.create(text="2")
    assert n1.get_next_by_created_at() == n2
    assert n2.get_previous_by_created_at() == n1
    with pytest.raises(Note.DoesNotExist):
        n2.get_next_by_created_at()


def test_distinct_on_fields_postgresql_only(orm_db):
    """distinct('field') is DISTINCT ON on PostgreSQL and refused elsewhere."""
    from framework.core.exceptions import ImproperlyConfigured

    author = Author.objects.create(name="a")
    Book.objects.create(title="x", author=author, pages=1)
    Book.objects.create(title="x", author=author, pages=2)
    qs = Book.objects.order_by("title", "pages").distinct("title")
    if orm_db.vendor == "postgresql":
        assert [b.pages for b in qs] == [1]
    else:
        with pytest.raises(ImproperlyConfigured, match="DISTINCT ON"):
            list(qs)


def test_file_field_saves_through_storage(orm_db, settings, tmp_path):
    """FileField stores the name; the file goes to default storage under upload_to."""
    from framework.core.files.base import ContentFile
    from tests.orm.models_app.models import Attachment

    settings.MEDIA_ROOT = str(tmp_path)
    settings.MEDIA_URL = "/media/"
    att = Attachment(title="a")
    att.file.save("hello.txt", ContentFile(b"hi"), save=True)
    fresh = Attachment.objects.get(pk=att.pk)
    assert fresh.file.name == "docs/hello.txt"
    assert fresh.file.url == "/media/docs/hello.txt"
    with fresh.file.open() as fh:
        assert fh.read() == b"hi"
    assert (tmp_path / "docs" / "hello.txt").read_bytes() == b"hi"
