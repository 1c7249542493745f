"""Every field of a node through `backmap export -f csv|xlsx|opml|mm` and `backmap import`:
metrics, personal goals, paths, ignored rules and check-ins come back as the map had them."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import run_cli

from backmap import store

DATA = Path(__file__).parent / "data"
MAP = DATA / "every-field.yaml"
FORMATS = ["csv", "xlsx", "opml", "mm"]


def nodes(path: Path) -> dict[str, dict[str, Any]]:
    """Each node of the map at `path`, every field, by id."""
    return {node.id: node.model_dump() for node in store.load(path).nodes()}


def exported(tmp_path: Path, fmt: str, source: Path = MAP) -> Path:
    out = tmp_path / f"plan.{fmt}"
    result = run_cli("export", "--map", str(source), "-f", fmt, "-o", str(out))
    assert result.code == 0, result.err
    return out


def xlsx(tmp_path: Path, rows: list[list[Any]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Plan"
    for row in rows:
        sheet.append(row)
    path = tmp_path / "plan.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_then_import_gives_the_same_map(tmp_path: Path, fmt: str) -> None:
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    exported(tmp_path, fmt)
    result = run_cli("import", f"plan.{fmt}", cwd=tmp_path)
    assert result.code == 0, result.err
    back = nodes(tmp_path / "plan.yaml")
    for node_id, node in nodes(MAP).items():
        assert back[node_id] == node, node_id
    assert back.keys() == nodes(MAP).keys()


def test_the_sheet_has_a_column_for_each_field_and_keeps_numbers_whole(tmp_path: Path) -> None:
    text = exported(tmp_path, "csv").read_text(encoding="utf-8")
    header, happy = text.split("\n")[:2]
    assert header == (
        "id,title,kind,parent,owner,sub_owner,status,progress,due,metric,unit,baseline,target,"
        "current,tags,links,paths,personal,ignore,description,checkins"
    )
    assert happy.startswith("happy,Employees are happy,outcome,,,,,,,employee NPS,,12,40,21.5,")
    assert "\ngrow,Learn Rust,goal,,dana,,,,,,,,,,,,,yes,,,\n" in text
    assert "after-hours messages per week,msgs,120,10," in text
    # The check-ins cell holds the block's lines as the map file has them.
    assert '"2026-10-01 progress=20\n2026-11-01 progress=40 health=on-track"\n' in text
    # A map that has none of the later fields keeps the narrow sheet it always had.
    plain = tmp_path / "plain.yaml"
    plain.write_text(
        "backmap: 1\ntitle: Plain\nnodes:\n  - id: a\n    kind: outcome\n    title: A\n",
        encoding="utf-8",
    )
    header = exported(tmp_path, "csv", plain).read_text(encoding="utf-8").split("\n")[0]
    assert (
        header == "id,title,kind,parent,owner,sub_owner,status,progress,due,tags,links,description"
    )


def test_xlsx_writes_numbers_as_number_cells(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(exported(tmp_path, "xlsx"))
    rows = list(book["Map"].iter_rows())
    column = {cell.value: i for i, cell in enumerate(rows[0])}
    happy = rows[1]
    assert [happy[column[c]].value for c in ("baseline", "target", "current")] == [12, 40, 21.5]
    assert type(happy[column["target"]].value) is int
    calm = rows[2]  # its map file says 120.0: a whole number, written as one
    assert type(calm[column["baseline"]].value) is int
    assert happy[column["target"]].data_type == "n"
    assert "2026-09-30 current=15\n" in happy[column["checkins"]].value


def test_a_hand_written_sheet_gives_metrics_by_column_name(tmp_path: Path) -> None:
    (tmp_path / "team.csv").write_text(
        "Title,Metric,Baseline,Target,Current,Unit,Check-ins,Target date\n"
        'Happy staff,eNPS,12,40,21.5,pts,"2026-11-30 current=21.5",2027-01-01\n'
        "Calm weeks,after-hours messages,120,10,,,,\n",
        encoding="utf-8",
    )
    result = run_cli("import", "team.csv", cwd=tmp_path)
    assert result.code == 0, result.err
    # A date column is not offered as the metric's target.
    assert "note: team.csv: columns not imported: Target date\n" in result.err
    ws = store.load(tmp_path / "team.yaml")
    happy, calm = ws.node("happy-staff"), ws.node("calm-weeks")
    assert happy.metric is not None and calm.metric is not None
    assert happy.metric.model_dump() == {
        "name": "eNPS",
        "unit": "pts",
        "baseline": 12,
        "target": 40,
        "current": 21.5,
    }
    assert happy.checkins == "2026-11-30 current=21.5\n"
    assert calm.metric.model_dump(exclude_none=True) == {
        "name": "after-hours messages",
        "baseline": 120,
        "target": 10,
    }
    assert type(calm.metric.target) is int


def test_a_target_without_a_metric_name_is_refused_at_its_cell(tmp_path: Path) -> None:
    (tmp_path / "team.csv").write_text(
        "Title,Metric,Target\nHappy staff,eNPS,40\nCalm weeks,,10\n", encoding="utf-8"
    )
    result = run_cli("import", "team.csv", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(
        "team.csv:3: error: target: 10 is given without a metric name: name what is measured "
        "in this item's `metric` (a column or attribute), or clear its target\n"
    )
    assert "Traceback" not in result.err
    assert not (tmp_path / "team.yaml").exists()
    xlsx(tmp_path, [["Title", "Metric", "Target"], ["Calm weeks", None, 10]])
    result = run_cli("import", "plan.xlsx", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("plan.xlsx Plan!C2: error: target: 10 is given without")


def test_bad_values_are_problems_at_their_cell(tmp_path: Path) -> None:
    rows = [
        ["Title", "Check-ins", "Ignore", "Personal", "Target", "Metric"],
        ["Calm weeks", "2026-01-01 progress=500\nnot a check-in", "BM9", "maybe", "lots", "x"],
    ]
    xlsx(tmp_path, rows)
    result = run_cli("import", "plan.xlsx", cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines() == [
        "plan.xlsx Plan!B2: error: checkins, line 1: progress is from 0 to 100, not 500",
        "plan.xlsx Plan!B2: error: checkins, line 2: `not a check-in` is not a check-in: a line "
        'reads like `2026-11-30 progress=40 current=12 health=on-track note="..."`',
        "plan.xlsx Plan!C2: error: ignore: 'BM9' is not a rule code like BM201",
        "plan.xlsx Plan!D2: error: personal: 'maybe' is not yes or no: write yes (or true, x) "
        "or no",
        "plan.xlsx Plan!E2: error: target: 'lots' is not a number",
        "5 problems in plan.xlsx; nothing was written",
    ]


def test_a_merge_adds_what_the_node_lacks_and_keeps_what_it_has(tmp_path: Path) -> None:
    into = tmp_path / "map.yaml"
    shutil.copy(MAP, into)
    text = exported(tmp_path, "csv").read_text(encoding="utf-8")
    text = text.replace("employee NPS,,12,40,21.5", "employee NPS,pts,12,45,21.5")
    text = text.replace("after-hours messages per week,msgs", "messages after hours,msgs")
    text = text.replace("progress=40 health=on-track", "progress=40\n2026-12-01 progress=50")
    text = text.replace("grow,Learn Rust,goal,,dana,,,,,,,,,,,,,yes,,", "grow,Learn Rust,goal")
    (tmp_path / "plan.csv").write_text(text, encoding="utf-8")
    result = run_cli("import", "plan.csv", "--into", str(into), cwd=tmp_path)
    assert result.code == 0, result.err
    merged = [line for line in io.StringIO(result.err) if "merged into" in line]
    assert merged == [
        "plan.csv:2: merged into `happy`: added metric unit pts; kept metric target 40 (the "
        "import says 45)\n",
        "plan.csv:5: merged into `calm`: kept metric 'after-hours messages per week' (the "
        "import says 'messages after hours')\n",
        "plan.csv:6: merged into `grow`\n",
        "plan.csv:7: merged into `rota`: kept checkins (2 lines; the import's 3 lines differ)\n",
    ]
    after = nodes(into)
    before = nodes(MAP)
    assert after["happy"]["metric"] == {**before["happy"]["metric"], "unit": "pts"}
    assert {k: v for k, v in after.items() if k != "happy"} == {
        k: v for k, v in before.items() if k != "happy"
    }
