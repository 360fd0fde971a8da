"""atomic(), savepoints, on_commit, set_rollback and PEP 249 error wrapping."""

from __future__ import annotations

import pytest

from framework.db import DatabaseError, IntegrityError, connection, transaction
from framework.db.transaction import TransactionManagementError
from tests.orm.models_app.models import Author, Publisher


def test_atomic_commits_and_rolls_back(orm_tx):
    """A clean atomic block commits; an exception rolls it back and propagates."""
    with transaction.atomic():
        Author.objects.create(name="kept")
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            Author.objects.create(name="lost")
            raise RuntimeError("boom")
    assert [a.name for a in Author.objects.all()] == ["kept"]
    assert transaction.get_autocommit() is True


def test_nested_atomic_uses_savepoints(orm_tx):
    """An inner failing block rolls back to its savepoint only."""
    with transaction.atomic():
        Author.objects.create(name="outer")
        try:
            with transaction.atomic():
                Author.objects.create(name="inner")
                raise ValueError
        except ValueError:
            pass
        Author.objects.create(name="after")
    assert sorted(a.name for a in Author.objects.all()) == ["after", "outer"]


def test_atomic_as_decorator_and_set_rollback(orm_tx):
    """@atomic works as a decorator; set_rollback(True) discards the block silently."""

    @transaction.atomic
    def create():
        Author.objects.create(name="x")
        transaction.set_rollback(True)

    create()
    assert Author.objects.count() == 0


def test_on_commit_runs_after_commit_only(orm_tx):
    """on_commit callbacks run after the outermost commit, not after a rollback."""
    calls = []
    with transaction.atomic():
        transaction.on_commit(lambda: calls.append("committed"))
        assert calls == []
    assert calls == ["committed"]
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            transaction.on_commit(lambda: calls.append("never"))
            raise RuntimeError
    with transaction.atomic():
        try:
            with transaction.atomic():
                transaction.on_commit(lambda: calls.append("savepoint rolled back"))
                raise ValueError
        except ValueError:
            pass
        transaction.on_commit(lambda: calls.append("second"))
    assert calls == ["committed", "second"]
    transaction.on_commit(lambda: calls.append("immediately"))
    assert calls[-1] == "immediately"


def test_integrity_error_is_wrapped_with_cause(orm_tx):
    """A unique violation raises framework.db.IntegrityError with the driver error as cause."""
    Publisher.objects.create(name="P")
    with pytest.raises(IntegrityError) as exc:
        Publisher.objects.create(name="P")
    assert exc.value.__cause__ is not None
    assert type(exc.value.__cause__).__module__.split(".")[0] in ("sqlite3", "psycopg2")
    assert isinstance(exc.value, DatabaseError)


def test_query_after_error_in_atomic_is_refused(orm_tx):
    """After a database error inside atomic, further queries raise until the block ends."""
    Publisher.objects.create(name="P")
    with pytest.raises(TransactionManagementError):
        with transaction.atomic():
            try:
                Publisher.objects.create(name="P")
            except IntegrityError:
                pass
            Publisher.objects.count()
    with transaction.atomic():
        try:
            with transaction.atomic():
                Publisher.objects.create(name="P")
        except IntegrityError:
            pass
        assert Publisher.objects.count() == 1


def test_durable_block_cannot_nest(orm_tx):
    """atomic(durable=True) inside another atomic raises RuntimeError."""
    with pytest.raises(RuntimeError, match="durable"):
        with transaction.atomic():
            with transaction.atomic(durable=True):
                pass


def test_commit_inside_atomic_is_forbidden(orm_tx):
    """commit() inside atomic raises TransactionManagementError."""
    with transaction.atomic():
        with pytest.raises(TransactionManagementError):
            transaction.commit()


def test_raw_cursor_uses_percent_s_params(orm_tx):
    """connection.cursor() accepts %s placeholders on every backend."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s + %s", [1, 2])
        assert cursor.fetchone()[0] == 3
