"""Query mixin: table aliases, joins along relation paths, join promotion and relabelling."""

from __future__ import annotations

from collections import Counter
from itertools import chain, count

from framework.core.exceptions import FieldDoesNotExist, FieldError
from framework.db.models.sql.datastructures import INNER, LOUTER, JoinInfo, MultiJoin
from framework.db.models.sql.where import AND, OR


def get_field_names_from_opts(opts) -> set:
    if opts is None:
        return set()
    return set(
        chain.from_iterable(
            (f.name, f.attname) if f.concrete else (f.name,) for f in opts.get_fields()
        )
    )


def _partial_transform(func, name, previous):
    def inner(field, alias):
        return func(field, alias, name=name, previous=previous)

    return inner


class JoinsMixin:
    """How a Query finds and creates the joins a relation path needs."""

    # True while a FilteredRelation condition is built (see build_filtered_relation_q).
    _reuse_filtered_joins = False

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
        if self._reuse_filtered_joins:
            # A FilteredRelation's condition names the plain relation: match its filtered join.
            identity = join.identity[:-1]
            reuse_aliases = [
                a
                for a, j in self.alias_map.items()
                if (reuse is None or a in reuse) and j.identity[:-1] == identity
            ]
        else:
            reuse_aliases = [
                a
                for a, j in self.alias_map.items()
                if (reuse is None or a in reuse) and j.equals(join)
            ]
        if reuse_aliases:
            if join.table_alias in reuse_aliases:
                reuse_alias = join.table_alias
            else:
                reuse_alias = reuse_aliases[-1]
            self.ref_alias(reuse_alias)
            return reuse_alias
        alias, _ = self.table_alias(
            join.table_name, create=True, filtered_relation=join.filtered_relation
        )
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
            parent_louter = (
                join.parent_alias and self.alias_map[join.parent_alias].join_type == LOUTER
            )
            already_louter = join.join_type == LOUTER
            if (join.nullable or parent_louter) and not already_louter:
                self.alias_map[alias] = join.promote()
                aliases.extend(
                    a
                    for a, j in self.alias_map.items()
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
        self.alias_map = {
            a: self.alias_map[a]
            for a in sorted(
                self.alias_map, key=lambda a: order.index(a) if a in order else len(order)
            )
        }
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
        self.change_aliases(
            {
                alias: f"{self.alias_prefix}{pos}"
                for pos, alias in enumerate(self.alias_map)
                if alias not in exclude
            }
        )

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
                    available = sorted(
                        [
                            *get_field_names_from_opts(opts),
                            *self.annotation_select,
                            *self._filtered_relations,
                        ]
                    )
                    raise FieldError(
                        f"Cannot resolve keyword '{name}' into field. Choices are: "
                        f"{', '.join(available)}"
                    )
                break
            if (
                opts is not None
                and model is not opts.model
                and model is not None
                and model in opts.get_parent_list()
            ):
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
                            cur_names_with_path[1].extend(pathinfos[0 : inner_pos + 1])
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
        return path, final_field, targets, names[pos + 1 :]

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
                    names[:pivot], opts, allow_many, fail_on_missing=True
                )
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
                        final_field, "get_transform"
                    ):
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
                opts.db_table,
                alias,
                table_alias,
                INNER,
                join.join_field,
                nullable,
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
        for _pos, info in enumerate(reversed(path)):
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
                self.effective_connector == OR and votes == self.num_children
            ):
                to_demote.add(table)
        query.promote_joins(to_promote)
        query.demote_joins(to_demote)
        return to_demote
