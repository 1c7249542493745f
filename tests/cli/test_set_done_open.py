"""`set --status done` on a goal or outcome whose initiatives are still open: done, as asked
(exit 0), and a note naming the open initiatives beneath it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

from backmap import store

MAP = """\
backmap: 1
title: Team
nodes:
  - id: calm
    kind: outcome
    title: Calm weeks
  - id: fewer-pings
    kind: goal
    title: Fewer pings
    supports: [calm]
  - id: quiet-hours
    kind: initiative
    title: Quiet hours
    supports: [fewer-pings]
    status: active
  - id: digest
    kind: initiative
    title: One daily digest
    supports: [fewer-pings]
  - id: mute-bots
    kind: initiative
    title: Mute the bots
    supports: [fewer-pings]
    status: done
  - id: old-rota
    kind: initiative
    title: The old rota
    supports: [fewer-pings]
    status: dropped
"""


def test_done_on_a_goal_with_open_initiatives_notes_them(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    result = run_cli("set", "fewer-pings", "--status", "done", "--map", str(path))
    assert result.code == 0, result.err
    assert "note: `fewer-pings` has 2 open initiatives: `quiet-hours`, `digest`\n" in result.err
    assert store.load(path).node("fewer-pings").status == "done"
    # An outcome counts the initiatives of the goals beneath it too.
    above = run_cli("set", "calm", "--status", "done", "--map", str(path))
    assert "note: `calm` has 2 open initiatives: `quiet-hours`, `digest`\n" in above.err


def test_done_with_every_initiative_closed_has_no_note(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP.replace("    status: active\n", "    status: done\n", 1))
    for node_id in ("digest", "fewer-pings"):
        result = run_cli("set", node_id, "--status", "done", "--map", str(path))
        assert result.code == 0, result.err
        assert "open initiative" not in result.err
