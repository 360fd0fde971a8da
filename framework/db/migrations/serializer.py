"""Turn values found in migrations into Python source (plus the imports they need)."""

from __future__ import annotations

import builtins
import datetime
import decimal
import enum
import functools
import math
import pathlib
import re
import types
import uuid
from typing import Any

from framework.utils.functional import Promise

_MODELS_PREFIX = "framework.db.models."
_MODELS_IMPORT = "from framework.db import models"


class SettingsReference(str):
    """A string value that the writer prints as ``settings.<setting_name>``."""

    def __new__(cls, value: str, setting_name: str):
        return str.__new__(cls, value)

    def __init__(self, value: str, setting_name: str):
        self.setting_name = setting_name


def _path(path: str) -> tuple[str, set[str]]:
    """A dotted path as source: 'models.X' for framework.db.models, else 'module.X'."""
    if path.startswith(_MODELS_PREFIX) and "." not in path[len(_MODELS_PREFIX) :]:
        return "models." + path[len(_MODELS_PREFIX) :], {_MODELS_IMPORT}
    module, _, _ = path.rpartition(".")
    if module == "framework.db.models":
        return "models." + path.rpartition(".")[2], {_MODELS_IMPORT}
    return path, {f"import {module}"}


def _call(path: str, args: Any, kwargs: dict) -> tuple[str, set[str]]:
    name, imports = _path(path)
    parts = []
    for arg in args:
        text, more = serialize(arg)
        parts.append(text)
        imports |= more
    for key, value in sorted(kwargs.items()):
        text, more = serialize(value)
        parts.append(f"{key}={text}")
        imports |= more
    return f"{name}({', '.join(parts)})", imports


def deconstruct_field(field: Any) -> tuple[str, list, dict]:
    """``field.deconstruct()`` with swappable targets as SettingsReference (AUTH_USER_MODEL)."""
    _, path, args, kwargs = field.deconstruct()
    target = kwargs.get("to")
    if isinstance(target, str) and getattr(field, "swappable", True) is not False:
        setting = swappable_setting(target)
        if setting:
            kwargs["to"] = SettingsReference(target, setting)
    return path, list(args), kwargs


def swappable_setting(target: str) -> str | None:
    """The setting that names ``target`` ('app.model') as a swappable model, if any."""
    from framework.apps import apps
    from framework.conf import settings

    if "." not in target:
        return None
    lowered = target.lower()
    for name in ("AUTH_USER_MODEL",):
        value = getattr(settings, name, None)
        if isinstance(value, str) and value.lower() == lowered:
            return name
    try:
        return apps.get_swappable_settings_name(lowered) if apps.models_ready else None
    except LookupError:
        return None


def _sequence(values: Any, open_: str, close: str, single_comma: bool = False):
    imports: set[str] = set()
    parts = []
    for value in values:
        text, more = serialize(value)
        parts.append(text)
        imports |= more
    inner = ", ".join(parts)
    if single_comma and len(parts) == 1:
        inner += ","
    return f"{open_}{inner}{close}", imports


def serialize(value: Any) -> tuple[str, set[str]]:
    """Return (source, imports) for ``value``; ValueError names what cannot be written."""
    from framework.db import models
    from framework.db.migrations.operations.base import Operation

    if isinstance(value, SettingsReference):
        return f"settings.{value.setting_name}", {"from framework.conf import settings"}
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, models.Field):
        path, args, kwargs = deconstruct_field(value)
        return _call(path, args, kwargs)
    if isinstance(value, Operation):
        from framework.db.migrations.writer import OperationWriter

        return OperationWriter(value, indentation=0).serialize()
    if isinstance(value, models.Manager) or (
        hasattr(value, "deconstruct") and hasattr(value, "get_queryset")
    ):
        as_manager, manager_path, qs_path, args, kwargs = value.deconstruct()
        if as_manager:
            name, imports = _path(qs_path)
            return f"{name}.as_manager()", imports
        return _call(manager_path, args or (), kwargs or {})
    if isinstance(value, models.Choices):
        return serialize(value.value)
    if isinstance(value, enum.Enum):
        module = type(value).__module__
        return (
            f"{module}.{type(value).__qualname__}[{value.name!r}]",
            {f"import {module}"},
        )
    if value is None or isinstance(value, (bool, int, str, bytes)):
        return repr(value), set()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return f'float("{value}")', set()
        return repr(value), set()
    if isinstance(value, decimal.Decimal):
        return f"decimal.{value!r}", {"import decimal"}
    if isinstance(value, uuid.UUID):
        return f"uuid.{value!r}", {"import uuid"}
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
        text = repr(value)
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            if value.utcoffset() != datetime.timedelta(0):
                value = value.astimezone(datetime.UTC)
            text = repr(value.replace(tzinfo=None))[:-1] + ", tzinfo=datetime.timezone.utc)"
        return text, {"import datetime"}
    if isinstance(value, pathlib.PurePath):
        return f"pathlib.{value!r}", {"import pathlib"}
    if isinstance(value, re.Pattern):
        pattern, imports = serialize(value.pattern)
        flags = value.flags ^ re.compile("").flags
        if flags:
            return f"re.compile({pattern}, {re.RegexFlag(flags)!r})", imports | {"import re"}
        return f"re.compile({pattern})", imports | {"import re"}
    if isinstance(value, dict):
        imports: set[str] = set()
        items = []
        try:
            pairs = sorted(value.items())
        except TypeError:
            pairs = list(value.items())
        for key, item in pairs:
            key_text, key_imports = serialize(key)
            item_text, item_imports = serialize(item)
            imports |= key_imports | item_imports
            items.append(f"{key_text}: {item_text}")
        return "{" + ", ".join(items) + "}", imports
    if isinstance(value, list):
        return _sequence(value, "[", "]")
    if isinstance(value, tuple):
        return _sequence(value, "(", ")", single_comma=True)
    if isinstance(value, (set, frozenset)):
        if not value:
            return ("set()" if isinstance(value, set) else "frozenset()"), set()
        ordered = sorted(value, key=lambda v: serialize(v)[0])
        text, imports = _sequence(ordered, "{", "}")
        return (text if isinstance(value, set) else f"frozenset({text})"), imports
    if isinstance(value, functools.partial):
        return _call_partial(value)
    if isinstance(value, type):
        return _serialize_type(value)
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        return _serialize_function(value)
    if hasattr(value, "deconstruct"):
        deconstructed = value.deconstruct()
        if len(deconstructed) == 3:
            path, args, kwargs = deconstructed
            return _call(path, args, kwargs)
    raise ValueError(
        f"Cannot serialize: {value!r}\nThere are some values the migration writer cannot "
        f"serialize. Give the class a deconstruct() method (see "
        f"framework.utils.deconstruct) or use a plain value."
    )


def _call_partial(value: functools.partial) -> tuple[str, set[str]]:
    func, imports = serialize(value.func)
    args, more = serialize(tuple(value.args))
    keywords, even_more = serialize(dict(value.keywords))
    return (
        f"functools.partial({func}, *{args}, **{keywords})",
        imports | more | even_more | {"import functools"},
    )


def _serialize_type(value: type) -> tuple[str, set[str]]:
    from framework.db import models

    if value is models.Model:
        return "models.Model", {_MODELS_IMPORT}
    if value.__module__ == "builtins" and getattr(builtins, value.__name__, None) is value:
        return value.__name__, set()
    if value is type(None):
        return "type(None)", set()
    return _path(f"{value.__module__}.{value.__qualname__}")


def _serialize_function(value: Any) -> tuple[str, set[str]]:
    if getattr(value, "deconstruct", None) is not None and callable(value.deconstruct):
        path, args, kwargs = value.deconstruct()
        return _call(path, args, kwargs)
    if getattr(value, "__self__", None) is not None and isinstance(value.__self__, type):
        klass = value.__self__
        text, imports = _serialize_type(klass)
        return f"{text}.{value.__name__}", imports
    name = value.__qualname__
    if name == "<lambda>":
        raise ValueError("Cannot serialize function: lambda (use a module-level function).")
    module = value.__module__
    if module is None:
        raise ValueError(f"Cannot serialize function {value!r}: no module")
    if "<locals>" in name:
        raise ValueError(
            f"Could not find function {value.__name__} in {module}: functions must be "
            f"defined at module level to be referenced from a migration."
        )
    if module == "builtins":
        return name, set()
    if not all(part.isidentifier() for part in module.split(".")):
        raise ValueError(
            f"Cannot serialize function {name!r}: its module {module!r} cannot be imported by "
            f"name (a migration file?). Move it to a regular module, or copy it into the new "
            f"migration by hand."
        )
    if module == "framework.db.models.deletion":
        return f"models.{name}", {_MODELS_IMPORT}
    return f"{module}.{name}", {f"import {module}"}
