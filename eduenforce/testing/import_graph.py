"""The import graph between the apps, computed from the source with ``ast``.

Every ``import``/``from … import`` in every module of an app counts — at module level, inside
functions, under ``if TYPE_CHECKING`` — because an import hidden in a function is still a
dependency. Tests, migrations and management commands are left out: tests may use any app's
factories, migrations name their dependencies explicitly, commands are entry points.

Run ``python -m eduenforce.testing.import_graph`` to print the edges and any cycle.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = "eduenforce"
ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {"tests", "migrations", "management", "static", "templates", "__pycache__"}

# The intended floor order (docs/architecture.md): an app may import apps on lower floors only.
# Apps on the same floor do not import each other. "demo", "api" and "ops" sit on top.
FLOORS: list[tuple[str, ...]] = [
    ("core",),
    ("records",),
    ("accounts",),
    ("registry",),
    ("officers",),
    ("portal",),
    ("planning",),
    ("inspections",),
    ("sampling", "cases", "coordination"),
    ("complaints",),
    ("reports",),
    ("demo", "api", "ops"),
]


@dataclass
class Graph:
    """``edges[a][b]``: the places (``module:line``) where app ``a`` imports app ``b``."""

    edges: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def add(self, source: str, target: str, where: str) -> None:
        if where not in self.edges[source][target]:
            self.edges[source][target].append(where)

    def targets(self, app: str) -> list[str]:
        return sorted(self.edges.get(app, {}))

    def apps(self) -> list[str]:
        names = set(self.edges)
        for targets in self.edges.values():
            names.update(targets)
        return sorted(names)


def apps() -> list[str]:
    """The packages directly under ``eduenforce/`` that are apps (they have an ``apps.py``)."""
    return sorted(p.parent.name for p in ROOT.glob("*/apps.py"))


def _modules(app: str) -> Iterator[tuple[str, Path]]:
    base = ROOT / app
    for path in sorted(base.rglob("*.py")):
        relative = path.relative_to(base)
        if SKIPPED_DIRS.intersection(relative.parts[:-1]) or path.name == "conftest.py":
            continue
        parts = [PACKAGE, app, *relative.with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        yield ".".join(parts), path


def _imported(node: ast.AST, module: str, is_package: bool) -> Iterator[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            package = module.split(".") if is_package else module.split(".")[:-1]
            base = package[: len(package) - (node.level - 1)]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        if node.module is None or (prefix.count(".") == 1 and prefix.startswith(PACKAGE + ".")):
            # ``from eduenforce.x import y`` or ``from . import y``: y may itself be a module.
            for alias in node.names:
                yield f"{prefix}.{alias.name}"
            return
        else:
            yield prefix


def _app_of(name: str, known: set[str]) -> str | None:
    parts = name.split(".")
    if len(parts) >= 2 and parts[0] == PACKAGE and parts[1] in known:
        return parts[1]
    return None


def build() -> Graph:
    """The app-to-app import graph of the source tree as it is now."""
    graph = Graph()
    known = set(apps())
    for app in sorted(known):
        for module, path in _modules(app):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            is_package = path.name == "__init__.py"
            for node in ast.walk(tree):
                for name in _imported(node, module, is_package):
                    target = _app_of(name, known)
                    if target and target != app:
                        graph.add(app, target, f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    return graph


def cycles(graph: Graph) -> list[list[str]]:
    """One cycle (``[a, b, …, a]``) per strongly connected component with more than one app."""
    return [_cycle_in(graph, set(c), c[0]) for c in components(graph)]


def components(graph: Graph) -> list[list[str]]:
    """The groups of apps that import each other (strongly connected, more than one app)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.targets(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in graph.apps():
        if v not in index:
            visit(v)
    return components


def _cycle_in(graph: Graph, component: set[str], start: str) -> list[str]:
    """The shortest path from ``start`` back to itself inside the component (breadth first)."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for v in frontier:
            for w in graph.targets(v):
                if w not in component:
                    continue
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if w not in previous:
                    previous[w] = v
                    following.append(w)
        frontier = following
    raise AssertionError(f"{start} is in a cycle but no path back was found")


def floor_of(app: str) -> int | None:
    for number, names in enumerate(FLOORS):
        if app in names:
            return number
    return None


def upward_edges(graph: Graph) -> list[tuple[str, str]]:
    """Imports from an app to one on the same or a higher floor (or an app with no floor)."""
    found = []
    for source in graph.apps():
        for target in graph.targets(source):
            a, b = floor_of(source), floor_of(target)
            if a is None or b is None or b >= a:
                found.append((source, target))
    return found


def describe(graph: Graph, pairs) -> str:
    lines = []
    for source, target in pairs:
        lines.append(f"{source} → {target}:")
        lines.extend(f"    {where}" for where in graph.edges[source][target])
    return "\n".join(lines)


def main() -> int:
    graph = build()
    for source in graph.apps():
        targets = graph.targets(source)
        if targets:
            print(f"{source} → {', '.join(f'{t} ({len(graph.edges[source][t])})' for t in targets)}")
    found = cycles(graph)
    for cycle in found:
        print("cycle:", " → ".join(cycle))
        print(describe(graph, zip(cycle, cycle[1:], strict=False)))
    for component in components(graph):
        print("apps in one cycle:", ", ".join(component))
    upward = upward_edges(graph)
    if upward:
        print("against the floor order:")
        print(describe(graph, upward))
    return 1 if found or upward else 0


if __name__ == "__main__":
    sys.exit(main())
