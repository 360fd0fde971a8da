"""BaseDatabaseIntrospection: read tables, columns and constraints back from the database."""

from __future__ import annotations

from collections import namedtuple
from typing import Any

TableInfo = namedtuple("TableInfo", ["name", "type"])
FieldInfo = namedtuple(
    "FieldInfo",
    "name type_code display_size internal_size precision scale null_ok default collation",
)


class BaseDatabaseIntrospection:
    """Table names, column descriptions and constraints of the live schema."""

    data_types_reverse: dict = {}

    def __init__(self, connection: Any):
        self.connection = connection

    def identifier_converter(self, name: str) -> str:
        return name

    def table_names(self, cursor=None, include_views: bool = False) -> list[str]:
        """Return the sorted table names (and views, if asked) of the current database."""

        def names(cur):
            return sorted(
                ti.name for ti in self.get_table_list(cur) if include_views or ti.type == "t"
            )

        if cursor is None:
            with self.connection.cursor() as cursor:
                return names(cursor)
        return names(cursor)

    def get_table_list(self, cursor) -> list[TableInfo]:
        raise NotImplementedError

    def get_table_description(self, cursor, table_name: str) -> list[FieldInfo]:
        raise NotImplementedError

    def get_constraints(self, cursor, table_name: str) -> dict[str, dict]:
        """Map constraint name -> {columns, primary_key, unique, foreign_key, check, index}."""
        raise NotImplementedError

    def get_field_type(self, data_type, description) -> str:
        return self.data_types_reverse[data_type]

    def get_sequences(self, cursor, table_name: str, table_fields=()) -> list[dict]:
        return []

    def get_primary_key_column(self, cursor, table_name: str) -> str | None:
        for constraint in self.get_constraints(cursor, table_name).values():
            if constraint["primary_key"]:
                return constraint["columns"][0]
        return None

    def django_table_names(self, only_existing: bool = False, include_views: bool = True):
        """Table names of every installed model (named as Django's method)."""
        from framework.apps import apps
        from framework.db import router

        tables = set()
        for app_config in apps.get_app_configs():
            for model in router.get_migratable_models(app_config, self.connection.alias):
                if not model._meta.managed:
                    continue
                tables.add(model._meta.db_table)
                tables.update(
                    f.m2m_db_table()
                    for f in model._meta.local_many_to_many
                    if f.remote_field.through._meta.managed
                )
        tables = list(tables)
        if only_existing:
            existing = set(self.table_names(include_views=include_views))
            tables = [t for t in tables if self.identifier_converter(t) in existing]
        return tables

    def sequence_list(self) -> list[dict]:
        """Every sequence used by installed models' auto fields."""
        from framework.apps import apps

        sequences = []
        with self.connection.cursor() as cursor:
            for model in apps.get_models():
                if not model._meta.managed:
                    continue
                sequences.extend(
                    self.get_sequences(cursor, model._meta.db_table, model._meta.local_fields)
                )
        return sequences
