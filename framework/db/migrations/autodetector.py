"""MigrationAutodetector: compare two project states and write the operations between them.

The comparison runs in phases so that the operations of one app apply in a safe order
(renames, removals of indexes, new models, field renames and removals, deleted models,
added and altered fields, options, new indexes and constraints). Renames are only made
when the questioner says yes; ``--noinput`` never guesses.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import Any

from framework.db.migrations import operations
from framework.db.migrations.migration import Migration
from framework.db.migrations.questioner import MigrationQuestioner
from framework.db.migrations.serializer import swappable_setting
from framework.db.migrations.state import _rebuild_field
from framework.db.migrations.utils import resolve_relation
from framework.db.models.fields.base import NOT_PROVIDED

# Phases, in the order their operations run inside one app's migration.
RENAME_MODELS, REMOVE_INDEXES, CREATE_MODELS, RENAME_FIELDS = 0, 1, 2, 3
REMOVE_FIELDS, DELETE_MODELS, ADD_FIELDS, ALTER_FIELDS, OPTIONS, ADD_INDEXES = range(4, 10)


def deep_deconstruct(obj: Any) -> Any:
    """A comparable, recursive deconstruction of a value found in a field or option."""
    if isinstance(obj, list):
        return [deep_deconstruct(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(deep_deconstruct(v) for v in obj)
    if isinstance(obj, (set, frozenset)):
        return obj
    if isinstance(obj, dict):
        return {k: deep_deconstruct(v) for k, v in obj.items()}
    if isinstance(obj, functools.partial):
        return (obj.func, deep_deconstruct(obj.args), deep_deconstruct(obj.keywords))
    if isinstance(obj, re.Pattern):
        return ("re", obj.pattern, obj.flags)
    if isinstance(obj, type):
        return obj
    deconstruct = getattr(obj, "deconstruct", None)
    if deconstruct is not None and not callable(getattr(obj, "__func__", None)):
        try:
            parts = deconstruct()
        except TypeError:
            return obj
        if len(parts) == 4:  # a field
            _, path, args, kwargs = parts
        elif len(parts) == 3:
            path, args, kwargs = parts
        else:
            return parts
        return (path, deep_deconstruct(list(args)), deep_deconstruct(dict(kwargs)))
    return obj


class MigrationAutodetector:
    """Find the operations that turn ``from_state`` into ``to_state``.

    ``changes(graph)`` returns {app_label: [Migration]}, numbered after the graph's leaves.
    """

    def __init__(self, from_state: Any, to_state: Any, questioner: Any = None):
        self.from_state = from_state
        self.to_state = to_state
        self.questioner = questioner or MigrationQuestioner()
        self.existing_apps = {app for app, _ in from_state.models}

    def changes(
        self,
        graph: Any,
        trim_to_apps: Any = None,
        convert_apps: Any = None,
        migration_name: str | None = None,
    ) -> dict[str, list[Migration]]:
        """The new migrations per app label."""
        self._detect_changes()
        changes = self.arrange_for_graph(graph, migration_name)
        if trim_to_apps:
            changes = self._trim_to_apps(changes, set(trim_to_apps))
        return changes

    # -- helpers --

    def _add(self, app_label: str, phase: int, operation: Any, deps: Any = ()) -> None:
        self.phases[app_label][phase].append(operation)
        external = {dep for dep in deps if dep[0] != app_label}
        self.op_deps[id(operation)] = external
        self.dependencies[app_label] |= external

    def _label(self, value: Any, app_label: str, model_name: str, old: bool) -> str:
        label = "{}.{}".format(*resolve_relation(value, app_label, model_name))
        if old:
            label = self.renamed_models_rel.get(label, label)
        return label

    def field_def(self, field: Any, app_label: str, model_name: str, old: bool) -> tuple:
        """The field's deconstruction with relation targets normalised for comparison."""
        _, path, args, kwargs = field.deconstruct()
        kwargs = dict(kwargs)
        for key in ("to", "through"):
            if kwargs.get(key) is not None:
                kwargs[key] = self._label(kwargs[key], app_label, model_name, old)
        return path, deep_deconstruct(list(args)), deep_deconstruct(kwargs)

    def _relation_deps(self, field: Any, app_label: str, model_name: str) -> set:
        """(app_label, model_name) keys the field points at (its target, its through)."""
        deps = set()
        remote = getattr(field, "remote_field", None)
        if not remote:
            return deps
        _, _, _, kwargs = field.deconstruct()
        for key in ("to", "through"):
            target = kwargs.get(key)
            if target is None:
                continue
            label = self._label(target, app_label, model_name, old=False)
            setting = swappable_setting(label)
            if setting:
                deps.add(("__setting__", setting))
            else:
                deps.add(tuple(label.split(".", 1)))
        return deps

    def _base_deps(self, model_state: Any) -> set:
        return {
            resolve_relation(base, model_state.app_label)
            for base in model_state.bases
            if isinstance(base, str)
        }

    # -- detection --

    def _detect_changes(self) -> None:
        self.phases: dict = defaultdict(lambda: defaultdict(list))
        self.dependencies: dict = defaultdict(set)
        self.op_deps: dict = {}
        self.renamed_models: dict = {}
        self.renamed_models_rel: dict = {}
        self.renamed_fields: dict = {}
        old_keys = set(self.from_state.models)
        new_keys = set(self.to_state.models)
        self._generate_renamed_models(old_keys, new_keys)
        renamed_new = set(self.renamed_models)
        renamed_old = {(k[0], v) for k, v in self.renamed_models.items()}
        added = sorted(new_keys - old_keys - renamed_new)
        removed = sorted(old_keys - new_keys - renamed_old)
        self.kept = sorted(
            [(k, k) for k in old_keys & new_keys]
            + [((k[0], old), k) for k, old in self.renamed_models.items()]
        )
        self._generate_created_models(added)
        self._generate_deleted_models(removed)
        for old_key, new_key in self.kept:
            self._generate_field_changes(old_key, new_key)
            self._generate_option_changes(old_key, new_key)

    def _generate_renamed_models(self, old_keys: set, new_keys: set) -> None:
        added = sorted(new_keys - old_keys)
        removed = sorted(old_keys - new_keys)
        for app_label, model_name in added:
            new_state = self.to_state.models[app_label, model_name]
            new_def = self._model_fields_def(new_state)
            for rem_app, rem_name in removed:
                if rem_app != app_label or (rem_app, rem_name) in {
                    (k[0], v) for k, v in self.renamed_models.items()
                }:
                    continue
                old_state = self.from_state.models[rem_app, rem_name]
                if self._model_fields_def(old_state) != new_def:
                    continue
                if self.questioner.ask_rename_model(old_state, new_state):
                    self._add(
                        app_label,
                        RENAME_MODELS,
                        operations.RenameModel(old_name=old_state.name, new_name=new_state.name),
                    )
                    self.renamed_models[app_label, model_name] = rem_name
                    self.renamed_models_rel[f"{app_label}.{rem_name}"] = f"{app_label}.{model_name}"
                    break

    def _model_fields_def(self, model_state: Any) -> list:
        result = []
        for name, field in sorted(model_state.fields.items()):
            _, path, args, kwargs = field.deconstruct()
            kwargs = {k: v for k, v in kwargs.items() if k not in ("to", "through")}
            result.append((name, path, deep_deconstruct(list(args)), deep_deconstruct(kwargs)))
        return result

    def _generate_created_models(self, added: list) -> None:
        by_app: dict = defaultdict(list)
        for key in added:
            by_app[key[0]].append(key)
        for keys in by_app.values():
            new_in_app = set(keys)
            created: set = set()
            pending = list(keys)
            while pending:
                progress = False
                for key in list(pending):
                    if not (self._same_app_deps(key, new_in_app) - created - {key}):
                        self._create_model(key, created, new_in_app)
                        created.add(key)
                        pending.remove(key)
                        progress = True
                if not progress:
                    # A cycle of foreign keys: create one model, add its links later.
                    candidates = [
                        k
                        for k in pending
                        if not (self._base_deps(self.to_state.models[k]) - created)
                    ] or pending
                    key = candidates[0]
                    self._create_model(key, created, new_in_app)
                    created.add(key)
                    pending.remove(key)

    def _same_app_deps(self, key: tuple, new_in_app: set) -> set:
        model_state = self.to_state.models[key]
        deps = set(self._base_deps(model_state))
        for field in model_state.fields.values():
            deps |= self._relation_deps(field, *key)
        return {d for d in deps if d in new_in_app}

    def _create_model(self, key: tuple, created: set, new_in_app: set) -> None:
        app_label, model_name = key
        model_state = self.to_state.models[key]
        fields, deferred, deps = [], [], set(self._base_deps(model_state))
        for name, field in model_state.fields.items():
            field_deps = self._relation_deps(field, app_label, model_name)
            if {d for d in field_deps if d in new_in_app} - created - {key}:
                deferred.append((name, field, field_deps))
                continue
            deps |= field_deps
            fields.append((name, field))
        options = {k: v for k, v in model_state.options.items() if v not in ([], set(), (), None)}
        late: list = []
        if deferred:
            for option in ("unique_together", "indexes", "constraints"):
                if option in options:
                    late.append((option, options.pop(option)))
        from framework.db import models

        bases = model_state.bases if model_state.bases != (models.Model,) else None
        self._add(
            app_label,
            CREATE_MODELS,
            operations.CreateModel(
                name=model_state.name,
                fields=fields,
                options=options,
                bases=bases,
                managers=model_state.managers,
            ),
            deps,
        )
        for name, field, field_deps in deferred:
            self._add(
                app_label,
                ADD_FIELDS,
                operations.AddField(model_name=model_name, name=name, field=field),
                field_deps,
            )
        for option, value in late:
            if option == "unique_together":
                op = operations.AlterUniqueTogether(name=model_name, unique_together=value)
                self._add(app_label, OPTIONS, op)
            elif option == "indexes":
                for index in value:
                    self._add(
                        app_label,
                        ADD_INDEXES,
                        operations.AddIndex(model_name=model_name, index=index),
                    )
            else:
                for constraint in value:
                    self._add(
                        app_label,
                        ADD_INDEXES,
                        operations.AddConstraint(model_name=model_name, constraint=constraint),
                    )

    def _generate_deleted_models(self, removed: list) -> None:
        removed_set = set(removed)
        by_app: dict = defaultdict(list)
        for key in removed:
            by_app[key[0]].append(key)
        for app_label, keys in by_app.items():
            pending = list(keys)
            while pending:
                # Delete models nobody else (still pending) points at first.
                referenced = set()
                for key in pending:
                    for field in self.from_state.models[key].fields.values():
                        for dep in self._relation_deps(field, *key):
                            if dep != key:
                                referenced.add(dep)
                ready = [k for k in pending if k not in referenced] or pending[:1]
                for key in ready:
                    deps = set()
                    for (other_app, other_name), state in self.from_state.models.items():
                        if other_app == app_label:
                            continue
                        for field in state.fields.values():
                            if key in self._relation_deps(field, other_app, other_name):
                                deps.add((other_app, other_name))
                    deps = {d for d in deps if d in removed_set or self._changes_field_to(d, key)}
                    self._add(
                        app_label,
                        DELETE_MODELS,
                        operations.DeleteModel(name=self.from_state.models[key].name),
                        deps,
                    )
                    pending.remove(key)

    def _changes_field_to(self, model_key: tuple, target: tuple) -> bool:
        """True if a kept model drops or alters its relation to ``target`` in this run."""
        return any(old_key == model_key for old_key, _ in self.kept)

    def _generate_field_changes(self, old_key: tuple, new_key: tuple) -> None:
        app_label, model_name = new_key
        old_state = self.from_state.models[old_key]
        new_state = self.to_state.models[new_key]
        old_names = set(old_state.fields)
        new_names = set(new_state.fields)
        added = sorted(new_names - old_names, key=list(new_state.fields).index)
        removed = sorted(old_names - new_names)
        for name in list(added):
            field = new_state.fields[name]
            new_def = self.field_def(field, app_label, model_name, old=False)
            for old_name in removed:
                old_field = old_state.fields[old_name]
                old_def = self.field_def(old_field, old_key[0], old_key[1], old=True)
                if old_def == new_def or (
                    old_def[0] == new_def[0]
                    and {**old_def[2], "db_column": None} == {**new_def[2], "db_column": None}
                    and (old_field.db_column or old_name) == (field.db_column or name)
                ):
                    if self.questioner.ask_rename(model_name, old_name, name, field):
                        self._add(
                            app_label,
                            RENAME_FIELDS,
                            operations.RenameField(
                                model_name=model_name, old_name=old_name, new_name=name
                            ),
                        )
                        if old_def != new_def:
                            self._add(
                                app_label,
                                ALTER_FIELDS,
                                operations.AlterField(
                                    model_name=model_name, name=name, field=field
                                ),
                            )
                        added.remove(name)
                        removed.remove(old_name)
                        self.renamed_fields[new_key, name] = old_name
                        break
        for name in removed:
            self._add(
                app_label,
                REMOVE_FIELDS,
                operations.RemoveField(model_name=model_name, name=name),
            )
        for name in added:
            self._add_field(app_label, model_name, new_state, name, new_state.fields[name])
        for name in sorted(old_names & new_names):
            old_field = old_state.fields[name]
            new_field = new_state.fields[name]
            old_def = self.field_def(old_field, old_key[0], old_key[1], old=True)
            new_def = self.field_def(new_field, app_label, model_name, old=False)
            if old_def == new_def:
                continue
            if old_field.many_to_many != new_field.many_to_many:
                self._add(
                    app_label,
                    REMOVE_FIELDS,
                    operations.RemoveField(model_name=model_name, name=name),
                )
                self._add_field(app_label, model_name, new_state, name, new_field)
                continue
            preserve_default = True
            if (
                old_field.null
                and not new_field.null
                and not new_field.has_default()
                and new_field.db_default is NOT_PROVIDED
                and not new_field.many_to_many
            ):
                default = self.questioner.ask_not_null_alteration(name, new_state.name)
                if default is not None and default is not NOT_PROVIDED:
                    new_field = _rebuild_field(new_field, default=default)
                    preserve_default = False
            self._add(
                app_label,
                ALTER_FIELDS,
                operations.AlterField(
                    model_name=model_name,
                    name=name,
                    field=new_field,
                    preserve_default=preserve_default,
                ),
                self._relation_deps(new_field, app_label, model_name),
            )

    def _add_field(self, app_label, model_name, model_state, name, field) -> None:
        preserve_default = True
        needs_default = (
            not field.null
            and not field.has_default()
            and field.db_default is NOT_PROVIDED
            and not field.many_to_many
            and not (field.blank and field.empty_strings_allowed)
            and not getattr(field, "auto_now", False)
            and not getattr(field, "auto_now_add", False)
        )
        if needs_default:
            default = self.questioner.ask_not_null_addition(name, model_state.name)
            if default is not None:
                field = _rebuild_field(field, default=default)
                preserve_default = False
        elif getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            if not field.null and not field.has_default():
                default = self.questioner.ask_auto_now_add_addition(name, model_state.name)
                if default is not None:
                    field = _rebuild_field(field, default=default)
                    preserve_default = False
        self._add(
            app_label,
            ADD_FIELDS,
            operations.AddField(
                model_name=model_name,
                name=name,
                field=field,
                preserve_default=preserve_default,
            ),
            self._relation_deps(field, app_label, model_name),
        )

    def _generate_option_changes(self, old_key: tuple, new_key: tuple) -> None:
        app_label = new_key[0]
        old_state = self.from_state.models[old_key]
        new_state = self.to_state.models[new_key]
        name = new_key[1]
        old_options, new_options = old_state.options, new_state.options
        if old_options.get("db_table") != new_options.get("db_table"):
            self._add(
                app_label,
                OPTIONS,
                operations.AlterModelTable(name=name, table=new_options.get("db_table")),
            )
        old_together = {tuple(t) for t in old_options.get("unique_together") or ()}
        new_together = {tuple(t) for t in new_options.get("unique_together") or ()}
        renamed = {old: new for (key, new), old in self.renamed_fields.items() if key == new_key}
        old_together_renamed = {tuple(renamed.get(f, f) for f in t) for t in old_together}
        if old_together_renamed != new_together:
            added_fields = set(new_state.fields) - set(old_state.fields) - set(renamed.values())
            late = any(f in added_fields for t in new_together for f in t)
            self._add(
                app_label,
                OPTIONS if late else REMOVE_INDEXES,
                operations.AlterUniqueTogether(name=name, unique_together=new_together),
            )
        keys = operations.AlterModelOptions.ALTER_OPTION_KEYS
        old_alter = {k: v for k, v in old_options.items() if k in keys}
        new_alter = {k: v for k, v in new_options.items() if k in keys}
        if old_alter != new_alter:
            self._add(
                app_label, OPTIONS, operations.AlterModelOptions(name=name, options=new_alter)
            )
        old_managers = [(n, deep_deconstruct(m)) for n, m in old_state.managers]
        new_managers = [(n, deep_deconstruct(m)) for n, m in new_state.managers]
        if old_managers != new_managers:
            self._add(
                app_label,
                OPTIONS,
                operations.AlterModelManagers(name=name, managers=new_state.managers),
            )
        self._generate_indexes(app_label, name, old_options, new_options, renamed)
        self._generate_constraints(app_label, name, old_options, new_options)

    def _generate_indexes(self, app_label, name, old_options, new_options, renamed) -> None:
        old_indexes = {i.name: i for i in old_options.get("indexes", [])}
        new_indexes = {i.name: i for i in new_options.get("indexes", [])}

        def definition(index):
            path, args, kwargs = index.deconstruct()
            kwargs = {k: v for k, v in kwargs.items() if k != "name"}
            if "fields" in kwargs:
                kwargs["fields"] = [renamed.get(f, f) for f in kwargs["fields"]]
            return path, deep_deconstruct(list(args)), deep_deconstruct(kwargs)

        removed = [
            n
            for n in old_indexes
            if n not in new_indexes or definition(old_indexes[n]) != definition(new_indexes[n])
        ]
        added = [
            n
            for n in new_indexes
            if n not in old_indexes or definition(old_indexes[n]) != definition(new_indexes[n])
        ]
        for new_name in list(added):
            for old_name in removed:
                if old_name in new_indexes:
                    continue
                if definition(old_indexes[old_name]) == definition(new_indexes[new_name]):
                    self._add(
                        app_label,
                        ADD_INDEXES,
                        operations.RenameIndex(
                            model_name=name, new_name=new_name, old_name=old_name
                        ),
                    )
                    added.remove(new_name)
                    removed.remove(old_name)
                    break
        for index_name in sorted(removed):
            self._add(
                app_label,
                REMOVE_INDEXES,
                operations.RemoveIndex(model_name=name, name=index_name),
            )
        for index_name in added:
            self._add(
                app_label,
                ADD_INDEXES,
                operations.AddIndex(model_name=name, index=new_indexes[index_name]),
            )

    def _generate_constraints(self, app_label, name, old_options, new_options) -> None:
        old = {c.name: c for c in old_options.get("constraints", [])}
        new = {c.name: c for c in new_options.get("constraints", [])}
        for constraint_name in sorted(old):
            if constraint_name not in new or deep_deconstruct(old[constraint_name]) != (
                deep_deconstruct(new[constraint_name])
            ):
                self._add(
                    app_label,
                    REMOVE_INDEXES,
                    operations.RemoveConstraint(model_name=name, name=constraint_name),
                )
        for constraint_name, constraint in new.items():
            if constraint_name not in old or deep_deconstruct(old[constraint_name]) != (
                deep_deconstruct(constraint)
            ):
                self._add(
                    app_label,
                    ADD_INDEXES,
                    operations.AddConstraint(model_name=name, constraint=constraint),
                )

    # -- migrations --

    def arrange_for_graph(self, graph: Any, migration_name: str | None = None) -> dict:
        """Turn each app's operations into numbered Migrations after its leaf.

        One migration per app, unless new migrations of several apps would depend on each
        other: then one app's cross-app links move to a second migration.
        """
        parts: dict[str, list[list]] = {}
        for app_label in sorted(self.phases):
            ops = [
                op
                for phase in sorted(self.phases[app_label])
                for op in self.phases[app_label][phase]
            ]
            if not ops:
                continue
            leaves = graph.leaf_nodes(app_label) if graph is not None else []
            if not leaves and not self.questioner.ask_initial(app_label):
                continue
            parts[app_label] = [ops]
        self._break_cycles(parts)
        changes: dict[str, list[Migration]] = {}
        for app_label, op_lists in parts.items():
            leaves = graph.leaf_nodes(app_label) if graph is not None else []
            if leaves:
                match = re.match(r"^\d+", leaves[0][1])
                number = int(match.group()) + 1 if match else 2
            else:
                number = 1
            previous = leaves[0] if leaves else None
            for index, ops in enumerate(op_lists):
                migration = Migration("auto", app_label)
                migration.operations = ops
                migration.initial = not leaves
                if previous:
                    migration.dependencies.append(previous)
                fragment = migration_name or migration.suggest_name()
                if migration_name and index:
                    fragment = f"{migration_name}_{index + 1}"
                migration.name = f"{number + index:04d}_{fragment}"
                previous = (app_label, migration.name)
                changes.setdefault(app_label, []).append(migration)
        for migrations in changes.values():
            for migration in migrations:
                extra = set()
                for op in migration.operations:
                    for dep in self.op_deps.get(id(op), ()):
                        extra.add(self._resolve_dependency(dep, changes, graph))
                migration.dependencies.extend(sorted(extra, key=lambda d: (d[0], str(d[1]))))
        return changes

    def _resolve_dependency(self, dep: tuple, changes: dict, graph: Any) -> tuple:
        """(app, migration) for a model dependency: the new migration creating it, or a leaf."""
        if dep[0] == "__setting__":
            return dep
        if dep[0] in changes:
            for migration in changes[dep[0]]:
                if any(
                    isinstance(op, operations.CreateModel) and op.name_lower == dep[1]
                    for op in migration.operations
                ):
                    return dep[0], migration.name
            return dep[0], changes[dep[0]][-1].name
        leaves = graph.leaf_nodes(dep[0]) if graph is not None else []
        return leaves[0] if leaves else (dep[0], "__first__")

    def _cross_apps(self, app_label: str, ops: list, parts: dict) -> set:
        return {
            dep[0]
            for op in ops
            for dep in self.op_deps.get(id(op), ())
            if dep[0] in parts and dep[0] != app_label
        }

    def _find_cycle(self, parts: dict) -> list | None:
        """Apps whose first new migrations would depend on each other in a loop."""
        edges = {
            app: self._cross_apps(app, [op for ops in lists for op in ops], parts)
            for app, lists in parts.items()
        }
        # An app that was split only needs others from its second part: drop those edges.
        for app, lists in parts.items():
            if len(lists) > 1:
                edges[app] = self._cross_apps(app, lists[0], parts)
        state: dict[str, int] = {}
        stack: list[str] = []

        def visit(app):
            state[app] = 1
            stack.append(app)
            for other in sorted(edges.get(app, ())):
                if state.get(other) == 1:
                    return stack[stack.index(other) :]
                if other not in state:
                    found = visit(other)
                    if found:
                        return found
            state[app] = 2
            stack.pop()
            return None

        for app in sorted(parts):
            if app not in state:
                cycle = visit(app)
                if cycle:
                    return cycle
        return None

    def _break_cycles(self, parts: dict) -> None:
        for _ in range(len(parts) + 1):
            cycle = self._find_cycle(parts)
            if not cycle:
                return
            app = next((a for a in sorted(cycle) if len(parts[a]) == 1), None)
            if app is None:
                break
            others = set(cycle) - {app}
            first, second = [], []
            for op in parts[app][0]:
                deps = self.op_deps.get(id(op), set())
                if not any(d[0] in others for d in deps):
                    first.append(op)
                elif isinstance(op, operations.CreateModel):
                    kept, moved = [], []
                    for name, field in op.fields:
                        field_deps = self._relation_deps(field, app, op.name_lower)
                        (moved if any(d[0] in others for d in field_deps) else kept).append(
                            (name, field, field_deps)
                        )
                    create = operations.CreateModel(
                        name=op.name,
                        fields=[(n, f) for n, f, _ in kept],
                        options=op.options,
                        bases=op.bases,
                        managers=op.managers,
                    )
                    self.op_deps[id(create)] = {
                        d for _, _, fd in kept for d in fd if d[0] != app
                    } | {d for d in deps if d[0] not in others and d[0] != app}
                    first.append(create)
                    for name, field, field_deps in moved:
                        add = operations.AddField(model_name=op.name_lower, name=name, field=field)
                        self.op_deps[id(add)] = {d for d in field_deps if d[0] != app}
                        second.append(add)
                else:
                    second.append(op)
            parts[app] = [first, second] if second else [first]
        cycle = self._find_cycle(parts)
        if cycle:
            raise ValueError(
                "Cannot order the new migrations of apps "
                + ", ".join(repr(a) for a in cycle)
                + ": they depend on each other. Make one of the relations in a separate "
                "makemigrations run."
            )

    def _trim_to_apps(self, changes: dict, app_labels: set) -> dict:
        """Keep the named apps' migrations and those they depend on."""
        required = set(app_labels)
        todo = list(app_labels)
        while todo:
            app = todo.pop()
            for migration in changes.get(app, []):
                for dep_app, _ in migration.dependencies:
                    if dep_app in changes and dep_app not in required:
                        required.add(dep_app)
                        todo.append(dep_app)
        return {app: m for app, m in changes.items() if app in required}

    @classmethod
    def parse_number(cls, name: str) -> int | None:
        """The leading number of a migration name ('0002_x' -> 2), or None."""
        if squashed := re.match(r"^\d+_squashed_(\d+)", name):
            return int(squashed[1])
        match = re.match(r"^\d+", name)
        return int(match[0]) if match else None
