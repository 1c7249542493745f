"""Removing a node keeps the comment header of the section it began, and drops its own comments."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

from backmap import edits, store

GOALS = "  # Goals: what has to be true for the outcomes to happen."
INITIATIVES = "  # Initiatives: what we actually do. Each one names an owner and a sub-owner."

TEAMS = """\
backmap: 1
title: Teams
nodes:
  - id: goal
    kind: outcome
    title: The goal
  # Team platform

  # First of its team, and this comment is about it.
  - id: a
    kind: goal
    title: A
    supports: [goal]
  - id: b
    kind: goal
    title: B
    supports: [goal]
  # Initiatives
  - id: last
    kind: initiative
    title: Last
    supports: [b]
"""


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_rm_of_the_first_node_of_a_section_keeps_the_header(maps_copy: Path) -> None:
    path = maps_copy / "ideal-group.yaml"
    for node_id in ("less-stress", "off-hours"):
        run = run_cli("rm", node_id, "--yes", "--map", str(path))
        assert run.code == 0, run.err
    lines = lines_of(path)
    assert lines[lines.index(GOALS) + 1] == "  - id: protect-time-off"
    assert lines[lines.index(INITIATIVES) + 1] == "  - id: offline-vacations"
    assert run_cli("fmt", "--check", "--map", str(path)).code == 0


def test_rm_drops_the_comments_that_belong_to_the_node(maps_copy: Path) -> None:
    path = maps_copy / "org" / "group.yaml"
    assert "  # On purpose: nothing supports this goal yet" in path.read_text(encoding="utf-8")
    run = run_cli("rm", "smart-markdowns", "--yes", "--map", str(maps_copy / "org"))
    assert run.code == 0, run.err
    assert "On purpose" not in path.read_text(encoding="utf-8")


def test_a_header_set_apart_by_a_blank_line_stays_and_the_last_section_keeps_its_header(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(TEAMS, encoding="utf-8")
    assert run_cli("rm", "a", "--yes", "--map", str(path)).code == 0
    assert run_cli("rm", "last", "--yes", "--map", str(path)).code == 0
    text = path.read_text(encoding="utf-8")
    assert "  # Team platform\n\n  - id: b\n" in text
    assert "about it" not in text
    assert text.endswith("    supports: [goal]\n  # Initiatives\n")
    assert run_cli("fmt", "--check", "--map", str(path)).code == 0


def test_a_moved_header_stays_through_later_saves_and_undo_before_saving_is_exact(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(TEAMS, encoding="utf-8")
    ws = store.load(path)
    edit = edits.remove(ws, "a")
    edit.apply(ws)
    edit.revert(ws)
    assert store.dumps(ws, path) == TEAMS
    edit.apply(ws)
    store.save(ws)
    edits.change(ws, "b", title="B2").apply(ws)
    store.save(ws)
    assert "  # Team platform\n\n  - id: b\n" in path.read_text(encoding="utf-8")
