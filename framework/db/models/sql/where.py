"""WhereNode: the AND/OR/XOR tree of lookups in a query's WHERE and HAVING clauses."""

from __future__ import annotations

import operator
from functools import reduce

from framework.core.exceptions import EmptyResultSet, FullResultSet
from framework.utils.functional import cached_property

AND = "AND"
OR = "OR"
XOR = "XOR"


class WhereNode:
    """Children are lookups, expressions or nested WhereNodes, joined by ``connector``."""

    default = AND
    resolved = False
    conditional = True
    contains_over_clause = False

    def __init__(self, children=None, connector=None, negated=False):
        self.children = list(children) if children else []
        self.connector = connector or self.default
        self.negated = negated

    @classmethod
    def create(cls, children=None, connector=None, negated=False):
        return cls(children, connector, negated)

    def __repr__(self):
        template = "(NOT (%s: %s))" if self.negated else "(%s: %s)"
        return (
            "<WhereNode: " + template % (self.connector, ", ".join(map(str, self.children))) + ">"
        )

    def __str__(self):
        template = "(NOT (%s: %s))" if self.negated else "(%s: %s)"
        return template % (self.connector, ", ".join(map(str, self.children)))

    def __bool__(self):
        return bool(self.children)

    def __len__(self):
        return len(self.children)

    def __contains__(self, other):
        return other in self.children

    def add(self, data, conn_type):
        """Add a child with ``conn_type``, flattening same-connector nodes."""
        if self.connector != conn_type:
            obj = self.copy()
            self.connector = conn_type
            self.children = [obj, data]
            return data
        if (
            isinstance(data, WhereNode)
            and not data.negated
            and (data.connector == conn_type or len(data) == 1)
        ):
            self.children.extend(data.children)
            return self
        self.children.append(data)
        return data

    def negate(self):
        self.negated = not self.negated

    def split_having_qualify(self, negated=False, must_group_by=False):
        """Split into (where, having, qualify) nodes by aggregate/window content."""
        if not self.contains_aggregate and not self.contains_over_clause:
            return self, None, None
        in_negated = negated ^ self.negated
        must_remain_connected = (
            (in_negated and self.connector == AND)
            or (not in_negated and self.connector == OR)
            or self.connector == XOR
        )
        if must_remain_connected and self.contains_aggregate and not self.contains_over_clause:
            return None, self, None
        where_parts, having_parts, qualify_parts = [], [], []
        for c in self.children:
            if hasattr(c, "split_having_qualify"):
                where_part, having_part, qualify_part = c.split_having_qualify(
                    in_negated, must_group_by
                )
                if where_part is not None:
                    where_parts.append(where_part)
                if having_part is not None:
                    having_parts.append(having_part)
                if qualify_part is not None:
                    qualify_parts.append(qualify_part)
            elif c.contains_over_clause:
                qualify_parts.append(c)
            elif c.contains_aggregate:
                having_parts.append(c)
            else:
                where_parts.append(c)
        where_node = self.create(where_parts, self.connector, self.negated) if where_parts else None
        having_node = (
            self.create(having_parts, self.connector, self.negated) if having_parts else None
        )
        qualify_node = (
            self.create(qualify_parts, self.connector, self.negated) if qualify_parts else None
        )
        return where_node, having_node, qualify_node

    def as_sql(self, compiler, connection):
        """Return (sql, params); EmptyResultSet/FullResultSet for constant conditions."""
        result = []
        result_params: list = []
        if self.connector == AND:
            full_needed, empty_needed = len(self.children), 1
        else:
            full_needed, empty_needed = 1, len(self.children)
        if self.connector == XOR and not connection.features.__dict__.get(
            "supports_logical_xor", False
        ):
            # a XOR b XOR ... == (a OR b OR ...) AND (a + b + ...) % 2 == 1
            from framework.db.models.expressions import Case, When
            from framework.db.models.lookups import Exact

            lhs = self.__class__(self.children, OR)
            rhs_sum = reduce(
                operator.add,
                (Case(When(c, then=1), default=0) for c in self.children),
            )
            if len(self.children) > 2:
                rhs_sum = rhs_sum % 2
            rhs = Exact(1, rhs_sum)
            return self.__class__([lhs, rhs], AND, self.negated).as_sql(compiler, connection)
        for child in self.children:
            try:
                sql, params = compiler.compile(child)
            except EmptyResultSet:
                empty_needed -= 1
            except FullResultSet:
                full_needed -= 1
            else:
                if sql:
                    result.append(sql)
                    result_params.extend(params)
                else:
                    full_needed -= 1
            if empty_needed == 0:
                if self.negated:
                    raise FullResultSet
                raise EmptyResultSet
            if full_needed == 0:
                if self.negated:
                    raise EmptyResultSet
                raise FullResultSet
        conn = f" {self.connector} "
        sql_string = conn.join(result)
        if not sql_string:
            raise FullResultSet
        if self.negated:
            sql_string = f"NOT ({sql_string})"
        elif len(result) > 1 or self.resolved:
            sql_string = f"({sql_string})"
        return sql_string, result_params

    def get_group_by_cols(self):
        cols = []
        for child in self.children:
            cols.extend(child.get_group_by_cols())
        return cols

    def get_source_expressions(self):
        return self.children[:]

    def set_source_expressions(self, children):
        assert len(children) == len(self.children)
        self.children = children

    def relabel_aliases(self, change_map):
        for pos, child in enumerate(self.children):
            if hasattr(child, "relabel_aliases"):
                child.relabel_aliases(change_map)
            elif hasattr(child, "relabeled_clone"):
                self.children[pos] = child.relabeled_clone(change_map)

    def clone(self):
        clone = self.create(connector=self.connector, negated=self.negated)
        for child in self.children:
            if hasattr(child, "clone"):
                child = child.clone()
            clone.children.append(child)
        return clone

    copy = clone

    def relabeled_clone(self, change_map):
        clone = self.clone()
        clone.relabel_aliases(change_map)
        return clone

    def replace_expressions(self, replacements):
        if replacement := replacements.get(self):
            return replacement
        clone = self.create(connector=self.connector, negated=self.negated)
        for child in self.children:
            clone.children.append(child.replace_expressions(replacements))
        return clone

    def get_refs(self):
        refs = set()
        for child in self.children:
            refs |= child.get_refs()
        return refs

    @classmethod
    def _contains_aggregate(cls, obj):
        if isinstance(obj, WhereNode):
            return any(cls._contains_aggregate(c) for c in obj.children)
        return obj.contains_aggregate

    @cached_property
    def contains_aggregate(self):
        return self._contains_aggregate(self)

    @classmethod
    def _contains_over_clause(cls, obj):
        if isinstance(obj, WhereNode):
            return any(cls._contains_over_clause(c) for c in obj.children)
        return obj.contains_over_clause

    @cached_property
    def contains_over_clause(self):  # noqa: F811 - instance-level override of the default
        return self._contains_over_clause(self)

    @property
    def is_summary(self):
        return any(child.is_summary for child in self.children)

    @staticmethod
    def _resolve_leaf(expr, query, *args, **kwargs):
        if hasattr(expr, "resolve_expression"):
            expr = expr.resolve_expression(query, *args, **kwargs)
        return expr

    @classmethod
    def _resolve_node(cls, node, query, *args, **kwargs):
        if hasattr(node, "children"):
            for child in node.children:
                cls._resolve_node(child, query, *args, **kwargs)
        if hasattr(node, "lhs"):
            node.lhs = cls._resolve_leaf(node.lhs, query, *args, **kwargs)
        if hasattr(node, "rhs"):
            node.rhs = cls._resolve_leaf(node.rhs, query, *args, **kwargs)

    def resolve_expression(self, *args, **kwargs):
        clone = self.clone()
        clone._resolve_node(clone, *args, **kwargs)
        clone.resolved = True
        return clone

    @cached_property
    def output_field(self):
        from framework.db.models.fields import BooleanField

        return BooleanField()

    @property
    def _output_field_or_none(self):
        return self.output_field

    def select_format(self, compiler, sql, params):
        if not compiler.connection.features.supports_boolean_expr_in_select_clause:
            sql = f"CASE WHEN {sql} THEN 1 ELSE 0 END"
        return sql, params

    def get_db_converters(self, connection):
        return self.output_field.get_db_converters(connection)

    def get_lookup(self, lookup):
        return self.output_field.get_lookup(lookup)

    def leaves(self):
        for child in self.children:
            if isinstance(child, WhereNode):
                yield from child.leaves()
            else:
                yield child

    def flatten(self):
        yield self
        for child in self.children:
            if hasattr(child, "flatten"):
                yield from child.flatten()
            else:
                yield child


class NothingNode:
    """A condition that matches nothing (``none()``)."""

    contains_aggregate = False
    contains_over_clause = False

    def as_sql(self, compiler=None, connection=None):
        raise EmptyResultSet

    def get_refs(self):
        return set()

    def get_group_by_cols(self):
        return []


class ExtraWhere:
    """Raw WHERE fragments (``extra(where=[...])``): trusted SQL, params separate."""

    contains_aggregate = False
    contains_over_clause = False

    def __init__(self, sqls, params):
        self.sqls = sqls
        self.params = params

    def as_sql(self, compiler=None, connection=None):
        sqls = [f"({sql})" for sql in self.sqls]
        return " AND ".join(sqls), list(self.params or ())

    def get_refs(self):
        return set()

    def get_group_by_cols(self):
        return []


class SubqueryConstraint:
    contains_aggregate = False
    contains_over_clause = False
