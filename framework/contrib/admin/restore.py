"""Restoring the inline rows of an earlier version: the history entries newer than the
chosen one are undone, newest first - rows added since are deleted, rows changed get
their old values back, rows deleted are re-created with their recorded values."""

from __future__ import annotations

from typing import Any

from framework.apps import apps


def inline_undo_steps(entries: list, target: Any) -> list[dict]:
    """The inline changes to undo, newest first: dicts with ``op`` ("delete", "revert",
    "recreate"), ``model``, ``pk``, ``object`` and ``values`` / ``fields``."""
    steps = []
    for entry in entries:
        if entry.pk == target.pk:
            break
        for sub in entry.get_change_list():
            for kind, op in (("added", "delete"), ("changed", "revert"), ("deleted", "recreate")):
                item = sub.get(kind)
                if item and "model" in item and item.get("pk") is not None:
                    steps.append(
                        {
                            "op": op,
                            "model": item["model"],
                            "pk": item["pk"],
                            "name": item.get("name", ""),
                            "object": item.get("object", ""),
                            "values": item.get("values", []),
                            "fields": item.get("fields", {}),
                        }
                    )
    return steps


# The inline admin permission each kind of step needs.
STEP_PERMISSION = {"delete": "delete", "revert": "change", "recreate": "add"}


def refused_steps(steps: list[dict], inlines: list, request: Any, obj: Any) -> list[dict]:
    """The steps this user may not apply: each needs the add/change/delete permission of the
    inline admin showing that model on ``obj`` (a model no inline shows needs the user's
    model permission, as in the rest of the admin)."""
    by_model = {inline.model._meta.label_lower: inline for inline in inlines}
    refused = []
    for step in steps:
        action = STEP_PERMISSION[step["op"]]
        inline = by_model.get(step["model"].lower())
        if inline is not None:
            allowed = getattr(inline, f"has_{action}_permission")(request, obj)
        else:
            try:
                opts = apps.get_model(step["model"])._meta
            except LookupError:
                continue  # apply_steps skips models that are gone
            allowed = request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        if not allowed:
            refused.append(step)
    return refused


def describe(step: dict) -> str:
    """What applying ``step`` will do, for the restore page."""
    verb = {"delete": "Remove", "revert": "Change back", "recreate": "Bring back"}[step["op"]]
    return f"{verb} {step['name']} “{step['object']}”"


def apply_steps(steps: list[dict], using: str) -> None:
    """Undo the recorded inline changes (newest first) on database ``using``."""
    for step in steps:
        try:
            model = apps.get_model(step["model"])
        except LookupError:
            continue
        manager = model._base_manager.using(using)
        if step["op"] == "delete":
            manager.filter(pk=step["pk"]).delete()
        elif step["op"] == "revert":
            obj = manager.filter(pk=step["pk"]).first()
            if obj is None:
                continue
            for item in step["values"]:
                field = obj._meta.get_field(item["name"])
                if field.many_to_many:
                    continue
                setattr(obj, field.attname, field.to_python(item["old"]))
            obj.save(using=using)
        elif step["op"] == "recreate":
            if manager.filter(pk=step["pk"]).exists():
                continue
            values = {}
            for attname, value in step["fields"].items():
                field = next((f for f in model._meta.concrete_fields if f.attname == attname), None)
                if field is not None:
                    values[attname] = field.to_python(value)
            obj = model(pk=step["pk"], **values)
            obj.save(using=using, force_insert=True)
