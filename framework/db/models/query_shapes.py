"""Compiled-SQL caches for the most repeated query shapes.

- ``Model.objects.get(pk=value)``; ``filter(pk=value)`` followed by ``exists()`` or
  ``update(**kwargs)``; the ``UPDATE ... WHERE pk = %s`` of ``obj.save()``; and iterating
  an untouched ``Model.objects.all()`` (Meta.ordering included).

The first call of a shape on a model and connection runs the normal pipeline (filter ->
compiler) and keeps what it produced: the SQL text (kept only if the compiled parameters are
exactly the ones this module computes), the column -> attribute list and the converters.
Later calls on an unmodified manager QuerySet only prepare the value the way the ``exact``
lookup does and run the cached SQL. Plans are kept on the connection object (one per thread
and alias). A plan is rebuilt when the model's table or concrete fields change and after any
``setting_changed`` signal. Anything else (other lookups, expressions, custom managers,
multi-table children, custom placeholders) takes the general path.
"""

from __future__ import annotations

import datetime
import decimal
import math
import uuid
from typing import Any

from framework.core.exceptions import EmptyResultSet
from framework.core.signals import setting_changed
from framework.db import DEFAULT_DB_ALIAS, connections, router
from framework.db.models import signals
from framework.db.models.base import loaded_state_class
from framework.db.models.fields.numeric import passes_ints_through
from framework.db.models.iterables import ModelIterable
from framework.db.models.row_builders import instance_builder
from framework.db.models.sql.compiler import convert_row
from framework.db.models.sql.query import Query

# Bumped on every setting change: converters and SQL may depend on settings (USE_TZ, ...).
_generation = 0

# The Query.__dict__ keys of a QuerySet that no method has changed yet (class attributes
# hold every other default, so any change adds a key here).
_PRISTINE_QUERY_KEYS = frozenset(
    {
        "model",
        "alias_refcount",
        "alias_map",
        "alias_cols",
        "external_aliases",
        "table_map",
        "used_aliases",
        "where",
        "annotations",
        "extra",
        "_filtered_relations",
        "filter_is_sticky",
    }
)
_PK_KWARGS = ("pk", "pk__exact")
_NO_PLANS: dict = {}
_VALUE_TYPES = (int, str, uuid.UUID)
# Values that are surely not expressions or model instances (skips hasattr() probes).
_PLAIN_TYPES = frozenset(
    {int, str, float, bool, bytes, type(None), decimal.Decimal, uuid.UUID}
    | {datetime.date, datetime.datetime, datetime.time, datetime.timedelta}
)
# Returned by get_by_pk() when the shape isn't the cached one: run the normal path.
NOT_CACHED = object()


def _on_setting_changed(**kwargs: Any) -> None:
    global _generation
    _generation += 1


setting_changed.connect(_on_setting_changed, dispatch_uid="framework.db.query_shapes")


class GetByPkPlan:
    """What the normal pipeline produced for ``get(pk=...)`` on one model and connection."""

    __slots__ = (
        "db_table",
        "fields",
        "generation",
        "sql",
        "model",
        "init_list",
        "converters",
        "pk",
        "int_range",
        "int_bounds",
        "pk_kwargs",
        "builder",
        "params",
        "ordering",
    )


def pk_lookup_value(queryset, args: tuple, kwargs: dict) -> Any:
    """The pk value if this get() call has the cacheable shape, else NOT_CACHED."""
    if args or len(kwargs) != 1:
        return NOT_CACHED
    value = _pk_kwarg_value(queryset.model, kwargs)
    if value is NOT_CACHED:
        return value
    return value if pristine_queryset(queryset) is not None else NOT_CACHED


def _pk_kwarg_value(model, kwargs: dict) -> Any:
    # The value of the one keyword argument if it is ``pk=`` (or the pk's attname) with a
    # plain value, else NOT_CACHED.
    ((name, value),) = kwargs.items()
    if type(value) not in _VALUE_TYPES:
        return NOT_CACHED
    if name not in _PK_KWARGS:
        pk = model._meta.pk
        if name != pk.attname and name != f"{pk.attname}__exact":
            return NOT_CACHED
    return value


def manager_get_by_pk(manager, kwargs: dict) -> Any:
    """The instances of ``manager.get(pk=value)`` from a kept plan, without building a
    QuerySet (``manager`` is a plain one); NOT_CACHED when there is no plan yet.

    The hot path of views, so routing, the plan lookup and the value's preparation are
    written out here: each would otherwise be a Python call of its own.
    """
    ((name, value),) = kwargs.items()
    if type(value) not in _VALUE_TYPES:
        return NOT_CACHED
    model = manager.model
    db = manager._db
    if db is None:
        if router.without_routers and not manager._hints:
            db = DEFAULT_DB_ALIAS
        else:
            db = router.db_for_read(model, **manager._hints)
    # This thread's connection, if made (connections[db] makes it, one call more).
    connection = getattr(connections._local, db, None) or connections[db]
    # valid_plan(connection, "get", model), written out: keep the two staleness rules alike.
    plan = connection.__dict__.get("_shape_plans", _NO_PLANS).get(("get", model))
    if plan is None or name not in plan.pk_kwargs:
        return NOT_CACHED
    opts = model._meta
    if (
        plan.generation != _generation
        or plan.db_table != opts.db_table
        or plan.fields is not opts.concrete_fields
    ):
        return NOT_CACHED
    try:
        param = prepare_value(plan, value, connection)
    except EmptyResultSet:
        return []
    rows = connection.run_statement(plan.sql, (param,))
    if plan.converters or signals.pre_init.receivers or signals.post_init.receivers:
        return _instances(plan, rows, connection, db)
    return plan.builder(rows, db)


def pristine_queryset(queryset):
    """``queryset`` if no method has changed it since the manager made it, else None."""
    if (
        queryset._deferred_filter is not None
        or queryset._sticky_filter
        or queryset._iterable_class is not ModelIterable
        or queryset._prefetch_related_lookups
        or queryset._known_related_objects
        or queryset._fields is not None
    ):
        return None
    query = queryset.__dict__.get("_query")
    if query is None:
        return queryset  # not built yet: the manager's untouched query
    if (
        type(query) is not Query
        or not _PRISTINE_QUERY_KEYS.issuperset(query.__dict__)
        or query.where.children
        or query.alias_map
        or query.annotations
        or query.extra
        or query._filtered_relations
    ):
        return None
    return queryset


def valid_plan(connection, kind: str, model) -> Any:
    """The plan of ``kind`` for ``model`` that ``connection`` keeps, or None if missing or
    stale. Plans live on the connection object: each thread has its own connection for an
    alias, and a cache keyed by alias alone would be rebuilt by every other thread.
    manager_get_by_pk() repeats this check inline (its hot path)."""
    plan = connection.__dict__.get("_shape_plans", _NO_PLANS).get((kind, model))
    if plan is None:
        return None
    opts = model._meta
    if (
        plan.generation != _generation
        or plan.db_table != opts.db_table
        or plan.fields is not opts.concrete_fields
    ):
        return None
    return plan


def keep_plan(connection, kind: str, model, plan: Any) -> None:
    """Keep ``plan`` on ``connection`` for valid_plan(), stamped with what it depends on."""
    opts = model._meta
    plan.generation = _generation
    plan.db_table = opts.db_table
    plan.fields = opts.concrete_fields
    plans = connection.__dict__.get("_shape_plans")
    if plans is None:
        plans = connection.__dict__["_shape_plans"] = {}
    plans[(kind, model)] = plan


def store_plan(model, connection, compiler, sql: str, params: list, value: Any) -> None:
    """Keep the plan of a compiled ``get(pk=value)`` if it has the simple shape."""
    opts = model._meta
    pk = opts.pk
    lookup_class = pk.get_lookup("exact")
    if pk.is_relation or lookup_class is None:
        return
    if lookup_class.__name__ not in ("Exact", "IntegerFieldExact"):
        return
    if len(params) != 1:
        return
    plan = _rows_plan(compiler, sql)
    if plan is None:
        return
    _set_pk_preparation(plan, pk, lookup_class.__name__, connection)
    plan.pk_kwargs = frozenset({*_PK_KWARGS, pk.attname, f"{pk.attname}__exact"})
    try:
        if prepare_value(plan, value, connection) != params[0]:
            return
    except EmptyResultSet:
        return
    keep_plan(connection, "get", model, plan)


def _set_pk_preparation(plan: GetByPkPlan, pk, lookup_name: str, connection) -> None:
    # What prepare_value() needs to prepare a pk value as the ``exact`` lookup does.
    plan.pk = pk
    plan.int_range = (
        connection.ops.integer_field_ranges.get(pk.get_internal_type(), (None, None))
        if lookup_name == "IntegerFieldExact"
        else None
    )
    # Set when an int is its own parameter: the range it must lie in (prepare_value()).
    plan.int_bounds = None
    if passes_ints_through(pk):
        low, high = plan.int_range or (None, None)
        plan.int_bounds = (
            -math.inf if low is None else low,
            math.inf if high is None else high,
        )


def _rows_plan(compiler, sql: str) -> GetByPkPlan | None:
    """A plan that builds instances from the rows of ``compiler``'s query, if every column
    is one of the model's own (no joins, annotations or extra select)."""
    klass_info = compiler.klass_info
    if (
        not klass_info
        or klass_info.get("related_klass_infos")
        or compiler.annotation_col_map
        or compiler.has_extra_select
    ):
        return None
    select = compiler.select
    select_fields = klass_info["select_fields"]
    if select_fields[0] != 0 or select_fields[-1] + 1 != compiler.col_count:
        return None
    plan = GetByPkPlan()
    plan.sql = sql
    plan.model = klass_info["model"]
    plan.init_list = [s[0].target.attname for s in select[: compiler.col_count]]
    plan.builder = instance_builder(plan.model, plan.init_list)
    plan.converters = list(
        compiler.get_converters([s[0] for s in select[: compiler.col_count]]).items()
    )
    return plan


def all_rows_plan(model, connection) -> GetByPkPlan | None:
    """The valid cached plan of iterating ``model``'s untouched manager QuerySet, or None."""
    plan = valid_plan(connection, "all", model)
    if plan is None or plan.ordering is not model._meta.ordering:
        return None
    return plan


def store_all_rows_plan(queryset, connection, db: str) -> None:
    """Keep the statement of iterating an untouched manager QuerySet (``Model.objects.all()``)."""
    compiler = queryset.query.get_compiler(using=db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return
    plan = _rows_plan(compiler, sql)
    if plan is None or plan.model is not queryset.model:
        return
    plan.params = params
    plan.ordering = queryset.model._meta.ordering
    keep_plan(connection, "all", queryset.model, plan)


def run_all_rows_plan(plan: GetByPkPlan, connection, db: str) -> list:
    """Execute a plan of all_rows_plan(); return the model instances."""
    return _instances(plan, connection.run_statement(plan.sql, plan.params), connection, db)


def prepare_value(plan: GetByPkPlan, value: Any, connection) -> Any:
    """The query parameter for ``value``, exactly as the ``exact`` lookup prepares it
    (EmptyResultSet for an int outside the column's range)."""
    bounds = plan.int_bounds
    if bounds is not None and type(value) is int:
        # A stock integer pk: the int is the parameter itself.
        if bounds[0] <= value <= bounds[1]:
            return value
        raise EmptyResultSet
    pk = plan.pk
    value = pk.get_prep_value(value)
    if plan.int_range is not None and isinstance(value, int):
        low, high = plan.int_range
        if (low is not None and value < low) or (high is not None and value > high):
            raise EmptyResultSet
    return pk.get_db_prep_value(value, connection, prepared=True)


def run_plan(plan: GetByPkPlan, value: Any, connection, db: str) -> list:
    """Execute the cached SQL for ``value``; return the model instances (at most 21)."""
    try:
        param = prepare_value(plan, value, connection)
    except EmptyResultSet:
        return []
    return _instances(plan, connection.run_statement(plan.sql, (param,)), connection, db)


def _instances(plan: GetByPkPlan, rows: list, connection, db: str) -> list:
    """Model instances from ``rows`` as ModelIterable builds them (signals included)."""
    if not rows:
        return rows
    model_cls = plan.model
    init_list = plan.init_list
    converters = plan.converters
    pre_init, post_init = signals.pre_init, signals.post_init
    send_pre_init = bool(pre_init.receivers) and pre_init.has_listeners(model_cls)
    send_post_init = bool(post_init.receivers) and post_init.has_listeners(model_cls)
    if converters:
        rows = [convert_row(row, converters, connection) for row in rows]
    if not (send_pre_init or send_post_init):
        return plan.builder(rows, db)
    state_cls = loaded_state_class(db)
    new = object.__new__
    result = []
    for row in rows:
        if send_pre_init:
            signals.pre_init.send(sender=model_cls, args=(), kwargs={})
        obj = new(model_cls)
        data = obj.__dict__
        data.update(zip(init_list, row))
        data["_state"] = state_cls()
        if send_post_init:
            signals.post_init.send(sender=model_cls, instance=obj)
        result.append(obj)
    return result


class _UpdatePlans:
    """The UPDATE statements of ``save()`` on one model and connection, by shape."""

    __slots__ = (
        "generation",
        "db_table",
        "fields",
        "pk_plan",
        "sql",
        "placeholder_fields",
        "int_fields",
    )


def _pk_param(model, connection, value):
    """(plan whose prepare_value() makes the pk parameter, or None if the pk isn't simple)."""
    opts = model._meta
    pk = opts.pk
    lookup_class = pk.get_lookup("exact")
    if pk.is_relation or lookup_class is None:
        return None
    name = lookup_class.__name__
    if name not in ("Exact", "IntegerFieldExact"):
        return None
    plan = GetByPkPlan()
    _set_pk_preparation(plan, pk, name, connection)
    return plan


def save_update(model, using: str, pk_val: Any, values: list) -> int | None:
    """Run save()'s ``UPDATE ... WHERE pk = %s`` from a cached statement.

    Returns the row count, or None when the values or model need the general path
    (expressions, custom placeholders, multi-table updates).
    """
    if type(pk_val) not in _VALUE_TYPES or not values:
        return None
    connection = getattr(connections._local, using, None) or connections[using]
    plans = valid_plan(connection, "update", model)
    if plans is None:
        pk_plan = _pk_param(model, connection, pk_val)
        if pk_plan is None:
            return None
        plans = _UpdatePlans()
        plans.pk_plan = pk_plan
        plans.sql = {}
        plans.placeholder_fields = {
            id(f) for f in model._meta.concrete_fields if hasattr(f, "get_placeholder")
        }
        plans.int_fields = {id(f) for f in model._meta.concrete_fields if passes_ints_through(f)}
        keep_plan(connection, "update", model, plans)
    params = []
    key = []
    placeholder_fields = plans.placeholder_fields
    int_fields = plans.int_fields
    for field, _model, val in values:
        if type(val) not in _PLAIN_TYPES and (
            hasattr(val, "resolve_expression") or hasattr(val, "prepare_database_save")
        ):
            return None
        if placeholder_fields and id(field) in placeholder_fields:
            return None
        if type(val) is not int or id(field) not in int_fields:
            val = field.get_db_prep_save(val, connection=connection)
        if val is None:
            key.append((field.attname, True))
        else:
            if type(val) not in _PLAIN_TYPES and hasattr(val, "as_sql"):
                return None
            key.append((field.attname, False))
            params.append(val)
    try:
        params.append(prepare_value(plans.pk_plan, pk_val, connection))
    except EmptyResultSet:
        return 0
    key = tuple(key)
    sql = plans.sql.get(key)
    if sql is None:
        sql = _compile_save_update(model, using, pk_val, values, params)
        if sql is None:
            return None
        plans.sql[key] = sql
    return connection.run_statement(sql, params, fetch=False)


def _compile_save_update(model, using, pk_val, values, params) -> str | None:
    # The statement the general path writes; kept only if it has exactly our parameters.
    from framework.db.models import sql as sql_module
    from framework.db.models.query_utils import Q

    query = Query(model)
    query.add_q(Q(pk=pk_val))
    query = query.chain(sql_module.UpdateQuery)
    query.add_update_fields(values)
    query.annotations = {}
    if query.related_updates:
        return None
    compiler = query.get_compiler(using)
    try:
        sql, compiled_params = compiler.as_sql()
    except EmptyResultSet:
        return None
    if query.count_active_tables() != 1 or list(compiled_params) != params:
        return None
    return sql


def check_pk_value(model, value: Any) -> None:
    """Raise now what filter(pk=value) would raise while building its lookup."""
    pk = model._meta.pk
    if not pk.is_relation:
        pk.get_prep_value(value)


class _ExistsPlan:
    __slots__ = ("generation", "db_table", "fields", "pk_plan", "sql", "prefix")


def pk_exists(model, connection, db: str, value: Any) -> bool | None:
    """``filter(pk=value).exists()`` from a cached statement (None: use the general path)."""
    plan = valid_plan(connection, "exists", model)
    if plan is None:
        plan = _build_exists_plan(model, connection, db, value)
        if plan is None:
            return None
    try:
        param = prepare_value(plan.pk_plan, value, connection)
    except EmptyResultSet:
        return False
    return bool(connection.run_statement(plan.sql, (*plan.prefix, param)))


def _build_exists_plan(model, connection, db, value):
    from framework.db.models.query_utils import Q

    pk_plan = _pk_param(model, connection, value)
    if pk_plan is None:
        return None
    query = Query(model)
    query.add_q(Q(pk=value))
    compiler = query.exists().get_compiler(db)
    try:
        sql, params = compiler.as_sql()
        expected = [prepare_value(pk_plan, value, connection)]
    except EmptyResultSet:
        return None
    # The SELECT list is the constant Value(1) (a parameter on some backends).
    params = list(params)
    if params[-1:] != expected or params[:-1] not in ([], [1]):
        return None
    plan = _ExistsPlan()
    plan.prefix = tuple(params[:-1])
    plan.pk_plan = pk_plan
    plan.sql = sql
    keep_plan(connection, "exists", model, plan)
    return plan


def pk_update(model, db: str, value: Any, kwargs: dict) -> int | None:
    """``filter(pk=value).update(**kwargs)`` from a cached statement (None: general path)."""
    opts = model._meta
    concrete = opts.concrete_model
    values = []
    for name, val in kwargs.items():
        field = opts.get_field(name)
        if (
            not field.concrete
            or field.many_to_many
            or field.primary_key
            or field.model._meta.concrete_model is not concrete
        ):
            return None
        values.append((field, None, val))
    return save_update(concrete, db, value, values)
