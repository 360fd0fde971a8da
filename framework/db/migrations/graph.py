"""MigrationGraph: migrations as nodes, dependencies as edges, plans as walks."""

from __future__ import annotations

from functools import total_ordering
from typing import Any

from framework.db.migrations.exceptions import CircularDependencyError, NodeNotFoundError


@total_ordering
class Node:
    """A migration key ``(app_label, name)`` with its parents and children."""

    def __init__(self, key: tuple[str, str]):
        self.key = key
        self.children: set[Node] = set()
        self.parents: set[Node] = set()

    def __eq__(self, other: object) -> bool:
        return self.key == other

    def __lt__(self, other: Any) -> bool:
        return self.key < other

    def __hash__(self) -> int:
        return hash(self.key)

    def __getitem__(self, item: int) -> str:
        return self.key[item]

    def __str__(self) -> str:
        return str(self.key)

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: ({self.key[0]!r}, {self.key[1]!r})>"

    def add_child(self, child: Node) -> None:
        self.children.add(child)

    def add_parent(self, parent: Node) -> None:
        self.parents.add(parent)


class DummyNode(Node):
    """A dependency nobody provides yet; an error unless a replacement fills it."""

    def __init__(self, key: tuple[str, str], origin: Any, error_message: str):
        super().__init__(key)
        self.origin = origin
        self.error_message = error_message

    def raise_error(self) -> None:
        raise NodeNotFoundError(self.error_message, self.key, origin=self.origin)


class MigrationGraph:
    """The dependency graph of every migration on disk."""

    def __init__(self) -> None:
        self.node_map: dict[tuple[str, str], Node] = {}
        self.nodes: dict[tuple[str, str], Any] = {}

    def add_node(self, key: tuple[str, str], migration: Any) -> None:
        assert key not in self.node_map
        self.node_map[key] = Node(key)
        self.nodes[key] = migration

    def add_dummy_node(self, key: tuple[str, str], origin: Any, error_message: str) -> None:
        self.node_map[key] = DummyNode(key, origin, error_message)
        self.nodes[key] = None

    def add_dependency(
        self, migration: Any, child: tuple, parent: tuple, skip_validation: bool = False
    ) -> None:
        """Record that ``child`` depends on ``parent`` (dummy nodes if either is unknown)."""
        if child not in self.nodes:
            error_message = (
                f"Migration {migration} dependencies reference nonexistent child node {child!r}"
            )
            self.add_dummy_node(child, migration, error_message)
        if parent not in self.nodes:
            error_message = (
                f"Migration {migration} dependencies reference nonexistent parent node "
                f"{parent!r}. Check the migration's dependencies, or create the missing "
                f"migration with makemigrations."
            )
            self.add_dummy_node(parent, migration, error_message)
        self.node_map[child].add_parent(self.node_map[parent])
        self.node_map[parent].add_child(self.node_map[child])
        if not skip_validation:
            self.validate_consistency()

    def remove_replaced_nodes(self, replacement: tuple, replaced: list) -> None:
        """Point every edge of the replaced migrations at their replacement instead."""
        replaced = set(replaced)
        try:
            replacement_node = self.node_map[replacement]
        except KeyError as err:
            raise NodeNotFoundError(
                f"Unable to find replacement node {replacement!r}. It was either never "
                f"added to the migration graph, or has been removed.",
                replacement,
            ) from err
        for replaced_key in replaced:
            self.nodes.pop(replaced_key, None)
            replaced_node = self.node_map.pop(replaced_key, None)
            if replaced_node:
                for child in replaced_node.children:
                    child.parents.remove(replaced_node)
                    if child.key not in replaced:
                        replacement_node.add_child(child)
                        child.add_parent(replacement_node)
                for parent in replaced_node.parents:
                    parent.children.remove(replaced_node)
                    if parent.key not in replaced:
                        replacement_node.add_parent(parent)
                        parent.add_child(replacement_node)

    def remove_replacement_node(self, replacement: tuple, replaced: list) -> None:
        """Drop a squashed migration and restore the edges of what it replaced."""
        self.nodes.pop(replacement)
        try:
            replacement_node = self.node_map.pop(replacement)
        except KeyError as err:
            raise NodeNotFoundError(
                f"Unable to remove replacement node {replacement!r}. It was either never "
                f"added to the migration graph, or has been removed already.",
                replacement,
            ) from err
        replaced_nodes = set()
        replaced_nodes_parents = set()
        for key in replaced:
            replaced_node = self.node_map.get(key)
            if replaced_node:
                replaced_nodes.add(replaced_node)
                replaced_nodes_parents |= replaced_node.parents
        replaced_nodes -= replaced_nodes_parents
        for child in replacement_node.children:
            child.parents.remove(replacement_node)
            for replaced_node in replaced_nodes:
                replaced_node.add_child(child)
                child.add_parent(replaced_node)
        for parent in replacement_node.parents:
            parent.children.remove(replacement_node)

    def validate_consistency(self) -> None:
        """Raise NodeNotFoundError if a dependency is still missing."""
        for node in self.node_map.values():
            if isinstance(node, DummyNode):
                node.raise_error()

    def forwards_plan(self, target: tuple) -> list[tuple]:
        """The migrations to apply, in order, up to and including ``target``."""
        if target not in self.nodes:
            raise NodeNotFoundError(f"Node {target!r} not a valid node", target)
        return self.iterative_dfs(self.node_map[target])

    def backwards_plan(self, target: tuple) -> list[tuple]:
        """The migrations to unapply, in order, down to and including ``target``."""
        if target not in self.nodes:
            raise NodeNotFoundError(f"Node {target!r} not a valid node", target)
        return self.iterative_dfs(self.node_map[target], forwards=False)

    def iterative_dfs(self, start: Node, forwards: bool = True) -> list[tuple]:
        visited: list[tuple] = []
        visited_set: set[Node] = set()
        stack = [(start, False)]
        while stack:
            node, processed = stack.pop()
            if node in visited_set:
                continue
            if processed:
                visited_set.add(node)
                visited.append(node.key)
            else:
                stack.append((node, True))
                stack += [(n, False) for n in sorted(node.parents if forwards else node.children)]
        return visited

    def root_nodes(self, app: str | None = None) -> list[tuple]:
        """Nodes with no parents in their own app, sorted."""
        return sorted(
            key
            for key in self.nodes
            if all(key[0] != parent.key[0] for parent in self.node_map[key].parents)
            and (not app or app == key[0])
        )

    def leaf_nodes(self, app: str | None = None) -> list[tuple]:
        """Nodes with no children in their own app, sorted: the latest migrations."""
        return sorted(
            key
            for key in self.nodes
            if all(key[0] != child.key[0] for child in self.node_map[key].children)
            and (not app or app == key[0])
        )

    def ensure_not_cyclic(self) -> None:
        """Raise CircularDependencyError naming the cycle, if there is one."""
        todo = set(self.nodes)
        while todo:
            node = todo.pop()
            stack = [node]
            while stack:
                top = stack[-1]
                for child in self.node_map[top].children:
                    key = child.key
                    if key in stack:
                        cycle = stack[stack.index(key) :]
                        raise CircularDependencyError(
                            ", ".join(f"{app}.{name}" for app, name in cycle)
                        )
                    if key in todo:
                        stack.append(key)
                        todo.remove(key)
                        break
                else:
                    stack.pop()

    def __str__(self) -> str:
        edges = sum(len(node.parents) for node in self.node_map.values())
        return f"Graph: {len(self.nodes)} nodes, {edges} edges"

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: nodes={len(self.nodes)}>"

    def make_state(self, nodes: Any = None, at_end: bool = True, real_apps: Any = None):
        """The ProjectState after applying ``nodes`` (and, at_end, those nodes themselves)."""
        from framework.db.migrations.state import ProjectState

        if nodes is None:
            nodes = list(self.leaf_nodes())
        if not nodes:
            return ProjectState(real_apps=real_apps)
        if not isinstance(nodes[0], tuple):
            nodes = [nodes]
        plan = self._generate_plan(nodes, at_end)
        project_state = ProjectState(real_apps=real_apps)
        for node in plan:
            project_state = self.nodes[node].mutate_state(project_state, preserve=False)
        return project_state

    def _generate_plan(self, nodes: list, at_end: bool) -> list:
        plan = []
        for node in nodes:
            for migration in self.forwards_plan(node):
                if migration not in plan and (at_end or migration not in nodes):
                    plan.append(migration)
        return plan

    def __contains__(self, node: object) -> bool:
        return node in self.nodes
