"""Instance builders for the hot loop of QuerySet evaluation.

Building an instance as ``obj.__dict__.update(zip(names, row))`` makes CPython create a
dictionary per object. Plain attribute stores (``obj.name = row[1]``) keep the values
inline in the object (shared-key instance layout) and are specialised by the interpreter,
which makes a 10,000-row fetch about a third cheaper. This module writes one small
function per model and column list that does exactly that, once, and keeps it on the
model's ``_meta``.

A name goes through ``obj.__dict__`` instead when a plain store would not be a plain
store: the class (or a base) has a data descriptor for it (a foreign key's ``author_id``
clears the cached related object on assignment, which loading must not trigger), the
model overrides ``__setattr__``, or the name is not a Python identifier.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable

__all__ = ["instance_builder"]

_MISSING = object()


def instance_builder(model_cls: type, init_list: list[str]) -> Callable:
    """``build(rows, state_cls) -> [instance, ...]`` for rows whose first columns are
    ``init_list``; each instance gets ``_state = state_cls()``."""
    builders = model_cls._meta.__dict__.get("_instance_builders")
    if builders is None:
        builders = model_cls._meta._instance_builders = {}
    key = tuple(init_list)
    builder = builders.get(key)
    if builder is None:
        builder = builders[key] = _make_builder(model_cls, key)
    return builder


def _make_builder(model_cls: type, names: tuple[str, ...]) -> Callable:
    plain_setattr = model_cls.__setattr__ is object.__setattr__
    lines = [
        "def build(rows, state_cls):",
        "    objs = []",
        "    append = objs.append",
        "    for row in rows:",
        "        obj = new(cls)",
    ]
    via_dict = []
    for pos, name in enumerate(names):
        if plain_setattr and _plain_store(model_cls, name):
            lines.append(f"        obj.{name} = row[{pos}]")
        else:
            via_dict.append((pos, name))
    if via_dict:
        lines.append("        data = obj.__dict__")
        lines += [f"        data[{name!r}] = row[{pos}]" for pos, name in via_dict]
    if plain_setattr and _plain_store(model_cls, "_state"):
        lines.append("        obj._state = state_cls()")
    else:
        lines.append("        obj.__dict__['_state'] = state_cls()")
    lines += ["        append(obj)", "    return objs"]
    namespace = {"new": object.__new__, "cls": model_cls}
    exec(
        compile("\n".join(lines), f"<instance builder {model_cls.__qualname__}>", "exec"), namespace
    )
    return namespace["build"]


def _plain_store(model_cls: type, name: str) -> bool:
    """True if ``obj.<name> = value`` just stores the value on the instance."""
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("__"):
        return False
    for klass in model_cls.__mro__:
        attr = klass.__dict__.get(name, _MISSING)
        if attr is not _MISSING:
            kind = type(attr)
            return not (hasattr(kind, "__set__") or hasattr(kind, "__delete__"))
    return True
