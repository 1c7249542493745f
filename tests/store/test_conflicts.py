"""A file changed on disk while a map was open: named in the error, worded by each front end."""

from __future__ import annotations

from pathlib import Path

import pytest

from backmap import edits, store
from backmap.cli import common

MAP = """\
backmap: 1
title: One
nodes:
  - id: calm
    kind: outcome
    title: Calm evenings
"""


def loaded(tmp_path: Path) -> tuple[Path, object]:
    path = tmp_path / "one.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path, store.load(path)


def test_a_conflict_is_a_field_of_the_error_not_only_its_words(tmp_path: Path) -> None:
    path, ws = loaded(tmp_path)
    edits.change(ws, "calm", title="Mine").apply(ws)
    path.write_text(MAP.replace("Calm evenings", "Theirs"), encoding="utf-8")
    with pytest.raises(store.SaveError) as caught:
        store.save(ws)
    assert caught.value.conflicts == [path]
    assert "--force" not in str(caught.value)  # no command of the CLI has it
    path.unlink()
    with pytest.raises(store.SaveError) as caught:
        store.save(ws)
    assert caught.value.conflicts == [path]


def test_a_refusal_that_force_cannot_lift_is_no_conflict(tmp_path: Path) -> None:
    path, ws = loaded(tmp_path)
    edits.change(ws, "calm", title="Mine").apply(ws)
    path.chmod(0o444)
    try:
        with pytest.raises(store.SaveError) as caught:
            store.save(ws)
    finally:
        path.chmod(0o644)
    assert caught.value.conflicts == []


def test_the_cli_says_to_run_the_command_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, ws = loaded(tmp_path)
    path.write_text(MAP.replace("Calm evenings", "Theirs"), encoding="utf-8")
    with pytest.raises(common.Fail):
        common.apply_and_save(ws, lambda: edits.change(ws, "calm", title="Mine"))
    err = capsys.readouterr().err
    assert f"{path}: error: changed on disk since it was loaded" in err
    assert "--force" not in err
    assert "run the command again" in err and "git status" in err
    assert "Theirs" in path.read_text()
