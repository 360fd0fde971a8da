"""ORM hot-path benchmark on PostgreSQL (not collected by pytest).

Measures client CPU time (time.process_time) of:
- loading 10,000 rows as model instances vs raw psycopg2 cursor.fetchall();
- 1,000 x Model.objects.get(pk=...) vs the same SELECT through a raw cursor.

Run: .venv/bin/python bench/orm_bench.py   (uses tests/support/postgres.py discovery;
creates and drops its own database).
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "tests.settings")

import framework  # noqa: E402

framework.setup(set_prefix=False)

from framework.apps import apps  # noqa: E402
from framework.db import connections  # noqa: E402
from framework.db.backends.postgresql.base import DatabaseWrapper  # noqa: E402
from framework.db.utils import ConnectionHandler  # noqa: E402
from tests.support import postgres  # noqa: E402

ROWS = 10_000
GETS = 1_000
REPEAT = 5


def best(func) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    apps.set_installed_apps(["tests.orm.models_app"])
    from tests.orm.models_app.models import Author

    name = f"bench_framework_orm_{os.getpid()}"
    postgres.create_database(name)
    settings = ConnectionHandler.configure_settings({"default": postgres.databases_entry(name)})[
        "default"
    ]
    conn = DatabaseWrapper(settings, "default")
    connections["default"] = conn
    try:
        with conn.schema_editor() as editor:
            editor.create_model(Author)
        Author.objects.bulk_create(
            [Author(name=f"author {i}", email=f"a{i}@example.com", age=i % 90) for i in range(ROWS)]
        )
        pks = list(Author.objects.order_by("pk").values_list("pk", flat=True)[:GETS])
        raw = conn.connection
        sql = 'SELECT "id", "name", "email", "age", "mentor_id" FROM "orm_author"'

        def orm_all():
            list(Author.objects.all())

        def raw_all():
            with raw.cursor() as cur:
                cur.execute(sql)
                cur.fetchall()

        def orm_get():
            for pk in pks:
                Author.objects.get(pk=pk)

        def raw_get():
            with raw.cursor() as cur:
                for pk in pks:
                    cur.execute(sql + ' WHERE "id" = %s LIMIT 21', [pk])
                    cur.fetchall()

        results = {
            "10k rows -> instances": (best(orm_all), best(raw_all)),
            "1k get(pk=)": (best(orm_get), best(raw_get)),
        }
        print(f"PostgreSQL, best of {REPEAT}, client CPU seconds (time.process_time)")
        for label, (orm, rawt) in results.items():
            print(
                f"  {label:24s} ORM {orm:.4f}s  raw psycopg2 {rawt:.4f}s  ratio {orm / rawt:.2f}x"
            )
    finally:
        conn.close()
        postgres.drop_database(name)
        apps.unset_installed_apps()


if __name__ == "__main__":
    main()
