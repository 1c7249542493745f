"""`export -f html`: one self-contained page, the map as inert JSON, laid out as the plan's tree."""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import MAPS, run_cli

from backmap.graph import build
from backmap.model import MapFile, Node, Workspace
from backmap.render.export import ExportError, ExportOptions, export
from backmap.render.html.data import tree_parents
from backmap.render.metric_line import metric_line
from backmap.render.scene import build_scene

from .conftest import HOSTILE, SMALL, TODAY, workspace

OPTIONS = ExportOptions(today=TODAY)


class Page(HTMLParser):
    """The tags of a page and the text of its script and style elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []
        self.title = ""
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.blocks.append((*self._open, data))
            self._open = None
        elif self._in_title:
            self.title += data


def page_of(data: bytes) -> Page:
    page = Page()
    page.feed(data.decode("utf-8"))
    page.close()
    return page


def map_data(data: bytes) -> dict[str, Any]:
    page = page_of(data)
    (text,) = [t for tag, attrs, t in page.blocks if attrs.get("type") == "application/json"]
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["i"]: n for n in data["nodes"]}


def test_page_stands_alone(small: Workspace) -> None:
    data = export(small, "html", OPTIONS)
    page = page_of(data)
    # Nothing is fetched: no external script, style, image, frame or font.
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        assert tag != "link" or attrs.get("href", "").startswith("data:")
    scripts = [attrs for tag, attrs, _ in page.blocks if tag == "script"]
    assert len(scripts) == 2 and len([t for t, _ in page.tags if t == "script"]) == 2
    (css,) = [t for tag, _, t in page.blocks if tag == "style"]
    assert "url(" not in css.lower() and "@import" not in css
    assert not re.search(r"(?i)https?://", data.decode())  # the small map has no links
    policy = next(a["content"] for t, a in page.tags if a.get("http-equiv"))
    assert policy is not None and "default-src 'none'" in policy and "'unsafe-inline'" not in policy


def test_tree_follows_first_parents(small: Workspace) -> None:
    nodes = by_id(map_data(export(small, "html", OPTIONS)))
    index = {n["i"]: k for k, n in enumerate(map_data(export(small, "html", OPTIONS))["nodes"])}
    # rota supports [no-spof, time-off]: drawn under no-spof, also serving time-off.
    assert nodes["rota"]["p"] == index["no-spof"] and nodes["rota"]["a"] == [index["time-off"]]
    assert nodes["no-spof"]["p"] == index["less-stress"]
    assert nodes["no-spof"]["a"] == [index["impact"]]
    assert "p" not in nodes["happy"] and "p" not in nodes["vector-db"]
    assert nodes["less-stress"]["o"] == "dana" and nodes["less-stress"]["so"] == "omer"
    assert nodes["quiet-hours"]["du"] == "2027-01-01" and nodes["quiet-hours"]["pr"] == 40
    assert [f[1] for f in nodes["quiet-hours"]["f"]] == ["overdue"]


def test_cycles_of_first_parents_are_broken() -> None:
    ws = workspace(
        [
            {"id": "top", "kind": "outcome", "title": "Top"},
            {"id": "a", "kind": "goal", "title": "A", "supports": ["b", "top"]},
            {"id": "b", "kind": "goal", "title": "B", "supports": ["c"]},
            {"id": "c", "kind": "goal", "title": "C", "supports": ["a"]},
            {"id": "d", "kind": "goal", "title": "D", "supports": ["e"]},
            {"id": "e", "kind": "goal", "title": "E", "supports": ["d"]},
        ]
    )
    graph = build(ws)
    scene = build_scene(graph, None, "t", TODAY)
    from backmap.render.html.data import parents_of

    tree = tree_parents(scene, parents_of(scene))
    assert tree["top"] is None
    # Each node reaches a root by its tree parent, with no cycle left.
    for start in tree:
        seen: set[str] = set()
        node: str | None = start
        while node is not None:
            assert node not in seen, f"cycle through {node}"
            seen.add(node)
            node = tree[node]
    assert tree["a"] == "top"  # its first parent closed a cycle; its second is rooted
    assert [tree["d"], tree["e"]].count(None) == 1  # a cycle with no way out: one becomes a root


def test_hostile_text_stays_data(hostile: Workspace) -> None:
    data = export(hostile, "html", OPTIONS)
    text = data.decode()
    # Two scripts, both ours: the map's strings neither end the data block nor open a comment.
    assert text.count("</script") == 2 and text.lower().count("<script") == 2
    assert "<!--" not in text and "<img" not in text and "onerror=1>" not in text
    page = page_of(data)
    assert page.title == 'Title with <script>alert("t")</script> & "quotes"'
    nodes = by_id(map_data(data))
    for node in HOSTILE:
        assert nodes[node["id"]]["t"] == node["title"]
    assert nodes["end"]["d"] == HOSTILE[0]["description"]
    assert nodes["graph"]["o"] == "<b>boss</b>"


def test_script_writes_text_never_markup() -> None:
    from importlib.resources import files

    folder = files("backmap.render.html")
    script = "".join(
        f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".js")
    )
    assert "backmapTree" in script and "textContent" in script
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", script)
    assert not re.search(r"new Function|setAttribute\(\"on|\.on\w+ =", script)


@pytest.mark.parametrize("template", ["javascript:alert(1)//{id}", "data:text/html,{id}"])
def test_link_template_must_be_http(template: str, hostile: Workspace) -> None:
    with pytest.raises(ExportError, match="link template"):
        export(hostile, "html", ExportOptions(today=TODAY, link_template=template))


def test_link_template_gives_each_node_its_link(hostile: Workspace) -> None:
    options = ExportOptions(today=TODAY, link_template="https://tracker.example.com/{id}")
    nodes = by_id(map_data(export(hostile, "html", options)))
    assert {i: n["u"] for i, n in nodes.items()} == {
        i: f"https://tracker.example.com/{i}" for i in nodes
    }


def test_same_map_same_bytes_and_the_order_of_the_files() -> None:
    first = export(workspace(SMALL, "The ideal group"), "html", OPTIONS)
    assert export(workspace(SMALL, "The ideal group"), "html", OPTIONS) == first
    items = [dict(n) for n in SMALL]
    random.Random(7).shuffle(items)  # nodes reordered; each node's supports kept in order
    again = export(workspace(items, "The ideal group"), "html", OPTIONS).decode()
    outcomes = [n["id"] for n in items if n["kind"] == "outcome"]
    # The page lists the outcomes as the files give them, as `backmap tree` does.
    assert sorted(outcomes, key=lambda i: again.index(f'"i":"{i}"')) == outcomes


def test_the_page_words_a_metric_as_the_terminal_does() -> None:
    ws = Workspace(
        Path("m.yaml"),
        {
            Path("m.yaml"): MapFile(
                backmap=1,
                title="m",
                nodes=[
                    Node(
                        id="x",
                        kind="goal",
                        title="X",
                        metric={"name": "after-hours msgs", "baseline": 60, "target": 10},
                    )
                ],
            )
        },
    )
    metric = ws.node("x").metric
    assert metric is not None
    nodes = map_data(export(ws, "html", OPTIONS))["nodes"]
    # The terminal's wording (`status`, `tree`, `show`), one for every view.
    assert (
        nodes[0]["m"] == metric_line(metric) == "after-hours msgs not measured (target 10, from 60)"
    )
    ws.node("x").metric = metric.model_copy(update={"unit": "%", "current": 2500000})
    nodes = map_data(export(ws, "html", OPTIONS))["nodes"]
    assert nodes[0]["m"] == "after-hours msgs 2500000% (target 10%, from 60%)"  # no exponent


def test_cli_writes_html_by_extension(tmp_path: Path) -> None:

    out = tmp_path / "map.html"
    run = run_cli("export", "--map", str(MAPS / "ideal-group.yaml"), "-o", str(out))
    assert run.code == 0, run.err
    assert run.err.strip() == f"wrote {out}"
    nodes = map_data(out.read_bytes())["nodes"]
    assert {n["i"] for n in nodes} >= {"happy", "less-stress", "no-spof"}


HALF = [
    {"id": "o", "kind": "outcome", "title": "O"},
    {"id": "g", "kind": "goal", "title": "G", "supports": ["o"]},
    {"id": "a", "kind": "initiative", "title": "A", "supports": ["g"], "progress": 90},
    {"id": "b", "kind": "initiative", "title": "B", "supports": ["g"], "progress": 91},
    {"id": "c", "kind": "initiative", "title": "C", "supports": ["o"], "progress": 12.5},
]


def test_percentages_are_rounded_as_every_other_output_rounds_them() -> None:
    # The goal rolls up to 90.5: the Markdown (and status, PNG) say 90%, so the page must too.
    ws = workspace(HALF)
    markdown = export(ws, "md", OPTIONS).decode()
    assert "**G** · 90%" in markdown
    nodes = by_id(map_data(export(ws, "html", OPTIONS)))
    assert nodes["g"]["r"] == 90.5 and nodes["g"]["rp"] == "90%"
    assert nodes["c"]["pp"] == "12%" and "· 12%" in markdown
    assert {nodes[i]["pp"] for i in "ab"} == {"90%", "91%"}


def test_owner_and_team_choices_name_the_people_of_the_people_file(tmp_path: Path) -> None:
    out = tmp_path / "org.html"
    assert run_cli("export", "--map", str(MAPS / "org"), "-o", str(out)).code == 0
    data = map_data(out.read_bytes())
    owners = dict(data["owners"])
    assert owners["ravi"] == "Ravi Menon (ravi)"
    assert [label for _, label in data["owners"]] == sorted(
        (label for _, label in data["owners"]), key=str.casefold
    )
    teams = dict(data["teams"])
    assert "hannah" in teams["leadership"] and "ravi" not in teams["leadership"]
    # Owners are keyed by person: every key of a node is a person of the choices.
    keys = {k for n in data["nodes"] for k in n.get("w", [])}
    assert keys and keys <= set(owners)


def test_without_a_people_file_owners_are_the_text_written() -> None:
    data = map_data(export(workspace(SMALL, "The ideal group"), "html", OPTIONS))
    assert "owners" not in data and "teams" not in data
    assert not any("w" in n for n in data["nodes"])
