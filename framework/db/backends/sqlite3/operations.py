"""SQLite's SQL dialect and value conversions."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from framework.conf import settings
from framework.db.backends.base.operations import BaseDatabaseOperations


def _parse_dt(value):
    if value is None or isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromisoformat(value)


class DatabaseOperations(BaseDatabaseOperations):
    cast_char_field_without_max_length = "text"
    cast_data_types = {
        "DateField": "TEXT",
        "DateTimeField": "TEXT",
    }
    explain_prefix = "EXPLAIN QUERY PLAN"

    def bulk_batch_size(self, fields, objs) -> int:
        if len(fields) == 1:
            return 500
        if len(fields) > 1:
            return max(1, 999 // len(fields))
        return len(objs)

    def deferrable_sql(self) -> str:
        return " DEFERRABLE INITIALLY DEFERRED"

    def no_limit_value(self) -> int:
        return -1

    def regex_lookup(self, lookup_type: str) -> str:
        return "%s REGEXP %s" if lookup_type == "regex" else "%s REGEXP '(?i)' || %s"

    def _tz_args(self, tzname):
        return (tzname, self.connection.timezone_name)

    def date_extract_sql(self, lookup_type, sql, params):
        return f"framework_date_extract(%s, {sql})", (lookup_type.lower(), *params)

    def datetime_extract_sql(self, lookup_type, sql, params, tzname):
        return (
            f"framework_datetime_extract(%s, {sql}, %s, %s)",
            (lookup_type.lower(), *params, *self._tz_args(tzname)),
        )

    def time_extract_sql(self, lookup_type, sql, params):
        return f"framework_time_extract(%s, {sql})", (lookup_type.lower(), *params)

    def date_trunc_sql(self, lookup_type, sql, params, tzname=None):
        return (
            f"framework_date_trunc(%s, {sql}, %s, %s)",
            (lookup_type.lower(), *params, *self._tz_args(tzname)),
        )

    def datetime_trunc_sql(self, lookup_type, sql, params, tzname):
        return (
            f"framework_datetime_trunc(%s, {sql}, %s, %s)",
            (lookup_type.lower(), *params, *self._tz_args(tzname)),
        )

    def datetime_cast_date_sql(self, sql, params, tzname):
        return (f"framework_datetime_cast_date({sql}, %s, %s)", (*params, *self._tz_args(tzname)))

    def datetime_cast_time_sql(self, sql, params, tzname):
        return (f"framework_datetime_cast_time({sql}, %s, %s)", (*params, *self._tz_args(tzname)))

    def combine_expression(self, connector, sub_expressions):
        if connector == "^":
            return "POWER({})".format(",".join(sub_expressions))
        if connector == "#":
            a, b = sub_expressions
            return f"(({a}) | ({b})) - (({a}) & ({b}))"
        return super().combine_expression(connector, sub_expressions)

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False) -> list:
        sql = [f"DELETE FROM {self.quote_name(t)}" for t in tables]
        if reset_sequences and tables:
            names = ", ".join("'" + t.replace("'", "''") + "'" for t in tables)
            sql.append(f"UPDATE sqlite_sequence SET seq = 0 WHERE name IN ({names})")
        return sql

    def last_executed_query(self, cursor, sql, params):
        return super().last_executed_query(cursor, sql, params)

    # -- Python -> SQLite --

    def adapt_datetimefield_value(self, value):
        if value is None:
            return None
        if hasattr(value, "resolve_expression"):
            return value
        if value.tzinfo is not None:
            if not settings.USE_TZ:
                raise ValueError(
                    "SQLite backend does not support timezone-aware datetimes when USE_TZ is False."
                )
            value = value.astimezone(self._connection_tz()).replace(tzinfo=None)
        return value.isoformat(" ")

    def adapt_datefield_value(self, value):
        if value is None or hasattr(value, "resolve_expression"):
            return value
        return value.isoformat()

    def adapt_timefield_value(self, value):
        if value is None or hasattr(value, "resolve_expression"):
            return value
        if value.tzinfo is not None:
            raise ValueError("SQLite backend does not support timezone-aware times.")
        return value.isoformat()

    def adapt_decimalfield_value(self, value, max_digits=None, decimal_places=None):
        if value is None or hasattr(value, "resolve_expression"):
            return value
        return str(value)

    def adapt_unknown_value(self, value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return value.hex
        return super().adapt_unknown_value(value)

    # -- SQLite -> Python --

    def get_db_converters(self, expression) -> list:
        internal_type = expression.output_field.get_internal_type()
        converter = self._converters.get(internal_type)
        if converter is None:
            return []
        return [getattr(self, converter)]

    _converters = {
        "DateTimeField": "convert_datetimefield_value",
        "DateField": "convert_datefield_value",
        "TimeField": "convert_timefield_value",
        "DecimalField": "convert_decimalfield_value",
        "UUIDField": "convert_uuidfield_value",
        "BooleanField": "convert_booleanfield_value",
    }

    def convert_datetimefield_value(self, value, expression, connection):
        if value is None:
            return None
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.fromisoformat(str(value))
        if settings.USE_TZ and value.tzinfo is None:
            value = value.replace(tzinfo=self._connection_tz())
        return value

    def convert_datefield_value(self, value, expression, connection):
        if value is None or isinstance(value, datetime.date):
            return value
        text = str(value)
        if len(text) > 10:
            return datetime.datetime.fromisoformat(text).date()
        return datetime.date.fromisoformat(text)

    def convert_timefield_value(self, value, expression, connection):
        if value is None or isinstance(value, datetime.time):
            return value
        return datetime.time.fromisoformat(str(value))

    def convert_decimalfield_value(self, value, expression, connection):
        if value is None:
            return None
        result = decimal.Decimal(str(value))
        field = expression.output_field
        places = getattr(field, "decimal_places", None)
        if places is not None and result.is_finite():
            result = result.quantize(decimal.Decimal(1).scaleb(-places))
        return result

    def convert_uuidfield_value(self, value, expression, connection):
        if value is None or isinstance(value, uuid.UUID):
            return value
        return uuid.UUID(value)

    def convert_booleanfield_value(self, value, expression, connection):
        return bool(value) if value in (0, 1) else value
