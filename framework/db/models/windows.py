"""Window expressions: ``Window(expression, partition_by=..., order_by=..., frame=...)``."""

from __future__ import annotations

from framework.db.models.expressions import (
    BaseExpression,
    Expression,
    ExpressionList,
    F,
    OrderByList,
    SQLiteNumericMixin,
    Value,
)


class Window(SQLiteNumericMixin, Expression):
    """``expression OVER (PARTITION BY ... ORDER BY ... frame)``."""

    template = "%(expression)s OVER (%(window)s)"
    contains_aggregate = False
    contains_over_clause = True

    def __init__(self, expression, partition_by=None, order_by=None, frame=None, output_field=None):
        self.partition_by = partition_by
        self.order_by = order_by
        self.frame = frame
        if not getattr(expression, "window_compatible", False):
            raise ValueError(
                f"Expression {expression.__class__.__name__!r} isn't compatible with OVER clauses."
            )
        if self.partition_by is not None:
            if not isinstance(self.partition_by, (tuple, list)):
                self.partition_by = (self.partition_by,)
            self.partition_by = ExpressionList(*self.partition_by)
        if self.order_by is not None:
            if isinstance(self.order_by, (list, tuple)):
                self.order_by = OrderByList(*self.order_by)
            elif isinstance(self.order_by, (BaseExpression, str, F)):
                self.order_by = OrderByList(self.order_by)
            else:
                raise ValueError(
                    "Window.order_by must be either a string reference to a "
                    "field, an expression, or a list or tuple of them."
                )
        super().__init__(output_field=output_field)
        self.source_expression = self._parse_expressions(expression)[0]

    def _resolve_output_field(self):
        return self.source_expression.output_field

    def get_source_expressions(self):
        return [self.source_expression, self.partition_by, self.order_by, self.frame]

    def set_source_expressions(self, exprs):
        self.source_expression, self.partition_by, self.order_by, self.frame = exprs

    def as_sql(self, compiler, connection, template=None):
        connection.ops.check_expression_support(self)
        expr_sql, params = compiler.compile(self.source_expression)
        window_sql, window_params = [], []
        if self.partition_by is not None:
            sql_expr, sql_params = self.partition_by.as_sql(
                compiler=compiler, connection=connection, template="PARTITION BY %(expressions)s"
            )
            window_sql.append(sql_expr)
            window_params.extend(sql_params)
        if self.order_by is not None:
            order_sql, order_params = compiler.compile(self.order_by)
            window_sql.append(order_sql)
            window_params.extend(order_params)
        if self.frame:
            frame_sql, frame_params = compiler.compile(self.frame)
            window_sql.append(frame_sql)
            window_params.extend(frame_params)
        template = template or self.template
        return template % {"expression": expr_sql, "window": " ".join(window_sql).strip()}, [
            *params,
            *window_params,
        ]

    def __str__(self):
        return f"{self.source_expression} OVER ({self.partition_by or ''} {self.order_by or ''})"

    def __repr__(self):
        return f"<{self.__class__.__name__}: {self}>"

    def get_group_by_cols(self):
        group_by_cols = []
        if self.partition_by:
            group_by_cols.extend(self.partition_by.get_group_by_cols())
        if self.order_by is not None:
            group_by_cols.extend(self.order_by.get_group_by_cols())
        return group_by_cols


class WindowFrame(Expression):
    """ROWS/RANGE BETWEEN start AND end."""

    template = "%(frame_type)s BETWEEN %(start)s AND %(end)s"
    frame_type = ""

    def __init__(self, start=None, end=None, exclusion=None):
        self.start = Value(start)
        self.end = Value(end)
        self.exclusion = exclusion

    def set_source_expressions(self, exprs):
        self.start, self.end = exprs

    def get_source_expressions(self):
        return [self.start, self.end]

    def as_sql(self, compiler, connection):
        connection.ops.check_expression_support(self)
        start, end = self.window_frame_start_end(connection, self.start.value, self.end.value)
        return self.template % {"frame_type": self.frame_type, "start": start, "end": end}, []

    def get_group_by_cols(self):
        return []

    def window_frame_start_end(self, connection, start, end):
        raise NotImplementedError


class RowRange(WindowFrame):
    frame_type = "ROWS"

    def window_frame_start_end(self, connection, start, end):
        return connection.ops.window_frame_rows_start_end(start, end)


class ValueRange(WindowFrame):
    frame_type = "RANGE"

    def window_frame_start_end(self, connection, start, end):
        return connection.ops.window_frame_range_start_end(start, end)
