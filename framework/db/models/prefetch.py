"""prefetch_related(): one extra query per relation, joined up in Python."""

from __future__ import annotations

from typing import Any

from framework.db.models.constants import LOOKUP_SEP


class Prefetch:
    """``Prefetch('books', queryset=Book.objects.filter(...), to_attr='recent')``."""

    def __init__(self, lookup: str, queryset: Any = None, to_attr: str | None = None):
        self.prefetch_through = lookup
        self.prefetch_to = lookup
        if queryset is not None and (queryset._iterable_class.__name__ != "ModelIterable"):
            raise ValueError("Prefetch querysets cannot use raw(), values(), and values_list().")
        if to_attr:
            self.prefetch_to = LOOKUP_SEP.join(lookup.split(LOOKUP_SEP)[:-1] + [to_attr])
        self.queryset = queryset
        self.to_attr = to_attr

    def __getstate__(self):
        obj_dict = self.__dict__.copy()
        if self.queryset is not None:
            queryset = self.queryset._chain()
            queryset._result_cache = []
            queryset._prefetch_done = True
            obj_dict["queryset"] = queryset
        return obj_dict

    def add_prefix(self, prefix):
        self.prefetch_through = prefix + LOOKUP_SEP + self.prefetch_through
        self.prefetch_to = prefix + LOOKUP_SEP + self.prefetch_to

    def get_current_prefetch_to(self, level):
        return LOOKUP_SEP.join(self.prefetch_to.split(LOOKUP_SEP)[: level + 1])

    def get_current_to_attr(self, level):
        parts = self.prefetch_to.split(LOOKUP_SEP)
        to_attr = parts[level]
        as_attr = self.to_attr and level == len(parts) - 1
        return to_attr, as_attr

    def get_current_querysets(self, level):
        if self.get_current_prefetch_to(level) == self.prefetch_to and self.queryset is not None:
            return [self.queryset]
        return None

    def __eq__(self, other):
        if not isinstance(other, Prefetch):
            return NotImplemented
        return self.prefetch_to == other.prefetch_to

    def __hash__(self):
        return hash((self.__class__, self.prefetch_to))


def normalize_prefetch_lookups(lookups, prefix=None):
    ret = []
    for lookup in lookups:
        if not isinstance(lookup, Prefetch):
            lookup = Prefetch(lookup)
        if prefix:
            lookup.add_prefix(prefix)
        ret.append(lookup)
    return ret


def prefetch_related_objects(model_instances, *related_lookups):
    """Populate prefetched caches on a list of instances (same model)."""
    if not model_instances:
        return
    done_queries = {}
    auto_lookups = set()
    followed_descriptors = set()
    all_lookups = normalize_prefetch_lookups(reversed(related_lookups))
    while all_lookups:
        lookup = all_lookups.pop()
        if lookup.prefetch_to in done_queries:
            if lookup.queryset is not None:
                raise ValueError(
                    f"'{lookup.prefetch_to}' lookup was already seen with a different "
                    f"queryset. You may need to adjust the ordering of your lookups."
                )
            continue
        obj_list = model_instances
        through_attrs = lookup.prefetch_through.split(LOOKUP_SEP)
        for level, through_attr in enumerate(through_attrs):
            if not obj_list:
                break
            prefetch_to = lookup.get_current_prefetch_to(level)
            if prefetch_to in done_queries:
                obj_list = done_queries[prefetch_to]
                continue
            good_objects = True
            for obj in obj_list:
                if not hasattr(obj, "_prefetched_objects_cache"):
                    try:
                        obj._prefetched_objects_cache = {}
                    except (AttributeError, TypeError):
                        good_objects = False
                        break
            if not good_objects:
                break
            first_obj = obj_list[0]
            to_attr = lookup.get_current_to_attr(level)[0]
            prefetcher, descriptor, attr_found, is_fetched = get_prefetcher(
                first_obj, through_attr, to_attr
            )
            if not attr_found:
                raise AttributeError(
                    f"Cannot find '{through_attr}' on {first_obj.__class__.__name__} object, "
                    f"'{lookup.prefetch_through}' is an invalid parameter to "
                    f"prefetch_related()"
                )
            if level == len(through_attrs) - 1 and prefetcher is None:
                raise ValueError(
                    f"'{lookup.prefetch_through}' does not resolve to an item that supports "
                    f"prefetching - this is an invalid parameter to prefetch_related()."
                )
            obj_to_fetch = None
            if prefetcher is not None:
                obj_to_fetch = [obj for obj in obj_list if not is_fetched(obj)]
            if obj_to_fetch:
                obj_list, additional_lookups = prefetch_one_level(
                    obj_to_fetch, prefetcher, lookup, level
                )
                if not (
                    prefetch_to in done_queries
                    and lookup in auto_lookups
                    and descriptor in followed_descriptors
                ):
                    done_queries[prefetch_to] = obj_list
                    new_lookups = normalize_prefetch_lookups(
                        reversed(additional_lookups), prefetch_to
                    )
                    auto_lookups.update(new_lookups)
                    all_lookups.extend(new_lookups)
                followed_descriptors.add(descriptor)
            else:
                new_obj_list = []
                for obj in obj_list:
                    if through_attr in getattr(obj, "_prefetched_objects_cache", ()):
                        new_obj = list(obj._prefetched_objects_cache.get(through_attr))
                    else:
                        try:
                            new_obj = getattr(obj, through_attr)
                        except Exception:
                            continue
                    if new_obj is None:
                        continue
                    if isinstance(new_obj, list):
                        new_obj_list.extend(new_obj)
                    else:
                        new_obj_list.append(new_obj)
                obj_list = new_obj_list


def get_prefetcher(instance, through_attr, to_attr):
    """(prefetcher, descriptor, attr_found, is_fetched(obj)) for an attribute."""

    def is_to_attr_fetched(model, to_attr):
        if isinstance(getattr(model, to_attr, None), property):
            return lambda instance: hasattr(instance, to_attr) and to_attr in instance.__dict__
        return lambda instance: hasattr(instance, to_attr)

    prefetcher = None
    is_fetched = is_to_attr_fetched(instance.__class__, to_attr)
    rel_obj_descriptor = getattr(instance.__class__, through_attr, None)
    if rel_obj_descriptor is None:
        attr_found = hasattr(instance, through_attr)
    else:
        attr_found = True
        if rel_obj_descriptor:
            if hasattr(rel_obj_descriptor, "get_prefetch_querysets"):
                prefetcher = rel_obj_descriptor
                is_fetched = rel_obj_descriptor.is_cached
            else:
                rel_obj = getattr(instance, through_attr)
                if hasattr(rel_obj, "get_prefetch_querysets"):
                    prefetcher = rel_obj
                if through_attr != to_attr:
                    is_fetched = is_to_attr_fetched(instance.__class__, to_attr)
                else:

                    def in_prefetched_cache(instance):
                        return through_attr in getattr(instance, "_prefetched_objects_cache", {})

                    is_fetched = in_prefetched_cache
    return prefetcher, rel_obj_descriptor, attr_found, is_fetched


def prefetch_one_level(instances, prefetcher, lookup, level):
    """Run one prefetch query and assign the results to ``instances``."""
    (rel_qs, rel_obj_attr, instance_attr, single, cache_name, is_descriptor) = (
        prefetcher.get_prefetch_querysets(instances, lookup.get_current_querysets(level))
    )
    additional_lookups = [
        copy_lookup for copy_lookup in getattr(rel_qs, "_prefetch_related_lookups", ())
    ]
    if additional_lookups:
        rel_qs._prefetch_related_lookups = ()
    all_related_objects = list(rel_qs)
    rel_obj_cache: dict = {}
    for rel_obj in all_related_objects:
        rel_attr_val = rel_obj_attr(rel_obj)
        rel_obj_cache.setdefault(rel_attr_val, []).append(rel_obj)
    to_attr, as_attr = lookup.get_current_to_attr(level)
    if as_attr and instances:
        model = instances[0].__class__
        try:
            model._meta.get_field(to_attr)
        except Exception:
            pass
        else:
            raise ValueError(
                f"to_attr={to_attr} conflicts with a field on the {model.__name__} model."
            )
    leaf = len(lookup.prefetch_through.split(LOOKUP_SEP)) - 1 == level
    for obj in instances:
        instance_attr_val = instance_attr(obj)
        vals = rel_obj_cache.get(instance_attr_val, [])
        if single:
            val = vals[0] if vals else None
            if as_attr:
                setattr(obj, to_attr, val)
            elif is_descriptor:
                setattr(obj, cache_name, val)
            else:
                obj._state.fields_cache[cache_name] = val
        else:
            if as_attr:
                setattr(obj, to_attr, vals)
            else:
                manager = getattr(obj, to_attr)
                if leaf and lookup.queryset is not None:
                    qs = manager._apply_rel_filters(lookup.queryset)
                else:
                    qs = manager.get_queryset()
                qs._result_cache = vals
                qs._prefetch_done = True
                obj._prefetched_objects_cache[cache_name] = qs
    return all_related_objects, additional_lookups
