"""The check-in report's numbers, from real map files with check-ins."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.conftest import MAPS

from backmap import checkins, store
from backmap.checks.roll_up import progress
from backmap.graph import build
from backmap.review.compute import compute, past_days
from backmap.review.report import NO_REPORT, Report

TODAY = date(2026, 12, 3)

# An outcome with two goals; `shared` serves both, `gone` was dropped, `quiet` never
# checked in. Check-ins on Sep 30, Oct 31 and Nov 30.
MAP = """\
backmap: 1
title: Team Atlas
nodes:
  - id: happy
    kind: outcome
    title: Customers are happy
  - id: support
    kind: goal
    title: Answer within a day
    supports: [happy]
    owner: dana
    metric: {name: first response, unit: h, baseline: 40, target: 8, current: 33}
    checkins: |
      2026-09-30 current=38
      2026-10-31 current=30
      2026-11-30 current=33
  - id: bugs
    kind: goal
    title: Ship fewer bugs
    supports: [happy]
    owner: lior
  - id: rota
    kind: initiative
    title: A triage rota
    supports: [support]
    owner: dana
    status: active
    progress: 60
    due: 2027-01-31
    checkins: |
      2026-09-30 progress=10 health=on-track
      2026-10-31 progress=35 health=on-track
      2026-11-30 progress=60 health=on-track
  - id: shared
    kind: initiative
    title: A shared test suite
    supports: [support, bugs]
    owner: maya
    status: active
    progress: 15
    due: 2027-02-28
    checkins: |
      2026-09-30 progress=0 health=on-track
      2026-10-31 progress=10 health=at-risk note="vendor late"
      2026-11-30 progress=15 health=off-track note="still waiting on the vendor"
  - id: gone
    kind: initiative
    title: Rewrite in Rust
    supports: [bugs]
    status: dropped
    checkins: |
      2026-09-30 note="not worth it"
  - id: chatbot
    kind: initiative
    title: A support chatbot
    supports: [support]
    status: idea
  - id: quiet
    kind: initiative
    title: Fuzz the parser
    supports: [bugs]
    owner: lior
    status: active
    progress: 20
  - id: late
    kind: initiative
    title: Old migration
    supports: [bugs]
    owner: lior
    status: active
    progress: 30
    checkins: |
      2026-09-30 progress=20
      2026-10-20 progress=30
"""


def report_of(tmp_path: Path, text: str = MAP, **options: object) -> Report:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    ws = store.load(path)
    histories = {n.id: checkins.history(ws, n.id) for n in ws.nodes()}
    return compute(build(ws), histories, title="plan", today=TODAY, **options)  # type: ignore[arg-type]


def test_the_burn_up_rolls_up_each_check_in_date(tmp_path: Path) -> None:
    report = report_of(tmp_path)
    assert report.dates == (
        date(2026, 9, 30),
        date(2026, 10, 20),
        date(2026, 10, 31),
        date(2026, 11, 30),
    )
    chart = report.progress[0]
    assert chart.subject.node_id == "happy"
    lines = {line.node_id: line.values for line in chart.lines}
    # support = mean(rota, shared); the dropped item is left out of bugs at every date, and
    # `quiet` (never checked in) counts its 20% throughout.
    assert lines["support"] == (5.0, 5.0, 22.5, 37.5)
    assert lines["bugs"] == pytest.approx(
        (
            (0 + 20 + 20) / 3,
            (0 + 20 + 30) / 3,
            (10 + 20 + 30) / 3,
            (15 + 20 + 30) / 3,
        )
    )
    assert chart.subject.values[-1] == pytest.approx((37.5 + 65 / 3) / 2)
    assert chart.ideas == 1  # the chatbot: not started, left out of progress


@pytest.mark.parametrize("name", ["ideal-group.yaml", "org"])
def test_the_last_point_is_the_roll_up_of_the_map_as_it_is(name: str) -> None:
    ws = store.load(MAPS / name)
    graph = build(ws)
    histories = {n.id: checkins.history(ws, n.id) for n in ws.nodes()}
    report = compute(graph, histories, title=name, today=TODAY)
    now = progress(graph)
    assert report.progress, "the example map has outcomes"
    for chart in report.progress:
        for line in (chart.subject, *chart.lines):
            assert line.values[-1] == pytest.approx(now[line.node_id]), line.node_id


def test_metric_trend_against_baseline_and_target(tmp_path: Path) -> None:
    (trend,) = report_of(tmp_path).metrics
    assert trend.node_id == "support"
    assert [v for _, v in trend.readings] == [38, 30, 33]
    assert trend.direction == "away"  # 33 is further from 8 than 30 was
    assert trend.change == 3  # since Nov 3: the Oct 31 reading was 30
    assert trend.share == pytest.approx(100 * (40 - 33) / 32)


def test_health_across_the_map(tmp_path: Path) -> None:
    report = report_of(tmp_path)
    # Open items that check in: rota, shared, late (health never given), support (no health).
    assert report.health["on-track"] == (2, 2, 1, 1)
    assert report.health["at-risk"] == (0, 0, 1, 0)
    assert report.health["off-track"] == (0, 0, 0, 1)
    assert report.health[NO_REPORT] == (2, 2, 2, 2)
    assert [(f.node_id, f.health, f.detail) for f in report.at_risk] == [
        ("shared", "off-track", "still waiting on the vendor")
    ]


def test_slipping_stale_and_moves(tmp_path: Path) -> None:
    report = report_of(tmp_path)
    # rota: 50 points in 61 days, 40 left in 62: fast enough. shared: 15 in 61 days, 85 left
    # in 90: slipping, 85 / (15 / 61) = 346 days on. support has no due date: not judged.
    assert [f.node_id for f in report.slipping] == ["shared"]
    assert report.slipping[0].pace is not None
    assert report.slipping[0].pace.projected == date(2027, 11, 11)
    assert [(f.node_id, f.last) for f in report.stale] == [("late", date(2026, 10, 20))]
    assert report_of(tmp_path, stale_days=60).stale == []
    moves = {m.node_id: (m.before, m.after) for m in report.moves}
    assert moves["rota"] == (35.0, 60.0)
    assert moves["shared"] == (10.0, 15.0)
    assert "quiet" not in moves and "gone" not in moves
    assert abs(report.moves[0].delta) >= abs(report.moves[-1].delta)


def test_since_moves_the_window(tmp_path: Path) -> None:
    report = report_of(tmp_path, since=date(2026, 9, 1))
    moves = {m.node_id: (m.before, m.after) for m in report.moves}
    # Before its first check-in (Sep 30, 10%) it stood where that check-in says: no
    # movement is invented for the weeks nobody reported on it.
    assert moves["rota"] == (10.0, 60.0)


def test_an_owner_sees_their_top_items_and_what_is_beneath(tmp_path: Path) -> None:
    report = report_of(tmp_path, owner=" Lior ")  # as the ownership rules compare names
    assert [c.subject.node_id for c in report.progress] == ["bugs"]
    assert [line.node_id for line in report.progress[0].lines] == ["shared", "quiet", "late"]
    assert report.items == 5  # bugs, shared, gone, quiet, late
    assert [f.node_id for f in report.stale] == ["late"]
    assert report.metrics == []


def test_a_map_without_check_ins_reports_its_present_only(tmp_path: Path) -> None:
    plain = "\n".join(
        line
        for line in MAP.splitlines()
        if "checkins" not in line and not line.startswith("      2026")
    )
    report = report_of(tmp_path, plain + "\n")
    assert report.dates == ()
    assert report.stale == report.slipping == report.moves == []
    assert report.checked_in == 0


def test_a_long_weekly_history_is_drawn_at_month_ends() -> None:
    from datetime import timedelta

    from backmap.checkins import CheckIn
    from backmap.review.compute import MAX_DATES, chart_dates

    weekly = [CheckIn(date(2022, 1, 7) + timedelta(days=7 * i), progress=1) for i in range(250)]
    dates = chart_dates({"a": weekly}, TODAY)
    assert len(dates) == MAX_DATES
    assert dates[-1] == weekly[-1].date  # the latest check-in, not the end of its month
    assert all((d + timedelta(days=1)).day == 1 for d in dates[:-1])
    assert dates == sorted(set(dates))


@pytest.mark.parametrize("since", [None, date(2026, 10, 15), date(2026, 12, 3)])
def test_the_past_is_asked_about_the_days_past_days_names(tmp_path: Path, since: date) -> None:
    """`report` works out the past of those days in a helper process before computing: a day
    asked later would be read again, in this process."""
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    ws = store.load(path)
    histories = {n.id: checkins.of_node(n) for n in ws.nodes() if n.checkins}
    asked: list[date] = []

    def past(day: date) -> None:
        asked.append(day)

    compute(build(ws), histories, title="t", today=TODAY, since=since, past=past)
    assert set(asked) == set(past_days(histories, TODAY, since))
    assert asked[0] == max(asked)  # the newest first, as `Past` says
