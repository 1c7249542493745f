"""The title exports give a workspace: its own, its one file's, the one file's that holds the
outcomes, or else its folder's."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import MAPS, run_cli

from backmap import store

MAP = "backmap: 1\ntitle: {title}\nnodes:\n  - {{id: {id}, kind: outcome, title: Top {id}}}\n"


def _folder(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "a.yaml").write_text(MAP.format(title="Alpha file", id="a"), encoding="utf-8")
    (root / "b.yaml").write_text(MAP.format(title="Beta file", id="b"), encoding="utf-8")
    return root


def test_a_folder_is_named_after_itself_not_its_first_file(tmp_path: Path) -> None:
    ws = store.load(_folder(tmp_path / "team_plans-2027"))
    assert ws.title is None and ws.name() == "Team plans 2027"


def test_the_default_maps_folder_takes_the_project_name(tmp_path: Path) -> None:
    ws = store.load(_folder(tmp_path / "greenbasket" / "maps"))
    assert ws.name() == "Greenbasket"


def test_the_title_in_backmap_toml_wins(tmp_path: Path) -> None:
    root = _folder(tmp_path / "org")
    (root / "backmap.toml").write_text('title = "Our plan"\n\n[check]\nstale-days = 20\n')
    assert store.load(root).name() == "Our plan"


def test_one_file_is_named_by_its_title(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(MAP.format(title="Just this", id="a"), encoding="utf-8")
    assert store.load(path).name() == "Just this"


@pytest.mark.parametrize("value", ["3", '""', '"two\\nlines"'])
def test_a_title_that_is_not_one_line_of_text_is_a_load_problem(tmp_path: Path, value: str) -> None:
    root = _folder(tmp_path / "org")
    (root / "backmap.toml").write_text(f"title = {value}\n")
    with pytest.raises(store.LoadError) as caught:
        store.load(root)
    assert str(caught.value).startswith(f"{root / 'backmap.toml'}:1:1: error: `title` must be")


def test_exports_of_the_example_workspace_carry_its_title(tmp_path: Path) -> None:
    md = run_cli("export", "--map", str(MAPS / "org"), "-f", "md")
    assert md.code == 0 and md.out.startswith("# Greenbasket plan for 2027\n")
    opml = run_cli("export", "--map", str(MAPS / "org"), "-f", "opml")
    assert "<title>Greenbasket plan for 2027</title>" in opml.out
    named = run_cli("export", "--map", str(MAPS / "org"), "-f", "md", "--title", "Q1")
    assert named.out.startswith("# Q1\n")


def test_a_title_under_the_check_table_is_refused_with_where_it_goes(tmp_path: Path) -> None:
    root = _folder(tmp_path / "org")
    # A key after a table header belongs to the table, so this title would be lost.
    (root / "backmap.toml").write_text('[check]\nstale-days = 20\n\ntitle = "Our plan"\n')
    with pytest.raises(store.LoadError) as caught:
        store.load(root)
    assert str(caught.value) == (
        f"{root / 'backmap.toml'}:4:1: error: unknown setting `title` in [check]; "
        "`title` goes at the top of the file, above [check]"
    )


def test_terminal_views_and_the_report_carry_the_workspace_title(tmp_path: Path) -> None:
    for command in (["tree"], ["status", "--today", "2026-12-03"]):
        run = run_cli(*command, "--map", str(MAPS / "org"))
        assert run.code == 0, run.err
        assert run.out.startswith("Greenbasket plan for 2027\n"), command
    folder = _folder(tmp_path / "team-plans")
    assert run_cli("tree", "--map", str(folder)).out.startswith("Team plans\n")
    out = tmp_path / "report"
    run = run_cli("report", "--map", str(MAPS / "org"), "--today", "2026-12-03", "-o", str(out))
    assert run.code == 0, run.err
    text = (out / "report.md").read_text(encoding="utf-8")
    assert text.startswith("# Check-in report: Greenbasket plan for 2027\n")
