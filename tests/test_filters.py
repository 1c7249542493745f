"""Filtered `tree` and `status`: matches by owner, status and tag, with the way up to the
outcomes kept and drawn dim."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

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
    (tmp_path / "backmap.yaml").write_text(MAP, encoding="utf-8")
    return tmp_path


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
        "◉ A calm team [calm]\n"
        "└─ ◆ Quiet afternoons [quiet] @dana\n"
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
    assert result.err == "nothing matches the filter\n"


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
    both = select(ws, Filter(owners=("ravi",), teams=("platform",)))
    assert both.matches and both.matches <= chosen.matches
