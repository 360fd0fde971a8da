"""``DatabaseCache``: entries in a table (LOCATION) made by ``manage.py createcachetable``.

Values are pickled and base64-encoded into a text column; expiry is compared in SQL,
so each operation is one or two statements. Works on SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import datetime
import pickle
from collections.abc import Iterable
from typing import Any

from framework.conf import settings
from framework.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache, InvalidCacheKey
from framework.db import DatabaseError, IntegrityError, connections, router, transaction

__all__ = ["CacheEntry", "DatabaseCache", "create_cache_table_sql"]

# "Never expires"; a day short of datetime.max so that time zone shifts cannot overflow.
_FOREVER = datetime.datetime(9999, 12, 30)
MAX_KEY_LENGTH = 255


class _Options:
    """The bits of ``Model._meta`` that database routers look at."""

    app_label = "framework_cache"
    model_name = "cacheentry"
    object_name = "CacheEntry"
    managed = True
    proxy = False
    swapped = None

    def __init__(self, table: str):
        self.db_table = table

    def can_migrate(self, connection: Any) -> bool:
        return True


class CacheEntry:
    """Stands for the cache table in ``router.db_for_read/db_for_write`` calls."""

    _meta: _Options

    def __init__(self, table: str):
        self._meta = _Options(table)


def create_cache_table_sql(connection: Any, table: str) -> list[str]:
    """Return the statements creating the cache table ``table`` on ``connection``."""
    qn = connection.ops.quote_name
    datetime_type = connection.data_types["DateTimeField"]
    return [
        f"CREATE TABLE {qn(table)} ("
        f"{qn('cache_key')} varchar({MAX_KEY_LENGTH}) NOT NULL PRIMARY KEY, "
        f"{qn('value')} text NOT NULL, "
        f"{qn('expires')} {datetime_type} NOT NULL)",
        f"CREATE INDEX {qn(table + '_expires')} ON {qn(table)} ({qn('expires')})",
    ]


class DatabaseCache(BaseCache):
    """Database cache; LOCATION is the table name."""

    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, table: str, params: dict[str, Any]):
        super().__init__(params)
        self._table = table
        self.cache_model_class = CacheEntry(table)

    def __repr__(self) -> str:
        return f"<DatabaseCache table={self._table!r}>"

    def validate_key(self, key: str) -> None:
        """Warn about memcached-unsafe keys; raise InvalidCacheKey past the column's length."""
        super().validate_key(key)
        if len(key) > MAX_KEY_LENGTH:
            raise InvalidCacheKey(
                f"Cache key is {len(key)} characters long, more than the {MAX_KEY_LENGTH} "
                f"the database cache table holds: {key!r}. Use a shorter key (hash it)."
            )

    # ------------------------------------------------------------ helpers
    def _datetime(self, when: float | None) -> datetime.datetime:
        if settings.USE_TZ:
            if when is None:
                return _FOREVER.replace(tzinfo=datetime.UTC)
            return datetime.datetime.fromtimestamp(when, tz=datetime.UTC)
        if when is None:
            return _FOREVER
        return datetime.datetime.fromtimestamp(when)

    def _now(self, connection: Any) -> Any:
        now = datetime.datetime.now(tz=datetime.UTC) if settings.USE_TZ else datetime.datetime.now()
        return connection.ops.adapt_datetimefield_value(now)

    def _expires(self, connection: Any, timeout: Any) -> Any:
        exp = self._datetime(self.get_backend_timeout(timeout))
        return connection.ops.adapt_datetimefield_value(exp)

    def _encode(self, value: Any) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("ascii")

    def _decode(self, text: Any) -> Any:
        if isinstance(text, memoryview):
            text = bytes(text)
        return pickle.loads(base64.b64decode(text))

    def _connection(self, write: bool) -> tuple[str, Any]:
        route = router.db_for_write if write else router.db_for_read
        db = route(self.cache_model_class)
        return db, connections[db]

    def _quoted(self, connection: Any) -> str:
        return connection.ops.quote_name(self._table)

    # ------------------------------------------------------------ reads
    def get(self, key, default=None, version=None) -> Any:
        return self.get_many([key], version=version).get(key, default)

    def get_many(self, keys: Iterable[Any], version=None) -> dict[Any, Any]:
        key_map = {self.make_and_validate_key(k, version=version): k for k in keys}
        if not key_map:
            return {}
        db, connection = self._connection(write=False)
        placeholders = ", ".join(["%s"] * len(key_map))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT cache_key, value FROM {self._quoted(connection)} "
                f"WHERE cache_key IN ({placeholders}) AND expires > %s",
                [*key_map, self._now(connection)],
            )
            rows = cursor.fetchall()
        return {key_map[key]: self._decode(value) for key, value in rows}

    def has_key(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        db, connection = self._connection(write=False)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {self._quoted(connection)} WHERE cache_key = %s AND expires > %s",
                [key, self._now(connection)],
            )
            return cursor.fetchone() is not None

    # ------------------------------------------------------------ writes
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._base_set("set", key, value, timeout)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._base_set("add", key, value, timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        db, connection = self._connection(write=True)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {self._quoted(connection)} SET expires = %s "
                f"WHERE cache_key = %s AND expires > %s",
                [self._expires(connection, timeout), key, self._now(connection)],
            )
            return cursor.rowcount > 0

    def _base_set(self, mode: str, key: str, value: Any, timeout: Any) -> bool:
        db, connection = self._connection(write=True)
        table = self._quoted(connection)
        encoded = self._encode(value)
        now = self._now(connection)
        expires = self._expires(connection, timeout)
        try:
            with transaction.atomic(using=db), connection.cursor() as cursor:
                self._cull(connection, cursor, now)
                if mode == "add":
                    cursor.execute(
                        f"DELETE FROM {table} WHERE cache_key = %s AND expires <= %s", [key, now]
                    )
                else:
                    cursor.execute(
                        f"UPDATE {table} SET value = %s, expires = %s WHERE cache_key = %s",
                        [encoded, expires, key],
                    )
                    if cursor.rowcount > 0:
                        return True
                cursor.execute(
                    f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s)",
                    [key, encoded, expires],
                )
        except IntegrityError:
            # The key exists (add), or a concurrent set inserted it first.
            return False
        except DatabaseError:
            if mode == "add":
                raise
            # As Django: a failed set is dropped rather than failing the request.
            return False
        return True

    def _cull(self, connection: Any, cursor: Any, now: Any) -> None:
        table = self._quoted(connection)
        cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        count = cursor.fetchone()[0]
        if count < self._max_entries:
            return
        if self._cull_frequency == 0:
            cursor.execute(f"DELETE FROM {table}")
            return
        cursor.execute(
            f"SELECT cache_key FROM {table} ORDER BY cache_key LIMIT 1 OFFSET %s",
            [count // self._cull_frequency],
        )
        row = cursor.fetchone()
        if row:
            cursor.execute(f"DELETE FROM {table} WHERE cache_key < %s", [row[0]])

    def delete(self, key, version=None) -> bool:
        return self._base_delete_many([self.make_and_validate_key(key, version=version)])

    def delete_many(self, keys: Iterable[Any], version=None) -> None:
        self._base_delete_many([self.make_and_validate_key(k, version=version) for k in keys])

    def _base_delete_many(self, keys: list[str]) -> bool:
        if not keys:
            return False
        db, connection = self._connection(write=True)
        placeholders = ", ".join(["%s"] * len(keys))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {self._quoted(connection)} WHERE cache_key IN ({placeholders})",
                keys,
            )
            return cursor.rowcount > 0

    def clear(self) -> None:
        db, connection = self._connection(write=True)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self._quoted(connection)}")
