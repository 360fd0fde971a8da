"""Generic relations: ``GenericForeignKey`` (points at any model) and ``GenericRelation``.

A ``GenericForeignKey`` is a pair of concrete fields (a ForeignKey to ContentType and
an object id) read together; a ``GenericRelation`` is its reverse, declared on the
target model, usable for filtering (``Bookmark.objects.filter(tags__tag="x")``) and
deleting the tagged items with their object.
"""

from __future__ import annotations

from typing import Any

from framework.contrib.contenttypes.models import ContentType
from framework.db import models, router
from framework.db.models.fields.mixins import FieldCacheMixin
from framework.db.models.fields.related import lazy_related_operation
from framework.db.models.fields.reverse_related import ForeignObjectRel
from framework.db.models.query_utils import PathInfo
from framework.utils.functional import cached_property

__all__ = ["GenericForeignKey", "GenericRel", "GenericRelation"]


def _content_type_manager(using: str | None = None) -> Any:
    return ContentType.objects.db_manager(using) if using else ContentType.objects


class GenericForeignKey(FieldCacheMixin):
    """``content_object = GenericForeignKey("content_type", "object_id")``."""

    auto_created = False
    concrete = False
    editable = False
    hidden = False
    is_relation = True
    many_to_many = False
    many_to_one = True
    one_to_many = False
    one_to_one = False
    related_model = None
    remote_field = None
    column = None
    primary_key = False
    null = True
    generated = False

    def __init__(
        self, ct_field: str = "content_type", fk_field: str = "object_id", for_concrete_model=True
    ):
        self.ct_field = ct_field
        self.fk_field = fk_field
        self.for_concrete_model = for_concrete_model
        self.name: str = ""
        self.attname: str = ""
        self.model: Any = None

    def __repr__(self) -> str:
        return f"<GenericForeignKey: {self.model.__name__ if self.model else '?'}.{self.name}>"

    def contribute_to_class(self, cls: type, name: str, **kwargs: Any) -> None:
        self.name = self.attname = name
        self.model = cls
        cls._meta.add_field(self, private=True)
        setattr(cls, name, self)

    def get_cache_name(self) -> str:
        return self.name

    def get_filter_kwargs_for_object(self, obj: Any) -> dict:
        return {
            self.fk_field: getattr(obj, self.fk_field),
            self.ct_field: getattr(obj, self.ct_field),
        }

    def get_attname_column(self) -> tuple[str, None]:
        return self.attname, None

    def deconstruct(self) -> tuple:
        kwargs = {"ct_field": self.ct_field, "fk_field": self.fk_field}
        if not self.for_concrete_model:
            kwargs["for_concrete_model"] = False
        return self.name, "framework.contrib.contenttypes.fields.GenericForeignKey", [], kwargs

    @cached_property
    def ct_field_attname(self) -> str:
        return self.model._meta.get_field(self.ct_field).attname

    def check(self, **kwargs: Any) -> list:
        return []

    def get_content_type(self, obj: Any = None, id: Any = None, using: str | None = None):
        """The ContentType of ``obj``, or the one with primary key ``id``."""
        if obj is not None:
            return _content_type_manager(obj._state.db).get_for_model(
                obj, for_concrete_model=self.for_concrete_model
            )
        if id is not None:
            return _content_type_manager(using).get_for_id(id)
        raise ValueError("get_content_type() needs an object or an id.")

    def get_prefetch_querysets(self, instances: list, querysets: Any = None) -> tuple:
        """``prefetch_related("content_object")``: one query per content type."""
        custom = {qs.model: qs for qs in querysets or ()}
        fk_by_ct: dict[Any, set] = {}
        instance_dict = {}
        ct_attname = self.ct_field_attname
        for instance in instances:
            ct_id = getattr(instance, ct_attname)
            if ct_id is not None:
                fk_val = getattr(instance, self.fk_field)
                if fk_val is not None:
                    fk_by_ct.setdefault(ct_id, set()).add(fk_val)
                    instance_dict[ct_id] = instance
        ret_val: list = []
        for ct_id, fkeys in fk_by_ct.items():
            instance = instance_dict[ct_id]
            ct = self.get_content_type(id=ct_id, using=instance._state.db)
            model = ct.model_class()
            queryset = custom.get(model) or model._base_manager.using(instance._state.db)
            ret_val.extend(queryset.filter(pk__in=fkeys))

        def gfk_key(obj: Any) -> Any:
            ct_id = getattr(obj, ct_attname)
            if ct_id is None:
                return None
            model = self.get_content_type(id=ct_id, using=obj._state.db).model_class()
            return (model._meta.pk.get_prep_value(getattr(obj, self.fk_field)), model)

        return (
            ret_val,
            lambda obj: (obj.pk, obj.__class__),
            gfk_key,
            True,
            self.name,
            False,
        )

    def __get__(self, instance: Any, cls: type | None = None) -> Any:
        if instance is None:
            return self
        ct_id = getattr(instance, self.ct_field_attname)
        pk_val = getattr(instance, self.fk_field)
        rel_obj = self.get_cached_value(instance, default=None)
        if rel_obj is not None:
            ct_match = ct_id == self.get_content_type(obj=rel_obj).id
            pk_match = ct_match and str(rel_obj.pk) == str(pk_val)
            if pk_match:
                return rel_obj
            rel_obj = None
        if ct_id is not None and pk_val is not None:
            ct = self.get_content_type(id=ct_id, using=instance._state.db)
            try:
                rel_obj = ct.get_object_for_this_type(using=instance._state.db, pk=pk_val)
            except (ct.model_class().DoesNotExist, ValueError, TypeError):
                rel_obj = None
        self.set_cached_value(instance, rel_obj)
        return rel_obj

    def __set__(self, instance: Any, value: Any) -> None:
        ct = None
        fk = None
        if value is not None:
            ct = self.get_content_type(obj=value)
            fk = value.pk
        setattr(instance, self.ct_field, ct)
        setattr(instance, self.fk_field, fk)
        self.set_cached_value(instance, value)


class GenericRel(ForeignObjectRel):
    """The reverse side of a GenericRelation (hidden unless ``related_query_name`` is set)."""

    def __init__(
        self, field, to, related_name=None, related_query_name=None, limit_choices_to=None
    ):
        super().__init__(
            field,
            to,
            related_name=related_query_name or "+",
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            on_delete=models.DO_NOTHING,
        )

    def get_joining_columns(self):
        return self.field.get_joining_columns(reverse_join=True)


class GenericRelation(FieldCacheMixin):
    """``tags = GenericRelation(TaggedItem)``: the items whose generic key points here."""

    auto_created = False
    concrete = False
    editable = False
    hidden = False
    is_relation = True
    many_to_many = False
    many_to_one = False
    one_to_many = True
    one_to_one = False
    column = None
    primary_key = False
    null = True
    blank = True
    generated = False
    rel_class = GenericRel

    def __init__(
        self,
        to: Any,
        object_id_field: str = "object_id",
        content_type_field: str = "content_type",
        for_concrete_model: bool = True,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        verbose_name: str | None = None,
        **kwargs: Any,
    ):
        self.remote_field = self.rel_class(
            self, to, related_query_name=related_query_name, limit_choices_to=limit_choices_to
        )
        self.object_id_field_name = object_id_field
        self.content_type_field_name = content_type_field
        self.for_concrete_model = for_concrete_model
        self.verbose_name = verbose_name
        self.name: str = ""
        self.attname: str = ""
        self.model: Any = None

    def __repr__(self) -> str:
        return f"<GenericRelation: {self.model.__name__ if self.model else '?'}.{self.name}>"

    def get_cache_name(self) -> str:
        return self.name

    def get_attname_column(self) -> tuple[str, None]:
        return self.attname, None

    def check(self, **kwargs: Any) -> list:
        return []

    def deconstruct(self) -> tuple:
        kwargs = {
            "to": self.remote_field.model
            if isinstance(self.remote_field.model, str)
            else self.remote_field.model._meta.label,
            "object_id_field": self.object_id_field_name,
            "content_type_field": self.content_type_field_name,
        }
        return self.name, "framework.contrib.contenttypes.fields.GenericRelation", [], kwargs

    @cached_property
    def related_model(self) -> type:
        return self.remote_field.model

    def related_query_name(self) -> str:
        return self.remote_field.related_query_name or "+"

    def contribute_to_class(self, cls: type, name: str, **kwargs: Any) -> None:
        self.name = self.attname = name
        self.model = cls
        self.opts = cls._meta
        cls._meta.add_field(self, private=True)

        def resolve(model, related, field):
            field.remote_field.model = related
            field.__dict__.pop("related_model", None)

        lazy_related_operation(resolve, cls, self.remote_field.model, field=self)
        setattr(cls, name, ReverseGenericManyToOneDescriptor(self))

    def set_attributes_from_rel(self) -> None:
        pass

    # -- joins --

    def _object_id_field(self):
        return self.related_model._meta.get_field(self.object_id_field_name)

    def get_joining_columns(self, reverse_join: bool = False) -> tuple:
        object_id = self._object_id_field().column
        pk = self.model._meta.pk.column
        if reverse_join:
            return ((pk, object_id),)
        return ((object_id, pk),)

    def get_extra_restriction(self, alias: str, related_alias: str) -> Any:
        """Django's hook: ``related_alias.content_type = <ContentType of this model>``."""
        ct = _content_type_manager().get_for_model(
            self.model, for_concrete_model=self.for_concrete_model
        )
        field = self.related_model._meta.get_field(self.content_type_field_name)
        return field.get_lookup("exact")(field.get_col(related_alias), ct.pk)

    def get_path_info(self, filtered_relation: Any = None) -> list:
        opts = self.related_model._meta
        return [
            PathInfo(
                from_opts=self.model._meta,
                to_opts=opts,
                target_fields=(opts.pk,),
                join_field=self.remote_field,
                m2m=True,
                direct=False,
                filtered_relation=filtered_relation,
            )
        ]

    @cached_property
    def path_infos(self) -> list:
        return self.get_path_info()

    def get_reverse_path_info(self, filtered_relation: Any = None) -> list:
        opts = self.model._meta
        return [
            PathInfo(
                from_opts=self.related_model._meta,
                to_opts=opts,
                target_fields=(opts.pk,),
                join_field=self,
                m2m=False,
                direct=False,
                filtered_relation=filtered_relation,
            )
        ]

    @cached_property
    def reverse_path_infos(self) -> list:
        return self.get_reverse_path_info()

    # -- deletion --

    def get_content_type(self) -> ContentType:
        """The ContentType of the model this relation is declared on."""
        return _content_type_manager().get_for_model(
            self.model, for_concrete_model=self.for_concrete_model
        )

    def bulk_related_objects(self, objs: list, using: str = "default") -> Any:
        """The related items of every object in ``objs`` (for the deletion collector)."""
        ct = _content_type_manager(using).get_for_model(
            self.model, for_concrete_model=self.for_concrete_model
        )
        return self.related_model._base_manager.using(using).filter(
            **{
                f"{self.content_type_field_name}__pk": ct.pk,
                f"{self.object_id_field_name}__in": [obj.pk for obj in objs],
            }
        )


class ReverseGenericManyToOneDescriptor:
    """``bookmark.tags``: a manager of the items pointing at the instance."""

    def __init__(self, field: GenericRelation):
        self.field = field

    @cached_property
    def related_manager_cls(self) -> type:
        model = self.field.related_model
        return create_generic_related_manager(model._default_manager.__class__, self.field)

    def __get__(self, instance: Any, cls: type | None = None) -> Any:
        if instance is None:
            return self
        return self.related_manager_cls(instance)

    def __set__(self, instance: Any, value: Any) -> None:
        raise TypeError(
            f"Direct assignment to the reverse side of a generic relation is prohibited. "
            f"Use {self.field.name}.set() instead."
        )


def create_generic_related_manager(superclass: type, field: GenericRelation) -> type:
    """The manager class of ``obj.<generic relation>``, subclassing the target's manager."""

    class GenericRelatedObjectManager(superclass):
        def __init__(self, instance: Any):
            super().__init__()
            self.instance = instance
            self.model = field.related_model
            self.field = field
            using = instance._state.db or router.db_for_read(type(instance), instance=instance)
            self.content_type = _content_type_manager(using).get_for_model(
                instance, for_concrete_model=field.for_concrete_model
            )
            self.content_type_field_name = field.content_type_field_name
            self.object_id_field_name = field.object_id_field_name
            self.pk_val = instance.pk
            self.core_filters = {
                f"{self.content_type_field_name}__pk": self.content_type.id,
                self.object_id_field_name: self.pk_val,
            }

        def __repr__(self) -> str:
            return f"<GenericRelatedObjectManager: {field.model.__name__}.{field.name}>"

        def get_queryset(self) -> Any:
            try:
                return self.instance._prefetched_objects_cache[field.name]
            except (AttributeError, KeyError):
                pass
            if self.pk_val is None:
                raise ValueError(
                    f"{self.instance!r} must be saved before {field.name!r} can be used."
                )
            db = self._db or router.db_for_read(self.model, instance=self.instance)
            return super().get_queryset().using(db).filter(**self.core_filters)

        def _apply_rel_filters(self, queryset: Any) -> Any:
            db = self._db or router.db_for_read(self.model, instance=self.instance)
            return queryset.using(db).filter(**self.core_filters)

        def get_prefetch_querysets(self, instances: list, querysets: Any = None) -> tuple:
            """``prefetch_related("<relation>")``: the items of every instance in one query."""
            queryset = querysets[0] if querysets else super().get_queryset()
            queryset = queryset.using(queryset._db or self._db or "default")
            object_id_name = self.object_id_field_name
            queryset = queryset.filter(
                **{
                    f"{self.content_type_field_name}__pk": self.content_type.id,
                    f"{object_id_name}__in": {obj.pk for obj in instances},
                }
            )
            to_python = field.model._meta.pk.to_python
            return (
                queryset,
                lambda relobj: to_python(getattr(relobj, object_id_name)),
                lambda obj: obj.pk,
                False,
                field.name,
                False,
            )

        def _check_fk_val(self, obj: Any) -> None:
            if not isinstance(obj, self.model):
                raise TypeError(f"{self.model._meta.object_name!r} instance expected, got {obj!r}.")

        def add(self, *objs: Any, bulk: bool = True) -> None:
            """Point ``objs`` at the instance and save them."""
            for obj in objs:
                self._check_fk_val(obj)
                setattr(obj, self.content_type_field_name, self.content_type)
                setattr(obj, self.object_id_field_name, self.pk_val)
                obj.save()

        def remove(self, *objs: Any, bulk: bool = True) -> None:
            """Delete ``objs`` (a generic key cannot be left dangling)."""
            pks = [obj.pk for obj in objs]
            self.get_queryset().filter(pk__in=pks).delete()

        def clear(self, *, bulk: bool = True) -> None:
            """Delete every related item."""
            self.get_queryset().delete()

        def set(self, objs: Any, *, bulk: bool = True, clear: bool = False) -> None:
            """Make ``objs`` the related items, deleting the others."""
            objs = tuple(objs)
            if clear:
                self.clear()
                self.add(*objs)
                return
            old = set(self.get_queryset())
            new = []
            for obj in objs:
                if obj in old:
                    old.remove(obj)
                else:
                    new.append(obj)
            self.remove(*old)
            self.add(*new)

        def create(self, **kwargs: Any) -> Any:
            kwargs[self.content_type_field_name] = self.content_type
            kwargs[self.object_id_field_name] = self.pk_val
            db = router.db_for_write(self.model, instance=self.instance)
            return super().using(db).create(**kwargs)

        def get_or_create(self, **kwargs: Any) -> Any:
            kwargs[self.content_type_field_name] = self.content_type
            kwargs[self.object_id_field_name] = self.pk_val
            db = router.db_for_write(self.model, instance=self.instance)
            return super().using(db).get_or_create(**kwargs)

        def update_or_create(self, **kwargs: Any) -> Any:
            kwargs[self.content_type_field_name] = self.content_type
            kwargs[self.object_id_field_name] = self.pk_val
            db = router.db_for_write(self.model, instance=self.instance)
            return super().using(db).update_or_create(**kwargs)

    return GenericRelatedObjectManager
