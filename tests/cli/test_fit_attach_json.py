"""`fit --attach --json` always prints its answer: added, declined, not asked, or already there."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import MAPS, run_cli


def copy_map(tmp_path: Path) -> Path:
    path = tmp_path / "ideal-group.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    return path


IDEA = "Quiet hours after six"


def test_declined_at_the_question_prints_the_answer_with_nothing_attached(tmp_path: Path) -> None:
    path = copy_map(tmp_path)
    before = path.read_text()
    result = run_cli(
        "fit", IDEA, "--attach", "less-stress", "--json", "--map", str(path),
        input="n\n", terminal=True,
    )  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["query"] == IDEA and data["places"]
    assert (data["attached"], data["not_attached"]) == (None, "declined")
    assert "nothing added" in result.err
    assert path.read_text() == before


def test_with_no_terminal_to_ask_on_the_answer_is_printed_and_it_exits_2(tmp_path: Path) -> None:
    path = copy_map(tmp_path)
    before = path.read_text()
    result = run_cli("fit", IDEA, "--attach", "less-stress", "--json", "--map", str(path))
    assert result.code == 2
    data = json.loads(result.out)
    assert (data["attached"], data["not_attached"]) == (None, "no terminal")
    assert "pass --yes to attach it" in result.err
    assert path.read_text() == before


def test_added_and_already_there_say_so(tmp_path: Path) -> None:
    path = copy_map(tmp_path)
    args = ("fit", IDEA, "--attach", "less-stress", "--json", "--yes", "--map", str(path))
    added = run_cli(*args)
    assert added.code == 0, added.err
    data = json.loads(added.out)
    assert (data["attached"], data["not_attached"]) == ("quiet-hours-after-six", None)
    again = run_cli(*args)
    assert again.code == 0, again.err
    data = json.loads(again.out)
    assert (data["attached"], data["not_attached"]) == (None, "already there")
    assert "nothing changed" in again.err


def test_without_attach_the_key_is_null() -> None:
    result = run_cli("fit", IDEA, "--json", "--map", str(MAPS / "ideal-group.yaml"))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["attached"], data["not_attached"]) == (None, None)
