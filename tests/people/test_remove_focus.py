"""`person rm --reassign`: the removed person's entries in focus.yaml go to the one who takes
over, in the same save, and `backmap undo` takes all of it back."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import Run, run_cli

from backmap.people.focus import Focus
from backmap.store.focus import parse_focus
from backmap.store.focus_ids import EntriesClash, with_person_moved

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
    owner: lena
  - id: search
    kind: initiative
    title: Search that finds the page
    supports: [guides]
    owner: lena
  - id: glossary
    kind: initiative
    title: One glossary
    supports: [guides]
    owner: lena
"""

PEOPLE = """\
people:
  - id: amir
    name: Amir Haddad
  - id: lena
    name: Lena Berg
  - id: zoe
    name: Zoe Li
"""

FOCUS = """\
# What we focus on.
2026-Q4:
  people:
    lena:
      lessons:
        - text: Examples age faster than prose
          nodes: [api-examples]
2027-Q1:
  people:
    amir:
      focus: [guides]
    lena:  # back from leave in February
      focus: [api-examples, search]
      lessons:
        - text: Search needs synonyms
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "docs.yaml").write_text(MAP)
    (folder / "people.yaml").write_text(PEOPLE)
    (folder / "focus.yaml").write_text(FOCUS)
    return folder


def bm(root: Path, *args: str) -> Run:
    return run_cli(*args, "--map", str(root), env={"BACKMAP_STATE_DIR": str(root.parent / "s")})


def test_rm_reassign_gives_the_focus_entries_to_who_takes_over(root: Path) -> None:
    result = bm(root, "person", "rm", "lena", "--reassign", "amir")
    assert result.code == 0, result.err
    assert "focus.yaml" in result.err
    assert "amir took over" in result.err
    assert "their entries in focus.yaml for 2026-Q4, 2027-Q1" in result.err
    assert (root / "focus.yaml").read_text() == (
        "# What we focus on.\n"
        "2026-Q4:\n"
        "  people:\n"
        "    amir:\n"
        "      lessons:\n"
        "        - text: Examples age faster than prose\n"
        "          nodes: [api-examples]\n"
        "2027-Q1:\n"
        "  people:\n"
        "    amir:\n"
        "      focus: [guides, api-examples, search]\n"
        "      lessons:\n"
        "        - text: Search needs synonyms\n"
    )
    assert bm(root, "check", "--select", "BM713").code == 0
    assert bm(root, "undo").code == 0
    assert (root / "focus.yaml").read_text() == FOCUS
    assert (root / "people.yaml").read_text() == PEOPLE
    assert (root / "docs.yaml").read_text() == MAP


def test_rm_reassign_refuses_what_would_pass_three_focus_items(root: Path) -> None:
    (root / "focus.yaml").write_text(FOCUS.replace("focus: [guides]", "focus: [guides, glossary]"))
    before = {p.name: p.read_text() for p in root.iterdir()}
    result = bm(root, "person", "rm", "lena", "--reassign", "amir")
    assert result.code == 2
    assert result.err == (
        "backmap: error: focus.yaml: in 2027-Q1, `amir` has 2 focus items and `lena` 2 more: "
        "together 4, and an entry holds at most 3. Drop some first (backmap focus 2027-Q1 "
        "--owner amir --drop ID ...), then run this again\n"
    )
    assert {p.name: p.read_text() for p in root.iterdir()} == before


def test_rm_without_reassign_says_the_focus_entries_stay(root: Path) -> None:
    (root / "docs.yaml").write_text(MAP.replace("owner: lena", "owner: zoe"))
    result = bm(root, "person", "rm", "lena")
    assert result.code == 0, result.err
    assert (
        "note: focus.yaml keeps the entries of `lena` for 2026-Q4, 2027-Q1, which no view shows "
        "now (rule BM713); to give them to someone: backmap undo, then backmap person rm lena "
        "--reassign ID\n" in result.err
    )
    assert (root / "focus.yaml").read_text() == FOCUS


def test_rm_reassign_refuses_what_would_pass_three_lessons(root: Path) -> None:
    lessons = "".join(f"        - text: Lesson {n}\n" for n in range(3))
    (root / "focus.yaml").write_text(
        FOCUS.replace(
            "      focus: [guides]\n", f"      focus: [guides]\n      lessons:\n{lessons}"
        )
    )
    result = bm(root, "person", "rm", "lena", "--reassign", "amir")
    assert result.code == 2
    assert "in 2027-Q1, `amir` has 3 lessons and `lena` 1 more: together 4" in result.err
    assert "Remove some from focus.yaml first, then run this again" in result.err
    assert "lena" in (root / "people.yaml").read_text()


def _focus(text: str) -> Focus:
    return parse_focus(Path("focus.yaml"), text, "")


def test_an_entry_written_on_one_line_is_joined_and_taken_out() -> None:
    text = (
        "2027-Q1:\n"
        "  people:\n"
        "    lena: {focus: [search]}  # on leave\n"
        "    amir: {focus: [guides]}\n"
        "  teams:\n"
        "    docs:\n"
        "      focus: [guides]\n"
    )
    assert with_person_moved(_focus(text), "lena", "amir") == (
        "2027-Q1:\n"
        "  people:\n"
        "    amir:\n"
        "      focus: [guides, search]\n"
        "  teams:\n"
        "    docs:\n"
        "      focus: [guides]\n"
    )


def test_people_written_on_the_line_of_people_are_not_joined() -> None:
    text = "2027-Q1:\n  people: {lena: {focus: [search]}, amir: {focus: [guides]}}\n"
    with pytest.raises(EntriesClash) as caught:
        with_person_moved(_focus(text), "lena", "amir")
    assert (caught.value.period, caught.value.what) == ("2027-Q1", "")
