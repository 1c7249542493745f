"""`backmap report` on a small fresh map: no check-ins yet, items never checked in, overdue
items, and a metric with a single reading."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

HEAD = "backmap: 1\ntitle: Plan\nnodes:\n  - id: win\n    kind: outcome\n    title: Win\n"
WORK = (
    "  - id: ship\n    kind: initiative\n    title: Ship it\n    owner: dana\n"
    "    supports: [win]\n    status: active\n    due: 2026-11-15\n"
    "  - id: quiet\n    kind: initiative\n    title: Quiet hours\n    owner: lee\n"
    "    supports: [win]\n    status: planned\n"
    "  - id: old\n    kind: initiative\n    title: Old work\n    supports: [win]\n"
    "    status: done\n    due: 2026-10-01\n"
)
CHECKED = "    checkins: |\n      2026-11-20 progress=40\n"
METRIC = (
    "  - id: nps\n    kind: goal\n    title: Happier people\n    supports: [win]\n"
    "    metric:\n      name: NPS\n      baseline: 10\n      target: 40\n"
    "    checkins: |\n      2026-11-30 current=21\n"
)


def _report(tmp_path: Path, text: str) -> tuple[str, str]:
    (tmp_path / "backmap.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    run = run_cli("report", "-o", str(out), "--today", "2026-12-03", cwd=tmp_path)
    assert run.code == 0, run.err
    return run.out, (out / "report.md").read_text(encoding="utf-8")


def test_a_map_without_check_ins_says_so_instead_of_counting_stale(tmp_path: Path) -> None:
    out, markdown = _report(tmp_path, HEAD + WORK)
    assert "no check-ins yet: record one with `backmap checkin ID`" in out
    assert "stale" not in out
    assert "never checked in" not in markdown.split("## Stale", 1)[1]


def test_open_items_never_checked_in_are_listed_apart_from_stale(tmp_path: Path) -> None:
    text = HEAD + WORK.replace("    status: active\n", "    status: active\n" + CHECKED)
    out, markdown = _report(tmp_path, text)
    assert "0 stale · 1 never checked in" in out
    stale = markdown.split("## Stale\n", 1)[1].split("\n## ", 1)[0]
    assert "Never checked in" in stale
    assert "| Quiet hours (`quiet`) | lee |" in stale
    assert "`ship`" not in stale and "`old`" not in stale and "`win`" not in stale


def test_the_report_lists_overdue_items(tmp_path: Path) -> None:
    text = HEAD + WORK.replace("    status: active\n", "    status: active\n" + CHECKED)
    out, markdown = _report(tmp_path, text)
    assert "1 overdue" in out
    overdue = markdown.split("## Overdue\n", 1)[1].split("\n## ", 1)[0]
    assert "| Item | Owner | Due | Days late | Progress |" in overdue
    assert "| Ship it (`ship`) | dana | 2026-11-15 | 18 | 40% |" in overdue
    assert "`old`" not in overdue  # done: not overdue


def test_a_metric_with_one_reading_draws_no_trend_chart(tmp_path: Path) -> None:
    _, markdown = _report(tmp_path, HEAD + METRIC)
    assert not (tmp_path / "out" / "charts" / "metric-nps.svg").exists()
    assert "NPS of Happier people: one reading so far, 21 on Nov 30, 2026." in markdown
