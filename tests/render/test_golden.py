"""DOT, Mermaid, Markdown and JSON exports match the golden files, in the order of the files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from backmap.model import Kind
from backmap.render.export import ExportOptions, export
from backmap.render.mermaid import node_ref

from .conftest import PACKED, SMALL, TODAY, workspace

GOLDEN = Path(__file__).parent / "golden"
MAPS = {"packed": PACKED}
CASES = {
    "small.dot": ("dot", ExportOptions(today=TODAY)),
    "packed.dot": ("dot", ExportOptions(today=TODAY)),
    "small.mmd": ("mermaid", ExportOptions(today=TODAY)),
    "small.md": ("md", ExportOptions(today=TODAY)),
    "small.json": ("json", ExportOptions(today=TODAY)),
    "small-focus.dot": ("dot", ExportOptions(today=TODAY, focus="time-off", depth=0)),
    "small-plain.md": ("md", ExportOptions(today=TODAY, no_findings=True, max_depth=1)),
    "small-links.mmd": (
        "mermaid",
        ExportOptions(today=TODAY, link_template="https://tracker.example.com/browse/{id}"),
    ),
    "small-short.mmd": ("mermaid", ExportOptions(today=TODAY, labels="short")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_golden(name: str) -> None:
    fmt, options = CASES[name]
    got = export(workspace(_nodes(name), "The ideal group"), fmt, options)
    path = GOLDEN / name
    if os.environ.get("BACKMAP_UPDATE_GOLDEN"):
        path.write_bytes(got)
    assert got.decode() == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "md", "json"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reordered_nodes_come_out_in_their_new_order(fmt: str, seed: int) -> None:
    """Every export lists the outcomes in the order of the files, as `tree` does."""
    shuffled = workspace(SMALL, "The ideal group", shuffle=seed, shuffle_supports=False)
    outcomes = [n.id for n in shuffled.nodes() if n.kind is Kind.OUTCOME]
    got = export(shuffled, fmt, ExportOptions(today=TODAY)).decode()
    needles = {
        "dot": lambda i: f"\t{json.dumps(i) if '-' in i else i} [",
        "mermaid": lambda i: f"{node_ref(i)}[",
        "md": lambda i: f'<a id="{i}">',
        "json": lambda i: f'"id": "{i}"',
    }[fmt]
    assert sorted(outcomes, key=lambda i: got.index(needles(i))) == outcomes


def _nodes(name: str) -> list[dict[str, Any]]:
    return MAPS.get(name.split(".")[0], SMALL)
