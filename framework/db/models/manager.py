"""Managers: ``Model.objects`` and custom managers (plain classes delegating to QuerySet)."""

from __future__ import annotations

import copy
from typing import Any

from framework.db import router
from framework.db.models import query_utils
from framework.utils.deferred import module_loader


class BaseManager:
    """Hands out QuerySets; unknown public attributes come from the QuerySet class.

    ``Manager.from_queryset(MyQuerySet)`` (or ``MyQuerySet.as_manager()``) makes the
    custom QuerySet's methods available on the manager.
    """

    creation_counter = 0
    auto_created = False
    use_in_migrations = False
    _queryset_class: Any = None

    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        obj._constructor_args = (args, kwargs)
        return obj

    def __init__(self):
        self._set_creation_counter()
        self.model: Any = None
        self.name: str | None = None
        self._db: str | None = None
        self._hints: dict = {}

    def __str__(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self}>" if self.model else f"<{type(self).__name__}>"

    def __class_getitem__(cls, *args, **kwargs):
        return cls

    def __getattr__(self, name: str) -> Any:
        # Only public QuerySet methods (not queryset_only ones) are proxied.
        if name.startswith("__"):
            raise AttributeError(name)
        qs_class = type(self)._get_queryset_class()
        attr = getattr(qs_class, name, None)
        queryset_only = getattr(attr, "queryset_only", name.startswith("_"))
        if attr is None or not callable(attr) or queryset_only:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(self.get_queryset(), name)

    @classmethod
    def _get_queryset_class(cls):
        return cls._queryset_class or _query().QuerySet

    def deconstruct(self):
        qs_class = self._queryset_class
        if getattr(self, "_built_with_as_manager", False):
            return (True, None, f"{qs_class.__module__}.{qs_class.__name__}", None, None)
        module_name = type(self).__module__
        name = type(self).__name__
        args, kwargs = self._constructor_args
        return (False, f"{module_name}.{name}", None, args, kwargs)

    def check(self, **kwargs) -> list:
        return []

    @classmethod
    def from_queryset(cls, queryset_class, class_name=None):
        """A Manager subclass whose QuerySet is ``queryset_class``."""
        if class_name is None:
            class_name = f"{cls.__name__}From{queryset_class.__name__}"
        return type(class_name, (cls,), {"_queryset_class": queryset_class})

    def contribute_to_class(self, cls, name):
        self.name = self.name or name
        self.model = cls
        setattr(cls, name, ManagerDescriptor(self))
        cls._meta.add_manager(self)

    def _set_creation_counter(self):
        self.creation_counter = BaseManager.creation_counter
        BaseManager.creation_counter += 1

    def _copy_to_model(self, model):
        assert issubclass(model, self.model)
        mgr = copy.copy(self)
        mgr._set_creation_counter()
        mgr.model = model
        mgr._db = None
        mgr._hints = {}
        return mgr

    def db_manager(self, using=None, hints=None):
        """A copy of this manager bound to a database alias."""
        obj = copy.copy(self)
        obj._db = using or self._db
        obj._hints = hints or self._hints
        return obj

    @property
    def db(self) -> str:
        return self._db or router.db_for_read(self.model, **self._hints)

    def get_queryset(self):
        """The base QuerySet of this manager (override to filter it)."""
        return type(self)._get_queryset_class()(model=self.model, using=self._db, hints=self._hints)

    def all(self):
        return self.get_queryset()

    def __eq__(self, other):
        return (
            isinstance(other, self.__class__) and self._constructor_args == other._constructor_args
        )

    def __hash__(self):
        return id(self)

    # The most used QuerySet methods, spelled out to skip __getattr__ on hot paths.

    def filter(self, *args, **kwargs):
        if type(self).get_queryset is BaseManager.get_queryset:
            # The QuerySet is new and ours alone: a simple filter is deferred in place.
            return self.get_queryset()._filter_fresh(args, kwargs)
        return self.get_queryset().filter(*args, **kwargs)

    def exclude(self, *args, **kwargs):
        return self.get_queryset().exclude(*args, **kwargs)

    def get(self, *args, **kwargs):
        if (
            not args
            and len(kwargs) == 1
            and (_plain_manager_types.get(type(self)) or plain_manager(self))
        ):
            # get(pk=value) with a kept plan: no QuerySet to build (the hot path of views).
            shapes = query_utils.query_shapes()
            rows = shapes.manager_get_by_pk(self, kwargs)
            if rows is not shapes.NOT_CACHED:
                if len(rows) == 1:
                    return rows[0]
                return self.get_queryset()._get_result(rows)
        return self.get_queryset().get(*args, **kwargs)

    def create(self, **kwargs):
        return self.get_queryset().create(**kwargs)

    def count(self):
        return self.get_queryset().count()

    def using(self, alias):
        return self.get_queryset().using(alias)


class Manager(BaseManager):
    """The default manager class."""


class ManagerDescriptor:
    """``Model.objects``: the manager on the class, an error on instances."""

    def __init__(self, manager):
        self.manager = manager

    def __get__(self, instance, cls=None):
        if instance is not None:
            raise AttributeError(f"Manager isn't accessible via {cls.__name__} instances")
        meta = cls._meta
        if meta.abstract:
            raise AttributeError(f"Manager isn't available; {meta.object_name} is abstract")
        # Only a swappable model (auth.User) can be swapped: the property reads settings.
        if meta.swappable and meta.swapped:
            raise AttributeError(
                f"Manager isn't available; '{meta.label}' has been swapped for '{meta.swapped}'"
            )
        return meta.managers_map[self.manager.name]


class EmptyManager(Manager):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def get_queryset(self):
        return super().get_queryset().none()


def plain_manager(manager) -> bool:
    """True if ``manager`` hands out the plain, unfiltered QuerySet (get(pk=)'s shortcut and
    save()'s cached UPDATE rely on it)."""
    kind = type(manager)
    plain = _plain_manager_types.get(kind)
    if plain is None:
        plain = _plain_manager_types[kind] = (
            kind.get_queryset is BaseManager.get_queryset
            and kind._get_queryset_class() is _query().QuerySet
        )
    return plain


# query.py imports this module: QuerySet is read from it once it is loaded.
_query = module_loader("framework.db.models.query")

# Manager class -> plain_manager() answer (both are fixed when the class is created).
_plain_manager_types: dict[type, bool] = {}
