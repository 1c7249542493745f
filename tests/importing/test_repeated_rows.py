"""A spreadsheet row with the title of another under the same parent: a copy of it imports
once, a row that differs imports too, with a warning naming both rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap import store

HEADER = ["Title", "Parent", "Owner"]
ROWS = [
    ["Reply fast (goal)", "", ""],
    ["Weekend rota", "Reply fast", "dora"],
    ["Hire two agents", "Reply fast", "ana"],
    ["Weekend rota", "Reply fast", "dora"],  # a copy
    ["Weekend rota", "Reply fast", "kai"],  # differs: maybe a second rota
]


def _sheet(folder: Path, suffix: str, rows: list[list[str]]) -> Path:
    path = folder / f"team.{suffix}"
    if suffix == "csv":
        path.write_text("\n".join(",".join(r) for r in [HEADER, *rows]) + "\n", encoding="utf-8")
    else:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        book.active.title = "Plan"
        for row in [HEADER, *rows]:
            book.active.append(row)
        book.save(path)
    return path


@pytest.mark.parametrize(("suffix", "row"), [("csv", "{}:{}"), ("xlsx", "{} Plan!A{}")])
def test_a_copied_row_imports_once_and_a_differing_one_is_warned_about(
    tmp_path: Path, suffix: str, row: str
) -> None:
    path = _sheet(tmp_path, suffix, ROWS)
    run = run_cli("import", str(path), "-o", str(tmp_path / "map.yaml"))
    assert run.code == 0, run.err
    at = [row.format(path, n) for n in (3, 5, 6)]
    assert f"{at[1]}: note: this row repeats {at[0]} in every column: imported once" in run.err
    assert (
        f"{at[2]}: warning: 'Weekend rota' is also at {at[0]}, under the same parent: imported "
        "twice, as `weekend-rota` and `weekend-rota-2`; delete one if they are one item, or "
        "give each an id (an id column; `[an-id]` ending an outline's line) to keep both "
        "without this warning"
    ) in run.err
    ws = store.load(tmp_path / "map.yaml")
    rotas = [(n.id, n.owner) for n in ws.nodes() if n.title == "Weekend rota"]
    assert rotas == [("weekend-rota", "dora"), ("weekend-rota-2", "kai")]


def test_rows_with_ids_or_other_parents_are_no_repeats(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text(
        "Id,Title,Parent\nfast,Reply fast (goal),\nself,Self service (goal),\n"
        "rota-a,Weekend rota,fast\nrota-b,Weekend rota,fast\nrota-c,Weekend rota,self\n",
        encoding="utf-8",
    )
    run = run_cli("import", str(path), "-o", str(tmp_path / "map.yaml"))
    assert run.code == 0, run.err
    assert "warning" not in run.err and "repeats" not in run.err
    assert len(list(store.load(tmp_path / "map.yaml").nodes())) == 5


def test_notes_and_warnings_come_in_the_order_of_their_rows(tmp_path: Path) -> None:
    path = _sheet(tmp_path, "csv", ROWS)
    run = run_cli("import", str(path), "--dry-run", "--into", str(tmp_path / "new.yaml"))
    assert run.code == 0, run.err
    said = [line for line in run.err.splitlines() if ": note: " in line or ": warning: " in line]
    assert [line.split(":")[1] for line in said] == ["5", "6"], said  # the copy, then the twin
