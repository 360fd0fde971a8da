"""Model: the base class of every model, and the short metaclass that sets models up."""

from __future__ import annotations

import copy
import inspect
from typing import Any

from framework.core.exceptions import (
    FieldDoesNotExist,
    MultipleObjectsReturned,
    ObjectDoesNotExist,
)
from framework.db import DEFAULT_DB_ALIAS, router, transaction
from framework.db.models import query_utils, signals
from framework.db.models.manager import plain_manager
from framework.db.models.options import Options
from framework.db.models.validation import ModelValidationMixin
from framework.db.utils import DatabaseError
from framework.utils.deferred import lazy_module

# deletion imports this module: Collector is looked up on the first delete().
_deletion = lazy_module("framework.db.models.deletion")


class Deferred:
    def __repr__(self) -> str:
        return "<Deferred field>"

    __str__ = __repr__


DEFERRED = Deferred()


def subclass_exception(name: str, bases: tuple, module: str, attached_to: type) -> type:
    """An exception class attached to a model (``Model.DoesNotExist``)."""
    return type(
        name, bases, {"__module__": module, "__qualname__": f"{attached_to.__qualname__}.{name}"}
    )


def _has_contribute_to_class(value: Any) -> bool:
    return not inspect.isclass(value) and hasattr(value, "contribute_to_class")


class ModelBase(type):
    """Metaclass of Model: hands each new model class to ``setup_model``."""

    def __new__(mcs, name, bases, attrs, **kwargs):
        if not any(isinstance(b, ModelBase) for b in bases):
            return super().__new__(mcs, name, bases, attrs, **kwargs)
        meta = attrs.pop("Meta", None)
        cls = super().__new__(mcs, name, bases, attrs, **kwargs)
        setup_model(cls, meta, attrs)
        return cls

    def add_to_class(cls, name: str, value: Any) -> None:
        if _has_contribute_to_class(value):
            value.contribute_to_class(cls, name)
        else:
            setattr(cls, name, value)

    @property
    def _base_manager(cls):
        return cls._meta.base_manager

    @property
    def _default_manager(cls):
        return cls._meta.default_manager


def setup_model(cls: type, meta: Any, attrs: dict) -> None:
    """Build ``_meta``, fields, inheritance links, exceptions and managers of a new model."""
    from framework.apps import apps as global_apps

    parents = [b for b in cls.__bases__ if isinstance(b, ModelBase) and hasattr(b, "_meta")]
    abstract = getattr(meta, "abstract", False)
    attr_meta = meta or getattr(cls, "Meta", None)
    base_meta = getattr(cls, "_meta", None)
    app_label = None
    module = attrs.get("__module__", cls.__module__)
    # Meta.apps, else the registry isolate_apps() installed, else the global one.
    registry = getattr(attr_meta, "apps", None) or Options.default_apps or global_apps
    if getattr(attr_meta, "app_label", None) is None:
        app_config = (
            registry.get_containing_app_config(module)
            if registry.apps_ready
            else (_containing_app_config_unready(registry, module))
        )
        if app_config is None:
            if not abstract:
                raise RuntimeError(
                    f"Model class {module}.{cls.__name__} doesn't declare an explicit "
                    f"app_label and isn't in an application in INSTALLED_APPS."
                )
        else:
            app_label = app_config.label
    if meta is None and attr_meta is not None and getattr(attr_meta, "abstract", False):
        # A Meta inherited from an abstract parent: copy it without 'abstract'.
        attr_meta = type("Meta", (attr_meta,), {"abstract": False})
    cls.add_to_class("_meta", Options(attr_meta, app_label))
    opts = cls._meta
    if not abstract:
        for exc_name, default in (
            ("DoesNotExist", ObjectDoesNotExist),
            ("MultipleObjectsReturned", MultipleObjectsReturned),
        ):
            bases = tuple(
                getattr(p, exc_name)
                for p in parents
                if hasattr(p, "_meta") and not p._meta.abstract
            ) or (default,)
            setattr(cls, exc_name, subclass_exception(exc_name, bases, module, cls))
        if base_meta and not base_meta.abstract:
            if not hasattr(attr_meta, "ordering"):
                opts.ordering = base_meta.ordering
            if not hasattr(attr_meta, "get_latest_by"):
                opts.get_latest_by = base_meta.get_latest_by
    if opts.proxy:
        concrete = [p for p in parents if not p._meta.abstract]
        if len(concrete) != 1:
            from framework.core.exceptions import FieldError

            raise (
                TypeError(
                    f"Proxy model {cls.__name__!r} has {len(concrete)} non-abstract model base "
                    f"classes; it needs exactly one."
                )
                if concrete
                else FieldError(
                    f"Proxy model {cls.__name__!r} has no non-abstract model base class."
                )
            )

    # Fields and managers of the class body, in definition order.
    contributable = [(n, v) for n, v in attrs.items() if _has_contribute_to_class(v)]
    contributable.sort(key=lambda item: getattr(item[1], "creation_counter", 0))
    for obj_name, obj in contributable:
        cls.add_to_class(obj_name, obj)
    new_fields = {f.name for f in opts.local_fields + opts.local_many_to_many + opts.private_fields}

    if opts.proxy:
        base = next(p for p in parents if not p._meta.abstract)
        while base._meta.proxy:
            base = base._meta.proxy_for_model
        opts.setup_proxy(base)
        opts.concrete_model = base._meta.concrete_model
    else:
        opts.concrete_model = cls

    _inherit(cls, parents, new_fields, abstract)
    if abstract:
        # As Django does: children writing ``class Meta(Parent.Meta)`` must not stay abstract.
        if meta is not None:
            meta.abstract = False
        cls.Meta = attr_meta
        return
    opts._prepare(cls)
    if not opts.managers:
        if any(f.name == "objects" for f in opts.fields):
            raise ValueError(
                f"Model {cls.__name__} must specify a custom Manager, because it has a "
                f"field named 'objects'."
            )
        from framework.db.models.manager import Manager

        manager = Manager()
        manager.auto_created = True
        cls.add_to_class("objects", manager)
    signals.class_prepared.send(sender=cls)
    registry.register_model(opts.app_label, cls)


def _containing_app_config_unready(registry, module: str):
    candidates = [
        ac
        for ac in registry.app_configs.values()
        if module == ac.name or module.startswith(ac.name + ".")
    ]
    return max(candidates, key=lambda ac: len(ac.name)) if candidates else None


def _inherit(cls, parents, new_fields: set, abstract: bool) -> None:
    """Copy abstract parents' fields; link concrete parents with a OneToOneField."""
    from framework.db.models.fields.related import OneToOneField

    opts = cls._meta
    parent_links = {}
    for base in reversed([cls, *cls.__mro__[1:]]):
        if not hasattr(base, "_meta") or base._meta.abstract:
            continue
        for field in base._meta.local_fields:
            if isinstance(field, OneToOneField) and field.remote_field.parent_link:
                related = field.remote_field.model
                if not isinstance(related, str):
                    parent_links[related._meta.concrete_model] = field
    inherited_attributes: set = set()
    for base in cls.__mro__[1:]:
        if base not in parents or not hasattr(base, "_meta"):
            inherited_attributes.update(base.__dict__)
            continue
        parent_fields = base._meta.local_fields + base._meta.local_many_to_many
        if not base._meta.abstract:
            for field in parent_fields:
                if field.name in new_fields:
                    from framework.core.exceptions import FieldError

                    raise FieldError(
                        f"Local field {field.name!r} in class {cls.__name__!r} clashes with "
                        f"field of the same name from base class {base.__name__!r}."
                    )
            if opts.proxy:
                opts.parents[base] = None
                continue
            base = base._meta.concrete_model
            if base in parent_links:
                field = parent_links[base]
            elif not opts.proxy:
                attr_name = f"{base._meta.model_name}_ptr"
                field = OneToOneField(
                    base, on_delete=_cascade(), name=attr_name, auto_created=True, parent_link=True
                )
                if attr_name in new_fields:
                    from framework.core.exceptions import FieldError

                    raise FieldError(
                        f"Auto-generated field {attr_name!r} in class {cls.__name__!r} for "
                        f"parent_link to base class {base.__name__!r} clashes with declared "
                        f"field of the same name."
                    )
                if not hasattr(cls, attr_name):
                    cls.add_to_class(attr_name, field)
            opts.parents[base] = field
        else:
            base_parents = base._meta.parents.copy()
            for field in parent_fields:
                if (
                    field.name not in new_fields
                    and field.name not in inherited_attributes
                    and field.name not in {f.name for f in opts.local_fields}
                ):
                    new_field = copy.deepcopy(field)
                    if new_field.remote_field is not None and hasattr(new_field, "_related_name"):
                        pass
                    cls.add_to_class(field.name, new_field)
                    if field.one_to_one:
                        for parent, parent_link in base_parents.items():
                            if field == parent_link:
                                base_parents[parent] = new_field
            opts.parents.update(base_parents)
            for index in base._meta.indexes:
                if index not in opts.indexes:
                    pass
        inherited_attributes.update(base.__dict__)
    if abstract:
        return
    for base in parents:
        if base._meta.abstract:
            # Indexes and constraints of abstract parents are copied (names formatted).
            if not opts.indexes and base._meta.indexes:
                opts.indexes = opts._format_names(base._meta.indexes)
            if not opts.constraints and base._meta.constraints:
                opts.constraints = opts._format_names(base._meta.constraints)


def _cascade():
    from framework.db.models.deletion import CASCADE

    return CASCADE


class ModelStateFieldsCacheDescriptor:
    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        res = instance.fields_cache = {}
        return res


class ModelState:
    """Per-instance state: the database it came from and whether it is unsaved."""

    db = None
    adding = True
    fields_cache = ModelStateFieldsCacheDescriptor()

    def __reduce__(self):
        state = self.__dict__.copy()
        if "fields_cache" in state:
            state["fields_cache"] = state["fields_cache"].copy()
        return _rebuild_state, (self.db, self.adding, state)

    def __copy__(self):
        new = ModelState()
        new.__dict__.update(self.__dict__)
        new.db = self.db
        new.adding = self.adding
        return new


def _rebuild_state(db, adding, state):
    new = ModelState()
    new.__dict__.update(state)
    new.db = db
    new.adding = adding
    return new


_loaded_state_classes: dict = {}


def _database_default_class():
    global _database_default
    if _database_default is None:
        from framework.db.models.expressions import DatabaseDefault

        _database_default = DatabaseDefault
    return _database_default


_database_default = None


def loaded_state_class(db: str) -> type:
    """A ModelState subclass whose class attributes say "loaded from ``db``".

    Building instances from rows then costs one empty object per row instead of
    two attribute writes (the hot path of QuerySet evaluation).
    """
    try:
        return _loaded_state_classes[db]
    except KeyError:
        cls = _loaded_state_classes[db] = type(
            "ModelState", (ModelState,), {"db": db, "adding": False}
        )
        return cls


class _StateOnFirstUse:
    """``Model._state`` for instances built from rows (row_builders): their ModelState is
    made on first access from the alias the builder left in ``_loaded_db``, so the many
    fetched instances nobody saves or relates cost one object less each. Every other
    instance has ``_state`` in its ``__dict__``, which takes precedence over this."""

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        data = instance.__dict__
        db = data.get("_loaded_db", _NOT_LOADED)
        if db is _NOT_LOADED:
            raise AttributeError(f"{type(instance).__name__!r} object has no attribute '_state'")
        # setdefault: two threads reaching here at once end up sharing one state.
        state = data.setdefault("_state", loaded_state_class(db)())
        data.pop("_loaded_db", None)
        return state


_NOT_LOADED = object()


class Model(ModelValidationMixin, metaclass=ModelBase):
    """Base class of models: ``class Book(models.Model): title = models.CharField(...)``."""

    _state = _StateOnFirstUse()

    def __init__(self, *args: Any, **kwargs: Any):
        cls = self.__class__
        opts = self._meta
        # The receivers list first: with none connected (the usual case) that is all it takes.
        if signals.pre_init.receivers and signals.pre_init.has_listeners(cls):
            signals.pre_init.send(sender=cls, args=args, kwargs=kwargs)
        self._state = ModelState()
        data = self.__dict__
        fields_iter = iter(opts.concrete_fields)
        if args:
            if len(args) > len(opts.concrete_fields):
                raise IndexError("Number of args exceeds number of fields")
            for val, field in zip(args, fields_iter):
                if val is DEFERRED:
                    continue
                if field.attname in kwargs or (field.is_relation and field.name in kwargs):
                    raise TypeError(
                        f"{cls.__qualname__}() got both positional and keyword arguments "
                        f"for field {field.name!r}."
                    )
                data[field.attname] = val
        for field in fields_iter:
            is_related_object = False
            if kwargs:
                if field.is_relation and field.many_to_one:
                    try:
                        rel_obj = kwargs.pop(field.name)
                        is_related_object = True
                    except KeyError:
                        try:
                            val = kwargs.pop(field.attname)
                        except KeyError:
                            val = field.get_default()
                else:
                    try:
                        val = kwargs.pop(field.attname)
                    except KeyError:
                        val = field.get_default()
            else:
                val = field.get_default()
            if is_related_object:
                if rel_obj is not DEFERRED:
                    setattr(self, field.name, rel_obj)
            elif val is not DEFERRED:
                data[field.attname] = val
        if kwargs:
            property_names = opts._property_names
            unexpected = []
            for prop, value in kwargs.items():
                if prop in property_names:
                    if value is not DEFERRED:
                        setattr(self, prop, value)
                    continue
                try:
                    field = opts.get_field(prop)
                except FieldDoesNotExist:
                    unexpected.append(prop)
                    continue
                if field.many_to_many and not field.auto_created:
                    raise TypeError(
                        f"Direct assignment to the forward side of a many-to-many set is "
                        f"prohibited. Use {prop}.set() instead."
                    )
                if value is not DEFERRED:
                    setattr(self, prop, value)
            if unexpected:
                names = ", ".join(repr(n) for n in unexpected)
                raise TypeError(f"{cls.__name__}() got unexpected keyword arguments: {names}")
        if signals.post_init.receivers and signals.post_init.has_listeners(cls):
            signals.post_init.send(sender=cls, instance=self)

    @classmethod
    def from_db(cls, db: str, field_names: list[str], values: list) -> Model:
        """Build an instance from a database row (``field_names`` are attnames)."""
        new = cls.__new__(cls)
        new.__dict__.update(zip(field_names, values))
        new._state = loaded_state_class(db)()
        return new

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: {self}>"

    def __str__(self) -> str:
        return f"{self.__class__.__name__} object ({self.pk})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        if self._meta.concrete_model != other._meta.concrete_model:
            return False
        my_pk = self.pk
        if my_pk is None:
            return self is other
        return my_pk == other.pk

    def __hash__(self) -> int:
        if self.pk is None:
            raise TypeError("Model instances without primary key value are unhashable")
        return hash(self.pk)

    def __reduce__(self):
        data = self.__getstate__()
        class_id = self._meta.app_label, self._meta.object_name
        return model_unpickle, (class_id,), data

    def __getstate__(self):
        self._state  # noqa: B018 - made now if the instance was built from a row
        state = self.__dict__.copy()
        state["_state"] = copy.copy(state["_state"])
        state["_state"].fields_cache = dict(state["_state"].__dict__.get("fields_cache", {}))
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)

    def __copy__(self):
        model_state = self._state  # made first if the instance was built from a row
        new = self.__class__.__new__(self.__class__)
        new.__dict__ = self.__dict__.copy()
        new._state = copy.copy(model_state)
        new._state.__dict__.pop("fields_cache", None)
        return new

    # -- primary key --

    def _get_pk_val(self, meta: Options | None = None) -> Any:
        meta = meta or self._meta
        return getattr(self, meta.pk.attname)

    def _set_pk_val(self, value: Any) -> None:
        for parent_link in self._meta.parents.values():
            if parent_link and parent_link != self._meta.pk:
                setattr(self, parent_link.target_field.attname, value)
        return setattr(self, self._meta.pk.attname, value)

    pk = property(_get_pk_val, _set_pk_val)

    def get_deferred_fields(self) -> set[str]:
        """Attnames of concrete fields not loaded on this instance."""
        data = self.__dict__
        return {f.attname for f in self._meta.concrete_fields if f.attname not in data}

    def serializable_value(self, field_name: str) -> Any:
        try:
            field = self._meta.get_field(field_name)
        except FieldDoesNotExist:
            return getattr(self, field_name)
        return getattr(self, field.attname)

    def _get_FIELD_display(self, field) -> str:  # noqa: N802 - Django's name
        value = getattr(self, field.attname)
        return str(dict(field.flatchoices).get(value, value))

    def _get_next_or_previous_by_FIELD(self, field, is_next, **kwargs):  # noqa: N802
        from framework.db.models.query_utils import Q

        if not self.pk:
            raise ValueError("get_next/get_previous cannot be used on unsaved objects.")
        op = "gt" if is_next else "lt"
        order = "" if is_next else "-"
        param = getattr(self, field.attname)
        q = Q.create([(field.name, param), (f"pk__{op}", self.pk)], connector=Q.AND)
        q = Q.create([q, (f"{field.name}__{op}", param)], connector=Q.OR)
        qs = (
            self.__class__._default_manager.using(self._state.db)
            .filter(**kwargs)
            .filter(q)
            .order_by(f"{order}{field.name}", f"{order}pk")
        )
        try:
            return qs[0]
        except IndexError:
            raise self.DoesNotExist(
                f"{self.__class__._meta.object_name} matching query does not exist."
            ) from None

    # -- loading --

    def refresh_from_db(
        self, using: str | None = None, fields: Any = None, from_queryset: Any = None
    ) -> None:
        """Reload field values (all, or ``fields``) from the database."""
        if fields is not None:
            fields = list(fields)
            if not fields:
                return
            if any("__" in f for f in fields):
                raise ValueError(
                    f'Found "__" in fields argument. Relations and transforms are not '
                    f"allowed in fields ({fields!r})."
                )
        if from_queryset is None:
            from_queryset = self.__class__._base_manager.db_manager(
                using, hints={"instance": self}
            ).get_queryset()
        elif using is not None:
            from_queryset = from_queryset.using(using)
        db_instance_qs = from_queryset.filter(pk=self.pk)
        deferred_fields = self.get_deferred_fields()
        if fields is not None:
            db_instance_qs = db_instance_qs.only(*fields)
        elif deferred_fields:
            db_instance_qs = db_instance_qs.only(
                *{f.attname for f in self._meta.concrete_fields if f.attname not in deferred_fields}
            )
        db_instance = db_instance_qs.get()
        non_loaded = db_instance.get_deferred_fields()
        for field in self._meta.concrete_fields:
            if field.attname in non_loaded:
                continue
            if fields is not None and field.name not in fields and field.attname not in fields:
                continue
            setattr(self, field.attname, getattr(db_instance, field.attname))
            if field.is_relation and field.is_cached(self):
                field.delete_cached_value(self)
        for field in self._meta.related_objects:
            if field.is_cached(self) and fields is None:
                field.delete_cached_value(self)
        for field in self._meta.private_fields:
            if getattr(field, "is_cached", None) and field.is_cached(self):
                field.delete_cached_value(self)
        self._state.db = db_instance._state.db
        if hasattr(self, "_prefetched_objects_cache") and fields is None:
            self._prefetched_objects_cache = {}

    # -- saving --

    def _prepare_related_fields_for_save(self, operation_name: str, fields=None) -> None:
        if not self._state.__dict__.get("fields_cache"):
            return  # no related object cached: nothing to check or copy
        for field in self._meta.concrete_fields:
            if fields and field not in fields:
                continue
            if field.is_relation and field.is_cached(self):
                obj = getattr(self, field.name, None)
                if not obj:
                    continue
                if obj.pk is None:
                    if not field.remote_field.multiple:
                        field.remote_field.delete_cached_value(obj)
                    raise ValueError(
                        f"{operation_name}() prohibited to prevent data loss due to unsaved "
                        f"related object {field.name!r}."
                    )
                if getattr(obj, field.target_field.attname) != getattr(self, field.attname):
                    setattr(self, field.attname, getattr(obj, field.target_field.attname))

    def save(
        self,
        *args: Any,
        force_insert: Any = False,
        force_update: bool = False,
        using: str | None = None,
        update_fields: Any = None,
    ) -> None:
        """Insert or update this row (``update_fields`` limits the UPDATE)."""
        if args:
            force_insert, force_update, using, update_fields = (
                list(args) + [force_insert, force_update, using, update_fields][len(args) :]
            )
        state = self._state
        if state.__dict__.get("fields_cache"):
            self._prepare_related_fields_for_save(operation_name="save")
        if not using:
            if router.without_routers:
                using = state.db or DEFAULT_DB_ALIAS  # what db_for_write() would say
            else:
                using = router.db_for_write(self.__class__, instance=self)
        if force_insert and (force_update or update_fields):
            raise ValueError("Cannot force both insert and updating in model saving.")
        if update_fields is not None:
            if not update_fields:
                return
            update_fields = frozenset(update_fields)
            field_names = self._meta._non_pk_concrete_field_names
            if not update_fields <= field_names:
                non_model_fields = update_fields.difference(field_names)
                raise ValueError(
                    "The following fields do not exist in this model, are m2m fields, "
                    "primary keys, or are non-concrete fields: "
                    + ", ".join(sorted(non_model_fields))
                )
        elif (
            not force_insert
            and using == self._state.db
            and (deferred_non_generated := self.get_deferred_fields())
        ):
            field_names = {f.attname for f in self._meta.concrete_fields if not f.primary_key}
            loaded_fields = field_names.difference(deferred_non_generated)
            if loaded_fields:
                update_fields = frozenset(loaded_fields)
        self.save_base(
            using=using,
            force_insert=force_insert,
            force_update=force_update,
            update_fields=update_fields,
        )

    save.alters_data = True

    def save_base(
        self,
        raw: bool = False,
        force_insert: Any = False,
        force_update: bool = False,
        using: str | None = None,
        update_fields: Any = None,
    ) -> None:
        """Send pre_save/post_save around the parents' and this table's writes."""
        using = using or router.db_for_write(self.__class__, instance=self)
        cls = origin = self.__class__
        if cls._meta.proxy:
            cls = cls._meta.concrete_model
        meta = cls._meta
        if not meta.auto_created and signals.pre_save.receivers:
            signals.pre_save.send(
                sender=origin, instance=self, raw=raw, using=using, update_fields=update_fields
            )
        if not raw and force_insert is not False:
            force_insert = self._validate_force_insert(force_insert)
        if meta.parents:
            with transaction.atomic(using=using, savepoint=False):
                parent_inserted = not raw and self._save_parents(
                    cls, using, update_fields, force_insert or ()
                )
                updated = self._save_table(
                    raw, cls, force_insert or parent_inserted, force_update, using, update_fields
                )
        else:
            # mark_for_rollback_on_error(), without a context manager on this hot path.
            try:
                updated = self._save_table(
                    raw, cls, force_insert or False, force_update, using, update_fields
                )
            except Exception as exc:
                transaction.flag_rollback_on_error(using, exc)
                raise
        self._state.db = using
        self._state.adding = False
        if not meta.auto_created and signals.post_save.receivers:
            signals.post_save.send(
                sender=origin,
                instance=self,
                created=(not updated),
                update_fields=update_fields,
                raw=raw,
                using=using,
            )

    save_base.alters_data = True

    @classmethod
    def _validate_force_insert(cls, force_insert):
        if force_insert is False:
            return ()
        if force_insert is True:
            return (cls,)
        if not isinstance(force_insert, tuple):
            raise TypeError("force_insert must be a bool or tuple.")
        for member in force_insert:
            if not isinstance(member, ModelBase):
                raise TypeError(
                    f"Invalid force_insert member. {member!r} must be a model subclass."
                )
            if not issubclass(cls, member):
                raise TypeError(
                    f"Invalid force_insert member. {member.__qualname__} must "
                    f"be a base of {cls.__qualname__}."
                )
        return force_insert

    def _save_parents(self, cls, using, update_fields, force_insert, updated_parents=None):
        meta = cls._meta
        inserted = False
        if updated_parents is None:
            updated_parents = {}
        for parent, field in meta.parents.items():
            if (
                field
                and getattr(self, parent._meta.pk.attname) is None
                and getattr(self, field.attname) is not None
            ):
                setattr(self, parent._meta.pk.attname, getattr(self, field.attname))
            if (parent_updated := updated_parents.get(parent)) is None:
                parent_inserted = self._save_parents(
                    parent, using, update_fields, force_insert, updated_parents
                )
                updated = self._save_table(
                    cls=parent,
                    using=using,
                    update_fields=update_fields,
                    force_insert=parent_inserted or issubclass(parent, force_insert),
                )
                if not updated:
                    inserted = True
                updated_parents[parent] = updated
            elif not parent_updated:
                inserted = True
            if field:
                setattr(self, field.attname, self._get_pk_val(parent._meta))
                if field.is_cached(self):
                    field.delete_cached_value(self)
        return inserted

    def _save_table(
        self,
        raw=False,
        cls=None,
        force_insert=False,
        force_update=False,
        using=None,
        update_fields=None,
    ) -> bool:
        DatabaseDefault = _database_default or _database_default_class()  # noqa: N806
        meta = cls._meta
        non_pks = meta._non_pk_local_concrete_fields
        # Loops rather than list comprehensions below: in Python 3.11 a comprehension is a
        # function call of its own, and save() runs these for one or two fields.
        if update_fields:
            chosen = []
            for f in non_pks:
                if f.name in update_fields or f.attname in update_fields:
                    chosen.append(f)
            non_pks = chosen
        pk_val = getattr(self, meta.pk.attname)
        if pk_val is None:
            pk_val = meta.pk.get_pk_value_on_save(self)
            setattr(self, meta.pk.attname, pk_val)
        pk_set = pk_val is not None and not isinstance(pk_val, DatabaseDefault)
        if not pk_set and (force_update or update_fields):
            raise ValueError("Cannot force an update in save() with no primary key.")
        updated = False
        if (
            not raw
            and not force_insert
            and self._state.adding
            and (
                (meta.pk.default is not None and meta.pk.has_default()) or meta.pk.has_db_default()
            )
        ):
            force_insert = True
        if pk_set and not force_insert:
            values = []
            for f in non_pks:
                values.append(
                    (f, None, getattr(self, f.attname) if raw else f.pre_save(self, False))
                )
            forced_update = update_fields or force_update
            row_count = None
            if (
                values
                and not meta.select_on_save
                and type(self)._do_update is Model._do_update
                and plain_manager(meta.base_manager)
            ):
                row_count = query_utils.query_shapes().save_update(cls, using, pk_val, values)
            if row_count is not None:
                updated = row_count > 0
            else:
                base_qs = cls._base_manager.using(using)
                updated = self._do_update(
                    base_qs, using, pk_val, values, update_fields, forced_update
                )
            if force_update and not updated:
                raise DatabaseError("Forced update did not affect any rows.")
            if update_fields and not updated:
                raise DatabaseError("Save with update_fields did not affect any rows.")
        if not updated:
            fields = list(meta.local_concrete_fields)
            if not pk_set:
                fields = [f for f in fields if f is not meta.auto_field]
            returning_fields = list(meta.db_returning_fields)
            for field in fields:
                value = getattr(self, field.attname) if raw else field.pre_save(self, True)
                if isinstance(value, DatabaseDefault) and field not in returning_fields:
                    returning_fields.append(field)
            results = self._do_insert(cls._base_manager, using, fields, returning_fields, raw)
            if results:
                for value, field in zip(results[0], returning_fields):
                    setattr(self, field.attname, value)
        return updated

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update) -> bool:
        filtered = base_qs.filter(pk=pk_val)
        if not values:
            return update_fields is not None or filtered.exists()
        if self._meta.select_on_save and not forced_update:
            return filtered.exists() and (filtered._update(values) > 0 or filtered.exists())
        return filtered._update(values) > 0

    def _do_insert(self, manager, using, fields, returning_fields, raw):
        return manager._insert(
            [self], fields=fields, returning_fields=returning_fields, using=using, raw=raw
        )

    # -- deleting --

    def delete(self, using: str | None = None, keep_parents: bool = False):
        """Delete this row and what cascades from it; return (count, {label: count})."""
        Collector = _deletion.Collector  # noqa: N806
        if self.pk is None:
            raise ValueError(
                f"{self._meta.object_name} object can't be deleted because its "
                f"{self._meta.pk.attname} attribute is set to None."
            )
        using = using or router.db_for_write(self.__class__, instance=self)
        collector = Collector(using=using, origin=self)
        collector.collect([self], keep_parents=keep_parents)
        return collector.delete()

    delete.alters_data = True

    def prepare_database_save(self, field) -> Any:
        if self.pk is None:
            raise ValueError(f"Unsaved model instance {self!r} cannot be used in an ORM query.")
        return getattr(self, field.remote_field.get_related_field().attname)

    def clean(self) -> None:
        """Hook for model-wide validation; raise ValidationError."""

    @classmethod
    def check(cls, **kwargs) -> list:
        """The system check messages of this model (models.E0xx, fields.E0xx)."""
        from framework.db.models.checks import check_model

        return check_model(cls, **kwargs)


def model_unpickle(model_id):
    """Rebuild a pickled instance's class from (app_label, object_name)."""
    if isinstance(model_id, tuple):
        from framework.apps import apps

        model = apps.get_model(*model_id)
    else:
        model = model_id
    return model.__new__(model)


model_unpickle.__safe_for_unpickle__ = True
