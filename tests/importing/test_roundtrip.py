"""import(export(map)) == map, every field of every node, on random maps."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import MAPS
from tests.strategies import examples

from backmap import store
from backmap.checkins.record import CheckIn
from backmap.importing import read
from backmap.importing.build import plan
from backmap.model import Kind, MapFile, Node, Status, Workspace
from backmap.render.export import export
from backmap.vocabulary import Health

CARRIED = ("id", "kind", "title", "description", "supports", "owner", "sub_owner")
CARRIED += ("status", "progress", "due", "tags", "links")
CARRIED += ("metric", "personal", "paths", "ignore", "checkins")

# Titles as people write them: any printable text, line breaks and `=` included, trimmed.
title_chars = st.characters(
    exclude_categories=("Cs", "Cc", "Zl", "Zp"),
    include_characters="\n",
    exclude_characters="\ufffe\uffff",
)
titles = st.text(title_chars, min_size=1, max_size=30).map(str.strip).filter(bool)
words = st.text("abcXYZé019.&<>\"'=#@%()-", min_size=1, max_size=8)
lines = st.lists(words, min_size=1, max_size=5).map(" ".join)
descriptions = st.lists(lines, min_size=1, max_size=3).map("\n".join)
people = st.text("abcdefxyz ._-", min_size=1, max_size=8).map(str.strip).filter(bool)
tags = st.lists(st.text("abcxyz -", min_size=1, max_size=8).map(str.strip).filter(bool), max_size=3)
links = st.lists(st.text("abcxyz?=&/", max_size=8).map("https://x.example/".__add__), max_size=2)
# Progress as people give it: whole percents or two decimals (XLSX keeps 15 digits).
progress = st.none() | st.integers(0, 100) | st.integers(0, 10_000).map(lambda n: n / 100)
dates = st.none() | st.dates(date(1990, 1, 1), date(2100, 12, 31))
numbers = st.integers(-(10**6), 10**6) | st.integers(-(10**6), 10**6).map(lambda n: n / 100)
metrics = st.none() | st.builds(
    dict,
    name=lines,
    unit=st.none() | words,
    baseline=st.none() | numbers,
    target=st.none() | numbers,
    current=st.none() | numbers,
).map(lambda m: {k: v for k, v in m.items() if v is not None})
paths = st.lists(st.text("abcxyz/._*-", min_size=1, max_size=10).map(str.strip).filter(bool))
rule_codes = st.lists(st.integers(100, 999).map("BM{}".format), max_size=3, unique=True)
checkin_lines = st.lists(
    st.builds(
        CheckIn,
        st.dates(date(2020, 1, 1), date(2030, 12, 31)),
        progress=st.none() | st.integers(0, 100),
        health=st.none() | st.sampled_from(list(Health)),
        note=st.none() | lines,
    ).filter(lambda c: not c.empty),
    min_size=1,
    max_size=4,
).map(lambda found: "".join(c.line() + "\n" for c in sorted(found, key=lambda c: c.date)))
node_ids = st.text("abcxyz0189-", min_size=1, max_size=12).filter(lambda s: s[0] != "-")


@st.composite
def maps(draw: st.DrawFn) -> Workspace:
    """A map of up to 14 nodes that keeps the kind order: outcomes, goals, initiatives."""
    counts = (draw(st.integers(1, 3)), draw(st.integers(0, 5)), draw(st.integers(0, 6)))
    ids = draw(
        st.lists(
            node_ids,
            min_size=sum(counts),
            max_size=sum(counts),
            unique=True,
        )
    )
    nodes: list[Node] = []
    for kind, count in zip(Kind, counts, strict=True):
        for _ in range(count):
            above = [n.id for n in nodes if n.kind is not Kind.INITIATIVE]
            supports = (
                []
                if kind is Kind.OUTCOME
                else draw(st.lists(st.sampled_from(above), min_size=1, max_size=3, unique=True))
            )
            fields: dict[str, Any] = {
                "description": draw(st.none() | descriptions),
                "owner": draw(st.none() | people),
                "sub_owner": draw(st.none() | people),
                "status": draw(st.none() | st.sampled_from(list(Status))),
                "progress": draw(progress),
                "due": draw(dates),
                "tags": draw(tags),
                "links": draw(links),
                "metric": draw(metrics),
                "personal": draw(st.none() | st.booleans()),
                "paths": draw(paths.filter(lambda p: len(p) <= 3)),
                "ignore": draw(rule_codes),
                "checkins": draw(st.none() | checkin_lines),
            }
            node_id = ids[len(nodes)]
            fields = {k: v for k, v in fields.items() if v not in (None, [])}
            nodes.append(
                Node(id=node_id, kind=kind, title=draw(titles), supports=supports, **fields)
            )
    path = Path("plan.yaml")
    return Workspace(path, {path: MapFile(backmap=1, title=draw(titles), nodes=nodes)})


def carried(nodes: Any) -> dict[str, dict[str, Any]]:
    return {n.id: n.model_dump(include=set(CARRIED)) for n in nodes}


def round_trip(ws: Workspace, fmt: str) -> list[Node]:
    data = export(ws, fmt)
    outline = read(Path(f"plan.{fmt}"), fmt, data)
    result = plan(outline, Workspace(Path("new.yaml")))
    assert not result.problems, [str(p) for p in result.problems]
    return result.nodes


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ws=maps())
def test_text_formats_carry_the_map(ws: Workspace) -> None:
    for fmt in ("opml", "mm", "csv"):
        assert carried(round_trip(ws, fmt)) == carried(ws.nodes()), fmt


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ws=maps())
def test_xlsx_carries_the_map(ws: Workspace) -> None:
    pytest.importorskip("openpyxl")
    assert carried(round_trip(ws, "xlsx")) == carried(ws.nodes())


@pytest.mark.parametrize("fmt", ["opml", "mm"])
@settings(max_examples=examples(20), deadline=None)
@given(ws=maps())
def test_outlines_carry_the_title(fmt: str, ws: Workspace) -> None:
    title = next(iter(ws.files.values())).title
    outline = read(Path(f"plan.{fmt}"), fmt, export(ws, fmt))
    assert outline.title == " ".join(title.split()) if fmt == "mm" else outline.title == title


@pytest.mark.parametrize("fmt", ["opml", "mm", "csv", "xlsx"])
def test_export_is_deterministic(fmt: str, example: Workspace) -> None:
    pytest.importorskip("openpyxl")
    assert export(example, fmt) == export(example, fmt)


@pytest.fixture
def example() -> Workspace:
    return store.load(MAPS / "ideal-group.yaml")


@pytest.mark.parametrize("fmt", ["opml", "mm", "csv", "xlsx"])
def test_the_example_map_comes_back_equal(fmt: str, example: Workspace) -> None:
    pytest.importorskip("openpyxl")
    assert carried(round_trip(example, fmt)) == carried(example.nodes())
