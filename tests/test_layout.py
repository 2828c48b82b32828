"""The suite's own rule: a test module imports no other test module, only
tests.support (helpers) and what conftest.py files give as fixtures."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported_modules(path: Path) -> list[str]:
    """Every module `path` imports, relative imports written with their dots."""
    modules: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules.append("." * node.level + (node.module or ""))
    return modules


def test_no_test_module_imports_another_test_module():
    wrong = [
        f"{path.relative_to(TESTS)}: {module}"
        for path in sorted(TESTS.rglob("*.py"))
        if "support" not in path.relative_to(TESTS).parts
        for module in imported_modules(path)
        if module.startswith(".")
        or (module.startswith("tests.") and not module.startswith("tests.support"))
    ]
    assert wrong == []
