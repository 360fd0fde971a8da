"""UUIDField and BinaryField."""

from __future__ import annotations

import uuid
from typing import Any

from framework.core import validators
from framework.core.exceptions import ValidationError
from framework.db.models.fields.base import Field
from framework.utils.functional import cached_property


class UUIDField(Field):
    """A UUID (native uuid on PostgreSQL, 32 hex characters elsewhere)."""

    def get_internal_type(self) -> str:
        return "UUIDField"

    default_error_messages = {"invalid": "“%(value)s” is not a valid UUID."}
    description = "Universally unique identifier"
    empty_strings_allowed = False

    def __init__(self, verbose_name=None, **kwargs):
        kwargs["max_length"] = 32
        super().__init__(verbose_name, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_length"]
        return name, path, args, kwargs

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if hasattr(value, "resolve_expression"):
            return value
        return self.to_python(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        if not isinstance(value, uuid.UUID):
            value = self.to_python(value)
        if hasattr(value, "resolve_expression"):
            return value
        if connection.features.has_native_uuid_field:
            return value
        return value.hex

    def to_python(self, value: Any) -> Any:
        if value is not None and not isinstance(value, uuid.UUID):
            input_form = "int" if isinstance(value, int) else "hex"
            try:
                return uuid.UUID(**{input_form: value})
            except (AttributeError, ValueError, TypeError):
                raise ValidationError(
                    self.error_messages["invalid"], code="invalid", params={"value": value}
                ) from None
        return value

    def from_db_value(self, value, expression, connection):
        if value is None or isinstance(value, uuid.UUID):
            return value
        return uuid.UUID(value)

    def formfield(self, **kwargs):
        from framework import forms

        return super().formfield(**{"form_class": forms.UUIDField, **kwargs})


class BinaryField(Field):
    """Raw bytes; not editable in forms by default."""

    def get_internal_type(self) -> str:
        return "BinaryField"

    description = "Raw binary data"
    empty_values = [None, b""]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        result = super().validators
        if self.max_length is not None:
            result.append(validators.MaxLengthValidator(self.max_length))
        return result

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.editable:
            kwargs["editable"] = True
        else:
            kwargs.pop("editable", None)
        return name, path, args, kwargs

    def get_default(self):
        if self.has_default() and not callable(self.default):
            return self.default
        default = super().get_default()
        if default == "":
            return b""
        return default

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        if value is not None and not hasattr(value, "resolve_expression"):
            return connection.Database.Binary(value)
        return value

    def from_db_value(self, value, expression, connection):
        if isinstance(value, memoryview):
            return bytes(value)
        return value

    def to_python(self, value):
        if isinstance(value, str):
            import base64

            return memoryview(base64.b64decode(value.encode("ascii")))
        return value

    def value_to_string(self, obj):
        import base64

        return base64.b64encode(bytes(self.value_from_object(obj))).decode("ascii")
