"""Read SQLite's schema back through sqlite_master and PRAGMAs."""

from __future__ import annotations

import re

from framework.db.backends.base.introspection import (
    BaseDatabaseIntrospection,
    FieldInfo,
    TableInfo,
)


class DatabaseIntrospection(BaseDatabaseIntrospection):
    data_types_reverse = {
        "bool": "BooleanField",
        "boolean": "BooleanField",
        "smallint": "SmallIntegerField",
        "integer": "IntegerField",
        "bigint": "BigIntegerField",
        "text": "TextField",
        "real": "FloatField",
        "decimal": "DecimalField",
        "date": "DateField",
        "datetime": "DateTimeField",
        "time": "TimeField",
        "blob": "BinaryField",
    }

    def get_field_type(self, data_type, description) -> str:
        key = data_type.lower().split("(")[0].strip()
        if key.startswith("varchar") or key.startswith("char"):
            return "CharField"
        return self.data_types_reverse.get(key, "TextField")

    def get_table_list(self, cursor) -> list[TableInfo]:
        cursor.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND NOT name = 'sqlite_sequence' ORDER BY name"
        )
        return [TableInfo(row[0], row[1][0]) for row in cursor.fetchall()]

    def get_table_description(self, cursor, table_name: str) -> list[FieldInfo]:
        cursor.execute(f"PRAGMA table_info({self.connection.ops.quote_name(table_name)})")
        rows = cursor.fetchall()
        if not rows:
            from framework.db.utils import DatabaseError

            raise DatabaseError(f"Table {table_name!r} does not exist (or has no columns).")
        result = []
        for _cid, name, type_, notnull, default, _pk in rows:
            size = None
            match = re.search(r"\((\d+)\)", type_ or "")
            if match:
                size = int(match.group(1))
            result.append(
                FieldInfo(name, type_, None, size, None, None, not notnull, default, None)
            )
        return result

    def get_constraints(self, cursor, table_name: str) -> dict[str, dict]:
        q = self.connection.ops.quote_name
        constraints: dict[str, dict] = {}
        cursor.execute(f"PRAGMA index_list({q(table_name)})")
        for _seq, name, unique, origin, _partial in cursor.fetchall():
            cursor.execute(f"PRAGMA index_info({q(name)})")
            columns = [row[2] for row in cursor.fetchall()]
            constraints[name] = {
                "columns": columns,
                "primary_key": origin == "pk",
                "unique": bool(unique),
                "foreign_key": None,
                "check": False,
                "index": origin == "c",
                "type": "idx",
                "orders": [],
            }
        cursor.execute(f"PRAGMA table_info({q(table_name)})")
        pk_columns = [row[1] for row in sorted(cursor.fetchall(), key=lambda r: r[5]) if row[5]]
        if pk_columns and not any(c["primary_key"] for c in constraints.values()):
            constraints["__primary__"] = {
                "columns": pk_columns,
                "primary_key": True,
                "unique": True,
                "foreign_key": None,
                "check": False,
                "index": False,
            }
        cursor.execute(f"PRAGMA foreign_key_list({q(table_name)})")
        for row in cursor.fetchall():
            _id, _seq, to_table, from_col, to_col = row[:5]
            constraints[f"fk_{_id}"] = {
                "columns": [from_col],
                "primary_key": False,
                "unique": False,
                "foreign_key": (to_table, to_col),
                "check": False,
                "index": False,
            }
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table_name]
        )
        row = cursor.fetchone()
        if row and row[0]:
            for match in re.finditer(r'CONSTRAINT\s+"((?:[^"]|"")+)"\s+CHECK', row[0]):
                constraints[match.group(1).replace('""', '"')] = {
                    "columns": [],
                    "primary_key": False,
                    "unique": False,
                    "foreign_key": None,
                    "check": True,
                    "index": False,
                }
            for match in re.finditer(
                r'CONSTRAINT\s+"((?:[^"]|"")+)"\s+UNIQUE\s*\(([^)]*)\)', row[0]
            ):
                cols = [c.strip().strip('"') for c in match.group(2).split(",")]
                name = match.group(1).replace('""', '"')
                # Replace sqlite's autoindex entry for the same columns by the real name.
                for key in [
                    k
                    for k, v in constraints.items()
                    if k.startswith("sqlite_autoindex") and v["columns"] == cols
                ]:
                    del constraints[key]
                    break
                constraints[name] = {
                    "columns": cols,
                    "primary_key": False,
                    "unique": True,
                    "foreign_key": None,
                    "check": False,
                    "index": False,
                }
        return constraints

    def get_sequences(self, cursor, table_name, table_fields=()) -> list[dict]:
        pk = self.get_primary_key_column(cursor, table_name)
        return [{"table": table_name, "column": pk}] if pk else []
