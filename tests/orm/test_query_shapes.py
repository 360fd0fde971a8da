"""Cached statements for repeated query shapes: get(pk=), save()'s UPDATE,
filter(pk=).exists() and filter(pk=).update() (framework/db/models/query_shapes.py)."""

from __future__ import annotations

import pytest

from framework.db import connections
from framework.db.models import query_shapes, signals
from framework.test.query_capture import CaptureQueriesContext
from framework.test.utils import override_settings
from tests.orm.models_app.models import Author, Book, Note, Place, Restaurant


def _plan(model, kind, connection):
    return query_shapes.valid_plan(connections[connection.alias], kind, model)


def test_get_pk_cached_plan_gives_right_rows_for_each_value(orm_db):
    """After the first get(pk=), later calls reuse one SQL text with each value as parameter."""
    ann = Author.objects.create(pk=7001, name="Ann", age=30)
    bob = Author.objects.create(pk=7002, name="Bob", age=None)
    Author.objects.get(pk=ann.pk)
    plan = _plan(Author, "get", orm_db)
    assert plan is not None
    with CaptureQueriesContext(orm_db) as ctx:
        got_ann = Author.objects.get(pk=ann.pk)
        got_bob = Author.objects.get(id=bob.pk)
    assert (got_ann.name, got_ann.age, got_ann._state.adding, got_ann._state.db) == (
        "Ann",
        30,
        False,
        "default",
    )
    assert (got_bob.pk, got_bob.name, got_bob.age) == (bob.pk, "Bob", None)
    assert len(ctx) == 2
    assert str(ann.pk) in ctx[0]["sql"] and str(bob.pk) in ctx[1]["sql"]
    assert ctx[0]["sql"].replace(str(ann.pk), "?") == ctx[1]["sql"].replace(str(bob.pk), "?")
    assert _plan(Author, "get", orm_db) is plan


def test_get_pk_cached_plan_errors_match_the_general_path(orm_db):
    """Missing rows raise DoesNotExist, bad values the field's error, huge ints no query."""
    ann = Author.objects.create(name="Ann")
    Author.objects.get(pk=ann.pk)
    assert _plan(Author, "get", orm_db) is not None
    with pytest.raises(Author.DoesNotExist, match="Author matching query does not exist"):
        Author.objects.get(pk=ann.pk + 1000)
    with pytest.raises(ValueError, match="id"):
        Author.objects.get(pk="not a number")
    with CaptureQueriesContext(orm_db) as ctx:
        with pytest.raises(Author.DoesNotExist):
            Author.objects.get(pk=2**70)
    assert len(ctx) == 0
    assert Author.objects.get(pk=str(ann.pk)) == ann


def test_get_pk_plan_is_not_used_for_filtered_managers_or_querysets(orm_db):
    """A manager or QuerySet with filters, select_related or values keeps its meaning."""
    ann = Author.objects.create(name="Ann")
    short = Book.objects.create(title="Short", author=ann, pages=10)
    assert Book.objects.get(pk=short.pk) == short
    assert _plan(Book, "get", orm_db) is not None
    with pytest.raises(Book.DoesNotExist):
        Book.long_books.get(pk=short.pk)
    with pytest.raises(Book.DoesNotExist):
        Book.objects.filter(pages__gt=50).get(pk=short.pk)
    with CaptureQueriesContext(orm_db) as ctx:
        book = Book.objects.select_related("author").get(pk=short.pk)
        assert book.author.name == "Ann"
    assert len(ctx) == 1 and "JOIN" in ctx[0]["sql"]
    assert ann.books.get(pk=short.pk) == short
    assert Book.objects.values("title").get(pk=short.pk) == {"title": "Short"}


def test_get_pk_plan_is_rebuilt_when_table_fields_or_settings_change(orm_db):
    """A new db_table, an expired field cache or a setting change invalidate the plan."""
    ann = Author.objects.create(name="Ann")
    Author.objects.get(pk=ann.pk)
    plan = _plan(Author, "get", orm_db)
    opts = Author._meta
    saved_table = opts.db_table
    opts.db_table = "orm_missing_table"
    try:
        with pytest.raises(Exception, match="orm_missing_table"):
            with CaptureQueriesContext(orm_db):
                from framework.db import transaction

                with transaction.atomic():
                    Author.objects.get(pk=ann.pk)
    finally:
        opts.db_table = saved_table
    # The renamed table was queried (not the cached SQL); the old plan fits again now.
    assert Author.objects.get(pk=ann.pk) == ann
    opts._expire_cache()
    assert Author.objects.get(pk=ann.pk) == ann
    assert _plan(Author, "get", orm_db) is not plan
    plan = _plan(Author, "get", orm_db)
    with override_settings(USE_TZ=True):
        assert Author.objects.get(pk=ann.pk) == ann
        assert _plan(Author, "get", orm_db) is not plan


def test_get_pk_plan_sends_init_signals_and_converts_values(orm_db):
    """Receivers of pre_init/post_init still run; fields with converters are converted."""
    note = Note.objects.create(text="hello", csv=["a", "b"])
    assert Note.objects.get(pk=note.pk).csv == ["a", "b"]
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.text)

    signals.post_init.connect(receiver, sender=Note)
    try:
        fetched = Note.objects.get(pk=note.pk)
    finally:
        signals.post_init.disconnect(receiver, sender=Note)
    assert seen == ["hello"]
    assert fetched.csv == ["a", "b"] and fetched.uid == note.uid


def test_multi_table_child_get_and_save_use_the_general_path(orm_db):
    """A child model (pk is a parent link) is fetched and saved correctly."""
    rest = Restaurant.objects.create(name="Luigi", serves_pizza=True)
    got = Restaurant.objects.get(pk=rest.pk)
    got.name = "Mario"
    got.serves_pizza = False
    got.save()
    again = Restaurant.objects.get(pk=rest.pk)
    assert (again.name, again.serves_pizza) == ("Mario", False)
    assert Place.objects.get(pk=rest.pk).name == "Mario"


def test_save_cached_update_per_null_shape(orm_db):
    """save() reuses one UPDATE per set of columns and NULLs; values land in the row."""
    ann = Author.objects.create(name="Ann", age=30)
    mentor = Author.objects.create(name="Mia")
    ann.age = 31
    ann.save()
    plans = _plan(Author, "update", orm_db)
    assert plans is not None and len(plans.sql) == 1
    ann.age = None
    ann.mentor = mentor
    ann.save()
    assert len(plans.sql) == 2
    fresh = Author.objects.get(pk=ann.pk)
    assert (fresh.age, fresh.mentor_id) == (None, mentor.pk)
    ann.age = 33
    ann.name = "Anne"
    ann.save(update_fields=["age"])
    fresh = Author.objects.get(pk=ann.pk)
    assert (fresh.name, fresh.age) == ("Ann", 33)
    with CaptureQueriesContext(orm_db) as ctx:
        ann.save()
    assert len(ctx) == 1 and ctx[0]["sql"].startswith("UPDATE")


def test_save_cached_update_inserts_when_the_row_is_gone(orm_db):
    """An UPDATE that matches no row falls through to INSERT, as in the general path."""
    ann = Author.objects.create(name="Ann")
    ann.save()
    Author.objects.filter(pk=ann.pk).delete()
    ann.name = "Back"
    ann.save()
    assert Author.objects.get(pk=ann.pk).name == "Back"


def test_filter_pk_exists_update_and_chaining(orm_db):
    """filter(pk=) answers exists()/update() from cached SQL and behaves normally otherwise."""
    ann = Author.objects.create(name="Ann", age=1)
    other = Author.objects.create(name="Bob", age=1)
    assert Author.objects.filter(pk=ann.pk).exists() is True
    assert Author.objects.filter(pk=ann.pk + 1000).exists() is False
    assert Author.objects.filter(pk=2**70).exists() is False
    assert Author.objects.filter(pk=ann.pk).update(age=5) == 1
    assert Author.objects.filter(pk=ann.pk + 1000).update(age=5) == 0
    assert Author.objects.get(pk=other.pk).age == 1
    assert Author.objects.get(pk=ann.pk).age == 5
    assert Author.objects.filter(pk=ann.pk).update(age=None, name="Anne") == 1
    fresh = Author.objects.get(pk=ann.pk)
    assert (fresh.age, fresh.name) == (None, "Anne")
    qs = Author.objects.filter(pk=ann.pk)
    assert list(qs) == [ann]
    assert qs.count() == 1
    assert not Author.objects.filter(pk=ann.pk).filter(name="Bob").exists()
    assert list(Author.objects.filter(pk=ann.pk).values_list("name", flat=True)) == ["Anne"]
    assert Author.objects.filter(pk=ann.pk).exclude(name="Anne").count() == 0
    assert "WHERE" in str(Author.objects.filter(pk=ann.pk).query)
    with pytest.raises(ValueError, match="id"):
        Author.objects.filter(pk="nope")
    with pytest.raises(Exception, match="nothing"):
        Author.objects.filter(pk=ann.pk).update(nothing=1)


def test_bulk_create_lean_insert_keeps_conversions(orm_db):
    """Plain values go straight in; values a field converts (numeric strings, lazy text,
    model defaults, auto_now) take the general path; pks and state are set."""
    from framework.utils.functional import lazy

    lazy_name = lazy(lambda: "Lazy", str)()
    mentor = Author.objects.create(name="Mia")
    authors = Author.objects.bulk_create(
        [
            Author(name="Ann", age=30),
            Author(name=lazy_name, age="41"),
            Author(name="Cid", age=None, mentor=mentor),
        ]
    )
    assert all(a.pk is not None and a._state.adding is False for a in authors)
    rows = {
        a.name: (a.age, a.mentor_id) for a in Author.objects.filter(pk__in=[a.pk for a in authors])
    }
    assert rows == {"Ann": (30, None), "Lazy": (41, None), "Cid": (None, mentor.pk)}
    notes = Note.objects.bulk_create([Note(text="one", csv=["x", "y"]), Note(text="two")])
    fetched = {n.text: n for n in Note.objects.all()}
    assert fetched["one"].csv == ["x", "y"] and fetched["two"].csv == []
    assert fetched["one"].created_at is not None
    assert {n.uid for n in notes} == {n.uid for n in fetched.values()}


def test_bulk_create_lean_insert_one_statement(orm_db):
    """Many plain rows are written by one multi-row INSERT with one parameter per value."""
    with CaptureQueriesContext(orm_db) as ctx:
        Author.objects.bulk_create([Author(name=f"n{i}", age=i) for i in range(50)])
    inserts = [q for q in ctx if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    assert Author.objects.filter(name__startswith="n").count() == 50
    assert sorted(Author.objects.values_list("age", flat=True)) == list(range(50))


def test_bulk_create_refuses_unsaved_related_object(orm_db):
    """A cached unsaved related object is still caught (the fields_cache shortcut)."""
    with pytest.raises(ValueError, match="unsaved related object 'mentor'"):
        Author.objects.bulk_create([Author(name="Ann", mentor=Author(name="Ghost"))])


def test_deferred_pk_filter_survives_copy_pickle_and_combination(orm_db):
    """A filter(pk=) whose WHERE clause is still pending behaves like any filtered QuerySet
    when copied, pickled, combined or sliced."""
    import copy
    import pickle

    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    qs = Author.objects.filter(pk=ann.pk)
    assert list(copy.deepcopy(qs)) == [ann]
    assert list(pickle.loads(pickle.dumps(Author.objects.filter(pk=ann.pk)))) == [ann]
    either = Author.objects.filter(pk=ann.pk) | Author.objects.filter(pk=bob.pk)
    assert sorted(a.pk for a in either) == sorted([ann.pk, bob.pk])
    assert list(Author.objects.filter(pk=bob.pk)[:1]) == [bob]
    assert Author.objects.filter(pk=bob.pk).none().exists() is False
    assert Author.objects.filter(pk=bob.pk).first() == bob


def test_plans_are_kept_per_connection_object(orm_db):
    """Each thread has its own connection object for an alias: a plan compiled on one
    neither replaces nor is served to another, so threads do not rebuild each other's."""
    ann = Author.objects.create(name="Ann")
    Author.objects.get(pk=ann.pk)
    mine = connections[orm_db.alias]
    plan = _plan(Author, "get", orm_db)
    other = connections.create_connection(orm_db.alias)
    try:
        assert query_shapes.valid_plan(other, "get", Author) is None
        stranger = query_shapes.GetByPkPlan()
        query_shapes.keep_plan(other, "get", Author, stranger)
        assert query_shapes.valid_plan(other, "get", Author) is stranger
        assert query_shapes.valid_plan(mine, "get", Author) is plan
        assert Author.objects.get(pk=ann.pk) == ann
        assert _plan(Author, "get", orm_db) is plan
    finally:
        other.close()


def test_all_rows_plan_reuses_one_statement_with_converters_and_signals(orm_db):
    """Iterating Model.objects.all() compiles once per connection; later evaluations run the
    kept statement, convert values and send init signals like the general path."""
    Note.objects.create(text="b", csv=["x"])
    Note.objects.create(text="a", csv=["y", "z"])
    first = sorted((n.text, n.csv) for n in Note.objects.all())
    plan = query_shapes.all_rows_plan(Note, connections[orm_db.alias])
    assert plan is not None
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.text)

    signals.post_init.connect(receiver, sender=Note)
    try:
        with CaptureQueriesContext(orm_db) as ctx:
            again = list(Note.objects.all())
    finally:
        signals.post_init.disconnect(receiver, sender=Note)
    assert [q["sql"] for q in ctx.captured_queries] == [plan.sql]
    assert sorted((n.text, n.csv) for n in again) == first == [("a", ["y", "z"]), ("b", ["x"])]
    assert sorted(seen) == ["a", "b"]
    assert all(not n._state.adding and n._state.db == orm_db.alias for n in again)


def test_all_rows_plan_is_not_used_by_changed_querysets(orm_db):
    """filter/order_by/slicing/values/select_related/only take the general path and give
    their own results; a new Meta.ordering rebuilds the plan."""
    for name in ("Cy", "Al", "Bo"):
        Author.objects.create(name=name)
    list(Author.objects.all())
    plan = query_shapes.all_rows_plan(Author, connections[orm_db.alias])
    with CaptureQueriesContext(orm_db) as ctx:
        assert [a.name for a in Author.objects.order_by("name")] == ["Al", "Bo", "Cy"]
        assert [a.name for a in Author.objects.filter(name="Bo")] == ["Bo"]
        assert len(Author.objects.all()[:2]) == 2
        assert sorted(Author.objects.values_list("name", flat=True)) == ["Al", "Bo", "Cy"]
        assert len(list(Author.objects.only("name"))) == 3
    assert plan.sql not in [q["sql"] for q in ctx.captured_queries]
    opts = Author._meta
    saved = opts.ordering
    opts.ordering = ["-name"]
    try:
        assert [a.name for a in Author.objects.all()] == ["Cy", "Bo", "Al"]
    finally:
        opts.ordering = saved
    assert query_shapes.all_rows_plan(Author, connections[orm_db.alias]) is None


def test_query_object_is_built_only_when_needed(orm_db):
    """A manager QuerySet builds its Query on first use: filter(pk=).exists()/update() on a
    kept plan never need one; anything else builds it, copies and pickles included."""
    import copy
    import pickle

    ann = Author.objects.create(name="Ann", age=1)
    assert Author.objects.filter(pk=ann.pk).exists()
    qs = Author.objects.filter(pk=ann.pk)
    assert qs.exists() and qs.update(age=2) == 1
    assert "_query" not in vars(qs)
    fresh = Author.objects.all()
    assert "_query" not in vars(fresh)
    assert [a.age for a in copy.deepcopy(fresh)] == [2]
    assert [a.name for a in pickle.loads(pickle.dumps(Author.objects.all()))] == ["Ann"]
    assert list(qs) == [ann] and "_query" in vars(qs)
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        getattr(fresh, "nothing_here")  # noqa: B009 - the attribute access is the test


def test_cached_statements_prepare_ints_through_overridden_field_methods(orm_db):
    """Stock integer fields pass ints to the driver as they are; a field class overriding
    get_prep_value (CentsField stores hundredths) is still asked, in get(pk=) and save()."""
    from framework.db.models.fields.numeric import passes_ints_through
    from tests.orm.models_app.models import Ledger

    assert passes_ints_through(Author._meta.pk)
    assert passes_ints_through(Ledger._meta.get_field("count"))
    assert not passes_ints_through(Ledger._meta.pk)
    assert not passes_ints_through(Author._meta.get_field("name"))
    entry = Ledger.objects.create(id=3, amount=5, count=1)
    Ledger.objects.get(pk=3)  # compiles and keeps the plan
    assert _plan(Ledger, "get", orm_db) is not None
    with CaptureQueriesContext(orm_db) as ctx:
        again = Ledger.objects.get(pk=3)
    assert "300" in ctx[0]["sql"]
    assert (again.id, again.amount, again.count) == (3, 5, 1)
    entry.amount, entry.count = 7, 2
    entry.save()
    entry.amount, entry.count = 9, 4
    with CaptureQueriesContext(orm_db) as ctx:
        entry.save(update_fields=["amount", "count"])
    assert _plan(Ledger, "update", orm_db) is not None
    assert len(ctx) == 1 and "900" in ctx[0]["sql"] and "300" in ctx[0]["sql"]
    with orm_db.cursor() as cursor:
        cursor.execute("SELECT id, amount, count FROM orm_ledger")
        assert cursor.fetchall() == [(300, 900, 4)]


def test_cached_statements_run_on_the_spare_cursor_and_still_meet_wrappers(orm_db):
    """get(pk=) and save()'s UPDATE run on the connection's one idle driver cursor; an
    execute_wrapper() and query logging still see every statement they run."""
    ann = Author.objects.create(name="Ann", age=1)
    Author.objects.get(pk=ann.pk)
    ann.save(update_fields=["age"])  # both plans kept
    spare = orm_db._spare_cursor
    assert spare is not None
    ann.age = 2
    ann.save(update_fields=["age"])
    assert Author.objects.get(pk=ann.pk).age == 2
    assert orm_db._spare_cursor is spare
    seen = []

    def wrapper(execute, sql, params, many, context):
        seen.append((sql.split()[0], list(params)))
        return execute(sql, params, many, context)

    with orm_db.execute_wrapper(wrapper):
        ann.age = 3
        ann.save(update_fields=["age"])
        assert Author.objects.get(pk=ann.pk).age == 3
    assert seen == [("UPDATE", [3, ann.pk]), ("SELECT", [ann.pk])]
    with CaptureQueriesContext(orm_db) as ctx:
        ann.save(update_fields=["age"])
        Author.objects.get(pk=ann.pk)
    assert [q["sql"].split()[0] for q in ctx.captured_queries] == ["UPDATE", "SELECT"]
    assert orm_db._spare_cursor is spare


def test_run_statement_translates_errors_and_drops_big_results(orm_db):
    """A driver error surfaces as the framework's class and the connection goes on; a
    result of more than KEEP_CURSOR_MAX_ROWS rows does not stay alive in the spare cursor."""
    from framework.db import DatabaseError, transaction
    from framework.db.utils import KEEP_CURSOR_MAX_ROWS

    Author.objects.create(name="Ann")
    Author.objects.count()
    assert orm_db._spare_cursor is not None
    with pytest.raises(DatabaseError, match="no_such_table"):
        with transaction.atomic():
            orm_db.run_statement("SELECT * FROM no_such_table", ())
    assert orm_db.run_statement("SELECT name FROM orm_author", ()) == [("Ann",)]
    assert orm_db.run_statement("UPDATE orm_author SET age = 5", (), fetch=False) == 1
    spare = orm_db._spare_cursor
    assert spare is not None
    Author.objects.bulk_create([Author(name=f"a{i}") for i in range(KEEP_CURSOR_MAX_ROWS)])
    rows = orm_db.run_statement("SELECT id FROM orm_author", ())
    assert len(rows) == KEEP_CURSOR_MAX_ROWS + 1
    assert orm_db._spare_cursor is None
    assert orm_db.run_statement("SELECT COUNT(*) FROM orm_author", ()) == [
        (KEEP_CURSOR_MAX_ROWS + 1,)
    ]
    assert orm_db._spare_cursor is not None and orm_db._spare_cursor is not spare


def test_cached_get_and_save_ask_database_routers(orm_db):
    """With DATABASE_ROUTERS set, get(pk=) and save() consult them on every call; without,
    they take the instance's or the default alias as db_for_read/db_for_write would."""
    from framework.db import router

    calls = []

    class Recorder:
        def db_for_read(self, model, **hints):
            calls.append(("read", model))
            return orm_db.alias

        def db_for_write(self, model, **hints):
            calls.append(("write", model))
            return orm_db.alias

    ann = Author.objects.create(name="Ann")
    Author.objects.get(pk=ann.pk)
    ann.save(update_fields=["name"])
    with override_settings(DATABASE_ROUTERS=[Recorder()]):
        assert not router.without_routers
        Author.objects.get(pk=ann.pk)  # the setting change made the plans stale
        ann.save(update_fields=["name"])
        calls.clear()
        for _ in range(2):
            assert Author.objects.get(pk=ann.pk) == ann
            ann.save(update_fields=["name"])
    assert calls == [("read", Author), ("write", Author)] * 2
    assert Author.objects.get(pk=ann.pk)._state.db == "default"
    assert router.without_routers


def test_save_sends_signals_only_when_connected(orm_db):
    """pre_save/post_save reach a receiver connected after the UPDATE plan was kept."""
    ann = Author.objects.create(name="Ann")
    ann.save(update_fields=["name"])
    seen = []

    def receiver(signal, sender, instance, update_fields, **kwargs):
        seen.append((signal is signals.pre_save, instance.name, sorted(update_fields)))

    signals.pre_save.connect(receiver, sender=Author)
    signals.post_save.connect(receiver, sender=Author)
    try:
        ann.name = "Bea"
        ann.save(update_fields=["name"])
    finally:
        signals.pre_save.disconnect(receiver, sender=Author)
        signals.post_save.disconnect(receiver, sender=Author)
    assert seen == [(True, "Bea", ["name"]), (False, "Bea", ["name"])]
    assert Author.objects.get(pk=ann.pk).name == "Bea"
