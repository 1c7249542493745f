"""The quick reads of check-ins that large maps need (a node's latest health, an item's pace,
the history up to a day, a map as of a day) say what the plain, line-by-line reading says."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import examples

from backmap import checkins, store
from backmap.checkins import CheckIn
from backmap.checkins.lines import last_health
from backmap.checks.pace import Pace, pace, progress_points, until
from backmap.model import Metric, Node, Status
from backmap.vocabulary import HEALTHS, Health

PIECES = [
    "2026-01-01",
    " progress=3",
    " health=on-track",
    " health=at-risk",
    " health=off-track",
    " health=bad",
    " health=on-trackish",
    " health=",
    "health=at-risk",
    ' note="held up health=off-track"',
    ' note="ok"',
    "\n",
    "\r\n",
    "#",
    " ",
    "\t",
    "\u00a0",
]


def _last_health_line_by_line(text: str) -> Health | None:
    """The plain reading: lines from the last, the first `health=` word of each that is not
    inside a note."""
    for line in reversed(text.split("\n")):
        at = line.find(" health=")
        if at < 0 or 0 <= line.find('"') < at:
            continue
        word = line[at + 8 :].split(None, 1)
        if word and word[0] in HEALTHS:
            return Health(word[0])
    return None


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_the_latest_health_is_the_one_read_line_by_line(text: str) -> None:
    assert last_health(text) == _last_health_line_by_line(text)


DAY = date(2026, 1, 1)
ENTRIES = st.builds(
    lambda days, progress, current: CheckIn(DAY + timedelta(days=days), progress, current),
    st.integers(0, 60),
    st.none() | st.integers(0, 100),
    st.none() | st.integers(-5, 20),
)
HISTORIES = st.lists(ENTRIES, max_size=8).map(lambda h: sorted(h, key=lambda c: c.date))


def _pace_from_every_point(node: Node, history: list[CheckIn], today: date) -> Pace | None:
    """The pace as every progress point gives it (the reading `pace` skips the middle of)."""
    if node.due is None or node.due < today:
        return None
    points = progress_points(node, history)
    if len(points) < 2 or points[0][0] == points[-1][0]:
        return None
    (start, first), (last_date, last) = points[0], points[-1]
    if last >= 100:
        return None
    left = max(1, (node.due - last_date).days)
    per_day = (last - first) / (last_date - start).days
    return Pace(start, first, last_date, last, node.due, per_day, (100 - last) / left)


@settings(max_examples=examples(300), deadline=None)
@given(HISTORIES, st.booleans(), st.integers(0, 90))
def test_pace_is_the_one_every_point_gives(
    history: list[CheckIn], measured: bool, due_in: int
) -> None:
    metric = Metric(name="late pings", baseline=0, target=10) if measured else None
    node = Node(
        id="a", kind="initiative", title="A", metric=metric, due=DAY + timedelta(days=due_in)
    )
    today = DAY
    assert pace(node, history, today) == _pace_from_every_point(node, history, today)


@settings(max_examples=examples(300), deadline=None)
@given(HISTORIES, st.integers(-1, 62))
def test_the_history_until_a_day_is_every_check_in_made_by_then(
    history: list[CheckIn], days: int
) -> None:
    today = DAY + timedelta(days=days)
    assert list(until(history, today)) == [c for c in history if c.date <= today]
    assert list(until(tuple(history), today)) == [c for c in history if c.date <= today]


MAP = """\
backmap: 1
title: Team
nodes:
  - id: calm
    kind: goal
    title: Calm weeks
  - id: quiet
    kind: initiative
    title: Quiet hours
    supports: [calm]
    status: active
    progress: 40
    metric:
      name: late pings
      baseline: 50
      target: 5
      current: 20
    checkins: |
      2026-09-30 progress=10 current=45 health=on-track
      2026-10-31 progress=20 health=at-risk
      2026-11-30 progress=40 current=20
"""


def _copied_by_pydantic(node: Node, now: Node) -> Node:
    """The node as pydantic's own `model_copy` makes it, with the values `as_of` gave."""
    update: dict[str, Any] = {
        name: getattr(now, name) for name in ("checkins", "progress", "metric")
    }
    if node.metric is not None and now.metric is not None:
        update["metric"] = node.metric.model_copy(update={"current": now.metric.current})
    return node.model_copy(update=update)


def test_a_map_as_of_a_day_is_made_as_pydantic_copies_it(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    ws = store.load(path)
    then = checkins.as_of(ws, date(2026, 10, 31))
    node, was = ws.node("quiet"), then.node("quiet")
    assert (was.progress, was.metric and was.metric.current) == (20, 45)
    assert was.checkins == "2026-09-30 progress=10 current=45 health=on-track\n" + (
        "2026-10-31 progress=20 health=at-risk\n"
    )
    same = _copied_by_pydantic(node, was)
    assert was == same
    assert was.model_fields_set == same.model_fields_set
    assert was.metric is not None and same.metric is not None
    assert was.metric.model_fields_set == same.metric.model_fields_set
    assert was.model_dump(exclude_unset=True) == same.model_dump(exclude_unset=True)
    assert ws.node("quiet").progress == 40  # the map itself is left as it is
    assert then.node("calm") is ws.node("calm")
    assert Status.ACTIVE is was.status
