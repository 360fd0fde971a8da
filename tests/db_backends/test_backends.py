"""Connection wrappers, schema editor, introspection and query capture on both backends."""

from __future__ import annotations

import pytest

from framework.apps.registry import Apps
from framework.db import DatabaseError, OperationalError, ProgrammingError, models
from framework.test.query_capture import CaptureQueriesContext

isolated = Apps(installed_apps=None)


class Shelf(models.Model):
    label = models.CharField(max_length=20, unique=True)
    size = models.IntegerField(default=1, db_index=True)

    class Meta:
        app_label = "backends"
        apps = isolated


class Item(models.Model):
    shelf = models.ForeignKey(Shelf, on_delete=models.CASCADE)
    name = models.CharField(max_length=30)
    quantity = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "backends"
        apps = isolated
        unique_together = [("shelf", "name")]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__lte=1000), name="item_quantity_max")
        ]


def create(conn, *models_):
    with conn.schema_editor() as editor:
        for model in models_:
            editor.create_model(model)


def test_create_tables_and_introspect(conn):
    """create_model() makes tables; introspection sees their columns and constraints."""
    create(conn, Shelf, Item)
    assert {"backends_shelf", "backends_item"} <= set(conn.introspection.table_names())
    with conn.cursor() as cursor:
        columns = [
            c.name for c in conn.introspection.get_table_description(cursor, "backends_item")
        ]
        constraints = conn.introspection.get_constraints(cursor, "backends_item")
    assert columns == ["id", "shelf_id", "name", "quantity"]
    assert any(c["foreign_key"] and c["columns"] == ["shelf_id"] for c in constraints.values())
    assert any(c["unique"] and c["columns"] == ["shelf_id", "name"] for c in constraints.values())
    assert any(c["primary_key"] for c in constraints.values())


def test_constraints_are_enforced(conn):
    """UNIQUE, FOREIGN KEY and CHECK constraints raise IntegrityError."""
    from framework.db import IntegrityError

    create(conn, Shelf, Item)
    with conn.cursor() as cursor:
        cursor.execute("INSERT INTO backends_shelf (label, size) VALUES (%s, %s)", ["a", 1])
        with pytest.raises(IntegrityError):
            cursor.execute("INSERT INTO backends_shelf (label, size) VALUES (%s, %s)", ["a", 2])
        if conn.vendor == "postgresql":
            conn.rollback() if not conn.get_autocommit() else None
        with pytest.raises(IntegrityError):
            cursor.execute(
                "INSERT INTO backends_item (shelf_id, name, quantity) VALUES (%s, %s, %s)",
                [999, "x", 1],
            )
        with pytest.raises(IntegrityError):
            cursor.execute("SELECT id FROM backends_shelf")
            shelf_id = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO backends_item (shelf_id, name, quantity) VALUES (%s, %s, %s)",
                [shelf_id, "x", 5000],
            )


def test_add_alter_remove_field(conn):
    """add_field/alter_field/remove_field change the live table."""
    create(conn, Shelf)
    new = models.CharField(max_length=10, default="n/a")
    new.set_attributes_from_name("colour")
    new.model = Shelf
    with conn.schema_editor() as editor:
        editor.add_field(Shelf, new)
    with conn.cursor() as cursor:
        names = [c.name for c in conn.introspection.get_table_description(cursor, "backends_shelf")]
    assert "colour" in names
    altered = models.CharField(max_length=50, null=True)
    altered.set_attributes_from_name("colour")
    altered.model = Shelf
    with conn.schema_editor() as editor:
        editor.alter_field(Shelf, new, altered)
    with conn.cursor() as cursor:
        description = {
            c.name: c for c in conn.introspection.get_table_description(cursor, "backends_shelf")
        }
    assert description["colour"].null_ok
    with conn.schema_editor() as editor:
        editor.remove_field(Shelf, altered)
    with conn.cursor() as cursor:
        names = [c.name for c in conn.introspection.get_table_description(cursor, "backends_shelf")]
    assert "colour" not in names


def test_index_add_remove_and_delete_model(conn):
    """add_index/remove_index and delete_model."""
    create(conn, Shelf)
    index = models.Index(fields=["label", "-size"], name="shelf_label_size")
    with conn.schema_editor() as editor:
        editor.add_index(Shelf, index)
    with conn.cursor() as cursor:
        assert "shelf_label_size" in conn.introspection.get_constraints(cursor, "backends_shelf")
    with conn.schema_editor() as editor:
        editor.remove_index(Shelf, index)
        editor.delete_model(Shelf)
    assert "backends_shelf" not in conn.introspection.table_names()


def test_collect_sql_does_not_execute(conn):
    """collect_sql=True gathers statements without running them."""
    with conn.schema_editor(collect_sql=True) as editor:
        editor.create_model(Shelf)
    assert editor.collected_sql[0].startswith('CREATE TABLE "backends_shelf"')
    assert "backends_shelf" not in conn.introspection.table_names()


def test_driver_errors_are_wrapped(conn):
    """Driver errors surface as framework.db errors with the original as __cause__."""
    with pytest.raises((OperationalError, ProgrammingError)) as exc:
        with conn.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")
    assert isinstance(exc.value, DatabaseError)
    assert exc.value.__cause__ is not None


def test_capture_queries_context(conn):
    """CaptureQueriesContext records SQL even when DEBUG is off."""
    conn.ensure_connection()
    with CaptureQueriesContext(conn) as ctx:
        with conn.cursor() as cursor:
            cursor.execute("SELECT %s", [42])
    assert len(ctx) == 1
    assert "42" in ctx.captured_queries[0]["sql"]
    assert conn.force_debug_cursor is False


def test_conn_max_age_and_health_checks(conn):
    """CONN_MAX_AGE=0 closes at the request boundary; None keeps; health checks reconnect."""
    conn.settings_dict["CONN_MAX_AGE"] = None
    conn.settings_dict["CONN_HEALTH_CHECKS"] = True
    conn.ensure_connection()
    raw = conn.connection
    conn.close_if_unusable_or_obsolete()
    assert conn.connection is raw
    if conn.vendor == "postgresql":
        raw.close()  # simulate a dropped server connection
        conn.close_if_unusable_or_obsolete()
        conn.ensure_connection()
        assert conn.connection is not raw
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
        conn.settings_dict["CONN_MAX_AGE"] = 0
        conn.close()
        conn.ensure_connection()
        conn.close_if_unusable_or_obsolete()
        assert conn.connection is None


def test_autocommit_and_transactions(conn):
    """get_autocommit() is True by default; commit/rollback under manual control."""
    create(conn, Shelf)
    assert conn.get_autocommit() is True
    conn.set_autocommit(False)
    with conn.cursor() as cursor:
        cursor.execute("INSERT INTO backends_shelf (label, size) VALUES (%s, %s)", ["r", 1])
    conn.rollback()
    conn.set_autocommit(True)
    with conn.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM backends_shelf")
        assert cursor.fetchone()[0] == 0


def test_quote_name_escapes_quotes(conn):
    """quote_name() doubles embedded quotes, so hostile identifiers stay identifiers."""
    assert conn.ops.quote_name('a"b') == '"a""b"'
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT 1 AS {conn.ops.quote_name('x; DROP TABLE y; --')}")
        assert cursor.fetchone() == (1,)


def test_connection_time_zone_is_utc(conn):
    """With USE_TZ the connection works in UTC (PostgreSQL's session TimeZone too)."""
    assert conn.timezone_name == "UTC"
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            cursor.execute("SHOW TIME ZONE")
            assert cursor.fetchone()[0] == "UTC"


def test_add_and_remove_constraints(conn):
    """add_constraint/remove_constraint for CHECK and UNIQUE (SQLite rebuilds the table)."""
    from framework.db import IntegrityError

    create(conn, Shelf, Item)
    check = models.CheckConstraint(condition=models.Q(size__gte=0), name="shelf_size_pos")
    unique = models.UniqueConstraint(fields=["size"], name="shelf_size_uniq")
    with conn.schema_editor() as editor:
        editor.add_constraint(Shelf, check)
    with conn.cursor() as cursor:
        cursor.execute("INSERT INTO backends_shelf (label, size) VALUES (%s, %s)", ["a", 1])
        assert "shelf_size_pos" in conn.introspection.get_constraints(cursor, "backends_shelf")
    with pytest.raises(IntegrityError):
        with conn.cursor() as cursor:
            cursor.execute("INSERT INTO backends_shelf (label, size) VALUES (%s, %s)", ["b", -1])
    with conn.schema_editor() as editor:
        editor.remove_constraint(Shelf, check)
        editor.add_constraint(Shelf, unique)
    with conn.cursor() as cursor:
        cursor.execute("INSERT INTO backends_shelf (label, size) VALUES (%s, %s)", ["c", -5])
        cursor.execute("SELECT COUNT(*) FROM backends_shelf")
        assert cursor.fetchone()[0] == 2
        constraints = conn.introspection.get_constraints(cursor, "backends_shelf")
    assert "shelf_size_pos" not in constraints and constraints["shelf_size_uniq"]["unique"]
    with pytest.raises(IntegrityError):
        with conn.cursor() as cursor:
            cursor.execute("INSERT INTO backends_shelf (label, size) VALUES (%s, %s)", ["d", 1])


def test_test_database_create_and_destroy(conn, settings):
    """creation.create_test_db() makes test_<NAME> with the installed models' tables."""
    import os

    from framework.db import connections

    if conn.vendor == "sqlite":
        name = conn.creation._get_test_db_name()
        assert "mode=memory" in name and "cache=shared" in name
        return
    base = f"framework_creation_{os.getpid()}"
    entry = {**conn.settings_dict, "NAME": base, "TEST": {"NAME": None}}
    settings.DATABASES = {**settings.DATABASES, "creation": entry}
    wrapper = connections["creation"]
    test_name = wrapper.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        assert test_name == f"test_{base}"
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            assert cursor.fetchone()[0] == test_name
    finally:
        wrapper.creation.destroy_test_db(base, verbosity=0)
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [test_name])
        assert cursor.fetchone() is None


def test_rename_index_and_alter_db_table(conn):
    """rename_index() and alter_db_table() change the live schema."""
    create(conn, Shelf)
    old = models.Index(fields=["size"], name="shelf_size_old")
    new = models.Index(fields=["size"], name="shelf_size_new")
    with conn.schema_editor() as editor:
        editor.add_index(Shelf, old)
        editor.rename_index(Shelf, old, new)
    with conn.cursor() as cursor:
        names = set(conn.introspection.get_constraints(cursor, "backends_shelf"))
    assert "shelf_size_new" in names and "shelf_size_old" not in names
    with conn.schema_editor() as editor:
        editor.alter_db_table(Shelf, "backends_shelf", "backends_shelf_renamed")
    assert "backends_shelf_renamed" in conn.introspection.table_names()
