"""Read PostgreSQL's schema back through the catalogs."""

from __future__ import annotations

from framework.db.backends.base.introspection import (
    BaseDatabaseIntrospection,
    FieldInfo,
    TableInfo,
)


class DatabaseIntrospection(BaseDatabaseIntrospection):
    data_types_reverse = {
        16: "BooleanField",
        17: "BinaryField",
        20: "BigIntegerField",
        21: "SmallIntegerField",
        23: "IntegerField",
        25: "TextField",
        700: "FloatField",
        701: "FloatField",
        869: "GenericIPAddressField",
        1042: "CharField",
        1043: "CharField",
        1082: "DateField",
        1083: "TimeField",
        1114: "DateTimeField",
        1184: "DateTimeField",
        1186: "DurationField",
        1266: "TimeField",
        1700: "DecimalField",
        2950: "UUIDField",
        3802: "JSONField",
    }

    def get_table_list(self, cursor) -> list[TableInfo]:
        cursor.execute(
            "SELECT c.relname, CASE WHEN c.relkind IN ('m', 'v') THEN 'v' ELSE 't' END "
            "FROM pg_catalog.pg_class c "
            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v') "
            "AND n.nspname NOT IN ('pg_catalog', 'pg_toast') "
            "AND pg_catalog.pg_table_is_visible(c.oid)"
        )
        return [TableInfo(*row) for row in cursor.fetchall()]

    def get_table_description(self, cursor, table_name: str) -> list[FieldInfo]:
        cursor.execute(
            "SELECT a.attname, NOT (a.attnotnull), pg_get_expr(ad.adbin, ad.adrelid), "
            "CASE WHEN collname = 'default' THEN NULL ELSE collname END "
            "FROM pg_attribute a "
            "LEFT JOIN pg_attrdef ad ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum "
            "LEFT JOIN pg_collation co ON a.attcollation = co.oid "
            "JOIN pg_type t ON a.atttypid = t.oid "
            "JOIN pg_class c ON a.attrelid = c.oid "
            "JOIN pg_namespace n ON c.relnamespace = n.oid "
            "WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v') AND c.relname = %s "
            "AND n.nspname NOT IN ('pg_catalog', 'pg_toast') "
            "AND pg_catalog.pg_table_is_visible(c.oid) AND a.attnum > 0 "
            "AND NOT a.attisdropped",
            [table_name],
        )
        extra = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(f"SELECT * FROM {self.connection.ops.quote_name(table_name)} LIMIT 1")
        return [
            FieldInfo(
                line.name,
                line.type_code,
                line.display_size,
                line.internal_size,
                line.precision,
                line.scale,
                *extra[line.name],
            )
            for line in cursor.description
        ]

    def get_sequences(self, cursor, table_name, table_fields=()) -> list[dict]:
        cursor.execute(
            "SELECT s.relname, a.attname FROM pg_class s "
            "JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass "
            "AND d.refclassid = 'pg_class'::regclass "
            "JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
            "JOIN pg_class tbl ON tbl.oid = d.refobjid AND tbl.relname = %s "
            "AND pg_catalog.pg_table_is_visible(tbl.oid) WHERE s.relkind = 'S'",
            [table_name],
        )
        return [
            {"name": row[0], "table": table_name, "column": row[1]} for row in cursor.fetchall()
        ]

    def get_constraints(self, cursor, table_name: str) -> dict[str, dict]:
        constraints: dict[str, dict] = {}
        cursor.execute(
            "SELECT c.conname, array(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY "
            "cols(colid, arridx) JOIN pg_attribute ON attrelid = c.conrelid AND "
            "attnum = cols.colid ORDER BY cols.arridx), c.contype, "
            "(SELECT fkc.relname || '.' || fka.attname FROM pg_attribute AS fka "
            "JOIN pg_class AS fkc ON fka.attrelid = fkc.oid "
            "WHERE fka.attrelid = c.confrelid AND fka.attnum = c.confkey[1]), "
            "cl.reloptions FROM pg_constraint AS c JOIN pg_class AS cl ON c.conrelid = cl.oid "
            "WHERE cl.relname = %s AND pg_catalog.pg_table_is_visible(cl.oid)",
            [table_name],
        )
        for name, columns, kind, used_cols, _options in cursor.fetchall():
            constraints[name] = {
                "columns": list(columns),
                "primary_key": kind == "p",
                "unique": kind in ("p", "u"),
                "foreign_key": tuple(used_cols.split(".", 1)) if kind == "f" else None,
                "check": kind == "c",
                "index": False,
                "definition": None,
                "options": None,
            }
        cursor.execute(
            "SELECT indexname, array_agg(attname ORDER BY arridx), indisunique, indisprimary "
            "FROM (SELECT c2.relname as indexname, idx.indisunique, idx.indisprimary, "
            "attr.attname, arridx FROM pg_index idx "
            "JOIN pg_class c ON idx.indrelid = c.oid "
            "JOIN pg_class c2 ON idx.indexrelid = c2.oid "
            "CROSS JOIN LATERAL unnest(idx.indkey) WITH ORDINALITY AS ik(key, arridx) "
            "LEFT JOIN pg_attribute attr ON attr.attrelid = c.oid AND attr.attnum = ik.key "
            "WHERE c.relname = %s AND pg_catalog.pg_table_is_visible(c.oid)) s2 "
            "GROUP BY indexname, indisunique, indisprimary",
            [table_name],
        )
        for name, columns, unique, primary in cursor.fetchall():
            if name in constraints:
                continue
            constraints[name] = {
                "columns": [c for c in columns if c is not None],
                "orders": [],
                "primary_key": primary,
                "unique": unique,
                "foreign_key": None,
                "check": False,
                "index": True,
                "type": "idx",
            }
        return constraints
