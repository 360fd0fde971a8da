"""``manage.py inspectdb [table ...]``: print models for existing database tables."""

from __future__ import annotations

import keyword
import re
from typing import Any

from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, connections

HEADER = """\
# This is an auto-generated model module, written by inspectdb.
# You'll have to do the following manually to clean this up:
#   * Rearrange models' order
#   * Make sure each model has one field with primary_key=True
#   * Make sure each ForeignKey and OneToOneField has `on_delete` set to the desired behavior
#   * Remove `managed = False` lines if you wish to allow the framework to create, modify, and
#     delete the table
# Feel free to rename the models, but don't rename db_table values or field names.
from framework.db import models
"""


def table2model(table_name: str) -> str:
    """'blog_post_tags' -> 'BlogPostTags'."""
    return re.sub(r"[^a-zA-Z0-9]", "", table_name.title()) or "Table"


class Command(BaseCommand):
    help = "Introspects the database tables in the given database and outputs a model module."
    requires_system_checks: list[str] = []
    stealth_options = ("table_name_filter",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "table",
            nargs="*",
            type=str,
            help="Selects what tables or views should be introspected.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a database to introspect. Defaults to using the "default" database.',
        )
        parser.add_argument(
            "--include-views", action="store_true", help="Also output models for database views."
        )

    def handle(self, **options: Any) -> None:
        try:
            for line in self.handle_inspection(options):
                self.stdout.write(line)
        except NotImplementedError as exc:
            raise CommandError(
                "Database inspection isn't supported for the currently selected database backend."
            ) from exc

    def handle_inspection(self, options: dict):
        connection = connections[options["database"]]
        table_name_filter = options.get("table_name_filter")
        with connection.cursor() as cursor:
            yield HEADER
            tables = [
                info
                for info in connection.introspection.get_table_list(cursor)
                if info.type == "t" or (options["include_views"] and info.type == "v")
            ]
            wanted = options["table"]
            for info in tables:
                if wanted and info.name not in wanted:
                    continue
                if table_name_filter is not None and not table_name_filter(info.name):
                    continue
                if info.name.startswith("framework_migrations") and not wanted:
                    continue
                try:
                    description = connection.introspection.get_table_description(cursor, info.name)
                    constraints = connection.introspection.get_constraints(cursor, info.name)
                except Exception as exc:
                    yield f"# Unable to inspect table '{info.name}'"
                    yield f"# The error was: {exc}"
                    continue
                yield from self._model(connection, info, description, constraints)

    def _model(self, connection, info, description, constraints):
        table_name = info.name
        primary_keys = [
            c["columns"][0]
            for c in constraints.values()
            if c["primary_key"] and len(c["columns"]) == 1
        ]
        unique_columns = [
            c["columns"][0]
            for c in constraints.values()
            if c["unique"] and not c["primary_key"] and len(c["columns"]) == 1
        ]
        relations = {
            c["columns"][0]: c["foreign_key"]
            for c in constraints.values()
            if c["foreign_key"] and len(c["columns"]) == 1
        }
        yield ""
        yield ""
        yield f"class {table2model(table_name)}(models.Model):"
        used_names: set[str] = set()
        column_to_field_name: dict[str, str] = {}
        for row in description:
            column_name = row.name
            att_name, params, notes = self.normalize_col_name(
                column_name, used_names, column_name in relations
            )
            used_names.add(att_name)
            column_to_field_name[column_name] = att_name
            extra: dict[str, Any] = {}
            if column_name in primary_keys:
                extra["primary_key"] = True
            elif column_name in unique_columns:
                extra["unique"] = True
            if column_name in relations:
                target_table, _target_column = relations[column_name]
                target = (
                    "'self'" if target_table == table_name else f"'{table2model(target_table)}'"
                )
                kind = (
                    "OneToOneField"
                    if extra.pop("unique", False) or extra.get("primary_key")
                    else "ForeignKey"
                )
                field_desc = f"{att_name} = models.{kind}({target}, models.DO_NOTHING"
            else:
                field_type, type_params, type_notes = self.get_field_type(
                    connection, table_name, row
                )
                extra.update(type_params)
                notes.extend(type_notes)
                if extra.get("primary_key") and field_type in ("IntegerField", "BigIntegerField"):
                    field_type = "AutoField" if field_type == "IntegerField" else "BigAutoField"
                if (
                    att_name == "id"
                    and extra == {"primary_key": True}
                    and field_type
                    in (
                        "AutoField",
                        "BigAutoField",
                    )
                ):
                    if field_type == "BigAutoField" or connection.vendor == "sqlite":
                        # The model's implicit primary key (DEFAULT_AUTO_FIELD) matches.
                        continue
                field_desc = f"{att_name} = models.{field_type}("
            params.update(extra)
            if row.null_ok and not params.get("primary_key"):
                params["blank"] = True
                params["null"] = True
            rendered = ", ".join(f"{k}={v!r}" for k, v in params.items())
            if field_desc.endswith("("):
                field_desc += rendered + ")"
            else:
                field_desc += (", " + rendered if rendered else "") + ")"
            if notes:
                field_desc += "  # " + " ".join(notes)
            yield f"    {field_desc}"
        yield ""
        yield "    class Meta:"
        yield "        managed = False"
        yield f"        db_table = {table_name!r}"
        together = [
            tuple(column_to_field_name.get(col, col) for col in c["columns"])
            for c in constraints.values()
            if c["unique"] and not c["primary_key"] and len(c["columns"]) > 1
        ]
        if together:
            yield f"        unique_together = {tuple(sorted(together))!r}"

    def normalize_col_name(self, col_name: str, used_names: set, is_relation: bool):
        """A valid attribute name for a column, the params that keep the column, notes."""
        params: dict[str, Any] = {}
        notes: list[str] = []
        new_name = col_name.lower()
        if new_name != col_name:
            notes.append("Field name made lowercase.")
        if is_relation:
            if new_name.endswith("_id"):
                new_name = new_name[:-3]
            else:
                params["db_column"] = col_name
        new_name, count = re.subn(r"\W", "_", new_name)
        if count:
            notes.append("Field renamed to remove unsuitable characters.")
        if new_name.find("__") >= 0:
            while new_name.find("__") >= 0:
                new_name = new_name.replace("__", "_")
            notes.append("Field renamed because it contained more than one '_' in a row.")
        if new_name.startswith("_"):
            new_name = f"field{new_name}"
            notes.append("Field renamed because it started with '_'.")
        if new_name.endswith("_"):
            new_name = f"{new_name}field"
            notes.append("Field renamed because it ended with '_'.")
        if keyword.iskeyword(new_name):
            new_name += "_field"
            notes.append("Field renamed because it was a Python reserved word.")
        if new_name[0].isdigit():
            new_name = f"number_{new_name}"
            notes.append("Field renamed because it wasn't a valid Python identifier.")
        if new_name in used_names:
            num = 0
            while f"{new_name}_{num}" in used_names:
                num += 1
            new_name = f"{new_name}_{num}"
            notes.append("Field renamed because of name conflict.")
        if col_name != new_name and notes and "db_column" not in params:
            params["db_column"] = col_name
        return new_name, params, notes

    def get_field_type(self, connection, table_name: str, row: Any):
        """(field class name, params, notes) for one introspected column."""
        params: dict[str, Any] = {}
        notes: list[str] = []
        try:
            field_type = connection.introspection.get_field_type(row.type_code, row)
        except KeyError:
            field_type = "TextField"
            notes.append("This field type is a guess.")
        if field_type == "CharField":
            size = row.display_size or row.internal_size
            if size and size > 0:
                params["max_length"] = int(size)
            else:
                field_type = "TextField"
        if field_type in ("DecimalField",):
            if row.precision is None or row.scale is None:
                notes.append(
                    "max_digits and decimal_places have been guessed, as this database handles decimal fields as float"
                )
                params["max_digits"] = row.precision if row.precision is not None else 10
                params["decimal_places"] = row.scale if row.scale is not None else 5
            else:
                params["max_digits"] = row.precision
                params["decimal_places"] = row.scale
        return field_type, params, notes
