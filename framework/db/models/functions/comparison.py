"""Comparison and conversion functions: Cast, Coalesce, Collate, Greatest, Least, NullIf."""

from __future__ import annotations

import re

from framework.db.models.expressions import Func


class Cast(Func):
    """``CAST(expression AS type)`` to the type of ``output_field``."""

    function = "CAST"
    template = "%(function)s(%(expressions)s AS %(db_type)s)"

    def __init__(self, expression, output_field):
        super().__init__(expression, output_field=output_field)

    def as_sql(self, compiler, connection, **extra_context):
        extra_context["db_type"] = self.output_field.cast_db_type(connection)
        return super().as_sql(compiler, connection, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)::%(db_type)s", **extra_context
        )


# Collation names reach the SQL quoted, but only plain names (letters, digits, _ and -).
_COLLATION_NAME = re.compile(r"[\w-]+")


class Collate(Func):
    """``expression COLLATE "collation"``: compare or sort with another collation."""

    function = "COLLATE"
    template = "%(expressions)s %(function)s %(collation)s"

    def __init__(self, expression, collation: str):
        if not (isinstance(collation, str) and _COLLATION_NAME.fullmatch(collation)):
            raise ValueError(
                f"Invalid collation name: {collation!r}; use a name of letters, digits, "
                f"'_' and '-' such as 'C' or 'und-x-icu'."
            )
        self.collation = collation
        super().__init__(expression)

    def as_sql(self, compiler, connection, **extra_context):
        extra_context.setdefault("collation", connection.ops.quote_name(self.collation))
        return super().as_sql(compiler, connection, **extra_context)


class Coalesce(Func):
    """The first non-null argument."""

    function = "COALESCE"

    def __init__(self, *expressions, **extra):
        if len(expressions) < 2:
            raise ValueError("Coalesce must take at least two expressions")
        super().__init__(*expressions, **extra)

    @property
    def empty_result_set_value(self):
        for expression in self.get_source_expressions():
            result = expression.empty_result_set_value
            if result is NotImplemented or result is not None:
                return result
        return None


class Greatest(Func):
    """The largest argument (SQLite: MAX with several arguments)."""

    function = "GREATEST"

    def __init__(self, *expressions, **extra):
        if len(expressions) < 2:
            raise ValueError("Greatest must take at least two expressions")
        super().__init__(*expressions, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sqlite(compiler, connection, function="MAX", **extra_context)


class Least(Func):
    """The smallest argument (SQLite: MIN with several arguments)."""

    function = "LEAST"

    def __init__(self, *expressions, **extra):
        if len(expressions) < 2:
            raise ValueError("Least must take at least two expressions")
        super().__init__(*expressions, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sqlite(compiler, connection, function="MIN", **extra_context)


class NullIf(Func):
    function = "NULLIF"
    arity = 2
