"""Laziness helpers: ``lazy``, ``SimpleLazyObject``, ``classproperty``."""

from __future__ import annotations

import copy
import functools
import operator
from collections.abc import Callable
from typing import Any

_empty = object()


class cached_property(functools.cached_property):  # noqa: N801 - Django's name
    """``functools.cached_property`` without its per-access lock (as in Python 3.12+).

    Python 3.11's version takes a lock on every first access of every instance: a cost
    per request for request attributes, and a computation racing another thread on the
    same instance is harmless here (the last result wins, as in Django).
    """

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        name = self.attrname
        cache = getattr(instance, "__dict__", None)
        if name is None or cache is None:
            return super().__get__(instance, owner)  # raises the explanatory TypeError
        value = cache.get(name, _empty)
        if value is _empty:
            value = cache[name] = self.func(instance)
        return value


class Promise:
    """Base class of lazily evaluated values (``lazy()``, ``reverse_lazy``)."""


def lazy(func: Callable, *resultclasses: type) -> Callable:
    """Turn ``func`` into one whose call is evaluated only when the result is used."""

    class __proxy__(Promise):
        def __init__(self, args, kw):
            self._args, self._kw = args, kw

        def _eval(self):
            return func(*self._args, **self._kw)

        def __str__(self):
            return str(self._eval())

        def __repr__(self):
            return repr(self._eval())

        def __eq__(self, other):
            if isinstance(other, Promise):
                other = other._eval()
            return self._eval() == other

        def __lt__(self, other):
            if isinstance(other, Promise):
                other = other._eval()
            return self._eval() < other

        def __hash__(self):
            return hash(self._eval())

        def __mod__(self, other):
            return self._eval() % other

        def __add__(self, other):
            return self._eval() + other

        def __radd__(self, other):
            return other + self._eval()

        def __getattr__(self, name):
            if name.startswith("_"):
                raise AttributeError(name)
            return getattr(self._eval(), name)

        def __len__(self):
            return len(self._eval())

        def __iter__(self):
            return iter(self._eval())

        def __contains__(self, item):
            return item in self._eval()

        def __html__(self):
            value = self._eval()
            return value.__html__() if hasattr(value, "__html__") else str(value)

        def __fspath__(self):
            return str(self._eval())

    @functools.wraps(func)
    def wrapper(*args, **kw):
        return __proxy__(args, kw)

    return wrapper


def _new_method_proxy(func):
    def inner(self, *args):
        if (wrapped := self._wrapped) is _empty:
            self._setup()
            wrapped = self._wrapped
        return func(wrapped, *args)

    return inner


class SimpleLazyObject:
    """A proxy that builds its object from ``func()`` on first use."""

    def __init__(self, func: Callable[[], Any]):
        self.__dict__["_setupfunc"] = func
        self.__dict__["_wrapped"] = _empty

    def _setup(self):
        self.__dict__["_wrapped"] = self._setupfunc()

    __getattr__ = _new_method_proxy(getattr)

    def __setattr__(self, name, value):
        if name in ("_wrapped", "_setupfunc"):
            self.__dict__[name] = value
        else:
            if self._wrapped is _empty:
                self._setup()
            setattr(self._wrapped, name, value)

    def __delattr__(self, name):
        if self._wrapped is _empty:
            self._setup()
        delattr(self._wrapped, name)

    def __repr__(self):
        if self._wrapped is _empty:
            return f"<{type(self).__name__}: {self._setupfunc!r}>"
        return f"<{type(self).__name__}: {self._wrapped!r}>"

    def __copy__(self):
        if self._wrapped is _empty:
            return type(self)(self._setupfunc)
        return copy.copy(self._wrapped)

    def __deepcopy__(self, memo):
        if self._wrapped is _empty:
            result = type(self)(self._setupfunc)
            memo[id(self)] = result
            return result
        return copy.deepcopy(self._wrapped, memo)

    __bytes__ = _new_method_proxy(bytes)
    __str__ = _new_method_proxy(str)
    __bool__ = _new_method_proxy(bool)
    __dir__ = _new_method_proxy(dir)
    __class__ = property(_new_method_proxy(operator.attrgetter("__class__")))  # type: ignore
    __eq__ = _new_method_proxy(operator.eq)
    __lt__ = _new_method_proxy(operator.lt)
    __gt__ = _new_method_proxy(operator.gt)
    __ne__ = _new_method_proxy(operator.ne)
    __hash__ = _new_method_proxy(hash)
    __getitem__ = _new_method_proxy(operator.getitem)
    __setitem__ = _new_method_proxy(operator.setitem)
    __delitem__ = _new_method_proxy(operator.delitem)
    __iter__ = _new_method_proxy(iter)
    __len__ = _new_method_proxy(len)
    __contains__ = _new_method_proxy(operator.contains)


class classproperty:
    """A read-only property computed on the class."""

    def __init__(self, method: Callable):
        self.fget = method

    def __get__(self, instance, cls=None):
        return self.fget(cls)
