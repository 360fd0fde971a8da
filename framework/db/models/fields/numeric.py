"""Numbers: auto primary keys, integers, floats, decimals and booleans."""

from __future__ import annotations

import decimal
from typing import Any

from framework.core import validators
from framework.core.exceptions import ValidationError
from framework.db.models.fields.base import Field
from framework.utils.deferred import lazy_module
from framework.utils.functional import cached_property

# Only form views build form fields: the forms package is imported on first use.
forms = lazy_module("framework.forms")


class IntegerField(Field):
    """An integer; validated against the backend's range."""

    def get_internal_type(self) -> str:
        return "IntegerField"

    empty_strings_allowed = False
    default_error_messages = {"invalid": "“%(value)s” value must be an integer."}
    description = "Integer"

    @cached_property
    def validators(self) -> list:
        result = super().validators
        internal_type = self.get_internal_type()
        from framework.db import connection

        try:
            min_value, max_value = connection.ops.integer_field_ranges[internal_type]
        except (KeyError, AttributeError):
            return result
        if min_value is not None and not any(
            isinstance(v, validators.MinValueValidator)
            and (v.limit_value() if callable(v.limit_value) else v.limit_value) >= min_value
            for v in result
        ):
            result.append(validators.MinValueValidator(min_value))
        if max_value is not None and not any(
            isinstance(v, validators.MaxValueValidator)
            and (v.limit_value() if callable(v.limit_value) else v.limit_value) <= max_value
            for v in result
        ):
            result.append(validators.MaxValueValidator(max_value))
        return result

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or hasattr(value, "resolve_expression"):
            return value
        try:
            return int(value)
        except (TypeError, ValueError) as e:
            raise e.__class__(f"Field {self.name!r} expected a number but got {value!r}.") from e

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return value

    def to_python(self, value: Any) -> Any:
        if value is None:
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            try:
                as_float = float(value)
                if as_float.is_integer():
                    return int(as_float)
            except (TypeError, ValueError):
                pass
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.IntegerField, **kwargs})


class BigIntegerField(IntegerField):
    description = "Big (8 byte) integer"

    def get_internal_type(self) -> str:
        return "BigIntegerField"


class SmallIntegerField(IntegerField):
    description = "Small integer"

    def get_internal_type(self) -> str:
        return "SmallIntegerField"


class PositiveBigIntegerField(BigIntegerField):
    description = "Positive big integer"

    def get_internal_type(self) -> str:
        return "PositiveBigIntegerField"


class PositiveIntegerField(IntegerField):
    description = "Positive integer"

    def get_internal_type(self) -> str:
        return "PositiveIntegerField"


class PositiveSmallIntegerField(SmallIntegerField):
    description = "Positive small integer"

    def get_internal_type(self) -> str:
        return "PositiveSmallIntegerField"


class AutoFieldMixin:
    db_returning = True

    def __init__(self, *args, **kwargs):
        kwargs["blank"] = True
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("blank", None)
        kwargs["primary_key"] = True
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        pass

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return value

    def contribute_to_class(self, cls, name, **kwargs):
        if cls._meta.auto_field:
            raise ValueError(
                f"Model {cls._meta.label} can't have more than one auto-generated field."
            )
        super().contribute_to_class(cls, name, **kwargs)
        cls._meta.auto_field = self

    def formfield(self, **kwargs):
        return None


class AutoField(AutoFieldMixin, IntegerField):
    """An auto-incrementing integer primary key."""

    def get_internal_type(self) -> str:
        return "AutoField"

    def rel_db_type(self, connection):
        return IntegerField().db_type(connection=connection)


class BigAutoField(AutoFieldMixin, BigIntegerField):
    """An auto-incrementing 64-bit primary key (the default DEFAULT_AUTO_FIELD)."""

    def get_internal_type(self) -> str:
        return "BigAutoField"

    def rel_db_type(self, connection):
        return BigIntegerField().db_type(connection=connection)


class SmallAutoField(AutoFieldMixin, SmallIntegerField):
    """An auto-incrementing 16-bit primary key."""

    def get_internal_type(self) -> str:
        return "SmallAutoField"

    def rel_db_type(self, connection):
        return SmallIntegerField().db_type(connection=connection)


def passes_ints_through(field: Field) -> bool:
    """True if ``field`` prepares a plain ``int`` for the database unchanged: an integer
    field whose class keeps the stock get_prep_value/get_db_prep_value/get_db_prep_save.

    The ORM's cached statements then pass such values straight to the driver, skipping
    three method calls per value; any override sends values through the methods as usual.
    """
    kind = type(field)
    return (
        isinstance(field, IntegerField)
        and kind.get_prep_value is IntegerField.get_prep_value
        and kind.get_db_prep_value
        in (IntegerField.get_db_prep_value, AutoFieldMixin.get_db_prep_value)
        and kind.get_db_prep_save is Field.get_db_prep_save
    )


class FloatField(Field):
    """A float."""

    def get_internal_type(self) -> str:
        return "FloatField"

    empty_strings_allowed = False
    default_error_messages = {"invalid": "“%(value)s” value must be a float."}
    description = "Floating point number"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or hasattr(value, "resolve_expression"):
            return value
        try:
            return float(value)
        except (TypeError, ValueError) as e:
            raise e.__class__(f"Field {self.name!r} expected a number but got {value!r}.") from e

    def to_python(self, value):
        if value is None:
            return value
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.FloatField, **kwargs})


class DecimalField(Field):
    """A fixed-precision decimal (``max_digits``, ``decimal_places``)."""

    def get_internal_type(self) -> str:
        return "DecimalField"

    empty_strings_allowed = False
    default_error_messages = {"invalid": "“%(value)s” value must be a decimal number."}
    description = "Decimal number"

    def __init__(
        self, verbose_name=None, name=None, max_digits=None, decimal_places=None, **kwargs
    ):
        self.max_digits, self.decimal_places = max_digits, decimal_places
        super().__init__(verbose_name, name, **kwargs)

    @cached_property
    def validators(self):
        return [
            *super().validators,
            validators.DecimalValidator(self.max_digits, self.decimal_places),
        ]

    @cached_property
    def context(self):
        return decimal.Context(prec=self.max_digits)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.max_digits is not None:
            kwargs["max_digits"] = self.max_digits
        if self.decimal_places is not None:
            kwargs["decimal_places"] = self.decimal_places
        return name, path, args, kwargs

    def to_python(self, value):
        if value is None:
            return value
        try:
            if isinstance(value, float):
                return self.context.create_decimal_from_float(value)
            return decimal.Decimal(value)
        except (decimal.InvalidOperation, TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if hasattr(value, "as_sql"):
            return value
        return connection.ops.adapt_decimalfield_value(value, self.max_digits, self.decimal_places)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or hasattr(value, "resolve_expression"):
            return value
        return self.to_python(value)

    def formfield(self, **kwargs):
        return super().formfield(
            **{
                "max_digits": self.max_digits,
                "decimal_places": self.decimal_places,
                "form_class": forms.DecimalField,
                **kwargs,
            }
        )


class BooleanField(Field):
    """True/False (null=True for a third state)."""

    def get_internal_type(self) -> str:
        return "BooleanField"

    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value must be either True or False.",
        "invalid_nullable": "“%(value)s” value must be either True, False, or None.",
    }
    description = "Boolean (Either True or False)"

    def to_python(self, value):
        if self.null and value in self.empty_values:
            return None
        if value in (True, False):
            return bool(value)
        if value in ("t", "True", "1"):
            return True
        if value in ("f", "False", "0"):
            return False
        raise ValidationError(
            self.error_messages["invalid_nullable" if self.null else "invalid"],
            code="invalid",
            params={"value": value},
        )

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or hasattr(value, "resolve_expression"):
            return value
        return self.to_python(value)

    def formfield(self, **kwargs):
        if self.choices is not None:
            include_blank = not (self.has_default() or "initial" in kwargs)
            defaults = {"choices": self.get_choices(include_blank=include_blank)}
        else:
            form_class = forms.NullBooleanField if self.null else forms.BooleanField
            defaults = {"form_class": form_class, "required": False}
        return super().formfield(**{**defaults, **kwargs})
