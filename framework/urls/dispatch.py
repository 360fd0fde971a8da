"""The dispatch index of a resolver: which of its patterns can match a given path.

Django tries a resolver's patterns one by one. With hundreds of routes that linear scan
dominates resolution, so each resolver builds this index once (lazily, on first use):

* a trie keyed by path segment. Every pattern sits at the node of the complete
  segments of its literal prefix (``"articles/<int:year>/"`` under ``articles``; a route
  starting with a parameter, or an unanchored regex, at the root). Each node stores,
  precomputed, the patterns of itself and all its ancestors in definition order, so a
  lookup walks the path's segments and returns one tuple;
* a dict for parameterless endpoint routes: ``path -> (earlier patterns that might
  still match, the route)``. Usually the first part is empty and resolution is a dict
  lookup.

Both keep Django's rule that the first pattern in definition order wins: candidates are
filtered only by a necessary condition (the literal prefix), never reordered.
"""

from __future__ import annotations

from typing import Any


class _Node:
    __slots__ = ("children", "own", "candidates")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.own: list[int] = []
        self.candidates: tuple = ()


class DispatchIndex:
    """Candidate patterns for a path, in definition order."""

    __slots__ = ("_root", "exact", "size")

    def __init__(self, patterns: list[Any]):
        self.size = len(patterns)
        self._root = root = _Node()
        for index, url_pattern in enumerate(patterns):
            prefix = getattr(url_pattern.pattern, "literal_prefix", None) or ""
            node = root
            for segment in prefix.split("/")[:-1]:
                node = node.children.setdefault(segment, _Node())
            node.own.append(index)
        self._fill(root, [], patterns)

        # Parameterless endpoints: the first route per path wins; keep the earlier
        # patterns that are not themselves parameterless endpoints (those can only match
        # their own different path) as the ones to try first.
        self.exact: dict[str, tuple[tuple, Any]] = {}
        for index, url_pattern in enumerate(patterns):
            if not getattr(url_pattern.pattern, "is_literal", False):
                continue
            route = str(url_pattern.pattern)
            if route in self.exact:
                continue
            before = tuple(
                p
                for i, p in self._indexed_candidates(route, patterns)
                if i < index and not getattr(p.pattern, "is_literal", False)
            )
            self.exact[route] = (before, url_pattern)

    def _fill(self, node: _Node, inherited: list[int], patterns: list[Any]) -> None:
        indexes = sorted(inherited + node.own)
        node.candidates = tuple(patterns[i] for i in indexes)
        node.own = indexes  # from here on: the indexes behind ``candidates``
        for child in node.children.values():
            self._fill(child, indexes, patterns)

    def _node_for(self, path: str) -> _Node:
        node = self._root
        for segment in path.split("/")[:-1]:
            child = node.children.get(segment)
            if child is None:
                break
            node = child
        return node

    def _indexed_candidates(self, path: str, patterns: list[Any]) -> list[tuple[int, Any]]:
        return [(i, patterns[i]) for i in self._node_for(path).own]

    def candidates(self, path: str) -> tuple:
        """The patterns that may match ``path``, in definition order."""
        if not self._root.children:
            return self._root.candidates
        return self._node_for(path).candidates

    def __repr__(self) -> str:
        return f"<DispatchIndex {self.size} patterns, {len(self.exact)} literal>"
