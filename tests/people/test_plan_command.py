"""`backmap plan PERSON`: what a person owns or sub-owns, each with its chains up to the
outcomes, found by id, name or handle."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MAPS, run_cli
from tests.people.test_people_command import MAP, PEOPLE
from tests.workspaces import write_workspace

HANDLES = PEOPLE.replace(
    "    manager: dana\n", "    manager: dana\n    handles:\n      github: maya-k\n", 1
)
# A second way up for `focus`, and an initiative that serves nothing.
MORE = """\
  - id: deep-work
    kind: goal
    title: Deep work
    supports: [calm]
    owner: lee
  - id: stray
    kind: initiative
    title: A stray idea
    sub_owner: maya
"""


def _workspace(tmp_path: Path) -> Path:
    text = MAP.replace(
        "    supports: [quiet]\n    owner: maya\n    sub_owner: lee",
        "    supports: [quiet, deep-work]\n    owner: maya\n    sub_owner: lee",
    )
    return write_workspace(tmp_path, text + MORE, people=HANDLES)


def test_a_plan_shows_each_item_with_its_chains(tmp_path: Path) -> None:
    result = run_cli("plan", "maya-k", "--today", "2027-03-01", cwd=_workspace(tmp_path))
    assert result.code == 0, result.err
    assert result.out == (
        "Maya Kowalski (maya) · team platform · reports to Dana Lee\n"
        "owns 2 · sub-owns 1 · open 2 · progress 5% · overdue 1 · at risk 1\n"
        "\n"
        "owns\n"
        "  ▸ Quiet hours [hours]  active · 0% · due 2027-02-01 · overdue\n"
        "      → ◆ Quiet afternoons → ◉ A calm team\n"
        "  ▸ Focus blocks [focus]  active · 10% · due 2027-03-20 · at risk\n"
        "      → ◆ Quiet afternoons → ◉ A calm team\n"
        "      → ◆ Deep work → ◉ A calm team\n"
        "\n"
        "sub-owns\n"
        "  ▸ A stray idea [stray]  n/a\n"
        "      supports nothing yet\n"
    )


def test_markdown_for_the_notes_of_a_one_on_one(tmp_path: Path) -> None:
    result = run_cli(
        "plan", "Maya Kowalski", "--format", "md", "--today", "2027-03-01", cwd=_workspace(tmp_path)
    )
    assert result.code == 0, result.err
    assert result.out.startswith("# Maya Kowalski (maya) · team platform · reports to Dana Lee\n")
    assert (
        "## Owns\n\n- **Quiet hours** (`hours`): active · 0% · due 2027-02-01 · overdue\n"
        in result.out
    )
    assert "  - → ◆ Deep work → ◉ A calm team\n" in result.out


def test_a_mistyped_person_is_refused_with_did_you_mean(tmp_path: Path) -> None:
    result = run_cli("plan", "mayya", cwd=_workspace(tmp_path))
    assert result.code == 2
    assert result.err == (
        "backmap: error: 'mayya' is not in the people file and owns nothing in this map: "
        "did you mean maya?\n"
    )


def test_the_example_org_connects_each_person_s_work() -> None:
    result = run_cli("plan", "mateo", "--map", str(MAPS / "org"), "--today", "2027-03-01")
    assert result.code == 0, result.err
    assert result.out.startswith("Mateo Rossi (mateo) · team insights · reports to Sofia Marin\n")
    assert (
        "  ▸ Live traffic in the ETA model [eta-live-traffic]  active · 50% · due 2027-02-15"
        " · overdue\n" in result.out
    )
    assert "◉ Households trust us with their weekly shop" in result.out


def test_a_sub_owned_item_past_its_due_date_is_flagged_overdue_too(tmp_path: Path) -> None:
    _workspace(tmp_path)
    path = tmp_path / "backmap.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    sub_owner: maya\n", "    sub_owner: maya\n    due: 2027-01-15\n"),
        encoding="utf-8",
    )
    result = run_cli("plan", "maya", "--today", "2027-03-01", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "  ▸ A stray idea [stray]  n/a · due 2027-01-15 · overdue\n" in result.out
    check = run_cli("check", "--select", "BM401", "--today", "2027-03-01", cwd=tmp_path)
    assert "`stray` was due 2027-01-15" in check.out


def test_a_person_is_found_by_name_whatever_its_case_and_spacing(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    people = root / "people.yaml"
    people.write_text(people.read_text().replace("Maya Kowalski", "Maya  Kowalski"))
    for name in ("maya kowalski", "MAYA   Kowalski", "Maya  Kowalski"):
        result = run_cli("plan", name, "--today", "2027-03-01", cwd=root)
        assert result.code == 0, (name, result.err)
        assert result.out.startswith("Maya  Kowalski"), (name, result.out)


def test_titles_with_a_line_break_stay_on_their_line(tmp_path: Path) -> None:
    text = MAP.replace("title: Quiet hours", 'title: "Quiet\\nhours"')
    text = text.replace("title: Quiet afternoons", 'title: "Quiet\\nafternoons"')
    (tmp_path / "backmap.yaml").write_text(text, encoding="utf-8")
    focus = run_cli("focus", "2027-03", "--owner", "maya", "hours", cwd=tmp_path)
    assert focus.code == 0, focus.err
    today = ("--today", "2027-03-01")
    for args in (
        ["plan", "maya", *today],
        ["plan", "maya", *today, "--format", "md"],
        ["focus", "2027-03"],
    ):
        shown = run_cli(*args, cwd=tmp_path)
        assert shown.code == 0, shown.err
        assert "Quiet hours" in shown.out, (args, shown.out)
        assert "Quiet\n" not in shown.out, (args, shown.out)
    chains = run_cli("plan", "maya", "--today", "2027-03-01", cwd=tmp_path).out
    assert "→ ◆ Quiet afternoons → ◉ A calm team" in chains, chains


def test_markdown_plan_escapes_the_titles_in_its_chains(tmp_path: Path) -> None:
    # A goal named with Markdown's own marks must not turn into emphasis in a one-on-one's notes.
    (tmp_path / "backmap.yaml").write_text(
        MAP.replace("title: Quiet afternoons", "title: Quiet *after*_noons_"), encoding="utf-8"
    )
    md = run_cli("plan", "maya", "--today", "2027-03-01", "--format", "md", cwd=tmp_path)
    assert md.code == 0, md.err
    assert r"Quiet \*after\*\_noons\_" in md.out, md.out
    assert "*after*" not in md.out, md.out
