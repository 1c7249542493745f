"""`backmap import` and `export -f opml|mm|csv|xlsx` through the real entry point."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.conftest import MAPS, ROOT, run_cli

from backmap import store
from backmap.importing import read
from backmap.importing.build import plan
from backmap.model import Workspace

DATA = Path(__file__).parent / "data"
OUTLINE = ROOT / "docs" / "examples" / "time-off.md"


def test_import_writes_a_new_map_that_checks(tmp_path: Path) -> None:
    shutil.copy(DATA / "outliner.opml", tmp_path / "platform.opml")
    result = run_cli("import", "platform.opml", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.err == (
        "import 7 nodes from platform.opml (1 outcome, 3 goals, 3 initiatives) (platform.yaml)\n"
        "next: backmap status --map platform.yaml\n"  # no map here that commands find alone
    )
    ws = store.load(tmp_path / "platform.yaml")
    assert next(iter(ws.files.values())).title == "Platform plan"
    assert ws.node("alert-review").supports == ["fewer-pages-at-night-weekends"]
    again = run_cli("import", "platform.opml", cwd=tmp_path)
    assert again.code == 2
    assert "platform.yaml exists: merge into it with --into platform.yaml" in again.err


def test_dry_run_prints_the_tree_and_findings_and_writes_nothing(tmp_path: Path) -> None:
    result = run_cli("import", str(OUTLINE), "--dry-run", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.splitlines()[:6] == [
        "The ideal data-science group",
        "◉ Employees are happy [employees-are-happy]",
        "└─ ◆ Reduce stress [reduce-stress] @dana/omer",
        "   └─ ◆ Time off is really off [time-off-is-really-off] @dana/lior",
        "      ├─ ▸ Respect off-hours [respect-off-hours] active 40% @dana/lior due 2027-03-31",
        "      └─ ▸ Encourage parental leave [encourage-parental-leave] active 70% @dana/priya",
    ]
    assert "BM305" in result.out and "0 errors, 1 warning" in result.out
    assert result.err.startswith("dry run: import 5 nodes from time-off.md")
    assert list(tmp_path.iterdir()) == []


def test_a_dry_run_shows_the_tree_when_the_map_it_would_write_exists(tmp_path: Path) -> None:
    shutil.copy(DATA / "outliner.opml", tmp_path / "platform.opml")
    (tmp_path / "platform.yaml").write_text("not a map, and left alone\n", encoding="utf-8")
    dry = run_cli("import", "platform.opml", "--dry-run", cwd=tmp_path)
    assert dry.code == 0, dry.err
    assert dry.out.splitlines()[0] == "Platform plan"
    assert "[alert-review]" in dry.out
    assert dry.err.splitlines() == [
        "note: platform.yaml exists: a real import needs --into platform.yaml to merge into "
        "it, or --into NEW.yaml",
        "dry run: import 7 nodes from platform.opml (1 outcome, 3 goals, 3 initiatives); "
        "nothing was written",
    ]
    assert (tmp_path / "platform.yaml").read_text(encoding="utf-8") == "not a map, and left alone\n"
    (tmp_path / "platform.opml").write_text(
        '<opml version="2.0"><body><outline text="A" due="soon"/></body></opml>',
        encoding="utf-8",
    )
    bad = run_cli("import", "platform.opml", "--dry-run", cwd=tmp_path)
    assert bad.code == 2
    assert "platform.opml:1: error: due: 'soon' is not a date" in bad.err, bad.err


def test_merge_into_an_existing_map_lists_every_merge(maps_copy: Path) -> None:
    target = maps_copy / "ideal-group.yaml"
    plan_md = maps_copy.parent / "more.md"
    plan_md.write_text(
        "- Employees are happy\n  - Reduce stress @zoe\n    - Walking meetings @dana/omer\n"
    )
    dry = run_cli("import", str(plan_md), "--dry-run", "--map", str(target))
    assert dry.out.splitlines()[:4] == [
        "The ideal data-science group",
        "◉ Employees are happy [happy] · employee NPS in the twice-yearly survey 21 "
        "(target 40, from 12)",
        "└─ ◆ Reduce stress [less-stress] @dana/omer · share answering often or always "
        "stressed 29% (target 15%, from 38%)",
        "   └─ ▸ Walking meetings [walking-meetings] @dana/omer",
    ]
    assert re.search(r"\(and \d+ findings? on nodes the import leaves alone\)", dry.out)
    assert store.load(target).get("walking-meetings") is None
    result = run_cli("import", str(plan_md), "--into", str(target))
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        f"{plan_md}:1: merged into `happy`",
        f"{plan_md}:2: merged into `less-stress`: kept owner dana (the import says zoe)",
        f"import 1 node from more.md (0 outcomes, 0 goals, 1 initiative), 2 nodes merged "
        f"({target})",
        f"next: backmap status --map {target}",
    ]
    ws = store.load(target)
    assert ws.node("walking-meetings").supports == ["less-stress"]
    assert ws.node("less-stress").owner == "dana"


def test_bad_input_writes_nothing_and_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "team.yaml"
    result = run_cli("import", str(DATA / "bad" / "dates.csv"), "--into", str(target))
    assert result.code == 2
    assert (
        result.err.splitlines()[-1]
        == f"4 problems in {DATA / 'bad' / 'dates.csv'}; nothing was written"
    )
    assert "Traceback" not in result.err
    assert not target.exists()


def test_the_outline_in_docs_is_part_of_the_example() -> None:
    example = store.load(MAPS / "ideal-group.yaml")
    outline = read(OUTLINE, "md", OUTLINE.read_bytes())
    nodes = plan(outline, Workspace(Path("new.yaml"))).nodes
    # Ids come from titles; all else is as in the example (metrics, links, check-ins aside).
    by_title = {n.title: n for n in example.nodes()}
    title_of = {n.id: n.title for n in nodes}
    for node in nodes:
        twin = by_title[node.title]
        assert node.model_dump(
            exclude={"id", "supports", "metric", "links", "checkins"}
        ) == twin.model_dump(exclude={"id", "supports", "metric", "links", "checkins"})
        assert [title_of[p] for p in node.supports] == [
            example.node(p).title for p in twin.supports
        ]
    assert outline.title == next(iter(example.files.values())).title
    merged = plan(outline, example)
    assert not merged.nodes and not merged.problems
    assert [(m.node.id, m.added, m.kept) for m in merged.merges] == [
        (i, [], [])
        for i in ("happy", "less-stress", "protect-time-off", "off-hours", "parental-leave")
    ]


def test_export_to_each_format_and_back(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    source = MAPS / "ideal-group.yaml"
    example = store.load(source)
    # Every format round-trips in test_roundtrip; here the command line, text and binary.
    for fmt in ("opml", "xlsx"):
        out = tmp_path / f"map.{fmt}"
        exported = run_cli("export", "--map", str(source), "-o", str(out))
        assert exported.code == 0, exported.err
        back = run_cli("import", str(out), "--into", str(tmp_path / f"{fmt}.yaml"))
        assert back.code == 0, back.err
        ws = store.load(tmp_path / f"{fmt}.yaml")
        assert {n.id: n.model_dump(exclude={"metric", "checkins"}) for n in ws.nodes()} == {
            n.id: n.model_dump(exclude={"metric", "checkins"}) for n in example.nodes()
        }, fmt


def test_mistakes_in_options_exit_2(tmp_path: Path) -> None:
    (tmp_path / "plan.txt2").write_text("- A\n")
    unknown = run_cli("import", "plan.txt2", cwd=tmp_path)
    assert unknown.code == 2
    assert "cannot tell the format of plan.txt2: pass --format md|opml|mm|csv|xlsx" in unknown.err
    kinds = run_cli(
        "import", "plan.txt2", "--format", "md", "--kinds", "outcome,task", cwd=tmp_path
    )
    assert kinds.code == 2 and "--kinds 'outcome,task'" in kinds.err
    missing = run_cli("import", "nope.md", cwd=tmp_path)
    assert missing.code == 2 and "cannot read nope.md" in missing.err
    focus = run_cli(
        "export", "--map", str(MAPS / "ideal-group.yaml"), "-f", "csv", "--focus", "happy"
    )
    assert focus.code == 2 and "csv carries the whole map" in focus.err


def test_no_hint_when_later_commands_find_the_map_alone(tmp_path: Path) -> None:
    (tmp_path / "plan.md").write_text("- Customers trust us\n  - Faster answers\n    - A rota\n")
    assert run_cli("new", "backmap.yaml", cwd=tmp_path).code == 0
    result = run_cli("import", "plan.md", "--into", "backmap.yaml", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "next:" not in result.err
    assert run_cli("status", cwd=tmp_path).out.count("Customers trust us") == 1
