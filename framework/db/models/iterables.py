"""Row -> result builders for QuerySet evaluation (the hot path).

ModelIterable builds instances with ``object.__new__`` and one ``__dict__.update``
per row; converters run only for the columns that need them.
"""

from __future__ import annotations

import operator
from collections import namedtuple
from itertools import repeat

from framework.db import connections
from framework.db.models import query_utils, signals
from framework.db.models.row_builders import instance_builder, instance_maker
from framework.db.models.sql.compiler import GET_ITERATOR_CHUNK_SIZE, MULTI, convert_row


class BaseIterable:
    def __init__(self, queryset, chunked_fetch=False, chunk_size=GET_ITERATOR_CHUNK_SIZE):
        self.queryset = queryset
        self.chunked_fetch = chunked_fetch
        self.chunk_size = chunk_size


class ModelIterable(BaseIterable):
    """Yield a model instance per row."""

    def __iter__(self):
        queryset = self.queryset
        db = queryset.db
        if not self.chunked_fetch:
            shapes = query_utils.query_shapes()
            if shapes.pristine_queryset(queryset) is not None:
                # Model.objects.all() untouched: its statement is compiled once per connection.
                connection = connections[db]
                plan = shapes.all_rows_plan(queryset.model, connection)
                if plan is None:
                    shapes.store_all_rows_plan(queryset, connection, db)
                else:
                    return iter(shapes.run_all_rows_plan(plan, connection, db))
        compiler = queryset.query.get_compiler(using=db)
        results = compiler.execute_sql(
            MULTI, chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size
        )
        select, klass_info, annotation_col_map = (
            compiler.select,
            compiler.klass_info,
            compiler.annotation_col_map,
        )
        model_cls = klass_info["model"]
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        related_populators = get_related_populators(klass_info, select, db)
        known_related_objects = [
            (field, related_objs, operator.attrgetter(field.attname))
            for field, related_objs in queryset._known_related_objects.items()
        ]
        converters = list(
            compiler.get_converters([s[0] for s in select[: compiler.col_count]]).items()
        )
        post_init, pre_init = signals.post_init, signals.pre_init
        send_post_init = bool(post_init.receivers) and post_init.has_listeners(model_cls)
        send_pre_init = bool(pre_init.receivers) and pre_init.has_listeners(model_cls)
        whole_row = start == 0 and end == compiler.col_count
        annotations = list(annotation_col_map.items())
        connection = compiler.connection

        def convert(row):
            return convert_row(row, converters, connection)

        def build_simple(rows):
            # The common case: no signals, joins, annotations or known objects.
            if converters:
                rows = [convert(row) for row in rows]
            return build_instances(rows, db)

        make = instance_maker(model_cls, init_list, start)

        def build(rows):
            objs = []
            append = objs.append
            for row in rows:
                if converters:
                    row = convert(row)
                if send_pre_init:
                    pre_init.send(sender=model_cls, args=(), kwargs={})
                obj = make(row, db)
                if send_post_init:
                    post_init.send(sender=model_cls, instance=obj)
                if related_populators:
                    for rel_populator in related_populators:
                        rel_populator.populate(row, obj)
                if annotations:
                    data = obj.__dict__
                    for attr_name, col_pos in annotations:
                        data[attr_name] = row[col_pos]
                for field, rel_objs, rel_getter in known_related_objects:
                    if field.is_cached(obj):
                        continue
                    rel_obj_id = rel_getter(obj)
                    try:
                        rel_obj = rel_objs[rel_obj_id]
                    except KeyError:
                        pass
                    else:
                        field.set_cached_value(obj, rel_obj)
                append(obj)
            return objs

        if not (
            send_pre_init
            or send_post_init
            or related_populators
            or annotations
            or known_related_objects
            or not whole_row
        ):
            build_instances = instance_builder(model_cls, init_list)
            build = build_simple
        if self.chunked_fetch:
            return _built_chunks(results, build)
        objs = []
        for chunk in results:
            objs.extend(build(chunk))
        return iter(objs)


def _built_chunks(results, build):
    for chunk in results:
        yield from build(chunk)


class RawModelIterable(BaseIterable):
    """Yield instances from ``Manager.raw()`` rows; extra columns become attributes."""

    def __iter__(self):
        query = self.queryset.query
        db = self.queryset.db
        model = self.queryset.model
        query_iter = iter(query)
        columns = self.queryset.columns
        model_init_names, model_init_pos, annotation_fields = (
            self.queryset.resolve_model_init_order()
        )
        if model._meta.pk.attname not in model_init_names:
            from framework.core.exceptions import FieldDoesNotExist

            raise FieldDoesNotExist("Raw query must include the primary key")
        fields = [self.queryset.model_fields.get(c) for c in columns]
        from framework.db import connections

        compiler = connections[db].ops.compiler("SQLCompiler")(
            self.queryset.query_model(), connections[db], db
        )
        converters = compiler.get_converters(
            [f.get_col(f.model._meta.db_table) if f else None for f in fields]
        )
        if converters:
            query_iter = compiler.apply_converters(query_iter, converters)
        for values in query_iter:
            model_init_values = [values[pos] for pos in model_init_pos]
            instance = model.from_db(db, model_init_names, model_init_values)
            for column, pos in annotation_fields:
                setattr(instance, column, values[pos])
            yield instance


class ValuesIterable(BaseIterable):
    """Yield a dict per row (``values()``)."""

    def __iter__(self):
        queryset = self.queryset
        query = queryset.query
        compiler = query.get_compiler(queryset.db)
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        rows = compiler.results_iter(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size)
        # map() keeps the per-row work in C; a repeated name keeps its last column.
        dicts = map(dict, map(zip, repeat(names), rows))
        return dicts if self.chunked_fetch else iter(list(dicts))


class ValuesListIterable(BaseIterable):
    """Yield a tuple per row (``values_list()``), in the requested field order."""

    def __iter__(self):
        queryset = self.queryset
        query = queryset.query
        compiler = query.get_compiler(queryset.db)
        if queryset._fields:
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
            fields = [
                *queryset._fields,
                *(f for f in query.annotation_select if f not in queryset._fields),
            ]
            if fields != names:
                index_map = {name: idx for idx, name in enumerate(names)}
                rowfactory = operator.itemgetter(*[index_map[f] for f in fields])
                return map(
                    rowfactory if len(fields) > 1 else lambda r: (rowfactory(r),),
                    compiler.results_iter(
                        chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size
                    ),
                )
        return compiler.results_iter(
            tuple_expected=True, chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size
        )


class NamedValuesListIterable(ValuesListIterable):
    """Yield a namedtuple per row (``values_list(named=True)``)."""

    def __iter__(self):
        queryset = self.queryset
        if queryset._fields:
            names = queryset._fields
        else:
            query = queryset.query
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
        tuple_class = create_namedtuple_class(*names)
        new = tuple.__new__
        for row in super().__iter__():
            yield new(tuple_class, row)


_namedtuple_cache: dict = {}


def create_namedtuple_class(*names):
    try:
        return _namedtuple_cache[names]
    except KeyError:
        cls = _namedtuple_cache[names] = namedtuple("Row", names)
        return cls


class FlatValuesListIterable(BaseIterable):
    """Yield single values (``values_list(flat=True)``)."""

    def __iter__(self):
        queryset = self.queryset
        compiler = queryset.query.get_compiler(queryset.db)
        for row in compiler.results_iter(
            chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size
        ):
            yield row[0]


class RelatedPopulator:
    """Build the select_related() object of one klass_info from a row slice."""

    def __init__(self, klass_info, select, db):
        self.db = db
        select_fields = klass_info["select_fields"]
        self.cols_start = select_fields[0]
        self.cols_end = select_fields[-1] + 1
        self.init_list = [f[0].target.attname for f in select[self.cols_start : self.cols_end]]
        self.reorder_for_init = None
        self.model_cls = klass_info["model"]
        self.pk_idx = self.init_list.index(self.model_cls._meta.pk.attname)
        self.related_populators = get_related_populators(klass_info, select, self.db)
        self.local_setter = klass_info["local_setter"]
        self.remote_setter = klass_info["remote_setter"]
        self.make = instance_maker(self.model_cls, self.init_list, self.cols_start)

    def populate(self, row, from_obj):
        if row[self.cols_start + self.pk_idx] is None:
            obj = None
        else:
            obj = self.make(row, self.db)
            for rel_iter in self.related_populators:
                rel_iter.populate(row, obj)
        self.local_setter(from_obj, obj)
        if obj is not None:
            self.remote_setter(obj, from_obj)


def get_related_populators(klass_info, select, db):
    iterators = []
    related_klass_infos = klass_info.get("related_klass_infos", [])
    for rel_klass_info in related_klass_infos:
        iterators.append(RelatedPopulator(rel_klass_info, select, db))
    return iterators
