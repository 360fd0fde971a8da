"""Form helpers: ``ErrorList``, ``ErrorDict``, ``flatatt``, ``pretty_name``."""

from __future__ import annotations

import json
from collections import UserList
from typing import Any

from markupsafe import Markup

from framework.core.exceptions import ValidationError
from framework.utils.html import escape, format_html, format_html_join

__all__ = ["ErrorDict", "ErrorList", "flatatt", "pretty_name"]


def pretty_name(name: str) -> str:
    """``"first_name"`` -> ``"First name"``."""
    if not name:
        return ""
    return name.replace("_", " ").capitalize()


def flatatt(attrs: dict[str, Any]) -> Markup:
    """HTML attributes from a dict: ``True`` gives a bare attribute, ``False``/``None`` none."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(format_html(" {}", name))
        elif value is not False and value is not None:
            parts.append(format_html(' {}="{}"', name, value))
    return Markup("").join(parts)


class ErrorDict(dict):
    """Field name -> ErrorList; renders as a nested ``<ul class="errorlist">``."""

    def __init__(self, *args: Any, renderer: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.renderer = renderer

    def as_data(self) -> dict[str, list[ValidationError]]:
        """Field name -> list of ValidationError instances."""
        return {field: errors.as_data() for field, errors in self.items()}

    def get_json_data(self, escape_html: bool = False) -> dict[str, list[dict]]:
        """Field name -> list of ``{"message", "code"}``."""
        return {field: errors.get_json_data(escape_html) for field, errors in self.items()}

    def as_json(self, escape_html: bool = False) -> str:
        """The errors as JSON."""
        return json.dumps(self.get_json_data(escape_html))

    def as_ul(self) -> Markup:
        """``<ul class="errorlist"><li>field<ul class="errorlist">...</ul></li></ul>``."""
        if not self:
            return Markup("")
        return format_html(
            '<ul class="errorlist">{}</ul>',
            format_html_join("", "<li>{}{}</li>", ((k, v.as_ul()) for k, v in self.items())),
        )

    def as_text(self) -> str:
        """``* field\\n  * message`` lines."""
        lines = []
        for field, errors in self.items():
            lines.append(f"* {field}")
            lines.extend(f"  * {message}" for message in errors)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.as_ul()

    def __html__(self) -> str:
        return self.as_ul()


class ErrorList(UserList, list):
    """A list of errors (ValidationError instances or strings) rendered as ``<ul>``.

    ``error_class`` is added to the list's CSS class (``"nonfield"`` for form-wide
    errors); ``field_id`` gives the list an id (``<field id>_error``) that the
    field's widget references with ``aria-describedby``.
    """

    def __init__(
        self,
        initlist: Any = None,
        error_class: str | None = None,
        renderer: Any = None,
        field_id: str | None = None,
    ):
        super().__init__(initlist)
        self.error_class = "errorlist" if error_class is None else f"errorlist {error_class}"
        self.renderer = renderer
        self.field_id = field_id

    def as_data(self) -> list[ValidationError]:
        """The errors as ValidationError instances."""
        return ValidationError(self.data).error_list

    def copy(self) -> ErrorList:
        copy = super().copy()
        copy.error_class = self.error_class
        copy.field_id = self.field_id
        return copy

    def get_json_data(self, escape_html: bool = False) -> list[dict]:
        """``[{"message": ..., "code": ...}]``."""
        errors = []
        for error in self.as_data():
            message = next(iter(error))
            errors.append(
                {"message": escape(message) if escape_html else message, "code": error.code or ""}
            )
        return errors

    def as_json(self, escape_html: bool = False) -> str:
        """The errors as JSON."""
        return json.dumps(self.get_json_data(escape_html))

    def as_ul(self) -> Markup:
        """``<ul class="errorlist"><li>message</li></ul>`` ("" when empty)."""
        if not self.data:
            return Markup("")
        items = format_html_join("", "<li>{}</li>", ((message,) for message in self))
        if self.field_id:
            return format_html(
                '<ul class="{}" id="{}_error">{}</ul>', self.error_class, self.field_id, items
            )
        return format_html('<ul class="{}">{}</ul>', self.error_class, items)

    def as_text(self) -> str:
        """``* message`` lines."""
        return "\n".join(f"* {message}" for message in self)

    def __str__(self) -> str:
        return self.as_ul()

    def __html__(self) -> str:
        return self.as_ul()

    def __repr__(self) -> str:
        return repr(list(self))

    def __contains__(self, item: object) -> bool:
        return item in list(self)

    def __eq__(self, other: object) -> bool:
        return list(self) == other

    def __getitem__(self, index: Any) -> Any:
        error = self.data[index]
        if isinstance(error, ValidationError):
            return next(iter(error))
        return error

    def __iter__(self):
        for error in self.data:
            if isinstance(error, ValidationError):
                yield from error
            else:
                yield str(error)
