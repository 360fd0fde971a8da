"""FROM-clause nodes: the base table and joins."""

from __future__ import annotations

from collections import namedtuple

INNER = "INNER JOIN"
LOUTER = "LEFT OUTER JOIN"

# What setup_joins() returns.
JoinInfo = namedtuple(
    "JoinInfo", ("final_field", "targets", "opts", "joins", "path", "transform_function")
)


class MultiJoin(Exception):
    """A path crossed a multi-valued relation where that is not allowed (exclude())."""

    def __init__(self, names_pos, path_with_names):
        self.level = names_pos
        self.names_with_path = path_with_names


class Empty:
    pass


class Join:
    """``<join_type> table alias ON parent.col = alias.col`` for one relation hop."""

    def __init__(
        self,
        table_name,
        parent_alias,
        table_alias,
        join_type,
        join_field,
        nullable,
        filtered_relation=None,
    ):
        self.table_name = table_name
        self.parent_alias = parent_alias
        self.table_alias = table_alias
        self.join_type = join_type
        self.join_cols = join_field.get_joining_columns()
        self.join_field = join_field
        self.nullable = nullable
        self.filtered_relation = filtered_relation

    def as_sql(self, compiler, connection):
        qn = compiler.quote_name_unless_alias
        join_conditions = []
        params: list = []
        for lhs_col, rhs_col in self.join_cols:
            join_conditions.append(
                f"{qn(self.parent_alias)}.{qn(lhs_col)} = {qn(self.table_alias)}.{qn(rhs_col)}"
            )
        # The relation's own restriction (GenericRelation's content type), as Django does.
        extra_cond = self.join_field.get_extra_restriction(self.table_alias, self.parent_alias)
        if extra_cond is not None:
            extra_sql, extra_params = compiler.compile(extra_cond)
            join_conditions.append(extra_sql)
            params.extend(extra_params)
        if self.filtered_relation:
            extra_sql, extra_params = compiler.compile(self.filtered_relation.resolved_condition)
            if extra_sql:
                join_conditions.append(f"({extra_sql})")
                params.extend(extra_params)
        on_clause_sql = " AND ".join(join_conditions)
        alias_str = "" if self.table_alias == self.table_name else f" {qn(self.table_alias)}"
        sql = f"{self.join_type} {qn(self.table_name)}{alias_str} ON ({on_clause_sql})"
        return sql, params

    def relabeled_clone(self, change_map):
        new_parent_alias = change_map.get(self.parent_alias, self.parent_alias)
        new_table_alias = change_map.get(self.table_alias, self.table_alias)
        filtered_relation = self.filtered_relation
        clone = self.__class__(
            self.table_name,
            new_parent_alias,
            new_table_alias,
            self.join_type,
            self.join_field,
            self.nullable,
            filtered_relation=filtered_relation,
        )
        return clone

    @property
    def identity(self):
        return (
            self.__class__,
            self.table_name,
            self.parent_alias,
            id(self.join_field),
            self.filtered_relation and self.filtered_relation.alias,
        )

    def __eq__(self, other):
        if not isinstance(other, Join):
            return NotImplemented
        return self.identity == other.identity

    def __hash__(self):
        return hash(self.identity)

    def equals(self, other):
        return self.identity == other.identity

    def demote(self):
        new = self.relabeled_clone({})
        new.join_type = INNER
        return new

    def promote(self):
        new = self.relabeled_clone({})
        new.join_type = LOUTER
        return new

    def __repr__(self):
        return f"{self.__class__.__name__}({self.join_type} {self.table_name} {self.table_alias})"


class BaseTable:
    """The first table of FROM (no join condition)."""

    join_type = None
    parent_alias = None
    filtered_relation = None

    def __init__(self, table_name, alias):
        self.table_name = table_name
        self.table_alias = alias

    def as_sql(self, compiler, connection):
        alias_str = (
            ""
            if self.table_alias == self.table_name
            else (f" {compiler.quote_name_unless_alias(self.table_alias)}")
        )
        base_sql = compiler.quote_name_unless_alias(self.table_name)
        return base_sql + alias_str, []

    def relabeled_clone(self, change_map):
        return self.__class__(self.table_name, change_map.get(self.table_alias, self.table_alias))

    @property
    def identity(self):
        return self.__class__, self.table_name, self.table_alias

    def __eq__(self, other):
        if not isinstance(other, BaseTable):
            return NotImplemented
        return self.identity == other.identity

    def __hash__(self):
        return hash(self.identity)

    def equals(self, other):
        return self.identity == other.identity
