"""`backmap person set OLD --id NEW`: a person's new id, followed by the maps' owner fields,
the managers of the people file and the entries of the focus file, in one save that `undo`
takes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import bm

MAP = """\
backmap: 1
title: Docs
nodes:
  - id: guides
    kind: outcome
    title: People find answers in the guides
    owner: amir   # since the reorg
  - id: api-examples
    kind: initiative
    title: Examples for every API call
    supports: [guides]
    owner: Lena Berg
    sub_owner: AMIR
  - id: tutorials
    kind: initiative
    title: Tutorials
    supports: [guides]
    owner: Amir Haddad
"""

PEOPLE = """\
# Who writes the docs.
people:
  # The lead.
  - id: amir
    name: Amir Haddad
    team: docs   # since 2025
  - id: lena
    name: Lena Berg
    team: docs
    manager: amir   # since March
"""

FOCUS = """\
# What we focus on.
2027-Q1:
  people:
    # Amir's, agreed in December.
    amir:
      focus: [api-examples]   # first
    lena: {focus: [tutorials]}
2027-Q2:
  people:
    "amir": {focus: [guides]}
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "docs-team.yaml").write_text(MAP)
    (folder / "people.yaml").write_text(PEOPLE)
    (folder / "focus.yaml").write_text(FOCUS)
    return folder


def test_a_new_id_is_followed_by_owners_managers_and_focus_entries(root: Path) -> None:
    result = bm(root, "person", "set", "amir", "--id", "ahaddad")
    assert result.code == 0, result.err
    assert (root / "people.yaml").read_text() == PEOPLE.replace("amir", "ahaddad")
    # Written as the id (in any case): the new id. Written as the name: left as it is.
    assert (root / "docs-team.yaml").read_text() == MAP.replace("amir", "ahaddad").replace(
        "AMIR", "ahaddad"
    )
    assert (root / "focus.yaml").read_text() == FOCUS.replace("amir", "ahaddad")
    check = bm(root, "check")
    assert "BM713" not in check.out  # no focus entry for someone unknown
    assert "amir" not in check.out  # nothing names the old id
    undone = bm(root, "undo")
    assert undone.code == 0, undone.err
    assert (root / "people.yaml").read_text() == PEOPLE
    assert (root / "docs-team.yaml").read_text() == MAP
    assert (root / "focus.yaml").read_text() == FOCUS


def test_a_new_id_someone_has_is_refused(root: Path) -> None:
    result = bm(root, "person", "set", "amir", "--id", "lena")
    assert result.code == 2
    assert "`lena` is already in people.yaml" in result.err
    assert (root / "people.yaml").read_text() == PEOPLE


def test_a_new_id_with_focus_entries_of_its_own_is_refused(root: Path) -> None:
    (root / "focus.yaml").write_text(FOCUS + "    ahaddad: {focus: [tutorials]}\n")
    result = bm(root, "person", "set", "amir", "--id", "ahaddad")
    assert result.code == 2
    assert "focus.yaml" in result.err and "2027-Q2" in result.err
    assert (root / "people.yaml").read_text() == PEOPLE
    assert (root / "docs-team.yaml").read_text() == MAP


def test_a_new_id_that_is_not_an_id_is_refused(root: Path) -> None:
    result = bm(root, "person", "set", "amir", "--id", "Amir H")
    assert result.code == 2 and "is not a person's id" in result.err
