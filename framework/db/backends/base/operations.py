"""BaseDatabaseOperations: SQL fragments and value adaptation that differ per backend."""

from __future__ import annotations

import datetime
import decimal
import json
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.utils.deferred import module_loader

# Time zone name -> tzinfo; zoneinfo is imported only for a zone other than UTC.
_TZINFOS: dict[str, datetime.tzinfo] = {"UTC": datetime.UTC}

# Identifier -> quoted identifier, shared by backends using ANSI double quotes.
_QUOTED: dict[str, str] = {}


# framework.db.models.constants (OnConflict), loaded with the models.
_constants = module_loader("framework.db.models.constants")


class BaseDatabaseOperations:
    """Quoting, placeholders, casts, date arithmetic and Python <-> DB conversions."""

    compiler_module = "framework.db.models.sql.compiler"
    integer_field_ranges = {
        "SmallIntegerField": (-32768, 32767),
        "IntegerField": (-2147483648, 2147483647),
        "BigIntegerField": (-9223372036854775808, 9223372036854775807),
        "PositiveBigIntegerField": (0, 9223372036854775807),
        "PositiveSmallIntegerField": (0, 32767),
        "PositiveIntegerField": (0, 2147483647),
        "SmallAutoField": (-32768, 32767),
        "AutoField": (-2147483648, 2147483647),
        "BigAutoField": (-9223372036854775808, 9223372036854775807),
    }
    set_operators = {"union": "UNION", "intersection": "INTERSECT", "difference": "EXCEPT"}
    cast_data_types: dict[str, str] = {}
    cast_char_field_without_max_length: str | None = None
    explain_prefix = "EXPLAIN"
    # Django's constant names for window frames.
    PRECEDING = "PRECEDING"
    FOLLOWING = "FOLLOWING"
    UNBOUNDED_PRECEDING = "UNBOUNDED PRECEDING"
    UNBOUNDED_FOLLOWING = "UNBOUNDED FOLLOWING"
    CURRENT_ROW = "CURRENT ROW"

    def __init__(self, connection: Any):
        self.connection = connection
        self._cache: dict = {}

    # -- naming --

    def quote_name(self, name: str) -> str:
        """Quote an identifier, doubling embedded quotes (safe for any user-given alias)."""
        try:
            return _QUOTED[name]
        except KeyError:
            pass
        # Never pass a "pre-quoted" name through: escaping is what keeps it a name.
        quoted = '"' + name.replace('"', '""') + '"'
        if len(_QUOTED) < 10000:
            _QUOTED[name] = quoted
        return quoted

    def max_name_length(self) -> int | None:
        return None

    def compiler(self, compiler_name: str):
        """Return the compiler class of that name for this backend."""
        try:
            return self._cache[compiler_name]
        except KeyError:
            import importlib

            module = importlib.import_module(self.compiler_module)
            cls = self._cache[compiler_name] = getattr(module, compiler_name)
            return cls

    # -- statements --

    def pk_default_value(self) -> str:
        return "DEFAULT"

    def bulk_insert_sql(self, fields, placeholder_rows) -> str:
        parts = []
        last_row, text = None, ""
        for row in placeholder_rows:
            # Rows are often one shared list (bulk_create): join it once.
            if row is not last_row:
                last_row, text = row, "(" + ", ".join(row) + ")"
            parts.append(text)
        return "VALUES " + ", ".join(parts)

    def return_insert_columns(self, fields) -> tuple[str, tuple]:
        if not fields:
            return "", ()
        cols = ", ".join(
            f"{self.quote_name(f.model._meta.db_table)}.{self.quote_name(f.column)}" for f in fields
        )
        return "RETURNING " + cols, ()

    def fetch_returned_insert_rows(self, cursor) -> list:
        return cursor.fetchall()

    def last_insert_id(self, cursor, table_name: str, pk_name: str):
        return cursor.lastrowid

    def no_limit_value(self) -> int | None:
        return None

    def limit_offset_sql(self, low_mark: int, high_mark: int | None) -> str:
        limit = None if high_mark is None else high_mark - low_mark
        parts = []
        if limit is not None:
            parts.append(f"LIMIT {int(limit)}")
        elif low_mark and self.no_limit_value() is not None:
            parts.append(f"LIMIT {self.no_limit_value()}")
        if low_mark:
            parts.append(f"OFFSET {int(low_mark)}")
        return " ".join(parts)

    def for_update_sql(self, nowait=False, skip_locked=False, of=(), no_key=False) -> str:
        sql = "FOR NO KEY UPDATE" if no_key else "FOR UPDATE"
        if of:
            sql += " OF " + ", ".join(of)
        if nowait:
            sql += " NOWAIT"
        elif skip_locked:
            sql += " SKIP LOCKED"
        return sql

    def distinct_sql(self, fields, params) -> tuple[list[str], list]:
        if fields:
            raise ImproperlyConfigured(
                "DISTINCT ON fields is not supported by this database backend; it is "
                "PostgreSQL-only."
            )
        return ["DISTINCT"], []

    def savepoint_create_sql(self, sid: str) -> str:
        return f"SAVEPOINT {self.quote_name(sid)}"

    def savepoint_commit_sql(self, sid: str) -> str:
        return f"RELEASE SAVEPOINT {self.quote_name(sid)}"

    def savepoint_rollback_sql(self, sid: str) -> str:
        return f"ROLLBACK TO SAVEPOINT {self.quote_name(sid)}"

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False) -> list:
        raise NotImplementedError

    def sequence_reset_by_name_sql(self, style, sequences) -> list:
        return []

    def sequence_reset_sql(self, style, model_list) -> list:
        return []

    def last_executed_query(self, cursor, sql: str, params: Any) -> str:
        if params is None:
            return sql
        try:
            if isinstance(params, (list, tuple)):
                return sql % tuple(repr(p) for p in params)
            return sql % {k: repr(v) for k, v in params.items()}
        except (TypeError, ValueError):
            return f"{sql} -- params: {params!r}"

    # -- lookups and expressions --

    def lookup_cast(self, lookup_type: str, internal_type: str | None = None) -> str:
        return "%s"

    def field_cast_sql(self, db_type, internal_type) -> str:
        return "%s"

    def prep_for_like_query(self, x: Any) -> str:
        """Escape %, _ and the escape character so that a value is matched literally."""
        return str(x).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

    prep_for_iexact_query = prep_for_like_query

    def regex_lookup(self, lookup_type: str) -> str:
        raise NotImplementedError

    def combine_expression(self, connector: str, sub_expressions: list[str]) -> str:
        conn = f" {connector} "
        return conn.join(sub_expressions)

    def combine_duration_expression(self, connector, sub_expressions) -> str:
        return self.combine_expression(connector, sub_expressions)

    def date_extract_sql(self, lookup_type: str, sql: str, params) -> tuple[str, tuple]:
        raise NotImplementedError

    def datetime_extract_sql(self, lookup_type, sql, params, tzname) -> tuple[str, tuple]:
        raise NotImplementedError

    def time_extract_sql(self, lookup_type, sql, params) -> tuple[str, tuple]:
        return self.date_extract_sql(lookup_type, sql, params)

    def date_trunc_sql(self, lookup_type, sql, params, tzname=None) -> tuple[str, tuple]:
        raise NotImplementedError

    def datetime_trunc_sql(self, lookup_type, sql, params, tzname) -> tuple[str, tuple]:
        raise NotImplementedError

    def datetime_cast_date_sql(self, sql, params, tzname) -> tuple[str, tuple]:
        raise NotImplementedError

    def datetime_cast_time_sql(self, sql, params, tzname) -> tuple[str, tuple]:
        raise NotImplementedError

    def unification_cast_sql(self, output_field) -> str:
        return "%s"

    def conditional_expression_supported_in_where_clause(self, expression) -> bool:
        return True

    def check_expression_support(self, expression) -> None:
        pass

    def window_frame_start(self, start) -> str:
        if isinstance(start, int):
            if start < 0:
                return f"{abs(start)} {self.PRECEDING}"
            if start == 0:
                return self.CURRENT_ROW
        elif start is None:
            return self.UNBOUNDED_PRECEDING
        raise ValueError(
            f"start argument must be a negative integer, zero, or None, but got {start!r}."
        )

    def window_frame_end(self, end) -> str:
        if isinstance(end, int):
            if end == 0:
                return self.CURRENT_ROW
            if end > 0:
                return f"{end} {self.FOLLOWING}"
        elif end is None:
            return self.UNBOUNDED_FOLLOWING
        raise ValueError(
            f"end argument must be a positive integer, zero, or None, but got {end!r}."
        )

    def window_frame_rows_start_end(self, start=None, end=None) -> tuple[str, str]:
        return self.window_frame_start(start), self.window_frame_end(end)

    window_frame_range_start_end = window_frame_rows_start_end

    # -- value adaptation (Python -> DB) --

    def adapt_unknown_value(self, value: Any) -> Any:
        if isinstance(value, datetime.datetime):
            return self.adapt_datetimefield_value(value)
        if isinstance(value, datetime.date):
            return self.adapt_datefield_value(value)
        if isinstance(value, datetime.time):
            return self.adapt_timefield_value(value)
        if isinstance(value, decimal.Decimal):
            return self.adapt_decimalfield_value(value)
        return value

    def adapt_integerfield_value(self, value, internal_type):
        return value

    def adapt_datefield_value(self, value):
        return None if value is None else str(value)

    def adapt_datetimefield_value(self, value):
        return None if value is None else str(value)

    def adapt_timefield_value(self, value):
        if value is None:
            return None
        if getattr(value, "tzinfo", None) is not None:
            raise ValueError("The database backend does not accept timezone-aware times.")
        return str(value)

    def adapt_decimalfield_value(self, value, max_digits=None, decimal_places=None):
        return value

    def adapt_ipaddressfield_value(self, value):
        return value or None

    def adapt_json_value(self, value, encoder):
        return json.dumps(value, cls=encoder)

    def year_lookup_bounds_for_date_field(self, value: int, iso_year: bool = False):
        if iso_year:
            first = datetime.date.fromisocalendar(value, 1, 1)
            second = datetime.date.fromisocalendar(value + 1, 1, 1) - datetime.timedelta(days=1)
        else:
            first = datetime.date(value, 1, 1)
            second = datetime.date(value, 12, 31)
        return [self.adapt_datefield_value(first), self.adapt_datefield_value(second)]

    def year_lookup_bounds_for_datetime_field(self, value: int, iso_year: bool = False):
        if iso_year:
            first = datetime.datetime.fromisocalendar(value, 1, 1)
            second = datetime.datetime.fromisocalendar(value + 1, 1, 1) - datetime.timedelta(
                microseconds=1
            )
        else:
            first = datetime.datetime(value, 1, 1)
            second = datetime.datetime(value, 12, 31, 23, 59, 59, 999999)
        if settings.USE_TZ:
            tz = self._connection_tz()
            first = first.replace(tzinfo=tz)
            second = second.replace(tzinfo=tz)
        return [self.adapt_datetimefield_value(first), self.adapt_datetimefield_value(second)]

    def _connection_tz(self):
        name = self.connection.timezone_name
        tz = _TZINFOS.get(name)
        if tz is None:
            import zoneinfo

            tz = _TZINFOS[name] = zoneinfo.ZoneInfo(name)
        return tz

    # -- DB -> Python --

    def get_db_converters(self, expression) -> list:
        """Return converters ``f(value, expression, connection)`` for a column's values."""
        return []

    def convert_durationfield_value(self, value, expression, connection):
        if value is not None:
            return datetime.timedelta(0, 0, value)
        return None

    def explain_query_prefix(self, format=None, **options) -> str:
        if format:
            raise ValueError(f"Unknown EXPLAIN format: {format!r}.")
        if options:
            raise ValueError(f"Unknown EXPLAIN options: {', '.join(sorted(options))}.")
        return self.explain_prefix

    def insert_statement(self, on_conflict=None) -> str:
        return "INSERT INTO"

    def on_conflict_suffix_sql(self, fields, on_conflict, update_fields, unique_fields) -> str:
        OnConflict = _constants().OnConflict  # noqa: N806 - the enum, under its own name
        if on_conflict == OnConflict.IGNORE:
            return "ON CONFLICT DO NOTHING"
        if on_conflict == OnConflict.UPDATE:
            q = self.quote_name
            target = ", ".join(q(f) for f in unique_fields)
            sets = ", ".join(f"{q(f)} = EXCLUDED.{q(f)}" for f in update_fields)
            return f"ON CONFLICT({target}) DO UPDATE SET {sets}"
        return ""

    def bulk_batch_size(self, fields, objs) -> int:
        return len(objs)

    def prepare_sql_script(self, sql: str) -> list[str]:
        return [s.strip() for s in sql.split(";") if s.strip()]

    def time_trunc_sql(self, lookup_type, sql, params, tzname=None):
        raise NotImplementedError

    def deferrable_sql(self) -> str:
        return ""
