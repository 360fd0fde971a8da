"""Options: a model's ``_meta`` (table, fields, relations, managers, Meta settings)."""

from __future__ import annotations

import bisect
import re
from typing import Any

from framework.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from framework.utils.functional import cached_property

DEFAULT_NAMES = (
    "verbose_name",
    "verbose_name_plural",
    "db_table",
    "db_table_comment",
    "ordering",
    "unique_together",
    "permissions",
    "get_latest_by",
    "order_with_respect_to",
    "app_label",
    "db_tablespace",
    "abstract",
    "managed",
    "proxy",
    "swappable",
    "auto_created",
    "index_together",
    "apps",
    "default_permissions",
    "select_on_save",
    "default_related_name",
    "required_db_features",
    "required_db_vendor",
    "base_manager_name",
    "default_manager_name",
    "indexes",
    "constraints",
)

_CACHED = (
    "fields",
    "concrete_fields",
    "local_concrete_fields",
    "_forward_fields_map",
    "fields_map",
    "related_objects",
    "_relation_tree",
    "many_to_many",
    "managers",
    "managers_map",
    "base_manager",
    "default_manager",
    "db_returning_fields",
    "_property_names",
    "_non_pk_concrete_field_names",
    "_non_pk_local_concrete_fields",
    "total_unique_constraints",
    "_reverse_one_to_one_field_names",
    "_get_fields_cache",
)


def camel_case_to_spaces(value: str) -> str:
    return re.sub(r"(((?<=[a-z])[A-Z])|([A-Z](?![A-Z]|$)))", r" \1", value).strip().lower()


def normalize_together(option_together: Any) -> tuple:
    if not option_together:
        return ()
    if not isinstance(option_together, (tuple, list)):
        raise TypeError
    first = option_together[0]
    if not isinstance(first, (tuple, list)):
        option_together = (option_together,)
    return tuple(tuple(ot) for ot in option_together)


class Options:
    """The ``_meta`` API: field lookup, relations, inheritance links, Meta options."""

    FORWARD_PROPERTIES = {
        "fields",
        "many_to_many",
        "concrete_fields",
        "local_concrete_fields",
        "_forward_fields_map",
        "managers",
        "managers_map",
        "base_manager",
        "default_manager",
    }
    REVERSE_PROPERTIES = {"related_objects", "fields_map", "_relation_tree"}
    default_apps: Any = None

    def __init__(self, meta: Any, app_label: str | None = None):
        from framework.apps import apps

        self._get_fields_cache: dict = {}
        self.local_fields: list = []
        self.local_many_to_many: list = []
        self.private_fields: list = []
        self.local_managers: list = []
        self.base_manager_name: str | None = None
        self.default_manager_name: str | None = None
        self.model_name: str | None = None
        self.verbose_name: Any = None
        self.verbose_name_plural: Any = None
        self.db_table = ""
        self.db_table_comment = ""
        self.ordering: list = []
        self._ordering_clash = False
        self.indexes: list = []
        self.constraints: list = []
        self.unique_together: tuple = ()
        self.index_together: tuple = ()
        self.select_on_save = False
        self.default_permissions = ("add", "change", "delete", "view")
        self.permissions: list = []
        self.object_name: str | None = None
        self.app_label = app_label
        self.get_latest_by = None
        self.order_with_respect_to = None
        self.db_tablespace = ""
        self.required_db_features: list = []
        self.required_db_vendor = None
        self.meta = meta
        self.pk: Any = None
        self.auto_field: Any = None
        self.abstract = False
        self.managed = True
        self.proxy = False
        self.proxy_for_model = None
        self.concrete_model: Any = None
        self.swappable = None
        self.parents: dict = {}
        self.auto_created: Any = False
        self.related_fkey_lookups: list = []
        self.apps = apps if self.default_apps is None else self.default_apps
        self.default_related_name = None
        self.model: Any = None
        self.original_attrs: dict = {}

    def __repr__(self) -> str:
        return f"<Options for {self.object_name}>"

    def __str__(self) -> str:
        return self.label_lower

    @property
    def label(self) -> str:
        return f"{self.app_label}.{self.object_name}"

    @property
    def label_lower(self) -> str:
        return f"{self.app_label}.{self.model_name}"

    @property
    def app_config(self):
        return self.apps.app_configs.get(self.app_label)

    @property
    def verbose_name_raw(self) -> str:
        return str(self.verbose_name)

    @property
    def swapped(self) -> str | None:
        if self.swappable:
            from framework.conf import settings

            swapped_for = getattr(settings, self.swappable, None)
            if swapped_for and swapped_for.lower() != self.label_lower:
                return swapped_for
        return None

    def contribute_to_class(self, cls: type, name: str) -> None:
        """Read the Meta class onto this Options and name the table."""
        cls._meta = self
        self.model = cls
        self.object_name = cls.__name__
        self.model_name = self.object_name.lower()
        self.verbose_name = camel_case_to_spaces(self.object_name)
        if self.meta:
            meta_attrs = {k: v for k, v in self.meta.__dict__.items() if not k.startswith("_")}
            for attr_name in DEFAULT_NAMES:
                if attr_name in meta_attrs:
                    setattr(self, attr_name, meta_attrs.pop(attr_name))
                    self.original_attrs[attr_name] = getattr(self, attr_name)
                elif hasattr(self.meta, attr_name):
                    setattr(self, attr_name, getattr(self.meta, attr_name))
                    self.original_attrs[attr_name] = getattr(self, attr_name)
            self.unique_together = normalize_together(self.unique_together)
            self.index_together = normalize_together(self.index_together)
            if not getattr(cls._meta, "abstract", False):
                for attr_name in ("indexes", "constraints"):
                    objs = getattr(self, attr_name, [])
                    setattr(self, attr_name, self._format_names(objs))
            if self.verbose_name_plural is None:
                self.verbose_name_plural = f"{self.verbose_name}s"
            if meta_attrs:
                raise TypeError(f"'class Meta' got invalid attribute(s): {','.join(meta_attrs)}")
        else:
            self.verbose_name_plural = f"{self.verbose_name}s"
        del self.meta
        if not self.db_table:
            self.db_table = f"{self.app_label}_{self.model_name}"

    def _format_names(self, objs):
        new_objs = []
        for obj in objs:
            obj = obj.clone()
            if getattr(obj, "name", None) and "%(" in obj.name:
                obj.name = obj.name % {
                    "app_label": self.app_label.lower(),
                    "class": self.model.__name__.lower(),
                }
            new_objs.append(obj)
        return new_objs

    def _get_default_pk_class(self):
        from framework.conf import settings
        from framework.utils.module_loading import import_string

        pk_class_path = getattr(self.app_config, "default_auto_field", None) or (
            settings.DEFAULT_AUTO_FIELD
        )
        try:
            pk_class = import_string(pk_class_path)
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"{self.app_label}.default_auto_field / DEFAULT_AUTO_FIELD refers to the "
                f"module {pk_class_path!r} that could not be imported."
            ) from exc
        return pk_class

    def _prepare(self, model: type) -> None:
        """Add the implicit primary key (or the parent link) and finish set-up."""
        if self.order_with_respect_to:
            query = self.order_with_respect_to
            try:
                self.order_with_respect_to = next(
                    f
                    for f in self._get_fields(reverse=False)
                    if f.name == query or f.attname == query
                )
            except StopIteration:
                raise FieldDoesNotExist(
                    f"{self.object_name} has no field named {query!r}"
                ) from None
            self.ordering = ("_order",)
        if self.pk is None:
            if self.parents:
                field = next(iter(self.parents.values()))
                already_created = [fld for fld in self.local_fields if fld.name == field.name]
                if already_created:
                    field = already_created[0]
                field.primary_key = True
                self.setup_pk(field)
            else:
                pk_class = self._get_default_pk_class()
                auto = pk_class(verbose_name="ID", primary_key=True, auto_created=True)
                model.add_to_class("id", auto)

    def add_manager(self, manager) -> None:
        self.local_managers.append(manager)
        self._expire_cache()

    def add_field(self, field, private: bool = False) -> None:
        if private:
            self.private_fields.append(field)
        elif field.is_relation and field.many_to_many:
            bisect.insort(self.local_many_to_many, field)
        else:
            bisect.insort(self.local_fields, field)
            self.setup_pk(field)
        remote = getattr(field.remote_field, "model", None) if field.is_relation else None
        if remote is not None and not isinstance(remote, str):
            try:
                field.remote_field.model._meta._expire_cache(forward=False)
            except AttributeError:
                pass
            self._expire_cache()
        else:
            self._expire_cache(reverse=False)

    def setup_pk(self, field) -> None:
        if not self.pk and field.primary_key:
            self.pk = field
            field.serialize = False

    def setup_proxy(self, target) -> None:
        self.pk = target._meta.pk
        self.proxy_for_model = target
        self.db_table = target._meta.db_table

    def can_migrate(self, connection) -> bool:
        if self.proxy or self.swapped or not self.managed:
            return False
        if isinstance(connection, str):
            from framework.db import connections

            connection = connections[connection]
        if self.required_db_vendor:
            return self.required_db_vendor == connection.vendor
        if self.required_db_features:
            return all(
                getattr(connection.features, feat, False) for feat in self.required_db_features
            )
        return True

    # -- managers --

    @cached_property
    def managers(self) -> tuple:
        collected = []
        seen = set()
        for depth, base in enumerate(self.model.__mro__):
            if not hasattr(base, "_meta"):
                continue
            for manager in base._meta.local_managers:
                if manager.name in seen:
                    continue
                copy = manager._copy_to_model(self.model)
                collected.append((depth, manager.creation_counter, copy))
                seen.add(manager.name)
        return tuple(m for _, _, m in sorted(collected, key=lambda x: (x[0], x[1])))

    @cached_property
    def managers_map(self) -> dict:
        return {manager.name: manager for manager in self.managers}

    @cached_property
    def base_manager(self):
        base_manager_name = self.base_manager_name
        if not base_manager_name:
            for parent in self.model.mro()[1:]:
                if hasattr(parent, "_meta"):
                    base_manager_name = parent._meta.base_manager_name
                    break
        if base_manager_name:
            try:
                return self.managers_map[base_manager_name]
            except KeyError:
                raise ValueError(
                    f"{self.object_name} has no manager named {base_manager_name!r}"
                ) from None
        from framework.db.models.manager import Manager

        manager = Manager()
        manager.name = "_base_manager"
        manager.model = self.model
        manager.auto_created = True
        return manager

    @cached_property
    def default_manager(self):
        name = self.default_manager_name
        if not name and not self.local_managers:
            for parent in self.model.mro()[1:]:
                if hasattr(parent, "_meta"):
                    name = parent._meta.default_manager_name
                    break
        if name:
            try:
                return self.managers_map[name]
            except KeyError:
                raise ValueError(f"{self.object_name} has no manager named {name!r}") from None
        if self.managers:
            return self.managers[0]
        return None

    # -- fields --

    @cached_property
    def fields(self) -> tuple:
        """Forward fields, parents' first, without many-to-many."""

        def is_not_an_m2m_field(f):
            return not (f.is_relation and f.many_to_many)

        def is_not_a_generic_relation(f):
            return not (f.is_relation and f.one_to_many)

        def is_not_a_generic_foreign_key(f):
            return not (
                f.is_relation
                and f.many_to_one
                and not (hasattr(f.remote_field, "model") and f.remote_field.model)
            )

        return tuple(
            f
            for f in self._get_fields(reverse=False)
            if is_not_an_m2m_field(f)
            and is_not_a_generic_relation(f)
            and is_not_a_generic_foreign_key(f)
        )

    @cached_property
    def concrete_fields(self) -> tuple:
        return tuple(f for f in self.fields if f.concrete)

    @cached_property
    def local_concrete_fields(self) -> tuple:
        return tuple(f for f in self.local_fields if f.concrete)

    @cached_property
    def many_to_many(self) -> tuple:
        return tuple(f for f in self._get_fields(reverse=False) if f.is_relation and f.many_to_many)

    @cached_property
    def related_objects(self) -> tuple:
        """Reverse relations (ForeignObjectRel) pointing at this model."""
        all_related = self._get_fields(forward=False, reverse=True, include_hidden=True)
        return tuple(obj for obj in all_related if not obj.hidden or obj.field.many_to_many)

    @cached_property
    def _forward_fields_map(self) -> dict:
        res = {}
        for field in self._get_fields(reverse=False):
            res[field.name] = field
            try:
                res[field.attname] = field
            except AttributeError:
                pass
        return res

    @cached_property
    def fields_map(self) -> dict:
        res = {}
        for field in self._get_fields(forward=False, include_hidden=True):
            res[field.name] = field
            try:
                res[field.attname] = field
            except AttributeError:
                pass
        return res

    def get_field(self, field_name: str):
        """Return the field (forward or reverse) named ``field_name``; FieldDoesNotExist."""
        try:
            return self._forward_fields_map[field_name]
        except KeyError:
            if not self.apps.models_ready:
                raise FieldDoesNotExist(
                    f"{self.object_name} has no field named {field_name!r}. The app cache "
                    f"isn't ready yet, so if this is an auto-created related field, it won't "
                    f"be available yet."
                ) from None
        try:
            return self.fields_map[field_name]
        except KeyError:
            raise FieldDoesNotExist(
                f"{self.object_name} has no field named {field_name!r}"
            ) from None

    def get_base_chain(self, model) -> list:
        if not self.parents:
            return []
        if model in self.parents:
            return [model]
        for parent in self.parents:
            res = parent._meta.get_base_chain(model)
            if res:
                res.insert(0, parent)
                return res
        return []

    def get_parent_list(self) -> list:
        """All ancestors (multi-table inheritance), nearest first, without duplicates."""
        result: dict = {}
        for parent in self.parents:
            result[parent] = None
            for ancestor in parent._meta.get_parent_list():
                result[ancestor] = None
        return list(result)

    def get_ancestor_link(self, ancestor):
        if ancestor in self.parents:
            return self.parents[ancestor]
        for parent in self.parents:
            parent_link = parent._meta.get_ancestor_link(ancestor)
            if parent_link:
                return self.parents[parent] or parent_link
        return None

    def get_path_to_parent(self, parent) -> list:
        if self.model is parent:
            return []
        model = self.concrete_model
        chain = model._meta.get_base_chain(parent)
        chain.reverse()
        chain.append(model)
        path = []
        for i, ancestor in enumerate(chain[:-1]):
            child = chain[i + 1]
            link = child._meta.get_ancestor_link(ancestor)
            path.extend(link.path_infos)
        return path

    def get_path_from_parent(self, parent) -> list:
        if self.model is parent:
            return []
        model = self.concrete_model
        chain = model._meta.get_base_chain(parent)
        chain.reverse()
        chain.append(model)
        path = []
        for i, ancestor in enumerate(chain[:-1]):
            child = chain[i + 1]
            link = child._meta.get_ancestor_link(ancestor)
            path.extend(link.reverse_path_infos)
        return path

    def _populate_directed_relation_graph(self) -> list:
        related_objects_graph: dict = {}
        all_models = (
            self.apps.get_models(include_auto_created=True)
            if self.apps.models_ready
            else [m for d in self.apps.all_models.values() for m in d.values()]
        )
        for model in all_models:
            opts = model._meta
            if opts.abstract:
                continue
            fields_with_relations = (
                f
                for f in opts._get_fields(reverse=False, include_parents=False)
                if f.is_relation and f.related_model is not None
            )
            for f in fields_with_relations:
                if not isinstance(f.remote_field.model, str):
                    remote_label = f.remote_field.model._meta.concrete_model._meta.label
                    related_objects_graph.setdefault(remote_label, []).append(f)
        for model in all_models:
            related_objects = related_objects_graph.get(model._meta.concrete_model._meta.label, [])
            model._meta.__dict__["_relation_tree"] = related_objects
        return self.__dict__.get("_relation_tree", [])

    @cached_property
    def _relation_tree(self) -> list:
        return self._populate_directed_relation_graph()

    def _expire_cache(self, forward: bool = True, reverse: bool = True) -> None:
        if forward:
            for cache_key in self.FORWARD_PROPERTIES:
                self.__dict__.pop(cache_key, None)
        if reverse and not self.abstract:
            for cache_key in self.REVERSE_PROPERTIES:
                self.__dict__.pop(cache_key, None)
        for key in (
            "concrete_fields",
            "local_concrete_fields",
            "db_returning_fields",
            "_property_names",
            "_non_pk_concrete_field_names",
            "_non_pk_local_concrete_fields",
            "total_unique_constraints",
            "_reverse_one_to_one_field_names",
        ):
            self.__dict__.pop(key, None)
        self._get_fields_cache = {}

    def get_fields(self, include_parents: bool = True, include_hidden: bool = False):
        """All fields: forward, reverse, many-to-many and private (Django's order)."""
        if include_parents is False:
            include_parents = "PROXY" if self.proxy else False
        return self._get_fields(include_parents=include_parents, include_hidden=include_hidden)

    def _get_fields(
        self,
        forward=True,
        reverse=True,
        include_parents=True,
        include_hidden=False,
        topmost_call=True,
    ):
        cache_key = (forward, reverse, include_parents, include_hidden, topmost_call)
        try:
            return self._get_fields_cache[cache_key]
        except KeyError:
            pass
        fields: list = []
        if include_parents is not False:
            for parent in self.parents:
                if (
                    parent._meta.concrete_model != self.concrete_model
                    and include_parents == "PROXY"
                ):
                    continue
                for obj in parent._meta._get_fields(
                    forward=forward,
                    reverse=reverse,
                    include_parents=include_parents,
                    include_hidden=include_hidden,
                    topmost_call=False,
                ):
                    if not getattr(obj, "parent_link", False) or obj.model == self.concrete_model:
                        fields.append(obj)
        if reverse and not self.proxy:
            all_fields = self._relation_tree
            for field in all_fields:
                if include_hidden or not field.remote_field.hidden:
                    fields.append(field.remote_field)
        if forward:
            fields += self.local_fields
            fields += self.local_many_to_many
            if topmost_call:
                fields += self.private_fields
        fields = tuple(fields)
        self._get_fields_cache[cache_key] = fields
        return fields

    @cached_property
    def total_unique_constraints(self) -> list:
        from framework.db.models.constraints import UniqueConstraint

        return [
            c
            for c in self.constraints
            if isinstance(c, UniqueConstraint)
            and c.condition is None
            and not c.contains_expressions
        ]

    @cached_property
    def _property_names(self) -> frozenset:
        names = set()
        for klass in self.model.__mro__:
            for name, value in klass.__dict__.items():
                if isinstance(value, property):
                    names.add(name)
        return frozenset(names)

    @cached_property
    def _non_pk_concrete_field_names(self) -> frozenset:
        names = []
        for field in self.concrete_fields:
            if not field.primary_key:
                names.append(field.name)
                if field.name != field.attname:
                    names.append(field.attname)
        return frozenset(names)

    @cached_property
    def _non_pk_local_concrete_fields(self) -> list:
        """The columns save() writes in this model's own table, besides the pk."""
        pk = self.pk
        return [f for f in self.local_concrete_fields if f is not pk]

    @cached_property
    def db_returning_fields(self) -> list:
        return [
            f
            for f in self._get_fields(forward=True, reverse=False, include_parents="PROXY")
            if getattr(f, "db_returning", False)
        ]

    @cached_property
    def _reverse_one_to_one_field_names(self) -> frozenset:
        return frozenset(f.name for f in self.related_objects if f.one_to_one)

    @property
    def pk_fields(self) -> list:
        return [self.pk]
