"""`backmap person add|set|rm`: the people file kept like the maps (comments, positions in
errors, nothing half-written), and owners checked against it by add, set and fit --attach."""

from __future__ import annotations

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
    sub_owner: Maya Kowalski
  - id: hours
    kind: initiative
    title: Quiet hours
    supports: [quiet]
    owner: maya
    status: active
"""

PEOPLE = """\
# Who is who (kept by hand and by backmap person).
people:
  # Leads.
  - id: dana
    name: Dana Lee
    team: leads   # since 2025
  # The platform team.
  - id: maya
    name: Maya Kowalski
    team: platform
    manager: dana
    handles:
      github: maya-k
  - id: omer
    name: Omer Levi
    team: platform
    manager: dana
# end of file
"""


def _workspace(tmp_path: Path, people: str | None = PEOPLE) -> Path:
    return write_workspace(tmp_path, MAP, people=people)


def _people(tmp_path: Path) -> str:
    return (tmp_path / "people.yaml").read_text(encoding="utf-8")


def test_add_starts_the_people_file_when_there_is_none(tmp_path: Path) -> None:
    _workspace(tmp_path, people=None)
    result = run_cli("person", "add", "dana", "--name", "Dana Lee", "--team", "leads", cwd=tmp_path)
    assert result.code == 0, result.err
    assert _people(tmp_path) == "people:\n  - id: dana\n    name: Dana Lee\n    team: leads\n"
    again = run_cli(
        "person",
        "add",
        "maya",
        "--name",
        "Maya Kowalski",
        "--manager",
        "dana",
        "--handle",
        "github:maya-k",
        "--handle",
        "gitlab:mk",
        cwd=tmp_path,
    )
    assert again.code == 0, again.err
    assert _people(tmp_path).endswith(
        "  - id: maya\n    name: Maya Kowalski\n    manager: dana\n"
        "    handles:\n      github: maya-k\n      gitlab: mk\n"
    )
    assert run_cli("check", "--select", "BM7", cwd=tmp_path).code == 0


def test_add_keeps_every_comment_and_appends(tmp_path: Path) -> None:
    _workspace(tmp_path)
    result = run_cli("person", "add", "lee", "--name", "Lee Park", cwd=tmp_path)
    assert result.code == 0, result.err
    assert _people(tmp_path) == PEOPLE.replace(
        "# end of file\n", "  - id: lee\n    name: Lee Park\n# end of file\n"
    )


def test_add_refusals_say_what_to_do(tmp_path: Path) -> None:
    _workspace(tmp_path)
    cases = {
        ("maya", "--name", "M"): "`maya` is already in people.yaml (line 8): change them with",
        ("lee",): 'a new person needs a name: backmap person add lee --name "Their Name"',
        ("Lee P", "--name", "L"): "`Lee P` is not a person's id: use lowercase letters, digits "
        "and '-', e.g. lee-p",
        ("lee", "--name", "L", "--manager", "dnaa"): "--manager: `dnaa` is not in people.yaml: "
        "did you mean `dana` (Dana Lee)?",
        ("lee", "--name", "L", "--handle", "github"): "--handle 'github': write SITE:NAME",
        ("lee", "--name", "L", "--reassign", "dana"): "--reassign is for `person rm`",
    }
    for args, said in cases.items():
        result = run_cli("person", "add", *args, cwd=tmp_path)
        assert result.code == 2, args
        assert said in result.err, (args, result.err)
    assert _people(tmp_path) == PEOPLE  # nothing written


def test_set_changes_fields_in_place_and_keeps_comments(tmp_path: Path) -> None:
    _workspace(tmp_path)
    result = run_cli(
        "person",
        "set",
        "maya",
        "--team",
        "insights",
        "--manager",
        "",
        "--handle",
        "github:",
        "--handle",
        "slack:@maya",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    assert _people(tmp_path) == PEOPLE.replace(
        "    team: platform\n    manager: dana\n    handles:\n      github: maya-k\n",
        '    team: insights\n    handles:\n      slack: "@maya"\n',
    )
    cleared = run_cli("person", "set", "dana", "--team", "", cwd=tmp_path)
    assert cleared.code == 0, cleared.err
    # A comment on a cleared line stays with the person, above their entry.
    assert "  # Leads.\n  # since 2025\n  - id: dana\n    name: Dana Lee\n" in _people(tmp_path)


def test_set_refuses_a_loop_an_unknown_person_and_nothing_to_change(tmp_path: Path) -> None:
    _workspace(tmp_path)
    loop = run_cli("person", "set", "dana", "--manager", "maya", cwd=tmp_path)
    assert loop.code == 2
    assert "--manager maya would make managers a loop: `dana` -> `maya` -> `dana`" in loop.err
    typo = run_cli("person", "set", "mya", "--team", "x", cwd=tmp_path)
    assert typo.code == 2 and "`mya` is not in people.yaml: did you mean `maya`" in typo.err
    empty = run_cli("person", "set", "maya", cwd=tmp_path)
    assert empty.code == 2 and "name at least one field" in empty.err
    same = run_cli("person", "set", "maya", "--team", "platform", cwd=tmp_path)
    assert same.code == 0 and "nothing changed" in same.err
    assert _people(tmp_path) == PEOPLE


def test_rm_refuses_while_they_hold_anything_and_names_it(tmp_path: Path) -> None:
    _workspace(tmp_path)
    result = run_cli("person", "rm", "maya", cwd=tmp_path)
    assert result.code == 2
    # Named by id, by name or by handle, it is still them.
    assert "`maya` still owns `hours`; sub-owns `quiet`: give it to someone with --reassign" in (
        result.err
    )
    manager = run_cli("person", "rm", "dana", cwd=tmp_path)
    assert "`dana` still owns `quiet`; manages `maya`, `omer`" in manager.err
    assert _people(tmp_path) == PEOPLE
    free = run_cli("person", "rm", "omer", cwd=tmp_path)
    assert free.code == 0, free.err
    assert "omer" not in _people(tmp_path)


def test_rm_reassign_moves_items_and_reports_in_one_save(tmp_path: Path) -> None:
    _workspace(tmp_path)
    result = run_cli("person", "rm", "dana", "--reassign", "maya", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "`quiet`: maya is its owner, so it has no sub_owner now" in result.err
    assert "`maya` now reports to nobody" in result.err
    text = (tmp_path / "backmap.yaml").read_text(encoding="utf-8")
    assert "    owner: maya\n    sub_owner: Maya Kowalski" not in text
    assert "    owner: maya\n  - id: hours" in text
    people = _people(tmp_path)
    # Dana's heading comment passes to the next person; Omer now reports to Maya.
    assert people.startswith("# Who is who (kept by hand and by backmap person).\npeople:\n")
    assert "  # Leads.\n  # The platform team.\n  - id: maya\n" in people
    assert "  - id: omer\n    name: Omer Levi\n    team: platform\n    manager: maya\n" in people
    assert "dana" not in people.replace("# Leads", "")
    assert run_cli("check", "--select", "BM70", cwd=tmp_path).code == 0


def test_a_broken_people_file_is_reported_at_its_line_and_left_alone(tmp_path: Path) -> None:
    broken = PEOPLE.replace("    manager: dana\n    handles:", "    manger: dana\n    handles:")
    _workspace(tmp_path, broken)
    result = run_cli("person", "add", "lee", "--name", "Lee", cwd=tmp_path)
    assert result.code == 2
    assert "people.yaml:11:5: error: person `maya` has an unknown key `manger`" in result.err
    assert _people(tmp_path) == broken


def test_without_a_people_file_set_and_rm_say_how_to_start_one(tmp_path: Path) -> None:
    _workspace(tmp_path, people=None)
    result = run_cli("person", "set", "dana", "--team", "x", cwd=tmp_path)
    assert result.code == 2 and "no people file yet" in result.err
    assert "backmap person add dana" in result.err


def test_add_set_and_fit_attach_check_owners_against_the_people_file(tmp_path: Path) -> None:
    _workspace(tmp_path)
    typo = run_cli(
        "add", "initiative", "Focus blocks", "-s", "quiet", "--owner", "mya", cwd=tmp_path
    )
    assert typo.code == 2
    assert "--owner: `mya` is not in people.yaml: did you mean `maya` (Maya Kowalski)?" in typo.err
    named = run_cli(
        "add", "initiative", "Focus blocks", "-s", "quiet", "--sub-owner", "maya-k", cwd=tmp_path
    )
    assert named.code == 0, named.err
    assert "--sub-owner: 'maya-k' is `maya`; writing the id" in named.err
    assert "    sub_owner: maya\n" in (tmp_path / "backmap.yaml").read_text(encoding="utf-8")
    stranger = run_cli("set", "hours", "--sub-owner", "Zed Q", cwd=tmp_path)
    assert stranger.code == 2
    assert 'Someone new: backmap person add zed-q --name "Zed Q"' in stranger.err
    fit = run_cli(
        "fit", "Quiet rooms", "--attach", "quiet", "--owner", "zed", "--yes", cwd=tmp_path
    )
    assert fit.code == 2 and "--owner: `zed` is not in people.yaml" in fit.err
    # Without a people file, owners stay free text.
    (tmp_path / "people.yaml").unlink()
    free = run_cli("set", "hours", "--owner", "Zed Q", cwd=tmp_path)
    assert free.code == 0, free.err


def test_add_and_set_mark_a_goal_personal_and_only_a_goal(tmp_path: Path) -> None:
    _workspace(tmp_path)
    added = run_cli(
        "add", "goal", "Maya learns Rust", "--owner", "maya", "--personal", cwd=tmp_path
    )
    assert added.code == 0, added.err
    text = (tmp_path / "backmap.yaml").read_text(encoding="utf-8")
    assert "    title: Maya learns Rust\n    owner: maya\n    personal: true\n" in text
    refused = run_cli("set", "hours", "--personal", "yes", cwd=tmp_path)
    assert refused.code == 2 and "--personal is for a goal" in refused.err
    cleared = run_cli("set", "maya-learns-rust", "--personal", "no", cwd=tmp_path)
    assert cleared.code == 0, cleared.err
    assert "personal" not in (tmp_path / "backmap.yaml").read_text(encoding="utf-8")


def test_a_people_file_changed_on_disk_since_it_was_read_is_not_overwritten(
    tmp_path: Path,
) -> None:
    import pytest

    from backmap import store
    from backmap.people.model import Person
    from backmap.store.people_save import save_people

    ws = store.load(_workspace(tmp_path))
    assert ws.people is not None
    theirs = PEOPLE + "  - id: lee\n    name: Lee Park\n"
    (tmp_path / "people.yaml").write_text(theirs, encoding="utf-8")  # a git pull, say
    with pytest.raises(store.SaveError) as caught:
        save_people(ws, [*ws.people.people, Person(id="zoe", name="Zoe")])
    assert "changed on disk since it was loaded" in str(caught.value.problems[0])
    assert _people(tmp_path) == theirs
