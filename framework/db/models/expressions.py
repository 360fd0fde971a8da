"""Expression nodes: F, Value, Func, Case/When, Subquery/Exists, OrderBy, Window ...

Nodes never produce SQL text by themselves except through ``as_sql(compiler,
connection)``, which the compiler calls (Django's contract for custom expressions).
"""

from __future__ import annotations

import copy
import datetime
import decimal
import uuid

from framework.core.exceptions import EmptyResultSet, FieldError, FullResultSet
from framework.db.models.constants import LOOKUP_SEP
from framework.db.models.query_utils import Q
from framework.utils.deferred import module_loader
from framework.utils.functional import cached_property

_fields = module_loader("framework.db.models.fields")  # it imports this module


class SQLiteNumericMixin:
    """Cast DecimalField results to NUMERIC on SQLite so that arithmetic stays exact."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(compiler, connection, **extra_context)
        try:
            if self.output_field.get_internal_type() == "DecimalField":
                sql = f"CAST({sql} AS NUMERIC)"
        except FieldError:
            pass
        return sql, params


class Combinable:
    """Arithmetic and boolean operators that build CombinedExpression / Q."""

    ADD = "+"
    SUB = "-"
    MUL = "*"
    DIV = "/"
    POW = "^"
    MOD = "%%"
    BITAND = "&"
    BITOR = "|"
    BITLEFTSHIFT = "<<"
    BITRIGHTSHIFT = ">>"
    BITXOR = "#"

    def _combine(self, other, connector, reversed_):
        if not hasattr(other, "resolve_expression"):
            if isinstance(other, datetime.timedelta):
                other = DurationValue(other, output_field=_fields().DurationField())
            else:
                other = Value(other)
        if reversed_:
            return CombinedExpression(other, connector, self)
        return CombinedExpression(self, connector, other)

    def __neg__(self):
        return self._combine(-1, self.MUL, False)

    def __add__(self, other):
        return self._combine(other, self.ADD, False)

    def __sub__(self, other):
        return self._combine(other, self.SUB, False)

    def __mul__(self, other):
        return self._combine(other, self.MUL, False)

    def __truediv__(self, other):
        return self._combine(other, self.DIV, False)

    def __mod__(self, other):
        return self._combine(other, self.MOD, False)

    def __pow__(self, other):
        return self._combine(other, self.POW, False)

    def __and__(self, other):
        if getattr(self, "conditional", False) and getattr(other, "conditional", False):
            return Q(self) & Q(other)
        raise NotImplementedError(
            "Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations."
        )

    def bitand(self, other):
        return self._combine(other, self.BITAND, False)

    def bitleftshift(self, other):
        return self._combine(other, self.BITLEFTSHIFT, False)

    def bitrightshift(self, other):
        return self._combine(other, self.BITRIGHTSHIFT, False)

    def __xor__(self, other):
        if getattr(self, "conditional", False) and getattr(other, "conditional", False):
            return Q(self) ^ Q(other)
        raise NotImplementedError(
            "Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations."
        )

    def bitxor(self, other):
        return self._combine(other, self.BITXOR, False)

    def __or__(self, other):
        if getattr(self, "conditional", False) and getattr(other, "conditional", False):
            return Q(self) | Q(other)
        raise NotImplementedError(
            "Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations."
        )

    def bitor(self, other):
        return self._combine(other, self.BITOR, False)

    def __radd__(self, other):
        return self._combine(other, self.ADD, True)

    def __rsub__(self, other):
        return self._combine(other, self.SUB, True)

    def __rmul__(self, other):
        return self._combine(other, self.MUL, True)

    def __rtruediv__(self, other):
        return self._combine(other, self.DIV, True)

    def __rmod__(self, other):
        return self._combine(other, self.MOD, True)

    def __rpow__(self, other):
        return self._combine(other, self.POW, True)

    def __rand__(self, other):
        raise NotImplementedError(
            "Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations."
        )

    __ror__ = __rand__
    __rxor__ = __rand__


class BaseExpression:
    """Common behaviour of expression nodes (output field, sources, resolution)."""

    empty_result_set_value = NotImplemented
    is_summary = False
    _output_field_resolved_to_none = False
    filterable = True
    window_compatible = False
    allowed_default = False
    constraint_validation_compatible = True
    set_returning = False
    contains_subquery = False

    def __init__(self, output_field=None):
        if output_field is not None:
            self.output_field = output_field

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("convert_value", None)
        return state

    def __copy__(self):
        # What copy.copy()'s generic reduce/reconstruct path builds, without its overhead
        # (expressions are copied on every resolve_expression()).
        cls = type(self)
        obj = cls.__new__(cls)
        obj.__dict__.update(self.__getstate__())
        return obj

    def get_db_converters(self, connection):
        converters = [] if self.convert_value is self._convert_value_noop else [self.convert_value]
        return converters + self.output_field.get_db_converters(connection)

    def get_source_expressions(self) -> list:
        return []

    def set_source_expressions(self, exprs) -> None:
        assert not exprs

    def _parse_expressions(self, *expressions):
        return [
            arg
            if hasattr(arg, "resolve_expression")
            else (F(arg) if isinstance(arg, str) else Value(arg))
            for arg in expressions
        ]

    def as_sql(self, compiler, connection):
        raise NotImplementedError("Subclasses must implement as_sql()")

    @cached_property
    def contains_aggregate(self) -> bool:
        return any(e and e.contains_aggregate for e in self.get_source_expressions())

    @cached_property
    def contains_over_clause(self) -> bool:
        return any(e and e.contains_over_clause for e in self.get_source_expressions())

    @cached_property
    def contains_column_references(self) -> bool:
        return any(e and e.contains_column_references for e in self.get_source_expressions())

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        """Return a copy whose F()s and sub-expressions are resolved against ``query``."""
        c = self.copy()
        c.is_summary = summarize
        c.set_source_expressions(
            [
                expr.resolve_expression(query, allow_joins, reuse, summarize)
                if expr is not None and hasattr(expr, "resolve_expression")
                else expr
                for expr in c.get_source_expressions()
            ]
        )
        return c

    @property
    def conditional(self) -> bool:
        try:
            return isinstance(self.output_field, _fields().BooleanField)
        except FieldError:
            return False

    @property
    def field(self):
        return self.output_field

    @cached_property
    def output_field(self):
        output_field = self._resolve_output_field()
        if output_field is None:
            self._output_field_resolved_to_none = True
            raise FieldError("Cannot resolve expression type, unknown output_field")
        return output_field

    @cached_property
    def _output_field_or_none(self):
        try:
            return self.output_field
        except FieldError:
            if not self._output_field_resolved_to_none:
                raise
        return None

    def _resolve_output_field(self):
        sources_iter = (s for s in self.get_source_fields() if s is not None)
        for output_field in sources_iter:
            for source in sources_iter:
                if not isinstance(output_field, source.__class__):
                    raise FieldError(
                        f"Expression contains mixed types: {output_field.__class__.__name__}, "
                        f"{source.__class__.__name__}. You must set output_field."
                    )
            return output_field
        return None

    @staticmethod
    def _convert_value_noop(value, expression, connection):
        return value

    @cached_property
    def convert_value(self):
        field = self.output_field
        internal_type = field.get_internal_type()
        if internal_type == "FloatField":
            return lambda value, expression, connection: None if value is None else float(value)
        if internal_type.endswith("IntegerField"):
            return lambda value, expression, connection: None if value is None else int(value)
        if internal_type == "DecimalField":
            return lambda value, expression, connection: (
                None if value is None else decimal.Decimal(str(value))
            )
        return self._convert_value_noop

    def get_lookup(self, lookup):
        return self.output_field.get_lookup(lookup)

    def get_transform(self, name):
        return self.output_field.get_transform(name)

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.set_source_expressions(
            [
                e.relabeled_clone(change_map) if e is not None else None
                for e in self.get_source_expressions()
            ]
        )
        return clone

    def replace_expressions(self, replacements):
        if replacement := replacements.get(self):
            return replacement
        clone = self.copy()
        source_expressions = clone.get_source_expressions()
        clone.set_source_expressions(
            [
                expr.replace_expressions(replacements) if expr else None
                for expr in source_expressions
            ]
        )
        return clone

    def get_refs(self) -> set:
        refs = set()
        for expr in self.get_source_expressions():
            if expr is not None:
                refs |= expr.get_refs()
        return refs

    def copy(self):
        return copy.copy(self)

    def prefix_references(self, prefix):
        clone = self.copy()
        clone.set_source_expressions(
            [
                F(f"{prefix}{expr.name}") if isinstance(expr, F) else expr.prefix_references(prefix)
                for expr in self.get_source_expressions()
            ]
        )
        return clone

    def get_group_by_cols(self):
        if not self.contains_aggregate:
            return [self]
        cols = []
        for source in self.get_source_expressions():
            cols.extend(source.get_group_by_cols())
        return cols

    def get_source_fields(self):
        return [e._output_field_or_none for e in self.get_source_expressions()]

    def asc(self, **kwargs):
        return OrderBy(self, **kwargs)

    def desc(self, **kwargs):
        return OrderBy(self, descending=True, **kwargs)

    def reverse_ordering(self):
        return self

    def flatten(self):
        yield self
        for expr in self.get_source_expressions():
            if expr:
                if hasattr(expr, "flatten"):
                    yield from expr.flatten()
                else:
                    yield expr

    def select_format(self, compiler, sql, params):
        if hasattr(self.output_field, "select_format"):
            return self.output_field.select_format(compiler, sql, params)
        return sql, params

    @cached_property
    def identity(self):
        args = [type(self)]
        for key, value in sorted(self.__dict__.items()):
            if key in (
                "output_field",
                "convert_value",
                "identity",
                "_output_field_or_none",
                "contains_aggregate",
                "contains_over_clause",
                "contains_column_references",
            ):
                if key == "output_field" and "output_field" in self.__dict__:
                    f = value
                    args.append(
                        (key, type(f), getattr(f, "model", None) and (f.model._meta.label, f.name))
                    )
                continue
            args.append((key, _make_hashable(value)))
        return tuple(args)

    def __eq__(self, other):
        if not isinstance(other, BaseExpression):
            return NotImplemented
        return other.identity == self.identity

    def __hash__(self):
        return hash(self.identity)


def _make_hashable(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _make_hashable(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_make_hashable(v) for v in value)
    try:
        hash(value)
    except TypeError:
        return id(value)
    return value


class Expression(BaseExpression, Combinable):
    """An expression that can be combined with operators."""


class CombinedExpression(SQLiteNumericMixin, Expression):
    """``lhs <connector> rhs`` (F('price') * 2, F('a') + F('b') ...)."""

    def __init__(self, lhs, connector, rhs, output_field=None):
        super().__init__(output_field=output_field)
        self.connector = connector
        self.lhs = lhs
        self.rhs = rhs

    def __repr__(self):
        return f"<{type(self).__name__}: {self}>"

    def __str__(self):
        return f"{self.lhs} {self.connector} {self.rhs}"

    def get_source_expressions(self):
        return [self.lhs, self.rhs]

    def set_source_expressions(self, exprs):
        self.lhs, self.rhs = exprs

    def _resolve_output_field(self):
        fields = _fields()
        lhs_f = self.lhs._output_field_or_none
        rhs_f = self.rhs._output_field_or_none
        if lhs_f is None:
            return rhs_f
        if rhs_f is None:
            return lhs_f
        lt, rt = lhs_f.get_internal_type(), rhs_f.get_internal_type()
        temporal = {"DateField", "DateTimeField", "TimeField"}
        if self.connector == self.SUB and lt in temporal and lt == rt:
            return fields.DurationField()
        if lt in temporal and rt == "DurationField":
            return lhs_f
        if rt in temporal and lt == "DurationField":
            return rhs_f
        if type(lhs_f) is type(rhs_f):
            return lhs_f
        numeric = (
            "IntegerField",
            "BigIntegerField",
            "SmallIntegerField",
            "PositiveIntegerField",
            "PositiveSmallIntegerField",
            "PositiveBigIntegerField",
            "AutoField",
            "BigAutoField",
            "SmallAutoField",
        )
        if lt in numeric and rt in numeric:
            return fields.IntegerField()
        if {lt, rt} <= {*numeric, "FloatField"}:
            return fields.FloatField()
        if {lt, rt} <= {*numeric, "DecimalField"}:
            return fields.DecimalField()
        if {lt, rt} <= {*numeric, "DecimalField", "FloatField"}:
            return fields.FloatField()
        raise FieldError(
            f"Cannot infer type of {self.connector!r} expression involving these types: "
            f"{lhs_f.__class__.__name__}, {rhs_f.__class__.__name__}. You must set "
            f"output_field."
        )

    def as_sql(self, compiler, connection):
        lhs_type = self.lhs._output_field_or_none
        rhs_type = self.rhs._output_field_or_none
        lt = lhs_type.get_internal_type() if lhs_type is not None else None
        rt = rhs_type.get_internal_type() if rhs_type is not None else None
        temporal = {"DateField", "DateTimeField", "TimeField"}
        if connection.vendor == "sqlite" and (
            (lt in temporal and rt == "DurationField")
            or (lt == "DurationField" and rt in temporal)
            or (lt in temporal and rt in temporal and self.connector == self.SUB)
        ):
            lhs_sql, lhs_params = compiler.compile(self.lhs)
            rhs_sql, rhs_params = compiler.compile(self.rhs)
            return (
                f"framework_format_dtdelta(%s, {lhs_sql}, {rhs_sql}, %s, %s)",
                (self.connector, *lhs_params, *rhs_params, lt, rt),
            )
        expressions = []
        params: list = []
        for expr in (self.lhs, self.rhs):
            sql, p = compiler.compile(expr)
            expressions.append(sql)
            params.extend(p)
        sql = connection.ops.combine_expression(self.connector, expressions)
        return f"({sql})", params

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        c = self.copy()
        c.is_summary = summarize
        c.lhs = self.lhs.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        c.rhs = self.rhs.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return c


class F(Combinable):
    """A reference to a field (or annotation) of the model being queried."""

    contains_aggregate = False
    contains_over_clause = False

    def __init__(self, name: str):
        self.name = name

    def __repr__(self):
        return f"{self.__class__.__name__}({self.name})"

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        return query.resolve_ref(self.name, allow_joins, reuse, summarize)

    def replace_expressions(self, replacements):
        return replacements.get(self, self)

    def asc(self, **kwargs):
        return OrderBy(self, **kwargs)

    def desc(self, **kwargs):
        return OrderBy(self, descending=True, **kwargs)

    def __eq__(self, other):
        return self.__class__ == other.__class__ and self.name == other.name

    def __hash__(self):
        return hash(self.name)

    def copy(self):
        return copy.copy(self)


class ResolvedOuterRef(F):
    """An OuterRef after the inner query resolved it; the outer query resolves it later."""

    contains_aggregate = False
    contains_over_clause = False

    def as_sql(self, *args, **kwargs):
        raise ValueError(
            "This queryset contains a reference to an outer query and may only be used "
            "in a subquery."
        )

    def resolve_expression(self, *args, **kwargs):
        col = super().resolve_expression(*args, **kwargs)
        if getattr(col, "contains_over_clause", False):
            raise FieldError(
                f"Referencing outer query window expression is not supported: {self.name}."
            )
        col.possibly_multivalued = LOOKUP_SEP in self.name
        return col

    def relabeled_clone(self, relabels):
        return self

    def get_group_by_cols(self):
        return []


class OuterRef(F):
    """A reference to a field of the outer query, inside a Subquery/Exists."""

    contains_aggregate = False
    contains_over_clause = False

    def resolve_expression(self, *args, **kwargs):
        if isinstance(self.name, self.__class__):
            return self.name
        return ResolvedOuterRef(self.name)

    def relabeled_clone(self, relabels):
        return self


class Func(SQLiteNumericMixin, Expression):
    """An SQL function call: ``function(expr, expr ...)`` (subclass for named functions)."""

    function: str | None = None
    template = "%(function)s(%(expressions)s)"
    arg_joiner = ", "
    arity: int | None = None

    def __init__(self, *expressions, output_field=None, **extra):
        if self.arity is not None and len(expressions) != self.arity:
            raise TypeError(
                f"{self.__class__.__name__!r} takes exactly {self.arity} argument"
                f"{'' if self.arity == 1 else 's'} ({len(expressions)} given)"
            )
        super().__init__(output_field=output_field)
        self.source_expressions = self._parse_expressions(*expressions)
        self.extra = extra

    def __repr__(self):
        args = self.arg_joiner.join(str(arg) for arg in self.source_expressions)
        extra = {**self.extra, **self._get_repr_options()}
        if extra:
            extra_s = ", ".join(f"{k}={v!r}" for k, v in sorted(extra.items()))
            return f"{self.__class__.__name__}({args}, {extra_s})"
        return f"{self.__class__.__name__}({args})"

    def _get_repr_options(self):
        return {}

    def get_source_expressions(self):
        return self.source_expressions

    def set_source_expressions(self, exprs):
        self.source_expressions = list(exprs)

    def as_sql(
        self, compiler, connection, function=None, template=None, arg_joiner=None, **extra_context
    ):
        connection.ops.check_expression_support(self)
        sql_parts = []
        params: list = []
        for arg in self.source_expressions:
            try:
                arg_sql, arg_params = compiler.compile(arg)
            except EmptyResultSet:
                empty_result_set_value = getattr(arg, "empty_result_set_value", NotImplemented)
                if empty_result_set_value is NotImplemented:
                    raise
                arg_sql, arg_params = compiler.compile(Value(empty_result_set_value))
            except FullResultSet:
                arg_sql, arg_params = compiler.compile(Value(True))
            sql_parts.append(arg_sql)
            params.extend(arg_params)
        data = {**self.extra, **extra_context}
        if function is not None:
            data["function"] = function
        else:
            data.setdefault("function", self.function)
        template = template or data.get("template", self.template)
        arg_joiner = arg_joiner or data.get("arg_joiner", self.arg_joiner)
        data["expressions"] = data["field"] = arg_joiner.join(sql_parts)
        return template % data, params

    def copy(self):
        copy_ = super().copy()
        copy_.source_expressions = self.source_expressions[:]
        copy_.extra = self.extra.copy()
        return copy_


class Value(SQLiteNumericMixin, Expression):
    """A literal value, sent as a query parameter."""

    for_save = False

    def __init__(self, value, output_field=None):
        super().__init__(output_field=output_field)
        self.value = value

    def __repr__(self):
        return f"{self.__class__.__name__}({self.value!r})"

    def as_sql(self, compiler, connection):
        connection.ops.check_expression_support(self)
        val = self.value
        output_field = self._output_field_or_none
        if output_field is not None:
            if self.for_save:
                val = output_field.get_db_prep_save(val, connection=connection)
            else:
                val = output_field.get_db_prep_value(val, connection=connection)
            if hasattr(output_field, "get_placeholder"):
                return output_field.get_placeholder(val, compiler, connection), [val]
        else:
            val = connection.ops.adapt_unknown_value(val)
        if val is None:
            return "NULL", []
        return "%s", [val]

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        c = super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        c.for_save = for_save
        return c

    def get_group_by_cols(self):
        return []

    def _resolve_output_field(self):
        fields = _fields()
        value = self.value
        if isinstance(value, str):
            return fields.CharField()
        if isinstance(value, bool):
            return fields.BooleanField()
        if isinstance(value, int):
            return fields.IntegerField()
        if isinstance(value, float):
            return fields.FloatField()
        if isinstance(value, datetime.datetime):
            return fields.DateTimeField()
        if isinstance(value, datetime.date):
            return fields.DateField()
        if isinstance(value, datetime.time):
            return fields.TimeField()
        if isinstance(value, datetime.timedelta):
            return fields.DurationField()
        if isinstance(value, decimal.Decimal):
            return fields.DecimalField()
        if isinstance(value, bytes):
            return fields.BinaryField()
        if isinstance(value, uuid.UUID):
            return fields.UUIDField()
        return None

    @property
    def empty_result_set_value(self):
        return self.value


class DurationValue(Value):
    def as_sql(self, compiler, connection):
        if connection.features.has_native_duration_field:
            return super().as_sql(compiler, connection)
        return "%s", [self.value // datetime.timedelta(microseconds=1)]


class DatabaseDefault(Expression):
    """The column's db_default: DEFAULT in INSERT where supported, else the expression."""

    def __init__(self, expression, output_field=None):
        super().__init__(output_field)
        self.expression = expression

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        resolved = self.expression.resolve_expression(
            query, allow_joins, reuse, summarize, for_save
        )
        if not for_save:
            return resolved
        return DatabaseDefault(resolved, output_field=self._output_field_or_none)

    def as_sql(self, compiler, connection):
        if connection.features.supports_default_keyword_in_insert and connection.vendor != "sqlite":
            return "DEFAULT", []
        return compiler.compile(self.expression)


class RawSQL(Expression):
    """Raw SQL with its own params (``RawSQL('x + %s', [1])``); the SQL is trusted."""

    def __init__(self, sql, params, output_field=None):
        if output_field is None:
            output_field = _fields().Field()
        self.sql, self.params = sql, params
        super().__init__(output_field=output_field)

    def __repr__(self):
        return f"{self.__class__.__name__}({self.sql}, {self.params})"

    def as_sql(self, compiler, connection):
        return f"({self.sql})", self.params

    def get_group_by_cols(self):
        return [self]


class Star(Expression):
    def __repr__(self):
        return "'*'"

    def as_sql(self, compiler, connection):
        return "*", []


class Col(Expression):
    """A column of a table alias."""

    contains_column_references = True
    possibly_multivalued = False

    def __init__(self, alias, target, output_field=None):
        if output_field is None:
            output_field = target
        super().__init__(output_field=output_field)
        self.alias, self.target = alias, target

    def __repr__(self):
        alias, target = self.alias, self.target
        identifiers = (alias, str(target)) if alias else (str(target),)
        return f"{self.__class__.__name__}({', '.join(identifiers)})"

    def as_sql(self, compiler, connection):
        alias, column = self.alias, self.target.column
        qn = compiler.quote_name_unless_alias
        if alias is None:
            return qn(column), []
        return f"{qn(alias)}.{qn(column)}", []

    def relabeled_clone(self, relabels):
        if self.alias not in relabels:
            return self
        return self.__class__(relabels[self.alias], self.target, self.output_field)

    def get_group_by_cols(self):
        return [self]

    def get_db_converters(self, connection):
        if self.target == self.output_field:
            return self.output_field.get_db_converters(connection)
        return self.output_field.get_db_converters(connection) + self.target.get_db_converters(
            connection
        )

    @cached_property
    def convert_value(self):
        return self._convert_value_noop

    @cached_property
    def identity(self):
        return (
            Col,
            self.alias,
            self.target.model,
            self.target.name,
            id(self.output_field) if self.output_field is not self.target else None,
        )


class Ref(Expression):
    """A reference to a selected column alias (used by ORDER BY / GROUP BY)."""

    def __init__(self, refs, source):
        super().__init__()
        self.refs, self.source = refs, source

    def __repr__(self):
        return f"{self.__class__.__name__}({self.refs}, {self.source})"

    def get_source_expressions(self):
        return [self.source]

    def set_source_expressions(self, exprs):
        (self.source,) = exprs

    def resolve_expression(self, *args, **kwargs):
        return self

    def get_refs(self):
        return {self.refs}

    def relabeled_clone(self, relabels):
        clone = self.copy()
        clone.source = self.source.relabeled_clone(relabels)
        return clone

    def as_sql(self, compiler, connection):
        return connection.ops.quote_name(self.refs), []

    def get_group_by_cols(self):
        return [self]


class ExpressionList(Func):
    """Comma-separated expressions (used for ORDER BY inside window clauses)."""

    template = "%(expressions)s"

    def __str__(self):
        return self.arg_joiner.join(str(arg) for arg in self.source_expressions)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, **extra_context)


class OrderByList(ExpressionList):
    template = "ORDER BY %(expressions)s"

    def __init__(self, *expressions, **extra):
        expressions = (
            (
                OrderBy(F(expr[1:]), descending=True)
                if isinstance(expr, str) and expr[0] == "-"
                else expr
            )
            for expr in expressions
        )
        super().__init__(*expressions, **extra)


class ExpressionWrapper(SQLiteNumericMixin, Expression):
    """Wrap an expression to give it an output_field."""

    def __init__(self, expression, output_field):
        super().__init__(output_field=output_field)
        self.expression = expression

    def set_source_expressions(self, exprs):
        self.expression = exprs[0]

    def get_source_expressions(self):
        return [self.expression]

    def get_group_by_cols(self):
        if isinstance(self.expression, Expression):
            expression = self.expression.copy()
            expression.output_field = self.output_field
            return expression.get_group_by_cols()
        return super().get_group_by_cols()

    def as_sql(self, compiler, connection):
        return compiler.compile(self.expression)

    def __repr__(self):
        return f"{self.__class__.__name__}({self.expression})"


class NegatedExpression(ExpressionWrapper):
    """``~expression`` for conditional expressions (``~Exists(...)``)."""

    def __init__(self, expression):
        super().__init__(expression, output_field=_fields().BooleanField())

    def __invert__(self):
        return self.expression.copy()

    def as_sql(self, compiler, connection):
        try:
            sql, params = super().as_sql(compiler, connection)
        except EmptyResultSet:
            raise FullResultSet
        return f"NOT {sql}", params

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        resolved = super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        if not getattr(resolved.expression, "conditional", False):
            raise TypeError("Cannot negate non-conditional expressions.")
        return resolved


class OrderBy(Expression):
    """``expression ASC|DESC [NULLS FIRST|LAST]``."""

    template = "%(expression)s %(ordering)s"
    conditional = False

    def __init__(self, expression, descending=False, nulls_first=None, nulls_last=None):
        if nulls_first and nulls_last:
            raise ValueError("nulls_first and nulls_last are mutually exclusive")
        if nulls_first is False or nulls_last is False:
            raise ValueError("nulls_first and nulls_last values must be True or None.")
        self.nulls_first = nulls_first
        self.nulls_last = nulls_last
        self.descending = descending
        if not hasattr(expression, "resolve_expression"):
            raise ValueError("expression must be an expression type")
        self.expression = expression

    def __repr__(self):
        return f"{self.__class__.__name__}({self.expression}, descending={self.descending})"

    def set_source_expressions(self, exprs):
        self.expression = exprs[0]

    def get_source_expressions(self):
        return [self.expression]

    def as_sql(self, compiler, connection, template=None, **extra_context):
        template = template or self.template
        if connection.features.supports_order_by_nulls_modifier:
            if self.nulls_last:
                template = f"{template} NULLS LAST"
            elif self.nulls_first:
                template = f"{template} NULLS FIRST"
        else:
            if self.nulls_last and not (
                self.descending and connection.features.order_by_nulls_first
            ):
                template = f"%(expression)s IS NULL, {template}"
            elif self.nulls_first and not (
                not self.descending and connection.features.order_by_nulls_first
            ):
                template = f"%(expression)s IS NOT NULL, {template}"
        connection.ops.check_expression_support(self)
        expression_sql, params = compiler.compile(self.expression)
        placeholders = {
            "expression": expression_sql,
            "ordering": "DESC" if self.descending else "ASC",
            **extra_context,
        }
        params = params * template.count("%(expression)s")
        return (template % placeholders).rstrip(), params

    def get_group_by_cols(self):
        cols = []
        for source in self.get_source_expressions():
            cols.extend(source.get_group_by_cols())
        return cols

    def reverse_ordering(self):
        self.descending = not self.descending
        if self.nulls_first:
            self.nulls_last = True
            self.nulls_first = None
        elif self.nulls_last:
            self.nulls_first = True
            self.nulls_last = None
        return self

    def asc(self):
        self.descending = False

    def desc(self):
        self.descending = True


# Split out to keep modules small; importable from here as in Django.
from framework.db.models.conditional import Case as Case  # noqa: E402
from framework.db.models.conditional import When as When  # noqa: E402
from framework.db.models.subqueries import Exists as Exists  # noqa: E402
from framework.db.models.subqueries import Subquery as Subquery  # noqa: E402
from framework.db.models.windows import RowRange as RowRange  # noqa: E402
from framework.db.models.windows import ValueRange as ValueRange  # noqa: E402
from framework.db.models.windows import Window as Window  # noqa: E402
from framework.db.models.windows import WindowFrame as WindowFrame  # noqa: E402
