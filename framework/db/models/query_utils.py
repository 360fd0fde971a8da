"""Q objects, the deferred-field descriptor and the lookup registry."""

from __future__ import annotations

import functools
from collections import namedtuple
from typing import Any

from framework.core.exceptions import FieldError
from framework.db.models.constants import LOOKUP_SEP
from framework.utils.deferred import module_loader

_lookups = module_loader("framework.db.models.lookups")  # it imports this module


# query_shapes imports models.base, which the modules calling this are imported by.
query_shapes = module_loader("framework.db.models.query_shapes")


# One hop of a relation path: from_opts -> to_opts through join_field.
PathInfo = namedtuple(
    "PathInfo",
    "from_opts to_opts target_fields join_field m2m direct filtered_relation",
)


class Q:
    """A filter condition tree: ``Q(a=1) | ~Q(b__gt=2)``; combine with ``& | ^ ~``."""

    AND = "AND"
    OR = "OR"
    XOR = "XOR"
    default = AND
    conditional = True

    def __init__(
        self, *args: Any, _connector: str | None = None, _negated: bool = False, **kwargs: Any
    ):
        if _connector not in (None, self.AND, self.OR, self.XOR):
            raise ValueError(
                f"_connector must be one of 'AND', 'OR', 'XOR', or None (got {_connector!r})."
            )
        self.children: list = [*args, *sorted(kwargs.items())]
        self.connector = _connector or self.default
        self.negated = _negated

    @classmethod
    def create(cls, children=None, connector=None, negated=False) -> Q:
        obj = cls.__new__(cls)
        obj.children = list(children) if children else []
        obj.connector = connector or cls.default
        obj.negated = negated
        return obj

    def __repr__(self) -> str:
        template = "(NOT (%s: %s))" if self.negated else "(%s: %s)"
        return "<Q: " + template % (self.connector, ", ".join(map(str, self.children))) + ">"

    def __str__(self) -> str:
        template = "(NOT (%s: %s))" if self.negated else "(%s: %s)"
        return template % (self.connector, ", ".join(map(str, self.children)))

    def __len__(self) -> int:
        return len(self.children)

    def __bool__(self) -> bool:
        return bool(self.children)

    def __contains__(self, other: Any) -> bool:
        return other in self.children

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Q)
            and self.connector == other.connector
            and self.negated == other.negated
            and self.children == other.children
        )

    def __hash__(self) -> int:
        return hash(
            (
                self.connector,
                self.negated,
                *(tuple(c) if isinstance(c, list) else c for c in map(_hashable, self.children)),
            )
        )

    def copy(self) -> Q:
        return Q.create(self.children, self.connector, self.negated)

    __copy__ = copy

    def __deepcopy__(self, memo):
        import copy

        obj = Q.create(copy.deepcopy(self.children, memo), self.connector, self.negated)
        return obj

    def add(self, data: Any, conn_type: str) -> Any:
        if self.connector != conn_type:
            obj = self.copy()
            self.connector = conn_type
            self.children = [obj, data]
            return data
        if (
            isinstance(data, Q)
            and not data.negated
            and (data.connector == conn_type or len(data) == 1)
        ):
            self.children.extend(data.children)
            return self
        self.children.append(data)
        return data

    def _combine(self, other: Any, conn: str) -> Q:
        if getattr(other, "conditional", False) is False:
            raise TypeError(other)
        if not self:
            return other.copy() if hasattr(other, "copy") else other
        if not other and isinstance(other, Q):
            return self.copy()
        obj = Q.create(connector=conn)
        obj.add(self, conn)
        obj.add(other, conn)
        return obj

    def __or__(self, other: Any) -> Q:
        return self._combine(other, self.OR)

    def __and__(self, other: Any) -> Q:
        return self._combine(other, self.AND)

    def __xor__(self, other: Any) -> Q:
        return self._combine(other, self.XOR)

    def __invert__(self) -> Q:
        obj = self.copy()
        obj.negated = not self.negated
        return obj

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        """Resolve into a WhereNode so that Q can be used where expressions go."""
        clause, joins = query._add_q(
            self,
            reuse,
            allow_joins=allow_joins,
            split_subq=False,
            check_filterable=False,
            summarize=summarize,
        )
        query.promote_joins(joins)
        return clause

    def flatten(self):
        yield self
        for child in self.children:
            if isinstance(child, tuple):
                child = child[1]
            if hasattr(child, "flatten"):
                yield from child.flatten()
            else:
                yield child

    def deconstruct(self):
        path = "framework.db.models.Q"
        args = tuple(self.children)
        kwargs: dict[str, Any] = {}
        if self.connector != self.default:
            kwargs["_connector"] = self.connector
        if self.negated:
            kwargs["_negated"] = True
        return path, args, kwargs

    @property
    def referenced_base_fields(self) -> set[str]:
        names = set()
        for child in self.children:
            if isinstance(child, Q):
                names |= child.referenced_base_fields
            elif isinstance(child, tuple):
                names.add(child[0].split(LOOKUP_SEP, 1)[0])
        return names


def _hashable(value):
    if isinstance(value, tuple):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, (list, set)):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


class DeferredAttribute:
    """The class attribute of a concrete field; loads a deferred value on first access.

    A non-data descriptor: once the value is in the instance ``__dict__`` (the
    normal case), attribute access never reaches this object.
    """

    def __init__(self, field: Any):
        self.field = field

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        data = instance.__dict__
        field_name = self.field.attname
        if field_name not in data:
            val = self._check_parent_chain(instance)
            if val is None:
                if instance._state.adding or instance.pk is None:
                    raise AttributeError(
                        f"{type(instance).__name__!r} object has no value for {field_name!r} yet."
                    )
                instance.refresh_from_db(fields=[field_name])
            else:
                data[field_name] = val
        return data[field_name]

    def _check_parent_chain(self, instance: Any) -> Any:
        opts = instance._meta
        link_field = opts.get_ancestor_link(self.field.model)
        if self.field.primary_key and self.field != link_field:
            return getattr(instance, link_field.attname)
        return None


class RegisterLookupMixin:
    """``register_lookup``/``get_lookup``/``get_transform`` on fields and transforms."""

    @classmethod
    def _class_lookups(cls) -> dict:
        merged: dict = {}
        for parent in reversed(cls.__mro__):
            merged.update(parent.__dict__.get("class_lookups", {}))
        return merged

    def get_instance_lookups(self) -> dict:
        class_lookups = self._class_lookups_cached()
        instance = self.__dict__.get("instance_lookups")
        if instance:
            return {**class_lookups, **instance}
        return class_lookups

    @classmethod
    def _class_lookups_cached(cls) -> dict:
        cache = cls.__dict__.get("_lookups_cache")
        if cache is None:
            cache = cls._class_lookups()
            cls._lookups_cache = cache
        return cache

    def get_lookups(self) -> dict:
        return self.get_instance_lookups()

    def get_lookup(self, lookup_name: str):
        found = self.get_instance_lookups().get(lookup_name)
        if found is None and hasattr(self, "output_field"):
            output = self.output_field
            if output is not self:
                return output.get_lookup(lookup_name)
        if found is not None and not issubclass(found, _lookups().Lookup):
            return None
        return found

    def get_transform(self, lookup_name: str):
        found = self.get_instance_lookups().get(lookup_name)
        if found is None and hasattr(self, "output_field"):
            output = self.output_field
            if output is not self:
                return output.get_transform(lookup_name)
        if found is not None and not issubclass(found, _lookups().Transform):
            return None
        return found

    @staticmethod
    def merge_dicts(dicts):
        merged = {}
        for d in reversed(dicts):
            merged.update(d)
        return merged

    @classmethod
    def _clear_class_caches(cls) -> None:
        _lookups_changed()
        for sub in _all_subclasses(cls):
            if "_lookups_cache" in sub.__dict__:
                del sub._lookups_cache

    @classmethod
    def register_class_lookup(cls, lookup, lookup_name: str | None = None):
        if lookup_name is None:
            lookup_name = lookup.lookup_name
        if "class_lookups" not in cls.__dict__:
            cls.class_lookups = {}
        cls.class_lookups[lookup_name] = lookup
        cls._clear_class_caches()
        return lookup

    def register_instance_lookup(self, lookup, lookup_name: str | None = None):
        if lookup_name is None:
            lookup_name = lookup.lookup_name
        if "instance_lookups" not in self.__dict__:
            self.instance_lookups = {}
        self.instance_lookups[lookup_name] = lookup
        _lookups_changed()
        return lookup

    @classmethod
    def _unregister_class_lookup(cls, lookup, lookup_name: str | None = None):
        if lookup_name is None:
            lookup_name = lookup.lookup_name
        del cls.class_lookups[lookup_name]
        cls._clear_class_caches()


class _RegisterLookup:
    """``Field.register_lookup(L)`` on a class, ``field.register_lookup(L)`` on an instance."""

    def __get__(self, instance, owner):
        if instance is None:
            return owner.register_class_lookup
        return instance.register_instance_lookup


class _UnregisterLookup:
    def __get__(self, instance, owner):
        if instance is None:
            return owner._unregister_class_lookup
        return functools.partial(_unregister_instance, instance)


def _unregister_instance(instance, lookup, lookup_name=None):
    del instance.instance_lookups[lookup_name or lookup.lookup_name]
    _lookups_changed()


# Bumped whenever a lookup is registered or unregistered anywhere: SQL compiled and cached
# earlier (filter_shapes) may no longer be what the lookups would write.
lookups_generation = 0


def _lookups_changed() -> None:
    global lookups_generation
    lookups_generation += 1


RegisterLookupMixin.register_lookup = _RegisterLookup()
RegisterLookupMixin._unregister_lookup = _UnregisterLookup()


def _all_subclasses(cls):
    yield cls
    for sub in cls.__subclasses__():
        yield from _all_subclasses(sub)


def select_related_descend(
    field, restricted: bool, requested: dict | None, select_mask=None
) -> bool:
    """Whether select_related() should follow this forward relation."""
    if not field.remote_field:
        return False
    if restricted:
        return field.name in requested
    return not field.null


class FilteredRelation:
    """A relation with extra join conditions (``FilteredRelation('books', condition=Q())``)."""

    def __init__(self, relation_name: str, *, condition: Q | None = None):
        if not relation_name:
            raise ValueError("relation_name cannot be empty.")
        self.relation_name = relation_name
        self.alias = None
        if not isinstance(condition or Q(), Q):
            raise ValueError("condition argument must be a Q() instance.")
        self.condition = condition or Q()
        self.path: list = []

    def __eq__(self, other):
        return (
            isinstance(other, FilteredRelation)
            and self.relation_name == other.relation_name
            and self.alias == other.alias
            and self.condition == other.condition
        )

    def __hash__(self):
        return hash((self.relation_name, self.alias))

    def clone(self):
        clone = FilteredRelation(self.relation_name, condition=self.condition)
        clone.alias = self.alias
        clone.path = self.path[:]
        return clone

    @property
    def resolved_condition(self):
        return self

    def as_sql(self, compiler, connection):
        """The ON-clause condition, built against the join this relation created."""
        where = compiler.query.build_filtered_relation_q(self.condition, reuse=set(self.path))
        return compiler.compile(where)


def check_rel_lookup_compatibility(model, target_opts, field) -> bool:
    def check(opts):
        return (
            model._meta.concrete_model == opts.concrete_model
            or opts.concrete_model in model._meta.get_parent_list()
            or model in opts.get_parent_list()
        )

    return check(target_opts) or (getattr(field, "primary_key", False) and check(field.model._meta))


__all__ = [
    "DeferredAttribute",
    "FieldError",
    "FilteredRelation",
    "PathInfo",
    "Q",
    "RegisterLookupMixin",
]
