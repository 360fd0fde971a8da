"""Query: the tree a QuerySet builds (tables, joins, WHERE, select, ordering, limits).

It never holds SQL text; ``get_compiler()`` hands it to the backend's compiler.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from itertools import chain, count
from typing import Any

from framework.core.exceptions import FieldDoesNotExist, FieldError
from framework.db.models.constants import LOOKUP_SEP
from framework.db.models.expressions import (
    BaseExpression,
    Col,
    Exists,
    F,
    OuterRef,
    Ref,
    ResolvedOuterRef,
    Value,
)
from framework.db.models.lookups import Lookup
from framework.db.models.query_utils import Q
from framework.db.models.sql.datastructures import (
    INNER,
    LOUTER,
    BaseTable,
    Join,
    JoinInfo,
    MultiJoin,
)
from framework.db.models.sql.where import AND, OR, NothingNode, WhereNode

# Aliases come from the user (annotate(**kwargs), values(**expressions)): refuse the
# characters that could end an identifier or start a comment.
FORBIDDEN_ALIAS_PATTERN = re.compile(r"['`\"\]\[;\s]|--|/\*|\*/")


def get_field_names_from_opts(opts) -> set:
    if opts is None:
        return set()
    return set(chain.from_iterable(
        (f.name, f.attname) if f.concrete else (f.name,) for f in opts.get_fields()
    ))


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
        converter = __import__("framework.db", fromlist=["connections"]).connections[
            self.using].introspection.identifier_converter
        return [converter(c[0]) for c in self.cursor.description]

    def __iter__(self):
        self._execute_query()
        return iter(self.cursor)

    def _execute_query(self):
        from framework.db import connections

        connection = connections[self.using]
        self.cursor = connection.cursor()
        self.cursor.execute(self.sql, self.params or None)

    def __str__(self):
        return self.sql % tuple(self.params) if self.params else self.sql


class Query(BaseExpression):
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
        from framework.db import DEFAULT_DB_ALIAS

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
            from framework.db import connections

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

    def table_alias(self, table_name, create=False, filtered_relation=None):
        """Return (alias, created) for table_name; reuse the first alias unless create."""
        alias_list = self.table_map.get(table_name)
        if not create and alias_list:
            alias = alias_list[0]
            self.alias_refcount[alias] += 1
            return alias, False
        if alias_list:
            alias = f"{self.alias_prefix}{len(self.alias_map) + 1}"
            alias_list.append(alias)
        else:
            alias = filtered_relation.alias if filtered_relation is not None else table_name
            self.table_map[table_name] = [alias]
        self.alias_refcount[alias] = 1
        return alias, True

    def ref_alias(self, alias):
        self.alias_refcount[alias] += 1

    def unref_alias(self, alias, amount=1):
        self.alias_refcount[alias] -= amount

    def get_initial_alias(self):
        """Return the base table's alias, creating it if needed."""
        if self.alias_map:
            alias = self.base_table
            self.ref_alias(alias)
        elif self.model:
            alias = self.join(self.base_table_class(self.get_meta().db_table, None))
        else:
            alias = None
        return alias

    def count_active_tables(self):
        return len([1 for count_ in self.alias_refcount.values() if count_])

    def join(self, join, reuse=None):
        """Add a join (or reuse an equal one whose alias is in ``reuse``); return its alias."""
        reuse_aliases = [
            a for a, j in self.alias_map.items()
            if (reuse is None or a in reuse) and j.equals(join)
        ]
        if reuse_aliases:
            if join.table_alias in reuse_aliases:
                reuse_alias = join.table_alias
            else:
                reuse_alias = reuse_aliases[-1]
            self.ref_alias(reuse_alias)
            return reuse_alias
        alias, _ = self.table_alias(join.table_name, create=True,
                                    filtered_relation=join.filtered_relation)
        if join.join_type:
            if self.alias_map[join.parent_alias].join_type == LOUTER or join.nullable:
                join_type = LOUTER
            else:
                join_type = INNER
            join.join_type = join_type
        join.table_alias = alias
        self.alias_map[alias] = join
        return alias

    def join_parent_model(self, opts, model, alias, seen):
        """Join the tables of multi-table parents so that inherited columns can be read."""
        if model in seen:
            return seen[model]
        chain_ = opts.get_base_chain(model)
        if not chain_:
            return alias
        curr_opts = opts
        for int_model in chain_:
            if int_model in seen:
                curr_opts = int_model._meta
                alias = seen[int_model]
                continue
            if not curr_opts.parents[int_model]:
                curr_opts = int_model._meta
                continue
            link_field = curr_opts.get_ancestor_link(int_model)
            join_info = self.setup_joins([link_field.name], curr_opts, alias)
            curr_opts = int_model._meta
            alias = seen[int_model] = join_info.joins[-1]
        return alias or seen[None]

    def promote_joins(self, aliases):
        """Make joins (and the joins hanging off them) LEFT OUTER where they are nullable."""
        aliases = list(aliases)
        while aliases:
            alias = aliases.pop(0)
            join = self.alias_map.get(alias)
            if join is None or join.join_type is None:
                continue
            parent_louter = (join.parent_alias
                             and self.alias_map[join.parent_alias].join_type == LOUTER)
            already_louter = join.join_type == LOUTER
            if (join.nullable or parent_louter) and not already_louter:
                self.alias_map[alias] = join.promote()
                aliases.extend(
                    a for a, j in self.alias_map.items()
                    if j.parent_alias == alias and a not in aliases
                )

    def demote_joins(self, aliases):
        """Make joins INNER where a condition on them cannot match NULL rows anyway."""
        aliases = list(aliases)
        while aliases:
            alias = aliases.pop(0)
            join = self.alias_map.get(alias)
            if join is not None and join.join_type == LOUTER:
                self.alias_map[alias] = join.demote()
                parent_alias = join.parent_alias
                if parent_alias and self.alias_map[parent_alias].join_type == INNER:
                    aliases.append(parent_alias)

    def reset_refcounts(self, to_counts):
        for alias, cur_refcount in self.alias_refcount.copy().items():
            unref_amount = cur_refcount - to_counts.get(alias, 0)
            self.unref_alias(alias, unref_amount)

    def change_aliases(self, change_map):
        """Rename aliases everywhere (used when nesting a query as a subquery)."""
        if not change_map:
            return
        self.where.relabel_aliases(change_map)
        if isinstance(self.group_by, tuple):
            self.group_by = tuple(col.relabeled_clone(change_map) for col in self.group_by)
        self.select = tuple(col.relabeled_clone(change_map) for col in self.select)
        self.annotations = self.annotations and {
            key: col.relabeled_clone(change_map) for key, col in self.annotations.items()
        }
        for old_alias, new_alias in change_map.items():
            if old_alias not in self.alias_map:
                continue
            alias_data = self.alias_map[old_alias].relabeled_clone(change_map)
            self.alias_map[new_alias] = alias_data
            self.alias_refcount[new_alias] = self.alias_refcount[old_alias]
            del self.alias_refcount[old_alias]
            del self.alias_map[old_alias]
            table_aliases = self.table_map[alias_data.table_name]
            for pos, alias in enumerate(table_aliases):
                if alias == old_alias:
                    table_aliases[pos] = new_alias
                    break
        # Keep the alias_map order (the base table first) after renaming.
        order = [change_map.get(a, a) for a in list(self.alias_map)]
        self.alias_map = {a: self.alias_map[a] for a in sorted(
            self.alias_map, key=lambda a: order.index(a) if a in order else len(order))}
        for alias, join in list(self.alias_map.items()):
            if join.parent_alias in change_map:
                self.alias_map[alias] = join.relabeled_clone(change_map)
        self.external_aliases = {
            change_map.get(alias, alias): (aliased or alias in change_map)
            for alias, aliased in self.external_aliases.items()
        }

    def bump_prefix(self, other_query, exclude=None):
        """Rename this query's aliases with a prefix unused by ``other_query``."""

        if self.alias_prefix != other_query.alias_prefix:
            return
        candidates = ("U", "V", "W", "X", "Y", "Z")
        used = set(other_query.subq_aliases)
        for prefix in candidates:
            if prefix not in used:
                break
        else:
            prefix = next(p for p in (f"U{i}" for i in count()) if p not in used)
        self.subq_aliases = other_query.subq_aliases | {prefix}
        self.alias_prefix = prefix
        exclude = exclude or {}
        self.change_aliases({
            alias: f"{self.alias_prefix}{pos}"
            for pos, alias in enumerate(self.alias_map)
            if alias not in exclude
        })

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
                isinstance(table, Join) and table.join_field.related_model._meta.db_table
                != alias) or (isinstance(table, BaseTable) and table.table_name != table.table_alias)
        return clone

    def get_external_cols(self):
        exprs = chain(self.annotations.values(), self.where.children)
        return [col for col in self._gen_cols(exprs, include_external=True)
                if col.alias in self.external_aliases]

    @classmethod
    def _gen_cols(cls, exprs, include_external=False):
        for expr in exprs:
            if isinstance(expr, Col):
                yield expr
            elif include_external and callable(getattr(expr, "get_external_cols", None)):
                yield from expr.get_external_cols()
            elif hasattr(expr, "get_source_expressions"):
                yield from cls._gen_cols(expr.get_source_expressions(),
                                         include_external=include_external)

    def get_group_by_cols(self, wrapper=None):
        return [wrapper or self]

    def as_sql(self, compiler, connection):
        """Compile as a subquery: ``(SELECT ...)``."""
        sql, params = self.get_compiler(connection=connection,
                                        elide_empty=compiler.elide_empty).as_sql()
        if self.subquery:
            sql = f"({sql})"
        return sql, params

    def relabeled_clone_for_subquery(self, change_map):
        return self.relabeled_clone(change_map)

    # -- resolving names --

    def names_to_path(self, names, opts, allow_many=True, fail_on_missing=False):
        """Walk relation names: (path infos, final field, target fields, names left over)."""
        path, names_with_path = [], []
        field = None
        final_field = None
        targets = ()
        pos = -1
        for pos, name in enumerate(names):
            cur_names_with_path = (name, [])
            if name == "pk" and opts is not None:
                name = opts.pk.name
            field = None
            filtered_relation = None
            try:
                if opts is None:
                    raise FieldDoesNotExist
                field = opts.get_field(name)
            except FieldDoesNotExist:
                if name in self.annotation_select:
                    field = self.annotation_select[name].output_field
                elif name in self._filtered_relations and pos == 0:
                    filtered_relation = self._filtered_relations[name]
                    field = opts.get_field(filtered_relation.relation_name)
            if field is not None:
                if field.is_relation and not field.related_model:
                    raise FieldError(
                        f"Field {name!r} does not generate an automatic reverse relation and "
                        f"therefore cannot be used for reverse querying. If it is a "
                        f"GenericForeignKey, consider adding a GenericRelation."
                    )
                try:
                    model = field.model._meta.concrete_model
                except AttributeError:
                    model = None
            else:
                pos -= 1
                if pos == -1 or fail_on_missing:
                    available = sorted([*get_field_names_from_opts(opts),
                                        *self.annotation_select, *self._filtered_relations])
                    raise FieldError(
                        f"Cannot resolve keyword '{name}' into field. Choices are: "
                        f"{', '.join(available)}"
                    )
                break
            if opts is not None and model is not opts.model and model is not None \
                    and model in opts.get_parent_list():
                path_to_parent = opts.get_path_to_parent(model)
                if path_to_parent:
                    path.extend(path_to_parent)
                    cur_names_with_path[1].extend(path_to_parent)
                    opts = path_to_parent[-1].to_opts
            if hasattr(field, "path_infos"):
                if filtered_relation:
                    pathinfos = field.get_path_info(filtered_relation)
                else:
                    pathinfos = field.path_infos
                if not allow_many:
                    for inner_pos, p in enumerate(pathinfos):
                        if p.m2m:
                            cur_names_with_path[1].extend(pathinfos[0:inner_pos + 1])
                            names_with_path.append(cur_names_with_path)
                            raise MultiJoin(pos + 1, names_with_path)
                last = pathinfos[-1]
                path.extend(pathinfos)
                final_field = last.join_field
                opts = last.to_opts
                targets = last.target_fields
                cur_names_with_path[1].extend(pathinfos)
                names_with_path.append(cur_names_with_path)
            else:
                final_field = field
                targets = (field,)
                if fail_on_missing and pos + 1 != len(names):
                    raise FieldError(
                        f"Cannot resolve keyword {names[pos + 1]!r} into field. Join on "
                        f"'{name}' not permitted."
                    )
                break
        return path, final_field, targets, names[pos + 1:]

    def setup_joins(self, names, opts, alias, can_reuse=None, allow_many=True):
        """Join every relation along ``names`` starting at ``alias``; return a JoinInfo."""
        joins = [alias]

        def final_transformer(field, alias):
            if not self.alias_cols:
                alias = None
            return field.get_col(alias)

        last_field_exception = None
        for pivot in range(len(names), 0, -1):
            try:
                path, final_field, targets, rest = self.names_to_path(
                    names[:pivot], opts, allow_many, fail_on_missing=True)
            except FieldError as exc:
                if pivot == 1:
                    raise
                last_field_exception = exc
            else:
                transforms = names[pivot:]
                break
        for name in transforms:
            def transform(field, alias, *, name, previous):
                try:
                    wrapped = previous(field, alias)
                    return self.try_transform(wrapped, name)
                except FieldError:
                    if isinstance(final_field, type(final_field)) and not hasattr(
                            final_field, "get_transform"):
                        raise last_field_exception
                    raise

            final_transformer = _partial_transform(transform, name, final_transformer)
        for join in path:
            if join.filtered_relation:
                filtered_relation = join.filtered_relation.clone()
                table_alias = filtered_relation.alias
            else:
                filtered_relation = None
                table_alias = None
            opts = join.to_opts
            if join.direct:
                nullable = self.is_nullable(join.join_field)
            else:
                nullable = True
            connection = self.join_class(
                opts.db_table, alias, table_alias, INNER, join.join_field, nullable,
                filtered_relation=filtered_relation,
            )
            reuse = can_reuse if join.m2m else None
            alias = self.join(connection, reuse=reuse)
            joins.append(alias)
            if filtered_relation:
                filtered_relation.path = joins[:]
        return JoinInfo(final_field, targets, opts, joins, path, final_transformer)

    def trim_joins(self, targets, joins, path):
        """Drop trailing joins whose target column is also on the previous table."""
        joins = joins[:]
        for pos, info in enumerate(reversed(path)):
            if len(joins) == 1 or not info.direct:
                break
            if info.filtered_relation:
                break
            join_targets = {t.column for t in info.join_field.foreign_related_fields}
            cur_targets = {t.column for t in targets}
            if not cur_targets.issubset(join_targets):
                break
            targets_dict = {
                r[1].column: r[0]
                for r in info.join_field.related_fields
                if r[1].column in cur_targets
            }
            targets = tuple(targets_dict[t.column] for t in targets)
            self.unref_alias(joins.pop())
        return targets, joins[-1], joins

    def is_nullable(self, field) -> bool:
        return field.null

    def try_transform(self, lhs, name):
        """Apply the transform ``name`` to ``lhs`` or raise FieldError naming the culprit."""
        transform_class = lhs.get_transform(name)
        if transform_class:
            return transform_class(lhs)
        output_field = lhs.output_field.__class__
        suggested = [x for x in output_field.get_lookups() if _similar(name, x)]
        suggestion = f", perhaps you meant {' or '.join(suggested)}?" if suggested else "."
        raise FieldError(
            f"Unsupported lookup '{name}' for {output_field.__name__} or join on the field not "
            f"permitted{suggestion}"
        )

    def build_lookup(self, lookups, lhs, rhs):
        """Apply transforms then the final lookup (default ``exact``) to ``lhs``."""
        *transforms, lookup_name = lookups or ["exact"]
        for name in transforms:
            lhs = self.try_transform(lhs, name)
        lookup_class = lhs.get_lookup(lookup_name)
        if not lookup_class:
            lhs = self.try_transform(lhs, lookup_name)
            lookup_name = "exact"
            lookup_class = lhs.get_lookup(lookup_name)
            if not lookup_class:
                return None
        lookup = lookup_class(lhs, rhs)
        if lookup.rhs is None and not lookup.can_use_none_as_rhs:
            if lookup_name not in ("exact", "iexact"):
                raise ValueError("Cannot use None as a query value")
            return lhs.get_lookup("isnull")(lhs, True)
        return lookup

    def solve_lookup_type(self, lookup, summarize=False):
        """Split ``lookup`` into (lookup names, field names, annotation or False)."""
        lookup_splitted = lookup.split(LOOKUP_SEP)
        if self.annotations:
            for i in range(len(lookup_splitted), 0, -1):
                name = LOOKUP_SEP.join(lookup_splitted[:i])
                if name in self.annotations:
                    annotation = self.annotations[name]
                    if summarize:
                        annotation = Ref(name, annotation)
                    return lookup_splitted[i:], (), annotation
        _, field, _, lookup_parts = self.names_to_path(lookup_splitted, self.get_meta())
        field_parts = lookup_splitted[0:len(lookup_splitted) - len(lookup_parts)]
        if len(lookup_parts) > 1 and not field_parts:
            raise FieldError(
                f"Invalid lookup {lookup!r} for model {self.get_meta().model.__name__}."
            )
        return lookup_parts, field_parts, False

    def resolve_lookup_value(self, value, can_reuse, allow_joins, summarize=False):
        if hasattr(value, "resolve_expression"):
            value = value.resolve_expression(self, reuse=can_reuse, allow_joins=allow_joins,
                                             summarize=summarize)
        elif isinstance(value, (list, tuple)):
            values = (self.resolve_lookup_value(sub, can_reuse, allow_joins, summarize)
                      for sub in value)
            type_ = type(value)
            if hasattr(type_, "_make"):
                return type_(*values)
            return type_(values)
        return value

    def check_filterable(self, expression):
        if hasattr(expression, "resolve_expression") and not getattr(
                expression, "filterable", True):
            raise FieldError(f"{expression.__class__.__name__} is disallowed in the filter "
                             f"clause.")
        if hasattr(expression, "get_source_expressions"):
            for expr in expression.get_source_expressions():
                if expr is not None:
                    self.check_filterable(expr)

    def check_related_objects(self, field, value, opts):
        """Refuse instances of the wrong model: ``Cannot query "x": Must be "Y" instance.``"""
        if not field.is_relation:
            return
        from framework.db.models.base import Model

        values = value if isinstance(value, (list, tuple, set)) else [value]
        for v in values:
            if isinstance(v, Model):
                if not _check_rel_lookup_compatibility(v._meta.model, opts, field):
                    raise ValueError(
                        f'Cannot query "{v}": Must be "{opts.object_name}" instance.'
                    )

    def build_filter(self, filter_expr, branch_negated=False, current_negated=False,
                     can_reuse=None, allow_joins=True, split_subq=True,
                     check_filterable=True, summarize=False, update_join_types=True):
        """Turn one (name, value) pair, Q or expression into (WhereNode, joins used)."""
        if isinstance(filter_expr, dict):
            raise FieldError("Cannot parse keyword query as dict")
        if isinstance(filter_expr, Q):
            return self._add_q(filter_expr, branch_negated=branch_negated,
                               current_negated=current_negated, used_aliases=can_reuse,
                               allow_joins=allow_joins, split_subq=split_subq,
                               check_filterable=check_filterable, summarize=summarize)
        if hasattr(filter_expr, "resolve_expression"):
            if not getattr(filter_expr, "conditional", False):
                raise TypeError("Cannot filter against a non-conditional expression.")
            condition = filter_expr.resolve_expression(self, allow_joins=allow_joins,
                                                       reuse=can_reuse, summarize=summarize)
            if not isinstance(condition, (Lookup, WhereNode)):
                condition = self.build_lookup(["exact"], condition, True)
            return WhereNode([condition], connector=AND), []
        arg, value = filter_expr
        if not arg:
            raise FieldError(f"Cannot parse keyword query {arg!r}")
        lookups, parts, reffed_expression = self.solve_lookup_type(arg, summarize)
        if check_filterable:
            self.check_filterable(reffed_expression)
        if not allow_joins and len(parts) > 1:
            raise FieldError("Joined field references are not permitted in this query")
        pre_joins = self.alias_refcount.copy()
        value = self.resolve_lookup_value(value, can_reuse, allow_joins, summarize)
        used_joins = {k for k, v in self.alias_refcount.items() if v > pre_joins.get(k, 0)}
        if check_filterable:
            self.check_filterable(value)
        if reffed_expression:
            condition = self.build_lookup(lookups, reffed_expression, value)
            return WhereNode([condition], connector=AND), []
        opts = self.get_meta()
        alias = self.get_initial_alias()
        allow_many = not branch_negated or not split_subq
        try:
            join_info = self.setup_joins(parts, opts, alias, can_reuse=can_reuse,
                                         allow_many=allow_many)
            if isinstance(value, (list, tuple, set)) or not hasattr(value, "resolve_expression"):
                self.check_related_objects(join_info.final_field, value, join_info.opts)
            self._lookup_joins = join_info.joins
        except MultiJoin:
            return self.split_exclude(filter_expr, can_reuse)
        used_joins.update(join_info.joins)
        targets, alias, join_list = self.trim_joins(join_info.targets, join_info.joins,
                                                    join_info.path)
        if can_reuse is not None:
            can_reuse.update(join_list)
        if join_info.final_field.is_relation:
            lookup_type = lookups[-1] if lookups else "exact"
            if lookup_type not in ("exact", "in", "gt", "gte", "lt", "lte", "isnull",
                                   "range"):
                if len(lookups) > 1 or not lookups:
                    raise FieldError(f"Related Field got invalid lookup: {lookups[0]}")
                raise FieldError(f"Related Field got invalid lookup: {lookup_type}")
            col = self._get_col(targets[0], join_info.final_field, alias)
            value = _normalize_related_value(value, targets[0])
            condition = self.build_lookup(lookups or ["exact"], col, value)
        else:
            col = self._get_col(targets[0], join_info.final_field, alias)
            condition = self.build_lookup(lookups, col, value)
            if condition is None:
                raise FieldError(
                    f"Unsupported lookup '{lookups[-1]}' for "
                    f"{join_info.final_field.__class__.__name__}."
                )
            lookup_type = condition.lookup_name
        clause = WhereNode([condition], connector=AND)
        lookup_type = condition.lookup_name
        require_outer = lookup_type == "isnull" and condition.rhs is True and not current_negated
        if (current_negated and (lookup_type != "isnull" or condition.rhs is False)
                and condition.rhs is not None):
            require_outer = True
            if lookup_type != "isnull":
                if (self.is_nullable(targets[0])
                        or self.alias_map[join_list[-1]].join_type == LOUTER):
                    lookup_class = targets[0].get_lookup("isnull")
                    col = self._get_col(targets[0], join_info.targets[0], alias)
                    clause.add(lookup_class(col, False), AND)
                if isinstance(value, Col) and self.is_nullable(value.target):
                    lookup_class = value.target.get_lookup("isnull")
                    clause.add(lookup_class(value, False), AND)
        return clause, used_joins if not require_outer else ()

    def add_filter(self, filter_lhs, filter_rhs):
        self.add_q(Q((filter_lhs, filter_rhs)))

    def add_q(self, q_object):
        """AND ``q_object`` into WHERE, keeping join types consistent."""
        existing_inner = {a for a in self.alias_map
                          if self.alias_map[a].join_type == INNER}
        clause, _ = self._add_q(q_object, self.used_aliases)
        if clause:
            self.where.add(clause, AND)
        self.demote_joins(existing_inner)

    def build_where(self, filter_expr):
        return self.build_filter(filter_expr, allow_joins=False)[0]

    def clear_where(self):
        self.where = WhereNode()

    def _add_q(self, q_object, used_aliases, branch_negated=False, current_negated=False,
               allow_joins=True, split_subq=True, check_filterable=True, summarize=False,
               update_join_types=True):
        connector = q_object.connector
        current_negated ^= q_object.negated
        branch_negated = branch_negated or q_object.negated
        target_clause = WhereNode(connector=connector, negated=q_object.negated)
        joinpromoter = JoinPromoter(q_object.connector, len(q_object.children),
                                    current_negated)
        for child in q_object.children:
            child_clause, needed_inner = self.build_filter(
                child, can_reuse=used_aliases, branch_negated=branch_negated,
                current_negated=current_negated, allow_joins=allow_joins,
                split_subq=split_subq, check_filterable=check_filterable,
                summarize=summarize,
            )
            joinpromoter.add_votes(needed_inner)
            if child_clause:
                target_clause.add(child_clause, connector)
        needed_inner = joinpromoter.update_join_types(self)
        return target_clause, needed_inner

    def split_exclude(self, filter_expr, can_reuse):
        """exclude() across a multi-valued relation: NOT EXISTS(correlated subquery)."""
        filter_lhs, filter_rhs = filter_expr
        if isinstance(filter_rhs, OuterRef):
            filter_rhs = OuterRef(filter_rhs)
        elif isinstance(filter_rhs, F):
            filter_rhs = OuterRef(filter_rhs.name)
        query = self.__class__(self.model)
        query._filtered_relations = self._filtered_relations
        query.add_filter(filter_lhs, filter_rhs)
        query.clear_ordering(force=True)
        pk = self.get_meta().pk
        query.add_filter("pk", OuterRef("pk"))
        query.clear_select_clause()
        condition, needed_inner = self.build_filter(Exists(query))
        return condition, needed_inner

    def set_empty(self):
        self.where.add(NothingNode(), AND)
        for query in self.combined_queries:
            query.set_empty()

    def is_empty(self):
        return any(isinstance(c, NothingNode) for c in self.where.children)

    def resolve_ref(self, name, allow_joins=True, reuse=None, summarize=False):
        """Resolve ``F(name)``: an annotation or a (joined) column."""
        annotation = self.annotations.get(name)
        if annotation is not None:
            if not allow_joins:
                for alias in self._gen_col_aliases([annotation]):
                    if isinstance(self.alias_map[alias], Join):
                        raise FieldError(
                            "Joined field references are not permitted in this query")
            if summarize:
                return Ref(name, self.annotation_select[name])
            return annotation
        field_list = name.split(LOOKUP_SEP)
        annotation = self.annotations.get(field_list[0])
        if annotation is not None:
            for transform in field_list[1:]:
                annotation = self.try_transform(annotation, transform)
            return annotation
        join_info = self.setup_joins(field_list, self.get_meta(), self.get_initial_alias(),
                                     can_reuse=reuse)
        targets, final_alias, join_list = self.trim_joins(join_info.targets, join_info.joins,
                                                          join_info.path)
        if not allow_joins and len(join_list) > 1:
            raise FieldError("Joined field references are not permitted in this query")
        if len(targets) > 1:
            raise FieldError("Referencing multicolumn fields with F() objects isn't supported")
        transform = join_info.transform_function(targets[0], final_alias)
        if reuse is not None:
            reuse.update(join_list)
        return transform

    @classmethod
    def _gen_col_aliases(cls, exprs):
        yield from (expr.alias for expr in cls._gen_cols(exprs))

    # -- annotations and select --

    def check_alias(self, alias):
        if FORBIDDEN_ALIAS_PATTERN.search(alias):
            raise ValueError(
                "Column aliases cannot contain whitespace characters, quotation marks, "
                "semicolons, or SQL comments."
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
                k: self.annotations[k] for k in self.annotation_select_mask
                if k in self.annotations
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
            self._extra_select_cache = {k: v for k, v in self.extra.items()
                                        if k in self.extra_select_mask}
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
                join_info = self.setup_joins(name.split(LOOKUP_SEP), opts, alias,
                                             allow_many=allow_m2m)
                targets, final_alias, joins = self.trim_joins(
                    join_info.targets, join_info.joins, join_info.path)
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
                raise FieldError(f"Cannot select the '{name}' alias. Use annotate() to "
                                 f"promote it.") from None
            names = sorted([*get_field_names_from_opts(opts), *self.extra,
                            *self.annotation_select, *self._filtered_relations])
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
            return {f.attname for f in opts.concrete_fields
                    if f.name not in names and f.attname not in names or f.primary_key}
        return {f.attname for f in opts.concrete_fields
                if f.name in names or f.attname in names or f.primary_key}

    # -- evaluation helpers --

    def get_aggregation(self, using, aggregate_exprs):
        """Run aggregate(): a dict alias -> value (a subquery when grouping or slicing)."""
        if not aggregate_exprs:
            return {}
        from framework.db.models.sql.subqueries import AggregateQuery

        needs_subquery = (
            self.group_by is not None or self.is_sliced or self.distinct
            or self.combinator or any(
                getattr(a, "contains_aggregate", False) for a in self.annotation_select.values())
        )
        inner = self.clone()
        inner.subquery = True
        if needs_subquery:
            outer = AggregateQuery(self.model, inner)
            inner.clear_ordering(force=False)
            if not inner.is_sliced and not inner.distinct:
                inner.clear_ordering(force=True)
            col_cnt = count(1)
            outer_exprs = {}
            for alias, expr in aggregate_exprs.items():
                resolved = expr.resolve_expression(inner, allow_joins=True, reuse=None,
                                                   summarize=True)
                resolved = _replace_cols_with_refs(resolved, inner, col_cnt)
                outer_exprs[alias] = resolved
            if inner.default_cols and not inner.annotation_select and not inner.distinct:
                inner.default_cols = False
                if not inner.select:
                    inner.select = (inner.get_meta().pk.get_col(inner.get_initial_alias()),)
            if (inner.default_cols or inner.select) and not inner.distinct and \
                    inner.group_by is None and not inner.combinator:
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
                    query, allow_joins=True, reuse=None, summarize=True)
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
        from framework.db.models.aggregates import Count

        obj = self.clone()
        return obj.get_aggregation(using, {"__count": Count("*")})["__count"] or 0

    def exists(self, limit=True):
        q = self.clone()
        if not (q.distinct and q.is_sliced):
            if q.group_by is True:
                q.add_fields((f.attname for f in self.model._meta.concrete_fields), False)
                q.set_group_by(allow_aliases=False)
            q.clear_select_clause()
        if q.combined_queries and q.combinator == "union":
            q.combined_queries = tuple(
                combined.exists(limit=False) for combined in q.combined_queries)
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


def _partial_transform(func, name, previous):
    def inner(field, alias):
        return func(field, alias, name=name, previous=previous)

    return inner


def _similar(a: str, b: str) -> bool:
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _normalize_related_value(value, target):
    from framework.db.models.base import Model

    def norm(v):
        if isinstance(v, Model):
            attname = target.attname if target.model._meta.concrete_model is \
                v._meta.concrete_model else v._meta.pk.attname
            try:
                return getattr(v, attname)
            except AttributeError:
                return v.pk
        return v

    if isinstance(value, (list, tuple, set)) and not hasattr(value, "resolve_expression"):
        return type(value)(norm(v) for v in value) if not isinstance(value, set) else [
            norm(v) for v in value]
    return norm(value)


def _check_rel_lookup_compatibility(model, target_opts, field):
    def check(opts):
        return (model._meta.concrete_model == opts.concrete_model
                or opts.concrete_model in model._meta.get_parent_list()
                or model in opts.get_parent_list())

    return check(target_opts) or (
        getattr(field, "primary_key", False) and check(field.model._meta))


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
        if inner.annotation_select_mask is not None and expr.refs not in \
                inner.annotation_select_mask:
            inner.append_annotation_mask([expr.refs])
        return expr
    if not hasattr(expr, "get_source_expressions"):
        return expr
    sources = expr.get_source_expressions()
    if not sources:
        return expr
    clone = expr.copy()
    clone.set_source_expressions([
        _replace_cols_with_refs(s, inner, col_cnt) if s is not None else None for s in sources
    ])
    return clone


class JoinPromoter:
    """Decide INNER vs LEFT OUTER for the joins used by the children of one Q node."""

    def __init__(self, connector, num_children, negated):
        self.connector = connector
        self.negated = negated
        if self.negated:
            self.effective_connector = OR if connector == AND else AND
        else:
            self.effective_connector = self.connector
        self.num_children = num_children
        self.votes: Counter = Counter()

    def add_votes(self, votes):
        self.votes.update(votes)

    def update_join_types(self, query):
        to_promote = set()
        to_demote = set()
        for table, votes in self.votes.items():
            if self.effective_connector == OR and votes < self.num_children:
                to_promote.add(table)
            if self.effective_connector == AND or (
                    self.effective_connector == OR and votes == self.num_children):
                to_demote.add(table)
        query.promote_joins(to_promote)
        query.demote_joins(to_demote)
        return to_demote


__all__ = ["BaseExpression", "Query", "RawQuery"]
