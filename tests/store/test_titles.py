"""The nodes' titles read quickly from the lines of a map file: what YAML reads, or no answer
where the lines may read otherwise than they look."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml_rs

from backmap import store
from backmap.store.titles import _scan, read_ahead

REPO = Path(__file__).resolve().parents[2]

HEAD = (
    "# A map\nbackmap: 1\ntitle: Costs\ndescription: |\n  - id: not-a-node\n    title: no\nnodes:\n"
)


def _node(title: str, node_id: str = "a", more: str = "") -> str:
    return f"  - id: {node_id}\n    kind: goal\n    title: {title}\n{more}"


def _yaml(text: str) -> list[tuple[str, str]]:
    return [(n["id"], n["title"]) for n in yaml_rs.loads(text, parse_datetime=False)["nodes"]]


@pytest.mark.parametrize(
    "title",
    [
        "Reduce cloud costs",
        "Cut costs:cloud first",
        "Ship v2.0 (beta) — soon, maybe",
        "C# and F#",
        "'Quoted plainly'",
        '"Double quoted"',
        "Über-Ziel, 100 % grün",
        "x",
    ],
)
def test_plain_titles_read_as_yaml_reads_them(title: str) -> None:
    text = HEAD + _node(title) + "  # between nodes\n\n" + _node("Second one", "b")
    assert _scan(text) == _yaml(text)


@pytest.mark.parametrize(
    "title",
    [
        "42",
        "1.5 days",
        ".5",
        "true",
        "No",
        "null",
        "~",
        "Costs # a comment",
        "Costs ",
        "'it''s'",
        '"say \\"hi\\""',
        "*anchor",
        "&a Costs",
        "- a list",
        "[a, b]",
        "{a: b}",
        "| block",
        "> folded",
        "!tag Costs",
        "costs:",
        "Cut costs: cloud first",
        "",
    ],
)
def test_titles_yaml_may_read_otherwise_get_no_answer(title: str) -> None:
    assert _scan(HEAD + _node(title)) is None


@pytest.mark.parametrize(
    "text",
    [
        HEAD + _node("Reduce the", more="      cost of things\n"),  # a title on two lines
        HEAD + _node("Costs") + "title: Another key after the nodes\n",
        HEAD + _node("Costs") + "  - kind: goal\n    id: b\n    title: Id not first\n",
        HEAD + "  - id: a\n    kind: goal\n" + _node("No title before", "b"),
        HEAD + "  - {id: a, kind: goal, title: Flow}\n",
        HEAD + "  - id: 'quoted-id'\n    title: Costs\n",
        (HEAD + _node("Costs")).replace("\n", "\r\n"),
        HEAD + _node("Costs\tand more"),
        HEAD,  # no nodes
        "backmap: 1\ntitle: Costs\nnodes:\n- id: a\n  title: Other indentation\n",
        HEAD + _node("Costs") + "---\n" + HEAD + _node("Costs"),
    ],
)
def test_files_not_as_backmap_writes_them_get_no_answer(text: str) -> None:
    assert _scan(text) is None


@pytest.mark.parametrize("where", ["maps/ideal-group.yaml", "maps/org"])
def test_the_titles_are_those_a_load_gives(where: str) -> None:
    root = REPO / where
    ws = store.load(root)
    read = [pair for file in read_ahead(root) for pair in file.titles]
    assert read == [(node.id, node.title) for node in ws.nodes()]


def test_files_backmap_writes_are_scanned(tmp_path: Path) -> None:
    # A saved map (canonical text, with comments kept) reads without a YAML parse.
    path = tmp_path / "map.yaml"
    path.write_text(HEAD + _node("Reduce cloud costs") + _node('"Hire: soon"', "b"), "utf-8")
    ws = store.load(path)
    store.save(ws)
    text = path.read_text("utf-8")
    assert _scan(text) == [(node.id, node.title) for node in ws.nodes()]
