"""The benchmark's PostgreSQL database: the TechEmpower World and Fortune tables.

    bench/.venv/bin/python bench/database.py create|drop NAME

Run by bench/run.py in bench/.venv (it needs psycopg2). The server is found in the test
suite's order (tests/support/postgres.py: FRAMEWORK_TEST_PG, 127.0.0.1:5432 as postgres, the
Unix socket as the current user); when none answers and a local cluster exists, it is started
with pg_ctlcluster. `create` (re)creates the database with World (10,000 rows) and Fortune
(12 rows) and prints its libpq parameters as JSON; `drop` drops it.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from te_apps import FORTUNE_MESSAGES  # noqa: E402

from tests.support import postgres  # noqa: E402

WORLD_ROWS = 10_000


def server_dsn() -> str:
    """The discovered server's DSN; starts the local cluster once if nothing answers."""
    try:
        return postgres.pg_dsn()
    except postgres.PostgresUnavailable as error:
        clusters = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True)
        if clusters.returncode != 0 or not clusters.stdout.strip():
            raise
        version, name = clusters.stdout.split()[:2]
        print(f"bench: {error}; starting PostgreSQL {version}/{name}", file=sys.stderr)
        subprocess.run(["pg_ctlcluster", version, name, "start"], check=True)
        postgres.pg_dsn.cache_clear()
        return postgres.pg_dsn()


def create(name: str) -> dict[str, str]:
    """Create database `name` with the World and Fortune tables; return its libpq parameters."""
    import psycopg2

    server_dsn()
    postgres.create_database(name)
    params = postgres.connection_params(name)
    params.pop("connect_timeout", None)
    connection = psycopg2.connect(**params)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE world (id integer PRIMARY KEY, randomnumber integer NOT NULL)"
            )
            cursor.execute("CREATE TABLE fortune (id integer PRIMARY KEY, message varchar(2048))")
            cursor.executemany(
                "INSERT INTO world (id, randomnumber) VALUES (%s, %s)",
                [(i, random.randint(1, 10000)) for i in range(1, WORLD_ROWS + 1)],
            )
            cursor.executemany(
                "INSERT INTO fortune (id, message) VALUES (%s, %s)",
                list(enumerate(FORTUNE_MESSAGES, start=1)),
            )
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE world")
            cursor.execute("VACUUM ANALYZE fortune")
    finally:
        connection.close()
    return params


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("create", "drop"):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    action, name = argv
    if action == "create":
        print(json.dumps(create(name)))
    else:
        server_dsn()
        postgres.drop_database(name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
