"""Cascading deletion: on_delete handlers and the Collector that orders the DELETEs."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import reduce
from itertools import chain
from operator import attrgetter, or_

from framework.db import IntegrityError, connections, transaction
from framework.db.models import signals
from framework.db.models.query_utils import Q


class ProtectedError(IntegrityError):
    """Deleting would cascade to objects protected by on_delete=PROTECT."""

    def __init__(self, msg, protected_objects):
        self.protected_objects = protected_objects
        super().__init__(msg, protected_objects)


class RestrictedError(IntegrityError):
    """Deleting would remove objects guarded by on_delete=RESTRICT."""

    def __init__(self, msg, restricted_objects):
        self.restricted_objects = restricted_objects
        super().__init__(msg, restricted_objects)


def CASCADE(collector, field, sub_objs, using):  # noqa: N802 - Django's names
    """Delete the objects that point at the deleted one."""
    collector.collect(
        sub_objs,
        source=field.remote_field.model,
        source_attr=field.name,
        nullable=field.null,
        fail_on_restricted=False,
    )
    if field.null and not connections[using].features.can_defer_constraint_checks:
        collector.add_field_update(field, None, sub_objs)


def PROTECT(collector, field, sub_objs, using):  # noqa: N802
    """Refuse the deletion (ProtectedError lists the protecting objects)."""
    raise ProtectedError(
        f"Cannot delete some instances of model {field.remote_field.model.__name__!r} "
        f"because they are referenced through protected foreign keys: "
        f"'{sub_objs[0].__class__.__name__}.{field.name}'.",
        set(sub_objs),
    )


def RESTRICT(collector, field, sub_objs, using):  # noqa: N802
    """Refuse unless the objects are deleted anyway through another CASCADE."""
    collector.add_restricted_objects(field, sub_objs)
    collector.add_dependency(field.remote_field.model, field.model)


def SET(value):  # noqa: N802
    """Set the foreign key to ``value`` (or ``value()``)."""
    if callable(value):

        def set_on_delete(collector, field, sub_objs, using):
            collector.add_field_update(field, value(), sub_objs)
    else:

        def set_on_delete(collector, field, sub_objs, using):
            collector.add_field_update(field, value, sub_objs)

    set_on_delete.deconstruct = lambda: ("framework.db.models.SET", (value,), {})
    set_on_delete.lazy_sub_objs = True
    return set_on_delete


def SET_NULL(collector, field, sub_objs, using):  # noqa: N802
    """Set the foreign key to NULL."""
    collector.add_field_update(field, None, sub_objs)


SET_NULL.lazy_sub_objs = True


def SET_DEFAULT(collector, field, sub_objs, using):  # noqa: N802
    """Set the foreign key to its default."""
    collector.add_field_update(field, field.get_default(), sub_objs)


SET_DEFAULT.lazy_sub_objs = True


def DO_NOTHING(collector, field, sub_objs, using):  # noqa: N802
    """Leave the rows; the database's constraint decides."""


def get_candidate_relations_to_delete(opts):
    return (
        f
        for f in opts.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_one or f.one_to_many)
    )


class Collector:
    """Collect everything a deletion reaches, then delete it in dependency order."""

    def __init__(self, using, origin=None):
        self.using = using
        self.origin = origin
        self.data = defaultdict(set)
        self.field_updates = defaultdict(list)
        self.restricted_objects = defaultdict(lambda: defaultdict(set))
        self.fast_deletes = []
        self.dependencies = defaultdict(set)

    def add(self, objs, source=None, nullable=False, reverse_dependency=False):
        if not objs:
            return []
        new_objs = []
        model = objs[0].__class__
        instances = self.data[model]
        for obj in objs:
            if obj not in instances:
                new_objs.append(obj)
        instances.update(new_objs)
        if source is not None and not nullable:
            self.add_dependency(source, model, reverse_dependency=reverse_dependency)
        return new_objs

    def add_dependency(self, model, dependency, reverse_dependency=False):
        if reverse_dependency:
            model, dependency = dependency, model
        self.dependencies[model._meta.concrete_model].add(dependency._meta.concrete_model)
        self.data.setdefault(dependency, self.data.default_factory())

    def add_field_update(self, field, value, objs):
        self.field_updates[field, value].append(objs)

    def add_restricted_objects(self, field, objs):
        if objs:
            model = objs[0].__class__
            self.restricted_objects[model][field].update(objs)

    def clear_restricted_objects_from_set(self, model, objs):
        if model in self.restricted_objects:
            self.restricted_objects[model] = {
                field: items - objs for field, items in self.restricted_objects[model].items()
            }

    def clear_restricted_objects_from_queryset(self, model, qs):
        if model in self.restricted_objects:
            objs = set(
                qs.filter(
                    pk__in=[
                        obj.pk for objs in self.restricted_objects[model].values() for obj in objs
                    ]
                )
            )
            self.clear_restricted_objects_from_set(model, objs)

    def _has_signal_listeners(self, model):
        return signals.pre_delete.has_listeners(model) or signals.post_delete.has_listeners(model)

    def can_fast_delete(self, objs, from_field=None):
        """True if objs can be deleted with one DELETE (no signals, no cascades)."""
        if from_field and from_field.remote_field.on_delete is not CASCADE:
            return False
        if hasattr(objs, "_meta"):
            model = objs._meta.model
        elif hasattr(objs, "model") and hasattr(objs, "_raw_delete"):
            model = objs.model
        else:
            return False
        if self._has_signal_listeners(model):
            return False
        opts = model._meta
        return (
            all(link == from_field for link in opts.concrete_model._meta.parents.values())
            and all(
                related.field.remote_field.on_delete is DO_NOTHING
                for related in get_candidate_relations_to_delete(opts)
            )
            and not any(hasattr(field, "bulk_related_objects") for field in opts.private_fields)
        )

    def get_del_batches(self, objs, fields):
        conn_batch_size = max(connections[self.using].ops.bulk_batch_size(fields, objs), 1)
        if len(objs) > conn_batch_size:
            return [objs[i : i + conn_batch_size] for i in range(0, len(objs), conn_batch_size)]
        return [objs]

    def collect(
        self,
        objs,
        source=None,
        nullable=False,
        collect_related=True,
        source_attr=None,
        reverse_dependency=False,
        keep_parents=False,
        fail_on_restricted=True,
    ):
        """Add objs and, following on_delete, everything that depends on them."""
        if self.can_fast_delete(objs):
            self.fast_deletes.append(objs)
            return
        new_objs = self.add(objs, source, nullable, reverse_dependency=reverse_dependency)
        if not new_objs:
            return
        model = new_objs[0].__class__
        if not keep_parents:
            concrete_model = model._meta.concrete_model
            for ptr in concrete_model._meta.parents.values():
                if ptr:
                    parent_objs = [getattr(obj, ptr.name) for obj in new_objs]
                    self.collect(
                        parent_objs,
                        source=model,
                        source_attr=ptr.remote_field.related_name,
                        collect_related=False,
                        reverse_dependency=True,
                        fail_on_restricted=False,
                    )
        if not collect_related:
            return
        if keep_parents:
            parents = set(model._meta.get_parent_list())
        model_fast_deletes = defaultdict(list)
        protected_objects = defaultdict(list)
        for related in get_candidate_relations_to_delete(model._meta):
            if keep_parents and related.model in parents:
                continue
            field = related.field
            on_delete = field.remote_field.on_delete
            if on_delete is DO_NOTHING:
                continue
            related_model = related.related_model
            if self.can_fast_delete(related_model, from_field=field):
                model_fast_deletes[related_model].append(field)
                continue
            batches = self.get_del_batches(new_objs, [field])
            for batch in batches:
                sub_objs = list(self.related_objects(related_model, [field], batch))
                if not sub_objs:
                    continue
                try:
                    on_delete(self, field, sub_objs, self.using)
                except ProtectedError as error:
                    key = f"'{field.model.__name__}.{field.name}'"
                    protected_objects[key] += error.protected_objects
        if protected_objects:
            raise ProtectedError(
                f"Cannot delete some instances of model {model.__name__!r} because they are "
                f"referenced through protected foreign keys: "
                f"{', '.join(protected_objects)}.",
                set(chain.from_iterable(protected_objects.values())),
            )
        for related_model, related_fields in model_fast_deletes.items():
            batches = self.get_del_batches(new_objs, related_fields)
            for batch in batches:
                sub_objs = self.related_objects(related_model, related_fields, batch)
                self.fast_deletes.append(sub_objs)
        for field in model._meta.private_fields:
            if hasattr(field, "bulk_related_objects"):
                # GenericRelation: the items pointing at new_objs by content type and id.
                sub_objs = field.bulk_related_objects(new_objs, self.using)
                self.collect(sub_objs, source=model, nullable=True, fail_on_restricted=False)
        if fail_on_restricted:
            for related_model, instances in self.data.items():
                self.clear_restricted_objects_from_set(related_model, instances)
            for qs in self.fast_deletes:
                self.clear_restricted_objects_from_queryset(qs.model, qs)
            if self.restricted_objects.values():
                restricted_objects = defaultdict(list)
                for related_model, fields in self.restricted_objects.items():
                    for field, objs in fields.items():
                        if objs:
                            key = f"'{related_model.__name__}.{field.name}'"
                            restricted_objects[key] += objs
                if restricted_objects:
                    raise RestrictedError(
                        f"Cannot delete some instances of model {model.__name__!r} because "
                        f"they are referenced through restricted foreign keys: "
                        f"{', '.join(restricted_objects)}.",
                        set(chain.from_iterable(restricted_objects.values())),
                    )

    def related_objects(self, related_model, related_fields, objs):
        """A queryset of the related_model objects pointing at objs."""
        predicate = reduce(
            or_,
            (Q.create([(f"{related_field.name}__in", objs)]) for related_field in related_fields),
        )
        return related_model._base_manager.using(self.using).filter(predicate)

    def instances_with_model(self):
        for model, instances in self.data.items():
            for obj in instances:
                yield model, obj

    def sort(self):
        sorted_models = []
        concrete_models = set()
        models = list(self.data)
        while len(sorted_models) < len(models):
            found = False
            for model in models:
                if model in sorted_models:
                    continue
                dependencies = self.dependencies.get(model._meta.concrete_model)
                if not (dependencies and dependencies.difference(concrete_models)):
                    sorted_models.append(model)
                    concrete_models.add(model._meta.concrete_model)
                    found = True
            if not found:
                return
        self.data = {model: self.data[model] for model in sorted_models}

    def delete(self):
        """Run the collected deletes; return (total, {model label: count})."""
        for model, instances in self.data.items():
            self.data[model] = sorted(instances, key=attrgetter("pk"))
        self.sort()
        deleted_counter = Counter()
        if len(self.data) == 1 and len(instances) == 1:
            instance = list(instances)[0]
            if self.can_fast_delete(instance):
                with transaction.mark_for_rollback_on_error(self.using):
                    from framework.db.models.sql.subqueries import DeleteQuery

                    count = DeleteQuery(model).delete_batch([instance.pk], self.using)
                setattr(instance, model._meta.pk.attname, None)
                return count, {model._meta.label: count}
        with transaction.atomic(using=self.using, savepoint=False):
            for model, obj in self.instances_with_model():
                if not model._meta.auto_created:
                    signals.pre_delete.send(
                        sender=model, instance=obj, using=self.using, origin=self.origin
                    )
            for qs in self.fast_deletes:
                count = qs._raw_delete(using=self.using)
                if count:
                    deleted_counter[qs.model._meta.label] += count
            for (field, value), instances_list in self.field_updates.items():
                updates = []
                objs = []
                for instances in instances_list:
                    if hasattr(instances, "_raw_delete"):
                        updates.append(instances)
                    else:
                        objs.extend(instances)
                if updates:
                    combined_updates = reduce(or_, updates)
                    combined_updates.update(**{field.name: value})
                if objs:
                    model = objs[0].__class__
                    query = model._base_manager.using(self.using).filter(
                        pk__in=list({obj.pk for obj in objs})
                    )
                    query.update(**{field.name: value})
            for model, instances in self.data.items():
                from framework.db.models.sql.subqueries import DeleteQuery

                query = DeleteQuery(model)
                pk_list = [obj.pk for obj in instances]
                count = query.delete_batch(pk_list, self.using)
                if count:
                    deleted_counter[model._meta.label] += count
                if not model._meta.auto_created:
                    for obj in instances:
                        signals.post_delete.send(
                            sender=model, instance=obj, using=self.using, origin=self.origin
                        )
        for (field, value), instances_list in self.field_updates.items():
            for instances in instances_list:
                if hasattr(instances, "_raw_delete"):
                    continue
                for obj in instances:
                    setattr(obj, field.attname, value)
        for model, instances in self.data.items():
            for instance in instances:
                setattr(instance, model._meta.pk.attname, None)
        return sum(deleted_counter.values()), dict(deleted_counter)
