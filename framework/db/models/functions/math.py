"""Math functions."""

from __future__ import annotations

from framework.db.models.expressions import Func
from framework.db.models.fields import FloatField, IntegerField
from framework.db.models.lookups import Transform


class Abs(Transform):
    function = "ABS"
    lookup_name = "abs"


class Ceil(Transform):
    function = "CEILING"
    lookup_name = "ceil"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="CEIL", **extra_context)


class Floor(Transform):
    function = "FLOOR"
    lookup_name = "floor"


class Sqrt(Transform):
    function = "SQRT"
    lookup_name = "sqrt"
    output_field = FloatField()


class Mod(Func):
    function = "MOD"
    arity = 2


class Power(Func):
    function = "POWER"
    arity = 2


class Random(Func):
    function = "RANDOM"
    arity = 0
    output_field = FloatField()

    def get_group_by_cols(self):
        return []


class Round(Transform):
    function = "ROUND"
    lookup_name = "round"
    arity = None

    def __init__(self, expression, precision=0, **extra):
        super().__init__(expression, precision, **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        expression, precision = self.get_source_expressions()
        try:
            internal = expression.output_field.get_internal_type()
        except Exception:
            internal = None
        if internal != "FloatField":
            return self.as_sql(compiler, connection, **extra_context)
        # PostgreSQL has ROUND(numeric, int) but not ROUND(double precision, int).
        lhs_sql, lhs_params = compiler.compile(expression)
        prec_sql, prec_params = compiler.compile(precision)
        return f"ROUND(({lhs_sql})::numeric, {prec_sql})", (*lhs_params, *prec_params)

    def _resolve_output_field(self):
        source = self.get_source_expressions()[0]
        return source.output_field


__all__ = ["Abs", "Ceil", "Floor", "IntegerField", "Mod", "Power", "Random", "Round", "Sqrt"]
