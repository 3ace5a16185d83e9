"""The code's shape stays what docs/ and the review asked for: short functions, no import
cycle, plugins that do not reach into the tools, and no `sys.path` edits."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from tests.support.helpers import ROOT

PRODUCT_FOLDERS = ("plugins", "site_tools", "theme")
MAX_FUNCTION_LINES = 60


def product_modules() -> dict[str, Path]:
    """Every product module by its import name (plugins/ is on Pelican's plugin path)."""
    modules = {}
    for folder in PRODUCT_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            parts = parts[1:] if parts[0] == "plugins" else parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The product modules `path` imports, at run time or for type checking alike."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            submodules = {f"{base}.{alias.name}" for alias in node.names} & modules.keys()
            found.update(submodules)
            if len(submodules) < len(node.names):
                found.add(base)
    return {module for module in found if module in modules and module != name}


def test_no_product_function_is_longer_than_60_lines():
    long = [f"{path.relative_to(ROOT)}:{node.lineno} {node.name} "
            f"({node.end_lineno - node.lineno + 1} lines)"
            for path in product_modules().values()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []


def test_no_import_cycle_even_for_type_checking():
    modules = product_modules()
    graph = {name: imported(name, path, modules) for name, path in modules.items()}
    assert "treatment_pages.model" in graph["treatment_pages.navigation"]  # the walk sees imports
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as cycle:
        pytest.fail(f"import cycle: {' → '.join(cycle.args[1])}")


def test_the_cycle_check_finds_a_cycle(tmp_path):
    """The check above can fail: two modules importing each other are a cycle."""
    (tmp_path / "a.py").write_text("from .b import x\n")
    (tmp_path / "b.py").write_text("if TYPE_CHECKING:\n    from .a import y\n")
    modules = {"pack.a": tmp_path / "a.py", "pack.b": tmp_path / "b.py"}
    graph = {name: imported(name, path, modules) for name, path in modules.items()}
    with pytest.raises(CycleError):
        TopologicalSorter(graph).prepare()


def test_no_plugin_imports_the_tools():
    modules = product_modules()
    plugins = {name: path for name, path in modules.items()
               if path.is_relative_to(ROOT / "plugins")}
    reaching = {name: sorted(tools) for name, path in plugins.items()
                if (tools := {used for used in imported(name, path, modules)
                              if used.startswith("site_tools")})}
    assert plugins and reaching == {}


def reaches_sys_path(node: ast.AST) -> bool:
    """`sys.path`, or `from sys import path`."""
    if isinstance(node, ast.Attribute):
        return node.attr == "path" and isinstance(node.value, ast.Name) and node.value.id == "sys"
    return isinstance(node, ast.ImportFrom) and node.module == "sys" and any(
        alias.name == "path" for alias in node.names)


def test_the_sys_path_check_finds_both_spellings():
    found = [reaches_sys_path(node) for code in ("sys.path.insert(0, 'x')",
                                                 "from sys import path", "import os.path")
             for node in ast.walk(ast.parse(code))]
    assert found.count(True) == 2


def test_no_code_touches_sys_path():
    """Everything is a normal package: nothing reaches a module by editing the import path."""
    files = [*ROOT.glob("*.py"), *(path for folder in (*PRODUCT_FOLDERS, "tests", "bench",
                                                       "project_sandbox")
                                   for path in (ROOT / folder).rglob("*.py"))]
    uses = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in files
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if reaches_sys_path(node)]
    assert len(files) > 100
    assert uses == []
