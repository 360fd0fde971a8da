"""HTML as a normalised tree, for assertHTMLEqual, assertInHTML and assertContains(html=True).

Parsed with the standard library's ``html.parser``. Normalisation: runs of
whitespace collapse to one space and leading/trailing whitespace of each element
is dropped; attribute order does not matter, nor does the order of the names in
``class``; a boolean attribute equals itself given as a value (``checked`` ==
``checked="checked"``); void elements need no closing tag.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

_WHITESPACE = re.compile(r"\s+")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BOOLEAN_ATTRIBUTES = frozenset(
    "allowfullscreen async autofocus autoplay checked controls default defer disabled "
    "formnovalidate hidden ismap itemscope loop multiple muted nomodule novalidate open "
    "playsinline readonly required reversed selected truespeed".split()
)


def _normalise_attributes(attrs: list[tuple[str, str | None]]) -> tuple:
    result = []
    for name, value in attrs:
        if value is None or (name in _BOOLEAN_ATTRIBUTES and value in ("", name)):
            value = None
        elif name == "class":
            value = " ".join(sorted(value.split()))
        result.append((name, value))
    return tuple(sorted(result, key=lambda item: (item[0], item[1] or "")))


class Element:
    """An element: name, normalised attributes and children (Elements or strings)."""

    def __init__(self, name: str | None, attributes: tuple = ()):
        self.name = name
        self.attributes = attributes
        self.children: list[Any] = []

    def append(self, child: Any) -> None:
        if isinstance(child, str):
            child = _WHITESPACE.sub(" ", child)
            if not child:
                return
            if self.children and isinstance(self.children[-1], str):
                self.children[-1] += child
                return
        elif self.children and isinstance(self.children[-1], str):
            self.children[-1] = self.children[-1].rstrip()
        self.children.append(child)

    def finalise(self) -> None:
        """Strip the whitespace at the edges of the element and of its children."""
        if self.children and isinstance(self.children[0], str):
            self.children[0] = self.children[0].lstrip()
        if self.children and isinstance(self.children[-1], str):
            self.children[-1] = self.children[-1].rstrip()
        cleaned = []
        for index, child in enumerate(self.children):
            if isinstance(child, str):
                if index > 0 and isinstance(self.children[index - 1], Element):
                    child = child.lstrip()
                if not child:
                    continue
            cleaned.append(child)
        self.children = cleaned

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Element):
            return False
        return (
            self.name == other.name
            and self.attributes == other.attributes
            and self.children == other.children
        )

    def __hash__(self) -> int:
        return hash((self.name, self.attributes))

    def _count(self, needle: Any) -> int:
        if isinstance(needle, Element):
            if self == needle:
                return 1
            if needle.name is None and self.children == needle.children:
                return 1
        total = 0
        for child in self.children:
            if isinstance(child, Element):
                total += child._count(needle)
            elif isinstance(needle, str):
                total += child.count(needle)
        return total

    def count(self, needle: Any) -> int:
        """How often ``needle`` (an Element, a fragment root or text) occurs inside."""
        if isinstance(needle, Element) and needle.name is None and len(needle.children) == 1:
            needle = needle.children[0]
            if isinstance(needle, str):
                return self._count(needle)
        return self._count(needle)

    def __contains__(self, needle: Any) -> bool:
        return self.count(needle) > 0

    def __str__(self) -> str:
        inner = "".join(str(child) for child in self.children)
        if self.name is None:
            return inner
        attrs = "".join(
            f" {name}" if value is None else f' {name}="{value}"' for name, value in self.attributes
        )
        if self.name in _VOID and not self.children:
            return f"<{self.name}{attrs}>"
        return f"<{self.name}{attrs}>{inner}</{self.name}>"

    __repr__ = __str__


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element(None)
        self.stack = [self.root]

    def error(self, message: str) -> None:
        raise ValueError(message)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        element = Element(tag, _normalise_attributes(attrs))
        self.stack[-1].append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.stack[-1].append(Element(tag, _normalise_attributes(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        names = [element.name for element in self.stack]
        if tag not in names:
            raise ValueError(f"Unexpected end tag </{tag}> (no open <{tag}> element).")
        while self.stack[-1].name != tag:
            self.stack.pop().finalise()
        self.stack.pop().finalise()

    def handle_data(self, data: str) -> None:
        self.stack[-1].append(data)


def parse_html(html: str) -> Element:
    """Parse ``html`` into a normalised tree; a single top element is returned itself."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    while len(parser.stack) > 1:
        parser.stack.pop().finalise()
    root = parser.root
    root.finalise()
    if len(root.children) == 1 and isinstance(root.children[0], Element):
        return root.children[0]
    return root
