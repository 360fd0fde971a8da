"""Compiled-SQL cache for ``Model.objects.filter(field=value, ...).count()`` / ``.exists()``.

A query's SQL depends on its structure, not on its values, as long as every value is a plain
parameter. ``filter()`` on an untouched manager QuerySet whose keyword arguments are all
simple comparisons (``exact``, ``gt``, ``gte``, ``lt``, ``lte``, the built-in lookup classes
only) on non-relational fields, with plain values, is therefore a *shape*: the field names
and lookups, plus the value types. ``filter()`` prepares the values at once (so a bad value
raises there, as usual) and defers building the WHERE clause. ``count()`` and ``exists()``
then look the shape up; the first call runs the normal pipeline and records the statement
it executed, kept only if its parameters are exactly the values prepared here. Any other
use of the QuerySet builds the query normally.

Plans are per model and connection object (query_shapes.keep_plan), and rebuilt when the
table, the fields, any setting (``setting_changed``) or any lookup registration changes.
"""

from __future__ import annotations

import datetime
import decimal
import uuid

from framework.core.exceptions import FieldDoesNotExist
from framework.db.models import query_shapes, query_utils
from framework.db.models.constants import LOOKUP_SEP

# Values whose lookups always compile to ``<column> <op> %s`` (bool: Exact may write the
# column alone; None: isnull).
_VALUE_TYPES = frozenset(
    {int, str, float, decimal.Decimal, uuid.UUID}
    | {datetime.date, datetime.datetime, datetime.time}
)
_LOOKUP_NAMES = frozenset({"exact", "gt", "gte", "lt", "lte"})
_MAX_KWARGS = 4


def _allowed_lookup_classes() -> frozenset:
    from framework.db.models import lookups

    return frozenset(
        getattr(lookups, name)
        for name in (
            "Exact",
            "GreaterThan",
            "GreaterThanOrEqual",
            "LessThan",
            "LessThanOrEqual",
            "IntegerFieldExact",
            "IntegerGreaterThan",
            "IntegerGreaterThanOrEqual",
            "IntegerLessThan",
            "IntegerLessThanOrEqual",
            "IntegerGreaterThanOrEqualRounded",
            "IntegerLessThanRounded",
        )
    )


_ALLOWED_LOOKUPS: frozenset | None = None


class FilterShape:
    """The deferred ``filter()`` of a QuerySet: its shape key and prepared values."""

    __slots__ = ("key", "fields", "values", "int_checks")

    def __init__(self, key: tuple, fields: list, values: list, int_checks: list):
        self.key = key
        self.fields = fields
        self.values = values
        self.int_checks = int_checks

    def __deepcopy__(self, memo):
        return self  # never changed after filter() made it


def _resolve(opts, name: str):
    """(field, lookup class, needs int range check) for ``name``, or None if not simple."""
    global _ALLOWED_LOOKUPS
    cache = opts.__dict__.get("_filter_shape_names")
    if cache is None or cache[0] != query_utils.lookups_generation:
        cache = opts._filter_shape_names = (query_utils.lookups_generation, {})
    found = cache[1].get(name)
    if found is not None:
        return found or None
    found = False
    parts = name.split(LOOKUP_SEP)
    if len(parts) <= 2:
        lookup_name = parts[1] if len(parts) == 2 else "exact"
        try:
            field = opts.pk if parts[0] == "pk" else opts.get_field(parts[0])
        except FieldDoesNotExist:
            field = None
        if (
            lookup_name in _LOOKUP_NAMES
            and field is not None
            and field.concrete
            and not field.is_relation
            and field.model._meta.concrete_model is opts.concrete_model
        ):
            if _ALLOWED_LOOKUPS is None:
                _ALLOWED_LOOKUPS = _allowed_lookup_classes()
            lookup_class = field.get_lookup(lookup_name)
            if lookup_class in _ALLOWED_LOOKUPS:
                found = (field, lookup_class, "Integer" in lookup_class.__name__)
    cache[1][name] = found
    return found or None


def filter_shape(queryset, args: tuple, kwargs: dict) -> FilterShape | None:
    """The shape of ``queryset.filter(**kwargs)`` if it can be cached, else None.

    Values are prepared here (``get_prep_value``); any error leaves the normal path to raise it.
    """
    if args or not kwargs or len(kwargs) > _MAX_KWARGS:
        return None
    if query_shapes.pristine_queryset(queryset) is None:
        return None
    opts = queryset.model._meta
    names = sorted(kwargs)  # Q() orders keyword arguments by name
    fields, values, int_checks, types = [], [], [], []
    for name in names:
        value = kwargs[name]
        value_type = type(value)
        if value_type not in _VALUE_TYPES:
            return None
        resolved = _resolve(opts, name)
        if resolved is None:
            return None
        field, _lookup, int_check = resolved
        if int_check and value_type is float:
            return None
        try:
            prepared = field.get_prep_value(value)
        except Exception:
            return None
        if int_check and type(prepared) is not int:
            return None
        fields.append(field)
        values.append(prepared)
        int_checks.append(field.get_internal_type() if int_check else None)
        types.append(value_type)
    return FilterShape((tuple(names), tuple(types)), fields, values, int_checks)


def _params(shape: FilterShape, connection) -> list | None:
    params = []
    ranges = connection.ops.integer_field_ranges
    for field, value, int_check in zip(shape.fields, shape.values, shape.int_checks):
        if int_check is not None:
            low, high = ranges.get(int_check, (None, None))
            if (low is not None and value < low) or (high is not None and value > high):
                return None  # the lookup answers without a parameter: general path
        params.append(field.get_db_prep_value(value, connection, prepared=True))
    return params


class _Plans:
    __slots__ = ("generation", "lookups", "db_table", "fields", "sql")


def _plans(model, connection) -> _Plans:
    plans = query_shapes.valid_plan(connection, "filter", model)
    if plans is None or plans.lookups != query_utils.lookups_generation:
        plans = _Plans()
        plans.lookups = query_utils.lookups_generation
        plans.sql = {}
        query_shapes.keep_plan(connection, "filter", model, plans)
    return plans


def _capture(connection, run):
    """Run ``run()`` and return (its result, the statements it executed)."""
    executed = []

    def wrapper(execute, sql, params, many, context):
        executed.append((sql, params, many))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        result = run()
    return result, executed


def _learn(plans, key, params, executed, prefixes) -> None:
    # Keep the statement only if the normal path ran exactly one, with our parameters
    # after a constant prefix (``SELECT %s AS "a"`` on some backends).
    sql = False
    if len(executed) == 1 and not executed[0][2]:
        got = list(executed[0][1] or ())
        head, tail = got[: len(got) - len(params)], got[len(got) - len(params) :]
        if tail == params and head in prefixes:
            sql = (executed[0][0], tuple(head))
    plans.sql[key] = sql


def count(queryset, shape: FilterShape, connection, db: str) -> int:
    """``queryset.count()`` for a deferred filter of ``shape``."""
    return _run(
        queryset, shape, connection, "count", lambda: queryset.query.get_count(using=db), ([],),
        _read_count,
    )  # fmt: skip


def exists(queryset, shape: FilterShape, connection, db: str) -> bool:
    """``queryset.exists()`` for a deferred filter of ``shape``."""
    return _run(
        queryset, shape, connection, "exists", lambda: queryset.query.has_results(using=db),
        ([], [1]), lambda cursor: cursor.fetchone() is not None,
    )  # fmt: skip


def _read_count(cursor) -> int:
    row = cursor.fetchone()
    return (row[0] if row else 0) or 0


def _run(queryset, shape: FilterShape, connection, kind: str, normal, prefixes, read):
    """Run the cached statement of (``kind``, ``shape``) and ``read`` its cursor; the first
    time, run ``normal()`` and learn the statement it executed; ``normal()`` again whenever
    the shape has no usable statement."""
    params = _params(shape, connection)
    if params is None:
        return normal()
    plans = _plans(queryset.model, connection)
    key = (kind, shape.key)
    plan = plans.sql.get(key)
    if plan is None:
        result, executed = _capture(connection, normal)
        _learn(plans, key, params, executed, prefixes)
        return result
    if plan is False:
        return normal()
    cursor = connection.statement_cursor()
    try:
        cursor.execute(plan[0], (*plan[1], *params))
        return read(cursor)
    finally:
        connection.release_cursor(cursor)
