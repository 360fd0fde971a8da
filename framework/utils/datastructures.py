"""Containers: ``MultiValueDict``, ``CaseInsensitiveMapping``, ``ImmutableList``, ``OrderedSet``,
``DictWrapper``."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from typing import Any


class OrderedSet:
    """A set that remembers insertion order."""

    def __init__(self, iterable: Iterable | None = None):
        self.dict = dict.fromkeys(iterable or ())

    def add(self, item: Any) -> None:
        self.dict[item] = None

    def remove(self, item: Any) -> None:
        del self.dict[item]

    def discard(self, item: Any) -> None:
        self.dict.pop(item, None)

    def __iter__(self) -> Iterator:
        return iter(self.dict)

    def __reversed__(self) -> Iterator:
        return reversed(self.dict)

    def __contains__(self, item: Any) -> bool:
        return item in self.dict

    def __bool__(self) -> bool:
        return bool(self.dict)

    def __len__(self) -> int:
        return len(self.dict)

    def __repr__(self) -> str:
        data = repr(list(self.dict)) if self.dict else ""
        return f"{type(self).__qualname__}({data})"


class MultiValueDictKeyError(KeyError):
    """A key missing from a MultiValueDict (a KeyError subclass)."""


class MultiValueDict(dict):
    """A dict whose keys map to lists of values; ``d[key]`` gives the last one.

    ``getlist()`` returns all values of a key, as needed for form fields such as
    ``<select multiple>`` that send one name several times.
    """

    def __init__(self, key_to_list_mapping: Any = ()):
        super().__init__(key_to_list_mapping)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {super().__repr__()}>"

    def __getitem__(self, key: Any) -> Any:
        try:
            values = super().__getitem__(key)
        except KeyError:
            raise MultiValueDictKeyError(key)
        try:
            return values[-1]
        except IndexError:
            return []

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, [value])

    def __copy__(self) -> MultiValueDict:
        return self.__class__([(k, v[:]) for k, v in self.lists()])

    def __deepcopy__(self, memo: dict) -> MultiValueDict:
        result = self.__class__()
        memo[id(self)] = result
        for key, value in dict.items(self):
            dict.__setitem__(result, copy.deepcopy(key, memo), copy.deepcopy(value, memo))
        return result

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_data": {k: self._getlist(k) for k in self}}

    def __setstate__(self, obj_dict: dict) -> None:
        data = obj_dict.pop("_data", {})
        for key, values in data.items():
            self.setlist(key, values)
        self.__dict__.update(obj_dict)

    def get(self, key: Any, default: Any = None) -> Any:
        """Return the last value for ``key``, or ``default`` if missing or empty."""
        try:
            value = self[key]
        except KeyError:
            return default
        if value == []:
            return default
        return value

    def _getlist(self, key: Any, default: Any = None, force_list: bool = False) -> Any:
        try:
            values = super().__getitem__(key)
        except KeyError:
            if default is None:
                return []
            return default
        if force_list:
            values = list(values) if values is not None else None
        return values

    def getlist(self, key: Any, default: Any = None) -> list:
        """Return the list of values for ``key`` (``default`` or ``[]`` if missing)."""
        return self._getlist(key, default, force_list=True)

    def setlist(self, key: Any, list_: list) -> None:
        """Replace the values of ``key`` with ``list_``."""
        super().__setitem__(key, list_)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def setlistdefault(self, key: Any, default_list: list | None = None) -> list:
        """Like ``setdefault()`` for the whole list of values."""
        if key not in self:
            if default_list is None:
                default_list = []
            self.setlist(key, default_list)
        return self._getlist(key)

    def appendlist(self, key: Any, value: Any) -> None:
        """Append ``value`` to the values of ``key``."""
        self.setlistdefault(key).append(value)

    def items(self) -> Iterator[tuple[Any, Any]]:  # type: ignore[override]
        """Yield ``(key, last value)`` pairs."""
        for key in self:
            yield key, self[key]

    def lists(self) -> Iterator[tuple[Any, list]]:
        """Yield ``(key, list of values)`` pairs."""
        return iter(super().items())

    def values(self) -> Iterator[Any]:  # type: ignore[override]
        """Yield the last value of each key."""
        for key in self:
            yield self[key]

    def copy(self) -> MultiValueDict:
        """Return a shallow copy (the value lists are copied)."""
        return copy.copy(self)

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Extend the value lists rather than replace them."""
        if len(args) > 1:
            raise TypeError(f"update expected at most 1 argument, got {len(args)}")
        if args:
            arg = args[0]
            if isinstance(arg, MultiValueDict):
                for key, value_list in arg.lists():
                    self.setlistdefault(key).extend(value_list)
            else:
                if isinstance(arg, Mapping):
                    arg = arg.items()
                for key, value in arg:
                    self.setlistdefault(key).append(value)
        for key, value in kwargs.items():
            self.setlistdefault(key).append(value)

    def dict(self) -> dict:
        """Return a plain dict of key -> last value."""
        return {key: self[key] for key in self}


class ImmutableList(tuple):
    """A tuple that says why when code tries to change it."""

    def __new__(cls, *args: Any, warning: str = "ImmutableList object is immutable.", **kwargs):
        self = tuple.__new__(cls, *args, **kwargs)
        self.warning = warning
        return self

    def complain(self, *args: Any, **kwargs: Any):
        raise AttributeError(self.warning)

    __delitem__ = complain
    __delslice__ = complain
    __iadd__ = complain
    __imul__ = complain
    __setitem__ = complain
    __setslice__ = complain
    append = complain
    extend = complain
    insert = complain
    pop = complain
    remove = complain
    sort = complain
    reverse = complain


class CaseInsensitiveMapping(Mapping):
    """A read-only mapping with case-insensitive string keys that keeps their case.

    >>> m = CaseInsensitiveMapping({"Accept": "text/html"})
    >>> m["accept"]
    'text/html'
    """

    def __init__(self, data: Any):
        self._store = {k.lower(): (k, v) for k, v in self._unpack_items(data)}

    def __getitem__(self, key: str) -> Any:
        return self._store[key.lower()][1]

    def __len__(self) -> int:
        return len(self._store)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and {k.lower(): v for k, v in self.items()} == {
            k.lower(): v for k, v in other.items()
        }

    def __iter__(self) -> Iterator[str]:
        return (original for original, _ in self._store.values())

    def __repr__(self) -> str:
        return repr(dict(self._store.values()))

    def copy(self) -> CaseInsensitiveMapping:
        return self

    @staticmethod
    def _unpack_items(data: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(data, Mapping):
            yield from data.items()
            return
        for i, elem in enumerate(data):
            if len(elem) != 2:
                raise ValueError(
                    f"dictionary update sequence element #{i} has length {len(elem)}; "
                    "2 is required."
                )
            if not isinstance(elem[0], str):
                raise ValueError(f"Element key {elem[0]!r} invalid, only strings are allowed")
            yield elem


class DictWrapper(dict):
    """A dict whose values, looked up as ``prefix + key``, go through ``func``.

    Used to quote values when formatting ``"%(qn_name)s"``-style templates.
    """

    def __init__(self, data: Any, func: Any, prefix: str):
        super().__init__(data)
        self.func = func
        self.prefix = prefix

    def __getitem__(self, key: str) -> Any:
        use_func = key.startswith(self.prefix)
        value = super().__getitem__(key.removeprefix(self.prefix))
        return self.func(value) if use_func else value
