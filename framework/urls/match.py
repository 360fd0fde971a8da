"""``ResolverMatch``: what ``resolve()`` returns, and the lazy payload of ``Resolver404``."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framework.urls.resolvers import URLResolver


class ResolverMatch:
    """The result of ``resolve()``: the view and its arguments, plus where they came from.

    Unpacks as ``func, args, kwargs = resolve(path)``.
    """

    def __init__(
        self,
        func: Any,
        args: tuple,
        kwargs: dict[str, Any],
        url_name: str | None = None,
        app_names: list[str | None] | None = None,
        namespaces: list[str | None] | None = None,
        route: str | None = None,
        tried: list | None = None,
        captured_kwargs: dict[str, Any] | None = None,
        extra_kwargs: dict[str, Any] | None = None,
    ):
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.url_name = url_name
        self.route = route
        self._tried = tried
        self._tried_from: tuple[URLResolver, str] | None = None
        self.captured_kwargs = captured_kwargs
        self.extra_kwargs = extra_kwargs
        # Resolvers without a namespace or app_name contribute None or "": drop them.
        # (any() first: usually nothing is left, and a comprehension is a frame of its own.)
        if app_names and any(app_names):
            self.app_names = [x for x in app_names if x]
            self.app_name = ":".join(self.app_names)
        else:
            self.app_names, self.app_name = [], ""
        if namespaces and any(namespaces):
            self.namespaces = [x for x in namespaces if x]
            self.namespace = ":".join(self.namespaces)
        else:
            self.namespaces, self.namespace = [], ""

    @property
    def tried(self) -> list | None:
        """The pattern chains tried before (and including) the match."""
        if self._tried_from is not None:
            resolver, path = self._tried_from
            self._tried = resolver._walk(path)[1]
            self._tried_from = None
        return self._tried

    @tried.setter
    def tried(self, value: list | None) -> None:
        self._tried, self._tried_from = value, None

    @functools.cached_property
    def _func_path(self) -> str:
        func = getattr(self.func, "view_class", self.func)
        if not hasattr(func, "__name__"):  # a callable instance
            return f"{type(func).__module__}.{type(func).__name__}"
        return f"{func.__module__}.{func.__name__}"

    @functools.cached_property
    def view_name(self) -> str:
        """``namespace:url_name``, or the view's dotted path when the pattern has no name."""
        return ":".join([*self.namespaces, self.url_name or self._func_path])

    def __getitem__(self, index: int) -> Any:
        return (self.func, self.args, self.kwargs)[index]

    def __iter__(self) -> Any:
        # Unpacking (func, args, kwargs = match) would otherwise call __getitem__ four times.
        return iter((self.func, self.args, self.kwargs))

    def __repr__(self) -> str:
        func = repr(self.func) if isinstance(self.func, functools.partial) else self._func_path
        extra = ""
        if self.captured_kwargs:
            extra += f", captured_kwargs={self.captured_kwargs!r}"
        if self.extra_kwargs:
            extra += f", extra_kwargs={self.extra_kwargs!r}"
        return (
            f"ResolverMatch(func={func}, args={self.args!r}, kwargs={self.kwargs!r}, "
            f"url_name={self.url_name!r}, app_names={self.app_names!r}, "
            f"namespaces={self.namespaces!r}, route={self.route!r}{extra})"
        )

    def __reduce_ex__(self, protocol: Any) -> Any:
        import pickle

        raise pickle.PicklingError(f"Cannot pickle {type(self).__qualname__}.")


class _NotFound(dict):
    """``Resolver404``'s ``{"tried": ..., "path": ...}``, with ``tried`` computed on first
    read: only debug pages read it, and on a large URLconf the walk costs more than the
    rest of a 404."""

    def __init__(self, resolver: URLResolver, path: str, remaining: str):
        super().__init__(tried=None, path=remaining)
        self._source: tuple[URLResolver, str] | None = (resolver, path)

    def _fill(self) -> None:
        if self._source is not None:
            resolver, path = self._source
            self._source = None
            dict.__setitem__(self, "tried", resolver._walk(path)[1])

    def __getitem__(self, key: str) -> Any:
        self._fill()
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        self._fill()
        return dict.get(self, key, default)

    def items(self) -> Any:
        self._fill()
        return dict.items(self)

    def values(self) -> Any:
        self._fill()
        return dict.values(self)

    def copy(self) -> dict:
        self._fill()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self._fill()
        return dict.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)
