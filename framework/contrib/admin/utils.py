"""Helpers shared by the admin's views: field lookup and display, quoting, deletion summaries."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from framework.core.exceptions import FieldDoesNotExist
from framework.db import models
from framework.utils.html import format_html
from framework.utils.text import capfirst

QUOTE_MAP = {i: f"_{i:02X}" for i in b'":/_#?;@&=+$,"[]<>%\n\\'}
UNQUOTE_MAP = {v: chr(k) for k, v in QUOTE_MAP.items()}
EMPTY_VALUE_DISPLAY = "-"
LOOKUP_SEP = "__"


class NotRelationField(Exception):
    """A field path crosses a field that is not a relation."""


def quote(value: Any) -> Any:
    """Quote a primary key for use in an admin URL (characters like / and _ are escaped)."""
    return value.translate(QUOTE_MAP) if isinstance(value, str) else value


def unquote(value: str) -> str:
    """Undo ``quote``."""
    out = []
    i = 0
    while i < len(value):
        chunk = value[i : i + 3]
        if value[i] == "_" and chunk in UNQUOTE_MAP:
            out.append(UNQUOTE_MAP[chunk])
            i += 3
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def flatten(fields: Any) -> list:
    """Flatten ``fields`` where an item may be a tuple of names shown on one line."""
    flat = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            flat.extend(field)
        else:
            flat.append(field)
    return flat


def flatten_fieldsets(fieldsets: Any) -> list:
    """Every field name of ``fieldsets``."""
    names = []
    for _name, opts in fieldsets:
        names.extend(flatten(opts["fields"]))
    return names


def get_fields_from_path(model: type, path: str) -> list:
    """The fields along ``path`` ("author__name"), raising NotRelationField when it cannot go on."""
    pieces = path.split(LOOKUP_SEP)
    fields = []
    for piece in pieces:
        if fields:
            parent = get_model_from_relation(fields[-1])
        else:
            parent = model
        fields.append(parent._meta.get_field(piece))
    return fields


def get_model_from_relation(field: Any) -> type:
    """The model at the other end of a relation field."""
    if hasattr(field, "path_infos") and field.path_infos:
        return field.path_infos[-1].to_opts.model
    related = getattr(field, "related_model", None)
    if related is None:
        raise NotRelationField(f"{field!r} is not a relation.")
    return related


def lookup_spawns_duplicates(opts: Any, lookup_path: str) -> bool:
    """True if filtering on ``lookup_path`` may return the same row twice (a to-many join)."""
    fields = lookup_path.split(LOOKUP_SEP)
    for name in fields:
        if name == "pk":
            name = opts.pk.name
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            continue
        if getattr(field, "is_relation", False):
            if field.many_to_many or field.one_to_many:
                return True
            opts = field.related_model._meta
    return False


def model_format_dict(obj: Any) -> dict:
    """``verbose_name`` and ``verbose_name_plural`` of a model, instance, QuerySet or Options."""
    if isinstance(obj, (models.Model, models.ModelBase)):
        opts = obj._meta
    elif isinstance(obj, models.QuerySet):
        opts = obj.model._meta
    else:
        opts = obj
    return {
        "verbose_name": str(opts.verbose_name),
        "verbose_name_plural": str(opts.verbose_name_plural),
    }


def model_ngettext(obj: Any, n: int | None = None) -> str:
    """The singular or plural verbose name of ``obj`` for ``n`` (its count for a QuerySet)."""
    if isinstance(obj, models.QuerySet):
        if n is None:
            n = obj.count()
        obj = obj.model
    names = model_format_dict(obj)
    return names["verbose_name"] if n == 1 else names["verbose_name_plural"]


def lookup_field(name: Any, obj: Any, model_admin: Any = None) -> tuple:
    """Return ``(field or None, attr or None, value)`` for a list_display/readonly item."""
    opts = obj._meta
    try:
        field = _get_non_gfk_field(opts, name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        if callable(name):
            attr = name
            value = attr(obj)
        elif hasattr(model_admin, name) and name != "__str__":
            attr = getattr(model_admin, name)
            value = attr(obj)
        else:
            attr = getattr(obj, name)
            value = attr() if callable(attr) else attr
        return None, attr, value
    return field, None, getattr(obj, field.attname if field.is_relation else field.name)


class FieldIsAForeignKeyColumnName(Exception):
    """A name is a foreign key's column ("author_id"), not a field name."""


def _get_non_gfk_field(opts: Any, name: Any) -> Any:
    if not isinstance(name, str):
        raise FieldDoesNotExist(name)
    field = opts.get_field(name)
    if field.is_relation and ((field.many_to_one and not field.related_model) or field.one_to_many):
        raise FieldDoesNotExist(name)
    if field.is_relation and not field.many_to_many and getattr(field, "attname", None) == name:
        if field.name != name:
            raise FieldIsAForeignKeyColumnName()
    return field


def label_for_field(
    name: Any, model: type, model_admin: Any = None, return_attr: bool = False
) -> Any:
    """The column/label text of a list_display or readonly item."""
    attr = None
    try:
        field = _get_non_gfk_field(model._meta, name)
        label = field.verbose_name
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        if name == "__str__":
            label = str(model._meta.verbose_name)
            attr = str
        else:
            if callable(name):
                attr = name
            elif hasattr(model_admin, name):
                attr = getattr(model_admin, name)
            elif hasattr(model, name):
                attr = getattr(model, name)
            else:
                where = model_admin.__class__.__name__ if model_admin else model._meta.object_name
                raise AttributeError(
                    f"Unable to lookup {name!r} on {model._meta.object_name} or {where}: "
                    "name a field, a method of the ModelAdmin or an attribute of the model."
                ) from None
            if hasattr(attr, "short_description"):
                label = attr.short_description
            elif isinstance(attr, property) and hasattr(attr.fget, "short_description"):
                label = attr.fget.short_description
            elif callable(attr):
                label = "--" if attr.__name__ == "<lambda>" else attr.__name__.replace("_", " ")
            else:
                label = str(name).replace("_", " ")
    label = capfirst(str(label))
    return (label, attr) if return_attr else label


def help_text_for_field(name: str, model: type) -> str:
    """The help text of a model field, or ""."""
    try:
        field = _get_non_gfk_field(model._meta, name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        return ""
    return str(getattr(field, "help_text", "") or "")


def _boolean_icon(value: Any) -> str:
    label = {True: "yes", False: "no", None: "unknown"}[value]
    symbol = {True: "✔", False: "✘", None: "?"}[value]
    return format_html('<span class="bool bool-{}" title="{}">{}</span>', label, label, symbol)


def display_for_field(value: Any, field: Any, empty_value_display: str) -> Any:
    """How the admin shows ``value`` of ``field`` (choices, booleans, dates, relations)."""
    choices = getattr(field, "flatchoices", None)
    if choices:
        return dict(_hashable(choices)).get(_hashable_value(value), empty_value_display)
    if isinstance(field, models.BooleanField):
        return _boolean_icon(value)
    if value is None:
        return empty_value_display
    if isinstance(field, models.DateTimeField):
        return value.strftime("%Y-%m-%d %H:%M:%S") if hasattr(value, "strftime") else value
    if isinstance(field, models.DecimalField):
        return f"{value:.{field.decimal_places}f}"
    if getattr(field, "many_to_many", False):
        return ", ".join(str(v) for v in value.all())
    return display_for_value(value, empty_value_display)


def _hashable(choices: Any) -> list:
    return [(_hashable_value(k), v) for k, v in choices]


def _hashable_value(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    return value


def display_for_value(value: Any, empty_value_display: str, boolean: bool = False) -> Any:
    """How the admin shows a plain value."""
    if boolean:
        return _boolean_icon(value)
    if value is None:
        return empty_value_display
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def json_value(value: Any) -> Any:
    """A JSON-safe form of a field value, as recorded in the change log."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, models.Model):
        return value.pk if not isinstance(value.pk, uuid.UUID) else str(value.pk)
    if isinstance(value, (list, tuple, set)) or hasattr(value, "__iter__"):
        items = [json_value(v) for v in value]
        try:
            return sorted(items)
        except TypeError:
            return items
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    return str(value)


def value_repr(value: Any, field: Any = None) -> str:
    """A short human form of a field value for the history page."""
    if value is None:
        return EMPTY_VALUE_DISPLAY
    if field is not None and getattr(field, "flatchoices", None):
        return str(dict(_hashable(field.flatchoices)).get(_hashable_value(value), value))
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set)) or (
        hasattr(value, "__iter__") and not isinstance(value, (str, bytes))
    ):
        return ", ".join(str(v) for v in value) or EMPTY_VALUE_DISPLAY
    return str(value)
