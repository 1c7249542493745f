"""DOT, Mermaid, Markdown and JSON exports match the golden files, whatever the input order."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from backmap.render.export import ExportOptions, export

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
# Drawings lay each node out under the first of its `supports` (Mermaid's solid arrow), so the
# order of supports is part of the map there; Markdown lists items in the order of the files
# (tested in test_markdown.py).
FIRST_PARENT = {name for name, (fmt, _) in CASES.items() if fmt in ("dot", "mermaid")}
FILE_ORDER = {"small.md", "small-plain.md"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_golden(name: str) -> None:
    fmt, options = CASES[name]
    got = export(workspace(_nodes(name), "The ideal group"), fmt, options)
    path = GOLDEN / name
    if os.environ.get("BACKMAP_UPDATE_GOLDEN"):
        path.write_bytes(got)
    assert got.decode() == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(set(CASES) - FILE_ORDER))
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_input_gives_the_same_bytes(name: str, seed: int) -> None:
    fmt, options = CASES[name]
    nodes = _nodes(name)
    keep = name in FIRST_PARENT
    shuffled = workspace(nodes, "The ideal group", shuffle=seed, shuffle_supports=not keep)
    assert [n.id for n in shuffled.nodes()] != [n["id"] for n in nodes]
    assert export(shuffled, fmt, options) == (GOLDEN / name).read_bytes()


def _nodes(name: str) -> list[dict[str, Any]]:
    return MAPS.get(name.split(".")[0], SMALL)
