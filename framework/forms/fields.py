"""Form fields: validate and convert submitted values (Django's ``django.forms.fields``).

A field cleans one value: ``to_python`` (convert), ``validate`` (field rules),
``run_validators`` (reusable validators), each raising ValidationError with a
code whose message ``error_messages`` may override.
"""

from __future__ import annotations

import copy
import datetime
import decimal
import json
import math
import re
import uuid
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from framework.conf import settings
from framework.core import validators
from framework.core.exceptions import ValidationError
from framework.forms import widgets as w
from framework.forms.boundfield import BoundField
from framework.utils.dateformat import get_current_timezone

__all__ = [
    "BooleanField",
    "CharField",
    "ChoiceField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "DurationField",
    "EmailField",
    "Field",
    "FileField",
    "FloatField",
    "GenericIPAddressField",
    "ImageField",
    "IntegerField",
    "JSONField",
    "MultipleChoiceField",
    "NullBooleanField",
    "RegexField",
    "SlugField",
    "TimeField",
    "TypedChoiceField",
    "URLField",
    "UUIDField",
]


class Field:
    """Base form field.

    ``required``, ``widget``, ``label``, ``initial``, ``help_text``,
    ``error_messages``, ``show_hidden_initial``, ``validators``, ``localize``,
    ``disabled``, ``label_suffix``, ``template_name`` as in Django.
    """

    widget: Any = w.TextInput
    hidden_widget: Any = w.HiddenInput
    default_validators: list = []
    default_error_messages = {"required": "This field is required."}
    empty_values = list(validators.EMPTY_VALUES)
    bound_field_class: type | None = None

    def __init__(
        self,
        *,
        required: bool = True,
        widget: Any = None,
        label: str | None = None,
        initial: Any = None,
        help_text: str = "",
        error_messages: dict | None = None,
        show_hidden_initial: bool = False,
        validators: Any = (),
        localize: bool = False,
        disabled: bool = False,
        label_suffix: str | None = None,
        template_name: str | None = None,
        bound_field_class: type | None = None,
    ):
        self.required, self.label, self.initial = required, label, initial
        self.show_hidden_initial = show_hidden_initial
        self.help_text = help_text
        self.disabled = disabled
        self.label_suffix = label_suffix
        self.localize = localize
        self.template_name = template_name
        self.bound_field_class = bound_field_class or self.bound_field_class

        widget = widget or self.widget
        widget = widget() if isinstance(widget, type) else copy.deepcopy(widget)
        if self.localize:
            widget.is_localized = True
        widget.is_required = self.required
        extra_attrs = self.widget_attrs(widget)
        if extra_attrs:
            widget.attrs.update(extra_attrs)
        self.widget = widget

        messages: dict[str, str] = {}
        for cls in reversed(type(self).__mro__):
            messages.update(getattr(cls, "default_error_messages", {}))
        messages.update(error_messages or {})
        self.error_messages = messages
        self.validators = [*self.default_validators, *validators]

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    def __deepcopy__(self, memo: dict) -> Field:
        result = copy.copy(self)
        memo[id(self)] = result
        result.widget = copy.deepcopy(self.widget, memo)
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result

    def prepare_value(self, value: Any) -> Any:
        """The value handed to the widget for display."""
        return value

    def to_python(self, value: Any) -> Any:
        """Convert the submitted value to Python (ValidationError if impossible)."""
        return value

    def validate(self, value: Any) -> None:
        """Field-level checks (required)."""
        if value in self.empty_values and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: Any) -> None:
        """Run every validator, collecting all their errors."""
        if value in self.empty_values:
            return
        errors = []
        for validator in self.validators:
            try:
                validator(value)
            except ValidationError as exc:
                if hasattr(exc, "code") and exc.code in self.error_messages:
                    exc.message = self.error_messages[exc.code]
                errors.extend(exc.error_list)
        if errors:
            raise ValidationError(errors)

    def clean(self, value: Any) -> Any:
        """Convert, validate and return the cleaned value."""
        value = self.to_python(value)
        self.validate(value)
        self.run_validators(value)
        return value

    def bound_data(self, data: Any, initial: Any) -> Any:
        """The value to show for a bound form: the data, or the initial value if disabled."""
        return initial if self.disabled else data

    def widget_attrs(self, widget: Any) -> dict:
        """Extra HTML attributes this field gives its widget (maxlength, min, ...)."""
        return {}

    def has_changed(self, initial: Any, data: Any) -> bool:
        """True if ``data`` differs from ``initial``."""
        if self.disabled:
            return False
        try:
            data = self.to_python(data)
            if hasattr(self, "_coerce"):
                return self._coerce(data) != self._coerce(initial)
        except ValidationError:
            return True
        initial_value = initial if initial is not None else ""
        data_value = data if data is not None else ""
        return initial_value != data_value

    def get_bound_field(self, form: Any, field_name: str) -> BoundField:
        """The BoundField pairing this field with ``form``."""
        return (self.bound_field_class or form.bound_field_class)(form, self, field_name)


class CharField(Field):
    """Text; stripped unless ``strip=False``; ``max_length``/``min_length``."""

    def __init__(
        self,
        *,
        max_length: int | None = None,
        min_length: int | None = None,
        strip: bool = True,
        empty_value: Any = "",
        **kwargs: Any,
    ):
        self.max_length, self.min_length = max_length, min_length
        self.strip, self.empty_value = strip, empty_value
        super().__init__(**kwargs)
        if min_length is not None:
            self.validators.append(validators.MinLengthValidator(int(min_length)))
        if max_length is not None:
            self.validators.append(validators.MaxLengthValidator(int(max_length)))
        self.validators.append(validators.ProhibitNullCharactersValidator())

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values:
            value = str(value)
            if self.strip:
                value = value.strip()
        if value in self.empty_values:
            return self.empty_value
        return value

    def widget_attrs(self, widget: Any) -> dict:
        attrs = super().widget_attrs(widget)
        if self.max_length is not None and not widget.is_hidden:
            attrs["maxlength"] = str(self.max_length)
        if self.min_length is not None and not widget.is_hidden:
            attrs["minlength"] = str(self.min_length)
        return attrs


class IntegerField(Field):
    """A whole number; ``max_value``, ``min_value``, ``step_size``."""

    widget = w.NumberInput
    default_error_messages = {"invalid": "Enter a whole number."}
    re_decimal = re.compile(r"\.0*\s*$")

    def __init__(
        self,
        *,
        max_value: Any = None,
        min_value: Any = None,
        step_size: Any = None,
        **kwargs: Any,
    ):
        self.max_value, self.min_value, self.step_size = max_value, min_value, step_size
        if kwargs.get("localize") and self.widget == w.NumberInput:
            kwargs.setdefault("widget", super().widget)
        super().__init__(**kwargs)
        if max_value is not None:
            self.validators.append(validators.MaxValueValidator(max_value))
        if min_value is not None:
            self.validators.append(validators.MinValueValidator(min_value))
        if step_size is not None:
            self.validators.append(validators.StepValueValidator(step_size, offset=min_value))

    def to_python(self, value: Any) -> int | None:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return int(self.re_decimal.sub("", str(value)))
        except (ValueError, TypeError):
            raise ValidationError(self.error_messages["invalid"], code="invalid")

    def widget_attrs(self, widget: Any) -> dict:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, w.NumberInput):
            if self.min_value is not None:
                attrs["min"] = self.min_value
            if self.max_value is not None:
                attrs["max"] = self.max_value
            if self.step_size is not None:
                attrs["step"] = self.step_size
        return attrs


class FloatField(IntegerField):
    """A finite floating point number."""

    default_error_messages = {"invalid": "Enter a number."}

    def to_python(self, value: Any) -> float | None:
        value = Field.to_python(self, value)
        if value in self.empty_values:
            return None
        try:
            value = float(str(value).strip())
        except (ValueError, TypeError):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not math.isfinite(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value

    def widget_attrs(self, widget: Any) -> dict:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, w.NumberInput) and "step" not in widget.attrs:
            attrs.setdefault("step", "any")
        return attrs


class DecimalField(IntegerField):
    """A Decimal; ``max_digits`` and ``decimal_places`` limit it."""

    default_error_messages = {"invalid": "Enter a number."}

    def __init__(
        self,
        *,
        max_value: Any = None,
        min_value: Any = None,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        **kwargs: Any,
    ):
        self.max_digits, self.decimal_places = max_digits, decimal_places
        super().__init__(max_value=max_value, min_value=min_value, **kwargs)
        self.validators.append(validators.DecimalValidator(max_digits, decimal_places))

    def to_python(self, value: Any) -> decimal.Decimal | None:
        if value in self.empty_values:
            return None
        try:
            value = decimal.Decimal(str(value).strip())
        except (decimal.InvalidOperation, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value

    def widget_attrs(self, widget: Any) -> dict:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, w.NumberInput) and "step" not in widget.attrs:
            if self.decimal_places is not None:
                attrs.setdefault(
                    "step", str(decimal.Decimal(1).scaleb(-self.decimal_places)).lower()
                )
            else:
                attrs.setdefault("step", "any")
        return attrs


def _from_current_timezone(value: datetime.datetime) -> datetime.datetime:
    """Make a naive datetime entered by the user aware in the current time zone."""
    if not settings.USE_TZ or value is None or value.tzinfo is not None:
        return value
    zone = get_current_timezone()
    early = value.replace(tzinfo=zone, fold=0)
    late = value.replace(tzinfo=zone, fold=1)
    if early.utcoffset() != late.utcoffset():
        raise ValidationError(
            "%(datetime)s couldn't be interpreted in time zone %(current_timezone)s; it may be "
            "ambiguous or it may not exist.",
            code="ambiguous_timezone",
            params={"datetime": value, "current_timezone": zone},
        )
    return early


def _to_current_timezone(value: Any) -> Any:
    """Show an aware datetime as naive local time in the current time zone."""
    if settings.USE_TZ and isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(get_current_timezone()).replace(tzinfo=None)
    return value


class BaseTemporalField(Field):
    """Parses text with each of ``input_formats`` (strptime) in turn."""

    input_formats_setting = ""

    def __init__(self, *, input_formats: Any = None, **kwargs: Any):
        super().__init__(**kwargs)
        self._input_formats = input_formats

    @property
    def input_formats(self) -> list[str]:
        if self._input_formats is not None:
            return list(self._input_formats)
        return list(getattr(settings, self.input_formats_setting))

    def to_python(self, value: Any) -> Any:
        value = str(value).strip()
        for fmt in self.input_formats:
            try:
                return self.strptime(value, fmt)
            except (ValueError, TypeError):
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def strptime(self, value: str, fmt: str) -> Any:
        raise NotImplementedError


class DateField(BaseTemporalField):
    """A date, from DATE_INPUT_FORMATS (or ``input_formats``)."""

    widget = w.DateInput
    input_formats_setting = "DATE_INPUT_FORMATS"
    default_error_messages = {"invalid": "Enter a valid date."}

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return super().to_python(value)

    def strptime(self, value: str, fmt: str) -> datetime.date:
        return datetime.datetime.strptime(value, fmt).date()


class TimeField(BaseTemporalField):
    """A time of day, from TIME_INPUT_FORMATS."""

    widget = w.TimeInput
    input_formats_setting = "TIME_INPUT_FORMATS"
    default_error_messages = {"invalid": "Enter a valid time."}

    def to_python(self, value: Any) -> datetime.time | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        return super().to_python(value)

    def strptime(self, value: str, fmt: str) -> datetime.time:
        return datetime.datetime.strptime(value, fmt).time()


class DateTimeField(BaseTemporalField):
    """A datetime (ISO 8601 or DATETIME_INPUT_FORMATS), aware in TIME_ZONE with USE_TZ."""

    widget = w.DateTimeInput
    input_formats_setting = "DATETIME_INPUT_FORMATS"
    default_error_messages = {"invalid": "Enter a valid date/time."}

    def prepare_value(self, value: Any) -> Any:
        return _to_current_timezone(value)

    def to_python(self, value: Any) -> datetime.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return _from_current_timezone(value)
        if isinstance(value, datetime.date):
            return _from_current_timezone(datetime.datetime(value.year, value.month, value.day))
        text = str(value).strip()
        try:
            result = datetime.datetime.fromisoformat(text)
        except ValueError:
            result = super().to_python(text)
        return _from_current_timezone(result)

    def strptime(self, value: str, fmt: str) -> datetime.datetime:
        return datetime.datetime.strptime(value, fmt)


class RegexField(CharField):
    """Text matching ``regex``."""

    def __init__(self, regex: Any, **kwargs: Any):
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)
        self.regex = re.compile(regex) if isinstance(regex, str) else regex
        self.validators.append(validators.RegexValidator(regex=self.regex))


class EmailField(CharField):
    """An email address."""

    widget = w.EmailInput
    default_validators = [validators.validate_email]

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("max_length", 320)
        super().__init__(strip=True, **kwargs)


class URLField(CharField):
    """A URL; a missing scheme becomes ``assume_scheme`` (default "http", as Django 5.2)."""

    widget = w.URLInput
    default_error_messages = {"invalid": "Enter a valid URL."}
    default_validators = [validators.URLValidator()]

    def __init__(self, *, assume_scheme: str | None = None, **kwargs: Any):
        self.assume_scheme = assume_scheme or "http"
        super().__init__(strip=True, **kwargs)

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if not value:
            return value
        try:
            parts = list(urlsplit(value))
            if not parts[0]:
                parts[0] = self.assume_scheme
            if not parts[1]:
                # "example.com/path" parses as a path: move the host into the netloc.
                parts[1], parts[2] = parts[2], ""
                parts = list(urlsplit(urlunsplit(parts)))
            return urlunsplit(parts)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid")


class SlugField(CharField):
    """Letters, digits, underscores and hyphens (any letters with ``allow_unicode``)."""

    def __init__(self, *, allow_unicode: bool = False, **kwargs: Any):
        self.allow_unicode = allow_unicode
        if allow_unicode:
            self.default_validators = [validators.validate_unicode_slug]
        else:
            self.default_validators = [validators.validate_slug]
        super().__init__(**kwargs)


class BooleanField(Field):
    """A checkbox; required means it must be checked."""

    widget = w.CheckboxInput

    def to_python(self, value: Any) -> bool:
        if isinstance(value, str) and value.lower() in ("false", "0"):
            return False
        return bool(value)

    def validate(self, value: Any) -> None:
        if not value and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        return self.to_python(initial) != self.to_python(data)


class NullBooleanField(BooleanField):
    """True, False or None (unknown)."""

    widget = w.NullBooleanSelect

    def to_python(self, value: Any) -> bool | None:
        if value in (True, "True", "true", "1"):
            return True
        if value in (False, "False", "false", "0"):
            return False
        return None

    def validate(self, value: Any) -> None:
        pass


class ChoiceField(Field):
    """One of ``choices`` (pairs, a mapping, a Choices enum or a callable)."""

    widget = w.Select
    default_error_messages = {
        "invalid_choice": "Select a valid choice. %(value)s is not one of the available choices."
    }

    def __init__(self, *, choices: Any = (), **kwargs: Any):
        super().__init__(**kwargs)
        self.choices = choices

    def __deepcopy__(self, memo: dict) -> ChoiceField:
        result = super().__deepcopy__(memo)
        result._choices = copy.deepcopy(self._choices, memo)
        return result

    @property
    def choices(self) -> list:
        return w.normalize_choices(self._choices) if callable(self._choices) else self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        lazy = callable(value) and not hasattr(value, "choices")
        self._choices = value if lazy else w.normalize_choices(value)
        self.widget.choices = value

    def to_python(self, value: Any) -> str:
        if value in self.empty_values:
            return ""
        return str(value)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not self.valid_value(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )

    def valid_value(self, value: Any) -> bool:
        """True if ``value`` is one of the choices (optgroups included)."""
        text = str(value)
        for key, _label in w.flatten_choices(self.choices):
            if value == key or text == str(key):
                return True
        return False


class TypedChoiceField(ChoiceField):
    """A ChoiceField whose value is converted with ``coerce``."""

    def __init__(self, *, coerce: Any = lambda value: value, empty_value: Any = "", **kwargs: Any):
        self.coerce, self.empty_value = coerce, empty_value
        super().__init__(**kwargs)

    def _coerce(self, value: Any) -> Any:
        if value == self.empty_value or value in self.empty_values:
            return self.empty_value
        try:
            return self.coerce(value)
        except (ValueError, TypeError, ValidationError):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )

    def clean(self, value: Any) -> Any:
        return self._coerce(super().clean(value))


class MultipleChoiceField(ChoiceField):
    """Several of ``choices``; the value is a list of strings."""

    widget = w.SelectMultiple
    hidden_widget = w.MultipleHiddenInput
    default_error_messages = {
        "invalid_choice": "Select a valid choice. %(value)s is not one of the available choices.",
        "invalid_list": "Enter a list of values.",
    }

    def to_python(self, value: Any) -> list[str]:
        if not value:
            return []
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        return [str(v) for v in value]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        for item in value:
            if not self.valid_value(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial = initial or []
        data = data or []
        return {str(v) for v in initial} != {str(v) for v in data}


class UUIDField(CharField):
    """A UUID (any of the forms ``uuid.UUID`` accepts)."""

    default_error_messages = {"invalid": "Enter a valid UUID."}

    def prepare_value(self, value: Any) -> Any:
        return str(value) if isinstance(value, uuid.UUID) else value

    def to_python(self, value: Any) -> uuid.UUID | None:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if isinstance(value, uuid.UUID):
            return value
        try:
            return uuid.UUID(hex=value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid")


class InvalidJSONInput(str):
    """Submitted text that is not JSON, shown back to the user as it was."""


class JSONString(str):
    """A JSON document that is a string (kept apart from text to be parsed)."""


class JSONField(CharField):
    """Any JSON value, edited as text in a textarea."""

    default_error_messages = {"invalid": "Enter a valid JSON."}
    widget = w.Textarea

    def __init__(self, encoder: Any = None, decoder: Any = None, **kwargs: Any):
        self.encoder, self.decoder = encoder, decoder
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if self.disabled:
            return value
        if value in self.empty_values:
            return None
        if isinstance(value, (list, dict, int, float, JSONString)):
            return value
        try:
            converted = json.loads(value, cls=self.decoder)
        except json.JSONDecodeError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )
        return JSONString(converted) if isinstance(converted, str) else converted

    def bound_data(self, data: Any, initial: Any) -> Any:
        if self.disabled:
            return initial
        if data is None:
            return None
        try:
            return json.loads(data, cls=self.decoder)
        except json.JSONDecodeError:
            return InvalidJSONInput(data)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, cls=self.encoder)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if super().has_changed(initial, data):
            return True
        dump = json.dumps
        return dump(initial, sort_keys=True, cls=self.encoder) != dump(
            self.to_python(data), sort_keys=True, cls=self.encoder
        )


class FileField(Field):
    """An uploaded file (``request.FILES``); the form needs ``enctype="multipart/form-data"``."""

    widget = w.ClearableFileInput
    default_error_messages = {
        "invalid": "No file was submitted. Check the encoding type on the form.",
        "contradiction": "Please either submit a file or check the clear checkbox, not both.",
        "missing": "No file was submitted.",
        "empty": "The submitted file is empty.",
        "max_length": "Ensure this filename has at most %(max)d characters (it has %(length)d).",
    }

    def __init__(self, *, max_length: int | None = None, allow_empty_file: bool = False, **kwargs):
        self.max_length, self.allow_empty_file = max_length, allow_empty_file
        super().__init__(**kwargs)

    def to_python(self, data: Any) -> Any:
        if data in self.empty_values:
            return None
        try:
            file_name, file_size = data.name, data.size
        except AttributeError:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if self.max_length is not None and len(file_name) > self.max_length:
            raise ValidationError(
                self.error_messages["max_length"],
                code="max_length",
                params={"max": self.max_length, "length": len(file_name)},
            )
        if not file_name:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not self.allow_empty_file and not file_size:
            raise ValidationError(self.error_messages["empty"], code="empty")
        return data

    def clean(self, data: Any, initial: Any = None) -> Any:
        if data is w.FILE_INPUT_CONTRADICTION:
            raise ValidationError(self.error_messages["contradiction"], code="contradiction")
        if data is False:
            # The "clear" checkbox of an optional field: remove the stored file.
            if not self.required:
                return False
            data = None
        if not data and initial:
            return initial
        return super().clean(data)

    def bound_data(self, data: Any, initial: Any) -> Any:
        return initial if data is None or data is w.FILE_INPUT_CONTRADICTION else data

    def has_changed(self, initial: Any, data: Any) -> bool:
        return not self.disabled and data is not None


_DURATION_RE = re.compile(
    r"^(?:(?P<days>-?\d+) (days?, )?)?"
    r"(?P<sign>-?)"
    r"((?:(?P<hours>\d+):)(?=\d+:\d+))?"
    r"(?:(?P<minutes>\d+):)?"
    r"(?P<seconds>\d+)"
    r"(?:[.,](?P<microseconds>\d{1,6})\d{0,6})?$"
)
_ISO8601_DURATION_RE = re.compile(
    r"^(?P<sign>[-+]?)P"
    r"(?:(?P<days>\d+(?:[.,]\d+)?)D)?"
    r"(?:T"
    r"(?:(?P<hours>\d+(?:[.,]\d+)?)H)?"
    r"(?:(?P<minutes>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?"
    r")?$"
)


def parse_duration(value: str) -> datetime.timedelta | None:
    """Parse ``"3 days, 10:11:12"``, ``"10:11:12.5"``, ``"42"`` or ISO 8601 ``"P3DT1H"``.

    Returns None when the text is not a duration.
    """
    match = _DURATION_RE.match(value) or _ISO8601_DURATION_RE.match(value)
    if not match:
        return None
    parts = match.groupdict()
    sign = -1 if parts.pop("sign", "") == "-" else 1
    micro = parts.pop("microseconds", None)
    if micro:
        parts["microseconds"] = micro.ljust(6, "0")
    days = datetime.timedelta(float((parts.pop("days", None) or "0").replace(",", ".")))
    rest = {k: float(v.replace(",", ".")) for k, v in parts.items() if v is not None}
    return days + sign * datetime.timedelta(**rest)


def duration_string(value: datetime.timedelta) -> str:
    """``[DD ]HH:MM:SS[.ffffff]``, the format DurationField shows and parses."""
    days, seconds, micro = value.days, value.seconds, value.microseconds
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if days:
        text = f"{days} {text}"
    if micro:
        text += f".{micro:06d}"
    return text


class DurationField(Field):
    """A ``datetime.timedelta`` entered as ``[DD] [[HH:]MM:]ss[.uuuuuu]`` or ISO 8601."""

    default_error_messages = {
        "invalid": "Enter a valid duration.",
        "overflow": "The number of days must be between {min_days} and {max_days}.",
    }

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.timedelta):
            return duration_string(value)
        return value

    def to_python(self, value: Any) -> datetime.timedelta | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.timedelta):
            return value
        try:
            parsed = parse_duration(str(value).strip())
        except OverflowError:
            raise ValidationError(
                self.error_messages["overflow"].format(
                    min_days=datetime.timedelta.min.days, max_days=datetime.timedelta.max.days
                ),
                code="overflow",
            )
        except (ValueError, TypeError):
            parsed = None
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class GenericIPAddressField(CharField):
    """An IPv4 or IPv6 address (``protocol``: "both", "IPv4" or "IPv6"), normalised."""

    def __init__(self, *, protocol: str = "both", unpack_ipv4: bool = False, **kwargs: Any):
        self.unpack_ipv4 = unpack_ipv4
        self.default_validators = validators.ip_address_validators(protocol, unpack_ipv4)
        kwargs.setdefault("max_length", 39)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        if value in self.empty_values:
            return ""
        value = str(value).strip()
        if value and ":" in value:
            import ipaddress

            try:
                address = ipaddress.IPv6Address(value)
            except ValueError:
                return value  # the validators report it
            if self.unpack_ipv4 and address.ipv4_mapped:
                return str(address.ipv4_mapped)
            return str(address)
        return value


class ImageField(FileField):
    """An uploaded image, checked with Pillow (which must be installed)."""

    default_error_messages = {
        "invalid_image": (
            "Upload a valid image. The file you uploaded was either not an image or a "
            "corrupted image."
        ),
    }

    def __init__(self, **kwargs: Any):
        try:
            from PIL import Image  # noqa: F401
        except ImportError:
            from framework.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                "ImageField needs the Pillow library to check uploaded images, and it is not "
                "installed. Install it with 'pip install Pillow', or use FileField."
            ) from None
        super().__init__(**kwargs)

    def widget_attrs(self, widget: Any) -> dict:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, w.FileInput) and "accept" not in widget.attrs:
            attrs.setdefault("accept", "image/*")
        return attrs

    def to_python(self, data: Any) -> Any:
        """Check that the upload is an image Pillow can read; set ``data.image``."""
        from io import BytesIO

        from PIL import Image

        f = super().to_python(data)
        if f is None:
            return None
        try:
            if hasattr(data, "temporary_file_path"):
                source: Any = data.temporary_file_path()
            elif hasattr(data, "read"):
                data.seek(0)
                source = BytesIO(data.read())
            else:
                source = BytesIO(data["content"])
            image = Image.open(source)
            image.verify()
            f.image = image
            f.content_type = Image.MIME.get(image.format)
        except Exception as exc:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc
        if hasattr(f, "seek") and callable(f.seek):
            f.seek(0)
        return f
