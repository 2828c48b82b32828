"""The layout rules of docs/layout.md, checked on the code's own imports.

Run as `python -m scripts.check_layout` (part of `make lint`). Every Python
file of the project is parsed with `ast`; nothing is imported or executed.
It fails, listing each offence, when

- two modules import each other, directly or around a circle;
- two apps import each other, directly or around a circle;
- an app imports the project package `website` (website imports the apps);
- anything outside the tests imports `demo` (the demo content is a leaf);
- a module other than a migration is over 600 lines.

An app is a top-level package (a folder with `__init__.py` or `apps.py`);
other top-level folders of Python code (`scripts/`) and top-level files
(`manage.py`) are checked as modules but are not apps. The tests are held
to the length rule only: they may import anything, the demo included.
Imports inside functions count as much as those at the top of a module;
imports under `if TYPE_CHECKING:` do not, as they never run.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_LINES = 600
PROJECT_PACKAGE = "website"
DEMO_PACKAGE = "demo"
TESTS_FOLDER = "tests"
# Top-level folders that hold no project code, or code the rules leave alone.
NOT_CHECKED = {
    TESTS_FOLDER,
    "build",
    "dist",
    "docs",
    "locale",
    "locale_wagtail",
    "node_modules",
    "static",
    "templates",
    "var",
}

MODULE_CIRCLE = "module circle"
APP_CIRCLE = "app circle"
APP_IMPORTS_WEBSITE = "app imports website"
DEMO_IMPORTED = "demo imported"
TOO_LONG = "module too long"

HEADINGS = {
    MODULE_CIRCLE: "Modules that import each other (directly or around a circle)",
    APP_CIRCLE: "Apps that import each other (directly or around a circle)",
    APP_IMPORTS_WEBSITE: f"Apps that import the project package `{PROJECT_PACKAGE}`",
    DEMO_IMPORTED: f"Imports of `{DEMO_PACKAGE}` outside the tests",
    TOO_LONG: f"Modules over {MAX_LINES} lines (migrations excepted)",
}


@dataclass(frozen=True)
class Module:
    """One Python file of the project."""

    name: str  # dotted, as it is imported: "blog.models.events"
    path: Path  # relative to the project root
    is_package: bool  # an __init__.py

    @property
    def top(self) -> str:
        return self.name.split(".")[0]


@dataclass(frozen=True)
class Import:
    """One import of a project module by another, where it is written."""

    source: str
    target: str
    path: Path
    line: int

    @property
    def source_top(self) -> str:
        return self.source.split(".")[0]

    @property
    def target_top(self) -> str:
        return self.target.split(".")[0]

    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def describe(self) -> str:
        return f"{self.where()}: {self.source} imports {self.target}"


@dataclass(frozen=True)
class Problem:
    rule: str
    message: str


def python_files(root: Path) -> Iterator[tuple[Path, bool]]:
    """Each project .py file (relative to root) and whether its folder is an app."""
    for entry in sorted(root.iterdir()):
        if entry.name.startswith((".", "_")) or entry.name in NOT_CHECKED:
            continue
        if entry.is_file() and entry.suffix == ".py":
            yield entry.relative_to(root), False
        elif entry.is_dir():
            is_app = (entry / "__init__.py").exists() or (entry / "apps.py").exists()
            for path in sorted(entry.rglob("*.py")):
                relative = path.relative_to(root)
                if not is_hidden(relative):
                    yield relative, is_app


def is_hidden(path: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in path.parts)


def module_for(path: Path) -> Module:
    parts = list(path.with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return Module(name=".".join(parts), path=path, is_package=is_package)


def is_type_checking(test: ast.expr) -> bool:
    """`if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:`."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


class ImportCollector(ast.NodeVisitor):
    """The dotted names a module imports, anywhere in it, with their lines.

    For `from a import b` both "a.b" and "a" are candidates: b may be a
    submodule or a name defined in a.
    """

    def __init__(self, module: Module) -> None:
        self.module = module
        self.found: list[tuple[list[str], int]] = []

    def visit_If(self, node: ast.If) -> None:
        if is_type_checking(node.test):
            for child in node.orelse:  # the else branch does run
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.found.append(([alias.name], node.lineno))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = self.absolute(node)
        if base is None:
            return
        for alias in node.names:
            candidates = [base] if alias.name == "*" else [f"{base}.{alias.name}", base]
            self.found.append(([name for name in candidates if name], node.lineno))

    def absolute(self, node: ast.ImportFrom) -> str | None:
        if node.level == 0:
            return node.module or ""
        package = self.module.name.split(".")
        if not self.module.is_package:
            package = package[:-1]
        if node.level - 1 > len(package):
            return None  # above the project root: not ours
        package = package[: len(package) - (node.level - 1)]
        return ".".join(package + ([node.module] if node.module else []))


def resolve(name: str, modules: dict[str, Module]) -> str | None:
    """The project module an imported name lands in: the longest known prefix."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def collect(root: Path) -> tuple[dict[str, Module], list[Import], set[str], list[Problem]]:
    """The project's modules, their imports of each other, the apps, parse errors."""
    modules: dict[str, Module] = {}
    apps: set[str] = set()
    for path, is_app in python_files(root):
        module = module_for(path)
        modules[module.name] = module
        if is_app:
            apps.add(module.top)
    imports: list[Import] = []
    problems: list[Problem] = []
    for module in modules.values():
        try:
            tree = ast.parse((root / module.path).read_bytes(), filename=str(module.path))
        except SyntaxError as error:
            problems.append(Problem("syntax error", f"{module.path}: cannot parse: {error.msg}"))
            continue
        collector = ImportCollector(module)
        collector.visit(tree)
        for candidates, line in collector.found:
            target = next((found for name in candidates if (found := resolve(name, modules))), None)
            if target is not None and target != module.name:
                imports.append(Import(module.name, target, module.path, line))
    return modules, imports, apps, problems


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of nodes that reach each other, if more than one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def shortest_circle(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """One shortest way round the group, from its first member back to it."""
    start, members = group[0], set(group)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for successor in sorted(graph.get(node, ())):
            if successor not in members:
                continue
            if successor == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if successor not in came_from:
                came_from[successor] = node
                queue.append(successor)
    return [start, start]  # not reached: a group always has a circle


def describe_circle(
    graph: dict[str, set[str]], group: list[str], example: dict[tuple[str, str], Import]
) -> str:
    circle = shortest_circle(graph, group)
    steps = " -> ".join(
        f"{a} ({example[a, b].where()})" for a, b in zip(circle, circle[1:], strict=False)
    )
    text = f"{steps} -> {circle[-1]}"
    if len(group) > len(circle) - 1:
        text += f"\n      all in this circle: {', '.join(group)}"
    return text


def circles(
    imports: Iterable[Import], key: Callable[[str], str | None]
) -> list[tuple[dict, list[str], dict]]:
    """The circles of the graph whose nodes are key(name) of each import's ends."""
    graph: dict[str, set[str]] = defaultdict(set)
    example: dict[tuple[str, str], Import] = {}
    for found in imports:
        source, target = key(found.source), key(found.target)
        if source is None or target is None or source == target:
            continue
        graph[source].add(target)
        example.setdefault((source, target), found)
    return [(graph, group, example) for group in strongly_connected(graph)]


def find_problems(root: Path) -> list[Problem]:
    """Every broken layout rule in the project at root, in the order of the rules."""
    modules, imports, apps, problems = collect(root)
    imports.sort(key=lambda found: (str(found.path), found.line, found.target))

    for graph, group, example in circles(imports, key=lambda name: name):
        problems.append(Problem(MODULE_CIRCLE, describe_circle(graph, group, example)))

    # website ↔ app is reported once, by its own rule below.
    apps_only = apps - {PROJECT_PACKAGE}

    def app_of(name: str) -> str | None:
        top = name.split(".")[0]
        return top if top in apps_only else None

    for graph, group, example in circles(imports, key=app_of):
        problems.append(Problem(APP_CIRCLE, describe_circle(graph, group, example)))

    for found in imports:
        if found.source_top in apps_only and found.target_top == PROJECT_PACKAGE:
            problems.append(Problem(APP_IMPORTS_WEBSITE, found.describe()))
    for found in imports:
        if found.source_top != DEMO_PACKAGE and found.target_top == DEMO_PACKAGE:
            problems.append(Problem(DEMO_IMPORTED, found.describe()))

    paths = [module.path for module in modules.values()] + list(test_files(root))
    for path in sorted(paths, key=str):
        if "migrations" in path.parts:
            continue
        lines = len((root / path).read_bytes().splitlines())
        if lines > MAX_LINES:
            problems.append(Problem(TOO_LONG, f"{path}: {lines} lines"))
    return problems


def test_files(root: Path) -> Iterator[Path]:
    """Each .py file under tests/ (relative to root): held to the length rule only."""
    for path in sorted((root / TESTS_FOLDER).rglob("*.py")):
        relative = path.relative_to(root)
        if not is_hidden(relative):
            yield relative


def report(problems: list[Problem]) -> str:
    """The problems grouped under one heading per rule."""
    by_rule: dict[str, list[str]] = defaultdict(list)
    for problem in problems:
        by_rule[problem.rule].append(problem.message)
    lines = ["Layout rules broken (docs/layout.md):"]
    for rule, messages in by_rule.items():
        lines += ["", f"{HEADINGS.get(rule, rule)}:"]
        lines += [f"  - {message}" for message in messages]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Check the project (or the folder given) and print what breaks the rules."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path(__file__).resolve().parents[1]
    problems = find_problems(root)
    if problems:
        print(report(problems))
        return 1
    print("Layout rules hold.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
