"""Work deferred to first use: regular expressions, modules and class attributes.

A daemon process that serves ``/plaintext`` should not pay at start-up for the URL
validator's regular expressions or for the admin's forms. These helpers keep a
module's public names in place while the cost moves to the first call that needs them,
once per process:

- ``lazy_re_compile(pattern, flags)``: a pattern compiled on first use;
- ``lazy_module("package.module")``: a module imported on first attribute access;
- ``module_loader("package.module")``: a function returning the module, imported on its
  first call (for modules that import each other, on per-call paths);
- ``LazyImport("package.module.Name")``: a class attribute (a default form class, say)
  imported the first time it is read.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

from framework.utils.module_loading import import_string

_UNSET: Any = object()


class LazyRegex:
    """A regular expression compiled on first use; otherwise behaves as ``re.Pattern``."""

    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str | bytes, flags: int = 0):
        self._pattern = pattern
        self._flags = flags
        self._compiled = _UNSET

    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self._compiled
        if compiled is _UNSET:
            # Two threads may both compile: the results are equal, the last one stays.
            compiled = self._compiled = re.compile(self._pattern, self._flags)
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Reached only for names that are not slots: ``search``, ``pattern``, ``flags``...
        return getattr(self.compiled(), name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyRegex):
            other = other.compiled()
        return self.compiled() == other

    def __hash__(self) -> int:
        return hash(self.compiled())

    def __copy__(self) -> re.Pattern:
        return self.compiled()

    def __deepcopy__(self, memo: dict) -> re.Pattern:
        return self.compiled()

    def __reduce__(self) -> tuple:
        return (re.compile, (self._pattern, self._flags))

    def __repr__(self) -> str:
        return f"<LazyRegex {self._pattern!r}, flags={self._flags!r}>"


def lazy_re_compile(pattern: str | bytes, flags: int = 0) -> LazyRegex:
    """Return a pattern that compiles itself the first time it is used."""
    return LazyRegex(pattern, flags)


class LazyModule:
    """A module imported the first time one of its attributes is read.

    The import goes through ``importlib``, so it is thread-safe and happens once; later
    reads cost one ``__getattr__`` call. Meant for modules that serve only some views
    (the admin's forms and helpers); each read costs a Python call, so per-call code
    inside an import cycle uses ``module_loader()``.
    """

    __slots__ = ("_name", "_module")

    def __init__(self, name: str):
        self._name = name
        self._module = None

    def __getattr__(self, attr: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        state = "imported" if self._module is not None else "not imported yet"
        return f"<LazyModule {self._name!r} ({state})>"


def module_loader(name: str) -> Callable[[], ModuleType]:
    """Return a function that returns the module ``name``, importing it on the first call.

    For per-call code inside an import cycle: later calls are a C-level cache hit, cheaper
    than a ``LazyModule`` attribute (a Python ``__getattr__`` call) and far cheaper than an
    import statement in the function (which looks up ``__path__`` and drops the error).
    """
    return functools.cache(functools.partial(importlib.import_module, name))


def lazy_module(name: str) -> LazyModule:
    """Return a stand-in for the module ``name`` that imports it on first attribute access."""
    return LazyModule(name)


class LazyImport:
    """A class attribute whose value, ``"package.module.Name"``, is imported on first read.

    Subclasses override it with a plain assignment as usual (``form = MyForm``); reading it
    on the class or an instance returns the imported object.
    """

    __slots__ = ("_path", "_value")

    def __init__(self, path: str):
        self._path = path
        self._value = _UNSET

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        value = self._value
        if value is _UNSET:
            value = self._value = import_string(self._path)
        return value

    def __repr__(self) -> str:
        return f"<LazyImport {self._path!r}>"


def module_getattr(module_name: str, namespace: dict, lazy: dict[str, str]):
    """A module-level ``__getattr__`` (PEP 562) serving the names of ``lazy`` (name ->
    module to import it from) on first access; each is then kept in ``namespace``, the
    module's ``globals()``, so later reads are plain lookups."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - the PEP 562 hook's name
        source = lazy.get(name)
        if source is None:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        value = namespace[name] = import_string(f"{source}.{name}")
        return value

    return __getattr__
