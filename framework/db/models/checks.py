"""Model system checks (models.E0xx, fields.E1xx/E3xx), run by ``Model.check()``."""

from __future__ import annotations

from itertools import chain
from typing import Any

from framework.core.checks.messages import Error
from framework.core.checks.registry import Tags, register
from framework.db.models.constants import LOOKUP_SEP


def check_model(model: type, **kwargs: Any) -> list:
    """Every check of one model class: its fields, clashes, Meta options."""
    errors: list = []
    for field in chain(model._meta.local_fields, model._meta.local_many_to_many):
        errors += _check_field(field)
        errors += field.check(**kwargs)
    errors += _check_id_field(model)
    errors += _check_field_name_clashes(model)
    errors += _check_column_name_clashes(model)
    errors += _check_together(model, "unique_together")
    errors += _check_ordering(model)
    errors += _check_reverse_clashes(model)
    return errors


def check_all_models(app_configs: Any = None, **kwargs: Any) -> list:
    """The ``models`` tag check: ``Model.check()`` of every installed model."""
    from framework.apps import apps

    if app_configs is None:
        models = apps.get_models()
    else:
        models = chain.from_iterable(ac.get_models() for ac in app_configs)
    errors: list = []
    for model in models:
        if not model._meta.swapped:
            errors += model.check(**kwargs)
    return errors


def _label(field) -> str:
    return f"{field.model._meta.label}.{field.name}"


def _check_field(field) -> list:
    errors = []
    name = field.name
    if name.endswith("_"):
        errors.append(
            Error("Field names must not end with an underscore.", obj=field, id="fields.E001")
        )
    if LOOKUP_SEP in name:
        errors.append(
            Error(f"Field names must not contain '{LOOKUP_SEP}'.", obj=field, id="fields.E002")
        )
    if name == "pk":
        errors.append(
            Error(
                "'pk' is a reserved word that cannot be used as a field name.",
                obj=field,
                id="fields.E003",
            )
        )
    if field.get_internal_type() == "CharField" and getattr(field, "max_length", None) is None:
        from framework.db import connection

        if not connection.features.supports_unlimited_charfield:
            errors.append(
                Error(
                    "CharFields must define a 'max_length' attribute.",
                    obj=field,
                    id="fields.E120",
                )
            )
    remote = getattr(field, "remote_field", None)
    if remote is not None and not field.many_to_many:
        from framework.db.models.deletion import SET_DEFAULT, SET_NULL

        on_delete = getattr(remote, "on_delete", None)
        if on_delete is SET_NULL and not field.null:
            errors.append(
                Error(
                    "Field specifies on_delete=SET_NULL, but cannot be null.",
                    hint="Set null=True argument on the field, or change the on_delete rule.",
                    obj=field,
                    id="fields.E320",
                )
            )
        if on_delete is SET_DEFAULT and not field.has_default():
            errors.append(
                Error(
                    "Field specifies on_delete=SET_DEFAULT, but has no default value.",
                    hint="Set a default value, or change the on_delete rule.",
                    obj=field,
                    id="fields.E321",
                )
            )
    return errors


def _check_id_field(model) -> list:
    fields = [f for f in model._meta.local_fields if f.name == "id" and f != model._meta.pk]
    if fields and not fields[0].primary_key and model._meta.pk.name == "id":
        return [
            Error(
                "'id' can only be used as a field name if the field also sets 'primary_key=True'.",
                obj=model,
                id="models.E004",
            )
        ]
    return []


def _check_field_name_clashes(model) -> list:
    errors = []
    seen: dict = {}
    for parent in model._meta.get_parent_list():
        for field in parent._meta.local_fields:
            seen.setdefault(field.name, field)
    for field in chain(model._meta.local_fields, model._meta.local_many_to_many):
        clash = seen.get(field.name)
        if clash is not None and clash.model is not model and clash is not field:
            errors.append(
                Error(
                    f"The field {field.name!r} clashes with the field {clash.name!r} from "
                    f"model {clash.model._meta.label!r}.",
                    obj=field,
                    id="models.E006",
                )
            )
        seen[field.name] = field
    return errors


def _check_column_name_clashes(model) -> list:
    errors = []
    used: dict = {}
    for field in model._meta.local_fields:
        column = field.get_attname_column()[1]
        if column and column in used:
            errors.append(
                Error(
                    f"Field {field.name!r} has column name {column!r} that is used by "
                    f"another field.",
                    hint="Specify a 'db_column' for the field.",
                    obj=model,
                    id="models.E007",
                )
            )
        used[column] = field
    return errors


def _check_together(model, option: str) -> list:
    value = getattr(model._meta, option)
    if not isinstance(value, (tuple, list)) or any(
        not isinstance(fields, (tuple, list)) for fields in value
    ):
        return [
            Error(
                f"All '{option}' elements must be lists or tuples.",
                obj=model,
                id="models.E011",
            )
        ]
    forward = {}
    for field in model._meta._get_fields(reverse=False):
        forward[field.name] = field
        if hasattr(field, "attname"):
            forward[field.attname] = field
    errors = []
    for name in chain.from_iterable(value):
        field = forward.get(name)
        if field is None:
            errors.append(
                Error(
                    f"'{option}' refers to the nonexistent field {name!r}.",
                    obj=model,
                    id="models.E012",
                )
            )
        elif field.many_to_many:
            errors.append(
                Error(
                    f"'{option}' refers to a ManyToManyField {name!r}, but ManyToManyFields "
                    f"are not permitted in '{option}'.",
                    obj=model,
                    id="models.E013",
                )
            )
    return errors


def _check_ordering(model) -> list:
    ordering = model._meta.ordering
    if not ordering or model._meta.order_with_respect_to:
        return []
    if not isinstance(ordering, (list, tuple)):
        return [
            Error(
                "'ordering' must be a tuple or list (even if you want to order by only one field).",
                obj=model,
                id="models.E014",
            )
        ]
    from framework.core.exceptions import FieldDoesNotExist

    errors = []
    for item in ordering:
        if not isinstance(item, str) or item == "?":
            continue
        name = item.lstrip("-")
        if name == "pk":
            continue
        opts = model._meta
        parts = name.split(LOOKUP_SEP)
        for pos, part in enumerate(parts):
            try:
                field = opts.get_field("pk" if part == "pk" else part)
            except FieldDoesNotExist:
                if part == "pk":
                    break
                if pos > 0 and part in _lookup_names(field):
                    break
                errors.append(
                    Error(
                        f"'ordering' refers to the nonexistent field, related field, or "
                        f"lookup {name!r}.",
                        obj=model,
                        id="models.E015",
                    )
                )
                break
            if pos < len(parts) - 1:
                if not field.is_relation:
                    continue
                opts = field.related_model._meta
    return errors


def _lookup_names(field) -> set:
    lookups = getattr(field, "get_lookups", None)
    return set(lookups()) if lookups else set()


def _check_reverse_clashes(model) -> list:
    """fields.E302-E305: reverse accessors and query names against the target's names."""
    errors = []
    for field in chain(model._meta.local_fields, model._meta.local_many_to_many):
        rel = getattr(field, "remote_field", None)
        target = getattr(field, "related_model", None)
        if rel is None or not isinstance(target, type) or rel.hidden:
            continue
        accessor = rel.get_accessor_name()
        query_name = field.related_query_name()
        label = _label(field)
        for clash in target._meta.get_fields():
            if clash.is_relation and clash.auto_created:
                continue
            clash_label = f"{target._meta.label}.{clash.name}"
            if clash.name == accessor:
                errors.append(
                    Error(
                        f"Reverse accessor '{target._meta.object_name}.{accessor}' for "
                        f"'{label}' clashes with field name '{clash_label}'.",
                        hint=(
                            f"Rename field '{clash_label}', or add/change a related_name "
                            f"argument to the definition for field '{label}'."
                        ),
                        obj=field,
                        id="fields.E302",
                    )
                )
            if clash.name == query_name:
                errors.append(
                    Error(
                        f"Reverse query name for '{label}' clashes with field name "
                        f"'{clash_label}'.",
                        hint=(
                            f"Rename field '{clash_label}', or add/change a related_name "
                            f"argument to the definition for field '{label}'."
                        ),
                        obj=field,
                        id="fields.E303",
                    )
                )
        for other in target._meta.related_objects:
            if other.field is field or other.hidden:
                continue
            other_label = _label(other.field)
            if other.get_accessor_name() == accessor:
                errors.append(
                    Error(
                        f"Reverse accessor '{target._meta.object_name}.{accessor}' for "
                        f"'{label}' clashes with reverse accessor for '{other_label}'.",
                        hint=(
                            f"Add or change a related_name argument to the definition for "
                            f"'{label}' or '{other_label}'."
                        ),
                        obj=field,
                        id="fields.E304",
                    )
                )
            if other.field.related_query_name() == query_name:
                errors.append(
                    Error(
                        f"Reverse query name for '{label}' clashes with reverse query name "
                        f"for '{other_label}'.",
                        hint=(
                            f"Add or change a related_name argument to the definition for "
                            f"'{label}' or '{other_label}'."
                        ),
                        obj=field,
                        id="fields.E305",
                    )
                )
    return errors


register(check_all_models, Tags.models)
