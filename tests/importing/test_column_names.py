"""Spreadsheet columns by name: a column left out whose name reads as a field is suggested,
and --columns naming a column the file lacks is refused."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

from backmap import store


def test_a_column_left_out_whose_name_reads_as_a_field_is_suggested(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text(
        "Initiative,Owner,Owner (backup),Goal,Outcome\nHire two agents,ana,ben,Replies,Happy\n",
        encoding="utf-8",
    )
    run = run_cli("import", str(path), "-o", str(tmp_path / "map.yaml"))
    assert run.code == 0, run.err
    assert run.err.splitlines()[0] == (
        f"note: {path}: columns not imported: Owner (backup) "
        '(to import it: --columns "Owner (backup)=sub_owner")'
    )
    again = run_cli(
        "import", str(path), "--columns", "Owner (backup)=sub_owner", "-o", str(tmp_path / "b.yaml")
    )
    assert again.code == 0, again.err
    assert "not imported" not in again.err
    assert store.load(tmp_path / "b.yaml").node("hire-two-agents").sub_owner == "ben"


def test_only_clear_matches_are_suggested_with_the_columns_given(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text(
        "Title,Lead,Deputy,% complete,Deadline,Start date,Backup owner,Progress notes\n"
        "Weekend rota,ana,ben,40,2027-01-01,2026-01-01,cy,slow\n",
        encoding="utf-8",
    )
    run = run_cli("import", str(path), "--columns", "Lead=owner", "--dry-run")
    assert run.code == 0, run.err
    assert run.err.splitlines()[0] == (
        f"note: {path}: columns not imported: Deputy, % complete, Deadline, Start date, "
        "Backup owner, Progress notes (to import % complete and Deadline: "
        '--columns "Lead=owner,% complete=progress,Deadline=due")'
    )


def test_columns_naming_a_column_the_file_lacks_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text("Title,Owner\nWeekend rota,ana\n", encoding="utf-8")
    run = run_cli("import", str(path), "--columns", "Nope=title", "-o", str(tmp_path / "m.yaml"))
    assert run.code == 2
    assert (
        f"{path}:1: error: --columns names 'Nope', which team.csv has no column of: its columns "
        "are 'Title', 'Owner'"
    ) in run.err
    assert "Traceback" not in run.err
    assert not (tmp_path / "m.yaml").exists()
