"""Project state: the models as the migrations describe them, and their rendering.

``ModelState`` holds one model's fields, options, bases and managers as plain data;
``ProjectState`` holds all of them and renders real (historical) model classes into a
private ``StateApps`` registry when an operation or ``RunPython`` needs them.
"""

from __future__ import annotations

from typing import Any

from framework.apps.config import AppConfig
from framework.apps.registry import Apps
from framework.apps.registry import apps as global_apps
from framework.core.exceptions import FieldDoesNotExist
from framework.db.migrations.exceptions import InvalidBasesError
from framework.db.migrations.utils import normalize_together, resolve_relation
from framework.db.models.options import DEFAULT_NAMES

# Options that describe the registry, not the model: never stored in a state.
_IGNORED_OPTIONS = {"apps", "app_label"}


def _model_key(app_label: str, model_name: str) -> tuple[str, str]:
    return app_label, model_name.lower()


def _rebuild_field(field: Any, **changes: Any) -> Any:
    """A new unbound field equal to ``field`` with some constructor kwargs changed."""
    _, path, args, kwargs = field.deconstruct()
    kwargs.update(changes)
    return type(field)(*args, **kwargs)


class ModelState:
    """One model as data: ``fields`` (name -> unbound field), ``options``, ``bases``."""

    def __init__(
        self,
        app_label: str,
        name: str,
        fields: Any,
        options: dict | None = None,
        bases: tuple | None = None,
        managers: list | None = None,
    ):
        from framework.db import models

        self.app_label = app_label
        self.name = name
        self.fields: dict[str, Any] = dict(fields)
        self.options = dict(options or {})
        self.options.setdefault("indexes", [])
        self.options.setdefault("constraints", [])
        self.bases = tuple(bases or (models.Model,))
        self.managers = list(managers or [])
        for field_name, field in self.fields.items():
            if getattr(field, "model", None) is not None:
                raise ValueError(
                    f'ModelState.fields cannot be bound to a model - "{field_name}" is. '
                    f"Pass field.clone() instead."
                )
        for index in self.options["indexes"]:
            if not index.name:
                raise ValueError(
                    f"Indexes passed to ModelState require a name attribute. {index!r} "
                    f"doesn't have one."
                )

    @property
    def name_lower(self) -> str:
        return self.name.lower()

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: '{self.app_label}.{self.name}'>"

    def get_field(self, field_name: str) -> Any:
        """The field named ``field_name`` ('_order' follows order_with_respect_to)."""
        if field_name == "_order":
            field_name = self.options.get("order_with_respect_to", field_name)
        try:
            return self.fields[field_name]
        except KeyError:
            raise FieldDoesNotExist(
                f"{self.app_label}.{self.name} has no field named {field_name!r} in the "
                f"migration state."
            ) from None

    def get_index_by_name(self, name: str) -> Any:
        for index in self.options["indexes"]:
            if index.name == name:
                return index
        raise ValueError(f"No index named {name!r} on model {self.name!r}.")

    def get_constraint_by_name(self, name: str) -> Any:
        for constraint in self.options["constraints"]:
            if constraint.name == name:
                return constraint
        raise ValueError(f"No constraint named {name!r} on model {self.name!r}.")

    @classmethod
    def from_model(cls, model: Any, exclude_rels: bool = False) -> ModelState:
        """Describe an existing model class."""
        from framework.db import models

        meta = model._meta
        fields = {}
        for field in meta.local_fields:
            if exclude_rels and field.remote_field:
                continue
            fields[field.name] = field.clone()
        if not exclude_rels:
            for field in meta.local_many_to_many:
                fields[field.name] = field.clone()
        options: dict[str, Any] = {}
        for name in DEFAULT_NAMES:
            if name in _IGNORED_OPTIONS or name not in meta.original_attrs:
                continue
            if name == "unique_together":
                options[name] = set(normalize_together(meta.unique_together))
            elif name == "index_together":
                options[name] = set(normalize_together(meta.index_together))
            elif name == "indexes":
                options[name] = [index.clone() for index in meta.indexes]
            elif name == "constraints":
                options[name] = [c.clone() for c in meta.constraints]
            else:
                options[name] = meta.original_attrs[name]
        if exclude_rels:
            for key in ("unique_together", "index_together", "order_with_respect_to"):
                options.pop(key, None)

        def flatten(bases):
            result = []
            for base in bases:
                if hasattr(base, "_meta") and base._meta.abstract:
                    result.extend(flatten(base.__bases__))
                elif base not in result:
                    result.append(base)
            return result

        bases = tuple(
            base._meta.label_lower if hasattr(base, "_meta") else base
            for base in flatten(model.__bases__)
        )
        if not any(isinstance(b, str) or issubclass(b, models.Model) for b in bases):
            bases = (models.Model,)
        managers = []
        for manager in meta.managers:
            if getattr(manager, "use_in_migrations", False):
                managers.append((manager.name, _copy_manager(manager)))
        return cls(meta.app_label, meta.object_name, fields, options, bases, managers)

    def clone(self) -> ModelState:
        """An independent copy (fields are shared: operations replace, never mutate)."""
        options = dict(self.options)
        options["indexes"] = list(options["indexes"])
        options["constraints"] = list(options["constraints"])
        return self.__class__(
            self.app_label,
            self.name,
            dict(self.fields),
            options,
            self.bases,
            list(self.managers),
        )

    def construct_managers(self):
        for name, manager in self.managers:
            yield name, _copy_manager(manager)

    def render(self, apps: Apps) -> type:
        """Create the historical model class in ``apps``."""
        meta_contents = {"app_label": self.app_label, "apps": apps}
        for key, value in self.options.items():
            if key in ("unique_together", "index_together"):
                meta_contents[key] = sorted(value) if isinstance(value, set) else value
            elif key in ("indexes", "constraints"):
                meta_contents[key] = [item.clone() for item in value]
            else:
                meta_contents[key] = value
        meta = type("Meta", (), meta_contents)
        try:
            bases = tuple(
                apps.get_registered_model(*base.split(".", 1)) if isinstance(base, str) else base
                for base in self.bases
            )
        except LookupError:
            raise InvalidBasesError(
                f"Cannot resolve bases for {self!r}: {self.bases!r}. Check that every base "
                f"model is in the state (create migrations for the apps that define them)."
            ) from None
        body: dict[str, Any] = {}
        base_models = {b._meta.label_lower: b for b in bases if hasattr(b, "_meta")}
        for name, field in self.fields.items():
            remote = getattr(field, "remote_field", None)
            target = getattr(remote, "model", None)
            if getattr(remote, "parent_link", False) and isinstance(target, str):
                # Give the parent link its (already rendered) base class, so that model
                # set-up recognises it instead of adding a second <parent>_ptr.
                label = "{}.{}".format(*resolve_relation(target, self.app_label, self.name))
                if label in base_models:
                    body[name] = _rebuild_field(field, to=base_models[label])
                    continue
            body[name] = field.clone()
        body["Meta"] = meta
        body["__module__"] = "__fake__"
        body.update(self.construct_managers())
        return type(self.name, bases, body)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ModelState):
            return NotImplemented
        return (
            self.app_label == other.app_label
            and self.name == other.name
            and len(self.fields) == len(other.fields)
            and all(
                name == other_name and f1.deconstruct()[1:] == f2.deconstruct()[1:]
                for (name, f1), (other_name, f2) in zip(self.fields.items(), other.fields.items())
            )
            and self.options == other.options
            and self.bases == other.bases
        )

    __hash__ = None  # type: ignore[assignment]


def _copy_manager(manager: Any) -> Any:
    as_manager, manager_path, qs_path, args, kwargs = manager.deconstruct()
    if as_manager:
        from framework.utils.module_loading import import_string

        new = import_string(qs_path).as_manager()
    else:
        new = type(manager)(*(args or ()), **(kwargs or {}))
    new.use_in_migrations = getattr(manager, "use_in_migrations", False)
    return new


class AppConfigStub(AppConfig):
    """A stand-in AppConfig for an app label inside a StateApps registry."""

    def __init__(self, label: str):
        self.label = label
        self.name = label
        self.module = None
        self.models_module = None
        self.apps = None
        self.path = None
        self.verbose_name = label.title()

    def import_models(self) -> None:
        self.models = self.apps.all_models[self.label]


class StateApps(Apps):
    """A registry of historical models rendered from model states."""

    def __init__(self, real_apps: Any, models: dict, ignore_swappable: bool = False) -> None:
        super().__init__(installed_apps=None)
        self.real_models = []
        for app_label in real_apps:
            try:
                app_config = global_apps.get_app_config(app_label)
            except LookupError:
                continue
            for model in app_config.get_models():
                self.real_models.append(ModelState.from_model(model, exclude_rels=False))
        labels = {label for label, _ in models} | set(real_apps)
        for label in sorted(labels):
            stub = AppConfigStub(label)
            stub.apps = self
            stub.import_models()
            self.app_configs[label] = stub
        self.apps_ready = True
        self.render_multiple([*models.values(), *self.real_models])
        self.models_ready = self.ready = True
        self.clear_cache()
        pending = dict(self._pending_operations)
        if ignore_swappable:
            from framework.conf import settings

            swappable = {
                resolve_relation(getattr(settings, name))
                for name in ("AUTH_USER_MODEL",)
                if getattr(settings, name, None)
            }
            pending = {k: v for k, v in pending.items() if k not in swappable}
        if pending:
            raise ValueError(self._pending_message(pending))

    @staticmethod
    def _pending_message(pending: dict) -> str:
        lines = []
        for (app_label, model_name), functions in sorted(pending.items()):
            for function in functions:
                func = getattr(function, "func", function)
                field = getattr(func, "keywords", {}).get("field")
                origin = (
                    f"The field {field.model._meta.label}.{field.name}"
                    if field is not None and hasattr(field, "model")
                    else "A relation"
                )
                lines.append(
                    f"{origin} was declared with a lazy reference to "
                    f"'{app_label}.{model_name}', but the migration state has no such model "
                    f"(add a dependency on the migration that creates it)."
                )
        return "\n".join(lines)

    def render_multiple(self, model_states: list) -> None:
        """Render states, retrying those whose bases are not rendered yet."""
        to_render = list(model_states)
        while to_render:
            failed = []
            for model_state in to_render:
                try:
                    model_state.render(self)
                except InvalidBasesError:
                    failed.append(model_state)
            if len(failed) == len(to_render):
                raise InvalidBasesError(
                    "Cannot resolve bases for "
                    + ", ".join(repr(s) for s in failed)
                    + ". This can happen if you are inheriting models from an app with "
                    "migrations (e.g. contrib.auth) in an app with no migrations."
                )
            to_render = failed

    def clear_cache(self) -> None:
        # Rendering registers many models; expire the caches once, when ready.
        self._get_models.cache_clear()
        if self.ready:
            for models in self.all_models.values():
                for model in models.values():
                    model._meta._expire_cache()

    def register_model(self, app_label: str, model: Any) -> None:
        self.all_models[app_label][model._meta.model_name] = model
        if app_label not in self.app_configs:
            stub = AppConfigStub(app_label)
            stub.apps = self
            stub.import_models()
            self.app_configs[app_label] = stub
        self.do_pending_operations(model)
        self.clear_cache()

    def unregister_model(self, app_label: str, model_name: str) -> None:
        self.all_models[app_label].pop(model_name.lower(), None)
        self.clear_cache()


class ProjectState:
    """All model states of a project at one point of the migration history."""

    def __init__(self, models: dict | None = None, real_apps: Any = None):
        self.models: dict[tuple[str, str], ModelState] = models or {}
        self.real_apps = set(real_apps or ())
        self.is_delayed = False
        self._apps: StateApps | None = None

    # -- rendering --

    @property
    def apps(self) -> StateApps:
        """The historical models, rendered on first use after each change."""
        if self._apps is None:
            self._apps = StateApps(self.real_apps, self.models)
        return self._apps

    def _changed(self) -> None:
        self._apps = None

    def reload_model(self, app_label: str, model_name: str, delay: bool = False) -> None:
        self._changed()

    def clear_delayed_apps_cache(self) -> None:
        self._changed()

    # -- copies and comparisons --

    def clone(self) -> ProjectState:
        """An independent copy; rendered models are shared until either side changes."""
        new = ProjectState(
            models={key: state.clone() for key, state in self.models.items()},
            real_apps=self.real_apps,
        )
        new._apps = self._apps
        return new

    @classmethod
    def from_apps(cls, apps: Apps) -> ProjectState:
        """The state of every (non auto-created) model of a registry."""
        models = {}
        for model in apps.get_models(include_swapped=True):
            state = ModelState.from_model(model)
            models[(state.app_label, state.name_lower)] = state
        return cls(models)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ProjectState):
            return NotImplemented
        return self.models == other.models and self.real_apps == other.real_apps

    __hash__ = None  # type: ignore[assignment]

    # -- models --

    def add_model(self, model_state: ModelState) -> None:
        self.models[(model_state.app_label, model_state.name_lower)] = model_state
        self._changed()

    def remove_model(self, app_label: str, model_name: str) -> None:
        del self.models[_model_key(app_label, model_name)]
        self._changed()

    def rename_model(self, app_label: str, old_name: str, new_name: str) -> None:
        old_key = _model_key(app_label, old_name)
        renamed = self.models.pop(old_key).clone()
        renamed.name = new_name
        self.models[_model_key(app_label, new_name)] = renamed
        reference = f"{app_label}.{new_name.lower()}"
        for (label, model_name), state in self.models.items():
            for field_name, field in list(state.fields.items()):
                changes = {}
                _, _, _, kwargs = field.deconstruct()
                for key in ("to", "through"):
                    value = kwargs.get(key)
                    if value is not None and resolve_relation(value, label, model_name) == old_key:
                        changes[key] = reference
                if changes:
                    state.fields[field_name] = _rebuild_field(field, **changes)
            state.bases = tuple(
                reference
                if isinstance(b, str) and resolve_relation(b, label, model_name) == old_key
                else b
                for b in state.bases
            )
        self._changed()

    def alter_model_options(
        self, app_label: str, model_name: str, options: dict, option_keys: Any = None
    ) -> None:
        state = self.models[_model_key(app_label, model_name)]
        state.options = {**state.options, **options}
        for key in option_keys or ():
            if key not in options:
                state.options.pop(key, None)
        self._changed()

    def alter_model_managers(self, app_label: str, model_name: str, managers: list) -> None:
        self.models[_model_key(app_label, model_name)].managers = list(managers)
        self._changed()

    def _append_option(self, app_label: str, model_name: str, key: str, obj: Any) -> None:
        state = self.models[_model_key(app_label, model_name)]
        state.options[key] = [*state.options[key], obj]
        self._changed()

    def _remove_option(self, app_label: str, model_name: str, key: str, name: str) -> None:
        state = self.models[_model_key(app_label, model_name)]
        state.options[key] = [obj for obj in state.options[key] if obj.name != name]
        self._changed()

    def add_index(self, app_label: str, model_name: str, index: Any) -> None:
        self._append_option(app_label, model_name, "indexes", index)

    def remove_index(self, app_label: str, model_name: str, index_name: str) -> None:
        self._remove_option(app_label, model_name, "indexes", index_name)

    def rename_index(self, app_label: str, model_name: str, old_name: str, new_name: str) -> None:
        state = self.models[_model_key(app_label, model_name)]
        indexes = []
        for index in state.options["indexes"]:
            if index.name == old_name:
                index = index.clone()
                index.name = new_name
            indexes.append(index)
        state.options["indexes"] = indexes
        self._changed()

    def add_constraint(self, app_label: str, model_name: str, constraint: Any) -> None:
        self._append_option(app_label, model_name, "constraints", constraint)

    def remove_constraint(self, app_label: str, model_name: str, constraint_name: str) -> None:
        self._remove_option(app_label, model_name, "constraints", constraint_name)

    # -- fields --

    def add_field(
        self, app_label: str, model_name: str, name: str, field: Any, preserve_default: bool
    ) -> None:
        if not preserve_default:
            field = _rebuild_field(field)
            from framework.db.models.fields.base import NOT_PROVIDED

            field.default = NOT_PROVIDED
        self.models[_model_key(app_label, model_name)].fields[name] = field
        self._changed()

    def remove_field(self, app_label: str, model_name: str, name: str) -> None:
        state = self.models[_model_key(app_label, model_name)]
        del state.fields[name]
        self._changed()

    def alter_field(
        self, app_label: str, model_name: str, name: str, field: Any, preserve_default: bool
    ) -> None:
        if not preserve_default:
            field = _rebuild_field(field)
            from framework.db.models.fields.base import NOT_PROVIDED

            field.default = NOT_PROVIDED
        state = self.models[_model_key(app_label, model_name)]
        state.fields[name] = field
        self._changed()

    def rename_field(self, app_label: str, model_name: str, old_name: str, new_name: str) -> None:
        key = _model_key(app_label, model_name)
        state = self.models[key]
        if old_name not in state.fields:
            raise FieldDoesNotExist(f"{app_label}.{model_name} has no field named {old_name!r}")
        state.fields = {
            (new_name if name == old_name else name): field for name, field in state.fields.items()
        }

        def rename(names):
            return tuple(new_name if n == old_name else n for n in names)

        for option in ("unique_together", "index_together"):
            if state.options.get(option):
                state.options[option] = {rename(names) for names in state.options[option]}
        if state.options.get("order_with_respect_to") == old_name:
            state.options["order_with_respect_to"] = new_name
        for option in ("indexes", "constraints"):
            renamed = []
            for obj in state.options[option]:
                fields = getattr(obj, "fields", None)
                if fields and old_name in fields:
                    path, args, kwargs = obj.deconstruct()
                    kwargs["fields"] = list(rename(kwargs.get("fields", fields)))
                    obj = type(obj)(*args, **kwargs)
                renamed.append(obj)
            state.options[option] = renamed
        # Foreign keys that name the renamed field with to_field.
        for (label, other_name), other in self.models.items():
            for field_name, field in list(other.fields.items()):
                remote = getattr(field, "remote_field", None)
                if not remote:
                    continue
                if resolve_relation(remote.model, label, other_name) != key:
                    continue
                _, _, _, kwargs = field.deconstruct()
                if kwargs.get("to_field") == old_name:
                    other.fields[field_name] = _rebuild_field(field, to_field=new_name)
        self._changed()

    def get_concrete_model_key(self, model: Any) -> tuple[str, str]:
        return model._meta.app_label, model._meta.model_name

    def resolve_fields_and_relations(self) -> None:
        """Kept for API compatibility: relations are resolved when rendering."""
