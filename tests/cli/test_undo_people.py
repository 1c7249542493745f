"""`backmap undo` and `redo` after `person` and `focus`: the people and focus files are in the
journal like the maps, so undo takes back that command, not an earlier one."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import Run, bm

MAP = """\
backmap: 1
title: Docs
nodes:
  - id: guides
    kind: outcome
    title: People find answers in the guides
    owner: amir
  - id: api-examples
    kind: initiative
    title: Examples for every API call
    supports: [guides]
    owner: amir
    sub_owner: lena
"""

PEOPLE = """\
# Who writes the docs.
people:
  - id: amir
    name: Amir Haddad
    team: docs
  - id: lena
    name: Lena Berg
    team: docs
    manager: amir   # since March
"""

FOCUS = """\
# What we focus on.
2027-Q1:
  people:
    amir:
      focus: [api-examples]
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "docs-team.yaml").write_text(MAP)
    (folder / "people.yaml").write_text(PEOPLE)
    return folder


def ok(run: Run) -> Run:
    assert run.code == 0, run.err
    return run


def test_undo_after_person_add_takes_back_the_person_not_an_earlier_edit(root: Path) -> None:
    ok(bm(root, "set", "api-examples", "--due", "2027-06-01"))
    ok(bm(root, "person", "add", "zoe", "--name", "Zoe Li", "--team", "docs"))
    undone = ok(bm(root, "undo"))
    assert "zoe" in undone.err and "people.yaml" in undone.err
    assert (root / "people.yaml").read_text() == PEOPLE
    assert "due: 2027-06-01" in (root / "docs-team.yaml").read_text()
    ok(bm(root, "redo"))
    assert "id: zoe" in (root / "people.yaml").read_text()
    ok(bm(root, "undo"))
    ok(bm(root, "undo"))  # then the due date, the edit before it
    assert (root / "docs-team.yaml").read_text() == MAP


def test_undo_after_person_set_restores_the_file_byte_for_byte(root: Path) -> None:
    ok(bm(root, "person", "set", "lena", "--team", "web", "--manager", ""))
    assert "team: web" in (root / "people.yaml").read_text()
    ok(bm(root, "undo"))
    assert (root / "people.yaml").read_text() == PEOPLE  # the comment at manager is back


def test_undo_after_person_rm_with_reassign_restores_maps_and_people(root: Path) -> None:
    ok(bm(root, "set", "guides", "--status", "active"))
    after_set = (root / "docs-team.yaml").read_text()
    ok(bm(root, "person", "rm", "amir", "--reassign", "lena"))
    assert "amir" not in (root / "people.yaml").read_text()
    undone = ok(bm(root, "undo"))
    assert "amir" in undone.err
    assert (root / "people.yaml").read_text() == PEOPLE
    assert (root / "docs-team.yaml").read_text() == after_set
    ok(bm(root, "redo"))
    assert "amir" not in (root / "docs-team.yaml").read_text()


def test_undo_of_the_first_person_add_removes_the_people_file_it_made(root: Path) -> None:
    (root / "people.yaml").unlink()
    ok(bm(root, "person", "add", "zoe", "--name", "Zoe Li"))
    ok(bm(root, "undo"))
    assert not (root / "people.yaml").exists()
    ok(bm(root, "redo"))
    assert "id: zoe" in (root / "people.yaml").read_text()


def test_undo_refuses_when_the_people_file_changed_since(root: Path) -> None:
    ok(bm(root, "person", "add", "zoe", "--name", "Zoe Li"))
    by_hand = (root / "people.yaml").read_text().replace("Zoe Li", "Zoe Lee")
    (root / "people.yaml").write_text(by_hand)
    refused = bm(root, "undo")
    assert refused.code == 2
    assert "people.yaml changed since" in refused.err and "nothing was changed" in refused.err
    assert (root / "people.yaml").read_text() == by_hand


def test_undo_after_focus_and_debrief_takes_back_the_focus_file(root: Path) -> None:
    (root / "focus.yaml").write_text(FOCUS)
    ok(bm(root, "set", "api-examples", "--due", "2027-06-01"))
    ok(bm(root, "focus", "2027-Q1", "--owner", "lena", "api-examples"))
    after_focus = (root / "focus.yaml").read_text()
    ok(bm(root, "debrief", "2026-Q4", "--owner", "amir", "Examples first", "--node", "guides"))
    ok(bm(root, "undo"))
    assert (root / "focus.yaml").read_text() == after_focus
    undone = ok(bm(root, "undo"))
    assert "focus" in undone.err and "focus.yaml" in undone.err
    assert (root / "focus.yaml").read_text() == FOCUS
    assert "due: 2027-06-01" in (root / "docs-team.yaml").read_text()


def test_undo_of_the_first_focus_removes_the_focus_file_it_made(root: Path) -> None:
    ok(bm(root, "focus", "2027-Q1", "--owner", "lena", "api-examples"))
    assert (root / "focus.yaml").exists()
    ok(bm(root, "undo"))
    assert not (root / "focus.yaml").exists()


def test_undo_of_a_focus_in_an_empty_focus_file_keeps_the_file(root: Path) -> None:
    (root / "focus.yaml").write_text("")
    ok(bm(root, "focus", "2027-Q1", "--owner", "lena", "api-examples"))
    ok(bm(root, "undo"))
    assert (root / "focus.yaml").read_text() == ""
