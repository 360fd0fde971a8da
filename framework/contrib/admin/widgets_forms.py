"""Admin widgets for plain fields: ``AdminDateTimeWidget`` (the browser's
``datetime-local`` input, also reading Django's split ``_0``/``_1`` date and time),
``AdminSplitDateTime`` and ``FilteredSelectMultiple`` (the checkbox list that
``admin/js/SelectFilter.js`` turns into a keyboard-usable dual list)."""

from __future__ import annotations

from typing import Any

from framework import forms


class AdminDateTimeWidget(forms.DateTimeInput):
    """A native ``datetime-local`` input; a POST with the split ``<name>_0`` (date) and
    ``<name>_1`` (time) values of a browser or client without it is accepted too."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None, format: str | None = None):  # noqa: A002
        super().__init__({"class": "vDateTimeField", **(attrs or {})}, format or "%Y-%m-%dT%H:%M")

    def format_value(self, value: Any) -> str | None:
        if hasattr(value, "strftime") and getattr(value, "second", 0):
            return value.strftime("%Y-%m-%dT%H:%M:%S")
        return super().format_value(value)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if name in data:
            return data.get(name)
        date, time = data.get(f"{name}_0"), data.get(f"{name}_1")
        if date is None and time is None:
            return None
        return f"{date or ''} {time or ''}".strip()

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_0" not in data and f"{name}_1" not in data


class AdminSplitDateTime(forms.SplitDateTimeWidget):
    """A date input and a time input (``type=date`` / ``type=time``) for one datetime."""

    def __init__(self, attrs: dict | None = None):
        super().__init__(
            attrs,
            date_format="%Y-%m-%d",
            time_format="%H:%M:%S",
            date_attrs={"type": "date", "class": "vDateField"},
            time_attrs={"type": "time", "class": "vTimeField", "step": "1"},
        )


class FilteredSelectMultiple(forms.CheckboxSelectMultiple):
    """Many-to-many choices as a checkbox list that the SelectFilter script turns into an
    "available / chosen" pair of lists with a filter box (``filter_horizontal`` /
    ``filter_vertical``); without JavaScript the checkboxes stay."""

    def __init__(self, verbose_name: str, is_stacked: bool, attrs: dict | None = None, choices=()):
        self.verbose_name = verbose_name
        self.is_stacked = is_stacked
        super().__init__(attrs, choices)

    @property
    def media(self) -> Any:
        return forms.Media(js=["admin/js/SelectFilter.js"])

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        stacked = "stacked" if self.is_stacked else "horizontal"
        widget_attrs["class"] = (
            f"{widget_attrs.get('class', '')} selectfilter selectfilter-{stacked}".strip()
        )
        context["widget"]["verbose_name"] = str(self.verbose_name)
        return context
