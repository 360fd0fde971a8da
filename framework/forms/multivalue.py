"""Fields and widgets made of several parts: ``MultiWidget``, ``MultiValueField``,
``SplitDateTimeWidget`` and ``SplitDateTimeField`` (Django's names).

A ``MultiWidget`` renders one sub-widget per part and reads back a list of
values (``name_0``, ``name_1`` ... or the suffixes of a dict of widgets); a
``MultiValueField`` cleans each part with its own field and joins them with
``compress()``.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Mapping
from typing import Any

from framework.core.exceptions import ValidationError
from framework.forms import widgets as w
from framework.forms.fields import (
    DateField,
    Field,
    TimeField,
    _from_current_timezone,
    _to_current_timezone,
)

__all__ = [
    "MultiValueField",
    "MultiWidget",
    "SplitDateTimeField",
    "SplitDateTimeWidget",
    "SplitHiddenDateTimeWidget",
]


class MultiWidget(w.Widget):
    """Several widgets rendered side by side for one field.

    ``widgets`` is a list of widgets (names suffixed ``_0``, ``_1`` ...) or a dict
    of suffix -> widget (an empty suffix gives the bare name). Subclasses
    implement ``decompress(value)`` to split a single value into the parts.
    """

    template_name = w.T + "multiwidget.html"

    def __init__(self, widgets: Any, attrs: dict | None = None):
        if isinstance(widgets, Mapping):
            self.widgets_names = [f"_{name}" if name else "" for name in widgets]
            widgets = widgets.values()
        else:
            widgets = list(widgets)
            self.widgets_names = [f"_{i}" for i in range(len(widgets))]
        self.widgets = [widget() if isinstance(widget, type) else widget for widget in widgets]
        super().__init__(attrs)

    def __deepcopy__(self, memo: dict) -> MultiWidget:
        obj = super().__deepcopy__(memo)
        obj.widgets = copy.deepcopy(self.widgets, memo)
        return obj

    @property
    def is_hidden(self) -> bool:
        return all(widget.is_hidden for widget in self.widgets)

    @property
    def needs_multipart_form(self) -> bool:  # type: ignore[override]
        return any(widget.needs_multipart_form for widget in self.widgets)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if self.is_localized:
            for widget in self.widgets:
                widget.is_localized = self.is_localized
        # A list comes back from a bound form; anything else is decompressed.
        if not isinstance(value, (list, tuple)):
            value = self.decompress(value)
        final_attrs = context["widget"]["attrs"]
        input_type = final_attrs.pop("type", None)
        id_ = final_attrs.get("id")
        subwidgets = []
        for i, (suffix, widget) in enumerate(zip(self.widgets_names, self.widgets)):
            if input_type is not None:
                widget.input_type = input_type
            widget_name = name + suffix
            widget_value = value[i] if i < len(value) else None
            widget_attrs = {**final_attrs, "id": f"{id_}_{i}"} if id_ else final_attrs
            subwidgets.append(widget.get_context(widget_name, widget_value, widget_attrs)["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def id_for_label(self, id_: str | None) -> str | None:
        return "" if id_ is None else id_

    def value_from_datadict(self, data: Mapping, files: Mapping, name: str) -> list:
        return [
            widget.value_from_datadict(data, files, name + suffix)
            for suffix, widget in zip(self.widgets_names, self.widgets)
        ]

    def value_omitted_from_data(self, data: Mapping, files: Mapping, name: str) -> bool:
        return all(
            widget.value_omitted_from_data(data, files, name + suffix)
            for suffix, widget in zip(self.widgets_names, self.widgets)
        )

    def decompress(self, value: Any) -> list:
        """Split ``value`` into one value per sub-widget (subclasses implement this)."""
        raise NotImplementedError("Subclasses of MultiWidget must implement decompress().")

    @property
    def media(self) -> w.Media:  # type: ignore[override]
        media = w.Media()
        for widget in self.widgets:
            media = media + widget.media
        return media


class SplitDateTimeWidget(MultiWidget):
    """A date input and a time input for one datetime."""

    supports_microseconds = False

    def __init__(
        self,
        attrs: dict | None = None,
        date_format: str | None = None,
        time_format: str | None = None,
        date_attrs: dict | None = None,
        time_attrs: dict | None = None,
    ):
        widgets = (
            w.DateInput(attrs=attrs if date_attrs is None else date_attrs, format=date_format),
            w.TimeInput(attrs=attrs if time_attrs is None else time_attrs, format=time_format),
        )
        super().__init__(widgets)

    def decompress(self, value: Any) -> list:
        if value:
            value = _to_current_timezone(value)
            return [value.date(), value.time()]
        return [None, None]


class SplitHiddenDateTimeWidget(SplitDateTimeWidget):
    """SplitDateTimeWidget rendered as two hidden inputs."""

    template_name = w.T + "splithiddendatetime.html"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for widget in self.widgets:
            widget.input_type = "hidden"


class MultiValueField(Field):
    """A field whose value is cleaned by several ``fields`` and joined by ``compress()``.

    ``require_all_fields=False`` lets individual parts be empty (each part's own
    ``required`` then applies, reported as ``incomplete``).
    """

    default_error_messages = {
        "invalid": "Enter a list of values.",
        "incomplete": "Enter a complete value.",
    }

    def __init__(self, fields: Any, *, require_all_fields: bool = True, **kwargs: Any):
        self.require_all_fields = require_all_fields
        super().__init__(**kwargs)
        for field in fields:
            field.error_messages.setdefault("incomplete", self.error_messages["incomplete"])
            if self.disabled:
                field.disabled = True
            if self.require_all_fields:
                # The whole field decides what is required; parts never complain alone.
                field.required = False
        self.fields = list(fields)

    def __deepcopy__(self, memo: dict) -> MultiValueField:
        result = super().__deepcopy__(memo)
        result.fields = [copy.deepcopy(field, memo) for field in self.fields]
        return result

    def validate(self, value: Any) -> None:
        pass

    def clean(self, value: Any) -> Any:
        """Clean each part with its field, then ``compress()`` the cleaned list."""
        clean_data: list = []
        errors: list = []
        if self.disabled and not isinstance(value, list):
            value = self.widget.decompress(value)
        if not value or isinstance(value, (list, tuple)):
            if not value or not [v for v in value if v not in self.empty_values]:
                if self.required:
                    raise ValidationError(self.error_messages["required"], code="required")
                return self.compress([])
        else:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        for i, field in enumerate(self.fields):
            field_value = value[i] if i < len(value) else None
            if field_value in self.empty_values:
                if self.require_all_fields:
                    if self.required:
                        raise ValidationError(self.error_messages["required"], code="required")
                elif field.required:
                    if field.error_messages["incomplete"] not in errors:
                        errors.append(field.error_messages["incomplete"])
                    continue
            try:
                clean_data.append(field.clean(field_value))
            except ValidationError as exc:
                errors.extend(m for m in exc.error_list if m not in errors)
        if errors:
            raise ValidationError(errors)
        out = self.compress(clean_data)
        self.validate(out)
        self.run_validators(out)
        return out

    def compress(self, data_list: list) -> Any:
        """Join the cleaned parts into one value (subclasses implement this)."""
        raise NotImplementedError("Subclasses must implement compress().")

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        if initial is None:
            initial = ["" for _ in range(len(data or ()))]
        elif not isinstance(initial, list):
            initial = self.widget.decompress(initial)
        for field, initial_part, data_part in zip(self.fields, initial, data or ()):
            try:
                initial_part = field.to_python(initial_part)
            except ValidationError:
                return True
            if field.has_changed(initial_part, data_part):
                return True
        return False


class SplitDateTimeField(MultiValueField):
    """A datetime entered as a date and a time (``SplitDateTimeWidget``)."""

    widget = SplitDateTimeWidget
    hidden_widget = SplitHiddenDateTimeWidget
    default_error_messages = {
        "invalid_date": "Enter a valid date.",
        "invalid_time": "Enter a valid time.",
    }

    def __init__(
        self, *, input_date_formats: Any = None, input_time_formats: Any = None, **kwargs: Any
    ):
        errors = {**self.default_error_messages, **kwargs.get("error_messages", {})}
        localize = kwargs.get("localize", False)
        fields = (
            DateField(
                input_formats=input_date_formats,
                error_messages={"invalid": errors["invalid_date"]},
                localize=localize,
            ),
            TimeField(
                input_formats=input_time_formats,
                error_messages={"invalid": errors["invalid_time"]},
                localize=localize,
            ),
        )
        super().__init__(fields, **kwargs)

    def compress(self, data_list: list) -> Any:
        if not data_list:
            return None
        date, time = data_list
        if date in self.empty_values:
            raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
        if time in self.empty_values:
            raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
        return _from_current_timezone(datetime.datetime.combine(date, time))
