"""Subquery expressions: ``Subquery(queryset)`` and ``Exists(queryset)``."""

from __future__ import annotations

from framework.db.models.expressions import BaseExpression, Combinable, NegatedExpression, _fields
from framework.utils.functional import cached_property


class Subquery(BaseExpression, Combinable):
    """A queryset used as a value: ``Subquery(qs.values('x')[:1])``."""

    template = "(%(subquery)s)"
    contains_aggregate = False
    empty_result_set_value = None
    subquery = True
    contains_subquery = True

    def __init__(self, queryset, output_field=None, **extra):
        self.query = getattr(queryset, "query", queryset).clone()
        self.query.subquery = True
        self.extra = extra
        super().__init__(output_field)

    def get_source_expressions(self):
        return [self.query]

    def set_source_expressions(self, exprs):
        self.query = exprs[0]

    def _resolve_output_field(self):
        return self.query.output_field

    def copy(self):
        clone = super().copy()
        clone.query = clone.query.clone()
        return clone

    @property
    def external_aliases(self):
        return self.query.external_aliases

    def get_external_cols(self):
        return self.query.get_external_cols()

    def as_sql(self, compiler, connection, template=None, **extra_context):
        connection.ops.check_expression_support(self)
        template_params = {**self.extra, **extra_context}
        subquery_sql, sql_params = self.query.as_sql(compiler, connection)
        template_params["subquery"] = subquery_sql[1:-1]
        template = template or template_params.get("template", self.template)
        return template % template_params, sql_params

    def get_group_by_cols(self):
        return self.query.get_group_by_cols(wrapper=self)


class Exists(Subquery):
    """``EXISTS(subquery)``, a boolean expression usable in filter() and annotate()."""

    template = "EXISTS(%(subquery)s)"
    empty_result_set_value = False

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, **kwargs)
        self.query = self.query.exists()

    def __invert__(self):
        return NegatedExpression(self)

    @cached_property
    def output_field(self):
        return _fields().BooleanField()

    def select_format(self, compiler, sql, params):
        if not compiler.connection.features.supports_boolean_expr_in_select_clause:
            sql = f"CASE WHEN {sql} THEN 1 ELSE 0 END"
        return sql, params
