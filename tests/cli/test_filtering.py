"""Filtered `tree` and `status`: matches by owner, status and tag, with the way up to the
outcomes kept and drawn dim."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli
from tests.workspaces import write_workspace

MAP = """\
backmap: 1
title: Calm team
nodes:
  - id: calm
    kind: outcome
    title: A calm team
  - id: quiet
    kind: goal
    title: Quiet afternoons
    supports: [calm]
    owner: dana
  - id: hours
    kind: initiative
    title: Quiet hours
    supports: [quiet]
    owner: maya
    status: active
    tags: [focus]
  - id: blocks
    kind: initiative
    title: Focus blocks
    supports: [quiet]
    owner: lee
    sub_owner: Maya
    status: planned
  - id: happy
    kind: outcome
    title: Happy customers
  - id: faster
    kind: initiative
    title: Faster answers
    supports: [happy]
    owner: dana
    status: active
"""


def _select(root: Path, **given: tuple[str, ...]) -> tuple[set[str], set[str]]:
    from backmap import store
    from backmap.filters import Filter, select
    from backmap.model import Status

    given_statuses = tuple(Status(s) for s in given.pop("statuses", ()))
    chosen = select(store.load(root), Filter(statuses=given_statuses, **given))
    return set(chosen.matches), set(chosen.context)


def _map(tmp_path: Path) -> Path:
    return write_workspace(tmp_path, MAP)


def test_owner_matches_owner_or_sub_owner_whatever_the_case(tmp_path: Path) -> None:
    assert _select(_map(tmp_path), owners=("MAYA",)) == ({"hours", "blocks"}, {"quiet", "calm"})


def test_criteria_combine_and_values_of_one_criterion_add_up(tmp_path: Path) -> None:
    _map(tmp_path)
    assert _select(tmp_path, owners=("dana",), statuses=("active",)) == ({"faster"}, {"happy"})
    assert _select(tmp_path, statuses=("planned", "active"))[0] == {"hours", "blocks", "faster"}
    assert _select(tmp_path, tags=("Focus",)) == ({"hours"}, {"quiet", "calm"})


def test_with_a_people_file_a_name_or_handle_means_the_person(tmp_path: Path) -> None:
    _map(tmp_path)
    (tmp_path / "people.yaml").write_text(
        "people:\n  - id: maya\n    name: Maya Kowalski\n    handles:\n      github: maya-k\n"
    )
    assert _select(tmp_path, owners=("maya-k",))[0] == {"hours", "blocks"}
    assert _select(tmp_path, owners=("Maya Kowalski",))[0] == {"hours", "blocks"}


def test_tree_keeps_the_way_up_and_drops_the_rest(tmp_path: Path) -> None:
    result = run_cli("tree", "--owner", "maya", "--tag", "focus", cwd=_map(tmp_path))
    assert result.code == 0, result.err
    assert result.out == (
        "Calm team\n"
        "◉ A calm team [calm] (context)\n"
        "└─ ◆ Quiet afternoons [quiet] @dana (context)\n"
        "   └─ ▸ Quiet hours [hours] active @maya\n"
    )


def test_status_draws_the_context_dim_and_the_matches_as_usual(tmp_path: Path) -> None:
    result = run_cli("status", "--status", "active", "--color", "always", cwd=_map(tmp_path))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    calm = next(line for line in lines if "A calm team" in line)
    hours = next(line for line in lines if "Quiet hours" in line)
    assert "\x1b[2mA calm team\x1b[0m" in calm
    assert "\x1b[2m" not in hours and "Quiet hours" in hours
    assert not any("Focus blocks" in line for line in lines)


def test_nothing_matching_says_so(tmp_path: Path) -> None:
    result = run_cli("tree", "--owner", "nobody", cwd=_map(tmp_path))
    assert result.code == 0
    assert result.out == "Calm team\n"
    assert result.err == "nothing matches the filter: no item is owned by nobody\n"


def test_a_mistyped_owner_or_tag_without_people_file_gets_the_closest_in_the_map(
    tmp_path: Path,
) -> None:
    result = run_cli("tree", "--owner", "mya", cwd=_map(tmp_path))
    assert result.code == 0
    assert (
        result.err == "nothing matches the filter: no item is owned by mya (did you mean maya?)\n"
    )


def test_a_tag_no_item_has_is_refused_and_nothing_is_printed(tmp_path: Path) -> None:
    for command in ("tree", "status", "check", "export"):
        result = run_cli(command, "--tag", "focsu", cwd=_map(tmp_path))
        assert result.code == 2, (command, result.err)
        assert result.out == ""
        assert (
            result.err == "backmap: error: --tag focsu: no item has this tag; did you mean focus?\n"
        )
    other = run_cli("tree", "--tag", "zzzz", cwd=_map(tmp_path))
    assert other.code == 2 and other.err.endswith("no item has this tag; tags here: focus\n")


def test_an_owner_refused_prints_no_title_first(tmp_path: Path) -> None:
    _team_map(tmp_path)
    result = run_cli("tree", "--owner", "mayy", cwd=tmp_path)
    assert result.code == 2 and result.out == ""


def test_values_the_map_has_that_match_nothing_together_get_no_hint(tmp_path: Path) -> None:
    result = run_cli("tree", "--owner", "lee", "--tag", "focus", cwd=_map(tmp_path))
    assert result.code == 0
    assert result.err == "nothing matches the filter\n"


def test_with_a_people_file_an_owner_naming_nobody_is_refused(tmp_path: Path) -> None:
    _team_map(tmp_path)
    for command in ("tree", "status", "check", "export"):
        result = run_cli(command, "--owner", "mayy", cwd=tmp_path)
        assert result.code == 2, (command, result.err)
        assert result.err == (
            "backmap: error: --owner mayy: no such person in people.yaml; did you mean maya?\n"
        )
    assert run_cli("tree", "--owner", "Maya Kowalski", cwd=tmp_path).code == 0
    assert run_cli("tree", "--owner", "maya-k", cwd=tmp_path).code == 0


def test_a_mistyped_status_gets_a_suggestion(tmp_path: Path) -> None:
    result = run_cli("tree", "--status", "actve", cwd=_map(tmp_path))
    assert result.code == 2
    assert result.err.startswith("usage: backmap tree ")
    assert "invalid choice: 'actve'; did you mean active?" in result.err


def test_a_team_means_its_people_through_the_people_file() -> None:
    from tests.conftest import MAPS

    from backmap import store
    from backmap.filters import Filter, select

    ws = store.load(MAPS / "org")
    platform = {p.id for p in ws.people.people if p.team == "platform"}
    chosen = select(ws, Filter(teams=("Platform",)))  # case does not matter
    assert chosen.matches
    for node_id in chosen.matches:
        node = ws.node(node_id)
        assert {node.owner, node.sub_owner} & platform
    everyone_else = [n.id for n in ws.nodes() if {n.owner, n.sub_owner} & platform]
    assert sorted(chosen.matches) == sorted(everyone_else)
    assert not select(ws, Filter(teams=("no-such-team",))).matches


PEOPLE = """people:
  - id: dana
    name: Dana Lee
    team: leads
  - id: maya
    name: Maya Kowalski
    team: focus-crew
    handles:
      github: maya-k
  - id: lee
    name: Lee Park
    team: Focus-Crew
"""


def _team_map(tmp_path: Path) -> Path:
    return write_workspace(tmp_path, MAP, people=PEOPLE)


def test_team_means_its_people_as_owner_or_sub_owner(tmp_path: Path) -> None:
    _team_map(tmp_path)
    assert _select(tmp_path, teams=("focus-crew",)) == ({"hours", "blocks"}, {"quiet", "calm"})
    assert _select(tmp_path, teams=("LEADS",))[0] == {"quiet", "faster"}
    # Owners and teams add up, like the values of one criterion.
    assert _select(tmp_path, teams=("leads",), owners=("maya",))[0] == {
        "quiet",
        "faster",
        "hours",
        "blocks",
    }


def test_an_owner_written_as_a_name_is_found_by_the_persons_id(tmp_path: Path) -> None:
    _team_map(tmp_path)
    text = (tmp_path / "backmap.yaml").read_text(encoding="utf-8")
    (tmp_path / "backmap.yaml").write_text(text.replace("owner: maya", "owner: Maya Kowalski"))
    assert _select(tmp_path, owners=("maya",))[0] == {"hours", "blocks"}


def test_team_refused_without_people_file_or_for_an_unknown_team(tmp_path: Path) -> None:
    _map(tmp_path)
    alone = run_cli("tree", "--team", "leads", cwd=tmp_path)
    assert alone.code == 2 and "--team needs a people file" in alone.err
    _team_map(tmp_path)
    typo = run_cli("status", "--team", "focus-crw", cwd=tmp_path)
    assert typo.code == 2
    assert (
        "--team focus-crw: nobody in people.yaml is in it; did you mean `focus-crew`?" in typo.err
    )


def test_status_marks_context_rows_without_colour(tmp_path: Path) -> None:
    result = run_cli("status", "--team", "leads", "--color", "never", cwd=_team_map(tmp_path))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    calm = next(line for line in lines if "A calm team" in line)
    quiet = next(line for line in lines if "Quiet afternoons" in line)
    assert calm.endswith(" (context)")  # above dana's goal, and no one's
    assert "(context)" not in quiet  # dana's: a match
    coloured = run_cli("status", "--team", "leads", "--color", "always", cwd=tmp_path)
    assert "(context)" not in coloured.out  # colour dims the context instead


def test_check_reports_findings_only_for_the_matches(tmp_path: Path) -> None:
    _team_map(tmp_path)
    everything = run_cli("check", "--select", "BM302", cwd=tmp_path)
    assert "`hours`" in everything.out and "`faster`" in everything.out
    mine = run_cli("check", "--select", "BM302", "--owner", "maya-k", cwd=tmp_path)
    assert "`hours`" in mine.out and "`faster`" not in mine.out
    assert "findings for the 2 items the filter matches" in mine.err
    team = run_cli(
        "check", "--select", "BM302", "--team", "leads", "--format", "json", cwd=tmp_path
    )
    assert {f["node"] for f in json.loads(team.out)["findings"]} == {"faster", "quiet"}


def test_check_keeps_a_persons_own_findings_for_a_filter_naming_them(tmp_path: Path) -> None:
    _team_map(tmp_path)
    people = (tmp_path / "people.yaml").read_text(encoding="utf-8")
    (tmp_path / "people.yaml").write_text(people + "    manager: nobody\n")
    named = run_cli("check", "--select", "BM702", "--owner", "lee", cwd=tmp_path)
    assert "BM702" in named.out
    other = run_cli("check", "--select", "BM702", "--owner", "dana", cwd=tmp_path)
    assert "BM702" not in other.out


def test_export_draws_matches_and_mutes_the_way_up(tmp_path: Path) -> None:
    _team_map(tmp_path)
    md = run_cli("export", "-f", "md", "--owner", "maya", "--today", "2027-01-01", cwd=tmp_path)
    assert md.code == 0, md.err
    lines = md.out.splitlines()
    assert any("Quiet hours" in line and "_context_" not in line for line in lines)
    assert "_context_ · `calm`" in md.out  # the outcome's facts, under its heading
    assert not any("Happy customers" in line or "Faster answers" in line for line in lines)
    dot = run_cli("export", "-f", "dot", "--team", "focus-crew", cwd=tmp_path).out
    calm = next(line for line in dot.splitlines() if line.strip().startswith("calm"))
    hours = next(line for line in dot.splitlines() if line.strip().startswith("hours"))
    assert "#9e9e9e" in calm and "#9e9e9e" not in hours
    refused = run_cli("export", "-f", "csv", "--owner", "maya", cwd=tmp_path)
    assert refused.code == 2 and "leave out the filter" in refused.err
