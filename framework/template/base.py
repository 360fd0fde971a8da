"""``Origin``: where a template came from (a file path and the name asked for)."""

from __future__ import annotations

from typing import Any

__all__ = ["UNKNOWN_SOURCE", "Origin"]

UNKNOWN_SOURCE = "<unknown source>"


class Origin:
    """A template's source: ``name`` (a path, or ``<unknown source>``), ``template_name``."""

    def __init__(self, name: str, template_name: str | None = None, loader: Any = None):
        self.name = name
        self.template_name = template_name
        self.loader = loader

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name!r}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Origin) and self.name == other.name and self.loader == other.loader

    def __hash__(self) -> int:
        return hash(self.name)

    @property
    def loader_name(self) -> str | None:
        """Dotted name of the loader class that found the template, if any."""
        if self.loader is None:
            return None
        cls = type(self.loader)
        return f"{cls.__module__}.{cls.__qualname__}"
