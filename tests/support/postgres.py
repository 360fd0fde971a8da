"""Find a PostgreSQL server for the test suite and manage throwaway databases.

Discovery order (the bootstrap scripts rely on it):
1. ``FRAMEWORK_TEST_PG``: a libpq DSN or URL naming the server;
2. host=127.0.0.1 port=5432 user=postgres;
3. the Unix socket in /var/run/postgresql as the current OS user.

Tests create uniquely named databases with ``create_database()`` and drop them with
``drop_database()``; no other database is touched.
"""

from __future__ import annotations

import functools
import getpass
import os
import re

_CANDIDATES = (
    "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=3",
    f"host=/var/run/postgresql user={getpass.getuser()} dbname=postgres connect_timeout=3",
)
_SAFE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server could be reached; the message lists what was tried."""


def _connect(dsn: str):
    import psycopg2

    return psycopg2.connect(dsn)


@functools.lru_cache(maxsize=1)
def pg_dsn() -> str:
    """Return a DSN that connects (to the 'postgres' database), or raise with the reasons."""
    import psycopg2

    env = os.environ.get("FRAMEWORK_TEST_PG")
    candidates = [env] if env else list(_CANDIDATES)
    errors = []
    for dsn in candidates:
        try:
            params = psycopg2.extensions.parse_dsn(dsn)
        except psycopg2.ProgrammingError as exc:
            raise PostgresUnavailable(f"FRAMEWORK_TEST_PG={dsn!r} is not a valid DSN: {exc}")
        params.setdefault("dbname", "postgres")
        params.setdefault("connect_timeout", "3")
        full = psycopg2.extensions.make_dsn(**params)
        try:
            conn = _connect(full)
        except psycopg2.OperationalError as exc:
            errors.append(f"{dsn!r}: {str(exc).strip()}")
            continue
        conn.close()
        return full
    raise PostgresUnavailable(
        "No PostgreSQL server reachable. Tried "
        + "; ".join(errors)
        + ". Start one (pg_ctlcluster 15 main start) or set FRAMEWORK_TEST_PG."
    )


def connection_params(dbname: str | None = None) -> dict:
    """The libpq parameters of pg_dsn() (for DATABASES), optionally for another database."""
    import psycopg2

    params = psycopg2.extensions.parse_dsn(pg_dsn())
    if dbname:
        params["dbname"] = dbname
    return params


def databases_entry(dbname: str) -> dict:
    """A DATABASES entry for ``dbname`` on the discovered server."""
    params = connection_params(dbname)
    options = {
        k: v for k, v in params.items() if k not in ("dbname", "user", "password", "host", "port")
    }
    return {
        "ENGINE": "framework.db.backends.postgresql",
        "NAME": dbname,
        "USER": params.get("user", ""),
        "PASSWORD": params.get("password", ""),
        "HOST": params.get("host", ""),
        "PORT": params.get("port", ""),
        "OPTIONS": options,
    }


def _check_name(name: str) -> str:
    if not _SAFE_NAME.match(name):
        raise ValueError(f"Refusing database name {name!r}: use [a-z0-9_], 63 chars at most.")
    return name


def create_database(name: str, template: str | None = None) -> None:
    """CREATE DATABASE name [TEMPLATE template] (dropping a leftover of the same name first)."""
    _check_name(name)
    clause = f' TEMPLATE "{_check_name(template)}"' if template else ""
    conn = _connect(pg_dsn())
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cur.execute(f'CREATE DATABASE "{name}"{clause}')
    finally:
        conn.close()


def drop_database(name: str) -> None:
    """DROP DATABASE name, ending other sessions on it first."""
    _check_name(name)
    conn = _connect(pg_dsn())
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        conn.close()
