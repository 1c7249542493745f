"""Importing titles and lines written the way `backmap tree` prints them."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import MAPS, run_cli

from backmap import store


def test_tree_tokens_at_the_end_of_a_title_set_fields(tmp_path: Path) -> None:
    (tmp_path / "plan.md").write_text(
        "# Plan\n\n## Employees are happy\n- Reduce stress @dana/omer\n"
        "  - Respect off-hours active 40% @dana/lior due 2027-03-31\n"
        "    - Quiet Fridays @lea planned\n"
        "    - Get things done\n"
        "    - Make it personal\n"
    )
    result = run_cli("import", "plan.md", cwd=tmp_path)
    assert result.code == 0, result.err
    ws = store.load(tmp_path / "plan.yaml")
    node = ws.node("respect-off-hours")
    assert node.title == "Respect off-hours"
    # It has items under it: its progress rolls up, so the 40% is left out, with a note.
    assert "progress 40% of 'Respect off-hours' not imported" in result.err
    assert (node.status, node.progress, node.owner, node.sub_owner) == (
        "active",
        None,
        "dana",
        "lior",
    )
    assert str(node.due) == "2027-03-31"
    quiet = ws.node("quiet-fridays")
    assert (quiet.owner, quiet.status) == ("lea", "planned")
    # A status word alone is part of the title: only with another token is it read.
    assert ws.node("get-things-done").title == "Get things done"
    assert ws.node("make-it-personal").personal is None


def test_a_leftover_at_name_in_a_title_is_warned_about(tmp_path: Path) -> None:
    (tmp_path / "plan.md").write_text("- Ask @dana about it first\n")
    result = run_cli("import", "plan.md", "--dry-run", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "'@dana' stays in the title of" in result.err


def test_an_owner_written_out_in_a_title_is_warned_about_and_the_output_option_is_o(
    tmp_path: Path,
) -> None:
    (tmp_path / "plan.md").write_text(
        "- Volunteers stay\n  - Buddy system (owner: Kim)\n  - Welcome pack @lee/kim\n"
    )
    result = run_cli("import", "plan.md", "-o", "bank.yaml", cwd=tmp_path)
    assert result.code == 0, result.err
    assert (
        "plan.md:2: warning: 'owner: Kim' stays in the title of 'buddy-system-owner-kim': "
        "write @Kim at the end of the line to make them its owner" in result.err
    )
    assert "welcome-pack" not in result.err  # an owner read from its token is no leftover
    assert store.load(tmp_path / "bank.yaml").node("welcome-pack").owner == "lee"


@pytest.mark.parametrize("source", ["ideal-group.yaml", "org"])
def test_tree_output_of_an_example_map_imports_back(tmp_path: Path, source: str) -> None:
    shown = run_cli("tree", "--map", str(MAPS / source))
    assert shown.code == 0, shown.err
    (tmp_path / "plan.txt").write_text(shown.out)
    result = run_cli("import", "plan.txt", cwd=tmp_path)
    assert result.code == 0, result.err
    original = store.load(MAPS / source)
    back = store.load(tmp_path / "plan.yaml")
    assert sorted(n.id for n in back.nodes()) == sorted(n.id for n in original.nodes())
    for node in original.nodes():
        again = back.node(node.id)
        assert (again.title, again.kind, again.status, again.progress) == (
            node.title,
            node.kind,
            node.status,
            node.progress,
        ), node.id
        assert (again.owner, again.sub_owner, again.due) == (node.owner, node.sub_owner, node.due)
        assert again.personal == node.personal, node.id
        assert sorted(again.supports) == sorted(node.supports), node.id


def test_import_writes_owners_as_people_file_ids(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(MAPS / "org", tmp_path / "org")
    (tmp_path / "plan.csv").write_text(
        "Title,Kind,Owner,Sub owner\nA new goal,goal,Hannah Okafor,ines\n"
    )
    result = run_cli("import", "plan.csv", "--into", "org", cwd=tmp_path)
    assert result.code == 0, result.err
    node = store.load(tmp_path / "org").node("a-new-goal")
    assert (node.owner, node.sub_owner) == ("hannah", "ines")


def test_import_refuses_an_owner_the_people_file_does_not_list(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(MAPS / "org", tmp_path / "org")
    before = {p.name: p.read_bytes() for p in (tmp_path / "org").iterdir()}
    (tmp_path / "plan.csv").write_text("Title,Kind,Owner\nA new goal,goal,hanah\nOther,goal,zed\n")
    result = run_cli("import", "plan.csv", "--into", "org", cwd=tmp_path)
    assert result.code == 2
    assert "plan.csv:2: error: owner: 'hanah' is not in the people file: did you mean hannah" in (
        result.err
    )
    assert "plan.csv:3: error: owner: 'zed' is not in the people file" in result.err
    assert "nothing was written" in result.err
    assert {p.name: p.read_bytes() for p in (tmp_path / "org").iterdir()} == before


def test_a_new_map_beside_a_people_file_takes_its_ids(tmp_path: Path) -> None:
    (tmp_path / "people.yaml").write_text("people:\n  - id: mia\n    name: Mia Chen\n")
    (tmp_path / "plan.csv").write_text("Title,Kind,Owner\nGoal one,goal,Mia Chen\nTwo,goal,zed\n")
    result = run_cli("import", "plan.csv", cwd=tmp_path)
    assert result.code == 2
    assert "plan.csv:3: error: owner: 'zed' is not in the people file" in result.err
    assert not (tmp_path / "plan.yaml").exists()
