"""Model operations: create, delete, rename, table, options, managers, indexes, constraints."""

from __future__ import annotations

from typing import Any

from framework.db.migrations.operations.base import Operation
from framework.db.migrations.state import ModelState
from framework.db.migrations.utils import field_references, normalize_together, resolve_relation


def _check_for_duplicates(arg_name: str, objs: Any) -> None:
    used = set()
    for value in objs:
        if value in used:
            raise ValueError(f"Found duplicate value {value} in CreateModel {arg_name} argument.")
        used.add(value)


class ModelOperation(Operation):
    """An operation on one model, named ``name``."""

    def __init__(self, name: str):
        self.name = name

    @property
    def name_lower(self) -> str:
        return self.name.lower()

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() == self.name_lower

    def reduce(self, operation, app_label):
        return super().reduce(operation, app_label) or self.can_reduce_through(operation, app_label)

    def can_reduce_through(self, operation, app_label) -> bool:
        return not operation.references_model(self.name, app_label)


class CreateModel(ModelOperation):
    """Create a model's table (and its auto-created many-to-many tables)."""

    serialization_expand_args = ["fields", "options", "managers"]

    def __init__(self, name, fields, options=None, bases=None, managers=None):
        self.fields = list(fields)
        self.options = options or {}
        self.bases = bases or None
        self.managers = managers or []
        super().__init__(name)
        _check_for_duplicates("fields", (name for name, _ in self.fields))
        _check_for_duplicates(
            "bases",
            (
                base._meta.label_lower
                if hasattr(base, "_meta")
                else base.lower()
                if isinstance(base, str)
                else base
                for base in (self.bases or ())
            ),
        )
        _check_for_duplicates("managers", (name for name, _ in self.managers))

    def deconstruct(self):
        from framework.db import models

        kwargs: dict[str, Any] = {"name": self.name, "fields": self.fields}
        if self.options:
            kwargs["options"] = self.options
        if self.bases and self.bases != (models.Model,):
            kwargs["bases"] = self.bases
        if self.managers and self.managers != [("objects", models.Manager())]:
            kwargs["managers"] = self.managers
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        state.add_model(
            ModelState(
                app_label,
                self.name,
                [(n, f) for n, f in self.fields],
                dict(self.options),
                tuple(self.bases) if self.bases else None,
                list(self.managers),
            )
        )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.create_model(model)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.delete_model(model)

    def describe(self):
        kind = "proxy model" if self.options.get("proxy") else "model"
        return f"Create {kind} {self.name}"

    @property
    def migration_name_fragment(self):
        return self.name_lower

    def references_model(self, name, app_label):
        reference = (app_label, name.lower())
        if name.lower() == self.name_lower:
            return True
        for base in self.bases or ():
            if isinstance(base, str) and resolve_relation(base, app_label) == reference:
                return True
        return any(
            field_references((app_label, self.name_lower), field, reference)
            for _, field in self.fields
        )

    def reduce(self, operation, app_label):
        if (
            isinstance(operation, DeleteModel)
            and self.name_lower == operation.name_lower
            and not self.options.get("proxy", False)
        ):
            return []
        if isinstance(operation, RenameModel) and self.name_lower == operation.old_name_lower:
            return [
                CreateModel(
                    operation.new_name, self.fields, self.options, self.bases, self.managers
                )
            ]
        if isinstance(operation, AlterModelOptions) and self.name_lower == operation.name_lower:
            options = {**self.options, **operation.options}
            for key in operation.ALTER_OPTION_KEYS:
                if key not in operation.options:
                    options.pop(key, None)
            return [CreateModel(self.name, self.fields, options, self.bases, self.managers)]
        if isinstance(operation, AlterModelManagers) and self.name_lower == operation.name_lower:
            return [
                CreateModel(self.name, self.fields, self.options, self.bases, operation.managers)
            ]
        if isinstance(operation, AlterModelTable) and self.name_lower == operation.name_lower:
            options = {**self.options, "db_table": operation.table}
            if operation.table is None:
                options.pop("db_table")
            return [CreateModel(self.name, self.fields, options, self.bases, self.managers)]
        if isinstance(operation, AlterUniqueTogether) and self.name_lower == operation.name_lower:
            options = {**self.options, "unique_together": operation.unique_together}
            if not operation.unique_together:
                options.pop("unique_together")
            return [CreateModel(self.name, self.fields, options, self.bases, self.managers)]
        if isinstance(operation, (AddIndex, AddConstraint)) and (
            self.name_lower == operation.model_name_lower
        ):
            key = "indexes" if isinstance(operation, AddIndex) else "constraints"
            item = operation.index if key == "indexes" else operation.constraint
            options = {**self.options, key: [*self.options.get(key, []), item]}
            return [CreateModel(self.name, self.fields, options, self.bases, self.managers)]
        return self._reduce_field_operation(operation, app_label) or super().reduce(
            operation, app_label
        )

    def _reduce_field_operation(self, operation, app_label):
        from framework.db.migrations.operations.fields import (
            AddField,
            AlterField,
            FieldOperation,
            RemoveField,
            RenameField,
        )

        if not (
            isinstance(operation, FieldOperation) and self.name_lower == operation.model_name_lower
        ):
            return None
        if isinstance(operation, AddField):
            fields = [*self.fields, (operation.name, operation.field)]
        elif isinstance(operation, AlterField):
            fields = [(n, operation.field if n == operation.name else f) for n, f in self.fields]
        elif isinstance(operation, RemoveField):
            options = dict(self.options)
            for option in ("unique_together", "index_together"):
                together = normalize_together(options.get(option))
                if together:
                    options[option] = {
                        names
                        for names in (
                            tuple(n for n in names if n != operation.name) for names in together
                        )
                        if names
                    }
                    if not options[option]:
                        options.pop(option)
            return [
                CreateModel(
                    self.name,
                    [(n, f) for n, f in self.fields if n.lower() != operation.name_lower],
                    options,
                    self.bases,
                    self.managers,
                )
            ]
        elif isinstance(operation, RenameField):
            fields = [
                (operation.new_name if n == operation.old_name else n, f) for n, f in self.fields
            ]
            options = dict(self.options)
            for option in ("unique_together", "index_together"):
                together = normalize_together(options.get(option))
                if together:
                    options[option] = {
                        tuple(operation.new_name if n == operation.old_name else n for n in names)
                        for names in together
                    }
            return [CreateModel(self.name, fields, options, self.bases, self.managers)]
        else:
            return None
        return [CreateModel(self.name, fields, self.options, self.bases, self.managers)]


class DeleteModel(ModelOperation):
    """Drop a model's table."""

    def deconstruct(self):
        return self.__class__.__qualname__, [], {"name": self.name}

    def state_forwards(self, app_label, state):
        state.remove_model(app_label, self.name_lower)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.delete_model(model)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.create_model(model)

    def references_model(self, name, app_label):
        # A deleted model may be referenced by others: stay conservative.
        return True

    def describe(self):
        return f"Delete model {self.name}"

    @property
    def migration_name_fragment(self):
        return f"delete_{self.name_lower}"


class RenameModel(ModelOperation):
    """Rename a model (and its table, when the table name is the default)."""

    def __init__(self, old_name: str, new_name: str):
        self.old_name = old_name
        self.new_name = new_name
        super().__init__(old_name)

    @property
    def old_name_lower(self) -> str:
        return self.old_name.lower()

    @property
    def new_name_lower(self) -> str:
        return self.new_name.lower()

    def deconstruct(self):
        return (
            self.__class__.__qualname__,
            [],
            {"old_name": self.old_name, "new_name": self.new_name},
        )

    def state_forwards(self, app_label, state):
        state.rename_model(app_label, self.old_name, self.new_name)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        new_model = to_state.apps.get_model(app_label, self.new_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, new_model):
            return
        old_model = from_state.apps.get_model(app_label, self.old_name)
        schema_editor.alter_db_table(new_model, old_model._meta.db_table, new_model._meta.db_table)
        # Auto-created M2M tables are named after the model too.
        for old_field, new_field in zip(
            old_model._meta.local_many_to_many, new_model._meta.local_many_to_many
        ):
            old_through = old_field.remote_field.through
            new_through = new_field.remote_field.through
            if old_through._meta.auto_created and new_through._meta.auto_created:
                schema_editor.alter_db_table(
                    new_through, old_through._meta.db_table, new_through._meta.db_table
                )
        # Foreign keys of other models keep working: tables are referenced by name and
        # SQLite/PostgreSQL follow the rename.

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self.new_name, self.old_name = self.old_name, self.new_name
        try:
            self.database_forwards(app_label, schema_editor, from_state, to_state)
        finally:
            self.new_name, self.old_name = self.old_name, self.new_name

    def references_model(self, name, app_label):
        return name.lower() in (self.old_name_lower, self.new_name_lower)

    def describe(self):
        return f"Rename model {self.old_name} to {self.new_name}"

    @property
    def migration_name_fragment(self):
        return f"rename_{self.old_name_lower}_{self.new_name_lower}"

    def reduce(self, operation, app_label):
        if isinstance(operation, RenameModel) and self.new_name_lower == operation.old_name_lower:
            return [RenameModel(self.old_name, operation.new_name)]
        return super(ModelOperation, self).reduce(operation, app_label) or (
            not operation.references_model(self.new_name, app_label)
        )


class ModelOptionOperation(ModelOperation):
    def reduce(self, operation, app_label):
        if (
            isinstance(operation, (self.__class__, DeleteModel))
            and self.name_lower == operation.name_lower
        ):
            return [operation]
        return super().reduce(operation, app_label)


class AlterModelTable(ModelOptionOperation):
    """Rename a model's table (``Meta.db_table``)."""

    def __init__(self, name: str, table: str | None):
        self.table = table
        super().__init__(name)

    def deconstruct(self):
        return self.__class__.__qualname__, [], {"name": self.name, "table": self.table}

    def state_forwards(self, app_label, state):
        state.alter_model_options(app_label, self.name_lower, {"db_table": self.table})
        if self.table is None:
            state.alter_model_options(app_label, self.name_lower, {}, ["db_table"])

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        new_model = to_state.apps.get_model(app_label, self.name)
        if not self.allow_migrate_model(schema_editor.connection.alias, new_model):
            return
        old_model = from_state.apps.get_model(app_label, self.name)
        schema_editor.alter_db_table(new_model, old_model._meta.db_table, new_model._meta.db_table)
        for old_field, new_field in zip(
            old_model._meta.local_many_to_many, new_model._meta.local_many_to_many
        ):
            if new_field.remote_field.through._meta.auto_created:
                schema_editor.alter_db_table(
                    new_field.remote_field.through,
                    old_field.remote_field.through._meta.db_table,
                    new_field.remote_field.through._meta.db_table,
                )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Rename table for {self.name} to {self.table if self.table is not None else '(default)'}"

    @property
    def migration_name_fragment(self):
        return f"alter_{self.name_lower}_table"


class AlterTogetherOptionOperation(ModelOptionOperation):
    option_name: str = ""

    def __init__(self, name: str, option_value: Any):
        if option_value:
            option_value = set(normalize_together(option_value))
        setattr(self, self.option_name, option_value)
        super().__init__(name)

    @property
    def option_value(self):
        return getattr(self, self.option_name)

    def deconstruct(self):
        return (
            self.__class__.__qualname__,
            [],
            {"name": self.name, self.option_name: self.option_value},
        )

    def state_forwards(self, app_label, state):
        state.alter_model_options(
            app_label, self.name_lower, {self.option_name: self.option_value or set()}
        )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        new_model = to_state.apps.get_model(app_label, self.name)
        if not self.allow_migrate_model(schema_editor.connection.alias, new_model):
            return
        old_model = from_state.apps.get_model(app_label, self.name)
        method = getattr(schema_editor, f"alter_{self.option_name}")
        method(
            new_model,
            getattr(old_model._meta, self.option_name, ()),
            getattr(new_model._meta, self.option_name, ()),
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def references_field(self, model_name, name, app_label):
        return self.references_model(model_name, app_label) and (
            not self.option_value or any(name in fields for fields in self.option_value)
        )

    def describe(self):
        return (
            f"Alter {self.option_name} for {self.name} "
            f"({len(self.option_value or '')} constraint(s))"
        )

    @property
    def migration_name_fragment(self):
        return f"alter_{self.name_lower}_{self.option_name}"


class AlterUniqueTogether(AlterTogetherOptionOperation):
    """Change ``Meta.unique_together``."""

    option_name = "unique_together"

    def __init__(self, name: str, unique_together: Any):
        super().__init__(name, unique_together)


class AlterModelOptions(ModelOptionOperation):
    """Change options with no effect on the schema (ordering, verbose names, ...)."""

    ALTER_OPTION_KEYS = [
        "base_manager_name",
        "default_manager_name",
        "default_related_name",
        "get_latest_by",
        "managed",
        "ordering",
        "permissions",
        "default_permissions",
        "select_on_save",
        "verbose_name",
        "verbose_name_plural",
    ]

    def __init__(self, name: str, options: dict):
        self.options = options
        super().__init__(name)

    def deconstruct(self):
        return self.__class__.__qualname__, [], {"name": self.name, "options": self.options}

    def state_forwards(self, app_label, state):
        state.alter_model_options(app_label, self.name_lower, self.options, self.ALTER_OPTION_KEYS)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Change Meta options on {self.name}"

    @property
    def migration_name_fragment(self):
        return f"alter_{self.name_lower}_options"


class AlterModelManagers(ModelOptionOperation):
    """Change the managers available to historical models."""

    serialization_expand_args = ["managers"]

    def __init__(self, name: str, managers: list):
        self.managers = managers
        super().__init__(name)

    def deconstruct(self):
        return self.__class__.__qualname__, [self.name, self.managers], {}

    def state_forwards(self, app_label, state):
        state.alter_model_managers(app_label, self.name_lower, self.managers)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Change managers on {self.name}"

    @property
    def migration_name_fragment(self):
        return f"alter_{self.name_lower}_managers"


class IndexOperation(Operation):
    option_name = "indexes"

    @property
    def model_name_lower(self) -> str:
        return self.model_name.lower()

    def references_model(self, name, app_label):
        return name.lower() == self.model_name_lower


class AddIndex(IndexOperation):
    """Create an index (``Meta.indexes``)."""

    def __init__(self, model_name: str, index: Any):
        self.model_name = model_name
        if not index.name:
            raise ValueError(
                f"Indexes passed to AddIndex operations require a name argument. {index!r} "
                f"doesn't have one."
            )
        self.index = index

    def state_forwards(self, app_label, state):
        state.add_index(app_label, self.model_name_lower, self.index)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, self.index)

    def deconstruct(self):
        return (
            self.__class__.__name__,
            [],
            {"model_name": self.model_name, "index": self.index},
        )

    def describe(self):
        fields = ", ".join(self.index.fields or ())
        return f"Create index {self.index.name} on field(s) {fields} of model {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name_lower}_{self.index.name.lower()}"

    def reduce(self, operation, app_label):
        if isinstance(operation, RemoveIndex) and self.index.name == operation.name:
            return []
        if isinstance(operation, RenameIndex) and self.index.name == operation.old_name:
            index = self.index.clone()
            index.name = operation.new_name
            return [AddIndex(self.model_name, index)]
        return super().reduce(operation, app_label)


class RemoveIndex(IndexOperation):
    """Drop an index."""

    def __init__(self, model_name: str, name: str):
        self.model_name = model_name
        self.name = name

    def state_forwards(self, app_label, state):
        state.remove_index(app_label, self.model_name_lower, self.name)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            state = from_state.models[app_label, self.model_name_lower]
            schema_editor.remove_index(model, state.get_index_by_name(self.name))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            state = to_state.models[app_label, self.model_name_lower]
            schema_editor.add_index(model, state.get_index_by_name(self.name))

    def deconstruct(self):
        return (
            self.__class__.__name__,
            [],
            {"model_name": self.model_name, "name": self.name},
        )

    def describe(self):
        return f"Remove index {self.name} from {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"remove_{self.model_name_lower}_{self.name.lower()}"


class RenameIndex(IndexOperation):
    """Rename an index (drop and recreate where the database cannot rename)."""

    def __init__(
        self, model_name: str, new_name: str, old_name: str | None = None, old_fields=None
    ):
        if not old_name and not old_fields:
            raise ValueError(
                "RenameIndex requires one of old_name and old_fields arguments to be set."
            )
        if old_name and old_fields:
            raise ValueError("RenameIndex.old_name and old_fields are mutually exclusive.")
        self.model_name = model_name
        self.new_name = new_name
        self.old_name = old_name
        self.old_fields = old_fields

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "new_name": self.new_name}
        if self.old_name:
            kwargs["old_name"] = self.old_name
        if self.old_fields:
            kwargs["old_fields"] = self.old_fields
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        if self.old_fields:
            from framework.db.models import Index

            state.add_index(
                app_label,
                self.model_name_lower,
                Index(fields=list(self.old_fields), name=self.new_name),
            )
            state.alter_model_options(
                app_label,
                self.model_name_lower,
                {
                    "index_together": {
                        f
                        for f in state.models[app_label, self.model_name_lower].options.get(
                            "index_together", set()
                        )
                        if tuple(f) != tuple(self.old_fields)
                    }
                },
            )
        else:
            state.rename_index(app_label, self.model_name_lower, self.old_name, self.new_name)

    def _rename(self, app_label, schema_editor, from_state, to_state, old_name, new_name):
        from framework.db.models import Index

        model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        if old_name is None:
            names = schema_editor._constraint_names(
                from_state.apps.get_model(app_label, self.model_name),
                [model._meta.get_field(f).column for f in self.old_fields],
                index=True,
                unique=False,
                primary_key=False,
            )
            if len(names) != 1:
                raise ValueError(
                    f"Found wrong number ({len(names)}) of indexes for "
                    f"{model._meta.db_table}({', '.join(self.old_fields)})."
                )
            old_index = Index(fields=list(self.old_fields), name=names[0])
        else:
            old_index = from_state.models[app_label, self.model_name_lower].get_index_by_name(
                old_name
            )
        new_index = to_state.models[app_label, self.model_name_lower].get_index_by_name(new_name)
        schema_editor.rename_index(model, old_index, new_index)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._rename(app_label, schema_editor, from_state, to_state, self.old_name, self.new_name)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self.old_fields:
            return  # Unnamed index_together indexes: renaming back is a no-op, as in Django.
        self._rename(app_label, schema_editor, from_state, to_state, self.new_name, self.old_name)

    def describe(self):
        if self.old_name:
            return f"Rename index {self.old_name} on {self.model_name} to {self.new_name}"
        return (
            f"Rename unnamed index for {tuple(self.old_fields)} on {self.model_name} to "
            f"{self.new_name}"
        )

    @property
    def migration_name_fragment(self):
        if self.old_name:
            return f"rename_{self.old_name.lower()}_{self.new_name.lower()}"
        return f"rename_{self.model_name_lower}_{'_'.join(self.old_fields)}_{self.new_name.lower()}"

    def reduce(self, operation, app_label):
        if (
            isinstance(operation, RenameIndex)
            and self.model_name_lower == operation.model_name_lower
            and operation.old_name
            and self.new_name.lower() == operation.old_name.lower()
        ):
            return [
                RenameIndex(
                    self.model_name,
                    new_name=operation.new_name,
                    old_name=self.old_name,
                    old_fields=self.old_fields,
                )
            ]
        return super().reduce(operation, app_label)


class AddConstraint(IndexOperation):
    """Add a constraint (``Meta.constraints``)."""

    option_name = "constraints"

    def __init__(self, model_name: str, constraint: Any):
        if not constraint.name:
            raise ValueError(f"{constraint!r} passed to AddConstraint needs a name.")
        self.model_name = model_name
        self.constraint = constraint

    def state_forwards(self, app_label, state):
        state.add_constraint(app_label, self.model_name_lower, self.constraint)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_constraint(model, self.constraint)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_constraint(model, self.constraint)

    def deconstruct(self):
        return (
            self.__class__.__name__,
            [],
            {"model_name": self.model_name, "constraint": self.constraint},
        )

    def describe(self):
        return f"Create constraint {self.constraint.name} on model {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name_lower}_{self.constraint.name.lower()}"

    def reduce(self, operation, app_label):
        if isinstance(operation, RemoveConstraint) and self.constraint.name == operation.name:
            return []
        return super().reduce(operation, app_label)


class RemoveConstraint(IndexOperation):
    """Remove a constraint."""

    option_name = "constraints"

    def __init__(self, model_name: str, name: str):
        self.model_name = model_name
        self.name = name

    def state_forwards(self, app_label, state):
        state.remove_constraint(app_label, self.model_name_lower, self.name)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            state = from_state.models[app_label, self.model_name_lower]
            schema_editor.remove_constraint(model, state.get_constraint_by_name(self.name))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            state = to_state.models[app_label, self.model_name_lower]
            schema_editor.add_constraint(model, state.get_constraint_by_name(self.name))

    def deconstruct(self):
        return (
            self.__class__.__name__,
            [],
            {"model_name": self.model_name, "name": self.name},
        )

    def describe(self):
        return f"Remove constraint {self.name} from model {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"remove_{self.model_name_lower}_{self.name.lower()}"
