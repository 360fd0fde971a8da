"""Serializer and Deserializer bases, and the objects a deserializer yields."""

from __future__ import annotations

from typing import Any


class SerializerDoesNotExist(KeyError):
    """The requested serialization format is not registered."""


class SerializationError(Exception):
    """Something went wrong while serializing."""


class DeserializationError(Exception):
    """Something went wrong while deserializing; names the object and field."""

    @classmethod
    def WithData(cls, original_exc, model, fk, field_value):  # noqa: N802 - Django's name
        return cls(f"{original_exc}: ({model}:pk={fk}) field_value was '{field_value}'")


class DeserializedObject:
    """A model instance read from a fixture, saved with ``save()`` (raw, no signals' side effects)."""

    def __init__(self, obj: Any, m2m_data: dict | None = None, deferred_fields: dict | None = None):
        self.object = obj
        self.m2m_data = m2m_data or {}
        self.deferred_fields = deferred_fields or {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.object._meta.label}(pk={self.object.pk})>"

    def save(self, save_m2m: bool = True, using: str | None = None, **kwargs: Any) -> None:
        """Insert or update the row as it is in the fixture, then its many-to-many links."""
        self.object.save_base(using=using, raw=True, **kwargs)
        if self.m2m_data and save_m2m:
            for accessor_name, object_list in self.m2m_data.items():
                getattr(self.object, accessor_name).set(object_list)
        self.m2m_data = {}


def is_protected_type(value: Any) -> bool:
    """True for values written as they are (numbers, dates, None) rather than as strings."""
    import datetime
    import decimal

    return isinstance(
        value,
        (type(None), int, float, decimal.Decimal, datetime.datetime, datetime.date, datetime.time),
    )
