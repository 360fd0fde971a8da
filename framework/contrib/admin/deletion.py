"""What deleting objects would delete, as Django's nested tree: ``NestedObjects`` and
``get_deleted_objects`` (links where the user may change the object, protected objects,
the models the user may not delete)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

from framework.contrib.admin.utils import quote
from framework.db.models.deletion import Collector, ProtectedError, RestrictedError
from framework.urls import NoReverseMatch, reverse
from framework.utils.text import capfirst


class DeletedEntry(NamedTuple):
    """One object of the deletion tree: its model's name, itself, its change URL."""

    label: str
    obj: Any
    url: str | None


class NestedObjects(Collector):
    """A Collector that remembers which object pulled in which, and never fast-deletes
    (so that every reached object is listed)."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.edges: dict[Any, list] = defaultdict(list)
        self.protected: set = set()
        self.model_objs: dict[type, set] = defaultdict(set)

    def add_edge(self, source: Any, target: Any) -> None:
        """Record that deleting ``source`` deletes ``target``."""
        self.edges[source].append(target)

    def collect(self, objs: Any, source: Any = None, source_attr: str | None = None, **kwargs):
        for obj in objs:
            if source_attr and not source_attr.endswith("+"):
                related = source_attr % {
                    "class": source._meta.model_name,
                    "app_label": source._meta.app_label,
                }
                self.add_edge(getattr(obj, related), obj)
            else:
                self.add_edge(None, obj)
            self.model_objs[obj._meta.model].add(obj)
        try:
            return super().collect(objs, source=source, source_attr=source_attr, **kwargs)
        except ProtectedError as exc:
            self.protected.update(exc.protected_objects)
        except RestrictedError as exc:
            self.protected.update(exc.restricted_objects)

    def related_objects(self, related_model: Any, related_fields: Any, objs: Any) -> Any:
        # The tree reads each child's parent: fetch it with the child, not once per row.
        qs = super().related_objects(related_model, related_fields, objs)
        return qs.select_related(*[f.name for f in related_fields])

    def can_fast_delete(self, *args: Any, **kwargs: Any) -> bool:
        return False

    def _nested(self, obj: Any, seen: set, format_callback: Any) -> list:
        if obj in seen:
            return []
        seen.add(obj)
        children = []
        for child in self.edges.get(obj, ()):
            children.extend(self._nested(child, seen, format_callback))
        ret = [format_callback(obj) if format_callback else obj]
        if children:
            ret.append(children)
        return ret

    def nested(self, format_callback: Any = None) -> list:
        """The collected objects as a nested list: each object followed by the list of
        what it pulls in."""
        seen: set = set()
        roots = []
        for root in self.edges.get(None, ()):
            roots.extend(self._nested(root, seen, format_callback))
        return roots


def get_deleted_objects(objs: Any, request: Any, admin_site: Any) -> tuple:
    """What deleting ``objs`` would delete: (to_delete, model_count, perms_needed, protected).

    ``to_delete`` is the nested tree: each entry is a (label, object, change URL or None)
    tuple, followed by a list with what it pulls in; the URL is given only when the user
    may change the object. ``perms_needed`` holds the verbose names of the models the user
    may not delete; ``protected`` the (label, object, URL) of protected objects.
    """
    objs = list(objs)
    if not objs:
        return [], {}, set(), []
    using = objs[0]._state.db or "default"
    collector = NestedObjects(using=using, origin=objs)
    collector.collect(objs)
    perms_needed: set[str] = set()

    def describe(obj: Any) -> DeletedEntry:
        opts = obj._meta
        model_admin = admin_site._registry.get(obj.__class__)
        url = None
        if model_admin is not None:
            if not model_admin.has_delete_permission(request, obj):
                perms_needed.add(str(opts.verbose_name))
            if model_admin.has_change_permission(request, obj):
                url = _change_url(admin_site, obj)
        return DeletedEntry(capfirst(str(opts.verbose_name)), obj, url)

    to_delete = collector.nested(describe)
    protected = [describe(obj) for obj in sorted(collector.protected, key=_sort_key)]
    model_count = {
        str(model._meta.verbose_name_plural): len(found)
        for model, found in collector.model_objs.items()
        if not model._meta.auto_created
    }
    return to_delete, model_count, perms_needed, protected


def _sort_key(obj: Any) -> tuple:
    return (obj._meta.label, str(obj.pk))


def _change_url(admin_site: Any, obj: Any) -> str | None:
    opts = obj._meta
    try:
        return reverse(
            f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change",
            args=(quote(obj.pk),),
        )
    except NoReverseMatch:
        return None
