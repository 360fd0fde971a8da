"""Query mixin: turning filter arguments (names, Q, expressions) into WHERE nodes."""

from __future__ import annotations

from framework.core.exceptions import FieldError
from framework.db.models.constants import LOOKUP_SEP
from framework.db.models.expressions import Col, Exists, F, OuterRef, Ref
from framework.db.models.lookups import Lookup
from framework.db.models.query_utils import Q
from framework.db.models.sql.datastructures import INNER, LOUTER, Join, MultiJoin
from framework.db.models.sql.joins import JoinPromoter
from framework.db.models.sql.where import AND, NothingNode, WhereNode
from framework.utils.deferred import module_loader

_models_base = module_loader("framework.db.models.base")  # it imports this module


class FilterMixin:
    """How a Query builds its WHERE tree from filter()/exclude() arguments."""

    def try_transform(self, lhs, name):
        """Apply the transform ``name`` to ``lhs`` or raise FieldError naming the culprit."""
        transform_class = lhs.get_transform(name)
        if transform_class:
            return transform_class(lhs)
        output_field = lhs.output_field.__class__
        suggested = [x for x in lhs.output_field.get_lookups() if _similar(name, x)]
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
        field_parts = lookup_splitted[0 : len(lookup_splitted) - len(lookup_parts)]
        if len(lookup_parts) > 1 and not field_parts:
            raise FieldError(
                f"Invalid lookup {lookup!r} for model {self.get_meta().model.__name__}."
            )
        return lookup_parts, field_parts, False

    def resolve_lookup_value(self, value, can_reuse, allow_joins, summarize=False):
        if hasattr(value, "resolve_expression"):
            value = value.resolve_expression(
                self, reuse=can_reuse, allow_joins=allow_joins, summarize=summarize
            )
        elif isinstance(value, (list, tuple)):
            values = (
                self.resolve_lookup_value(sub, can_reuse, allow_joins, summarize) for sub in value
            )
            type_ = type(value)
            if hasattr(type_, "_make"):
                return type_(*values)
            return type_(values)
        return value

    def check_filterable(self, expression):
        if hasattr(expression, "resolve_expression") and not getattr(
            expression, "filterable", True
        ):
            raise FieldError(f"{expression.__class__.__name__} is disallowed in the filter clause.")
        if hasattr(expression, "get_source_expressions"):
            for expr in expression.get_source_expressions():
                if expr is not None:
                    self.check_filterable(expr)

    def check_related_objects(self, field, value, opts):
        """Refuse instances of the wrong model: ``Cannot query "x": Must be "Y" instance.``"""
        if not field.is_relation:
            return
        values = value if isinstance(value, (list, tuple, set)) else [value]
        for v in values:
            if isinstance(v, _models_base().Model):
                if not _check_rel_lookup_compatibility(v._meta.model, opts, field):
                    raise ValueError(f'Cannot query "{v}": Must be "{opts.object_name}" instance.')

    def build_filter(
        self,
        filter_expr,
        branch_negated=False,
        current_negated=False,
        can_reuse=None,
        allow_joins=True,
        split_subq=True,
        check_filterable=True,
        summarize=False,
        update_join_types=True,
    ):
        """Turn one (name, value) pair, Q or expression into (WhereNode, joins used)."""
        if isinstance(filter_expr, dict):
            raise FieldError("Cannot parse keyword query as dict")
        if isinstance(filter_expr, Q):
            return self._add_q(
                filter_expr,
                branch_negated=branch_negated,
                current_negated=current_negated,
                used_aliases=can_reuse,
                allow_joins=allow_joins,
                split_subq=split_subq,
                check_filterable=check_filterable,
                summarize=summarize,
            )
        if hasattr(filter_expr, "resolve_expression"):
            if not getattr(filter_expr, "conditional", False):
                raise TypeError("Cannot filter against a non-conditional expression.")
            condition = filter_expr.resolve_expression(
                self, allow_joins=allow_joins, reuse=can_reuse, summarize=summarize
            )
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
            join_info = self.setup_joins(
                parts, opts, alias, can_reuse=can_reuse, allow_many=allow_many
            )
            if isinstance(value, (list, tuple, set)) or not hasattr(value, "resolve_expression"):
                self.check_related_objects(join_info.final_field, value, join_info.opts)
            self._lookup_joins = join_info.joins
        except MultiJoin:
            return self.split_exclude(filter_expr, can_reuse)
        used_joins.update(join_info.joins)
        targets, alias, join_list = self.trim_joins(
            join_info.targets, join_info.joins, join_info.path
        )
        if can_reuse is not None:
            can_reuse.update(join_list)
        if join_info.final_field.is_relation:
            lookup_type = lookups[-1] if lookups else "exact"
            if lookup_type not in ("exact", "in", "gt", "gte", "lt", "lte", "isnull", "range"):
                if len(lookups) > 1 or not lookups:
                    raise FieldError(f"Related Field got invalid lookup: {lookups[0]}")
                raise FieldError(f"Related Field got invalid lookup: {lookup_type}")
            col = self._get_col(targets[0], join_info.final_field, alias)
            value = _normalize_related_value(value, join_info.final_field)
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
        if (
            current_negated
            and (lookup_type != "isnull" or condition.rhs is False)
            and condition.rhs is not None
        ):
            require_outer = True
            if lookup_type != "isnull":
                if (
                    self.is_nullable(targets[0])
                    or self.alias_map[join_list[-1]].join_type == LOUTER
                ):
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
        existing_inner = {a for a in self.alias_map if self.alias_map[a].join_type == INNER}
        clause, _ = self._add_q(q_object, self.used_aliases)
        if clause:
            self.where.add(clause, AND)
        self.demote_joins(existing_inner)

    def build_where(self, filter_expr):
        return self.build_filter(filter_expr, allow_joins=False)[0]

    def clear_where(self):
        self.where = WhereNode()

    def _add_q(
        self,
        q_object,
        used_aliases,
        branch_negated=False,
        current_negated=False,
        allow_joins=True,
        split_subq=True,
        check_filterable=True,
        summarize=False,
        update_join_types=True,
    ):
        connector = q_object.connector
        current_negated ^= q_object.negated
        branch_negated = branch_negated or q_object.negated
        target_clause = WhereNode(connector=connector, negated=q_object.negated)
        joinpromoter = JoinPromoter(q_object.connector, len(q_object.children), current_negated)
        for child in q_object.children:
            child_clause, needed_inner = self.build_filter(
                child,
                can_reuse=used_aliases,
                branch_negated=branch_negated,
                current_negated=current_negated,
                allow_joins=allow_joins,
                split_subq=split_subq,
                check_filterable=check_filterable,
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
                        raise FieldError("Joined field references are not permitted in this query")
            if summarize:
                return Ref(name, self.annotation_select[name])
            return annotation
        field_list = name.split(LOOKUP_SEP)
        annotation = self.annotations.get(field_list[0])
        if annotation is not None:
            for transform in field_list[1:]:
                annotation = self.try_transform(annotation, transform)
            return annotation
        join_info = self.setup_joins(
            field_list, self.get_meta(), self.get_initial_alias(), can_reuse=reuse
        )
        targets, final_alias, join_list = self.trim_joins(
            join_info.targets, join_info.joins, join_info.path
        )
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


def _similar(a: str, b: str) -> bool:
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _normalize_related_value(value, final_field):
    """Model instances in a relation filter become the value of the joined column."""
    if getattr(final_field, "auto_created", False) or not hasattr(final_field, "target_field"):
        attname = None
    else:
        attname = final_field.target_field.attname

    def norm(v):
        if isinstance(v, _models_base().Model):
            return v.pk if attname is None else getattr(v, attname)
        return v

    if isinstance(value, (list, tuple, set)) and not hasattr(value, "resolve_expression"):
        values = [norm(v) for v in value]
        return values if isinstance(value, set) else type(value)(values)
    return norm(value)


def _check_rel_lookup_compatibility(model, target_opts, field):
    def check(opts):
        return (
            model._meta.concrete_model == opts.concrete_model
            or opts.concrete_model in model._meta.get_parent_list()
            or model in opts.get_parent_list()
        )

    return check(target_opts) or (getattr(field, "primary_key", False) and check(field.model._meta))
