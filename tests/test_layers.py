"""The package's shape: imports run downward through the layers, never in a circle, never into private APIs."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import silkcli
from test_perf_imports import imported_by

PACKAGE = Path(silkcli.__file__).parent
#: Lower layers never import higher ones: read → validate (dataset) → select (listings) → render (formats, brief) → cli.
LAYERS = {
    "errors": 0,
    "environment": 0,
    "files": 0,
    "staged": 0,
    "plain": 0,
    "dataset": 1,
    "listings": 2,
    "formats": 3,
    "publish": 3,
    "brief": 4,
    "check": 4,
    "cli": 5,
    "__main__": 6,
    "api": 6,
    "_entry": 6,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative / "__init__.py").is_file()


def _imports(path: Path) -> Iterator[str]:
    """Every silkcli module ``path`` imports, anywhere in it (function-local and TYPE_CHECKING imports too)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            for alias in node.names:
                yield f"{base}.{alias.name}" if _is_module(f"{base}.{alias.name}") else base


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        graph[_module_name(path)] = {m for m in _imports(path) if m.startswith("silkcli.") or m == "silkcli"}
    return graph


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.get(parts[1], 0) if len(parts) > 1 else 0


def test_no_import_circles() -> None:
    """No module reaches itself through the modules it imports, function-local imports included."""
    graph = _graph()
    circles = []

    def visit(module: str, trail: list[str]) -> None:
        for target in sorted(graph.get(module, ())):
            if target in trail:
                circles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target in graph and target not in done:
                visit(target, [*trail, target])
        done.add(module)

    done: set[str] = set()
    for start in sorted(graph):
        if start not in done:
            visit(start, [start])
    assert circles == []


def test_imports_run_down_the_layers() -> None:
    """dataset imports no listing, format, brief or cli module; listings no format, brief or cli; and so on."""
    upward = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if _layer(target) > _layer(module)
    ]
    assert upward == []


def test_no_private_typer_or_click_imports() -> None:
    """Nothing imports a private module of Typer or Click (their names start with '_')."""
    private = [
        f"{path.name}: {name}"
        for path in PACKAGE.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in ("typer", "click") and any(part.startswith("_") for part in name.split(".")[1:])
    ]
    assert private == []


@pytest.mark.parametrize("args", [["brief", "-f", "html"], ["brief", "-f", "markdown"], ["brief", "--help"]])
def test_brief_without_a_terminal_format_imports_no_rich(args: list[str], tmp_path: Path) -> None:
    """The HTML and Markdown briefs and `brief --help` never import Rich (it is for terminals and SVG only)."""
    imported_by(args, tmp_path)  # the first run fills the cache
    out, heavy = imported_by(args, tmp_path)
    assert out.strip() and "rich" not in heavy


@pytest.mark.parametrize(
    "args",
    [
        ["agreements", "-f", "tsv"],
        ["agreements", "-f", "csv", "--cite"],
        ["agreements", "-f", "json", "--cite"],
        ["agreements", "-f", "yaml"],
        ["agreements", "-f", "markdown"],
        ["search", "antimony", "-f", "jsonl"],
        ["show", "doc-energy-minerals-mou", "-f", "table"],  # one record's block of lines
    ],
)
def test_machine_formats_and_show_import_no_rich(args: list[str], tmp_path: Path) -> None:
    """Machine formats and `show` never import Rich: it draws the terminal's tables and record blocks only."""
    imported_by(args, tmp_path)  # the first run fills the cache
    out, heavy = imported_by(args, tmp_path, {"TERM_PROGRAM": "WezTerm"})
    assert out.strip() and "rich" not in heavy
