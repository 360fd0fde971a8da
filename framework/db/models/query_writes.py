"""QuerySet methods that write: create, bulk operations, update, delete."""

from __future__ import annotations

from framework.core.exceptions import FieldDoesNotExist, FieldError
from framework.db import IntegrityError, connections, transaction
from framework.db.models import query_shapes, sql
from framework.db.models.constants import LOOKUP_SEP, OnConflict
from framework.db.models.expressions import Case, Value, When
from framework.db.models.sql.constants import CURSOR


def _resolve_callables(mapping):
    for k, v in mapping.items():
        yield k, v() if callable(v) else v


class QuerySetWriteMixin:
    """The writing half of QuerySet (kept apart from the reading, chaining half)."""

    def create(self, **kwargs):
        """Create, save and return an object."""
        reverse_one_to_one_fields = frozenset(kwargs).intersection(
            self.model._meta._reverse_one_to_one_field_names
        )
        if reverse_one_to_one_fields:
            raise ValueError(
                "The following fields do not exist in this model: "
                f"{', '.join(reverse_one_to_one_fields)}"
            )
        obj = self.model(**kwargs)
        self._for_write = True
        obj.save(force_insert=True, using=self.db)
        return obj

    create.alters_data = True

    def _prepare_for_bulk_create(self, objs):
        from framework.db.models.expressions import DatabaseDefault
        from framework.db.models.fields.base import NOT_PROVIDED, _get_pk_value_on_save

        pks: dict = {}
        for obj in objs:
            found = pks.get(type(obj))
            if found is None:
                pk = obj._meta.pk
                # An auto pk without a default (the usual case) gets no value here.
                plain = type(pk).get_pk_value_on_save is _get_pk_value_on_save and (
                    pk.default is NOT_PROVIDED or pk.default is None
                )
                found = pks[type(obj)] = (pk, pk.attname, plain)
            pk, attname, plain = found
            value = obj.__dict__.get(attname) if plain else getattr(obj, attname)
            if value is None:
                if not plain:
                    value = pk.get_pk_value_on_save(obj)
                    # Setting None again would change nothing (bulk_create refuses
                    # multi-table models, whose parent links the pk setter also writes).
                    if value is not None:
                        obj.pk = value
            elif isinstance(value, DatabaseDefault):
                obj.pk = None
            # Only a cached related object can need fixing up (or be unsaved).
            if obj._state.__dict__.get("fields_cache"):
                obj._prepare_related_fields_for_save(operation_name="bulk_create")

    def _check_bulk_create_options(
        self, ignore_conflicts, update_conflicts, update_fields, unique_fields
    ):
        if ignore_conflicts and update_conflicts:
            raise ValueError("ignore_conflicts and update_conflicts are mutually exclusive.")
        db_features = connections[self.db].features
        if ignore_conflicts:
            return OnConflict.IGNORE
        if update_conflicts:
            if not update_fields:
                raise ValueError(
                    "Fields that will be updated when a row insertion fails on "
                    "conflicts must be provided."
                )
            if not unique_fields and db_features.supports_update_conflicts_with_target:
                raise ValueError("Unique fields that can trigger the upsert must be provided.")
            if any(not f.concrete or f.many_to_many for f in update_fields):
                raise ValueError(
                    "bulk_create() can only be used with concrete fields in update_fields."
                )
            if any(f.primary_key for f in update_fields):
                raise ValueError("bulk_create() cannot be used with primary keys in update_fields.")
            return OnConflict.UPDATE
        return None

    def bulk_create(
        self,
        objs,
        batch_size=None,
        ignore_conflicts=False,
        update_conflicts=False,
        update_fields=None,
        unique_fields=None,
    ):
        """Insert objects in batches (multi-row INSERT); sets pks where the backend can."""
        if batch_size is not None and batch_size <= 0:
            raise ValueError("Batch size must be a positive integer.")
        for parent in self.model._meta.get_parent_list():
            if parent._meta.concrete_model is not self.model._meta.concrete_model:
                raise ValueError("Can't bulk create a multi-table inherited model")
        if not objs:
            return objs
        opts = self.model._meta
        if unique_fields:
            unique_fields = [opts.pk.name if name == "pk" else name for name in unique_fields]
        if update_fields:
            update_fields = [opts.get_field(name) for name in update_fields]
        if unique_fields:
            unique_fields = [opts.get_field(name) for name in unique_fields]
        on_conflict = self._check_bulk_create_options(
            ignore_conflicts, update_conflicts, update_fields, unique_fields
        )
        self._for_write = True
        fields = [f for f in opts.concrete_fields]
        objs = list(objs)
        self._prepare_for_bulk_create(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            objs_with_pk, objs_without_pk = [], []
            pk_attname = opts.pk.attname
            for obj in objs:
                has_pk = getattr(obj, pk_attname) is not None
                (objs_with_pk if has_pk else objs_without_pk).append(obj)
            if objs_with_pk:
                returned_columns = self._batched_insert(
                    objs_with_pk,
                    fields,
                    batch_size,
                    on_conflict=on_conflict,
                    update_fields=update_fields,
                    unique_fields=unique_fields,
                )
                for obj_with_pk, results in zip(objs_with_pk, returned_columns):
                    for result, field in zip(results, opts.db_returning_fields):
                        if field != opts.pk:
                            setattr(obj_with_pk, field.attname, result)
                db = self.db
                for obj_with_pk in objs_with_pk:
                    obj_with_pk._state.adding = False
                    obj_with_pk._state.db = db
            if objs_without_pk:
                fields = [f for f in fields if f is not opts.auto_field]
                returned_columns = self._batched_insert(
                    objs_without_pk,
                    fields,
                    batch_size,
                    on_conflict=on_conflict,
                    update_fields=update_fields,
                    unique_fields=unique_fields,
                )
                connection = connections[self.db]
                if connection.features.can_return_rows_from_bulk_insert and on_conflict is None:
                    assert len(returned_columns) == len(objs_without_pk)
                db = self.db
                attnames = [field.attname for field in opts.db_returning_fields]
                for obj_without_pk, results in zip(objs_without_pk, returned_columns):
                    for result, attname in zip(results, attnames):
                        setattr(obj_without_pk, attname, result)
                    state = obj_without_pk._state
                    state.adding = False
                    state.db = db
        return objs

    bulk_create.alters_data = True

    def bulk_update(self, objs, fields, batch_size=None):
        """UPDATE the given fields of many objects with CASE WHEN pk = ... statements."""
        if batch_size is not None and batch_size <= 0:
            raise ValueError("Batch size must be a positive integer.")
        if not fields:
            raise ValueError("Field names must be given to bulk_update().")
        objs = tuple(objs)
        if any(obj.pk is None for obj in objs):
            raise ValueError("All bulk_update() objects must have a primary key set.")
        fields = [self.model._meta.get_field(name) for name in fields]
        if any(not f.concrete or f.many_to_many for f in fields):
            raise ValueError("bulk_update() can only be used with concrete fields.")
        if any(f.primary_key for f in fields):
            raise ValueError("bulk_update() cannot be used with primary key fields.")
        if not objs:
            return 0
        for obj in objs:
            obj._prepare_related_fields_for_save(operation_name="bulk_update", fields=fields)
        self._for_write = True
        connection = connections[self.db]
        max_batch_size = connection.ops.bulk_batch_size(["pk", "pk"] + fields, objs)
        batch_size = min(batch_size, max_batch_size) if batch_size else max_batch_size
        batches = (objs[i : i + batch_size] for i in range(0, len(objs), batch_size))
        updates = []
        for batch_objs in batches:
            update_kwargs = {}
            for field in fields:
                when_statements = []
                for obj in batch_objs:
                    attr = getattr(obj, field.attname)
                    if not hasattr(attr, "resolve_expression"):
                        attr = Value(attr, output_field=field)
                    when_statements.append(When(pk=obj.pk, then=attr))
                case_statement = Case(*when_statements, output_field=field)
                update_kwargs[field.attname] = case_statement
            updates.append(([obj.pk for obj in batch_objs], update_kwargs))
        rows_updated = 0
        queryset = self.using(self.db)
        with transaction.atomic(using=self.db, savepoint=False):
            for pks, update_kwargs in updates:
                rows_updated += queryset.filter(pk__in=pks).update(**update_kwargs)
        return rows_updated

    bulk_update.alters_data = True

    def get_or_create(self, defaults=None, **kwargs):
        """Return (object, created): look up, or create with ``defaults`` added."""
        self._for_write = True
        try:
            return self.get(**kwargs), False
        except self.model.DoesNotExist:
            params = self._extract_model_params(defaults, **kwargs)
            try:
                with transaction.atomic(using=self.db):
                    params = dict(_resolve_callables(params))
                    return self.create(**params), True
            except IntegrityError:
                try:
                    return self.get(**kwargs), False
                except self.model.DoesNotExist:
                    pass
                raise

    get_or_create.alters_data = True

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        """Return (object, created): update with ``defaults`` or create."""
        update_defaults = defaults or {}
        if create_defaults is None:
            create_defaults = update_defaults
        self._for_write = True
        with transaction.atomic(using=self.db):
            obj, created = self.select_for_update().get_or_create(create_defaults, **kwargs)
            if created:
                return obj, created
            for k, v in _resolve_callables(update_defaults):
                setattr(obj, k, v)
            update_fields = set(update_defaults)
            concrete_field_names = self.model._meta._non_pk_concrete_field_names
            if update_fields.issubset(concrete_field_names):
                # Fields that compute their value on save (auto_now) must be written too.
                for field in self.model._meta.local_concrete_fields:
                    if getattr(field, "auto_now", False):
                        update_fields.add(field.name)
                obj.save(using=self.db, update_fields=update_fields)
            else:
                obj.save(using=self.db)
        return obj, False

    update_or_create.alters_data = True

    def _extract_model_params(self, defaults, **kwargs):
        defaults = defaults or {}
        params = {k: v for k, v in kwargs.items() if LOOKUP_SEP not in k}
        params.update(defaults)
        property_names = self.model._meta._property_names
        invalid_params = []
        for param in params:
            try:
                self.model._meta.get_field(param)
            except FieldDoesNotExist:
                if param not in property_names:
                    invalid_params.append(param)
        if invalid_params:
            raise FieldError(
                "Invalid field name(s) for model {}: '{}'.".format(
                    self.model._meta.object_name, "', '".join(sorted(invalid_params))
                )
            )
        return params

    def delete(self):
        """Delete the rows (and what cascades); return (count, {label: count})."""
        from framework.db.models.deletion import Collector

        if self.query.is_sliced:
            raise TypeError("Cannot use 'limit' or 'offset' with delete().")
        if self.query.distinct_fields:
            raise TypeError("Cannot call delete() after .distinct(*fields).")
        if self._fields is not None:
            raise TypeError("Cannot call delete() after .values() or .values_list()")
        del_query = self._chain()
        del_query._for_write = True
        del_query.query.select_for_update = False
        del_query.query.select_related = False
        del_query.query.clear_ordering(force=True)
        collector = Collector(using=del_query.db, origin=self)
        collector.collect(del_query)
        deleted, _rows_count = collector.delete()
        self._result_cache = None
        return deleted, _rows_count

    delete.alters_data = True
    delete.queryset_only = True

    def _raw_delete(self, using):
        query = self.query.clone()
        query.__class__ = sql.DeleteQuery
        return query.get_compiler(using).execute_sql("cursor_rowcount") or 0

    _raw_delete.alters_data = True

    def update(self, **kwargs):
        """UPDATE the rows with ``kwargs`` (values or expressions); return the row count."""
        if (
            kwargs
            and self._deferred_filter is not None
            and self._pk_filter_value is not query_shapes.NOT_CACHED
        ):
            self._for_write = True
            db = self.db
            try:
                rows = query_shapes.pk_update(self.model, db, self._pk_filter_value, kwargs)
            except Exception as exc:
                transaction.flag_rollback_on_error(db, exc)
                raise
            if rows is not None:
                self._result_cache = None
                return rows
        if self.query.is_sliced:
            raise TypeError("Cannot update a query once a slice has been taken.")
        self._for_write = True
        query = self.query.chain(sql.UpdateQuery)
        query.add_update_values(kwargs)
        new_order_by = []
        for col in query.order_by:
            new_order_by.append(col)
        query.order_by = tuple(new_order_by)
        query.annotations = {}
        with transaction.mark_for_rollback_on_error(using=self.db):
            rows = query.get_compiler(self.db).execute_sql(CURSOR)
        self._result_cache = None
        return rows

    update.alters_data = True

    def _update(self, values):
        if self.query.is_sliced:
            raise TypeError("Cannot update a query once a slice has been taken.")
        query = self.query.chain(sql.UpdateQuery)
        query.add_update_fields(values)
        query.annotations = {}
        self._result_cache = None
        return query.get_compiler(self.db).execute_sql(CURSOR)

    _update.alters_data = True
    _update.queryset_only = False

    def _insert(
        self,
        objs,
        fields,
        returning_fields=None,
        raw=False,
        using=None,
        on_conflict=None,
        update_fields=None,
        unique_fields=None,
    ):
        self._for_write = True
        if using is None:
            using = self.db
        query = sql.InsertQuery(
            self.model,
            on_conflict=on_conflict,
            update_fields=update_fields,
            unique_fields=unique_fields,
        )
        query.insert_values(fields, objs, raw=raw)
        return query.get_compiler(using=using).execute_sql(returning_fields)

    _insert.alters_data = True
    _insert.queryset_only = False

    def _batched_insert(
        self, objs, fields, batch_size, on_conflict=None, update_fields=None, unique_fields=None
    ):
        connection = connections[self.db]
        ops = connection.ops
        max_batch_size = max(ops.bulk_batch_size(fields, objs), 1)
        batch_size = min(batch_size, max_batch_size) if batch_size else max_batch_size
        inserted_rows = []
        bulk_return = connection.features.can_return_rows_from_bulk_insert
        for item in [objs[i : i + batch_size] for i in range(0, len(objs), batch_size)]:
            if bulk_return and on_conflict is None:
                inserted_rows.extend(
                    self._insert(
                        item,
                        fields=fields,
                        using=self.db,
                        returning_fields=self.model._meta.db_returning_fields,
                    )
                )
            else:
                self._insert(
                    item,
                    fields=fields,
                    using=self.db,
                    on_conflict=on_conflict,
                    update_fields=update_fields,
                    unique_fields=unique_fields,
                )
        return inserted_rows
