"""The people file: optional, read with positions in its errors, never taken for a map, and
checked by the BM7xx rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import MAPS, run_cli
from tests.workspaces import write_workspace

MAP = """\
backmap: 1
title: Calm team
nodes:
  - id: calm
    kind: outcome
    title: A calm team
    owner: dana
    sub_owner: maya
  - id: quiet-hours
    kind: initiative
    title: Quiet hours
    supports: [calm]
    owner: Mya
    sub_owner: dana
"""

PEOPLE = """\
people:
  - id: dana
    name: Dana Lee
    team: leadership
  - id: maya
    name: Maya Kowalski
    team: platform
    manager: dana
    handles:
      github: maya-k
"""


def _workspace(tmp_path: Path, people: str | None = PEOPLE) -> Path:
    return write_workspace(tmp_path, MAP, people=people)


def _messages(root: Path, code: str) -> list[tuple[str, int, str, str]]:
    """Load the workspace and run one rule in-process: (file name, line, id, message)."""
    from backmap import store
    from backmap.checks import CheckConfig, check

    found = check(store.load(root), CheckConfig(select=(code,))).findings
    return [(Path(f.path).name, f.line, f.node_id, f.message) for f in found]


def test_without_a_people_file_owners_stay_free_text(tmp_path: Path) -> None:
    assert _messages(_workspace(tmp_path, None), "BM7") == []


def test_the_rules_run_from_check_with_the_people_file_s_places(tmp_path: Path) -> None:
    people = PEOPLE + "  - id: omer\n    name: Omer\n    manager: danna\n"
    result = run_cli("check", "--format", "json", cwd=_workspace(tmp_path, people))
    assert result.code == 1, result.err
    found = [
        (f["code"], f["path"], f["line"], f["node"], f["message"])
        for f in json.loads(result.out)["findings"]
        if f["code"].startswith("BM7")
    ]
    assert found == [
        (
            "BM701",
            "backmap.yaml",
            9,
            "quiet-hours",
            "`quiet-hours` has owner `Mya`, who is not in people.yaml: "
            "did you mean `maya` (Maya Kowalski)?",
        ),
        (
            "BM702",
            "people.yaml",
            11,
            "omer",
            "`omer` has manager `danna`, who is not in people.yaml: did you mean `dana`?",
        ),
    ]


def test_a_name_that_differs_only_in_case_points_at_the_id(tmp_path: Path) -> None:
    (tmp_path / "backmap.yaml").write_text(MAP.replace("owner: Mya", "owner: MAYA KOWALSKI"))
    (tmp_path / "people.yaml").write_text(PEOPLE)
    [(_, _, _, message)] = _messages(tmp_path, "BM701")
    assert "owner `MAYA KOWALSKI`, who is not in people.yaml: did you mean `maya`" in message


def test_a_handle_points_at_the_id_and_a_stranger_is_told_to_add_them(tmp_path: Path) -> None:
    text = MAP.replace("owner: Mya", "owner: zoltan").replace(
        "sub_owner: dana", "sub_owner: maya-k"
    )
    (tmp_path / "backmap.yaml").write_text(text)
    (tmp_path / "people.yaml").write_text(PEOPLE)
    assert [m for *_, m in _messages(tmp_path, "BM701")] == [
        "`quiet-hours` has owner `zoltan`, who is not in people.yaml: add them to "
        "people.yaml, or name someone it lists",
        "`quiet-hours` has sub_owner `maya-k`, who is not in people.yaml: did you mean "
        "`maya` (Maya Kowalski)?",
    ]


def test_someone_who_is_their_own_manager(tmp_path: Path) -> None:
    people = PEOPLE + "  - id: zed\n    name: Zed\n    manager: zed\n"
    assert _messages(_workspace(tmp_path, people), "BM702") == [
        (
            "people.yaml",
            11,
            "zed",
            "`zed` is their own manager: name who they report to, or leave `manager` out",
        )
    ]


def test_managers_in_a_loop_are_reported_once(tmp_path: Path) -> None:
    people = PEOPLE.replace("    team: leadership\n", "    team: leadership\n    manager: lee\n")
    people += "  - id: lee\n    name: Lee\n    manager: maya\n"
    assert _messages(_workspace(tmp_path, people), "BM703") == [
        (
            "people.yaml",
            2,
            "dana",
            "managers form a loop: `dana` -> `lee` -> `maya` -> `dana`; "
            "give one of them a `manager` outside the loop, or none if they lead the organisation",
        )
    ]


def test_a_tree_of_managers_is_fine(tmp_path: Path) -> None:
    people = PEOPLE + "  - id: lee\n    name: Lee\n    manager: maya\n"
    assert _messages(_workspace(tmp_path, people), "BM702") == []
    assert _messages(tmp_path, "BM703") == []


def test_load_errors_name_file_line_and_column(tmp_path: Path) -> None:
    people = (
        "people:\n"
        "  - id: Dana\n"  # 2: not an id
        "    name: Dana\n"
        "  - id: maya\n"
        "    colour: red\n"  # 5: unknown key
        "  - name: Nobody\n"  # 6: no id
    )
    before = MAP
    result = run_cli("tree", cwd=_workspace(tmp_path, people))
    assert result.code == 2
    assert result.err.splitlines()[:4] == [
        "people.yaml:2:9: error: a person's id `Dana` is not valid: use lowercase letters, "
        "digits and '-'",
        "people.yaml:4:5: error: person `maya` has no `name`: add one, e.g. `name: Maya Kowalski`",
        "people.yaml:5:5: error: person `maya` has an unknown key `colour`; a person has: id, "
        "name, team, manager, handles",
        "people.yaml:6:5: error: a person has no `id`: add one, e.g. `id: maya`",
    ]
    assert "Traceback" not in result.err
    assert (tmp_path / "backmap.yaml").read_text() == before


def _load_error(root: Path) -> list[str]:
    from backmap import store

    with pytest.raises(store.LoadError) as caught:
        store.load(root)
    return [f"{Path(p.path).name}:{p.line}:{p.col}: {p.message}" for p in caught.value.problems]


def test_a_person_listed_twice_is_a_load_error(tmp_path: Path) -> None:
    people = PEOPLE + "  - id: dana\n    name: Dana again\n"
    assert _load_error(_workspace(tmp_path, people)) == [
        "people.yaml:11:9: person `dana` is listed twice (first at line 2): keep one entry"
    ]


def test_yaml_syntax_and_shape_errors(tmp_path: Path) -> None:
    _workspace(tmp_path, 'people:\n  - id: "dana\n')
    [syntax] = _load_error(tmp_path)
    assert syntax.startswith('people.yaml:2:9: YAML syntax error: the quote `"` that opens')
    (tmp_path / "people.yaml").write_text("- dana\n- maya\n")
    [shape] = _load_error(tmp_path)
    assert shape.startswith("people.yaml:1:1: the people file holds `people:`")
    (tmp_path / "people.yaml").write_text("people:\n  - id: x\n    name: X\n    handles: [x]\n")
    [handles] = _load_error(tmp_path)
    assert handles.startswith("people.yaml:4:14: person `x`: `handles` must be a mapping")


def test_the_people_file_is_not_a_map_in_any_folder(tmp_path: Path, maps_copy: Path) -> None:
    # maps/ as a whole holds maps/org/people.yaml: it must not be read as a broken map.
    result = run_cli("check", "--map", str(maps_copy), "--select", "BM1")
    assert result.code == 0, result.err


def test_the_example_org_has_a_people_file_that_fits_its_maps() -> None:
    assert (MAPS / "org" / "people.yaml").is_file()
    result = run_cli("check", "--map", str(MAPS / "org"), "--select", "BM70")
    assert result.code == 0, result.err
    # One cascade gap and one personal goal standing alone, both on purpose.
    assert "0 errors, 1 warning, 1 info" in result.out
    assert "BM704  `flat-ml-cost`" in result.out and "BM705  personal goal `yuki-" in result.out


def test_a_copy_of_the_workspace_keeps_the_people_file() -> None:
    """The editor checks and counts on copies: the people rules must see the file there too."""
    from tests.conftest import MAPS

    from backmap import store

    ws = store.load(MAPS / "org")
    assert ws.people is not None
    assert ws.copy().people is ws.people


@pytest.mark.parametrize("text", ["", "# who is who, filled in later\n\n"])
def test_an_empty_people_file_is_one_load_error_not_a_warning_per_owner(
    tmp_path: Path, text: str
) -> None:
    _workspace(tmp_path, text)
    run = run_cli("check", cwd=tmp_path)
    assert run.code == 2 and "BM701" not in run.out
    assert run.err == (
        "people.yaml:1:1: error: the people file is empty: add `people:` with a list, "
        "or delete the file\n1 problem in people.yaml\n"
    )


def test_pointing_map_at_the_people_or_focus_file_says_to_name_its_folder(
    tmp_path: Path,
) -> None:
    _workspace(tmp_path)
    (tmp_path / "focus.yaml").write_text("2027-Q1: {}\n", encoding="utf-8")
    for name in ("people", "focus"):
        run = run_cli("tree", "--map", f"{name}.yaml", cwd=tmp_path)
        assert (run.code, run.out) == (2, "")
        assert run.err == (
            f"backmap: error: {name}.yaml is the {name} file, not a map: point --map at its "
            "folder (.)\n"
        )
