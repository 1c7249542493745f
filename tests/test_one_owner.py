"""One owner per concept, and a core that changes no process: each shared piece of logic is
used only from the module that owns it, so a second copy cannot creep back in unnoticed."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "backmap"
FRONT_ENDS = ("cli", "tui")

# name used in code -> the only module that may use it (relative to src/backmap)
OWNERS = {
    "get_close_matches": "suggest.py",  # "did you mean"
    "blake2b": "store/digests.py",  # "has this file changed?"
    "Stemmer": "text.py",  # the stemmer
    "freeze": "collector.py",  # gc: the collector's pause, never a freeze in the core
    "disable": "collector.py",
}


@functools.cache  # parsed once for every test here
def _sources() -> list[tuple[str, ast.Module]]:
    return [
        (path.relative_to(SRC).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(SRC.rglob("*.py"))
    ]


@functools.cache
def _names(tree: ast.AST) -> set[str]:
    """Every name and attribute the code uses or imports."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.alias):
            found.update(node.name.split("."))
    return found


@functools.cache
def _gc_calls(tree: ast.AST) -> set[str]:
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "gc"
    }


@pytest.mark.parametrize("name", sorted(OWNERS))
def test_a_shared_concept_is_used_only_by_its_owner(name: str) -> None:
    owner = OWNERS[name]
    uses = _gc_calls if name in ("freeze", "disable") else _names
    users = [path for path, tree in _sources() if name in uses(tree)]
    assert [path for path in users if path != owner] == []


def _module_level(tree: ast.Module) -> list[ast.AST]:
    """The statements run at import: everything but the bodies of functions."""
    out: list[ast.AST] = []
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        out.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return out


def test_the_core_reads_no_environment_at_import() -> None:
    readers = [
        f"{path}:{node.lineno}"
        for path, tree in _sources()
        if not path.startswith(FRONT_ENDS)
        for node in _module_level(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in ("environ", "getenv")
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    ]
    assert readers == []


def test_the_core_names_no_command_line_option_for_the_map() -> None:
    # How a map is found is worded by each front end: `--map` on the command line.
    naming = [
        f"{path}:{node.lineno}"
        for path, tree in _sources()
        if not path.startswith(FRONT_ENDS)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "--map" in node.value
    ]
    assert naming == []
