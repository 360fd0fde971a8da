"""PostgreSQL's SQL dialect and value conversions."""

from __future__ import annotations

from typing import Any

from framework.db.backends.base.operations import BaseDatabaseOperations


class DatabaseOperations(BaseDatabaseOperations):
    cast_char_field_without_max_length = "varchar"
    explain_prefix = "EXPLAIN"
    cast_data_types = {
        "AutoField": "integer",
        "BigAutoField": "bigint",
        "SmallAutoField": "smallint",
    }

    def max_name_length(self) -> int:
        return 63

    def deferrable_sql(self) -> str:
        return " DEFERRABLE INITIALLY DEFERRED"

    def lookup_cast(self, lookup_type: str, internal_type: str | None = None) -> str:
        lookup = "%s"
        if lookup_type in (
            "iexact",
            "contains",
            "icontains",
            "startswith",
            "istartswith",
            "endswith",
            "iendswith",
            "regex",
            "iregex",
        ):
            if internal_type in ("GenericIPAddressField", "IPAddressField"):
                lookup = "HOST(%s)"
            else:
                lookup = "%s::text"
        if lookup_type in ("iexact", "icontains", "istartswith", "iendswith"):
            lookup = f"UPPER({lookup})"
        return lookup

    def prep_for_iexact_query(self, x):
        return x

    def regex_lookup(self, lookup_type: str) -> str:
        return "%s ~ %s" if lookup_type == "regex" else "%s ~* %s"

    def _tz_sql(self, sql, params, tzname):
        if tzname:
            return f"{sql} AT TIME ZONE %s", (*params, tzname)
        return sql, params

    _extract_names = {
        "week_day": "DOW",
        "iso_week_day": "ISODOW",
        "iso_year": "ISOYEAR",
    }

    def date_extract_sql(self, lookup_type, sql, params):
        name = self._extract_names.get(lookup_type, lookup_type).upper()
        if not name.isalpha() or not name.isascii():
            raise ValueError(f"Invalid lookup type: {lookup_type!r}")
        if lookup_type == "week_day":
            return f"EXTRACT(DOW FROM {sql}) + 1", params
        return f"EXTRACT({name} FROM {sql})", params

    def datetime_extract_sql(self, lookup_type, sql, params, tzname):
        sql, params = self._tz_sql(sql, params, tzname)
        return self.date_extract_sql(lookup_type, sql, params)

    def time_extract_sql(self, lookup_type, sql, params):
        if lookup_type == "second":
            return f"EXTRACT(SECOND FROM DATE_TRUNC(%s, {sql}))", ("second", *params)
        return self.date_extract_sql(lookup_type, sql, params)

    def date_trunc_sql(self, lookup_type, sql, params, tzname=None):
        sql, params = self._tz_sql(sql, params, tzname)
        return f"DATE_TRUNC(%s, {sql})::date", (lookup_type, *params)

    def datetime_trunc_sql(self, lookup_type, sql, params, tzname):
        sql, params = self._tz_sql(sql, params, tzname)
        if tzname:
            # Truncate local wall-clock time, then read it back in the same zone.
            return f"DATE_TRUNC(%s, {sql}) AT TIME ZONE %s", (lookup_type, *params, tzname)
        return f"DATE_TRUNC(%s, {sql})", (lookup_type, *params)

    def time_trunc_sql(self, lookup_type, sql, params, tzname=None):
        return f"DATE_TRUNC(%s, {sql})::time", (lookup_type, *params)

    def datetime_cast_date_sql(self, sql, params, tzname):
        sql, params = self._tz_sql(sql, params, tzname)
        return f"({sql})::date", params

    def datetime_cast_time_sql(self, sql, params, tzname):
        sql, params = self._tz_sql(sql, params, tzname)
        return f"({sql})::time", params

    def combine_expression(self, connector, sub_expressions):
        if connector == "#":
            return " # ".join(sub_expressions)
        return super().combine_expression(connector, sub_expressions)

    def distinct_sql(self, fields, params):
        if fields:
            return ["DISTINCT ON (" + ", ".join(fields) + ")"], list(params)
        return ["DISTINCT"], []

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False) -> list:
        if not tables:
            return []
        sql = "TRUNCATE " + ", ".join(self.quote_name(t) for t in tables)
        if reset_sequences:
            sql += " RESTART IDENTITY"
        if allow_cascade:
            sql += " CASCADE"
        return [sql]

    def sequence_reset_sql(self, style, model_list) -> list:
        output = []
        for model in model_list:
            for field in model._meta.local_fields:
                if field.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField"):
                    table = model._meta.db_table
                    output.append(
                        "SELECT setval(pg_get_serial_sequence('{}','{}'), "
                        "coalesce(max({}), 1), max({}) IS NOT null) FROM {};".format(
                            self.quote_name(table).replace("'", "''"),
                            field.column.replace("'", "''"),
                            self.quote_name(field.column),
                            self.quote_name(field.column),
                            self.quote_name(table),
                        )
                    )
                    break
        return output

    def last_executed_query(self, cursor, sql, params) -> str:
        query = getattr(cursor, "query", None)
        if query is not None:
            return query.decode() if isinstance(query, bytes) else query
        return super().last_executed_query(cursor, sql, params)

    def adapt_datefield_value(self, value):
        return value

    def adapt_datetimefield_value(self, value):
        return value

    def adapt_timefield_value(self, value):
        return value

    def adapt_decimalfield_value(self, value, max_digits=None, decimal_places=None):
        return value

    def adapt_ipaddressfield_value(self, value):
        if value:
            import psycopg2.extras

            return psycopg2.extras.Inet(value)
        return None

    def adapt_json_value(self, value, encoder):
        import psycopg2.extras

        return psycopg2.extras.Json(value, dumps=lambda v: __import__("json").dumps(v, cls=encoder))

    def adapt_unknown_value(self, value: Any) -> Any:
        return value

    def get_db_converters(self, expression) -> list:
        return []

    def convert_durationfield_value(self, value, expression, connection):
        return value

    def explain_query_prefix(self, format=None, **options) -> str:
        extra = []
        if format:
            if format.upper() not in ("TEXT", "JSON", "YAML", "XML"):
                raise ValueError(f"Unknown EXPLAIN format: {format!r}.")
            extra.append(f"FORMAT {format.upper()}")
        for name, value in options.items():
            if name.upper() not in (
                "ANALYZE",
                "VERBOSE",
                "COSTS",
                "BUFFERS",
                "SETTINGS",
                "SUMMARY",
                "TIMING",
                "WAL",
            ):
                raise ValueError(f"Unknown EXPLAIN option: {name!r}.")
            extra.append(f"{name.upper()} {'true' if value else 'false'}")
        return self.explain_prefix + (f" ({', '.join(extra)})" if extra else "")
