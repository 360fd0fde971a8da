"""``Media``: the CSS and JavaScript a widget or form needs (Django's ``forms.Media``).

Declare it with an inner ``class Media`` (``css = {"all": [...]}``, ``js = [...]``)
on a widget or form; ``form.media`` combines the media of every widget, keeping
each list's relative order, and renders ``<link>`` and ``<script>`` tags.
"""

from __future__ import annotations

import warnings
from itertools import chain, pairwise
from typing import Any

from markupsafe import Markup

from framework.utils.html import format_html

__all__ = ["Media", "MediaDefiningClass", "MediaOrderConflictWarning"]

MEDIA_TYPES = ("css", "js")


class MediaOrderConflictWarning(RuntimeWarning):
    """Two media lists ask for the same files in opposite orders."""


class Media:
    """CSS (per medium) and JS files, merged in order and rendered as tags."""

    def __init__(self, media: Any = None, css: dict | None = None, js: Any = None):
        if media is not None:
            css = getattr(media, "css", {})
            js = getattr(media, "js", [])
        self._css_lists = [css or {}]
        self._js_lists = [list(js or [])]

    def __repr__(self) -> str:
        return f"Media(css={self._css!r}, js={self._js!r})"

    def __str__(self) -> str:
        return self.render()

    __html__ = __str__

    @property
    def _css(self) -> dict[str, list]:
        media = sorted({medium for css in self._css_lists for medium in css})
        return {
            medium: self.merge(*(css.get(medium, []) for css in self._css_lists))
            for medium in media
        }

    @property
    def _js(self) -> list:
        return self.merge(*self._js_lists)

    def render(self) -> Markup:
        """``<link>`` tags (by medium), then ``<script>`` tags."""
        return Markup("\n").join(chain(self.render_css(), self.render_js()))

    def render_js(self) -> list[Markup]:
        return [
            Markup(path.__html__())
            if hasattr(path, "__html__")
            else format_html('<script src="{}"></script>', self.absolute_path(path))
            for path in self._js
        ]

    def render_css(self) -> list[Markup]:
        css = self._css
        return [
            Markup(path.__html__())
            if hasattr(path, "__html__")
            else format_html(
                '<link href="{}" media="{}" rel="stylesheet">', self.absolute_path(path), medium
            )
            for medium in css
            for path in css[medium]
        ]

    def absolute_path(self, path: str) -> str:
        """Absolute URLs and paths as given; others through ``static()``."""
        if path.startswith(("http://", "https://", "/")):
            return path
        from framework.template.defaultglobals import static

        return static(path)

    def __getitem__(self, name: str) -> Media:
        if name in MEDIA_TYPES:
            return Media(**{name: getattr(self, "_" + name)})
        raise KeyError(f"Unknown media type {name!r}; use 'css' or 'js'.")

    @staticmethod
    def merge(*lists: Any) -> list:
        """Merge lists keeping each one's relative order; warn if two orders conflict.

        Among the files whose predecessors are placed, the one seen first goes next.
        """
        order = list(dict.fromkeys(chain.from_iterable(filter(None, lists))))
        after: dict[Any, set] = {item: set() for item in order}
        for items in filter(None, lists):
            for previous, item in pairwise(items):
                if previous != item:
                    after[item].add(previous)
        result: list = []
        placed: set = set()
        remaining = order
        while remaining:
            ready = next((item for item in remaining if after[item] <= placed), None)
            if ready is None:
                warnings.warn(
                    f"Detected conflicting media order between {lists!r}; keeping first use.",
                    MediaOrderConflictWarning,
                    stacklevel=2,
                )
                return order
            result.append(ready)
            placed.add(ready)
            remaining = [item for item in remaining if item != ready]
        return result

    def __add__(self, other: Media) -> Media:
        combined = Media()
        combined._css_lists = self._css_lists[:]
        combined._js_lists = self._js_lists[:]
        for item in other._css_lists:
            if item and item not in self._css_lists:
                combined._css_lists.append(item)
        for item in other._js_lists:
            if item and item not in self._js_lists:
                combined._js_lists.append(item)
        return combined


def _media_property(cls: type) -> property:
    def _media(self: Any) -> Media:
        # The parent class's media, unless the inner Media says extend = False.
        parent = super(cls, self)
        base = parent.media if hasattr(parent, "media") else Media()
        definition = cls.__dict__.get("Media")
        if definition is None:
            return base
        extend = getattr(definition, "extend", True)
        if extend is True:
            media = base
        else:
            media = Media()
            for medium in extend or ():
                media = media + base[medium]
        return media + Media(definition)

    return property(_media)


class MediaDefiningClass(type):
    """Metaclass giving classes with an inner ``Media`` a ``media`` property."""

    def __new__(mcs, name: str, bases: tuple, attrs: dict) -> type:
        new_class = super().__new__(mcs, name, bases, attrs)
        if "media" not in attrs:
            new_class.media = _media_property(new_class)
        return new_class
