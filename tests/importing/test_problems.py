"""Bad input: every problem at once, each at its file:line or sheet!cell, in exact words."""

from __future__ import annotations

from pathlib import Path

import pytest

from backmap.importing import read
from backmap.importing.build import plan
from backmap.model import Workspace

BAD = Path(__file__).parent / "data" / "bad"


def problems(name: str, data: bytes | None = None) -> list[str]:
    path = BAD / name
    outline = read(Path(name), path.suffix.lstrip("."), data or path.read_bytes())
    return [str(p) for p in plan(outline, Workspace(Path("new.yaml"))).problems]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "cycle.csv",
            [
                "cycle.csv:3: error: a cycle through parents: 'Reduce stress' -> 'Calm weeks' -> "
                "'Quiet hours' -> 'Reduce stress' (each is under the next); break one of the links"
            ],
        ),
        (
            "unknown-parent.csv",
            [
                "unknown-parent.csv:3: error: unknown parent 'Employees are hapy': no entry or "
                "node has this id or title; did you mean 'Employees are happy'?"
            ],
        ),
        (
            "ambiguous.csv",
            [
                "ambiguous.csv:5: error: ambiguous parent 'reduce stress': 2 entries have this "
                "title (ambiguous.csv:3, ambiguous.csv:4); name the parent by its id"
            ],
        ),
        (
            "indentation.md",
            [
                "indentation.md:6: error: inconsistent indentation: 2 spaces matches no bullet "
                "above (0, 4 or 8 spaces); indent it like its siblings"
            ],
        ),
        (
            "dates.csv",
            [
                "dates.csv:2: error: due: 2027-02-30 does not exist, February 2027 has 28 days",
                "dates.csv:3: error: due: 'next week' is not a date like 2027-03-31 (YYYY-MM-DD)",
                "dates.csv:3: error: progress: '120' is not a number from 0 to 100",
                "dates.csv:3: error: status: 'busy' is not a status: choose from idea, planned, "
                "active, done, dropped",
            ],
        ),
        (
            "broken.opml",
            ["broken.opml:5: error: not well-formed XML: mismatched tag (column 3)"],
        ),
    ],
)
def test_exact_messages(name: str, expected: list[str]) -> None:
    assert problems(name) == expected


@pytest.mark.parametrize("name", ["billion-laughs.opml", "external-entity.mm"])
def test_entities_are_never_expanded(name: str) -> None:
    # Refused at the DOCTYPE, before any entity is declared: the file is never expanded
    # (a billion laughs would take gigabytes) and nothing outside it is read.
    assert problems(name) == [
        f"{name}:2: error: the file declares a DOCTYPE, which backmap does not read (it can hide "
        "entity expansion); remove the <!DOCTYPE ...> line"
    ]


def test_an_entity_declared_without_doctype_is_refused() -> None:
    from backmap.importing import xmlsafe

    with pytest.raises(xmlsafe.XMLRefused):
        xmlsafe.parse(b'<opml><body><outline text="&lol;"/></body></opml>')


def test_every_problem_of_a_file_is_reported() -> None:
    text = (
        "title,parent,due,id\n"
        "Happy,,,\n"
        "Calm,Hapy,2027-13-01,\n"
        "Calm down,Calm,,Bad Id\n"
        "Rest,Nobody,,\n"
    )
    assert problems("many.csv", text.encode()) == [
        "many.csv:3: error: due: there is no month 13; write YYYY-MM-DD, like 2027-03-31",
        "many.csv:3: error: unknown parent 'Hapy': no entry or node has this id or title; "
        "did you mean 'Happy'?",
        "many.csv:4: error: 'Bad Id' is not an id: use lowercase letters, digits and '-' "
        "(e.g. 'bad-id')",
        "many.csv:5: error: unknown parent 'Nobody': no entry or node has this id or title",
    ]


def test_xlsx_problems_name_the_sheet_and_cell(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Goals"
    for row in [["Title", "Owner", "Due"], ["Happy", "", ""], ["Calm", "dana", "soon"]]:
        sheet.append(row)
    path = tmp_path / "goals.xlsx"
    book.save(path)
    outline = read(Path("goals.xlsx"), "xlsx", path.read_bytes())
    found = [str(p) for p in plan(outline, Workspace(Path("new.yaml"))).problems]
    assert found == [
        "goals.xlsx Goals!C3: error: due: 'soon' is not a date like 2027-03-31 (YYYY-MM-DD)"
    ]


def test_a_sheet_without_a_title_column() -> None:
    assert problems("no-title.csv", b"name,owner\nHappy,dana\n") == [
        "no-title.csv:1: error: no title column: name one 'title' (or map it with "
        "--columns NAME=title), or lay the tree out in columns named Outcome, Goal and "
        "Initiative"
    ]


def test_control_characters_are_named() -> None:
    assert problems("ctl.csv", b"title,owner\nHappy\x07 people,dana\n") == [
        "ctl.csv:2: error: `title` contains the control character U+0007 at character 6: "
        "remove it (tabs and line breaks are fine)"
    ]
