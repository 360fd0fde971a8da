"""The "python" format: model instances as lists of plain dicts (the base of "json")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from framework.apps import apps
from framework.core.exceptions import FieldDoesNotExist
from framework.core.serializers.base import (
    DeserializationError,
    DeserializedObject,
    is_protected_type,
)
from framework.db import DEFAULT_DB_ALIAS


class Serializer:
    """Turn instances into ``{"model": "app.model", "pk": ..., "fields": {...}}`` dicts."""

    internal_use_only = True

    def serialize(
        self,
        queryset: Iterable,
        *,
        stream: Any = None,
        fields: Any = None,
        use_natural_foreign_keys: bool = False,
        use_natural_primary_keys: bool = False,
        **options: Any,
    ) -> Any:
        """Serialize ``queryset``; returns the value (or writes it to ``stream``)."""
        self.options = options
        self.stream = stream
        self.selected_fields = fields
        self.use_natural_foreign_keys = use_natural_foreign_keys
        self.use_natural_primary_keys = use_natural_primary_keys
        self.objects = [self.object_dict(obj) for obj in queryset]
        return self.getvalue()

    def object_dict(self, obj: Any) -> dict:
        meta = obj._meta.concrete_model._meta
        data: dict[str, Any] = {"model": obj._meta.label_lower}
        if not self.use_natural_primary_keys or not hasattr(obj, "natural_key"):
            pk = obj.pk
            data["pk"] = pk if is_protected_type(pk) else meta.pk.value_to_string(obj)
        values: dict[str, Any] = {}
        for field in meta.local_fields:
            if not field.serialize or (
                self.selected_fields is not None
                and field.attname not in self.selected_fields
                and field.name not in self.selected_fields
            ):
                continue
            if field.remote_field:
                values[field.name] = self._related_value(obj, field)
            else:
                value = field.value_from_object(obj)
                values[field.name] = (
                    value if is_protected_type(value) else field.value_to_string(obj)
                )
        for field in meta.local_many_to_many:
            if not field.serialize or not field.remote_field.through._meta.auto_created:
                continue
            if self.selected_fields is not None and field.name not in self.selected_fields:
                continue
            related = getattr(obj, field.name).all()
            if self.use_natural_foreign_keys and hasattr(field.remote_field.model, "natural_key"):
                values[field.name] = [r.natural_key() for r in related]
            else:
                values[field.name] = [
                    r.pk if is_protected_type(r.pk) else str(r.pk) for r in related.only("pk")
                ]
        data["fields"] = values
        return data

    def _related_value(self, obj: Any, field: Any) -> Any:
        if self.use_natural_foreign_keys and hasattr(field.remote_field.model, "natural_key"):
            related = getattr(obj, field.name)
            return related.natural_key() if related is not None else None
        value = getattr(obj, field.attname)
        return value if is_protected_type(value) else str(value)

    def getvalue(self) -> Any:
        return self.objects


def Deserializer(  # noqa: N802 - a generator named as Django's class
    object_list: Iterable[dict],
    *,
    using: str = DEFAULT_DB_ALIAS,
    ignorenonexistent: bool = False,
    **options: Any,
) -> Iterator[DeserializedObject]:
    """Yield DeserializedObject for each dict made by the python Serializer."""
    for data in object_list:
        try:
            model = apps.get_model(data["model"])
        except (LookupError, KeyError, TypeError, ValueError) as exc:
            if ignorenonexistent:
                continue
            raise DeserializationError(f"Invalid model identifier: {data.get('model')!r}") from exc
        meta = model._meta
        values: dict[str, Any] = {}
        if "pk" in data:
            try:
                values[meta.pk.attname] = meta.pk.to_python(data["pk"])
            except Exception as exc:
                raise DeserializationError.WithData(
                    exc, data["model"], data.get("pk"), None
                ) from exc
        m2m_data: dict[str, list] = {}
        for field_name, field_value in (data.get("fields") or {}).items():
            try:
                field = meta.get_field(field_name)
            except FieldDoesNotExist:
                if ignorenonexistent:
                    continue
                raise DeserializationError(
                    f"{data['model']} has no field named {field_name!r} (fixture object pk="
                    f"{data.get('pk')!r}); use --ignorenonexistent to skip unknown fields."
                ) from None
            try:
                if field.many_to_many:
                    target = field.remote_field.model
                    m2m_data[field.name] = [
                        _natural_or_pk(target, value, using) for value in field_value
                    ]
                elif field.remote_field:
                    target = field.remote_field.model
                    if field_value is None:
                        values[field.attname] = None
                    elif isinstance(field_value, (list, tuple)):
                        values[field.attname] = _natural_or_pk(target, field_value, using)
                    else:
                        target_field = target._meta.get_field(field.remote_field.field_name)
                        values[field.attname] = target_field.to_python(field_value)
                else:
                    values[field.attname] = field.to_python(field_value)
            except Exception as exc:
                raise DeserializationError.WithData(
                    exc, data["model"], data.get("pk"), field_value
                ) from exc
        obj = model(**values)
        if "pk" not in data and hasattr(model._default_manager, "get_by_natural_key"):
            natural_key = obj.natural_key()
            try:
                obj.pk = (
                    model._default_manager.db_manager(using).get_by_natural_key(*natural_key).pk
                )
            except model.DoesNotExist:
                pass
        yield DeserializedObject(obj, m2m_data)


def _natural_or_pk(model: Any, value: Any, using: str) -> Any:
    if isinstance(value, (list, tuple)) and hasattr(model._default_manager, "get_by_natural_key"):
        return model._default_manager.db_manager(using).get_by_natural_key(*value).pk
    return model._meta.pk.to_python(value)
