"""QuerySet: lazy, chainable, cached access to a model's rows."""

from __future__ import annotations

import copy
from itertools import chain, islice

from framework.core.exceptions import EmptyResultSet, FieldDoesNotExist
from framework.db import connections, router
from framework.db.models import filter_shapes, query_shapes, sql
from framework.db.models.constants import LOOKUP_SEP
from framework.db.models.expressions import F
from framework.db.models.iterables import (
    FlatValuesListIterable,
    ModelIterable,
    NamedValuesListIterable,
    ValuesIterable,
    ValuesListIterable,
)
from framework.db.models.prefetch import Prefetch, prefetch_related_objects
from framework.db.models.query_shapes import NOT_CACHED
from framework.db.models.query_utils import FilteredRelation, Q
from framework.db.models.query_writes import QuerySetWriteMixin
from framework.db.models.sql.constants import GET_ITERATOR_CHUNK_SIZE
from framework.db.utils import NotSupportedError
from framework.utils.deferred import lazy_module

# Imported on first use (they import this module): dates() and datetimes() need them.
_functions = lazy_module("framework.db.models.functions")
_fields = lazy_module("framework.db.models.fields")

# How many results __repr__ shows.
REPR_OUTPUT_SIZE = 20
MAX_GET_RESULTS = 21

__all__ = ["EmptyQuerySet", "Prefetch", "QuerySet", "RawQuerySet", "prefetch_related_objects"]


def _refuse_q_kwargs(kwargs: dict) -> None:
    # Keyword dicts often come from the client: Q's own keywords must not pass through.
    invalid = ", ".join(repr(k) for k in ("_connector", "_negated") if k in kwargs)
    raise TypeError(
        f"The following kwargs are invalid: {invalid}; build a Q object to combine conditions."
    )


class QuerySet(QuerySetWriteMixin):
    """A lazy database lookup for a set of objects; each method returns a new QuerySet."""

    # The value of a pending filter(pk=value) (see _filter_or_exclude); meaningful only
    # while _deferred_filter is still set.
    _pk_filter_value = query_shapes.NOT_CACHED
    # Likewise the shape of a pending simple filter(field=value, ...) (filter_shapes).
    _filter_shape = None

    def __init__(self, model=None, query=None, using=None, hints=None):
        self.model = model
        self._db = using
        self._hints = hints or {}
        if query is not None:
            self._query = query
        # else the Query is built on first use (__getattr__): Model.objects.filter(pk=1)
        # .update() or .exists() runs a kept statement and never needs one.
        self._result_cache = None
        self._sticky_filter = False
        self._for_write = False
        self._prefetch_related_lookups = ()
        self._prefetch_done = False
        self._known_related_objects = {}
        self._iterable_class = ModelIterable
        self._fields = None
        self._defer_next_filter = False
        self._deferred_filter = None

    @property
    def query(self):
        if self._deferred_filter:
            negate, args, kwargs = self._deferred_filter
            self._filter_or_exclude_inplace(negate, args, kwargs)
            self._deferred_filter = None
            self.__dict__.pop("_filter_shape", None)
        return self._query

    @query.setter
    def query(self, value):
        if value.values_select:
            self._iterable_class = ValuesIterable
        self._query = value

    def as_manager(cls):
        """A Manager whose QuerySet is this class (``objects = MyQuerySet.as_manager()``)."""
        from framework.db.models.manager import Manager

        manager = Manager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True
    as_manager = classmethod(as_manager)

    # -- Python protocols --

    def __getattr__(self, name):
        # Reached only for attributes the instance lacks.
        if name == "_query":
            query = self.__dict__["_query"] = sql.Query(self.model)
            return query
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __deepcopy__(self, memo):
        obj = self.__class__()
        for k, v in self.__dict__.items():
            if k == "_result_cache":
                obj.__dict__[k] = None
            else:
                obj.__dict__[k] = copy.deepcopy(v, memo)
        return obj

    def __getstate__(self):
        self._fetch_all()
        return {**self.__dict__, "_framework_version": 1}

    def __setstate__(self, state):
        state.pop("_framework_version", None)
        self.__dict__.update(state)

    def __repr__(self):
        data = list(self[: REPR_OUTPUT_SIZE + 1])
        if len(data) > REPR_OUTPUT_SIZE:
            data[-1] = "...(remaining elements truncated)..."
        return f"<{self.__class__.__name__} {data!r}>"

    def __len__(self):
        self._fetch_all()
        return len(self._result_cache)

    def __iter__(self):
        self._fetch_all()
        return iter(self._result_cache)

    def __bool__(self):
        self._fetch_all()
        return bool(self._result_cache)

    def __getitem__(self, k):
        """Index or slice; slicing an unevaluated QuerySet adds LIMIT/OFFSET."""
        if not isinstance(k, (int, slice)):
            raise TypeError(f"QuerySet indices must be integers or slices, not {type(k).__name__}.")
        if (isinstance(k, int) and k < 0) or (
            isinstance(k, slice)
            and ((k.start is not None and k.start < 0) or (k.stop is not None and k.stop < 0))
        ):
            raise ValueError("Negative indexing is not supported.")
        if self._result_cache is not None:
            return self._result_cache[k]
        if isinstance(k, slice):
            qs = self._chain()
            start = int(k.start) if k.start is not None else None
            stop = int(k.stop) if k.stop is not None else None
            qs.query.set_limits(start, stop)
            return list(qs)[:: k.step] if k.step else qs
        qs = self._chain()
        qs.query.set_limits(k, k + 1)
        qs._fetch_all()
        return qs._result_cache[0]

    def __class_getitem__(cls, *args, **kwargs):
        return cls

    def __and__(self, other):
        self._check_operator_queryset(other, "&")
        self._merge_sanity_check(other)
        if isinstance(other, EmptyQuerySet):
            return other
        if isinstance(self, EmptyQuerySet):
            return self
        combined = self._chain()
        combined._merge_known_related_objects(other)
        combined.query.combine(other.query, sql.AND)
        return combined

    def __or__(self, other):
        self._check_operator_queryset(other, "|")
        self._merge_sanity_check(other)
        if isinstance(self, EmptyQuerySet):
            return other
        if isinstance(other, EmptyQuerySet):
            return self
        query = (
            self
            if self.query.can_filter()
            else self.model._base_manager.filter(pk__in=self.values("pk"))
        )
        combined = query._chain()
        combined._merge_known_related_objects(other)
        if not other.query.can_filter():
            other = other.model._base_manager.filter(pk__in=other.values("pk"))
        combined.query.combine(other.query, sql.OR)
        return combined

    def __xor__(self, other):
        self._check_operator_queryset(other, "^")
        self._merge_sanity_check(other)
        if isinstance(self, EmptyQuerySet):
            return other
        if isinstance(other, EmptyQuerySet):
            return self
        query = (
            self
            if self.query.can_filter()
            else self.model._base_manager.filter(pk__in=self.values("pk"))
        )
        combined = query._chain()
        combined._merge_known_related_objects(other)
        if not other.query.can_filter():
            other = other.model._base_manager.filter(pk__in=other.values("pk"))
        combined.query.combine(other.query, sql.XOR)
        return combined

    # -- methods that do database queries --

    def _iterator(self, use_chunked_fetch, chunk_size):
        iterable = self._iterable_class(
            self, chunked_fetch=use_chunked_fetch, chunk_size=chunk_size or GET_ITERATOR_CHUNK_SIZE
        )
        if not self._prefetch_related_lookups or chunk_size is None:
            yield from iterable
            return
        iterator = iter(iterable)
        while results := list(islice(iterator, chunk_size)):
            prefetch_related_objects(results, *self._prefetch_related_lookups)
            yield from results

    def iterator(self, chunk_size=None):
        """Stream results without caching (a server-side cursor on PostgreSQL)."""
        if chunk_size is None:
            if self._prefetch_related_lookups:
                raise ValueError(
                    "chunk_size must be provided when using QuerySet.iterator() after "
                    "prefetch_related()."
                )
        elif chunk_size <= 0:
            raise ValueError("Chunk size must be strictly positive.")
        use_chunked_fetch = not connections[self.db].settings_dict.get(
            "DISABLE_SERVER_SIDE_CURSORS"
        )
        return self._iterator(use_chunked_fetch, chunk_size)

    def aggregate(self, *args, **kwargs):
        """Return a dict of aggregate values over the QuerySet."""
        if self.query.distinct_fields:
            raise NotImplementedError("aggregate() + distinct(fields) not implemented.")
        self._validate_values_are_expressions((*args, *kwargs.values()), method_name="aggregate")
        for arg in args:
            try:
                kwargs[arg.default_alias] = arg
            except (AttributeError, TypeError):
                raise TypeError("Complex aggregates require an alias") from None
        for alias in kwargs:
            self.query.check_alias(alias)
        for alias, expr in kwargs.items():
            if not getattr(expr, "contains_aggregate", False):
                raise TypeError(f"{alias} is not an aggregate expression")
        return self.query.chain().get_aggregation(self.db, kwargs)

    def count(self):
        """SELECT COUNT(*) (or the length of the cache if evaluated)."""
        if self._result_cache is not None:
            return len(self._result_cache)
        if self._deferred_filter is not None and self._filter_shape is not None:
            db = self.db
            return filter_shapes.count(self, self._filter_shape, connections[db], db)
        return self.query.get_count(using=self.db)

    def get(self, *args, **kwargs):
        """The single matching object; DoesNotExist or MultipleObjectsReturned otherwise."""
        pk_value = query_shapes.pk_lookup_value(self, args, kwargs)
        if pk_value is not query_shapes.NOT_CACHED:
            db = self.db
            connection = connections[db]
            plan = query_shapes.valid_plan(connection, "get", self.model)
            if plan is not None:
                return self._get_result(query_shapes.run_plan(plan, pk_value, connection, db))
        if self.query.combinator and (args or kwargs):
            raise NotSupportedError(
                f"Calling QuerySet.get(...) with filters after {self.query.combinator}() is "
                f"not supported."
            )
        if self.query.combinator:
            clone = self._chain()
        else:
            if (args or kwargs) and self.query.is_sliced:
                raise TypeError("Cannot filter a query once a slice has been taken.")
            # One clone, filtered and unordered in place (get() is a hot path).
            clone = self._chain()
            if args or kwargs:
                clone._filter_or_exclude_inplace(False, args, kwargs)
        if self.query.can_filter() and not self.query.distinct_fields:
            clone.query.clear_ordering(force=True, clear_default=True)
        limit = None
        if (
            not clone.query.select_for_update
            or connections[clone.db].features.supports_select_for_update
        ):
            limit = MAX_GET_RESULTS
            clone.query.set_limits(high=limit)
        num = len(clone)
        if pk_value is not query_shapes.NOT_CACHED:
            self._store_get_plan(clone, pk_value)
        if num == 1:
            return clone._result_cache[0]
        return self._get_result(clone._result_cache, limit)

    def _store_get_plan(self, clone, pk_value):
        db = clone.db
        connection = connections[db]
        compiler = clone.query.get_compiler(db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return
        query_shapes.store_plan(self.model, connection, compiler, sql, params, pk_value)

    def _get_result(self, results, limit=MAX_GET_RESULTS):
        num = len(results)
        if num == 1:
            return results[0]
        if not num:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist."
            )
        raise self.model.MultipleObjectsReturned(
            "get() returned more than one {} -- it returned {}!".format(
                self.model._meta.object_name,
                num if not limit or num < limit else f"more than {limit - 1}",
            )
        )

    def _earliest(self, *fields):
        if fields:
            order_by = fields
        else:
            order_by = self.model._meta.get_latest_by
            if order_by and not isinstance(order_by, (tuple, list)):
                order_by = (order_by,)
        if order_by is None:
            raise ValueError(
                "earliest() and latest() require either fields as positional arguments or "
                "'get_latest_by' in the model's Meta."
            )
        obj = self._chain()
        obj.query.set_limits(high=1)
        obj.query.clear_ordering(force=True)
        obj.query.add_ordering(*order_by)
        return obj.get()

    def earliest(self, *fields):
        """The first object by ``fields`` (or Meta.get_latest_by)."""
        if self.query.is_sliced:
            raise TypeError("Cannot change a query once a slice has been taken.")
        return self._earliest(*fields)

    def latest(self, *fields):
        """The last object by ``fields`` (or Meta.get_latest_by)."""
        if self.query.is_sliced:
            raise TypeError("Cannot change a query once a slice has been taken.")
        return self.reverse()._earliest(*fields)

    def first(self):
        """The first object (ordered by pk if unordered), or None."""
        if self.ordered:
            queryset = self
        else:
            self._check_ordering_first_last_queryset_aggregation(method="first")
            queryset = self.order_by("pk")
        for obj in queryset[:1]:
            return obj
        return None

    def last(self):
        """The last object (ordered by pk if unordered), or None."""
        if self.ordered:
            queryset = self.reverse()
        else:
            self._check_ordering_first_last_queryset_aggregation(method="last")
            queryset = self.order_by("-pk")
        for obj in queryset[:1]:
            return obj
        return None

    def in_bulk(self, id_list=None, *, field_name="pk"):
        """A dict mapping ``field_name`` values to objects."""
        if self.query.is_sliced:
            raise TypeError("Cannot use 'limit' or 'offset' with in_bulk().")
        opts = self.model._meta
        unique_fields = [
            constraint.fields[0]
            for constraint in opts.total_unique_constraints
            if len(constraint.fields) == 1
        ]
        if (
            field_name != "pk"
            and not opts.get_field(field_name).unique
            and field_name not in unique_fields
            and self.query.distinct_fields != (field_name,)
        ):
            raise ValueError(
                f"in_bulk()'s field_name must be a unique field but {field_name!r} isn't."
            )
        if id_list is not None:
            if not id_list:
                return {}
            filter_key = f"{field_name}__in"
            batch_size = connections[self.db].features.max_query_params
            id_list = tuple(id_list)
            if batch_size and batch_size < len(id_list):
                qs = ()
                for offset in range(0, len(id_list), batch_size):
                    batch = id_list[offset : offset + batch_size]
                    qs += tuple(self.filter(**{filter_key: batch}))
            else:
                qs = self.filter(**{filter_key: id_list})
        else:
            qs = self._chain()
        return {getattr(obj, field_name if field_name != "pk" else "pk"): obj for obj in qs}

    def exists(self):
        """True if the QuerySet has any row (SELECT 1 ... LIMIT 1)."""
        if self._result_cache is None:
            if self._deferred_filter is not None and self._pk_filter_value is not NOT_CACHED:
                db = self.db
                found = query_shapes.pk_exists(
                    self.model, connections[db], db, self._pk_filter_value
                )
                if found is not None:
                    return found
            if self._deferred_filter is not None and self._filter_shape is not None:
                db = self.db
                return filter_shapes.exists(self, self._filter_shape, connections[db], db)
            return self.query.has_results(using=self.db)
        return bool(self._result_cache)

    def contains(self, obj):
        """True if ``obj`` is in the QuerySet."""
        if self._fields is not None:
            raise TypeError("Cannot call QuerySet.contains() after .values() or .values_list().")
        try:
            if obj._meta.concrete_model != self.model._meta.concrete_model:
                return False
        except AttributeError:
            raise TypeError("'obj' must be a model instance.") from None
        if obj.pk is None:
            raise ValueError("QuerySet.contains() cannot be used on unsaved objects.")
        if self._result_cache is not None:
            return obj in self._result_cache
        return self.filter(pk=obj.pk).exists()

    def _prefetch_related_objects(self):
        prefetch_related_objects(self._result_cache, *self._prefetch_related_lookups)
        self._prefetch_done = True

    def explain(self, *, format=None, **options):
        """The database's query plan."""
        return self.query.explain(using=self.db, format=format, **options)

    # -- methods that return a QuerySet --

    def raw(self, raw_query, params=(), translations=None, using=None):
        if using is None:
            using = self.db
        qs = RawQuerySet(
            raw_query, model=self.model, params=params, translations=translations, using=using
        )
        qs._prefetch_related_lookups = self._prefetch_related_lookups[:]
        return qs

    def _values(self, *fields, **expressions):
        clone = self._chain()
        if expressions:
            clone = clone.annotate(**expressions)
        clone._fields = fields + tuple(expressions)
        clone.query.set_values(clone._fields)
        return clone

    def values(self, *fields, **expressions):
        """Dicts instead of instances."""
        fields += tuple(expressions)
        clone = self._values(*fields, **expressions)
        clone._iterable_class = ValuesIterable
        return clone

    def values_list(self, *fields, flat=False, named=False):
        """Tuples (or single values with flat=True, namedtuples with named=True)."""
        if flat and named:
            raise TypeError("'flat' and 'named' can't be used together.")
        if flat and len(fields) > 1:
            raise TypeError(
                "'flat' is not valid when values_list is called with more than one field."
            )
        field_names = {f for f in fields if not hasattr(f, "resolve_expression")}
        _fields = []
        expressions = {}
        counter = 1
        for field in fields:
            if hasattr(field, "resolve_expression"):
                field_id_prefix = getattr(field, "default_alias", field.__class__.__name__.lower())
                while True:
                    field_id = field_id_prefix + str(counter)
                    counter += 1
                    if field_id not in field_names:
                        break
                expressions[field_id] = field
                _fields.append(field_id)
            else:
                _fields.append(field)
        clone = self._values(*_fields, **expressions)
        clone._iterable_class = (
            NamedValuesListIterable
            if named
            else FlatValuesListIterable
            if flat
            else ValuesListIterable
        )
        return clone

    def dates(self, field_name, kind, order="ASC"):
        """Distinct dates truncated to ``kind`` ('year', 'month', 'week', 'day')."""
        if kind not in ("year", "month", "week", "day"):
            raise ValueError("'kind' must be one of 'year', 'month', 'week', or 'day'.")
        if order not in ("ASC", "DESC"):
            raise ValueError("'order' must be either 'ASC' or 'DESC'.")
        return (
            self.annotate(
                datefield=_functions.Trunc(field_name, kind, output_field=_fields.DateField()),
                plain_field=F(field_name),
            )
            .values_list("datefield", flat=True)
            .distinct()
            .filter(plain_field__isnull=False)
            .order_by(("-" if order == "DESC" else "") + "datefield")
        )

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        """Distinct datetimes truncated to ``kind``."""
        if kind not in ("year", "month", "week", "day", "hour", "minute", "second"):
            raise ValueError(
                "'kind' must be one of 'year', 'month', 'week', 'day', 'hour', "
                "'minute', or 'second'."
            )
        if order not in ("ASC", "DESC"):
            raise ValueError("'order' must be either 'ASC' or 'DESC'.")
        return (
            self.annotate(
                datetimefield=_functions.Trunc(
                    field_name, kind, output_field=_fields.DateTimeField(), tzinfo=tzinfo
                ),
                plain_field=F(field_name),
            )
            .values_list("datetimefield", flat=True)
            .distinct()
            .filter(plain_field__isnull=False)
            .order_by(("-" if order == "DESC" else "") + "datetimefield")
        )

    def none(self):
        """An empty QuerySet that never queries the database."""
        clone = self._chain()
        clone.query.set_empty()
        return clone

    def all(self):
        """A copy of this QuerySet."""
        return self._chain()

    def filter(self, *args, **kwargs):
        """Rows matching the lookups (ANDed)."""
        self._not_support_combined_queries("filter")
        return self._filter_or_exclude(False, args, kwargs)

    def exclude(self, *args, **kwargs):
        """Rows not matching the lookups."""
        self._not_support_combined_queries("exclude")
        return self._filter_or_exclude(True, args, kwargs)

    def _filter_fresh(self, args, kwargs):
        """filter() on a QuerySet its manager has just made (nobody else holds it).

        A cacheable shape (see query_shapes, filter_shapes) is deferred on this QuerySet
        itself instead of on a copy; anything else is an ordinary filter().
        """
        cls = type(self)
        if cls.filter is QuerySet.filter and cls._filter_or_exclude is QuerySet._filter_or_exclude:
            deferrable = self._deferrable_filter(args, kwargs)
            if deferrable is not None:
                self._deferred_filter = False, args, kwargs
                self._pk_filter_value, self._filter_shape = deferrable
                return self
        return self.filter(*args, **kwargs)

    def _deferrable_filter(self, args, kwargs):
        """(pk value, shape) when filter(*args, **kwargs) can be deferred, else None.

        filter(pk=value): the WHERE clause is built only if needed; exists() and update()
        run cached statements without it. filter(field=value, ...) of a simple shape:
        count() and exists() run a cached statement (see filter_shapes). Either way the
        values are checked now, as filter() would.
        """
        pk_value = query_shapes.pk_lookup_value(self, args, kwargs)
        if pk_value is not NOT_CACHED:
            query_shapes.check_pk_value(self.model, pk_value)
            return pk_value, None
        shape = filter_shapes.filter_shape(self, args, kwargs)
        return None if shape is None else (pk_value, shape)

    def _filter_or_exclude(self, negate, args, kwargs):
        if "_connector" in kwargs or "_negated" in kwargs:
            _refuse_q_kwargs(kwargs)
        if not negate and not self._defer_next_filter:
            deferrable = self._deferrable_filter(args, kwargs)
            if deferrable is not None:
                if not self._query.alias_cols:
                    clone = self._chain()
                else:
                    # An untouched query equals a new one: skip copying it.
                    clone = self.__class__(
                        model=self.model,
                        query=sql.Query(self.model),
                        using=self._db,
                        hints=self._hints,
                    )
                    clone._for_write = self._for_write
                clone._deferred_filter = negate, args, kwargs
                clone._pk_filter_value, clone._filter_shape = deferrable
                return clone
        if (args or kwargs) and self.query.is_sliced:
            raise TypeError("Cannot filter a query once a slice has been taken.")
        clone = self._chain()
        if self._defer_next_filter:
            self._defer_next_filter = False
            clone._deferred_filter = negate, args, kwargs
        else:
            clone._filter_or_exclude_inplace(negate, args, kwargs)
        return clone

    def _filter_or_exclude_inplace(self, negate, args, kwargs):
        if "_connector" in kwargs or "_negated" in kwargs:
            _refuse_q_kwargs(kwargs)
        if negate:
            self._query.add_q(~Q(*args, **kwargs))
        else:
            self._query.add_q(Q(*args, **kwargs))

    def complex_filter(self, filter_obj):
        """Filter by a Q object or a dict (used for limit_choices_to)."""
        if isinstance(filter_obj, Q):
            clone = self._chain()
            clone.query.add_q(filter_obj)
            return clone
        return self._filter_or_exclude(False, args=(), kwargs=filter_obj)

    def _combinator_query(self, combinator, *other_qs, all=False):
        clone = self._chain()
        clone.query.clear_ordering(force=True)
        clone.query.clear_limits()
        clone.query.combined_queries = (self.query,) + tuple(qs.query for qs in other_qs)
        clone.query.combinator = combinator
        clone.query.combinator_all = all
        return clone

    def union(self, *other_qs, all=False):
        """SQL UNION (ALL) of QuerySets."""
        if isinstance(self, EmptyQuerySet):
            qs = [q for q in other_qs if not isinstance(q, EmptyQuerySet)]
            if not qs:
                return self
            if len(qs) == 1:
                return qs[0]
            return qs[0]._combinator_query("union", *qs[1:], all=all)
        return self._combinator_query("union", *other_qs, all=all)

    def intersection(self, *other_qs):
        """SQL INTERSECT."""
        if isinstance(self, EmptyQuerySet):
            return self
        for other in other_qs:
            if isinstance(other, EmptyQuerySet):
                return other
        return self._combinator_query("intersection", *other_qs)

    def difference(self, *other_qs):
        """SQL EXCEPT."""
        if isinstance(self, EmptyQuerySet):
            return self
        return self._combinator_query("difference", *other_qs)

    def select_for_update(self, nowait=False, skip_locked=False, of=(), no_key=False):
        """SELECT ... FOR UPDATE (inside a transaction)."""
        if nowait and skip_locked:
            raise ValueError("The nowait option cannot be used with skip_locked.")
        obj = self._chain()
        obj._for_write = True
        obj.query.select_for_update = True
        obj.query.select_for_update_nowait = nowait
        obj.query.select_for_update_skip_locked = skip_locked
        obj.query.select_for_update_of = of
        obj.query.select_for_no_key_update = no_key
        return obj

    def select_related(self, *fields):
        """Follow foreign keys in the same query (all non-null ones if no fields)."""
        self._not_support_combined_queries("select_related")
        if self._fields is not None:
            raise TypeError("Cannot call select_related() after .values() or .values_list()")
        obj = self._chain()
        if fields == (None,):
            obj.query.select_related = False
        elif fields:
            obj.query.add_select_related(fields)
        else:
            obj.query.select_related = True
        return obj

    def prefetch_related(self, *lookups):
        """Fetch related sets in one extra query per lookup."""
        self._not_support_combined_queries("prefetch_related")
        clone = self._chain()
        if lookups == (None,):
            clone._prefetch_related_lookups = ()
        else:
            for lookup in lookups:
                if isinstance(lookup, Prefetch):
                    lookup = lookup.prefetch_to
                lookup = lookup.split(LOOKUP_SEP, 1)[0]
                if lookup in self.query._filtered_relations:
                    raise ValueError("prefetch_related() is not supported with FilteredRelation.")
            clone._prefetch_related_lookups = clone._prefetch_related_lookups + lookups
        return clone

    def annotate(self, *args, **kwargs):
        """Add computed values (expressions, aggregates) to each result."""
        self._not_support_combined_queries("annotate")
        return self._annotate(args, kwargs, select=True)

    def alias(self, *args, **kwargs):
        """Like annotate() but not selected (usable in filter/order_by)."""
        self._not_support_combined_queries("alias")
        return self._annotate(args, kwargs, select=False)

    def _annotate(self, args, kwargs, select=True):
        self._validate_values_are_expressions(args + tuple(kwargs.values()), method_name="annotate")
        annotations = {}
        for arg in args:
            try:
                if arg.default_alias in kwargs:
                    raise ValueError(
                        f"The named annotation '{arg.default_alias}' conflicts with the "
                        f"default name for another annotation."
                    )
            except TypeError:
                raise TypeError("Complex annotations require an alias") from None
            annotations[arg.default_alias] = arg
        annotations.update(kwargs)
        clone = self._chain()
        names = self._fields
        if names is None:
            names = set(
                chain.from_iterable(
                    (field.name, field.attname) if hasattr(field, "attname") else (field.name,)
                    for field in self.model._meta.get_fields()
                )
            )
        for alias, annotation in annotations.items():
            if alias in names:
                raise ValueError(f"The annotation '{alias}' conflicts with a field on the model.")
            if isinstance(annotation, FilteredRelation):
                clone.query.add_filtered_relation(annotation, alias)
            else:
                clone.query.add_annotation(annotation, alias, select=select)
        for alias, annotation in clone.query.annotations.items():
            if alias in annotations and annotation.contains_aggregate:
                if clone._fields is None:
                    clone.query.group_by = True
                else:
                    clone.query.set_group_by()
                break
        return clone

    def order_by(self, *field_names):
        """Replace the ordering ('-name' descending, '?' random, expressions)."""
        if self.query.is_sliced:
            raise TypeError("Cannot reorder a query once a slice has been taken.")
        obj = self._chain()
        obj.query.clear_ordering(force=True, clear_default=False)
        obj.query.add_ordering(*field_names)
        return obj

    def distinct(self, *field_names):
        """SELECT DISTINCT (DISTINCT ON fields on PostgreSQL)."""
        self._not_support_combined_queries("distinct")
        if self.query.is_sliced:
            raise TypeError("Cannot create distinct fields once a slice has been taken.")
        obj = self._chain()
        obj.query.distinct = True
        obj.query.distinct_fields = field_names
        return obj

    def extra(
        self, select=None, where=None, params=None, tables=None, order_by=None, select_params=None
    ):
        """Raw SQL fragments (trusted); prefer expressions."""
        self._not_support_combined_queries("extra")
        if self.query.is_sliced:
            raise TypeError("Cannot change a query once a slice has been taken.")
        clone = self._chain()
        if select:
            select_params = list(select_params or [])
            for name, entry in select.items():
                clone.query.check_alias(name)
                entry_params = []
                pos = entry.find("%s")
                while pos != -1:
                    if pos == 0 or entry[pos - 1] != "%":
                        entry_params.append(select_params.pop(0))
                    pos = entry.find("%s", pos + 2)
                clone.query.extra[name] = (entry, entry_params)
        if where:
            from framework.db.models.sql.where import ExtraWhere

            clone.query.where.add(ExtraWhere(where, params), "AND")
        if order_by:
            clone.query.extra_order_by = tuple(order_by)
        return clone

    def reverse(self):
        """Reverse the ordering."""
        if self.query.is_sliced:
            raise TypeError("Cannot reverse a query once a slice has been taken.")
        clone = self._chain()
        clone.query.standard_ordering = not clone.query.standard_ordering
        return clone

    def defer(self, *fields):
        """Leave these fields unloaded until accessed."""
        self._not_support_combined_queries("defer")
        if self._fields is not None:
            raise TypeError("Cannot call defer() after .values() or .values_list()")
        clone = self._chain()
        if fields == (None,):
            clone.query.clear_deferred_loading()
        else:
            for name in fields:
                self._check_field_name(name)
            clone.query.add_deferred_loading(fields)
        return clone

    def only(self, *fields):
        """Load only these fields (and the pk)."""
        self._not_support_combined_queries("only")
        if self._fields is not None:
            raise TypeError("Cannot call only() after .values() or .values_list()")
        if fields == (None,):
            raise TypeError("Cannot pass None as an argument to only().")
        for field in fields:
            field = field.split(LOOKUP_SEP, 1)[0]
            if field in self.query._filtered_relations:
                raise ValueError("only() is not supported with FilteredRelation.")
            self._check_field_name(field)
        clone = self._chain()
        clone.query.add_immediate_loading(fields)
        return clone

    def _check_field_name(self, name):
        base = name.split(LOOKUP_SEP, 1)[0]
        if base == "pk":
            return
        try:
            self.model._meta.get_field(base)
        except FieldDoesNotExist:
            raise FieldDoesNotExist(
                f"{self.model._meta.object_name} has no field named {base!r}"
            ) from None

    def using(self, alias):
        """Run on database ``alias``."""
        clone = self._chain()
        clone._db = alias
        return clone

    # -- public introspection --

    @property
    def ordered(self) -> bool:
        """True if the QuerySet is ordered (order_by() or Meta.ordering)."""
        if isinstance(self, EmptyQuerySet):
            return True
        if self.query.extra_order_by or self.query.order_by:
            return True
        if (
            self.query.default_ordering
            and self.query.get_meta().ordering
            and self.query.group_by is None
        ):
            return True
        return False

    @property
    def db(self) -> str:
        """The alias this QuerySet will use."""
        if self._for_write:
            return self._db or router.db_for_write(self.model, **self._hints)
        return self._db or router.db_for_read(self.model, **self._hints)

    # -- private --

    def _chain(self):
        obj = self._clone()
        if obj._sticky_filter:
            obj.query.filter_is_sticky = True
            obj._sticky_filter = False
        return obj

    def _clone(self):
        c = self.__class__(
            model=self.model, query=self.query.chain(), using=self._db, hints=self._hints
        )
        c._sticky_filter = self._sticky_filter
        c._for_write = self._for_write
        c._prefetch_related_lookups = self._prefetch_related_lookups[:]
        c._known_related_objects = self._known_related_objects
        c._iterable_class = self._iterable_class
        c._fields = self._fields
        return c

    def _fetch_all(self):
        if self._result_cache is None:
            self._result_cache = list(self._iterable_class(self))
        if self._prefetch_related_lookups and not self._prefetch_done:
            self._prefetch_related_objects()

    def _next_is_sticky(self):
        self._sticky_filter = True
        return self

    def _merge_sanity_check(self, other):
        if self._fields is not None and (
            set(self.query.values_select) != set(other.query.values_select)
            or set(self.query.extra_select) != set(other.query.extra_select)
            or set(self.query.annotation_select) != set(other.query.annotation_select)
        ):
            raise TypeError(
                f"Merging '{self.__class__.__name__}' classes must involve the same values "
                f"in each case."
            )

    def _merge_known_related_objects(self, other):
        for field, objects in other._known_related_objects.items():
            self._known_related_objects.setdefault(field, {}).update(objects)

    def resolve_expression(self, *args, **kwargs):
        if self._fields and len(self._fields) > 1:
            raise TypeError("Cannot use multi-field values as a filter value.")
        query = self.query.resolve_expression(*args, **kwargs)
        query._db = self._db
        return query

    resolve_expression.queryset_only = True

    def _add_hints(self, **hints):
        self._hints.update(hints)

    def _has_filters(self):
        return self.query.where

    @staticmethod
    def _validate_values_are_expressions(values, method_name):
        invalid_args = sorted(
            str(arg)
            for arg in values
            if not hasattr(arg, "resolve_expression") and not isinstance(arg, FilteredRelation)
        )
        if invalid_args:
            raise TypeError(
                f"QuerySet.{method_name}() received non-expression(s): {', '.join(invalid_args)}."
            )

    def _not_support_combined_queries(self, operation_name):
        if self.query.combinator:
            raise NotSupportedError(
                f"Calling QuerySet.{operation_name}() after {self.query.combinator}() is not "
                f"supported."
            )

    def _check_operator_queryset(self, other, operator_):
        if self.query.combinator or other.query.combinator:
            raise TypeError(f"Cannot use {operator_} operator with combined queryset.")

    def _check_ordering_first_last_queryset_aggregation(self, method):
        if isinstance(self.query.group_by, tuple) and not any(
            col.output_field is self.model._meta.pk for col in self.query.group_by
        ):
            raise TypeError(
                f"Cannot use QuerySet.{method}() on an unordered queryset performing "
                f"aggregation. Add an ordering with order_by()."
            )


def _resolve_callables(mapping):
    for k, v in mapping.items():
        yield k, v() if callable(v) else v


class InstanceCheckMeta(type):
    def __instancecheck__(self, instance):
        return isinstance(instance, QuerySet) and instance.query.is_empty()


class EmptyQuerySet(metaclass=InstanceCheckMeta):
    """``isinstance(qs, EmptyQuerySet)`` is True for ``qs.none()``."""

    def __init__(self, *args, **kwargs):
        raise TypeError("EmptyQuerySet can't be instantiated")


from framework.db.models.raw_query import RawQuerySet  # noqa: E402 - re-exported
