"""Dates and times: DateField, DateTimeField, TimeField, DurationField."""

from __future__ import annotations

import datetime
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ValidationError
from framework.db.models.fields.base import Field
from framework.utils.deferred import lazy_module

# Only form views build form fields: the forms package is imported on first use.
forms = lazy_module("framework.forms")


def _now() -> datetime.datetime:
    if settings.USE_TZ:
        return datetime.datetime.now(datetime.UTC)
    return datetime.datetime.now()


def _parse_duration(value: str) -> datetime.timedelta | None:
    import re

    match = re.fullmatch(
        r"(?:(?P<days>-?\d{1,9}) (?:days?, )?)?(?P<sign>-?)(?:(?P<hours>\d{1,9}):)?"
        r"(?P<minutes>\d{1,2}):(?P<seconds>\d{1,2})(?:[.,](?P<micro>\d{1,6}))?",
        value.strip(),
    )
    if not match:
        return None
    parts = match.groupdict()
    sign = -1 if parts.pop("sign") == "-" else 1
    days = datetime.timedelta(days=float(parts.pop("days") or 0))
    micro = (parts.pop("micro") or "0").ljust(6, "0")
    return days + sign * datetime.timedelta(
        hours=float(parts["hours"] or 0),
        minutes=float(parts["minutes"]),
        seconds=float(parts["seconds"]),
        microseconds=int(micro),
    )


class DateTimeCheckMixin:
    def __init__(self, verbose_name=None, name=None, auto_now=False, auto_now_add=False, **kwargs):
        self.auto_now, self.auto_now_add = auto_now, auto_now_add
        if auto_now or auto_now_add:
            kwargs["editable"] = False
            kwargs["blank"] = True
        super().__init__(verbose_name, name, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.auto_now:
            kwargs["auto_now"] = True
        if self.auto_now_add:
            kwargs["auto_now_add"] = True
        if self.auto_now or self.auto_now_add:
            kwargs.pop("editable", None)
            kwargs.pop("blank", None)
        return name, path, args, kwargs


class DateField(DateTimeCheckMixin, Field):
    """A date; ``auto_now``/``auto_now_add`` set it on save/insert."""

    def get_internal_type(self) -> str:
        return "DateField"

    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format.",
        "invalid_date": "“%(value)s” value has the correct format (YYYY-MM-DD) but it is "
        "an invalid date.",
    }
    description = "Date (without time)"

    def to_python(self, value: Any) -> Any:
        if value is None:
            return value
        if isinstance(value, datetime.datetime):
            if settings.USE_TZ and value.tzinfo is not None:
                value = value.astimezone(_default_tz())
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return (
                datetime.date.fromisoformat(str(value)[:10])
                if len(str(value)) >= 8
                else (_raise_invalid())
            )
        except ValueError:
            import re

            if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", str(value)):
                raise ValidationError(
                    self.error_messages["invalid_date"],
                    code="invalid_date",
                    params={"value": value},
                ) from None
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = datetime.date.today()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if hasattr(value, "resolve_expression"):
            return value
        return self.to_python(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return connection.ops.adapt_datefield_value(value)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not self.null:
            setattr(
                cls,
                f"get_next_by_{self.name}",
                lambda obj, **kw: obj._get_next_or_previous_by_FIELD(self, True, **kw),
            )
            setattr(
                cls,
                f"get_previous_by_{self.name}",
                lambda obj, **kw: obj._get_next_or_previous_by_FIELD(self, False, **kw),
            )

    def value_to_string(self, obj):
        val = self.value_from_object(obj)
        return "" if val is None else val.isoformat()

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.DateField, **kwargs})


def _raise_invalid():
    raise ValueError


def _default_tz():
    import zoneinfo

    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class DateTimeField(DateField):
    """A date and time; aware (UTC in the database) when USE_TZ is on."""

    def get_internal_type(self) -> str:
        return "DateTimeField"

    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in "
        "YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.",
        "invalid_date": "“%(value)s” value has the correct format (YYYY-MM-DD) but it is "
        "an invalid date.",
        "invalid_datetime": "“%(value)s” value has the correct format "
        "(YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid "
        "date/time.",
    }
    description = "Date (with time)"

    def to_python(self, value):
        if value is None:
            return value
        if isinstance(value, datetime.datetime):
            return value
        if isinstance(value, datetime.date):
            value = datetime.datetime(value.year, value.month, value.day)
            if settings.USE_TZ:
                value = value.replace(tzinfo=_default_tz())
            return value
        try:
            parsed = datetime.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None
        return parsed

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = _now()
            setattr(model_instance, self.attname, value)
            return value
        return Field.pre_save(self, model_instance, add)

    def get_prep_value(self, value):
        value = Field.get_prep_value(self, value)
        if hasattr(value, "resolve_expression"):
            return value
        value = self.to_python(value)
        if value is not None:
            if settings.USE_TZ and value.tzinfo is None:
                import warnings

                warnings.warn(
                    f"DateTimeField {self!s} received a naive datetime ({value}) while time "
                    f"zone support is active.",
                    RuntimeWarning,
                    stacklevel=4,
                )
                value = value.replace(tzinfo=_default_tz())
        return value

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return connection.ops.adapt_datetimefield_value(value)

    def value_to_string(self, obj):
        val = self.value_from_object(obj)
        return "" if val is None else val.isoformat()

    def formfield(self, **kwargs):
        return Field.formfield(self, **{"form_class": forms.DateTimeField, **kwargs})


class TimeField(DateTimeCheckMixin, Field):
    """A time of day."""

    def get_internal_type(self) -> str:
        return "TimeField"

    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in "
        "HH:MM[:ss[.uuuuuu]] format.",
    }
    description = "Time"

    def to_python(self, value):
        if value is None:
            return None
        if isinstance(value, datetime.time):
            return value
        if isinstance(value, datetime.datetime):
            return value.time()
        try:
            return datetime.time.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = datetime.datetime.now().time()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if hasattr(value, "resolve_expression"):
            return value
        return self.to_python(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return connection.ops.adapt_timefield_value(value)

    def value_to_string(self, obj):
        val = self.value_from_object(obj)
        return "" if val is None else val.isoformat()

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.TimeField, **kwargs})


class DurationField(Field):
    """A timedelta (interval on PostgreSQL, microseconds elsewhere)."""

    def get_internal_type(self) -> str:
        return "DurationField"

    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "“%(value)s” value has an invalid format. It must be in "
        "[DD] [[HH:]MM:]ss[.uuuuuu] format.",
    }
    description = "Duration"

    def to_python(self, value):
        if value is None or isinstance(value, datetime.timedelta):
            return value
        parsed = _parse_duration(str(value))
        if parsed is None:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )
        return parsed

    def get_db_prep_value(self, value, connection, prepared=False):
        if connection.features.has_native_duration_field:
            return value
        if value is None or hasattr(value, "resolve_expression"):
            return value
        return value // datetime.timedelta(microseconds=1)

    def get_db_converters(self, connection):
        converters = []
        if not connection.features.has_native_duration_field:
            converters.append(connection.ops.convert_durationfield_value)
        return converters + super().get_db_converters(connection)

    def value_to_string(self, obj):
        val = self.value_from_object(obj)
        return "" if val is None else str(val)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.DurationField, **kwargs})
