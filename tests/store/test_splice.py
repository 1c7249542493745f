"""An edit changes only the nodes it touched: every other node keeps its text, byte for byte."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from tests.conftest import run_cli
from tests.strategies import examples, map_files

from backmap import edits, store
from backmap.model import MapFile, Workspace

WARD = """\
# Ward 7 plan
backmap: 1
title: Ward 7   # short title
nodes:
  - id: safe
    title: Patients are safe      # kind after title on purpose
    kind: outcome
  - kind: goal
    id: falls
    title: 'Fewer falls'
    supports:
      - safe   # the main one
    owner: nina
  - id: bedalarm
    kind: initiative
    title: Bed alarms
    supports: [falls]
    due: 2027-01-31
    owner: nina
    progress: 40.0
    tags: [ nights, equipment ]
    description: >
      Alarms on every bed
      in bay 3 first.
  - id: hands
    kind: goal
    title: Hands are washed
    supports: [safe]
"""

# Each part of WARD as (first line, end line), 0-based.
PARTS = {
    "<head>": (0, 4),
    "safe": (4, 7),
    "falls": (7, 13),
    "bedalarm": (13, 24),
    "hands": (24, 28),
}

Edit = Callable[[Workspace], edits.Edit]
CASES: dict[str, tuple[list[str], Edit, set[str]]] = {
    "set": (
        ["set", "bedalarm", "--sub-owner", "tom"],
        lambda ws: edits.change(ws, "bedalarm", sub_owner="tom"),
        {"bedalarm"},
    ),
    "add": (
        ["add", "initiative", "Gloves", "--supports", "hands"],
        lambda ws: edits.add(ws, "initiative", "Gloves", supports=["hands"]),
        set(),
    ),
    "rm": (["rm", "falls", "--yes"], lambda ws: edits.remove(ws, "falls"), {"falls", "bedalarm"}),
    "rename": (
        ["rename", "hands", "handwash"],
        lambda ws: edits.rename(ws, "hands", "handwash"),
        {"hands"},
    ),
    # A rename changes the `supports` of the nodes beneath: they are written anew too.
    "rename-parent": (
        ["rename", "falls", "fewer-falls"],
        lambda ws: edits.rename(ws, "falls", "fewer-falls"),
        {"falls", "bedalarm"},
    ),
    "link": (
        ["link", "bedalarm", "safe"],
        lambda ws: edits.link(ws, "bedalarm", "safe"),
        {"bedalarm"},
    ),
    "unlink": (
        ["unlink", "falls", "safe"],
        lambda ws: edits.unlink(ws, "falls", "safe"),
        {"falls"},
    ),
}


def _cli(*args: str) -> None:
    run = run_cli(*args, env={"BACKMAP_STATE_DIR": "off"})
    assert run.code == 0, run.err


def changed_lines(before: str, after: str) -> set[int]:
    """The lines of `before` a line diff (as git shows it) removes or replaces."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), False)
    return {
        line
        for tag, i1, i2, _, _ in matcher.get_opcodes()
        if tag != "equal"
        for line in range(i1, i2)
    }


def expected(path: Path, edit: Edit) -> MapFile:
    ws = store.load(path)
    edit(ws).apply(ws)
    return ws.files[path]


@pytest.mark.parametrize("case", list(CASES))
def test_an_edit_changes_only_the_lines_of_the_nodes_it_touched(tmp_path: Path, case: str) -> None:
    args, edit, touched = CASES[case]
    path = tmp_path / "ward.yaml"
    path.write_text(WARD, encoding="utf-8")
    want = expected(path, edit)
    _cli(*args, "--map", str(path))
    after = path.read_text(encoding="utf-8")
    assert store.load(path).files[path] == want
    allowed = {line for node in touched for line in range(*PARTS[node])}
    assert changed_lines(WARD, after) <= allowed
    lines = WARD.splitlines(keepends=True)
    for name, (start, end) in PARTS.items():
        if name not in touched:
            assert "".join(lines[start:end]) in after, name


def test_a_comment_on_a_removed_list_entry_stays_inside_its_node(tmp_path: Path) -> None:
    path = tmp_path / "ward.yaml"
    path.write_text(WARD, encoding="utf-8")
    _cli("unlink", "falls", "safe", "--map", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("    # the main one")
    # Where `supports` was: after the node's first lines, above its next field.
    assert lines[at - 3 : at + 2] == [
        "  - id: falls",
        "    kind: goal",
        "    title: Fewer falls",
        "    # the main one",
        "    owner: nina",
    ]
    # Read again, it is still the node's, and the next edit keeps it there.
    _cli("set", "falls", "--owner", "omer", "--map", str(path))
    assert "    # the main one\n    owner: omer\n" in path.read_text(encoding="utf-8")


def test_fmt_still_writes_the_whole_canonical_form(tmp_path: Path) -> None:
    path = tmp_path / "ward.yaml"
    path.write_text(WARD, encoding="utf-8")
    _cli("set", "bedalarm", "--sub-owner", "tom", "--map", str(path))
    assert "  - kind: goal\n" in path.read_text(encoding="utf-8")  # the edit left it alone
    _cli("fmt", "--map", str(path))
    ws = store.load(path)
    assert path.read_text(encoding="utf-8") == store.dumps(ws, path)
    assert "  - kind: goal" not in path.read_text(encoding="utf-8")


COLUMN_ZERO = """\
backmap: 1
title: T
nodes:
- id: a
  title: 'A'
  kind: goal
- kind: initiative
  id: b
  title: B
  supports:
  - a
"""


def test_items_at_column_zero_get_new_nodes_at_column_zero(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(COLUMN_ZERO, encoding="utf-8")
    _cli("add", "initiative", "New one", "--supports", "a", "--map", str(path))
    _cli("set", "b", "--owner", "dana", "--map", str(path))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(COLUMN_ZERO[: COLUMN_ZERO.index("- kind: initiative")])
    assert "- id: new-one\n  kind: initiative\n  title: New one\n  supports: [a]\n" in text
    assert "- id: b\n  kind: initiative\n  title: B\n  supports: [a]\n  owner: dana\n" in text
    ws = store.load(path)
    assert [n.id for n in ws.files[path].nodes] == ["a", "b", "new-one"]
    assert ws.node("b").owner == "dana"


def test_crlf_file_keeps_every_untouched_byte(tmp_path: Path) -> None:
    path = tmp_path / "ward.yaml"
    before = WARD.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(before)
    _cli("set", "bedalarm", "--sub-owner", "tom", "--map", str(path))
    after = path.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n") == WARD.count("\n")
    kept = b"".join(WARD.replace("\n", "\r\n").encode().splitlines(keepends=True)[:13])
    assert after.startswith(kept) and after.endswith(before[before.index(b"  - id: hands") :])
    assert store.load(path).node("bedalarm").sub_owner == "tom"


def test_a_byte_order_mark_is_kept_by_every_save(tmp_path: Path) -> None:
    path = tmp_path / "ward.yaml"
    original = b"\xef\xbb\xbf" + WARD.encode("utf-8")
    path.write_bytes(original)
    state = {"BACKMAP_STATE_DIR": str(tmp_path / "state")}
    run = run_cli("set", "bedalarm", "--sub-owner", "tom", "--map", str(path), env=state)
    assert run.code == 0, run.err
    assert path.read_bytes().startswith(b"\xef\xbb\xbf# Ward 7 plan\n")
    run = run_cli("undo", "--map", str(path), env=state)
    assert run.code == 0, run.err
    assert path.read_bytes() == original
    _cli("set", "bedalarm", "--sub-owner", "tom", "--map", str(path))
    _cli("rename", "hands", "handwash", "--map", str(path))
    _cli("fmt", "--map", str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
    ws = store.load(path)
    assert ws.node("bedalarm").sub_owner == "tom" and "handwash" in ws


# A map as another tool writes it: keys sorted, lists in blocks, its own indent and quotes.
def _hand_written(mapfile: MapFile, indent: int, commented: list[bool]) -> tuple[str, list[str]]:
    """The text of `mapfile` in another style than backmap's, and each node's text in it."""
    pad = " " * indent
    head = yaml.safe_dump(
        mapfile.model_dump(mode="json", exclude_none=True, exclude={"nodes"}),
        sort_keys=True,
        width=60,
    )
    parts = []
    for index, node in enumerate(mapfile.nodes):
        dumped = yaml.safe_dump(
            [node.model_dump(mode="json", exclude_none=True)], sort_keys=True, width=60
        )
        lines = [pad + ln if ln else ln for ln in dumped.splitlines()]
        note = [f"{pad}# note {index}"] if commented[index % len(commented)] else []
        parts.append("\n".join([*note, *lines]) + "\n")
    return head + ("nodes:\n" if parts else "nodes: []\n") + "".join(parts), parts


@st.composite
def _steps(draw: st.DrawFn) -> list[tuple[str, int, int]]:
    actions = st.sampled_from(["title", "owner", "add", "remove", "rename", "link", "unlink"])
    return draw(st.lists(st.tuples(actions, st.integers(0, 50), st.integers(0, 50)), max_size=6))


def _apply(ws: Workspace, path: Path, action: str, a: int, b: int) -> None:
    nodes = ws.files[path].nodes
    if not nodes and action != "add":
        return
    one, two = nodes[a % len(nodes)] if nodes else None, nodes[b % len(nodes)] if nodes else None
    try:
        if action == "title" and one:
            edit = edits.change(ws, one.id, title=f"Changed {a}")
        elif action == "owner" and one:
            edit = edits.change(ws, one.id, owner=None if one.owner else "dana")
        elif action == "add":
            supports = [one.id] if one and one.kind.value != "initiative" else []
            edit = edits.add(ws, "initiative", f"Added {a} {b}", supports=supports)
        elif action == "remove" and one:
            edit = edits.remove(ws, one.id)
        elif action == "rename" and one:
            edit = edits.rename(ws, one.id, f"renamed-{a}-{b}")
        elif action == "link" and one and two:
            edit = edits.link(ws, one.id, two.id)
        elif action == "unlink" and one and one.supports:
            edit = edits.unlink(ws, one.id, one.supports[b % len(one.supports)])
        else:
            return
    except (edits.EditError, edits.NothingChanged):
        return
    edit.apply(ws)


@settings(
    max_examples=int(os.environ.get("BACKMAP_EXAMPLES", examples(120))),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    mapfile=map_files(),
    indent=st.integers(0, 4),
    commented=st.lists(st.booleans(), min_size=1, max_size=3),
    steps=_steps(),
)
def test_random_edits_load_back_as_the_workspace_and_keep_untouched_nodes(
    tmp_path: Path,
    mapfile: MapFile,
    indent: int,
    commented: list[bool],
    steps: list[tuple[str, int, int]],
) -> None:
    path = tmp_path / "m.yaml"
    text, parts = _hand_written(mapfile, indent, commented)
    path.write_text(text, encoding="utf-8")
    try:
        ws = store.load(path)
    except store.LoadError:  # YAML 1.1 (the other tool) leaves `1e5` plain; 1.2 reads a number
        assume(False)
        raise
    loaded = {node.id: (node, part) for node, part in zip(ws.files[path].nodes, parts, strict=True)}
    # Twice, as the editor saves: the second save starts from what the first one wrote.
    touched: set[str] = set()  # changed at some save: written anew then, even if changed back
    for half in (steps[: len(steps) // 2], steps[len(steps) // 2 :]):
        for step in half:
            _apply(ws, path, *step)
        store.save(ws)
        assert store.load(path).files[path] == ws.files[path]
        touched |= {n.id for n in ws.files[path].nodes if loaded.get(n.id, (None,))[0] != n}
    after = path.read_text(encoding="utf-8")
    for node in ws.files[path].nodes:
        if node.id in loaded and node.id not in touched:
            # Its text, less a note above it that may have gone with a removed node.
            part = loaded[node.id][1]
            assert part[part.index("-") - indent :] in after, node.id
