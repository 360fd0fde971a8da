"""The structured change message of a LogEntry: Django's JSON list, each "changed"
entry also carrying every changed field's old and new value (raw and displayed)."""

from __future__ import annotations

from typing import Any

from framework.contrib.admin.utils import json_value, value_repr
from framework.core.exceptions import FieldDoesNotExist


def _field_changes(form: Any, names: list) -> list:
    values = []
    instance = form.instance
    for name in names:
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        old = form.initial.get(name)
        if getattr(field, "many_to_many", False):
            new = list(form.cleaned_data.get(name) or [])
            old_objects = list(old or [])
            old_json = json_value(old_objects)
            new_json = json_value(new)
            old_r, new_r = value_repr(old_objects), value_repr(new)
        else:
            new = field.value_from_object(instance)
            old_json, new_json = json_value(old), json_value(new)
            if field.is_relation:
                old_r = _related_repr(field, old)
                new_r = value_repr(getattr(instance, field.name, None))
            else:
                old_r, new_r = value_repr(old, field), value_repr(new, field)
        values.append(
            {
                "name": name,
                "label": str(form.fields[name].label or field.verbose_name),
                "old": old_json,
                "new": new_json,
                "old_repr": old_r,
                "new_repr": new_r,
            }
        )
    return values


def _related_repr(field: Any, pk: Any) -> str:
    if pk is None:
        return value_repr(None)
    obj = field.related_model._default_manager.filter(pk=pk).first()
    return str(obj) if obj is not None else str(pk)


def construct_change_message(form: Any, formsets: Any, add: bool) -> list:
    """Django's change message list, each "changed" entry carrying the fields' old/new values."""
    changed_data = form.changed_data
    message: list = []
    if add:
        message.append({"added": {}})
    elif changed_data:
        labels = [str(form.fields[n].label or n) for n in changed_data if n in form.fields]
        message.append(
            {"changed": {"fields": labels, "values": _field_changes(form, changed_data)}}
        )
    for formset in formsets or ():
        for added in getattr(formset, "new_objects", ()):
            message.append(
                {
                    "added": {
                        "name": str(added._meta.verbose_name),
                        "object": str(added),
                        "model": added._meta.label,
                        "pk": json_value(added.pk),
                    }
                }
            )
        for changed_object, changed_fields in getattr(formset, "changed_objects", ()):
            form_of = next(
                (f for f in formset.initial_forms if f.instance.pk == changed_object.pk), None
            )
            entry = {
                "name": str(changed_object._meta.verbose_name),
                "object": str(changed_object),
                "model": changed_object._meta.label,
                "pk": json_value(changed_object.pk),
                "fields": [
                    str(form_of.fields[n].label or n) if form_of and n in form_of.fields else n
                    for n in changed_fields
                ],
            }
            if form_of is not None:
                entry["values"] = _field_changes(form_of, list(changed_fields))
            message.append({"changed": entry})
        deleted_pks = {
            # The delete cleared instance.pk: read it from the submitted form.
            id(f.instance): f.instance._meta.pk.to_python(
                f.data.get(f.add_prefix(f.instance._meta.pk.name))
            )
            for f in getattr(formset, "deleted_forms", ())
        }
        for deleted in getattr(formset, "deleted_objects", ()):
            pk = deleted.pk if deleted.pk is not None else deleted_pks.get(id(deleted))
            message.append(
                {
                    "deleted": {
                        "name": str(deleted._meta.verbose_name),
                        "object": str(deleted),
                        "model": deleted._meta.label,
                        "pk": json_value(pk),
                        # Everything needed to bring the row back on "Restore".
                        "fields": {
                            f.attname: json_value(f.value_from_object(deleted))
                            for f in deleted._meta.concrete_fields
                            if not f.primary_key
                        },
                    }
                }
            )
    return message
