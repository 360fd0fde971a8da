"""ORM hot-path benchmark on PostgreSQL (not collected by pytest).

Each case runs the ORM and raw psycopg2 side by side on the same database and connection and
prints client CPU time (time.process_time, best of REPEAT runs, ORM and raw alternating so
both see the same machine load) and the ratio ORM / raw:

- 10k rows -> instances, values(), values_list() vs cursor.fetchall() of the same SELECT;
- the CPython floor for instances: fetchall() + object.__new__ + one attribute store per
  column and one for the alias, in a bare loop with no ORM at all ("bare objects");
- 1k get(pk=), count(), exists() vs the same single-row SELECT through a raw cursor;
- select_related join (5k books + author) vs the JOIN's fetchall();
- prefetch_related over 1k authors (5 books each) vs two raw SELECTs (parents, IN children);
- bulk insert of 10k rows: bulk_create() vs psycopg2.extras.execute_values(... RETURNING id);
- 1k single-row updates: obj.save() and filter(pk=).update() vs a raw UPDATE per row.

Run: .venv/bin/python bench/orm_bench.py [case-substring ...]   (uses tests/support/postgres.py
discovery; creates and drops its own database).
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "tests.settings")

import framework  # noqa: E402

framework.setup(set_prefix=False)

from psycopg2.extras import execute_values  # noqa: E402

from framework.apps import apps  # noqa: E402
from framework.db import connections  # noqa: E402
from framework.db.backends.postgresql.base import DatabaseWrapper  # noqa: E402
from framework.db.utils import ConnectionHandler  # noqa: E402
from tests.support import postgres  # noqa: E402

ROWS = 10_000
GETS = 1_000
PARENTS = 1_000
CHILDREN = 5
REPEAT = 11


def _run(case) -> float:
    func, setup = case if isinstance(case, tuple) else (case, None)
    arg = setup() if setup else None
    start = time.process_time()
    func(arg) if setup else func()
    return time.process_time() - start


def best_pair(orm, raw) -> tuple[float, float]:
    """Smallest client CPU time of REPEAT runs each, ORM and raw alternating (so both see
    the same machine load); a case is func or (func, setup) with setup's result untimed."""
    orm_times, raw_times = [], []
    for _ in range(REPEAT):
        orm_times.append(_run(orm))
        raw_times.append(_run(raw))
    return min(orm_times), min(raw_times)


def main(selected: list[str]) -> None:
    apps.set_installed_apps(["tests.orm.models_app"])
    from tests.orm.models_app.models import Author, Book, Publisher, Tag

    name = f"bench_framework_orm_{os.getpid()}"
    postgres.create_database(name)
    settings = ConnectionHandler.configure_settings({"default": postgres.databases_entry(name)})[
        "default"
    ]
    conn = DatabaseWrapper(settings, "default")
    connections["default"] = conn
    try:
        with conn.schema_editor() as editor:
            for model in (Author, Publisher, Tag, Book):
                editor.create_model(model)
        Author.objects.bulk_create(
            [Author(name=f"author {i}", email=f"a{i}@example.com", age=i % 90) for i in range(ROWS)]
        )
        pks = list(Author.objects.order_by("pk").values_list("pk", flat=True)[:GETS])
        parent_pks = pks[:PARENTS]
        Book.objects.bulk_create(
            [
                Book(title=f"book {pk}-{j}", author_id=pk, pages=100 + j)
                for pk in parent_pks
                for j in range(CHILDREN)
            ]
        )
        raw = conn.connection
        cols = '"id", "name", "email", "age", "mentor_id"'
        sql = f'SELECT {cols} FROM "orm_author"'

        def fresh_rows():
            with raw.cursor() as cur:
                cur.execute('DELETE FROM "orm_author" WHERE "name" LIKE %s', ["bulk %"])
            raw.commit()
            return [(f"bulk {i}", f"b{i}@example.com", i % 90, None) for i in range(ROWS)]

        def orm_bulk_setup():
            fresh_rows()
            return [
                Author(name=f"bulk {i}", email=f"b{i}@example.com", age=i % 90) for i in range(ROWS)
            ]

        def raw_bulk(rows):
            with raw.cursor() as cur:
                execute_values(
                    cur,
                    'INSERT INTO "orm_author" ("name", "email", "age", "mentor_id") VALUES %s '
                    'RETURNING "id"',
                    rows,
                    page_size=len(rows),
                    fetch=True,
                )
            raw.commit()

        def raw_all():
            with raw.cursor() as cur:
                cur.execute(sql)
                cur.fetchall()

        class Bare:
            """The least a row -> object step can be in Python (the floor for instances)."""

        def floor_objects():
            # Plain attribute stores: the cheapest way CPython has to fill an object.
            new = object.__new__
            with raw.cursor() as cur:
                cur.execute(sql)
                objs = []
                append = objs.append
                for id_, name, email, age, mentor_id in cur.fetchall():
                    obj = new(Bare)
                    obj.id = id_
                    obj.name = name
                    obj.email = email
                    obj.age = age
                    obj.mentor_id = mentor_id
                    obj._loaded_db = "default"  # the ORM's instances make _state on first use
                    append(obj)

        def raw_get():
            with raw.cursor() as cur:
                for pk in pks:
                    cur.execute(sql + ' WHERE "id" = %s LIMIT 21', [pk])
                    cur.fetchall()

        def raw_count():
            with raw.cursor() as cur:
                for pk in pks:
                    cur.execute('SELECT COUNT(*) FROM "orm_author" WHERE "age" = %s', [pk % 90])
                    cur.fetchone()

        def raw_exists():
            with raw.cursor() as cur:
                for pk in pks:
                    cur.execute('SELECT 1 AS "a" FROM "orm_author" WHERE "id" = %s LIMIT 1', [pk])
                    cur.fetchone()

        def raw_select_related():
            with raw.cursor() as cur:
                cur.execute(
                    'SELECT b."id", b."title", b."author_id", b."publisher_id", b."pages", '
                    'b."price", b."rating", b."genre", b."published", b."created", b."data", '
                    'a."id", a."name", a."email", a."age", a."mentor_id" FROM "orm_book" b '
                    'INNER JOIN "orm_author" a ON b."author_id" = a."id"'
                )
                cur.fetchall()

        def raw_prefetch():
            with raw.cursor() as cur:
                cur.execute(sql + ' WHERE "id" <= %s', [parent_pks[-1]])
                parents = cur.fetchall()
                cur.execute(
                    'SELECT "id", "title", "author_id", "publisher_id", "pages", "price", '
                    '"rating", "genre", "published", "created", "data" FROM "orm_book" '
                    'WHERE "author_id" IN %s',
                    [tuple(p[0] for p in parents)],
                )
                cur.fetchall()

        def orm_save(objs):
            for obj in objs:
                obj.age = 1
                obj.save()

        def raw_save(objs):
            with raw.cursor() as cur:
                for obj in objs:
                    cur.execute(
                        'UPDATE "orm_author" SET "name" = %s, "email" = %s, "age" = %s, '
                        '"mentor_id" = %s WHERE "id" = %s',
                        [obj.name, obj.email, 1, obj.mentor_id, obj.pk],
                    )
            raw.commit()

        def orm_update():
            for pk in pks:
                Author.objects.filter(pk=pk).update(age=2)

        def raw_update():
            with raw.cursor() as cur:
                for pk in pks:
                    cur.execute('UPDATE "orm_author" SET "age" = %s WHERE "id" = %s', [2, pk])
            raw.commit()

        def some_authors():
            return list(Author.objects.filter(pk__in=pks))

        cases = {
            "10k rows -> instances": (lambda: list(Author.objects.all()), raw_all),
            "10k rows -> bare objects": (floor_objects, raw_all),
            "10k values()": (lambda: list(Author.objects.values()), raw_all),
            "10k values_list()": (lambda: list(Author.objects.values_list()), raw_all),
            "1k get(pk=)": (lambda: [Author.objects.get(pk=pk) for pk in pks], raw_get),
            "1k filter().count()": (
                lambda: [Author.objects.filter(age=pk % 90).count() for pk in pks],
                raw_count,
            ),
            "1k filter(pk=).exists()": (
                lambda: [Author.objects.filter(pk=pk).exists() for pk in pks],
                raw_exists,
            ),
            "5k select_related join": (
                lambda: list(Book.objects.select_related("author").order_by()),
                raw_select_related,
            ),
            "1k prefetch_related x5": (
                lambda: list(
                    Author.objects.filter(pk__lte=parent_pks[-1]).prefetch_related("books")
                ),
                raw_prefetch,
            ),
            "10k bulk_create": (
                (Author.objects.bulk_create, orm_bulk_setup),
                (raw_bulk, fresh_rows),
            ),
            "1k obj.save()": ((orm_save, some_authors), (raw_save, some_authors)),
            "1k filter(pk=).update()": (orm_update, raw_update),
        }
        print(f"PostgreSQL, best of {REPEAT}, client CPU seconds (time.process_time)")
        for label, (orm, rawf) in cases.items():
            if selected and not any(s in label for s in selected):
                continue
            orm_t, raw_t = best_pair(orm, rawf)
            print(
                f"  {label:26s} ORM {orm_t:.4f}s  raw psycopg2 {raw_t:.4f}s  "
                f"ratio {orm_t / raw_t:.2f}x",
                flush=True,
            )
    finally:
        conn.close()
        postgres.drop_database(name)
        apps.unset_installed_apps()


if __name__ == "__main__":
    main(sys.argv[1:])
