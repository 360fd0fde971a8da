"""Compile-only tests: the SQL text and parameters, without touching a database."""

from __future__ import annotations

import pytest

from framework.db import models
from framework.db.backends.postgresql.base import DatabaseWrapper as PgWrapper
from framework.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper
from framework.db.utils import ConnectionHandler
from tests.orm.models_app.models import Author, Book


def _settings(engine):
    return ConnectionHandler.configure_settings({"default": {"ENGINE": engine, "NAME": "unused"}})[
        "default"
    ]


@pytest.fixture(scope="module")
def sqlite():
    return SqliteWrapper(_settings("framework.db.backends.sqlite3"), "default")


@pytest.fixture(scope="module")
def pg():
    return PgWrapper(_settings("framework.db.backends.postgresql"), "default")


def compile_qs(qs, connection):
    return qs.query.get_compiler(connection=connection).as_sql()


def test_simple_filter_sql_and_params(orm_backends, sqlite):
    """Values become parameters; identifiers are quoted."""
    sql, params = compile_qs(Author.objects.filter(name="x'; --", age__gt=3), sqlite)
    assert sql == (
        'SELECT "orm_author"."id", "orm_author"."name", "orm_author"."email", '
        '"orm_author"."age", "orm_author"."mentor_id" FROM "orm_author" '
        'WHERE ("orm_author"."age" > %s AND "orm_author"."name" = %s)'
    )
    assert params == (3, "x'; --")


def test_join_and_ordering_sql(orm_backends, sqlite):
    """A relation filter becomes an INNER JOIN; Meta.ordering becomes ORDER BY."""
    sql, params = compile_qs(Book.objects.filter(author__name="a").only("title"), sqlite)
    assert sql == (
        'SELECT "orm_book"."id", "orm_book"."title" FROM "orm_book" '
        'INNER JOIN "orm_author" ON ("orm_book"."author_id" = "orm_author"."id") '
        'WHERE "orm_author"."name" = %s ORDER BY "orm_book"."title" ASC'
    )
    assert params == ("a",)


def test_nullable_fk_isnull_uses_left_join(orm_backends, sqlite):
    """isnull=True across a nullable relation keeps rows without one (LEFT OUTER JOIN)."""
    sql, _ = compile_qs(Book.objects.filter(publisher__name__isnull=True), sqlite)
    assert 'LEFT OUTER JOIN "orm_publisher"' in sql


def test_slicing_adds_limit_offset(orm_backends, sqlite, pg):
    """Slices compile to LIMIT/OFFSET with integers inlined."""
    qs = Author.objects.order_by("pk")[5:15]
    assert compile_qs(qs, sqlite)[0].endswith("LIMIT 10 OFFSET 5")
    assert compile_qs(Author.objects.order_by("pk")[5:], sqlite)[0].endswith("LIMIT -1 OFFSET 5")
    assert compile_qs(Author.objects.order_by("pk")[5:], pg)[0].endswith("OFFSET 5")


def test_postgresql_icontains_and_regex(orm_backends, pg):
    """PostgreSQL's dialect: UPPER(...::text) LIKE UPPER(%s), regex with ~."""
    sql, params = compile_qs(Author.objects.filter(name__icontains="Ab%"), pg)
    assert 'UPPER("orm_author"."name"::text) LIKE UPPER(%s)' in sql
    assert params == ("%Ab\\%%",)
    sql, params = compile_qs(Author.objects.filter(name__regex="^a"), pg)
    assert '"orm_author"."name"::text ~ %s' in sql


def test_json_key_is_a_parameter(orm_backends, sqlite, pg):
    """JSON keys travel as parameters on both backends."""
    key = "k'); DROP TABLE x; --"
    sql, params = compile_qs(Book.objects.filter(**{f"data__{key}": 1}), pg)
    assert key not in sql and key in params
    sql, params = compile_qs(Book.objects.filter(**{f"data__{key}": 1}), sqlite)
    assert key not in sql and any(key in str(p) for p in params)


def test_update_and_delete_sql(orm_backends, sqlite):
    """update() and delete() compile to single statements."""
    query = Author.objects.filter(age=1).query.chain(
        __import__("framework.db.models.sql", fromlist=["UpdateQuery"]).UpdateQuery
    )
    query.add_update_values({"age": models.F("age") + 1})
    sql, params = query.get_compiler(connection=sqlite).as_sql()
    assert sql == (
        'UPDATE "orm_author" SET "age" = ("orm_author"."age" + %s) WHERE "orm_author"."age" = %s'
    )
    assert params == (1, 1)


def test_subquery_aliases_do_not_clash(orm_backends, sqlite):
    """A nested queryset gets its own alias prefix and references the outer table."""
    inner = Book.objects.filter(author=models.OuterRef("pk")).values("title")[:1]
    sql, _ = compile_qs(Author.objects.annotate(t=models.Subquery(inner)), sqlite)
    assert (
        '"U0"."author_id" = ("orm_author"."id")' in sql
        or '"U0"."author_id" = "orm_author"."id"' in sql
    )


def test_query_str_interpolates_for_debugging(orm_backends):
    """str(qs.query) shows the SQL with parameters for debugging."""
    assert "'Ann'" in str(Author.objects.filter(name="Ann").query)
