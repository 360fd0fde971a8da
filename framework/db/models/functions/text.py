"""Text functions."""

from __future__ import annotations

from framework.db.models.expressions import Func, Value
from framework.db.models.fields import CharField, IntegerField, TextField
from framework.db.models.functions.comparison import Coalesce
from framework.db.models.lookups import Transform


class Lower(Transform):
    function = "LOWER"
    lookup_name = "lower"


class Upper(Transform):
    function = "UPPER"
    lookup_name = "upper"


class Length(Transform):
    function = "LENGTH"
    lookup_name = "length"
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="CHAR_LENGTH", **extra_context)


class Trim(Transform):
    function = "TRIM"
    lookup_name = "trim"


class LTrim(Transform):
    function = "LTRIM"
    lookup_name = "ltrim"


class RTrim(Transform):
    function = "RTRIM"
    lookup_name = "rtrim"


class Reverse(Transform):
    function = "REVERSE"
    lookup_name = "reverse"


class MD5(Transform):
    function = "MD5"
    lookup_name = "md5"


class ConcatPair(Func):
    """Two-argument concatenation where NULL counts as ''."""

    function = "CONCAT"

    def as_sqlite(self, compiler, connection, **extra_context):
        coalesced = self.coalesce()
        return super(ConcatPair, coalesced).as_sql(
            compiler, connection, template="%(expressions)s", arg_joiner=" || ", **extra_context
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        copy = self.copy()
        copy.set_source_expressions(
            [_cast_text(expression) for expression in copy.get_source_expressions()]
        )
        return super(ConcatPair, copy).as_sql(compiler, connection, **extra_context)

    def coalesce(self):
        c = self.copy()
        c.set_source_expressions(
            [Coalesce(expression, Value("")) for expression in c.get_source_expressions()]
        )
        return c


def _cast_text(expression):
    from framework.db.models.functions.comparison import Cast

    return Cast(expression, TextField())


class Concat(Func):
    """Concatenate any number of expressions (NULL counts as '')."""

    function = None
    template = "%(expressions)s"

    def __init__(self, *expressions, **extra):
        if len(expressions) < 2:
            raise ValueError("Concat must take at least two expressions")
        paired = self._paired(expressions, extra.get("output_field"))
        super().__init__(paired, **extra)

    def _paired(self, expressions, output_field):
        if len(expressions) == 2:
            return ConcatPair(*expressions, output_field=output_field)
        return ConcatPair(
            expressions[0], self._paired(expressions[1:], output_field), output_field=output_field
        )


class Left(Func):
    function = "LEFT"
    arity = 2
    output_field = CharField()

    def __init__(self, expression, length, **extra):
        if not hasattr(length, "resolve_expression") and length < 1:
            raise ValueError("'length' must be greater than 0.")
        super().__init__(expression, length, **extra)

    def get_substr(self):
        return Substr(self.source_expressions[0], Value(1), self.source_expressions[1])

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.get_substr().as_sqlite(compiler, connection, **extra_context)


class Right(Left):
    function = "RIGHT"

    def get_substr(self):
        return Substr(
            self.source_expressions[0],
            self.source_expressions[1] * Value(-1),
            self.source_expressions[1],
        )


class LPad(Func):
    function = "LPAD"
    output_field = CharField()

    def __init__(self, expression, length, fill_text=None, **extra):
        fill_text = Value(" ") if fill_text is None else fill_text
        super().__init__(expression, length, fill_text, **extra)


class RPad(LPad):
    function = "RPAD"


class Replace(Func):
    function = "REPLACE"

    def __init__(self, expression, text, replacement=None, **extra):
        replacement = Value("") if replacement is None else replacement
        super().__init__(expression, text, replacement, **extra)


class StrIndex(Func):
    function = "INSTR"
    arity = 2
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="STRPOS", **extra_context)


class Substr(Func):
    function = "SUBSTRING"
    output_field = CharField()

    def __init__(self, expression, pos, length=None, **extra):
        if not hasattr(pos, "resolve_expression") and pos < 1:
            raise ValueError("'pos' must be greater than 0")
        expressions = [expression, pos]
        if length is not None:
            expressions.append(length)
        super().__init__(*expressions, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="SUBSTR", **extra_context)


CharField.register_lookup(Lower)
CharField.register_lookup(Upper)
CharField.register_lookup(Length)
TextField.register_lookup(Lower)
TextField.register_lookup(Upper)
TextField.register_lookup(Length)
