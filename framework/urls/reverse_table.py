"""The reverse side of a resolver: name -> candidate URLs, precomputed once.

``build_tables(resolver)`` walks a resolver's patterns once and returns Django's three
lookups: ``reverse_dict`` (a URL name or view callable -> ``Candidate`` list),
``namespace_dict`` (instance namespace -> ``(regex prefix, resolver, prefix converters)``)
and ``app_dict`` (application namespace -> instance namespaces). As in Django, the
patterns are visited last to first, so when several patterns share a name, ``reverse()``
tries the last one first, and a namespace defined twice resolves to its first definition.
"""

from __future__ import annotations

import re
from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.urls._normalize import normalize


class Candidate:
    """One reversible pattern: its format-string variants, regex, defaults and converters."""

    __slots__ = ("options", "pattern", "defaults", "converters", "_regex")

    def __init__(
        self,
        options: tuple[tuple[str, tuple[str, ...]], ...],
        pattern: str,
        defaults: dict[str, Any],
        converters: dict[str, Any],
    ):
        self.options = options
        self.pattern = pattern
        self.defaults = defaults
        self.converters = converters
        self._regex: re.Pattern | None = None

    @property
    def regex(self) -> re.Pattern:
        """The full pattern (without ``^``), compiled on first reverse."""
        if self._regex is None:
            try:
                self._regex = re.compile(self.pattern)
            except re.error as exc:
                raise ImproperlyConfigured(
                    f"The URL pattern {self.pattern!r} (an include() prefix joined with an "
                    f"included pattern) is not a valid regular expression: {exc}. Rename "
                    f"the parameters so that the prefix and the pattern don't share names."
                ) from exc
        return self._regex

    def __repr__(self) -> str:
        return f"<Candidate {self.pattern!r}>"


def build_tables(resolver: Any) -> tuple[dict, dict, dict]:
    """``(reverse_dict, namespace_dict, app_dict)`` for ``resolver``."""
    from framework.urls.resolvers import URLPattern

    lookups: dict[Any, list[Candidate]] = {}
    namespaces: dict[str, tuple[str, Any, dict[str, Any]]] = {}
    apps: dict[str, list[str]] = {}
    own_converters = resolver.pattern.converters
    for url_pattern in reversed(resolver.url_patterns):
        p_pattern = url_pattern.pattern.regex.pattern.removeprefix("^")
        if isinstance(url_pattern, URLPattern):
            candidate = Candidate(
                normalize(url_pattern.pattern.regex.pattern),
                p_pattern,
                url_pattern.default_args,
                url_pattern.pattern.converters,
            )
            lookups.setdefault(url_pattern.callback, []).append(candidate)
            if url_pattern.name is not None:
                lookups.setdefault(url_pattern.name, []).append(candidate)
            continue
        include_converters = url_pattern.pattern.converters
        if url_pattern.namespace:
            namespaces[url_pattern.namespace] = (p_pattern, url_pattern, dict(include_converters))
            if url_pattern.app_name:
                apps.setdefault(url_pattern.app_name, []).append(url_pattern.namespace)
            continue
        for name, candidates in url_pattern.reverse_dict.items():
            for sub in candidates:
                joined = p_pattern + sub.pattern
                lookups.setdefault(name, []).append(
                    Candidate(
                        normalize(joined),
                        joined,
                        {**sub.defaults, **url_pattern.default_kwargs},
                        {**own_converters, **include_converters, **sub.converters},
                    )
                )
        for namespace, (prefix, sub_resolver, converters) in url_pattern.namespace_dict.items():
            namespaces[namespace] = (
                p_pattern + prefix,
                sub_resolver,
                {**include_converters, **converters},
            )
        for app_name, namespace_list in url_pattern.app_dict.items():
            apps.setdefault(app_name, []).extend(namespace_list)
    return lookups, namespaces, apps
