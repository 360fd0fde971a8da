"""Resolution: ``URLPattern``, ``URLResolver``, ``ResolverMatch`` and ``get_resolver()``.

``URLResolver.resolve(path)`` follows Django's algorithm (first match in definition
order wins, nested includes, kwargs merging, ``tried`` lists) but consults a
``DispatchIndex`` instead of trying every pattern, and builds the ``ResolverMatch`` once
at the top instead of once per nesting level. ``ResolverMatch.tried`` is computed on
first access by the plain linear walk, so the fast path pays nothing for it.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from types import ModuleType
from typing import Any
from urllib.parse import quote

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured, ViewDoesNotExist
from framework.urls.converters import DEFAULT_CONVERTERS
from framework.urls.dispatch import DispatchIndex
from framework.urls.exceptions import NoReverseMatch, Resolver404
from framework.urls.match import ResolverMatch as ResolverMatch
from framework.urls.match import _NotFound
from framework.urls.patterns import RegexPattern as RegexPattern
from framework.urls.patterns import RoutePattern as RoutePattern
from framework.urls.reverse_table import build_tables
from framework.urls.utils import get_callable

# Characters left unquoted in reversed URLs: RFC 3986 sub-delims plus the rest of pchar.
_SAFE = "!$&'()*+,;=" + "/~:@"
_ERROR_VIEWS = {
    400: "bad_request",
    403: "permission_denied",
    404: "page_not_found",
    500: "server_error",
}


class URLPattern:
    """A route to a view: what ``path()`` and ``re_path()`` return for a callable."""

    def __init__(
        self,
        pattern: Any,
        callback: Any,
        default_args: dict[str, Any] | None = None,
        name: str | None = None,
    ):
        self.pattern = pattern
        self.callback = callback
        self.default_args = default_args or {}
        self.name = name
        self._route = str(pattern)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.pattern.describe()}>"

    def check(self) -> list:
        """System-check warnings (the hard errors are raised by ``path()`` itself)."""
        warnings = self.pattern.check()
        if self.name is not None and ":" in self.name:
            from framework.core.checks.messages import Warning

            warnings.append(
                Warning(
                    f"Your URL pattern {self.pattern.describe()} has a name including a ':'. "
                    f"Remove the colon, to avoid ambiguous namespace references.",
                    id="urls.W003",
                )
            )
        return warnings

    def _match(self, path: str) -> tuple | None:
        found = self.pattern.match(path)
        if found is None:
            return None
        _, args, captured = found
        default_args = self.default_args
        kwargs = {**captured, **default_args} if default_args else captured.copy()
        return (self.callback, args, kwargs, self.name, [], [], self._route, captured,
                default_args)  # fmt: skip

    def resolve(self, path: str) -> ResolverMatch | None:
        """A ``ResolverMatch`` if ``path`` matches this pattern entirely, else None."""
        found = self._match(path)
        return None if found is None else ResolverMatch(*found[:7], None, *found[7:])

    @functools.cached_property
    def lookup_str(self) -> str:
        """The dotted path of the view (of the wrapped function for a partial)."""
        callback = self.callback
        if isinstance(callback, functools.partial):
            callback = callback.func
        if hasattr(callback, "view_class"):
            callback = callback.view_class
        elif not hasattr(callback, "__name__"):
            return f"{callback.__module__}.{type(callback).__qualname__}"
        return f"{callback.__module__}.{callback.__qualname__}"


class URLResolver:
    """A set of patterns below a prefix: what ``path(..., include(...))`` returns."""

    def __init__(
        self,
        pattern: Any,
        urlconf_name: Any,
        default_kwargs: dict[str, Any] | None = None,
        app_name: str | None = None,
        namespace: str | None = None,
    ):
        self.pattern = pattern
        # A dotted module path, a module, or a list of patterns.
        self.urlconf_name = urlconf_name
        self.callback = None
        self.default_kwargs = default_kwargs or {}
        self.namespace = namespace
        self.app_name = app_name
        self._index: DispatchIndex | None = None
        self._tables: tuple[dict, dict, dict] | None = None
        # Path -> the parts of its ResolverMatch, for paths that matched a chain of literal
        # routes (see _remember()).
        self._literal_hits: dict[str, tuple] = {}
        self._deterministic: bool | None = None

    def __repr__(self) -> str:
        if isinstance(self.urlconf_name, list) and self.urlconf_name:
            urlconf_repr = f"<{type(self.urlconf_name[0]).__name__} list>"
        else:
            urlconf_repr = repr(self.urlconf_name)
        return (
            f"<{type(self).__name__} {urlconf_repr} ({self.app_name}:{self.namespace}) "
            f"{self.pattern.describe()}>"
        )

    def check(self) -> list:
        """System-check messages for this resolver itself (not its patterns): its
        pattern's warnings and the URLconf's custom ``handler<code>`` views."""
        return [*self.pattern.check(), *self._check_custom_error_handlers()]

    def _check_custom_error_handlers(self) -> list:
        if not isinstance(self.urlconf_name, (str, ModuleType)):
            return []
        from framework.core.checks.messages import Error

        messages = []
        # handler500 takes (request); the others (request, exception).
        for status_code, num_parameters in ((400, 2), (403, 2), (404, 2), (500, 1)):
            path = getattr(self.urlconf_module, f"handler{status_code}", None)
            if not path:
                continue
            try:
                handler = get_callable(path)
            except (ImportError, ViewDoesNotExist) as exc:
                messages.append(
                    Error(
                        f"The custom handler{status_code} view '{path}' could not be imported.",
                        hint=str(exc),
                        id="urls.E008",
                    )
                )
                continue
            try:
                inspect.signature(handler).bind(*([None] * num_parameters))
            except TypeError:
                arguments = "request, exception" if num_parameters == 2 else "request"
                name = f"{handler.__module__}.{getattr(handler, '__qualname__', handler)}"
                messages.append(
                    Error(
                        f"The custom handler{status_code} view '{name}' does not take the "
                        f"correct number of arguments ({arguments}).",
                        id="urls.E007",
                    )
                )
        return messages

    @functools.cached_property
    def urlconf_module(self) -> Any:
        """The URLconf module (imported on first use), or the list of patterns."""
        if isinstance(self.urlconf_name, str):
            return importlib.import_module(self.urlconf_name)
        return self.urlconf_name

    @functools.cached_property
    def url_patterns(self) -> list:
        """The URLconf's ``urlpatterns`` (or the list given to ``include()``)."""
        patterns = getattr(self.urlconf_module, "urlpatterns", self.urlconf_module)
        try:
            iter(patterns)
        except TypeError as exc:
            raise ImproperlyConfigured(
                f"The included URLconf {self.urlconf_name!r} does not appear to have any "
                f"patterns in it. If you see the 'urlpatterns' variable with valid patterns "
                f"in the file then the issue is probably caused by a circular import."
            ) from exc
        for url_pattern in patterns:
            if not isinstance(url_pattern, (URLPattern, URLResolver)):
                raise ImproperlyConfigured(
                    f"Your URL pattern {url_pattern!r} in {self.urlconf_name!r} is invalid. "
                    f"Ensure that urlpatterns is a list of path() and/or re_path() instances."
                )
        return patterns

    # ---------------------------------------------------------------- resolving

    def _get_index(self) -> DispatchIndex:
        index = self._index
        if index is None:
            index = self._index = DispatchIndex(self.url_patterns)
        return index

    def _match(self, path: str) -> tuple | None:
        found = self.pattern.match(path)
        if found is None:
            return None
        new_path, args, captured = found
        index = self._index or self._get_index()
        hit = index.exact.get(new_path)
        if hit is not None:
            before, literal = hit
            for url_pattern in before:
                sub = url_pattern._match(new_path)
                if sub is not None:
                    return self._join(url_pattern, sub, args, captured)
            return self._join(literal, literal._match(new_path), args, captured)
        for url_pattern in index.candidates(new_path):
            sub = url_pattern._match(new_path)
            if sub is not None:
                return self._join(url_pattern, sub, args, captured)
        return None

    def _join(self, url_pattern: Any, sub: tuple, args: tuple, captured: dict) -> tuple:
        func, sub_args, sub_kwargs, url_name, app_names, namespaces, route, sub_captured, extra = (
            sub
        )
        defaults = self.default_kwargs
        if captured or defaults:
            kwargs = {**captured, **defaults, **sub_kwargs}
            if defaults:
                extra = {**defaults, **extra}
        else:
            kwargs = sub_kwargs
        # With any named argument, unnamed groups are ignored, as in Django.
        if not kwargs:
            sub_args = args + sub_args
        if isinstance(url_pattern, URLResolver):
            prefix = str(url_pattern.pattern)
            route = prefix + route.removeprefix("^") if prefix else route
        return (func, sub_args, kwargs, url_name, [self.app_name, *app_names],
                [self.namespace, *namespaces], route, sub_captured, extra)  # fmt: skip

    def _walk(self, path: str) -> tuple[bool, list | None]:
        """Django's linear resolution, for the ``tried`` lists: ``(matched, tried)``."""
        found = self.pattern.match(path)
        if found is None:
            return False, None
        new_path = found[0]
        tried: list = []
        for url_pattern in self.url_patterns:
            if isinstance(url_pattern, URLResolver):
                matched, sub_tried = url_pattern._walk(new_path)
                if sub_tried is None:
                    tried.append([url_pattern])
                else:
                    tried.extend([url_pattern, *chain] for chain in sub_tried)
            else:
                matched = url_pattern._match(new_path) is not None
                tried.append([url_pattern])
            if matched:
                return True, tried
        return False, tried

    def resolve(self, path: Any) -> ResolverMatch:
        """The ``ResolverMatch`` for ``path``; raises ``Resolver404`` when nothing matches."""
        path = str(path)  # may be a reverse_lazy() value
        hit = self._literal_hits.get(path)
        if hit is not None:
            func, kwargs, url_name, app_names, namespaces, route, extra = hit
            match = ResolverMatch(func, (), kwargs.copy(), url_name, app_names, namespaces,
                                  route, None, {}, extra)  # fmt: skip
            match._tried_from = (self, path)
            return match
        found = self._match(path)
        if found is None:
            found = self.pattern.match(path)
            if found is None:
                raise Resolver404({"path": path})
            raise Resolver404(_NotFound(self, path, found[0]))
        match = ResolverMatch(*found[:7], None, *found[7:])
        match._tried_from = (self, path)
        if not found[1] and not found[7] and found[6] == path[1:] and path[:1] == "/":
            self._remember(path, found)
        return match

    def _remember(self, path: str, found: tuple) -> None:
        # A path whose match captured nothing and whose route, joined along the chain, is the
        # path itself resolves the same way every time, provided every pattern in the tree
        # is a plain route or regex with the built-in converters (a custom converter's
        # to_python() may answer differently later). There is one such path per literal
        # route, so the dict stays as small as the URLconf.
        if self._deterministic is None:
            self._deterministic = (
                type(self.pattern) is RegexPattern
                and self.pattern.regex.pattern == "^/"
                and _deterministic_tree(self)
            )
        if not self._deterministic:
            return
        func, _, kwargs, url_name, app_names, namespaces, route, _, extra = found
        self._literal_hits[path] = (func, kwargs.copy(), url_name, app_names, namespaces,
                                    route, extra)  # fmt: skip

    def resolve_error_handler(self, view_type: int) -> Any:
        """The view for error ``view_type`` (400, 403, 404, 500).

        ``handler<code>`` of the URLconf module when set, else the framework's default
        in ``framework.views.defaults``.
        """
        callback = getattr(self.urlconf_module, f"handler{view_type}", None)
        if not callback:
            from framework.views import defaults

            callback = getattr(defaults, _ERROR_VIEWS[view_type])
        return get_callable(callback)

    # ---------------------------------------------------------------- reversing

    def _get_tables(self) -> tuple[dict, dict, dict]:
        tables = self._tables
        if tables is None:
            tables = self._tables = build_tables(self)
        return tables

    @property
    def reverse_dict(self) -> dict:
        """URL name or view callable -> reverse candidates, last-defined first."""
        return (self._tables or self._get_tables())[0]

    @property
    def namespace_dict(self) -> dict:
        """Instance namespace -> ``(regex prefix, resolver, prefix converters)``."""
        return (self._tables or self._get_tables())[1]

    @property
    def app_dict(self) -> dict:
        """Application namespace -> its instance namespaces."""
        return (self._tables or self._get_tables())[2]

    def reverse(self, lookup_view: Any, *args: Any, **kwargs: Any) -> str:
        """The URL (without script prefix) for ``lookup_view`` with these arguments."""
        return self._reverse_with_prefix(lookup_view, "", *args, **kwargs)

    def _reverse_with_prefix(self, lookup_view: Any, _prefix: str, *args: Any, **kwargs: Any):
        if args and kwargs:
            raise ValueError("Don't mix *args and **kwargs in call to reverse()!")
        possibilities = self.reverse_dict.get(lookup_view, ())
        for candidate in possibilities:
            converters = candidate.converters
            defaults = candidate.defaults
            for result, params in candidate.options:
                if args:
                    if len(args) != len(params):
                        continue
                    subs = dict(zip(params, args))
                else:
                    if set(kwargs).symmetric_difference(params).difference(defaults):
                        continue
                    # A default that is not a parameter must be matched, or left out.
                    if any(
                        kwargs.get(key, value) != value
                        for key, value in defaults.items()
                        if key not in params
                    ):
                        continue
                    subs = kwargs
                text_subs = {}
                try:
                    for key, value in subs.items():
                        converter = converters.get(key)
                        text_subs[key] = (
                            str(value) if converter is None else converter.to_url(value)
                        )
                except ValueError:
                    continue
                url = result % text_subs
                # The filled-in URL must still match the pattern (a str value with a
                # "/" in it must not produce a URL that resolves elsewhere).
                if candidate.regex.match(url):
                    url = quote(_prefix + url, safe=_SAFE)
                    # Never produce a scheme-relative URL ("//evil.example").
                    if url.startswith("//"):
                        url = "/%2F" + url[2:]
                    return url
        module = getattr(lookup_view, "__module__", None)
        name = getattr(lookup_view, "__name__", None)
        shown = f"{module}.{name}" if module is not None and name is not None else lookup_view
        patterns = [candidate.pattern for candidate in possibilities]
        if patterns:
            if args:
                arguments = f"arguments '{args}'"
            elif kwargs:
                arguments = f"keyword arguments '{kwargs}'"
            else:
                arguments = "no arguments"
            message = (
                f"Reverse for '{shown}' with {arguments} not found. "
                f"{len(patterns)} pattern(s) tried: {patterns}"
            )
        else:
            message = (
                f"Reverse for '{shown}' not found. '{shown}' is not a valid view function "
                f"or pattern name."
            )
        raise NoReverseMatch(message)


_BUILTIN_CONVERTERS = frozenset(type(converter) for converter in DEFAULT_CONVERTERS.values())


def _deterministic_tree(resolver: URLResolver) -> bool:
    """Whether every pattern below ``resolver`` matches a path the same way each time:
    plain routes and regexes, with only the built-in converters."""
    try:
        patterns = resolver.url_patterns
    except (ImproperlyConfigured, ImportError):
        return False
    for url_pattern in patterns:
        pattern = url_pattern.pattern
        if type(pattern) not in (RoutePattern, RegexPattern):
            return False
        if any(type(c) not in _BUILTIN_CONVERTERS for c in pattern.converters.values()):
            return False
        if isinstance(url_pattern, URLResolver) and not _deterministic_tree(url_pattern):
            return False
    return True


def get_resolver(urlconf: Any = None) -> URLResolver:
    """The root resolver of ``urlconf`` (default ``settings.ROOT_URLCONF``), cached."""
    if urlconf is None:
        urlconf = settings.ROOT_URLCONF
    return _get_cached_resolver(urlconf)


@functools.cache
def _get_cached_resolver(urlconf: Any) -> URLResolver:
    return URLResolver(RegexPattern(r"^/"), urlconf)


@functools.cache
def get_ns_resolver(ns_pattern: str, resolver: URLResolver, converters: tuple) -> URLResolver:
    """A root resolver whose patterns are ``resolver``'s behind the namespace prefix."""
    pattern = RegexPattern(ns_pattern)
    pattern.converters = dict(converters)
    ns_resolver = URLResolver(pattern, resolver.url_patterns)
    return URLResolver(RegexPattern(r"^/"), [ns_resolver])
