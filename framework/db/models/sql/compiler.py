"""The compiler: walks a Query tree and writes SQL text plus parameters.

Statement compilers collect fragments in a ``SQLContext`` (Peewee's Context idea);
expression nodes answer ``as_sql(compiler, connection)`` with (sql, params).
"""

from __future__ import annotations

from itertools import chain

from framework.core.exceptions import EmptyResultSet, FieldError, FullResultSet
from framework.db.models.constants import LOOKUP_SEP
from framework.db.models.expressions import F, OrderBy, Ref, Value
from framework.db.models.query_utils import select_related_descend
from framework.db.models.sql.constants import (  # noqa: E402 - re-exported names
    CURSOR,
    GET_ITERATOR_CHUNK_SIZE,
    MULTI,
    NO_RESULTS,
    ROW_COUNT,
    SINGLE,
)
from framework.db.utils import KEEP_CURSOR_MAX_ROWS

ORDER_DIR = {"ASC": ("ASC", "DESC"), "DESC": ("DESC", "ASC")}


def convert_row(row, converters, connection) -> list:
    """``row`` as a list with each (position, (converters, expression)) of ``converters``
    applied: the database values turned into Python ones."""
    row = list(row)
    for pos, (convs, expression) in converters:
        value = row[pos]
        for converter in convs:
            value = converter(value, expression, connection)
        row[pos] = value
    return row


class SQLContext:
    """Collects SQL fragments and their parameters in order."""

    __slots__ = ("parts", "params")

    def __init__(self):
        self.parts: list[str] = []
        self.params: list = []

    def sql(self, text: str) -> SQLContext:
        self.parts.append(text)
        return self

    def add(self, sql: str, params) -> SQLContext:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def value(self, value) -> SQLContext:
        self.parts.append("%s")
        self.params.append(value)
        return self

    def query(self) -> tuple[str, tuple]:
        return " ".join(self.parts), tuple(self.params)


class SQLCompiler:
    """SELECT compiler; the other statement compilers derive from it."""

    def __init__(self, query, connection, using, elide_empty=True):
        self.query = query
        self.connection = connection
        self.using = using
        self.elide_empty = elide_empty
        self.quote_cache = {"*": "*"}
        self.select = None
        self.annotation_col_map = None
        self.klass_info = None
        self.has_extra_select = False
        self.col_count = 0
        self.where = None
        self.having = None
        self.qualify = None
        self._meta_ordering = False

    def __repr__(self):
        return (
            f"<{self.__class__.__qualname__} model={self.query.model.__qualname__} "
            f"connection={self.connection!r} using={self.using!r}>"
        )

    # -- helpers --

    def quote_name_unless_alias(self, name: str) -> str:
        """Quote a table name or alias (always quoted: aliases can be user-influenced)."""
        return self.connection.ops.quote_name(name)

    def compile(self, node):
        """Return (sql, params) for a node, preferring its ``as_<vendor>`` method."""
        vendor_impl = getattr(node, "as_" + self.connection.vendor, None)
        if vendor_impl:
            sql, params = vendor_impl(self, self.connection)
        else:
            sql, params = node.as_sql(self, self.connection)
        return sql, params

    # -- SELECT list --

    def setup_query(self, with_col_aliases=False):
        if all(self.query.alias_refcount[a] == 0 for a in self.query.alias_map):
            self.query.get_initial_alias()
        self.select, self.klass_info, self.annotation_col_map = self.get_select(
            with_col_aliases=with_col_aliases
        )
        self.col_count = len(self.select)

    def select_expressions(self):
        return [expr for expr, _, _ in self.select]

    def get_select(self, with_col_aliases=False):
        """Return ([(expression, (sql, params), alias)], klass_info, annotation positions)."""
        select = []
        klass_info = None
        annotations = {}
        select_idx = 0
        for alias, (sql, params) in self.query.extra_select.items():
            from framework.db.models.expressions import RawSQL

            annotations[alias] = select_idx
            select.append((RawSQL(sql, params), alias))
            select_idx += 1
        if self.query.default_cols:
            cols = self.get_default_columns()
        else:
            cols = self.query.select
        if cols:
            select_list = []
            for col in cols:
                select_list.append(select_idx)
                select.append((col, None))
                select_idx += 1
            klass_info = {"model": self.query.model, "select_fields": select_list}
        for alias, annotation in self.query.annotation_select.items():
            annotations[alias] = select_idx
            select.append((annotation, alias))
            select_idx += 1
        if self.query.select_related:
            related_klass_infos = self.get_related_selections(select)
            if klass_info is not None:
                klass_info["related_klass_infos"] = related_klass_infos
        ret = []
        col_idx = 1
        for col, alias in select:
            try:
                sql, params = self.compile(col)
            except EmptyResultSet:
                empty_result_set_value = getattr(col, "empty_result_set_value", NotImplemented)
                if empty_result_set_value is NotImplemented:
                    sql, params = "0", ()
                else:
                    sql, params = self.compile(Value(empty_result_set_value))
            except FullResultSet:
                sql, params = self.compile(Value(True))
            else:
                sql, params = col.select_format(self, sql, params)
            if alias is None and with_col_aliases:
                alias = f"col{col_idx}"
                col_idx += 1
            ret.append((col, (sql, params), alias))
        return ret, klass_info, annotations

    def get_default_columns(self, start_alias=None, opts=None, from_parent=None):
        """The columns of every (loaded) concrete field, parents' via their joins."""
        result = []
        if opts is None:
            if (opts := self.query.get_meta()) is None:
                return result
        start_alias = start_alias or self.query.get_initial_alias()
        seen_models = {None: start_alias}
        only_load = self.query.loaded_field_names(opts) if opts is self.query.get_meta() else None
        for field in opts.concrete_fields:
            model = field.model._meta.concrete_model
            if model == opts.model:
                model = None
            if (
                from_parent
                and model is not None
                and issubclass(from_parent._meta.concrete_model, model._meta.concrete_model)
            ):
                continue
            if only_load is not None and field.attname not in only_load:
                continue
            alias = self.query.join_parent_model(opts, model, start_alias, seen_models)
            column = field.get_col(alias)
            result.append(column)
        return result

    def get_related_selections(
        self, select, opts=None, root_alias=None, cur_depth=1, requested=None, restricted=None
    ):
        """Add the columns of select_related() joins; return their klass_infos."""
        related_klass_infos = []
        if not restricted and cur_depth > self.query.max_depth:
            return related_klass_infos
        if not opts:
            opts = self.query.get_meta()
            root_alias = self.query.get_initial_alias()
        if requested is None:
            restricted = isinstance(self.query.select_related, dict)
            if restricted:
                requested = self.query.select_related

        def get_related_klass_infos(klass_info, related_klass_infos):
            klass_info["related_klass_infos"] = related_klass_infos

        fields_found = set()
        for f in opts.fields:
            fields_found.add(f.name)
            if restricted:
                next_ = requested.get(f.name, {})
                if not f.is_relation:
                    if next_ or f.name in requested:
                        raise FieldError(
                            f"Non-relational field given in select_related: '{f.name}'. "
                            f"Choices are: {', '.join(_get_field_choices(opts)) or '(none)'}"
                        )
            else:
                next_ = False
            if not select_related_descend(f, restricted, requested):
                continue
            related_model = f.remote_field.model
            klass_info = {
                "model": related_model,
                "field": f,
                "reverse": False,
                "local_setter": f.set_cached_value,
                "remote_setter": f.remote_field.set_cached_value if f.unique else _noop,
                "from_parent": False,
            }
            related_klass_infos.append(klass_info)
            _, _, _, joins, _, _ = self.query.setup_joins([f.name], opts, root_alias)
            alias = joins[-1]
            columns = self.get_default_columns(start_alias=alias, opts=related_model._meta)
            select_fields = []
            for col in columns:
                select_fields.append(len(select))
                select.append((col, None))
            klass_info["select_fields"] = select_fields
            next_klass_infos = self.get_related_selections(
                select, related_model._meta, alias, cur_depth + 1, next_, restricted
            )
            get_related_klass_infos(klass_info, next_klass_infos)
        if restricted:
            related_fields = [
                (o, o.field, o.related_model)
                for o in opts.related_objects
                if o.field.unique and not o.many_to_many
            ]
            for related_object, related_field, model in related_fields:
                related_name = related_object.get_accessor_name()
                if related_name not in requested:
                    continue
                fields_found.add(related_name)
                join_info = self.query.setup_joins(
                    [related_field.related_query_name()], opts, root_alias
                )
                alias = join_info.joins[-1]
                klass_info = {
                    "model": model,
                    "field": related_field,
                    "reverse": True,
                    "local_setter": related_field.remote_field.set_cached_value,
                    "remote_setter": related_field.set_cached_value,
                    "from_parent": False,
                }
                related_klass_infos.append(klass_info)
                columns = self.get_default_columns(
                    start_alias=alias, opts=model._meta, from_parent=opts.model
                )
                select_fields = []
                for col in columns:
                    select_fields.append(len(select))
                    select.append((col, None))
                klass_info["select_fields"] = select_fields
                next_ = requested.get(related_name, {})
                next_klass_infos = self.get_related_selections(
                    select, model._meta, alias, cur_depth + 1, next_, restricted
                )
                get_related_klass_infos(klass_info, next_klass_infos)
            if cur_depth == 1:
                related_klass_infos.extend(
                    self._filtered_relation_selections(
                        select, opts, root_alias, requested, fields_found
                    )
                )
            fields_not_found = set(requested).difference(fields_found)
            if fields_not_found:
                invalid_fields = ", ".join(f"'{s}'" for s in sorted(fields_not_found))
                raise FieldError(
                    f"Invalid field name(s) given in select_related: {invalid_fields}. "
                    f"Choices are: {', '.join(_get_field_choices(opts)) or '(none)'}"
                )
        return related_klass_infos

    def _filtered_relation_selections(self, select, opts, root_alias, requested, fields_found):
        """Add the columns of FilteredRelation aliases named in select_related()."""
        klass_infos = []
        for name in requested:
            if name not in self.query._filtered_relations:
                continue
            fields_found.add(name)
            join_info = self.query.setup_joins([name], opts, root_alias)
            if any(path.m2m for path in join_info.path):
                raise FieldError(
                    f"select_related() cannot follow {name!r}: its FilteredRelation is "
                    f"multi-valued; use prefetch_related() with a filtered Prefetch instead."
                )
            model = join_info.opts.model
            alias = join_info.joins[-1]
            klass_info = {
                "model": model,
                "field": join_info.final_field,
                "reverse": False,
                "local_setter": _attribute_setter(name),
                "remote_setter": _noop,
                "from_parent": False,
            }
            select_fields = []
            for col in self.get_default_columns(start_alias=alias, opts=model._meta):
                select_fields.append(len(select))
                select.append((col, None))
            klass_info["select_fields"] = select_fields
            klass_info["related_klass_infos"] = self.get_related_selections(
                select, model._meta, alias, 2, requested.get(name, {}), True
            )
            klass_infos.append(klass_info)
        return klass_infos

    # -- ORDER BY --

    def _order_by_pairs(self):
        if self.query.extra_order_by:
            ordering = self.query.extra_order_by
        elif not self.query.default_ordering:
            ordering = self.query.order_by
        elif self.query.order_by:
            ordering = self.query.order_by
        elif (meta := self.query.get_meta()) and meta.ordering:
            ordering = meta.ordering
        else:
            ordering = []
        if self.query.standard_ordering:
            default_order, _ = ORDER_DIR["ASC"]
        else:
            default_order, _ = ORDER_DIR["DESC"]
        if not ordering:
            return
        selected_exprs = {}
        if select := self.select:
            for ordinal, (expr, _, alias) in enumerate(select, start=1):
                pos_expr = _PositionRef(ordinal, alias, expr)
                if alias:
                    selected_exprs[alias] = pos_expr
                selected_exprs[expr] = pos_expr
        for field in ordering:
            if hasattr(field, "resolve_expression"):
                if isinstance(field, Value):
                    field = field.copy()
                    from framework.db.models.expressions import ExpressionWrapper

                    field = ExpressionWrapper(field, output_field=field._output_field_or_none)
                if not isinstance(field, OrderBy):
                    field = field.asc()
                if not self.query.standard_ordering:
                    field = field.copy()
                    field.reverse_ordering()
                select_ref = selected_exprs.get(field.expression)
                if select_ref or (
                    isinstance(field.expression, F)
                    and (select_ref := selected_exprs.get(field.expression.name))
                ):
                    field = field.copy()
                    field.expression = select_ref
                yield field, select_ref is not None
                continue
            if field == "?":
                from framework.db.models.functions import Random

                yield OrderBy(Random()), False
                continue
            col, order = _get_order_dir(field, default_order)
            descending = order == "DESC"
            if col in self.query.annotation_select:
                yield (
                    OrderBy(Ref(col, self.query.annotation_select[col]), descending=descending),
                    True,
                )
                continue
            if col in self.query.annotations:
                if self.query.combinator and self.select:
                    expr = F(col)
                else:
                    expr = self.query.annotations[col]
                    if isinstance(expr, Value):
                        from framework.db.models.expressions import ExpressionWrapper

                        expr = ExpressionWrapper(expr, output_field=expr.output_field)
                yield OrderBy(expr, descending=descending), False
                continue
            if "." in field:
                raise FieldError(f"Ordering with {field!r} (a dot) is not supported.")
            if self.query.combinator and self.select:
                yield OrderBy(F(col), descending=descending), False
                continue
            yield from self.find_ordering_name(
                field, self.query.get_meta(), default_order=default_order
            )

    def get_order_by(self):
        """Return [(OrderBy expression, (sql, params, is_ref))]."""
        result = []
        seen = set()
        for expr, is_ref in self._order_by_pairs():
            resolved = expr.resolve_expression(self.query, allow_joins=True, reuse=None)
            if not is_ref and self.query.combinator and self.select:
                src = resolved.expression
                expr_src = expr.expression
                for sel_expr, _, col_alias in self.select:
                    if src == sel_expr or (
                        col_alias and isinstance(expr_src, F) and col_alias == expr_src.name
                    ):
                        resolved.set_source_expressions(
                            [
                                _PositionRef(
                                    self.select.index((sel_expr, _, col_alias)) + 1,
                                    col_alias,
                                    sel_expr,
                                )
                            ]
                        )
                        break
                else:
                    if isinstance(expr_src, F):
                        for idx, (sel_expr, _, col_alias) in enumerate(self.select):
                            target = getattr(sel_expr, "target", None)
                            if (
                                target is not None
                                and target.name == expr_src.name
                                or (target is not None and target.attname == expr_src.name)
                            ):
                                resolved.set_source_expressions(
                                    [_PositionRef(idx + 1, col_alias, sel_expr)]
                                )
                                break
                        else:
                            raise FieldError(
                                f"ORDER BY term does not match any column in the result "
                                f"set: {expr_src.name!r}."
                            )
                    else:
                        raise FieldError(
                            "ORDER BY term does not match any column in the result set."
                        )
            sql, params = self.compile(resolved)
            without_ordering = sql.rsplit(" ", 1)[0] if sql.endswith(("ASC", "DESC")) else sql
            params_hash = tuple(params)
            if (without_ordering, params_hash) in seen:
                continue
            seen.add((without_ordering, params_hash))
            result.append((resolved, (sql, params, is_ref)))
        return result

    def find_ordering_name(self, name, opts, alias=None, default_order="ASC", already_seen=None):
        """Yield OrderBy items for a field path; a relation expands to its model's ordering."""
        name, order = _get_order_dir(name, default_order)
        descending = order == "DESC"
        pieces = name.split(LOOKUP_SEP)
        field, targets, alias, joins, path, opts, transform_function = self._setup_joins(
            pieces, opts, alias
        )
        if (
            field.is_relation
            and opts.ordering
            and getattr(field, "attname", None) != pieces[-1]
            and name != "pk"
            and not getattr(transform_function, "has_transforms", False)
        ):
            already_seen = already_seen or set()
            join_tuple = tuple(getattr(self.query.alias_map[j], "join_cols", None) for j in joins)
            if join_tuple in already_seen:
                raise FieldError("Infinite loop caused by ordering.")
            already_seen.add(join_tuple)
            for item in opts.ordering:
                if hasattr(item, "resolve_expression") and not isinstance(item, OrderBy):
                    item = item.desc() if descending else item.asc()
                if isinstance(item, OrderBy):
                    item = item.copy()
                    if descending:
                        item.reverse_ordering()
                    yield item, False
                    continue
                yield from self.find_ordering_name(item, opts, alias, order, already_seen)
            return
        targets, alias, _ = self.query.trim_joins(targets, joins, path)
        for t in targets:
            yield OrderBy(transform_function(t, alias), descending=descending), False

    def _setup_joins(self, pieces, opts, alias):
        alias = alias or self.query.get_initial_alias()
        field, targets, opts, joins, path, transform_function = self.query.setup_joins(
            pieces, opts, alias
        )
        alias = joins[-1]
        return field, targets, alias, joins, path, opts, transform_function

    # -- GROUP BY --

    def get_group_by(self, select, order_by):
        if self.query.group_by is None:
            return []
        expressions = []
        group_by_refs = set()
        if self.query.group_by is not True:
            for expr in self.query.group_by:
                if not hasattr(expr, "as_sql"):
                    expr = self.query.resolve_ref(expr)
                if isinstance(expr, Ref):
                    if expr.refs not in group_by_refs:
                        group_by_refs.add(expr.refs)
                        expressions.append(expr.source)
                else:
                    expressions.append(expr)
        selected_expr_positions = {}
        for ordinal, (expr, _, alias) in enumerate(select, start=1):
            if alias:
                selected_expr_positions[expr] = ordinal
            if alias in group_by_refs:
                continue
            expressions.extend(expr.get_group_by_cols())
        if not self._meta_ordering:
            for expr, (_sql, _params, is_ref) in order_by:
                if not is_ref:
                    expressions.extend(expr.get_group_by_cols())
        having_group_by = self.having.get_group_by_cols() if self.having else ()
        for expr in having_group_by:
            expressions.append(expr)
        result = []
        seen = set()
        for expr in expressions:
            if isinstance(expr, Ref):
                expr = expr.source
            try:
                sql, params = self.compile(expr)
            except (EmptyResultSet, FullResultSet):
                continue
            if getattr(expr, "contains_aggregate", False):
                continue
            sql, params = expr.select_format(self, sql, params)
            params_hash = tuple(params)
            if (sql, params_hash) not in seen:
                result.append((sql, params))
                seen.add((sql, params_hash))
        return result

    # -- the statement --

    def pre_sql_setup(self, with_col_aliases=False):
        self.setup_query(with_col_aliases=with_col_aliases)
        self._meta_ordering = not (self.query.order_by or self.query.extra_order_by) and bool(
            self.query.default_ordering
            and self.query.get_meta() is not None
            and self.query.get_meta().ordering
        )
        order_by = self.get_order_by()
        self.where, self.having, self.qualify = self.query.where.split_having_qualify(
            must_group_by=self.query.group_by is not None
        )
        extra_select = self.get_extra_select(order_by, self.select)
        self.has_extra_select = bool(extra_select)
        group_by = self.get_group_by(self.select + extra_select, order_by)
        if self._meta_ordering and self.query.group_by is not None:
            # Meta.ordering doesn't apply to GROUP BY queries (Django 3.1+).
            order_by = []
        return extra_select, order_by, group_by

    def get_extra_select(self, order_by, select):
        extra_select = []
        if self.query.distinct and not self.query.distinct_fields:
            select_sql = [t[1] for t in select]
            for expr, (sql, params, is_ref) in order_by:
                without_ordering = sql.rsplit(" ", 1)[0] if sql.endswith(("ASC", "DESC")) else sql
                if not is_ref and (without_ordering, params) not in select_sql:
                    extra_select.append((expr, (without_ordering, params), None))
        return extra_select

    def get_distinct(self):
        result = []
        params: list = []
        opts = self.query.get_meta()
        for name in self.query.distinct_fields:
            parts = name.split(LOOKUP_SEP)
            _, targets, alias, joins, path, _, transform_function = self._setup_joins(
                parts, opts, None
            )
            targets, alias, _ = self.query.trim_joins(targets, joins, path)
            for target in targets:
                if name in self.query.annotation_select:
                    result.append(self.connection.ops.quote_name(name))
                else:
                    r, p = self.compile(transform_function(target, alias))
                    result.append(r)
                    params.extend(p)
        return result, params

    def get_from_clause(self):
        result = []
        params: list = []
        for alias in tuple(self.query.alias_map):
            if not self.query.alias_refcount[alias]:
                continue
            from_clause = self.query.alias_map[alias]
            clause_sql, clause_params = self.compile(from_clause)
            result.append(clause_sql)
            params.extend(clause_params)
        return result, params

    def get_combinator_sql(self, combinator, all_):
        features = self.connection.features
        compilers = [
            query.get_compiler(self.using, self.connection, self.elide_empty)
            for query in self.query.combined_queries
        ]
        for compiler in compilers:
            if compiler.query.is_sliced and not features.supports_slicing_ordering_in_compound:
                raise NotImplementedError(
                    "LIMIT/OFFSET not allowed in subqueries of compound statements."
                )
            if compiler.get_order_by() and compiler.query.is_sliced is False and False:
                pass
        parts = ()
        for compiler in compilers:
            if not compiler.query.order_by:
                # Meta.ordering has no meaning inside a compound statement.
                compiler.query = compiler.query.clone()
                compiler.query.default_ordering = False
            try:
                if not compiler.query.values_select and self.query.values_select:
                    compiler.query = compiler.query.clone()
                    compiler.query.set_values(
                        (
                            *self.query.extra_select,
                            *self.query.values_select,
                            *self.query.annotation_select,
                        )
                    )
                part_sql, part_args = compiler.as_sql(with_col_aliases=True)
                if compiler.query.combinator:
                    part_sql = f"({part_sql})"
                elif compiler.query.is_sliced or compiler.query.order_by:
                    part_sql = f"SELECT * FROM ({part_sql})"
                parts += ((part_sql, part_args),)
            except EmptyResultSet:
                if combinator == "union" or (combinator == "difference" and parts):
                    continue
                raise
        if not parts:
            raise EmptyResultSet
        combinator_sql = self.connection.ops.set_operators[combinator]
        if all_ and combinator == "union":
            combinator_sql += " ALL"
        braces = "{}"
        sql_parts, args_parts = zip(*((braces.format(sql), args) for sql, args in parts))
        result = [f" {combinator_sql} ".join(sql_parts)]
        params = []
        for part in args_parts:
            params.extend(part)
        return result, params

    def as_sql(self, with_limits=True, with_col_aliases=False):
        """Return (sql, params) for this SELECT."""
        refcounts_before = self.query.alias_refcount.copy()
        try:
            combinator = self.query.combinator
            if self.query.subquery and self.query.distinct and not self.query.distinct_fields:
                # Extra ORDER BY columns may be added; the outer query selects by alias.
                with_col_aliases = True
            extra_select, order_by, group_by = self.pre_sql_setup(
                with_col_aliases=with_col_aliases or bool(combinator)
            )
            features = self.connection.features
            with_limit_offset = with_limits and self.query.is_sliced
            ctx = SQLContext()
            if combinator:
                result, params = self.get_combinator_sql(combinator, self.query.combinator_all)
                ctx.add(" ".join(result), params)
                if self.query.subquery or order_by or with_limit_offset:
                    pass
            else:
                distinct_fields, distinct_params = self.get_distinct()
                from_, f_params = self.get_from_clause()
                try:
                    where, w_params = (
                        self.compile(self.where) if self.where is not None else ("", [])
                    )
                except EmptyResultSet:
                    if self.elide_empty:
                        raise
                    where, w_params = "0 = 1", []
                except FullResultSet:
                    where, w_params = "", []
                try:
                    having, h_params = (
                        self.compile(self.having) if self.having is not None else ("", [])
                    )
                except FullResultSet:
                    having, h_params = "", []
                ctx.sql("SELECT")
                if self.query.distinct:
                    distinct_result, distinct_params = self.connection.ops.distinct_sql(
                        distinct_fields, distinct_params
                    )
                    ctx.add(" ".join(distinct_result), distinct_params)
                out_cols = []
                col_params: list = []
                for index, (_, (s_sql, s_params), alias) in enumerate(self.select + extra_select):
                    if alias is None and index >= len(self.select):
                        alias = f"__orderbycol{index}"
                    if alias:
                        s_sql = f"{s_sql} AS {self.connection.ops.quote_name(alias)}"
                    col_params.extend(s_params)
                    out_cols.append(s_sql)
                ctx.add(", ".join(out_cols) or "1", col_params)
                if from_:
                    ctx.add("FROM " + " ".join(from_), f_params)
                if where:
                    ctx.add(f"WHERE {where}", w_params)
                if group_by:
                    grouping = []
                    g_params: list = []
                    for g_sql, gp in group_by:
                        grouping.append(g_sql)
                        g_params.extend(gp)
                    ctx.add("GROUP BY " + ", ".join(grouping), g_params)
                if having:
                    ctx.add(f"HAVING {having}", h_params)
            if order_by:
                ordering = []
                o_params: list = []
                for _, (o_sql, op, _) in order_by:
                    ordering.append(o_sql)
                    o_params.extend(op)
                ctx.add("ORDER BY " + ", ".join(ordering), o_params)
            if with_limit_offset:
                ctx.sql(
                    self.connection.ops.limit_offset_sql(self.query.low_mark, self.query.high_mark)
                )
            if self.query.select_for_update and features.has_select_for_update:
                if self.connection.get_autocommit():
                    from framework.db.transaction import TransactionManagementError

                    raise TransactionManagementError(
                        "select_for_update cannot be used outside of a transaction."
                    )
                of = [
                    self.connection.ops.quote_name(self._of_table(n))
                    for n in self.query.select_for_update_of
                ]
                ctx.sql(
                    self.connection.ops.for_update_sql(
                        nowait=self.query.select_for_update_nowait,
                        skip_locked=self.query.select_for_update_skip_locked,
                        of=of,
                        no_key=self.query.select_for_no_key_update,
                    )
                )
            sql, params = ctx.query()
            if self.query.subquery and extra_select:
                # Hide the ORDER BY helper columns that DISTINCT needed.
                sub_selects = []
                for index, (_select, _, alias) in enumerate(self.select, start=1):
                    sub_selects.append(
                        f"col{index}" if not alias else self.connection.ops.quote_name(alias)
                    )
                return (f"SELECT {', '.join(sub_selects)} FROM ({sql}) subquery", params)
            if self.query.explain_info:
                format_, options = self.query.explain_info
                prefix = self.connection.ops.explain_query_prefix(format_, **options)
                sql = f"{prefix} {sql}"
            return sql, params
        finally:
            self.query.reset_refcounts(refcounts_before)

    def _of_table(self, name):
        if name == "self":
            return self.query.get_meta().db_table
        opts = self.query.get_meta()
        field = opts.get_field(name.split(LOOKUP_SEP)[0])
        return field.related_model._meta.db_table

    # -- execution --

    def get_converters(self, expressions):
        """{position: (converters, expression)} for columns that need conversion."""
        converters = {}
        for i, expression in enumerate(expressions):
            if expression:
                try:
                    backend_converters = self.connection.ops.get_db_converters(expression)
                    field_converters = expression.get_db_converters(self.connection)
                except FieldError:
                    continue
                if backend_converters or field_converters:
                    converters[i] = (backend_converters + field_converters, expression)
        return converters

    def apply_converters(self, rows, converters):
        connection = self.connection
        converters = list(converters.items())
        for row in rows:
            yield convert_row(row, converters, connection)

    def results_iter(
        self,
        results=None,
        tuple_expected=False,
        chunked_fetch=False,
        chunk_size=GET_ITERATOR_CHUNK_SIZE,
    ):
        """Yield converted rows (tuples if tuple_expected)."""
        if results is None:
            results = self.execute_sql(MULTI, chunked_fetch=chunked_fetch, chunk_size=chunk_size)
        fields = [s[0] for s in self.select[0 : self.col_count]]
        converters = self.get_converters(fields)
        rows = chain.from_iterable(results)
        if converters:
            rows = self.apply_converters(rows, converters)
            if tuple_expected:
                rows = map(tuple, rows)
        return rows

    def has_results(self) -> bool:
        return bool(self.execute_sql(SINGLE))

    def execute_sql(
        self, result_type=MULTI, chunked_fetch=False, chunk_size=GET_ITERATOR_CHUNK_SIZE
    ):
        """Run the query; MULTI returns an iterable of row lists (chunks)."""
        result_type = result_type or NO_RESULTS
        try:
            sql, params = self.as_sql()
            if not sql:
                raise EmptyResultSet
        except EmptyResultSet:
            if result_type == MULTI:
                return iter([])
            return None
        connection = self.connection
        if chunked_fetch:
            cursor = connection.chunked_cursor()
        elif result_type == CURSOR:
            # The caller owns this cursor (and closes it).
            cursor = connection.cursor()
        else:
            # Results are read here: the connection's reusable cursor serves.
            cursor = connection.statement_cursor()
        try:
            cursor.execute(sql, params)
        except Exception:
            cursor.close()
            raise
        if result_type == CURSOR:
            return cursor
        if chunked_fetch and result_type == MULTI and connection.features.can_use_chunked_reads:
            return _cursor_iter(cursor, self.col_count, chunk_size)
        rows = None
        try:
            if result_type == ROW_COUNT:
                return cursor.rowcount
            if result_type == SINGLE:
                # One row at most (aggregates, LIMIT 1): nothing is left pending.
                val = cursor.fetchone()
                if val:
                    return val[0 : self.col_count]
                return val
            if result_type == NO_RESULTS:
                return None
            rows = cursor.fetchall()
        finally:
            # A driver cursor keeps its last result set: big ones aren't kept alive.
            if chunked_fetch or (rows is not None and len(rows) > KEEP_CURSOR_MAX_ROWS):
                cursor.close()
            else:
                connection.release_cursor(cursor)
        if self.has_extra_select:
            rows = [r[: self.col_count] for r in rows]
        return (rows,)

    def explain_query(self):
        result = list(self.execute_sql())
        for rows in result:
            for row in rows:
                yield " ".join(str(c) for c in row)

    def as_subquery_condition(self, alias, columns, compiler):
        qn = compiler.quote_name_unless_alias
        for index, select_col in enumerate(self.query.select):
            lhs_sql, lhs_params = self.compile(select_col)
            rhs = f"{qn(alias)}.{qn(columns[index])}"
            self.query.where.add(_RawCondition(f"{lhs_sql} = {rhs}", lhs_params), "AND")
        sql, params = self.as_sql()
        return f"EXISTS ({sql})", params


def _cursor_iter(cursor, col_count, itersize):
    try:
        while True:
            rows = cursor.fetchmany(itersize)
            if not rows:
                break
            yield [r[0:col_count] for r in rows]
    finally:
        cursor.close()


def _attribute_setter(name):
    def set_attribute(from_obj, obj):
        setattr(from_obj, name, obj)

    return set_attribute


def _noop(*args):
    return None


def _get_order_dir(field, default="ASC"):
    dirn = ORDER_DIR[default]
    if field[0] == "-":
        return field[1:], dirn[1]
    return field, dirn[0]


def _get_field_choices(opts):
    return [f.name for f in opts.fields if f.is_relation] + [
        o.get_accessor_name() for o in opts.related_objects if o.field.unique
    ]


class _PositionRef(Ref):
    """ORDER BY a selected column by its position (needed for compound queries)."""

    def __init__(self, ordinal, refs, source):
        self.ordinal = ordinal
        super().__init__(refs, source)

    def as_sql(self, compiler, connection):
        return str(self.ordinal), ()


class _RawCondition:
    contains_aggregate = False
    contains_over_clause = False

    def __init__(self, sql, params):
        self.sql, self.params = sql, params

    def as_sql(self, compiler, connection):
        return self.sql, self.params


# The write compilers live in their own module; backends look them up here by name.
from framework.db.models.sql.write_compilers import (  # noqa: E402
    SQLAggregateCompiler as SQLAggregateCompiler,
)
from framework.db.models.sql.write_compilers import (  # noqa: E402
    SQLDeleteCompiler as SQLDeleteCompiler,
)
from framework.db.models.sql.write_compilers import (  # noqa: E402
    SQLInsertCompiler as SQLInsertCompiler,
)
from framework.db.models.sql.write_compilers import (  # noqa: E402
    SQLUpdateCompiler as SQLUpdateCompiler,
)
