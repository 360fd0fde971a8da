"""Turn a URL regex into the format strings ``reverse()`` fills in: ``normalize()``.

``normalize("^blog/(?P<year>[0-9]+)/(?:page-(?P<page>[0-9]+)/)?$")`` gives
``[("blog/%(year)s/", ("year",)), ("blog/%(year)s/page-%(page)s/", ("year", "page"))]``:
each capturing group becomes a ``%(name)s`` placeholder (unnamed ones ``%(_0)s``...),
an optional part containing a group yields one variant without it and one with it,
character classes and escapes become a representative character. Alternation (``|``)
is not reversible: such a pattern yields ``[("", ())]``, which no argument set fits.
"""

from __future__ import annotations

import functools
import re

# Representative characters for escapes; None: the escape matches no character.
_ESCAPES = {
    "A": None,
    "b": None,
    "B": None,
    "d": "0",
    "D": "x",
    "s": " ",
    "S": "x",
    "w": "x",
    "W": "!",
    "Z": None,
}
_BRACES = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_INLINE_FLAGS = set("aiLmsux-")


class _Unsupported(Exception):
    pass


class _Group(tuple):
    """A capturing group: ``(format, param name or None for a backreference)``."""


class _NonCapture(list):
    """The items of a ``(?:...)`` group."""


class _Choice(list):
    """Alternatives for a quantified item: None (absent) or the item."""


class _Reader:
    def __init__(self, pattern: str):
        self.s = pattern
        self.i = 0
        self.num_args = 0

    def more(self) -> bool:
        return self.i < len(self.s)

    def raw(self) -> str:
        if self.i >= len(self.s):
            raise _Unsupported
        ch = self.s[self.i]
        self.i += 1
        return ch

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def next(self) -> tuple[str | None, bool]:
        """The next character and whether it was escaped (None: a zero-width escape)."""
        ch = self.raw()
        if ch != "\\":
            return ch, False
        ch = self.raw()
        return _ESCAPES.get(ch, ch), True

    def until(self, terminal: str) -> str:
        end = self.s.find(terminal, self.i)
        if end < 0:
            raise _Unsupported
        text, self.i = self.s[self.i : end], end + 1
        return text

    def char_class(self) -> str:
        """Consume ``[...]`` (the ``[`` is read) and return a representative character."""
        first, _ = self.next()
        if first == "^" and self.peek():
            first, _ = self.next()
        # "]" right after "[" or "[^" is a literal member, not the end.
        ch = None
        while ch != "]":
            ch, escaped = self.next()
            if escaped:
                ch = None
        return first or "x"

    def skip_group(self) -> None:
        """Consume up to the ``)`` closing the group being read."""
        depth = 1
        while depth:
            ch = self.raw()
            if ch == "\\":
                self.raw()
            elif ch == "[":
                self.char_class()
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1

    def quantifier(self, ch: str) -> int | None:
        """The minimum count of the quantifier starting with ``ch`` (None: a literal ``{``)."""
        if ch == "{":
            match = _BRACES.match(self.s, self.i - 1)
            if match is None:
                return None
            self.i = match.end()
            minimum = int(match.group(1) or 0)
        else:
            minimum = 1 if ch == "+" else 0
        if self.peek() in ("?", "+"):  # lazy or possessive: same strings
            self.i += 1
        return minimum


def _contains_group(item: object) -> bool:
    if isinstance(item, _Group):
        return True
    if isinstance(item, list):
        return any(_contains_group(x) for x in item if x is not None)
    return False


def _parse(pattern: str) -> list:
    reader = _Reader(pattern)
    items: list = []
    stack: list[list] = []
    while reader.more():
        ch, escaped = reader.next()
        if ch is None:
            continue
        if escaped:
            items.append(ch)
        elif ch == "|":
            raise _Unsupported
        elif ch == "^":
            continue
        elif ch == "$":
            break
        elif ch == ")":
            if not stack:
                raise _Unsupported
            inner = _NonCapture(items)
            items = stack.pop()
            items.append(inner)
        elif ch == "[":
            items.append(reader.char_class())
        elif ch == "(":
            if _parse_group(reader, items):
                stack.append(items)
                items = []
        elif ch in "*?+{":
            minimum = reader.quantifier(ch)
            if minimum is None:
                items.append(ch)
            elif not items:
                continue
            elif minimum == 0:
                if _contains_group(items[-1]):
                    items[-1] = _Choice([None, items[-1]])
                else:
                    items.pop()
            elif minimum > 1:
                items.extend([items[-1]] * (minimum - 1))
        else:
            items.append(ch)
    while stack:
        inner = _NonCapture(items)
        items = stack.pop()
        items.append(inner)
    return items


def _parse_group(reader: _Reader, items: list) -> bool:
    """Read a group after its ``(``; True when a non-capturing group opens."""
    if reader.peek() != "?":
        name = f"_{reader.num_args}"
        reader.num_args += 1
        reader.skip_group()
        items.append(_Group((f"%({name})s", name)))
        return False
    reader.i += 1
    kind = reader.raw()
    if kind in "=!":
        reader.skip_group()  # lookahead: matches no characters
    elif kind == "<" and reader.peek() in ("=", "!"):
        reader.skip_group()  # lookbehind
    elif kind == "#":
        reader.until(")")
    elif kind == ":":
        return True
    elif kind == "P":
        kind = reader.raw()
        if kind == "<":
            name = reader.until(">")
            reader.skip_group()
            items.append(_Group((f"%({name})s", name)))
        elif kind == "=":
            name = reader.until(")")
            items.append(_Group((f"%({name})s", None)))
        else:
            raise _Unsupported
    elif kind in _INLINE_FLAGS:
        while kind in _INLINE_FLAGS:
            kind = reader.raw()
        if kind == ":":  # scoped flags (?i:...): a non-capturing group
            return True
        if kind != ")":
            raise _Unsupported
    else:
        raise _Unsupported
    return False


def _flatten(items: list) -> list[tuple[str, tuple[str, ...]]]:
    results: list[tuple[str, tuple[str, ...]]] = [("", ())]
    for item in items:
        if isinstance(item, str):
            text = item.replace("%", "%%")
            results = [(fmt + text, params) for fmt, params in results]
            continue
        if isinstance(item, _Group):
            fmt_part, name = item
            extra = (name,) if name is not None else ()
            results = [(fmt + fmt_part, params + extra) for fmt, params in results]
            continue
        if isinstance(item, _Choice):
            options: list[tuple[str, tuple[str, ...]]] = []
            for alternative in item:
                options.extend([("", ())] if alternative is None else _flatten([alternative]))
        else:
            options = _flatten(item)
        results = [(f1 + f2, p1 + p2) for f1, p1 in results for f2, p2 in options]
    return results


@functools.cache
def normalize(pattern: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The ``(format string, parameter names)`` variants that ``pattern`` can match."""
    try:
        return tuple(_flatten(_parse(pattern)))
    except _Unsupported:
        return (("", ()),)
