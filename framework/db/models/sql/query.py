"""Query: the tree a QuerySet builds (tables, joins, WHERE, select, ordering, limits).

It never holds SQL text; ``get_compiler()`` hands it to the backend's compiler.
"""

from __future__ import annotations

import copy
import re
from itertools import chain, count
from typing import Any

from framework.core.exceptions import FieldError
from framework.db import DEFAULT_DB_ALIAS, connections
from framework.db.models.constants import LOOKUP_SEP
from framework.db.models.expressions import (
    BaseExpression,
    Col,
    Ref,
    Value,
)
from framework.db.models.query_utils import Q
from framework.db.models.sql.datastructures import (
    INNER,
    BaseTable,
    Join,
    MultiJoin,
)
from framework.db.models.sql.filters import FilterMixin
from framework.db.models.sql.joins import JoinPromoter, JoinsMixin, get_field_names_from_opts
from framework.db.models.sql.where import AND, OR, WhereNode
from framework.utils.deferred import module_loader

_subqueries = module_loader("framework.db.models.sql.subqueries")  # it imports this one


_aggregates = module_loader("framework.db.models.aggregates")  # import cycle


# Aliases come from the user (annotate(**kwargs), values(**expressions)): refuse the
# characters that could end an identifier or start a comment (and NUL, which drivers
# would refuse with a database error instead of a clean ValueError).
# "%" too: psycopg2 would read it as a placeholder in the quoted alias.
FORBIDDEN_ALIAS_PATTERN = re.compile(r"['`\"\]\[;\s\x00%]|--|/\*|\*/")


def get_children_from_q(q):
    for child in q.children:
        if isinstance(child, Q):
            yield from get_children_from_q(child)
        else:
            yield child


class RawQuery:
    """``Manager.raw()``: trusted SQL with separate params."""

    def __init__(self, sql, using, params=()):
        self.params = params
        self.sql = sql
        self.using = using
        self.cursor = None

    def chain(self, using):
        return RawQuery(self.sql, using, self.params)

    def get_columns(self):
        if self.cursor is None:
            self._execute_query()
        converter = connections[self.using].introspection.identifier_converter
        return [converter(c[0]) for c in self.cursor.description]

    def __iter__(self):
        self._execute_query()
        return iter(self.cursor)

    def _execute_query(self):
        connection = connections[self.using]
        self.cursor = connection.cursor()
        self.cursor.execute(self.sql, self.params or None)

    def __str__(self):
        return self.sql % tuple(self.params) if self.params else self.sql


class Query(JoinsMixin, FilterMixin, BaseExpression):
    """A single SELECT (also the base of insert/update/delete queries)."""

    alias_prefix = "T"
    empty_result_set_value = None
    subq_aliases = frozenset([alias_prefix])
    compiler = "SQLCompiler"
    base_table_class = BaseTable
    join_class = Join
    default_cols = True
    default_ordering = True
    standard_ordering = True
    filter_is_sticky = False
    subquery = False
    select = ()
    group_by = None
    order_by = ()
    low_mark = 0
    high_mark = None
    distinct = False
    distinct_fields = ()
    select_for_update = False
    select_for_update_nowait = False
    select_for_update_skip_locked = False
    select_for_update_of = ()
    select_for_no_key_update = False
    select_related: Any = False
    has_select_fields_flag = False
    max_depth = 5
    values_select = ()
    annotation_select_mask = None
    _annotation_select_cache = None
    combinator = None
    combinator_all = False
    combined_queries = ()
    extra_select_mask = None
    _extra_select_cache = None
    extra_tables = ()
    extra_order_by = ()
    deferred_loading = (frozenset(), True)
    explain_info = None
    contains_aggregate_flag = False

    def __init__(self, model, alias_cols: bool = True):
        self.model = model
        self.alias_refcount: dict[str, int] = {}
        self.alias_map: dict[str, Any] = {}
        self.alias_cols = alias_cols
        self.external_aliases: dict[str, bool] = {}
        self.table_map: dict[str, list[str]] = {}
        self.used_aliases: set[str] = set()
        self.where = WhereNode()
        self.annotations: dict[str, Any] = {}
        self.extra: dict = {}
        self._filtered_relations: dict = {}

    @property
    def output_field(self):
        if len(self.select) == 1:
            select = self.select[0]
            return getattr(select, "target", None) or select.field
        if len(self.annotation_select) == 1:
            return next(iter(self.annotation_select.values())).output_field
        return None

    @property
    def has_select_fields(self) -> bool:
        return bool(self.select or self.annotation_select_mask or self.extra_select_mask)

    @property
    def base_table(self) -> str | None:
        for alias in self.alias_map:
            return alias
        return None

    def __str__(self) -> str:
        """The SQL with parameters interpolated, for debugging only (not executable)."""
        sql, params = self.sql_with_params()
        return sql % tuple(repr(p) for p in params)

    def sql_with_params(self):
        return self.get_compiler(DEFAULT_DB_ALIAS).as_sql()

    def __deepcopy__(self, memo):
        result = self.clone()
        memo[id(self)] = result
        return result

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        """Return the backend's compiler for this query."""
        if using is None and connection is None:
            raise ValueError("Need either using or connection")
        if using:
            connection = connections[using]
        return connection.ops.compiler(self.compiler)(self, connection, using, elide_empty)

    def get_meta(self):
        if self.model:
            return self.model._meta
        return None

    def clone(self):
        """A copy that can be changed without affecting this query."""
        obj = self.__class__.__new__(self.__class__)
        obj.__dict__ = self.__dict__.copy()
        obj.alias_refcount = self.alias_refcount.copy()
        obj.alias_map = self.alias_map.copy()
        obj.external_aliases = self.external_aliases.copy()
        obj.table_map = {k: v[:] for k, v in self.table_map.items()}
        obj.where = self.where.clone()
        obj.annotations = self.annotations.copy()
        if self.annotation_select_mask is not None:
            obj.annotation_select_mask = self.annotation_select_mask.copy()
        if self.combined_queries:
            obj.combined_queries = tuple(q.clone() for q in self.combined_queries)
        obj._annotation_select_cache = None
        obj.extra = self.extra.copy()
        obj._extra_select_cache = None
        if self.select_related is not False:
            obj.select_related = copy.deepcopy(self.select_related)
        if "subq_aliases" in self.__dict__:
            obj.subq_aliases = self.subq_aliases.copy()
        obj.used_aliases = self.used_aliases.copy()
        obj._filtered_relations = self._filtered_relations.copy()
        obj.__dict__.pop("base_table", None)
        return obj

    def chain(self, klass=None):
        """A clone prepared for the next QuerySet method (optionally of another class)."""
        obj = self.clone()
        if klass and obj.__class__ != klass:
            obj.__class__ = klass
            if hasattr(obj, "_setup_query"):
                obj._setup_query()
        if not obj.filter_is_sticky:
            obj.used_aliases = set()
        obj.filter_is_sticky = False
        return obj

    def relabeled_clone(self, change_map):
        clone = self.clone()
        clone.change_aliases(change_map)
        return clone

    def _get_col(self, target, field, alias):
        if not self.alias_cols:
            alias = None
        return target.get_col(alias, field)

    # -- aliases and joins --

    # -- subquery use --

    def resolve_expression(self, query, *args, **kwargs):
        """Prepare this query to be nested inside ``query`` (OuterRef resolution)."""
        clone = self.clone()
        clone.bump_prefix(query)
        clone.subquery = True
        resolved_where = clone.where.resolve_expression(query, *args, **kwargs)
        clone.where = resolved_where
        for key, value in clone.annotations.items():
            resolved = value.resolve_expression(query, *args, **kwargs)
            clone.annotations[key] = resolved
        clone._annotation_select_cache = None
        for alias, table in query.alias_map.items():
            clone.external_aliases[alias] = (
                isinstance(table, Join) and table.join_field.related_model._meta.db_table != alias
            ) or (isinstance(table, BaseTable) and table.table_name != table.table_alias)
        return clone

    def get_external_cols(self):
        exprs = chain(self.annotations.values(), self.where.children)
        return [
            col
            for col in self._gen_cols(exprs, include_external=True)
            if col.alias in self.external_aliases
        ]

    @classmethod
    def _gen_cols(cls, exprs, include_external=False):
        for expr in exprs:
            if isinstance(expr, Col):
                yield expr
            elif include_external and callable(getattr(expr, "get_external_cols", None)):
                yield from expr.get_external_cols()
            elif hasattr(expr, "get_source_expressions"):
                yield from cls._gen_cols(
                    expr.get_source_expressions(), include_external=include_external
                )

    def get_group_by_cols(self, wrapper=None):
        return [wrapper or self]

    def as_sql(self, compiler, connection):
        """Compile as a subquery: ``(SELECT ...)``."""
        sql, params = self.get_compiler(
            connection=connection, elide_empty=compiler.elide_empty
        ).as_sql()
        if self.subquery:
            sql = f"({sql})"
        return sql, params

    def relabeled_clone_for_subquery(self, change_map):
        return self.relabeled_clone(change_map)

    # -- resolving names --

    # -- annotations and select --

    def add_filtered_relation(self, filtered_relation, alias):
        """Register ``alias`` as a relation joined with an extra ON condition."""
        from framework.db.utils import NotSupportedError

        self.check_alias(alias)
        filtered_relation.alias = alias
        relation_name = filtered_relation.relation_name
        if LOOKUP_SEP in relation_name:
            raise NotSupportedError(
                f"FilteredRelation({relation_name!r}): nested relations are not supported; "
                f"name a relation of {self.model.__name__} itself."
            )
        self.get_meta().get_field(relation_name)
        for name in _condition_lookups(filtered_relation.condition):
            head = name.split(LOOKUP_SEP, 1)[0]
            if head != relation_name:
                raise ValueError(
                    f"FilteredRelation's condition doesn't support relations outside the "
                    f"{relation_name!r} (got {name!r})."
                )
        self._filtered_relations[alias] = filtered_relation

    def build_filtered_relation_q(self, q_object, reuse):
        """The WhereNode of a FilteredRelation condition, reusing the filtered join."""
        target = WhereNode(connector=q_object.connector, negated=q_object.negated)
        for child in q_object.children:
            if isinstance(child, Q):
                clause = self.build_filtered_relation_q(child, reuse)
            else:
                self._reuse_filtered_joins = True
                try:
                    clause, _ = self.build_filter(child, can_reuse=reuse, split_subq=False)
                finally:
                    self._reuse_filtered_joins = False
            target.add(clause, q_object.connector)
        return target

    def check_alias(self, alias):
        if FORBIDDEN_ALIAS_PATTERN.search(alias):
            raise ValueError(
                f"Column aliases cannot contain whitespace characters, quotation marks, "
                f"semicolons, percent signs, or SQL comments: {alias!r}."
            )

    def add_annotation(self, annotation, alias, select=True):
        """Resolve ``annotation`` and add it as ``alias`` (selected unless select=False)."""
        self.check_alias(alias)
        annotation = annotation.resolve_expression(self, allow_joins=True, reuse=None)
        if select:
            self.append_annotation_mask([alias])
        else:
            self.set_annotation_mask(set(self.annotation_select).difference({alias}))
        self.annotations[alias] = annotation

    def set_annotation_mask(self, names):
        if names is None:
            self.annotation_select_mask = None
        else:
            self.annotation_select_mask = list(dict.fromkeys(names))
        self._annotation_select_cache = None

    def append_annotation_mask(self, names):
        if self.annotation_select_mask is not None:
            self.set_annotation_mask([*self.annotation_select_mask, *names])

    @property
    def annotation_select(self) -> dict:
        """The annotations that are selected (in order)."""
        if self._annotation_select_cache is not None:
            return self._annotation_select_cache
        if not self.annotations:
            return {}
        if self.annotation_select_mask is not None:
            self._annotation_select_cache = {
                k: self.annotations[k] for k in self.annotation_select_mask if k in self.annotations
            }
            return self._annotation_select_cache
        return self.annotations

    @property
    def extra_select(self) -> dict:
        if self._extra_select_cache is not None:
            return self._extra_select_cache
        if not self.extra:
            return {}
        if self.extra_select_mask is not None:
            self._extra_select_cache = {
                k: v for k, v in self.extra.items() if k in self.extra_select_mask
            }
            return self._extra_select_cache
        return self.extra

    def clear_select_clause(self):
        self.select = ()
        self.default_cols = False
        self.select_related = False
        self.set_extra_mask(())
        self.set_annotation_mask(())

    def clear_select_fields(self):
        self.select = ()
        self.values_select = ()

    def add_select_col(self, col, name):
        self.select += (col,)
        self.values_select += (name,)

    def set_select(self, cols):
        self.default_cols = False
        self.select = tuple(cols)

    def set_extra_mask(self, names):
        self.extra_select_mask = None if names is None else set(names)
        self._extra_select_cache = None

    def add_fields(self, field_names, allow_m2m=True):
        """Select the named fields (relation paths allowed); FieldError names bad ones."""
        alias = self.get_initial_alias()
        opts = self.get_meta()
        try:
            cols = []
            for name in field_names:
                join_info = self.setup_joins(
                    name.split(LOOKUP_SEP), opts, alias, allow_many=allow_m2m
                )
                targets, final_alias, joins = self.trim_joins(
                    join_info.targets, join_info.joins, join_info.path
                )
                for target in targets:
                    cols.append(join_info.transform_function(target, final_alias))
            if cols:
                self.set_select(cols)
        except MultiJoin:
            raise FieldError(f"Invalid field name: '{name}'") from None
        except FieldError:
            if LOOKUP_SEP in name:
                raise
            if name in self.annotation_select:
                raise FieldError(
                    f"Cannot select the '{name}' alias. Use annotate() to promote it."
                ) from None
            names = sorted(
                [
                    *get_field_names_from_opts(opts),
                    *self.extra,
                    *self.annotation_select,
                    *self._filtered_relations,
                ]
            )
            raise FieldError(
                f"Cannot resolve keyword {name!r} into field. Choices are: {', '.join(names)}"
            ) from None

    def set_values(self, fields):
        """Prepare for values()/values_list(): select these fields and annotations."""
        self.select_related = False
        self.clear_deferred_loading()
        self.clear_select_fields()
        if fields:
            field_names = []
            extra_names = []
            annotation_names = []
            if not self.extra and not self.annotations:
                field_names = list(fields)
            else:
                self.default_cols = False
                for f in fields:
                    if f in self.extra_select:
                        extra_names.append(f)
                    elif f in self.annotation_select or f in self.annotations:
                        annotation_names.append(f)
                    else:
                        field_names.append(f)
            self.set_extra_mask(extra_names)
            self.set_annotation_mask(annotation_names)
            selected = {f: None for f in fields}
        else:
            field_names = [f.attname for f in self.model._meta.concrete_fields]
            selected = None
        if self.group_by is True:
            self.add_fields((f.attname for f in self.model._meta.concrete_fields), False)
            self.set_group_by(allow_aliases=False)
            self.clear_select_fields()
        elif self.group_by:
            group_by = list(self.group_by)
            for expr in self.group_by:
                if isinstance(expr, Ref) and expr.refs not in (selected or ()):
                    expr = self.annotations[expr.refs]
                group_by.append(expr)
            self.group_by = tuple(group_by)
        self.values_select = tuple(field_names)
        self.add_fields(field_names, True)
        self.selected = selected

    def set_group_by(self, allow_aliases=True):
        """GROUP BY the selected columns and the non-aggregate annotations."""
        group_by = list(self.select)
        for alias, annotation in self.annotation_select.items():
            if not allow_aliases or alias in getattr(self, "values_select", ()):
                group_by_cols = annotation.get_group_by_cols()
            else:
                group_by_cols = annotation.get_group_by_cols()
            group_by.extend(group_by_cols)
        self.group_by = tuple(group_by)

    # -- ordering and limits --

    def add_ordering(self, *ordering):
        """Append ORDER BY items (names, '-names', '?', expressions); validate names."""
        errors = []
        for item in ordering:
            if isinstance(item, str):
                if item == "?":
                    continue
                item = item.removeprefix("-")
                if item in self.annotations:
                    continue
                if self.extra and item in self.extra:
                    continue
                self.names_to_path(item.split(LOOKUP_SEP), self.model._meta)
            elif not hasattr(item, "resolve_expression"):
                errors.append(item)
            if getattr(item, "contains_aggregate", False):
                raise FieldError(
                    f"Using an aggregate in order_by() without also including it in "
                    f"annotate() is not allowed: {item}"
                )
        if errors:
            raise FieldError(f"Invalid order_by arguments: {errors}")
        if ordering:
            self.order_by += ordering
        else:
            self.default_ordering = False

    def clear_ordering(self, force=False, clear_default=True):
        """Remove ordering (not when sliced or locking, unless force)."""
        if not force and (self.is_sliced or self.distinct_fields or self.select_for_update):
            return
        self.order_by = ()
        self.extra_order_by = ()
        if clear_default:
            self.default_ordering = False

    def set_limits(self, low=None, high=None):
        """Apply a slice relative to the current limits."""
        if high is not None:
            if self.high_mark is not None:
                self.high_mark = min(self.high_mark, self.low_mark + high)
            else:
                self.high_mark = self.low_mark + high
        if low is not None:
            if self.high_mark is not None:
                self.low_mark = min(self.high_mark, self.low_mark + low)
            else:
                self.low_mark = self.low_mark + low
        if self.low_mark == self.high_mark:
            self.set_empty()

    def clear_limits(self):
        self.low_mark, self.high_mark = 0, None

    @property
    def is_sliced(self) -> bool:
        return self.low_mark != 0 or self.high_mark is not None

    def has_limit_one(self) -> bool:
        return self.high_mark is not None and (self.high_mark - self.low_mark) == 1

    def can_filter(self) -> bool:
        return not self.is_sliced

    # -- select_related / deferred loading --

    def add_select_related(self, fields):
        if isinstance(self.select_related, bool):
            field_dict = {}
        else:
            field_dict = self.select_related
        for field in fields:
            d = field_dict
            for part in field.split(LOOKUP_SEP):
                d = d.setdefault(part, {})
        self.select_related = field_dict

    def clear_deferred_loading(self):
        self.deferred_loading = (frozenset(), True)

    def add_deferred_loading(self, field_names):
        existing, defer = self.deferred_loading
        if defer:
            self.deferred_loading = existing.union(field_names), True
        else:
            if new_existing := existing.difference(field_names):
                self.deferred_loading = new_existing, False
            else:
                self.clear_deferred_loading()
                if new_only := set(field_names).difference(existing):
                    self.deferred_loading = new_only, True

    def add_immediate_loading(self, field_names):
        existing, defer = self.deferred_loading
        field_names = set(field_names)
        if "pk" in field_names:
            field_names.remove("pk")
            field_names.add(self.get_meta().pk.name)
        if defer:
            self.deferred_loading = field_names.difference(existing), False
        else:
            self.deferred_loading = frozenset(field_names), False

    def loaded_field_names(self, opts=None):
        """Concrete field attnames to load for ``opts`` (None: all)."""
        field_names, defer = self.deferred_loading
        if not field_names:
            return None
        opts = opts or self.get_meta()
        names = {n.split(LOOKUP_SEP, 1)[0] for n in field_names}
        if defer:
            return {
                f.attname
                for f in opts.concrete_fields
                if f.name not in names and f.attname not in names or f.primary_key
            }
        return {
            f.attname
            for f in opts.concrete_fields
            if f.name in names or f.attname in names or f.primary_key
        }

    # -- evaluation helpers --

    def get_aggregation(self, using, aggregate_exprs):
        """Run aggregate(): a dict alias -> value (a subquery when grouping or slicing)."""
        if not aggregate_exprs:
            return {}
        needs_subquery = (
            self.group_by is not None
            or self.is_sliced
            or self.distinct
            or self.combinator
            or any(getattr(a, "contains_aggregate", False) for a in self.annotation_select.values())
        )
        inner = self.clone()
        inner.subquery = True
        if needs_subquery:
            outer = _subqueries().AggregateQuery(self.model, inner)
            inner.clear_ordering(force=False)
            if not inner.is_sliced and not inner.distinct:
                inner.clear_ordering(force=True)
            col_cnt = count(1)
            outer_exprs = {}
            for alias, expr in aggregate_exprs.items():
                resolved = expr.resolve_expression(
                    inner, allow_joins=True, reuse=None, summarize=True
                )
                resolved = _replace_cols_with_refs(resolved, inner, col_cnt)
                outer_exprs[alias] = resolved
            if inner.default_cols and not inner.annotation_select and not inner.distinct:
                inner.default_cols = False
                if not inner.select:
                    inner.select = (inner.get_meta().pk.get_col(inner.get_initial_alias()),)
            if (
                (inner.default_cols or inner.select)
                and not inner.distinct
                and inner.group_by is None
                and not inner.combinator
            ):
                pass
            outer.annotations = outer_exprs
            outer.annotation_select_mask = None
            query = outer
        else:
            query = inner
            query.subquery = False
            query.clear_ordering(force=True)
            query.select = ()
            query.default_cols = False
            query.select_related = False
            query.annotations = {}
            query.annotation_select_mask = None
            query._annotation_select_cache = None
            for alias, expr in aggregate_exprs.items():
                query.annotations[alias] = expr.resolve_expression(
                    query, allow_joins=True, reuse=None, summarize=True
                )
        compiler = query.get_compiler(using, elide_empty=True)
        result = compiler.execute_sql("single")
        if result is None:
            result = [None] * len(query.annotation_select)
        converters = compiler.get_converters(compiler.select_expressions())
        result = next(compiler.apply_converters((result,), converters))
        values = dict(zip(query.annotation_select, result))
        for alias, expr in aggregate_exprs.items():
            if values.get(alias) is None:
                empty = getattr(expr, "empty_result_set_value", None)
                default = getattr(expr, "default", None)
                if default is None and empty is not NotImplemented and empty is not None:
                    values[alias] = empty
        return values

    def get_count(self, using):
        """SELECT COUNT(*) for this query."""
        # get_aggregation() works on its own clone; this query is left unchanged.
        return self.get_aggregation(using, {"__count": _aggregates().Count("*")})["__count"] or 0

    def exists(self, limit=True):
        q = self.clone()
        if not (q.distinct and q.is_sliced):
            if q.group_by is True:
                q.add_fields((f.attname for f in self.model._meta.concrete_fields), False)
                q.set_group_by(allow_aliases=False)
            q.clear_select_clause()
        if q.combined_queries and q.combinator == "union":
            q.combined_queries = tuple(
                combined.exists(limit=False) for combined in q.combined_queries
            )
        q.clear_ordering(force=True)
        if limit and not q.is_sliced:
            q.set_limits(high=1)
        q.add_annotation(Value(1), "a")
        return q

    def has_results(self, using):
        q = self.exists()
        compiler = q.get_compiler(using=using)
        return compiler.has_results()

    def explain(self, using, format=None, **options):
        q = self.clone()
        q.explain_info = (format, options)
        compiler = q.get_compiler(using=using)
        return "\n".join(compiler.explain_query())

    def combine(self, rhs, connector):
        """``qs1 & qs2`` / ``qs1 | qs2``: merge rhs's joins and WHERE into this query."""
        if self.model != rhs.model:
            raise TypeError("Cannot combine queries on two different base models.")
        if self.is_sliced:
            raise TypeError("Cannot combine queries once a slice has been taken.")
        if self.distinct != rhs.distinct:
            raise TypeError("Cannot combine a unique query with a non-unique query.")
        if self.distinct_fields != rhs.distinct_fields:
            raise TypeError("Cannot combine queries with different distinct fields.")
        change_map = {}
        conjunction = connector == AND
        reuse = set() if conjunction else set(self.alias_map)
        self.get_initial_alias()
        joinpromoter = JoinPromoter(connector, 2, False)
        joinpromoter.add_votes(j for j in self.alias_map if self.alias_map[j].join_type == INNER)
        rhs_votes = set()
        rhs_tables = list(rhs.alias_map)[1:]
        for alias in rhs_tables:
            join = rhs.alias_map[alias]
            join = join.relabeled_clone(change_map)
            new_alias = self.join(join, reuse=reuse)
            if join.join_type == INNER:
                rhs_votes.add(new_alias)
            reuse.discard(new_alias)
            if alias != new_alias:
                change_map[alias] = new_alias
            if not rhs.alias_refcount[alias]:
                self.unref_alias(new_alias)
        joinpromoter.add_votes(rhs_votes)
        joinpromoter.update_join_types(self)
        w = rhs.where.clone()
        w.relabel_aliases(change_map)
        self.where.add(w, connector)
        if connector == OR:
            pass
        if rhs.select:
            self.set_select([col.relabeled_clone(change_map) for col in rhs.select])
        self.order_by = rhs.order_by or self.order_by
        self.extra_order_by = rhs.extra_order_by or self.extra_order_by
        if connector == AND and not self.where.connector == AND:
            pass


def _replace_cols_with_refs(expr, inner, col_cnt):
    """Move column references of an outer aggregate into the inner query's select."""
    if isinstance(expr, Col):
        alias = f"__col{next(col_cnt)}"
        inner.annotations[alias] = expr
        inner.append_annotation_mask([alias])
        if inner.annotation_select_mask is None:
            pass
        inner._annotation_select_cache = None
        return Ref(alias, expr)
    if isinstance(expr, Ref):
        if (
            inner.annotation_select_mask is not None
            and expr.refs not in inner.annotation_select_mask
        ):
            inner.append_annotation_mask([expr.refs])
        return expr
    if not hasattr(expr, "get_source_expressions"):
        return expr
    sources = expr.get_source_expressions()
    if not sources:
        return expr
    clone = expr.copy()
    clone.set_source_expressions(
        [_replace_cols_with_refs(s, inner, col_cnt) if s is not None else None for s in sources]
    )
    return clone


__all__ = ["BaseExpression", "Query", "RawQuery"]


def _condition_lookups(q_object):
    """The lookup names (``books__title__icontains``) of a Q, depth first."""
    for child in q_object.children:
        if isinstance(child, Q):
            yield from _condition_lookups(child)
        elif isinstance(child, tuple):
            yield child[0]
