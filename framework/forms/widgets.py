"""Widgets: the HTML representation of form fields (Django's ``django.forms.widgets``).

A widget renders a template (``template_name``) with the context from
``get_context(name, value, attrs)`` through the form's renderer, and reads
its value back from submitted data with ``value_from_datadict``.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import Any

from markupsafe import Markup

from framework.conf import settings
from framework.forms.media import Media, MediaDefiningClass

__all__ = [
    "CheckboxInput",
    "CheckboxSelectMultiple",
    "ChoiceWidget",
    "ClearableFileInput",
    "DateInput",
    "DateTimeInput",
    "EmailInput",
    "FileInput",
    "HiddenInput",
    "Media",
    "Input",
    "MultipleHiddenInput",
    "NullBooleanSelect",
    "NumberInput",
    "PasswordInput",
    "RadioSelect",
    "Select",
    "SelectMultiple",
    "TextInput",
    "Textarea",
    "TimeInput",
    "URLInput",
    "Widget",
]

T = "framework/forms/widgets/"


def _get_renderer(renderer: Any) -> Any:
    if renderer is None:
        from framework.forms.renderers import get_default_renderer

        return get_default_renderer()
    return renderer


class Widget(metaclass=MediaDefiningClass):
    """Base widget: attributes, value formatting, rendering and reading data back."""

    needs_multipart_form = False
    is_localized = False
    is_required = False
    supports_microseconds = True
    use_fieldset = False
    input_type: str | None = None
    template_name: str = ""

    def __init__(self, attrs: dict | None = None):
        self.attrs = {} if attrs is None else attrs.copy()

    def __deepcopy__(self, memo: dict) -> Widget:
        obj = copy.copy(self)
        obj.attrs = self.attrs.copy()
        memo[id(self)] = obj
        return obj

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    @property
    def is_hidden(self) -> bool:
        """True for widgets rendered as ``<input type="hidden">``."""
        return self.input_type == "hidden"

    def subwidgets(self, name: str, value: Any, attrs: dict | None = None):
        """Yield the context of each sub-widget (one for simple widgets)."""
        yield self.get_context(name, value, attrs)["widget"]

    def format_value(self, value: Any) -> str | None:
        """The value as it should appear in HTML (None for no value)."""
        if value == "" or value is None:
            return None
        return str(value)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        """The template context: ``{"widget": {name, value, attrs, ...}}``."""
        return {
            "widget": {
                "name": name,
                "is_hidden": self.is_hidden,
                "required": self.is_required,
                "value": self.format_value(value),
                "attrs": self.build_attrs(self.attrs, attrs),
                "template_name": self.template_name,
            }
        }

    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> Markup:
        """Render the widget as safe HTML."""
        context = self.get_context(name, value, attrs)
        return _get_renderer(renderer).render(self.template_name, context)

    def build_attrs(self, base_attrs: dict, extra_attrs: dict | None = None) -> dict:
        """Merge the widget's attributes with per-render ones."""
        return {**base_attrs, **(extra_attrs or {})}

    def value_from_datadict(self, data: Mapping, files: Mapping, name: str) -> Any:
        """Read this widget's value from submitted data (None if absent)."""
        return data.get(name)

    def value_omitted_from_data(self, data: Mapping, files: Mapping, name: str) -> bool:
        """True if the submitted data does not mention this widget at all."""
        return name not in data

    def id_for_label(self, id_: str | None) -> str | None:
        """The id a ``<label for>`` should point to."""
        return id_

    def use_required_attribute(self, initial: Any) -> bool:
        """Whether to render the HTML ``required`` attribute."""
        return not self.is_hidden


class Input(Widget):
    """An ``<input>`` of ``input_type``."""

    template_name = T + "input.html"

    def __init__(self, attrs: dict | None = None):
        if attrs is not None:
            attrs = attrs.copy()
            self.input_type = attrs.pop("type", self.input_type)
        super().__init__(attrs)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["type"] = self.input_type
        return context


class TextInput(Input):
    input_type = "text"


class NumberInput(Input):
    input_type = "number"


class EmailInput(Input):
    input_type = "email"


class URLInput(Input):
    input_type = "url"


class PasswordInput(Input):
    """A password input that does not echo the value back unless ``render_value``."""

    input_type = "password"

    def __init__(self, attrs: dict | None = None, render_value: bool = False):
        super().__init__(attrs)
        self.render_value = render_value

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        if not self.render_value:
            value = None
        return super().get_context(name, value, attrs)


class HiddenInput(Input):
    input_type = "hidden"


class MultipleHiddenInput(HiddenInput):
    """One hidden input per value of a list."""

    template_name = T + "multiple_hidden.html"

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        final_attrs = context["widget"]["attrs"]
        id_ = final_attrs.get("id")
        subwidgets = []
        for index, item in enumerate(context["widget"]["value"]):
            widget_attrs = {**final_attrs, "id": f"{id_}_{index}"} if id_ else final_attrs
            widget = HiddenInput()
            widget.is_required = self.is_required
            subwidgets.append(widget.get_context(name, item, widget_attrs)["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def value_from_datadict(self, data: Mapping, files: Mapping, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def format_value(self, value: Any) -> list:
        return [] if value is None else list(value)


class FileInput(Input):
    """``<input type="file">``; the value comes from ``files``."""

    input_type = "file"
    needs_multipart_form = True

    def format_value(self, value: Any) -> None:
        return None

    def value_from_datadict(self, data: Mapping, files: Mapping, name: str) -> Any:
        return files.get(name)

    def value_omitted_from_data(self, data: Mapping, files: Mapping, name: str) -> bool:
        return name not in files

    def use_required_attribute(self, initial: Any) -> bool:
        return super().use_required_attribute(initial) and not initial


FILE_INPUT_CONTRADICTION = object()


class ClearableFileInput(FileInput):
    """A file input that also shows the current file and a "Clear" checkbox."""

    clear_checkbox_label = "Clear"
    initial_text = "Currently"
    input_text = "Change"
    template_name = T + "clearable_file_input.html"
    checked = False

    def clear_checkbox_name(self, name: str) -> str:
        """The name of the "clear" checkbox for the input called ``name``."""
        return name + "-clear"

    def clear_checkbox_id(self, name: str) -> str:
        """The id of the "clear" checkbox, from the input's id."""
        return name + "_id"

    def is_initial(self, value: Any) -> bool:
        """True if ``value`` is an existing stored file (it has a ``url``)."""
        return bool(value and getattr(value, "url", False))

    def format_value(self, value: Any) -> Any:
        if self.is_initial(value):
            return value
        return None

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        checkbox_name = self.clear_checkbox_name(name)
        checkbox_id = self.clear_checkbox_id(checkbox_name)
        context["widget"].update(
            {
                "checkbox_name": checkbox_name,
                "checkbox_id": checkbox_id,
                "is_initial": self.is_initial(value),
                "input_text": self.input_text,
                "initial_text": self.initial_text,
                "clear_checkbox_label": self.clear_checkbox_label,
                "checked": self.checked,
            }
        )
        context["widget"]["attrs"].setdefault("disabled", False)
        return context

    def value_from_datadict(self, data: Mapping, files: Mapping, name: str) -> Any:
        upload = super().value_from_datadict(data, files, name)
        self.checked = bool(data.get(self.clear_checkbox_name(name)))
        if not self.is_required and self.checked:
            if upload:
                # Uploading a file and ticking "clear" contradict each other.
                return FILE_INPUT_CONTRADICTION
            return False
        return upload

    def value_omitted_from_data(self, data: Mapping, files: Mapping, name: str) -> bool:
        return (
            super().value_omitted_from_data(data, files, name)
            and self.clear_checkbox_name(name) not in data
        )


class Textarea(Widget):
    """A ``<textarea>`` (40 columns, 10 rows unless given)."""

    template_name = T + "textarea.html"

    def __init__(self, attrs: dict | None = None):
        super().__init__({"cols": "40", "rows": "10", **(attrs or {})})


class DateTimeBaseInput(TextInput):
    format_key = ""
    supports_microseconds = False

    def __init__(self, attrs: dict | None = None, format: str | None = None):  # noqa: A002
        super().__init__(attrs)
        self.format = format or None

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, (datetime.date, datetime.time)):
            fmt = self.format or getattr(settings, self.format_key)[0]
            return value.strftime(fmt)
        return super().format_value(value)


class DateInput(DateTimeBaseInput):
    format_key = "DATE_INPUT_FORMATS"


class DateTimeInput(DateTimeBaseInput):
    format_key = "DATETIME_INPUT_FORMATS"


class TimeInput(DateTimeBaseInput):
    format_key = "TIME_INPUT_FORMATS"


def _boolean_check(value: Any) -> bool:
    return not (value is False or value is None or value == "")


class CheckboxInput(Input):
    """``<input type="checkbox">``, checked when ``check_test(value)`` is true."""

    input_type = "checkbox"

    def __init__(self, attrs: dict | None = None, check_test: Any = None):
        super().__init__(attrs)
        self.check_test = _boolean_check if check_test is None else check_test

    def format_value(self, value: Any) -> str | None:
        if value is True or value is False or value is None or value == "":
            return None
        return str(value)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        if self.check_test(value):
            attrs = {**(attrs or {}), "checked": True}
        return super().get_context(name, value, attrs)

    def value_from_datadict(self, data: Mapping, files: Mapping, name: str) -> bool:
        if name not in data:
            # An unchecked checkbox is not submitted at all.
            return False
        value = data.get(name)
        if isinstance(value, str):
            value = {"true": True, "false": False}.get(value.lower(), value)
        return bool(value)

    def value_omitted_from_data(self, data: Mapping, files: Mapping, name: str) -> bool:
        return False


def normalize_choices(choices: Any) -> list[tuple[Any, Any]]:
    """Choices as a list of ``(value, label)``; a label may be a list (an optgroup).

    Accepts pairs, a mapping, an enumeration type with ``.choices`` or a callable.
    """
    if callable(choices) and not hasattr(choices, "choices"):
        choices = choices()
    if hasattr(choices, "choices") and not isinstance(choices, Mapping):
        choices = choices.choices
    if isinstance(choices, Mapping):
        choices = choices.items()
    result = []
    for value, label in choices:
        if isinstance(label, Mapping):
            label = list(label.items())
        elif isinstance(label, (list, tuple)) and label and isinstance(label[0], (list, tuple)):
            label = [tuple(pair) for pair in label]
        result.append((value, label))
    return result


class ChoiceWidget(Widget):
    """Base of widgets offering a list of choices (select, radios, checkboxes)."""

    allow_multiple_selected = False
    input_type: str | None = None
    option_template_name: str = ""
    add_id_index = True
    checked_attribute: dict = {"checked": True}
    option_inherits_attrs = True

    def __init__(self, attrs: dict | None = None, choices: Any = ()):
        super().__init__(attrs)
        self.choices = choices

    @property
    def choices(self) -> list:
        """The choices as ``(value, label)`` pairs (a callable is called each time)."""
        return normalize_choices(self._choices) if callable(self._choices) else self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        lazy = callable(value) and not hasattr(value, "choices")
        self._choices = value if lazy else normalize_choices(value)

    def __deepcopy__(self, memo: dict) -> ChoiceWidget:
        obj = super().__deepcopy__(memo)
        obj._choices = copy.copy(self._choices)
        return obj

    def subwidgets(self, name: str, value: Any, attrs: dict | None = None):
        """Yield the context of each option."""
        value = self.format_value(value)
        yield from self.options(name, value, attrs)

    def options(self, name: str, value: list[str], attrs: dict | None = None):
        for _group_name, group_choices, _index in self.optgroups(name, value, attrs):
            yield from group_choices

    def optgroups(self, name: str, value: list[str], attrs: dict | None = None) -> list:
        """``[(group name or None, [option contexts], index)]``."""
        groups = []
        has_selected = False
        for index, (option_value, option_label) in enumerate(self.choices):
            if option_value is None:
                option_value = ""
            subgroup: list = []
            if isinstance(option_label, (list, tuple)):
                group_name = option_value
                subindex: int | None = 0
                choices = option_label
            else:
                group_name = None
                subindex = None
                choices = [(option_value, option_label)]
            groups.append((group_name, subgroup, index))
            for sub_value, sub_label in choices:
                selected = (not has_selected or self.allow_multiple_selected) and str(
                    sub_value if sub_value is not None else ""
                ) in value
                has_selected |= selected
                subgroup.append(
                    self.create_option(
                        name, sub_value, sub_label, selected, index, subindex=subindex, attrs=attrs
                    )
                )
                if subindex is not None:
                    subindex += 1
        return groups

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: bool,
        index: int,
        subindex: int | None = None,
        attrs: dict | None = None,
    ) -> dict[str, Any]:
        """The context of one option."""
        index = str(index) if subindex is None else f"{index}_{subindex}"
        option_attrs = self.build_attrs(self.attrs, attrs) if self.option_inherits_attrs else {}
        if selected:
            option_attrs.update(self.checked_attribute)
        if "id" in option_attrs:
            option_attrs["id"] = self.id_for_label(option_attrs["id"], index)
        return {
            "name": name,
            "value": "" if value is None else value,
            "label": label,
            "selected": selected,
            "index": index,
            "attrs": option_attrs,
            "type": self.input_type,
            "template_name": self.option_template_name,
            "wrap_label": True,
        }

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["optgroups"] = self.optgroups(name, context["widget"]["value"], attrs)
        return context

    def id_for_label(self, id_: str | None, index: str = "0") -> str | None:
        if id_ and self.add_id_index:
            return f"{id_}_{index}"
        return id_

    def value_from_datadict(self, data: Mapping, files: Mapping, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        if self.allow_multiple_selected and getter is not None:
            return getter(name)
        return data.get(name)

    def format_value(self, value: Any) -> list[str]:
        """The selected values as a list of strings."""
        if value is None and self.allow_multiple_selected:
            return []
        if not isinstance(value, (tuple, list)):
            value = [value]
        return [str(v) if v is not None else "" for v in value]


class Select(ChoiceWidget):
    """``<select>`` with ``<option>``s (and ``<optgroup>``s)."""

    input_type = "select"
    template_name = T + "select.html"
    option_template_name = T + "select_option.html"
    add_id_index = False
    checked_attribute = {"selected": True}
    option_inherits_attrs = False

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if self.allow_multiple_selected:
            context["widget"]["attrs"]["multiple"] = True
        return context

    def use_required_attribute(self, initial: Any) -> bool:
        """``required`` only makes sense when the first option is an empty placeholder."""
        if not super().use_required_attribute(initial):
            return False
        if self.allow_multiple_selected:
            return True
        choices = self.choices
        if not choices:
            return False
        first_value, first_label = choices[0]
        return not isinstance(first_label, (list, tuple)) and first_value in (None, "")


class NullBooleanSelect(Select):
    """A select offering Unknown, Yes and No."""

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs, (("unknown", "Unknown"), ("true", "Yes"), ("false", "No")))

    def format_value(self, value: Any) -> str:
        mapping = {
            True: "true",
            False: "false",
            "true": "true",
            "false": "false",
            "2": "true",
            "3": "false",
        }
        try:
            return mapping[value]
        except (KeyError, TypeError):
            return "unknown"

    def value_from_datadict(self, data: Mapping, files: Mapping, name: str) -> bool | None:
        value = data.get(name)
        return {
            True: True,
            "True": True,
            "False": False,
            False: False,
            "true": True,
            "false": False,
            "2": True,
            "3": False,
        }.get(value)


class SelectMultiple(Select):
    allow_multiple_selected = True

    def value_omitted_from_data(self, data: Mapping, files: Mapping, name: str) -> bool:
        # An empty multiple select is not submitted at all.
        return False


class RadioSelect(ChoiceWidget):
    """A list of radio buttons in a ``<div>``."""

    input_type = "radio"
    template_name = T + "radio.html"
    option_template_name = T + "input_option.html"
    use_fieldset = True

    def id_for_label(self, id_: str | None, index: str | None = None) -> str | None:
        """No ``for`` on the group's label: it labels a fieldset (``legend``) instead."""
        if index is None:
            return ""
        return super().id_for_label(id_, index)


class CheckboxSelectMultiple(RadioSelect):
    """A list of checkboxes; several may be selected."""

    allow_multiple_selected = True
    input_type = "checkbox"
    template_name = T + "checkbox_select.html"

    def use_required_attribute(self, initial: Any) -> bool:
        # required on each checkbox would force every box to be checked.
        return False

    def value_omitted_from_data(self, data: Mapping, files: Mapping, name: str) -> bool:
        return False


def flatten_choices(choices: Iterable) -> Iterable:
    """``(value, label)`` pairs with optgroups flattened."""
    return chain.from_iterable(
        label if isinstance(label, (list, tuple)) else [(value, label)] for value, label in choices
    )
