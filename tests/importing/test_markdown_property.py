"""Random outlines written as Markdown read back as the same tree, with their tokens' fields."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import examples

from backmap.importing import read
from backmap.importing.build import plan
from backmap.model import Status, Workspace

words = st.text("abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=8)
titles = st.lists(words, min_size=1, max_size=4).map(" ".join)
fields = st.fixed_dictionaries(
    {},
    optional={
        "owner": st.text("abcxyz", min_size=1, max_size=6),
        "status": st.sampled_from(list(Status)),
        "progress": st.integers(0, 100),
        "due": st.dates(date(2000, 1, 1), date(2099, 12, 31)),
        "tags": st.lists(st.text("abcxyz", min_size=1, max_size=5), min_size=1, max_size=2),
    },
)


@st.composite
def outlines(draw: st.DrawFn) -> list[tuple[int, str, dict[str, Any]]]:
    """(depth, title, fields) in document order; each depth at most one below the last."""
    entries: list[tuple[int, str, dict[str, Any]]] = []
    for number in range(draw(st.integers(1, 12))):
        deepest = entries[-1][0] + 1 if entries else 0
        title = f"{draw(titles)} n{number}"  # unique, to find each entry's node
        entries.append((draw(st.integers(0, deepest)), title, draw(fields)))
    # An entry with entries under it takes no progress (it rolls up): tests elsewhere show a
    # percentage ending its title stays there.
    for (depth, _, values), (below, *_) in pairwise(entries):
        if below > depth:
            values.pop("progress", None)
    return entries


def line(title: str, values: dict[str, Any]) -> str:
    tokens = [f"#{t}" for t in values.get("tags", [])]
    tokens += [f"@{values['owner']}"] if "owner" in values else []
    tokens += [f"({values['status'].value})"] if "status" in values else []
    tokens += [f"{values['progress']}%"] if "progress" in values else []
    tokens += [f"due:{values['due'].isoformat()}"] if "due" in values else []
    return " ".join([title, *tokens])


@settings(max_examples=examples(40), deadline=None)
@given(entries=outlines(), indent=st.sampled_from(["  ", "    ", "\t"]), headings=st.booleans())
def test_outline_reads_back(
    entries: list[tuple[int, str, dict[str, Any]]], indent: str, headings: bool
) -> None:
    text = []
    for depth, title, values in entries:
        if headings and depth == 0:
            text.append(f"## {line(title, values)}")
        else:
            # Under headings, the bullets start one level up.
            level = depth - 1 if headings else depth
            text.append(f"{indent * level}- {line(title, values)}")
    nodes = plan(read(Path("o.md"), "md", "\n".join(text).encode()), Workspace(Path("n.yaml")))
    assert not nodes.problems, [str(p) for p in nodes.problems]
    by_title = {n.title: n for n in nodes.nodes}
    assert len(by_title) == len(entries)
    stack: list[str] = []
    for depth, title, values in entries:
        node = by_title[title]
        del stack[depth:]
        assert node.supports == stack[-1:]
        stack.append(node.id)
        assert node.owner == values.get("owner")
        assert node.status == values.get("status")
        assert node.progress == values.get("progress")
        assert node.due == values.get("due")
        assert node.tags == values.get("tags", [])
