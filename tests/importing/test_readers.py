"""Each reader on files as tools write them, and how entries become nodes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.conftest import MAPS

from backmap import store
from backmap.importing import read, tokens
from backmap.importing.build import Plan, plan
from backmap.model import Kind, Workspace

DATA = Path(__file__).parent / "data"


def imported(name: str, text: str | None = None, **options: Any) -> Plan:
    path = DATA / name
    data = text.encode() if text is not None else path.read_bytes()
    fmt = path.suffix.lstrip(".")
    columns = options.pop("columns", None)
    outline = read(path, fmt, data, columns)
    return plan(outline, Workspace(Path("new.yaml")), **options)


def table(result: Plan) -> list[str]:
    """One line per node: id, kind, what it supports, then the fields that are set."""
    assert not result.problems, [str(p) for p in result.problems]
    lines = []
    for n in result.nodes:
        parts = [n.id, n.kind.value]
        parts += [f"<- {','.join(n.supports)}"] if n.supports else []
        owners = "/".join(o for o in (n.owner, n.sub_owner) if o)
        parts += [f"@{owners}"] if n.owner else [f"@/{n.sub_owner}"] if n.sub_owner else []
        parts += [n.status.value] if n.status else []
        parts += [f"{n.progress}%"] if n.progress is not None else []
        parts += [f"due {n.due}"] if n.due else []
        parts += [f"#{t}" for t in n.tags]
        lines.append(" ".join(parts))
    return lines


def test_markdown_headings_and_bullets_make_one_tree() -> None:
    text = """# Team plan

Where the team wants to be.

## Customers renew
### Onboarding takes a day @maya/kofi
- [x] Guided setup wizard
- [ ] Sample data in every account 30%
  Seeded from the demo set.
    More about it.
## Support answers within an hour
1. Follow-the-sun rota (active)
"""
    outline = read(Path("plan.md"), "md", text.encode())
    assert (outline.title, outline.description) == ("Team plan", "Where the team wants to be.")
    result = plan(outline, Workspace(Path("new.yaml")))
    assert table(result) == [
        "customers-renew outcome",
        "support-answers-within-an-hour outcome",
        "onboarding-takes-a-day goal <- customers-renew @maya/kofi",
        "guided-setup-wizard initiative <- onboarding-takes-a-day done",
        "sample-data-in-every-account initiative <- onboarding-takes-a-day 30%",
        "follow-the-sun-rota initiative <- support-answers-within-an-hour active",
    ]
    assert result.nodes[4].description == "Seeded from the demo set.\nMore about it."


def test_opml_from_an_outliner() -> None:
    result = imported("outliner.opml")
    assert table(result) == [
        "releases-are-boring outcome",
        "deploys-are-automated goal <- releases-are-boring @maya",
        "fewer-pages-at-night-weekends goal <- releases-are-boring @omer/kofi due 2027-09-30",
        "alert-review goal <- fewer-pages-at-night-weekends",
        "one-click-rollback initiative <- deploys-are-automated active 50%",
        "canary-every-change initiative <- deploys-are-automated done",  # _complete="true"
        "delete-alerts-nobody-acts-on initiative <- alert-review #hygiene #quick",
    ]
    assert result.nodes[0].description == "Nobody stays late for a release."
    assert result.nodes[2].title == "Fewer pages at night & weekends"


def test_freeplane_map_written_to_the_documented_format() -> None:
    outline = read(DATA / "freeplane-plan.mm", "mm", (DATA / "freeplane-plan.mm").read_bytes())
    assert outline.title == "Team Atlas 2027"
    assert outline.notes == ["attributes not imported: priority"]
    result = plan(outline, Workspace(Path("new.yaml")))
    assert table(result) == [
        "customers-renew outcome",
        "onboarding-takes-a-day goal <- customers-renew @maya/kofi due 2027-05-31",
        # A goal by its `kind` attribute, though it is at the top.
        "support-answers-within-an-hour goal",
        "guided-setup-wizard initiative <- onboarding-takes-a-day @kofi active 30%",
        # Rich text, and a cross link (arrowlink) as a second parent.
        "sample-data-in-every-new-account initiative "
        "<- onboarding-takes-a-day,support-answers-within-an-hour",
        "follow-the-sun-rota initiative <- support-answers-within-an-hour @noa/omer",
    ]
    assert result.nodes[0].description == (
        "Renewals are the measure of whether the product earns its price.\n"
        "Checked every quarter & reported to the board."
    )


def test_libreoffice_xlsx_reads_like_the_csv_it_was_made_from() -> None:
    pytest.importorskip("openpyxl")
    # team-plan.xlsx: `soffice --headless --convert-to xlsx team-plan.csv` (LibreOffice 7.4),
    # which stores 40% as a percent cell (0.4) and the due dates as date cells.
    sheet, text = imported("team-plan.xlsx"), imported("team-plan.csv")
    assert table(sheet) == table(text)
    assert table(text) == [
        "employees-are-happy outcome",
        "the-group-delivers-models-that-move-business-metrics outcome",
        "reduce-stress goal <- employees-are-happy @dana/omer",
        "no-single-points-of-failure goal "
        "<- reduce-stress,the-group-delivers-models-that-move-business-metrics @omer/lior "
        "due 2027-06-30",
        "respect-off-hours initiative <- reduce-stress @dana/lior active 40% due 2027-03-31 "
        "#culture",
        "pair-on-every-model initiative <- no-single-points-of-failure @omer/noa planned "
        "#process #people",
    ]


def test_columns_by_other_names() -> None:
    text = "Goal;Lead;Serves\nHappy people;;\nLess stress;dana;Happy people\n"
    columns = {"goal": "title", "lead": "owner", "serves": "parent"}
    result = imported("goals.csv", text, columns=columns)
    assert table(result) == ["happy-people outcome", "less-stress initiative <- happy-people @dana"]


def test_kinds_by_depth_and_markers_override_them() -> None:
    text = "- A\n  - B\n    - C (initiative)\n    - D\n      - F\n  - E #goal\n"
    result = imported("plan.md", text, kinds=[Kind.OUTCOME, Kind.GOAL])
    assert [(n.id, n.kind.value) for n in result.nodes] == [
        ("a", "outcome"),
        ("b", "goal"),
        ("d", "goal"),
        ("f", "goal"),  # the last kind goes on down
        ("e", "goal"),
        ("c", "initiative"),
    ]


def test_an_entry_under_an_initiative_is_refused() -> None:
    result = imported("plan.md", "- A\n  - B\n    - C (initiative)\n      - D\n")
    assert [str(p) for p in result.problems] == [
        f"{DATA / 'plan.md'}:4: error: 'D' is under 'C', an initiative, and nothing supports an "
        "initiative: mark 'C' (goal), or move this entry"
    ]


def test_default_kinds_top_outcome_leaves_initiatives() -> None:
    result = imported("plan.md", "- A\n  - B\n    - C\n  - D\n- E\n")
    assert [(n.id, n.kind) for n in result.nodes] == [
        ("a", Kind.OUTCOME),
        ("e", Kind.OUTCOME),
        ("b", Kind.GOAL),
        ("c", Kind.INITIATIVE),
        ("d", Kind.INITIATIVE),
    ]


def test_ids_are_unique_across_the_workspace(tmp_path: Path) -> None:
    ws = store.load(MAPS / "ideal-group.yaml")
    outline = read(Path("p.md"), "md", b"- Happy\n  - Focus (goal)\n  - Focus on people\n")
    result = plan(outline, ws)
    assert [n.id for n in result.nodes] == ["happy-2", "focus-2", "focus-on-people"]


@pytest.mark.parametrize(
    ("title", "left", "fields"),
    [
        ("Respect off-hours @dana/lior", "Respect off-hours", {"owners": "@dana/lior"}),
        ("Ship it (active) 40%", "Ship it", {"status": "active", "progress": "40%"}),
        ("Ship it 2027-03-31 #goal", "Ship it", {"due": "2027-03-31", "kind": "goal"}),
        ("Cut churn by 40% a year", "Cut churn by 40% a year", {}),
        ("Mail @home policy", "Mail @home policy", {}),
        ("Plan (draft) #q3 #ops", "Plan (draft)", {"tags": "q3, ops"}),
        ("(done)", "(done)", {}),
        ("Ship due:someday", "Ship", {"due": "someday"}),
    ],
)
def test_trailing_tokens(title: str, left: str, fields: dict[str, str]) -> None:
    assert tokens.split(title) == (left, fields)


def test_merge_into_an_existing_map_by_title() -> None:
    ws = store.load(MAPS / "ideal-group.yaml")
    text = "- Employees are happy\n  - reduce STRESS @zoe\n    - Walking meetings @dana\n"
    result = plan(read(Path("p.md"), "md", text.encode()), ws)
    assert [n.id for n in result.nodes] == ["walking-meetings"]
    assert result.nodes[0].supports == ["less-stress"]
    assert [(m.node.id, m.added, m.kept) for m in result.merges] == [
        ("happy", [], []),
        ("less-stress", [], ["owner dana (the import says zoe)"]),
    ]


def test_an_id_merges_by_id_and_a_new_id_makes_a_new_node() -> None:
    ws = store.load(MAPS / "ideal-group.yaml")
    text = "id,title,parent\nless-stress,Calm,\nstress-2,Reduce stress,happy\n"
    result = plan(read(Path("p.csv"), "csv", text.encode()), ws)
    assert [n.id for n in result.nodes] == ["stress-2"]
    assert [(m.node.id, m.kept) for m in result.merges] == [
        ("less-stress", ["title 'Reduce stress' (the import says 'Calm')"])
    ]
