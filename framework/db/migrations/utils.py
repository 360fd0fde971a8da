"""Small helpers shared by the migration modules."""

from __future__ import annotations

import datetime
from typing import Any

COMPILED_REGEX_TYPE = type(__import__("re").compile(""))
FIELD_REFERENCE_FIELDS = ("to", "through")


class RegexObject:
    """A compiled regex compared by pattern and flags (for state comparisons)."""

    def __init__(self, obj: Any):
        self.pattern = obj.pattern
        self.flags = obj.flags

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RegexObject):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags


def normalize_together(value: Any) -> tuple:
    """unique_together in any spelling (set, list, one tuple) as a tuple of tuples."""
    if not value:
        return ()
    if isinstance(value, (set, frozenset)):
        value = sorted(value)
    if not isinstance(value, (tuple, list)):
        raise TypeError(f"Expected a list or set of field name tuples, got {value!r}.")
    if not isinstance(value[0], (tuple, list)):
        value = (value,)
    return tuple(tuple(item) for item in value)


def get_migration_name_timestamp() -> str:
    return datetime.datetime.now().strftime("%Y%m%d_%H%M")


def resolve_relation(model: Any, app_label: str | None = None, model_name: str | None = None):
    """Turn a relation target ('self', 'Model', 'app.Model', a class) into 'app_label.name'.

    Returns ``(app_label, model_name_lower)``.
    """
    if isinstance(model, str):
        if model == "self":
            if app_label is None or model_name is None:
                raise TypeError("app_label and model_name are required to resolve 'self'.")
            return app_label, model_name.lower()
        if "." in model:
            label, name = model.split(".", 1)
            return label, name.lower()
        if app_label is None:
            raise TypeError(f"app_label is required to resolve the relation {model!r}.")
        return app_label, model.lower()
    return model._meta.app_label, model._meta.model_name


def field_references(
    model_tuple: tuple, field: Any, reference_model_tuple: tuple, reference_field_name=None
) -> bool:
    """True if ``field`` (on the model ``model_tuple``) points at the reference model/field."""
    remote_field = getattr(field, "remote_field", None)
    if not remote_field:
        return False
    target = resolve_relation(remote_field.model, *model_tuple)
    if target == reference_model_tuple:
        if reference_field_name is None:
            return True
        to_fields = getattr(field, "to_fields", None) or []
        if reference_field_name in [f for f in to_fields if f]:
            return True
        field_name = getattr(remote_field, "field_name", None)
        if field_name == reference_field_name:
            return True
        if not any(to_fields) and field_name is None and reference_field_name == "id":
            return True
    through = getattr(remote_field, "through", None)
    if through and not isinstance(through, str) and through._meta.auto_created:
        return False
    if through and resolve_relation(through, *model_tuple) == reference_model_tuple:
        through_fields = getattr(remote_field, "through_fields", None)
        return (
            reference_field_name is None
            or not through_fields
            or reference_field_name in through_fields
        )
    return False


def get_references(state: Any, model_tuple: tuple, field_tuple: tuple = ()):
    """Yield (model_state, field_name, field) of every field pointing at ``model_tuple``."""
    for state_model_tuple, model_state in state.models.items():
        for name, field in model_state.fields.items():
            if field_references(state_model_tuple, field, model_tuple, *field_tuple):
                yield model_state, name, field
