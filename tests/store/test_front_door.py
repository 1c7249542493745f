"""The store's shape: a small front door, no private names used from outside, typed store data."""

from __future__ import annotations

import ast
import typing
from pathlib import Path

from tests.conftest import ROOT

from backmap import edits, store
from backmap.model import Workspace

SRC = ROOT / "src" / "backmap"
STORE = SRC / "store"


def test_the_package_init_only_re_exports() -> None:
    tree = ast.parse((STORE / "__init__.py").read_text())
    defined = [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    assert defined == []
    assert set(store.__all__) <= set(dir(store))


def test_nothing_outside_the_store_imports_its_private_names() -> None:
    private = []
    for path in sorted(SRC.rglob("*.py")):
        if STORE in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("backmap.store"):
                private += [
                    f"{path.relative_to(SRC)}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_")
                ]
    assert private == []


def test_store_data_is_typed_and_kept_apart_from_the_model(tmp_path: Path) -> None:
    hints = typing.get_type_hints(store.Stored)
    assert typing.Any not in {arg for hint in hints.values() for arg in typing.get_args(hint)}
    assert not hasattr(Workspace(tmp_path / "m.yaml"), "origins")
    path = tmp_path / "m.yaml"
    path.write_text(
        "backmap: 1\ntitle: T\nnodes:\n  - id: rest\n    kind: outcome\n    title: Rest\n"
        "  - id: calm\n    kind: goal\n    title: Calm  # why this goal\n    supports: [rest]\n"
    )
    ws = store.load(path)
    assert isinstance(ws.stored, store.Stored)
    assert set(ws.stored.origins) == {path}
    edit = edits.rename(ws, "calm", "quiet")
    edit.apply(ws)
    assert "calm" not in ws.stored.comments
    assert ws.stored.comments["quiet"] == {("title",): ((), ("  # why this goal",))}
    store.save(ws)
    assert "title: Calm  # why this goal" in path.read_text()
    assert store.disk_texts(ws) == {path: path.read_text()}
