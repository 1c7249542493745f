"""Comments are found when first needed (saving), not on every load, and nothing changes by it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from backmap import edits, store
from backmap.store import outline as outline_module

KEPT = """\
# Header of the file.
backmap: 1
title: Kept  # the title

nodes:
  - id: rest
    kind: outcome
    title: Rest

  # Goals
  - title: Calm  # why this goal
    id: calm
    kind: goal
"""


def _walks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = outline_module.outline

    def counted(text: str) -> outline_module.Outline:
        calls.append(1)
        return real(text)

    for name in ("trivia", "parse", "stored"):
        monkeypatch.setattr(importlib.import_module(f"backmap.store.{name}"), "outline", counted)
    return calls


def test_loading_a_commented_map_does_not_walk_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.yaml"
    first_id = "  - id: calm\n    title: Calm  # why this goal"
    path.write_text(KEPT.replace("  - title: Calm  # why this goal\n    id: calm", first_id))
    calls = _walks(monkeypatch)
    ws = store.load(path)
    assert store.line_of(ws, "calm") == (path, 11)
    assert calls == []
    assert ws.stored is not None
    assert ws.stored.comments["calm"][("title",)] == ((), ("  # why this goal",))
    assert calls == [1]


def test_a_node_that_does_not_start_with_its_id_is_placed_on_its_first_key(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(KEPT)
    assert store.line_of(store.load(path), "calm") == (path, 11)


def test_comments_found_after_edits_are_those_of_the_file_as_loaded(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    saved = []
    for early in (True, False):
        path.write_text(KEPT)
        ws = store.load(path)
        assert ws.stored is not None
        if early:
            assert ws.stored.comments  # found before the edits
        edits.change(ws, "calm", kind="outcome").apply(ws)  # no longer begins a section
        edits.change(ws, "rest", title="Rest well").apply(ws)
        store.save(ws)
        saved.append(path.read_text())
    assert saved[0] == saved[1]
    assert "# Header of the file." in saved[1]
    assert "# Goals" in saved[1] and "# why this goal" in saved[1]


def test_a_saved_file_says_whether_its_text_has_comments_as_a_load_of_it_would(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.yaml"
    plain = "backmap: 1\ntitle: Plain\nnodes:\n  - id: rest\n    kind: outcome\n    title: Rest\n"
    for text in (KEPT, plain):
        path.write_text(text)
        ws = store.load(path)
        edits.change(ws, "rest", title="Rest well").apply(ws)
        store.save(ws)
        assert ws.stored is not None
        loaded = store.load(path).stored
        assert loaded is not None
        trivia = ws.stored.origins[path].trivia
        assert trivia is loaded.origins[path].trivia is (text is KEPT)


@pytest.mark.parametrize("line", ["\t# a comment after a tab", "  # a line\u2028break"])
def test_a_comment_the_outline_cannot_read_fails_the_load_not_a_later_save(
    tmp_path: Path, line: str
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(KEPT + line + "\n", encoding="utf-8")
    with pytest.raises(store.LoadError) as caught:
        store.load(path)
    assert caught.value.problems[0].line >= 14  # on the line, or as PyYAML counts lines


def test_the_editor_snapshot_leaves_finding_comments_to_the_recovery_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(KEPT)
    ws = store.load(path)
    calls = _walks(monkeypatch)
    edits.change(ws, "rest", title="Rest well").apply(ws)
    snap = store.snapshot(ws)  # taken on the editor's UI thread: pointers only
    assert calls == []
    store.write_recovery(snap)  # the writer's thread
    assert calls == [1]
    recovered = store.read_recovery(path)
    assert recovered is not None
    [text] = recovered.texts.values()
    assert "# Goals" in text and "# why this goal" in text and "Rest well" in text
    store.clear_recovery(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\n", False),
        ("a: 1 \nb: 2\t\n", False),  # trailing spaces are not a blank line
        ("a: 1\r\nb: 2 \r\n", False),
        ("a: 1  # note\n", True),
        ("a: 1\n\nb: 2\n", True),
        ("a: 1\r\n\r\nb: 2\r\n", True),
        ("a: 1\n   \nb: 2\n", True),
        ("a: 1\n\t\nb: 2\n", True),
        ("a: 1\r\n \t\r\nb: 2\r\n", True),
    ],
)
def test_every_kind_of_blank_line_counts_as_trivia(text: str, expected: bool) -> None:
    """Texts without trivia skip finding comments at all; a blank line of spaces, of tabs or
    before a CRLF must not pass for none."""
    from backmap.store.trivia import has_trivia

    assert has_trivia(text) is expected
