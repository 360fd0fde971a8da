"""Cached statements for simple filter(field=value, ...).count() / .exists() shapes
(framework/db/models/filter_shapes.py) and the connection's reusable statement cursor."""

from __future__ import annotations

import datetime
import decimal

import pytest

from framework.core.exceptions import FieldError
from framework.db import IntegrityError, connections, transaction
from framework.db.models import Lookup, query_shapes
from framework.db.models.fields import IntegerField
from framework.test.query_capture import CaptureQueriesContext
from framework.test.utils import override_settings
from tests.orm.models_app.models import Author, Book


def _plans(model, connection):
    return query_shapes.valid_plan(connections[connection.alias], "filter", model)


def _make_authors():
    Author.objects.bulk_create(
        [Author(name=f"a{i}", email=f"a{i}@example.com", age=i % 3) for i in range(9)]
    )


def test_count_shape_is_cached_and_right_for_each_value(orm_db):
    """The second count() of a shape reuses the first one's SQL with its own parameters."""
    _make_authors()
    assert Author.objects.filter(age=0).count() == 3
    plans = _plans(Author, orm_db)
    assert plans is not None and plans.sql[("count", (("age",), (int,)))]
    with CaptureQueriesContext(orm_db) as ctx:
        counts = [Author.objects.filter(age=age).count() for age in (0, 1, 2, 3)]
        assert Author.objects.filter(age__gte=1, name__lt="a5").count() == 3
        assert Author.objects.filter(age__gte=1, name__lt="a9").count() == 6
    assert counts == [3, 3, 3, 0]
    assert len(ctx) == 6 and all("COUNT(*)" in q["sql"] for q in ctx)
    assert _plans(Author, orm_db) is plans


def test_exists_shape_is_cached_and_right(orm_db):
    """exists() of a simple shape runs the cached SELECT ... LIMIT 1 with each value."""
    _make_authors()
    assert Author.objects.filter(name="a1").exists()
    assert plans_key_cached(orm_db, "exists", ("name",))
    assert not Author.objects.filter(name="nobody").exists()
    assert Author.objects.filter(name="a8").exists()


def plans_key_cached(connection, kind, names):
    plans = _plans(Author, connection)
    return any(k[0] == kind and k[1][0] == names and v for k, v in plans.sql.items())


def test_shapes_cover_dates_decimals_floats_and_strings_on_books(orm_db):
    """Values of every plain type are prepared as the lookup would prepare them."""
    ann = Author.objects.create(name="Ann")
    Book.objects.create(
        title="T", author=ann, price=decimal.Decimal("9.50"), rating=4.5,
        published=datetime.date(2020, 1, 2),
    )  # fmt: skip
    for _ in range(2):
        assert Book.objects.filter(price=decimal.Decimal("9.50")).count() == 1
        assert Book.objects.filter(price__gt="9.00").count() == 1
        assert Book.objects.filter(rating__lte=4.5).count() == 1
        assert Book.objects.filter(published=datetime.date(2020, 1, 2)).count() == 1
        assert Book.objects.filter(published__gt="2020-01-02").count() == 0
        assert Book.objects.filter(title="T", pages=0).exists()


def test_values_that_change_the_sql_take_the_general_path(orm_db):
    """None (IS NULL), booleans and out-of-range integers aren't cached shapes."""
    _make_authors()
    Author.objects.create(name="nobody", age=None)
    assert Author.objects.filter(age=1).count() == 3
    assert Author.objects.filter(age=None).count() == 1
    with CaptureQueriesContext(orm_db) as ctx:
        assert Author.objects.filter(age=2**70).count() == 0
        # The general path's answer: the condition is always true and dropped.
        assert Author.objects.filter(age__lt=2**70).count() == 10
    assert len(ctx) == 1 and "WHERE" not in ctx[0]["sql"]
    assert Author.objects.filter(age=1.0).count() == 3


def test_bad_names_and_values_raise_at_filter_time(orm_db):
    """Errors are the general path's, raised by filter() itself."""
    with pytest.raises(FieldError, match="nope"):
        Author.objects.filter(nope=1)
    with pytest.raises(ValueError, match="age"):
        Author.objects.filter(age="x")
    with pytest.raises(FieldError):
        Author.objects.filter(name__nolookup="x")


def test_deferred_filter_keeps_every_other_queryset_behaviour(orm_db):
    """Iterating, chaining or slicing a shaped filter builds the query as usual."""
    _make_authors()
    qs = Author.objects.filter(age=1)
    assert sorted(a.name for a in qs) == ["a1", "a4", "a7"]
    assert qs.count() == 3  # from the result cache
    assert Author.objects.filter(age=1).order_by("-name")[0].name == "a7"
    assert Author.objects.filter(age=1).exclude(name="a1").count() == 2
    assert Author.objects.filter(age=1).filter(name="a4").count() == 1
    assert list(Author.objects.filter(age=1).values_list("name", flat=True).order_by("name")) == [
        "a1",
        "a4",
        "a7",
    ]
    assert "WHERE" in str(Author.objects.filter(age=1).query)


def test_plans_are_dropped_when_a_lookup_is_registered(orm_db):
    """Registering a lookup anywhere invalidates the compiled statements."""
    _make_authors()
    Author.objects.filter(age=1).count()
    plans = _plans(Author, orm_db)

    class Lt2(Lookup):
        lookup_name = "lt2"

        def as_sql(self, compiler, connection):
            lhs, params = self.process_lhs(compiler, connection)
            return f"{lhs} < 2", params

    IntegerField.register_lookup(Lt2)
    try:
        assert Author.objects.filter(age__lt2=True).count() == 6
        assert Author.objects.filter(age=1).count() == 3
        assert _plans(Author, orm_db) is not plans
    finally:
        IntegerField._unregister_lookup(Lt2)


def test_plans_are_dropped_when_settings_change(orm_db):
    _make_authors()
    Author.objects.filter(age=1).count()
    plans = _plans(Author, orm_db)
    with override_settings(USE_TZ=True):
        assert Author.objects.filter(age=1).count() == 3
    assert _plans(Author, orm_db) is not plans


def test_statement_cursor_is_reused_and_nested_use_gets_its_own(orm_db):
    """One idle cursor per connection; a query run inside an execute wrapper gets another."""
    Author.objects.create(name="Ann", age=1)
    Author.objects.filter(age=1).count()
    spare = orm_db._spare_cursor
    assert spare is not None
    Author.objects.filter(age=2).count()
    assert orm_db._spare_cursor is spare
    seen = []

    def nested(execute, sql, params, many, context):
        if not seen:
            seen.append(None)  # the wrapper also sees the nested query
            seen[0] = Author.objects.filter(age=5).count()
        result = execute(sql, params, many, context)
        return result

    with orm_db.execute_wrapper(nested):
        assert Author.objects.filter(age=1).count() == 1
    assert seen == [0]
    assert Author.objects.filter(age=1).exists()


def test_statement_cursor_survives_errors_and_reconnects(orm_tx):
    """Error translation still applies; a closed connection never hands out a stale cursor."""
    ann = Author.objects.create(name="Ann", age=1)
    Book.objects.create(title="b", author=ann)
    try:
        with pytest.raises(IntegrityError):
            with transaction.atomic():
                Book.objects.filter(pk=Book.objects.get().pk).update(author_id=10**6)
        assert Author.objects.filter(age=1).count() == 1
        orm_tx.close()
        # (An in-memory SQLite database stays open: its cursor stays valid.)
        assert orm_tx._spare_cursor is None or orm_tx.connection is not None
        assert Author.objects.filter(age=1).count() == 1
        assert Author.objects.filter(age=1).exists()
    finally:
        Book.objects.all().delete()
        Author.objects.all().delete()


def test_custom_manager_querysets_keep_their_filters(orm_db):
    """A manager whose get_queryset() filters still applies that filter under shapes."""
    ann = Author.objects.create(name="Ann")
    Book.objects.bulk_create(
        [Book(title="short", author=ann, pages=10), Book(title="long", author=ann, pages=500)]
    )
    for _ in range(2):
        assert Book.long_books.count() == 1
        assert Book.long_books.filter(pages=10).count() == 0
        assert Book.long_books.filter(pages__gt=5).count() == 1
        assert Book.objects.filter(pages__gt=5).count() == 2
        assert not Book.long_books.filter(title="short").exists()


def test_each_manager_filter_is_a_separate_queryset(orm_db):
    """filter() on a manager defers on a new QuerySet each time: none shares state."""
    _make_authors()
    ones, twos = Author.objects.filter(age=1), Author.objects.filter(age=2)
    assert ones is not twos
    assert [a.age for a in ones] == [1, 1, 1] and twos.count() == 3
    assert ones.count() == 3 and Author.objects.count() == 9


def test_bulk_create_with_some_explicit_pks(orm_db):
    """Objects with and without a pk are both inserted and get their pks."""
    made = Author.objects.bulk_create([Author(pk=9901, name="x"), Author(name="y")])
    assert made[0].pk == 9901 and made[1].pk is not None
    assert all(not a._state.adding for a in made)
    assert Author.objects.filter(name="y").count() == 1


def test_a_cursor_method_replaced_on_the_connection_is_obeyed(orm_db):
    """Test helpers that refuse queries by replacing connection.cursor still do so."""
    Author.objects.filter(age=1).count()
    assert orm_db._spare_cursor is not None

    def refuse():
        raise AssertionError("queries refused")

    orm_db.cursor = refuse
    try:
        with pytest.raises(AssertionError, match="queries refused"):
            Author.objects.filter(age=1).count()
    finally:
        del orm_db.cursor
    assert Author.objects.filter(age=1).count() == 0


def test_shaped_querysets_copy_and_pickle(orm_db):
    """deepcopy() and pickling a QuerySet with a deferred simple filter work as usual."""
    import copy
    import pickle

    _make_authors()
    qs = Author.objects.filter(age=2)
    assert copy.deepcopy(qs).count() == 3
    again = pickle.loads(pickle.dumps(Author.objects.filter(age=2)))
    assert sorted(a.name for a in again) == ["a2", "a5", "a8"]
    assert again.count() == 3
