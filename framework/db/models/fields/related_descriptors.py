"""Descriptors and related managers behind relation attributes.

``book.author`` (ForwardManyToOneDescriptor), ``author.book_set`` (a RelatedManager),
``place.restaurant`` (ReverseOneToOneDescriptor), ``article.tags`` / ``tag.article_set``
(ManyRelatedManager).
"""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import FieldError
from framework.db import router, transaction
from framework.db.models import signals
from framework.db.models.query_utils import DeferredAttribute, Q
from framework.utils.functional import cached_property


class ForeignKeyDeferredAttribute(DeferredAttribute):
    """``book.author_id``: clears the cached ``book.author`` when the id changes."""

    def __set__(self, instance, value):
        if instance.__dict__.get(self.field.attname) != value and self.field.is_cached(instance):
            self.field.delete_cached_value(instance)
        instance.__dict__[self.field.attname] = value


def _related_does_not_exist(parent_exc, model_name, name):
    return type(
        "RelatedObjectDoesNotExist",
        (parent_exc, AttributeError),
        {
            "__module__": model_name,
            "__qualname__": f"{model_name}.{name}.RelatedObjectDoesNotExist",
        },
    )


class ForwardManyToOneDescriptor:
    """``child.parent`` for a ForeignKey: fetched once, then cached on the instance."""

    def __init__(self, field_with_rel):
        self.field = field_with_rel

    @cached_property
    def RelatedObjectDoesNotExist(self):  # noqa: N802 - Django's attribute name
        return _related_does_not_exist(
            self.field.remote_field.model.DoesNotExist,
            self.field.model.__qualname__,
            self.field.name,
        )

    def is_cached(self, instance):
        return self.field.is_cached(instance)

    def get_queryset(self, **hints):
        return self.field.remote_field.model._base_manager.db_manager(hints=hints).all()

    def get_prefetch_querysets(self, instances, querysets=None):
        queryset = querysets[0] if querysets else self.get_queryset()
        queryset._add_hints(instance=instances[0])
        rel_obj_attr = self.field.get_foreign_related_value
        instance_attr = self.field.get_local_related_value
        instances_dict = {instance_attr(inst): inst for inst in instances}
        related_field = self.field.foreign_related_fields[0]
        remote_field = self.field.remote_field
        if remote_field.is_cached_rel() if hasattr(remote_field, "is_cached_rel") else False:
            pass
        query = {f"{related_field.name}__in": {instance_attr(inst)[0] for inst in instances}}
        queryset = queryset.filter(**query)
        if not remote_field.multiple:
            for rel_obj in queryset:
                instance = instances_dict[rel_obj_attr(rel_obj)]
                remote_field.set_cached_value(rel_obj, instance)
        return (queryset, rel_obj_attr, instance_attr, True, self.field.cache_name, False)

    def get_object(self, instance):
        qs = self.get_queryset(instance=instance)
        return qs.get(self.field.get_reverse_related_filter(instance))

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        try:
            rel_obj = self.field.get_cached_value(instance)
        except KeyError:
            value = getattr(instance, self.field.attname)
            rel_obj = None
            if value is not None:
                rel_obj = self.get_object(instance)
                remote_field = self.field.remote_field
                if not remote_field.multiple:
                    remote_field.set_cached_value(rel_obj, instance)
            self.field.set_cached_value(instance, rel_obj)
        if rel_obj is None and not self.field.null:
            raise self.RelatedObjectDoesNotExist(
                f"{self.field.model.__name__} has no {self.field.name}."
            )
        return rel_obj

    def __set__(self, instance, value):
        remote_model = self.field.remote_field.model
        if value is not None and not isinstance(value, remote_model._meta.concrete_model):
            raise ValueError(
                f'Cannot assign "{value!r}": "{instance._meta.object_name}.{self.field.name}" '
                f'must be a "{remote_model._meta.object_name}" instance.'
            )
        if value is not None:
            if instance._state.db is None:
                instance._state.db = router.db_for_write(instance.__class__, instance=value)
            if value._state.db is None:
                value._state.db = router.db_for_write(value.__class__, instance=instance)
            if not router.allow_relation(value, instance):
                raise ValueError(
                    f'Cannot assign "{value!r}": the current database router prevents this '
                    f"relation."
                )
        remote_field = self.field.remote_field
        if value is None:
            related = self.field.get_cached_value(instance, default=None)
            if related is not None:
                remote_field.set_cached_value(related, None)
            for lh_field, _ in self.field.related_fields:
                instance.__dict__[lh_field.attname] = None
        else:
            for lh_field, rh_field in self.field.related_fields:
                instance.__dict__[lh_field.attname] = getattr(value, rh_field.attname)
        self.field.set_cached_value(instance, value)
        if value is not None and not remote_field.multiple:
            remote_field.set_cached_value(value, instance)

    def __reduce__(self):
        return getattr, (self.field.model, self.field.name)


class ForwardOneToOneDescriptor(ForwardManyToOneDescriptor):
    """``restaurant.place``; for a parent link, builds the parent from the child's fields."""

    def get_object(self, instance):
        if self.field.remote_field.parent_link:
            deferred = instance.get_deferred_fields()
            rel_model = self.field.remote_field.model
            fields = [f.attname for f in rel_model._meta.concrete_fields]
            if not any(f in fields for f in deferred):
                kwargs = {f: getattr(instance, f) for f in fields}
                obj = rel_model(**kwargs)
                obj._state.adding = instance._state.adding
                obj._state.db = instance._state.db
                return obj
        return super().get_object(instance)

    def __set__(self, instance, value):
        super().__set__(instance, value)
        if self.field.primary_key and self.field.remote_field.parent_link:
            opts = instance._meta
            inherited_pk_fields = [
                field for field in opts.concrete_fields if field.primary_key and field.remote_field
            ]
            for field in inherited_pk_fields:
                rel_model_pk_name = field.remote_field.model._meta.pk.attname
                raw_value = getattr(value, rel_model_pk_name) if value is not None else None
                setattr(instance, rel_model_pk_name, raw_value)


class ReverseOneToOneDescriptor:
    """``place.restaurant``: the single object whose OneToOneField points here."""

    def __init__(self, related):
        self.related = related

    @cached_property
    def RelatedObjectDoesNotExist(self):  # noqa: N802
        return _related_does_not_exist(
            self.related.related_model.DoesNotExist,
            self.related.model.__qualname__,
            self.related.name,
        )

    def is_cached(self, instance):
        return self.related.is_cached(instance)

    def get_queryset(self, **hints):
        return self.related.related_model._base_manager.db_manager(hints=hints).all()

    def get_prefetch_querysets(self, instances, querysets=None):
        queryset = querysets[0] if querysets else self.get_queryset()
        queryset._add_hints(instance=instances[0])

        def rel_obj_attr(obj):
            return self.related.field.get_local_related_value(obj)

        def instance_attr(inst):
            return self.related.field.get_foreign_related_value(inst)

        instances_dict = {instance_attr(inst): inst for inst in instances}
        query = {f"{self.related.field.name}__in": instances}
        queryset = queryset.filter(**query)
        for rel_obj in queryset:
            instance = instances_dict[rel_obj_attr(rel_obj)]
            self.related.field.set_cached_value(rel_obj, instance)
        return (queryset, rel_obj_attr, instance_attr, True, self.related.cache_name, False)

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        try:
            rel_obj = self.related.get_cached_value(instance)
        except KeyError:
            related_pk = instance.pk
            if related_pk is None:
                rel_obj = None
            else:
                filter_args = self.related.field.get_forward_related_filter(instance)
                try:
                    rel_obj = self.get_queryset(instance=instance).get(**filter_args)
                except self.related.related_model.DoesNotExist:
                    rel_obj = None
                else:
                    self.related.field.set_cached_value(rel_obj, instance)
            self.related.set_cached_value(instance, rel_obj)
        if rel_obj is None:
            raise self.RelatedObjectDoesNotExist(
                f"{instance.__class__.__name__} has no {self.related.get_accessor_name()}."
            )
        return rel_obj

    def __set__(self, instance, value):
        if value is None:
            rel_obj = self.related.get_cached_value(instance, default=None)
            if rel_obj is not None:
                self.related.delete_cached_value(instance)
                setattr(rel_obj, self.related.field.name, None)
        elif not isinstance(value, self.related.related_model):
            raise ValueError(
                f'Cannot assign "{value!r}": "{instance._meta.object_name}.'
                f'{self.related.get_accessor_name()}" must be a '
                f'"{self.related.related_model._meta.object_name}" instance.'
            )
        else:
            related_pk = tuple(
                getattr(instance, field.attname)
                for field in self.related.field.foreign_related_fields
            )
            for index, field in enumerate(self.related.field.local_related_fields):
                setattr(value, field.attname, related_pk[index])
            self.related.set_cached_value(instance, value)
            self.related.field.set_cached_value(value, instance)

    def __reduce__(self):
        return getattr, (self.related.model, self.related.name)


class ReverseManyToOneDescriptor:
    """``author.book_set``: a RelatedManager bound to the instance."""

    def __init__(self, rel):
        self.rel = rel
        self.field = rel.field

    @cached_property
    def related_manager_cls(self):
        return create_reverse_many_to_one_manager(
            self.rel.related_model._default_manager.__class__, self.rel
        )

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return self.related_manager_cls(instance)

    def _get_set_deprecation_msg_params(self):
        return "reverse side of a related set", self.rel.get_accessor_name()

    def __set__(self, instance, value):
        side, name = self._get_set_deprecation_msg_params()
        raise TypeError(f"Direct assignment to the {side} is prohibited. Use {name}.set() instead.")


def _check_fk_val(field, instance):
    for f in field.foreign_related_fields:
        if getattr(instance, f.attname) is None:
            raise ValueError(
                f'"{instance!r}" needs to have a value for field "{f.attname}" before this '
                f"relationship can be used."
            )


def create_reverse_many_to_one_manager(superclass, rel):
    """The related manager of a reverse ForeignKey, subclassing the default manager's class."""

    class RelatedManager(superclass):
        def __init__(self, instance):
            super().__init__()
            self.instance = instance
            self.model = rel.related_model
            self.field = rel.field
            self.core_filters = {self.field.name: instance}

        def __call__(self, *, manager):
            manager = getattr(self.model, manager)
            manager_class = create_reverse_many_to_one_manager(manager.__class__, rel)
            return manager_class(self.instance)

        do_not_call_in_templates = True

        def _check_fk_val(self):
            _check_fk_val(self.field, self.instance)

        def _apply_rel_filters(self, queryset):
            empty_strings_as_null = False
            queryset._add_hints(instance=self.instance)
            if self._db:
                queryset = queryset.using(self._db)
            queryset._defer_next_filter = True
            queryset = queryset.filter(**self.core_filters)
            for field in self.field.foreign_related_fields:
                val = getattr(self.instance, field.attname)
                if val is None or (val == "" and empty_strings_as_null):
                    return queryset.none()
            if self.field.many_to_one:
                try:
                    target_field = self.field.target_field
                except FieldError:
                    rel_obj_id = tuple(
                        getattr(self.instance, tf.attname)
                        for tf in self.field.path_infos[-1].target_fields
                    )
                else:
                    rel_obj_id = getattr(self.instance, target_field.attname)
                queryset._known_related_objects = {self.field: {rel_obj_id: self.instance}}
            return queryset

        def _remove_prefetched_objects(self):
            try:
                self.instance._prefetched_objects_cache.pop(
                    self.field.remote_field.get_cache_name()
                )
            except (AttributeError, KeyError):
                pass

        def get_queryset(self):
            if self.instance.pk is None:
                raise ValueError(
                    f"{self.instance.__class__.__name__!r} instance needs to have a primary "
                    f"key value before this relationship can be used."
                )
            try:
                return self.instance._prefetched_objects_cache[
                    self.field.remote_field.get_cache_name()
                ]
            except (AttributeError, KeyError):
                queryset = super().get_queryset()
                return self._apply_rel_filters(queryset)

        def get_prefetch_querysets(self, instances, querysets=None):
            queryset = querysets[0] if querysets else super().get_queryset()
            queryset._add_hints(instance=instances[0])
            queryset = queryset.using(queryset._db or self._db)
            rel_obj_attr = self.field.get_local_related_value
            instance_attr = self.field.get_foreign_related_value
            instances_dict = {instance_attr(inst): inst for inst in instances}
            queryset = queryset.filter(**{f"{self.field.name}__in": instances})
            field = self.field
            for rel_obj in queryset:
                if not field.is_cached(rel_obj):
                    # The row's foreign key already equals the instance's key: caching the
                    # instance is all the descriptor's __set__ would change.
                    field.set_cached_value(rel_obj, instances_dict[rel_obj_attr(rel_obj)])
            cache_name = self.field.remote_field.get_cache_name()
            return queryset, rel_obj_attr, instance_attr, False, cache_name, False

        def add(self, *objs, bulk=True):
            """Point each object's ForeignKey at the instance (one UPDATE when bulk)."""
            self._check_fk_val()
            self._remove_prefetched_objects()
            db = router.db_for_write(self.model, instance=self.instance)

            def check_and_update_obj(obj):
                if not isinstance(obj, self.model):
                    raise TypeError(
                        f"'{self.model._meta.object_name}' instance expected, got {obj!r}"
                    )
                setattr(obj, self.field.name, self.instance)

            if bulk:
                pks = []
                for obj in objs:
                    check_and_update_obj(obj)
                    if obj._state.adding or obj._state.db != db:
                        raise ValueError(
                            f"{obj!r} instance isn't saved. Use bulk=False or save the "
                            f"object first."
                        )
                    pks.append(obj.pk)
                self.model._base_manager.using(db).filter(pk__in=pks).update(
                    **{self.field.name: self.instance}
                )
            else:
                with transaction.atomic(using=db, savepoint=False):
                    for obj in objs:
                        check_and_update_obj(obj)
                        obj.save()

        add.alters_data = True

        def create(self, **kwargs):
            self._check_fk_val()
            self._remove_prefetched_objects()
            kwargs[self.field.name] = self.instance
            db = router.db_for_write(self.model, instance=self.instance)
            return super(RelatedManager, self.db_manager(db)).create(**kwargs)

        create.alters_data = True

        def get_or_create(self, **kwargs):
            self._check_fk_val()
            kwargs[self.field.name] = self.instance
            db = router.db_for_write(self.model, instance=self.instance)
            return super(RelatedManager, self.db_manager(db)).get_or_create(**kwargs)

        get_or_create.alters_data = True

        def update_or_create(self, **kwargs):
            self._check_fk_val()
            kwargs[self.field.name] = self.instance
            db = router.db_for_write(self.model, instance=self.instance)
            return super(RelatedManager, self.db_manager(db)).update_or_create(**kwargs)

        update_or_create.alters_data = True

        if rel.field.null:

            def remove(self, *objs, bulk=True):
                """Set the ForeignKey of these objects to NULL (nullable relations only)."""
                if not objs:
                    return
                self._check_fk_val()
                val = self.field.get_foreign_related_value(self.instance)
                old_ids = set()
                for obj in objs:
                    if not isinstance(obj, self.model):
                        raise TypeError(
                            f"'{self.model._meta.object_name}' instance expected, got {obj!r}"
                        )
                    if self.field.get_local_related_value(obj) == val:
                        old_ids.add(obj.pk)
                    else:
                        raise self.field.remote_field.model.DoesNotExist(
                            f"{obj!r} is not related to {self.instance!r}."
                        )
                self._clear(self.filter(pk__in=old_ids), bulk)

            remove.alters_data = True

            def clear(self, *, bulk=True):
                """Set the ForeignKey of every related object to NULL."""
                self._check_fk_val()
                self._clear(self, bulk)

            clear.alters_data = True

            def _clear(self, queryset, bulk):
                self._remove_prefetched_objects()
                db = router.db_for_write(self.model, instance=self.instance)
                queryset = queryset.using(db)
                if bulk:
                    queryset.update(**{self.field.name: None})
                else:
                    with transaction.atomic(using=db, savepoint=False):
                        for obj in queryset:
                            setattr(obj, self.field.name, None)
                            obj.save(update_fields=[self.field.name])

            _clear.alters_data = True

        def set(self, objs, *, bulk=True, clear=False):
            """Make ``objs`` the related set (removing others if the FK is nullable)."""
            self._check_fk_val()
            objs = tuple(objs)
            if self.field.null:
                db = router.db_for_write(self.model, instance=self.instance)
                with transaction.atomic(using=db, savepoint=False):
                    if clear:
                        self.clear(bulk=bulk)
                        self.add(*objs, bulk=bulk)
                    else:
                        old_objs = set(self.using(db).all())
                        new_objs = []
                        for obj in objs:
                            if obj in old_objs:
                                old_objs.remove(obj)
                            else:
                                new_objs.append(obj)
                        self.remove(*old_objs, bulk=bulk)
                        self.add(*new_objs, bulk=bulk)
            else:
                self.add(*objs, bulk=bulk)

        set.alters_data = True

    return RelatedManager


class ManyToManyDescriptor(ReverseManyToOneDescriptor):
    """``article.tags`` and ``tag.article_set``: a ManyRelatedManager."""

    def __init__(self, rel, reverse=False):
        super().__init__(rel)
        self.reverse = reverse

    @property
    def through(self):
        return self.rel.through

    @cached_property
    def related_manager_cls(self):
        related_model = self.rel.related_model if self.reverse else self.rel.model
        return create_forward_many_to_many_manager(
            related_model._default_manager.__class__, self.rel, reverse=self.reverse
        )

    def _get_set_deprecation_msg_params(self):
        return (
            "%s side of a many-to-many set" % ("reverse" if self.reverse else "forward"),
            self.rel.get_accessor_name() if self.reverse else self.field.name,
        )


def create_forward_many_to_many_manager(superclass, rel, reverse):
    """The manager of both sides of a many-to-many relation."""

    class ManyRelatedManager(superclass):
        def __init__(self, instance=None):
            super().__init__()
            self.instance = instance
            if not reverse:
                self.model = rel.model
                self.query_field_name = rel.field.related_query_name()
                self.prefetch_cache_name = rel.field.name
                self.source_field_name = rel.field.m2m_field_name()
                self.target_field_name = rel.field.m2m_reverse_field_name()
                self.symmetrical = rel.symmetrical
            else:
                self.model = rel.related_model
                self.query_field_name = rel.field.name
                self.prefetch_cache_name = rel.field.related_query_name()
                self.source_field_name = rel.field.m2m_reverse_field_name()
                self.target_field_name = rel.field.m2m_field_name()
                self.symmetrical = False
            self.through = rel.through
            self.reverse = reverse
            self.source_field = self.through._meta.get_field(self.source_field_name)
            self.target_field = self.through._meta.get_field(self.target_field_name)
            self.core_filters = {}
            self.pk_field_names = {}
            for lh_field, rh_field in self.source_field.related_fields:
                core_filter_key = f"{self.query_field_name}__{rh_field.name}"
                self.core_filters[core_filter_key] = getattr(instance, rh_field.attname)
                self.pk_field_names[lh_field.name] = rh_field.name
            self.related_val = self.source_field.get_foreign_related_value(instance)
            if None in self.related_val:
                raise ValueError(
                    f'"{instance!r}" needs to have a value for field '
                    f'"{self.pk_field_names[self.source_field_name]}" before this '
                    f"many-to-many relationship can be used."
                )
            if instance.pk is None:
                raise ValueError(
                    f"{instance.__class__.__name__!r} instance needs to have a primary key "
                    f"value before a many-to-many relationship can be used."
                )

        def __call__(self, *, manager):
            manager = getattr(self.model, manager)
            manager_class = create_forward_many_to_many_manager(manager.__class__, rel, reverse)
            return manager_class(instance=self.instance)

        do_not_call_in_templates = True

        def _build_remove_filters(self, removed_vals):
            filters = Q.create([(self.source_field_name, self.related_val[0])])
            removed_vals_filters = not hasattr(removed_vals, "exists") or removed_vals.exists()
            if removed_vals_filters:
                filters &= Q.create([(f"{self.target_field_name}__in", removed_vals)])
            if self.symmetrical:
                symmetrical_filters = Q.create([(self.target_field_name, self.related_val[0])])
                if removed_vals_filters:
                    symmetrical_filters &= Q.create(
                        [(f"{self.source_field_name}__in", removed_vals)]
                    )
                filters |= symmetrical_filters
            return filters

        def _apply_rel_filters(self, queryset):
            queryset._add_hints(instance=self.instance)
            if self._db:
                queryset = queryset.using(self._db)
            queryset._defer_next_filter = True
            return queryset._next_is_sticky().filter(**self.core_filters)

        def _remove_prefetched_objects(self):
            try:
                self.instance._prefetched_objects_cache.pop(self.prefetch_cache_name)
            except (AttributeError, KeyError):
                pass

        def get_queryset(self):
            try:
                return self.instance._prefetched_objects_cache[self.prefetch_cache_name]
            except (AttributeError, KeyError):
                queryset = super().get_queryset()
                return self._apply_rel_filters(queryset)

        def get_prefetch_querysets(self, instances, querysets=None):
            queryset = querysets[0] if querysets else super().get_queryset()
            queryset._add_hints(instance=instances[0])
            queryset = queryset.using(queryset._db or self._db)
            queryset = queryset._next_is_sticky().filter(
                **{f"{self.query_field_name}__in": instances}
            )
            from framework.db import connections
            from framework.db.models.expressions import RawSQL

            connection = connections[queryset.db]
            qn = connection.ops.quote_name
            fk = self.through._meta.get_field(self.source_field_name)
            join_table = fk.model._meta.db_table
            # The through table's alias in the join the filter above created.
            alias = next(
                (
                    a
                    for a, j in queryset.query.alias_map.items()
                    if getattr(j, "table_name", None) == join_table
                ),
                join_table,
            )
            column = fk.local_related_fields[0].column
            attname = f"_prefetch_related_val_{fk.local_related_fields[0].attname}"
            queryset = queryset.annotate(**{attname: RawSQL(f"{qn(alias)}.{qn(column)}", [])})

            def instance_attr(inst):
                return tuple(
                    f.get_db_prep_value(getattr(inst, f.attname), connection)
                    for f in fk.foreign_related_fields
                )

            return (
                queryset,
                lambda result: (getattr(result, attname),),
                instance_attr,
                False,
                self.prefetch_cache_name,
                False,
            )

        def add(self, *objs, through_defaults=None):
            """Link objects (instances or pks); sends m2m_changed pre_add/post_add."""
            self._remove_prefetched_objects()
            db = router.db_for_write(self.through, instance=self.instance)
            with transaction.atomic(using=db, savepoint=False):
                self._add_items(
                    self.source_field_name,
                    self.target_field_name,
                    *objs,
                    through_defaults=through_defaults,
                )
                if self.symmetrical:
                    self._add_items(
                        self.target_field_name,
                        self.source_field_name,
                        *objs,
                        through_defaults=through_defaults,
                    )

        add.alters_data = True

        def remove(self, *objs):
            """Unlink objects; sends m2m_changed pre_remove/post_remove."""
            self._remove_prefetched_objects()
            self._remove_items(self.source_field_name, self.target_field_name, *objs)

        remove.alters_data = True

        def clear(self):
            """Unlink everything; sends m2m_changed pre_clear/post_clear."""
            db = router.db_for_write(self.through, instance=self.instance)
            with transaction.atomic(using=db, savepoint=False):
                signals.m2m_changed.send(
                    sender=self.through,
                    action="pre_clear",
                    instance=self.instance,
                    reverse=self.reverse,
                    model=self.model,
                    pk_set=None,
                    using=db,
                )
                self._remove_prefetched_objects()
                filters = self._build_remove_filters(super().get_queryset().using(db))
                self.through._default_manager.using(db).filter(filters).delete()
                signals.m2m_changed.send(
                    sender=self.through,
                    action="post_clear",
                    instance=self.instance,
                    reverse=self.reverse,
                    model=self.model,
                    pk_set=None,
                    using=db,
                )

        clear.alters_data = True

        def set(self, objs, *, clear=False, through_defaults=None):
            """Make ``objs`` the related set."""
            objs = tuple(objs)
            db = router.db_for_write(self.through, instance=self.instance)
            with transaction.atomic(using=db, savepoint=False):
                if clear:
                    self.clear()
                    self.add(*objs, through_defaults=through_defaults)
                else:
                    old_ids = set(
                        self.using(db).values_list(
                            self.target_field.target_field.attname, flat=True
                        )
                    )
                    new_objs = []
                    for obj in objs:
                        fk_val = (
                            self.target_field.get_foreign_related_value(obj)[0]
                            if isinstance(obj, self.model)
                            else self.target_field.get_prep_value(obj)
                        )
                        if fk_val in old_ids:
                            old_ids.remove(fk_val)
                        else:
                            new_objs.append(obj)
                    self.remove(*old_ids)
                    self.add(*new_objs, through_defaults=through_defaults)

        set.alters_data = True

        def create(self, *, through_defaults=None, **kwargs):
            db = router.db_for_write(self.instance.__class__, instance=self.instance)
            new_obj = super(ManyRelatedManager, self.db_manager(db)).create(**kwargs)
            self.add(new_obj, through_defaults=through_defaults)
            return new_obj

        create.alters_data = True

        def get_or_create(self, *, through_defaults=None, **kwargs):
            db = router.db_for_write(self.instance.__class__, instance=self.instance)
            obj, created = super(ManyRelatedManager, self.db_manager(db)).get_or_create(**kwargs)
            if created:
                self.add(obj, through_defaults=through_defaults)
            return obj, created

        get_or_create.alters_data = True

        def update_or_create(self, *, through_defaults=None, **kwargs):
            db = router.db_for_write(self.instance.__class__, instance=self.instance)
            obj, created = super(ManyRelatedManager, self.db_manager(db)).update_or_create(**kwargs)
            if created:
                self.add(obj, through_defaults=through_defaults)
            return obj, created

        update_or_create.alters_data = True

        def _get_target_ids(self, target_field_name, objs):
            from framework.db.models.base import Model

            target_ids = set()
            target_field = self.through._meta.get_field(target_field_name)
            for obj in objs:
                if isinstance(obj, self.model):
                    if not router.allow_relation(obj, self.instance):
                        raise ValueError(
                            f'Cannot add "{obj!r}": instance is on database '
                            f'"{self.instance._state.db}", value is on database '
                            f'"{obj._state.db}"'
                        )
                    target_id = target_field.get_foreign_related_value(obj)[0]
                    if target_id is None:
                        raise ValueError(
                            f'Cannot add "{obj!r}": the value for field "{target_field_name}" '
                            f"is None"
                        )
                    target_ids.add(target_id)
                elif isinstance(obj, Model):
                    raise TypeError(
                        f"'{self.model._meta.object_name}' instance expected, got {obj!r}"
                    )
                else:
                    target_ids.add(target_field.get_prep_value(obj))
            return target_ids

        def _get_missing_target_ids(self, source_field_name, target_field_name, db, target_ids):
            vals = (
                self.through._default_manager.using(db)
                .values_list(target_field_name, flat=True)
                .filter(
                    **{
                        source_field_name: self.related_val[0],
                        f"{target_field_name}__in": target_ids,
                    }
                )
            )
            return target_ids.difference(vals)

        def _add_items(self, source_field_name, target_field_name, *objs, through_defaults=None):
            if not objs:
                return
            through_defaults = dict(_resolve_callables(through_defaults or {}))
            target_ids = self._get_target_ids(target_field_name, objs)
            db = router.db_for_write(self.through, instance=self.instance)
            missing_target_ids = self._get_missing_target_ids(
                source_field_name, target_field_name, db, target_ids
            )
            with transaction.atomic(using=db, savepoint=False):
                signals.m2m_changed.send(
                    sender=self.through,
                    action="pre_add",
                    instance=self.instance,
                    reverse=self.reverse,
                    model=self.model,
                    pk_set=missing_target_ids,
                    using=db,
                )
                self.through._default_manager.using(db).bulk_create(
                    [
                        self.through(
                            **through_defaults,
                            **{
                                f"{source_field_name}_id": self.related_val[0],
                                f"{target_field_name}_id": target_id,
                            },
                        )
                        for target_id in missing_target_ids
                    ]
                )
                signals.m2m_changed.send(
                    sender=self.through,
                    action="post_add",
                    instance=self.instance,
                    reverse=self.reverse,
                    model=self.model,
                    pk_set=missing_target_ids,
                    using=db,
                )

        def _remove_items(self, source_field_name, target_field_name, *objs):
            if not objs:
                return
            old_ids = set()
            for obj in objs:
                if isinstance(obj, self.model):
                    fk_val = self.target_field.get_foreign_related_value(obj)[0]
                    old_ids.add(fk_val)
                else:
                    old_ids.add(obj)
            db = router.db_for_write(self.through, instance=self.instance)
            with transaction.atomic(using=db, savepoint=False):
                signals.m2m_changed.send(
                    sender=self.through,
                    action="pre_remove",
                    instance=self.instance,
                    reverse=self.reverse,
                    model=self.model,
                    pk_set=old_ids,
                    using=db,
                )
                target_model_qs = super().get_queryset()
                if target_model_qs._has_filters():
                    old_vals = target_model_qs.using(db).filter(
                        **{f"{self.target_field.target_field.attname}__in": old_ids}
                    )
                else:
                    old_vals = old_ids
                filters = self._build_remove_filters(old_vals)
                self.through._default_manager.using(db).filter(filters).delete()
                signals.m2m_changed.send(
                    sender=self.through,
                    action="post_remove",
                    instance=self.instance,
                    reverse=self.reverse,
                    model=self.model,
                    pk_set=old_ids,
                    using=db,
                )

    return ManyRelatedManager


def _resolve_callables(mapping):
    for k, v in mapping.items():
        yield k, v() if callable(v) else v


__all__: list[Any] = []
