"""Route patterns: ``RoutePattern`` (``path()`` syntax) and ``RegexPattern`` (``re_path()``).

A pattern turns a path into ``(remaining path, args, kwargs)`` or None, and exposes
``regex`` (its compiled regular expression), ``converters`` and ``literal_prefix``: the
text every path it matches starts with (None when unknown), which the resolvers' dispatch
index uses to skip patterns that cannot match.
"""

from __future__ import annotations

import re
import string
from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.urls.converters import get_converter

_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
_WHITESPACE = frozenset(string.whitespace)
# Characters that end the literal head of a regex; a quantifier also takes back the
# character before it ("^ab?c": the head is "a").
_REGEX_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_QUANTIFIERS = frozenset("*+?{")


def _route_to_regex(route: str, is_endpoint: bool) -> tuple[str, dict[str, Any]]:
    """Translate ``route`` into a regex string and its converters by parameter name."""
    parts = ["^"]
    converters: dict[str, Any] = {}
    previous_end = 0
    for match in _PARAMETER.finditer(route):
        if not _WHITESPACE.isdisjoint(match.group()):
            raise ImproperlyConfigured(
                f"URL route {route!r} cannot contain whitespace in angle brackets <…>."
            )
        raw_converter, parameter = match.groups(default="str")
        if not parameter.isidentifier():
            raise ImproperlyConfigured(
                f"URL route {route!r} uses parameter name {parameter!r} which isn't a valid "
                f"Python identifier."
            )
        if parameter in converters:
            raise ImproperlyConfigured(
                f"URL route {route!r} uses parameter name {parameter!r} twice; give each "
                f"parameter its own name."
            )
        try:
            converter = get_converter(raw_converter)
        except KeyError:
            raise ImproperlyConfigured(
                f"URL route {route!r} uses invalid converter {raw_converter!r}. Use one of "
                f"int, path, slug, str, uuid, or register it with register_converter() "
                f"before the URLconf is imported."
            ) from None
        converters[parameter] = converter
        parts.append(_escape_literal(route, route[previous_end : match.start()]))
        previous_end = match.end()
        parts.append(f"(?P<{parameter}>{converter.regex})")
    parts.append(_escape_literal(route, route[previous_end:]))
    if is_endpoint:
        parts.append(r"\Z")
    return "".join(parts), converters


def _escape_literal(route: str, text: str) -> str:
    if "<" in text or ">" in text:
        raise ImproperlyConfigured(
            f"URL route {route!r} contains an unmatched '<' or '>'. Parameters are written "
            f"<converter:name>, e.g. <int:pk>."
        )
    return re.escape(text)


def _compile(regex: str, culprit: object) -> re.Pattern:
    try:
        return re.compile(regex)
    except re.error as exc:
        raise ImproperlyConfigured(
            f"{str(culprit)!r} is not a valid regular expression: {exc}"
        ) from exc


def _startswith_slash_warning(pattern: Any, text: str) -> list:
    """urls.W002: a leading "/" never matches (the root resolver consumes it)."""
    from framework.conf import settings

    if not settings.APPEND_SLASH:
        return []  # without APPEND_SLASH a leading slash can be deliberate
    if text.startswith(("/", "^/", "^\\/")) and not text.endswith("/"):
        from framework.core.checks.messages import Warning

        return [
            Warning(
                f"Your URL pattern {pattern.describe()} has a route beginning with a '/'. "
                f"Remove this slash as it is unnecessary. If this pattern is targeted in an "
                f"include(), ensure the include() pattern has a trailing '/'.",
                id="urls.W002",
            )
        ]
    return []


def _regex_literal_prefix(regex: str) -> str | None:
    """The literal text every match of an anchored ``regex`` starts with (None: unanchored)."""
    if not regex.startswith("^"):
        return None
    if "|" in regex:
        return ""
    chars: list[str] = []
    i, end = 1, len(regex)
    while i < end:
        ch = regex[i]
        if ch == "\\":
            if i + 1 >= end or regex[i + 1].isalnum():
                break  # \d, \w, \Z, backreferences: not a literal
            ch = regex[i + 1]
            i += 2
        elif ch in _REGEX_SPECIAL:
            if ch in _QUANTIFIERS and chars:
                chars.pop()
            break
        else:
            i += 1
        if i < end and regex[i] in _QUANTIFIERS:
            break  # this character is quantified: it may be absent or repeated
        chars.append(ch)
    return "".join(chars)


class RoutePattern:
    """A ``path()`` route such as ``"articles/<int:year>/"``."""

    def __init__(self, route: str, name: str | None = None, is_endpoint: bool = False):
        self._route = route
        self._route_str = str(route)
        self._is_endpoint = is_endpoint
        self.name = name
        regex, self.converters = _route_to_regex(self._route_str, is_endpoint)
        self.regex = _compile(regex, route)
        cut = self._route_str.find("<")
        self.literal_prefix: str | None = self._route_str if cut < 0 else self._route_str[:cut]
        # An endpoint route without parameters is matched by string equality.
        self.is_literal = is_endpoint and not self.converters

    def match(self, path: str) -> tuple[str, tuple, dict[str, Any]] | None:
        """``(remaining path, (), kwargs)`` when ``path`` matches, else None."""
        if self.converters:
            match = self.regex.match(path)
            if match is None:
                return None
            kwargs = match.groupdict()
            converters = self.converters
            for key, value in kwargs.items():
                try:
                    kwargs[key] = converters[key].to_python(value)
                except ValueError:
                    return None
            return path[match.end() :], (), kwargs
        route = self._route_str
        if self._is_endpoint:
            return ("", (), {}) if path == route else None
        if path.startswith(route):
            return path[len(route) :], (), {}
        return None

    def check(self) -> list:
        """System-check warnings for this route (hard errors are raised at definition)."""
        warnings = _startswith_slash_warning(self, self.regex.pattern)
        route = self._route_str
        if "(?P<" in route or route.startswith("^") or route.endswith("$"):
            from framework.core.checks.messages import Warning

            warnings.append(
                Warning(
                    f"Your URL pattern {self.describe()} has a route that contains '(?P<', "
                    f"begins with a '^', or ends with a '$'. This was likely an oversight "
                    f"when migrating to path(); use re_path() for regular expressions.",
                    id="2_0.W001",
                )
            )
        return warnings

    def describe(self) -> str:
        """``'route' [name='...']`` for reprs and error pages."""
        return f"'{self}' [name='{self.name}']" if self.name else f"'{self}'"

    def __str__(self) -> str:
        return self._route_str

    def __repr__(self) -> str:
        return f"<RoutePattern {self._route_str!r}>"


class RegexPattern:
    """A ``re_path()`` regular expression such as ``r"^articles/(?P<year>[0-9]{4})/$"``."""

    def __init__(self, regex: str, name: str | None = None, is_endpoint: bool = False):
        self._regex = regex
        self._is_endpoint = is_endpoint
        self.name = name
        self.converters: dict[str, Any] = {}
        self.regex = _compile(str(regex), regex)
        self._groups = self.regex.groups
        pattern = self.regex.pattern
        # "$" also matches before a final newline; an endpoint must match the whole path.
        self._fullmatch = is_endpoint and pattern.endswith("$")
        self.literal_prefix = _regex_literal_prefix(pattern)
        self.is_literal = False

    def match(self, path: str) -> tuple[str, tuple, dict[str, Any]] | None:
        """``(remaining path, args, kwargs)`` when ``path`` matches, else None.

        Named groups become kwargs (unmatched optional ones are left out); without named
        groups, the groups are passed as positional args.
        """
        match = self.regex.fullmatch(path) if self._fullmatch else self.regex.search(path)
        if match is None:
            return None
        if not self._groups:  # e.g. the root resolver's "^/"
            return path[match.end() :], (), {}
        kwargs = match.groupdict()
        args = () if kwargs else match.groups()
        if kwargs:
            kwargs = {k: v for k, v in kwargs.items() if v is not None}
        return path[match.end() :], args, kwargs

    def check(self) -> list:
        """System-check warnings for this regex (hard errors are raised at definition)."""
        warnings = _startswith_slash_warning(self, self.regex.pattern)
        if (
            not self._is_endpoint
            and self.regex.pattern.endswith("$")
            and not (self.regex.pattern.endswith("\\$"))
        ):
            from framework.core.checks.messages import Warning

            warnings.append(
                Warning(
                    f"Your URL pattern {self.describe()} uses include with a route ending "
                    f"with a '$'. Remove the dollar from the route to avoid problems "
                    f"including URLs.",
                    id="urls.W001",
                )
            )
        return warnings

    def describe(self) -> str:
        """``'regex' [name='...']`` for reprs and error pages."""
        return f"'{self}' [name='{self.name}']" if self.name else f"'{self}'"

    def __str__(self) -> str:
        return str(self._regex)

    def __repr__(self) -> str:
        return f"<RegexPattern {str(self._regex)!r}>"
