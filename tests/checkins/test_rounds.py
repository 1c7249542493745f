"""A check-in round as data: what each item is asked, and what empty answers keep."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import MAPS

from backmap import store
from backmap.checkins import rounds

DAY = date(2026, 12, 3)


def test_an_item_is_asked_what_it_can_record_with_its_last_values_kept() -> None:
    ws = store.load(MAPS / "ideal-group.yaml")
    goal = rounds.item(ws, "less-stress", DAY)
    assert [q.name for q in goal.questions] == ["current", "health", "note"]  # rolls up
    leaf = rounds.item(ws, "off-hours", DAY)
    kept = {q.name: q.kept for q in leaf.questions}
    assert (kept["progress"], kept["current"], kept["health"].value) == (40, 60, "on-track")
    assert leaf.last is not None and leaf.last.date == date(2026, 11, 30)
    assert rounds.item(ws, "off-hours", date(2026, 9, 1)).last.progress == 10  # as it stood


def test_answers_keep_what_is_left_empty_and_refuse_bad_text() -> None:
    ws = store.load(MAPS / "ideal-group.yaml")
    leaf = rounds.item(ws, "off-hours", DAY)
    made = rounds.answer(leaf, {"progress": "45", "health": "", "note": "on time"}, DAY)
    assert (made.progress, made.current, made.health.value, made.note) == (
        45,
        60,
        "on-track",
        "on time",
    )
    with pytest.raises(ValueError, match="'140' is not a number from 0 to 100"):
        rounds.answer(leaf, {"progress": "140"}, DAY)
    fresh = rounds.item(ws, "protect-time-off", DAY)  # nothing to keep, nothing typed
    assert rounds.answer(fresh, {}, DAY) is None
    assert ("dana", 6) in rounds.owners(ws)


def test_enter_on_every_value_records_nothing_and_c_confirms_unchanged() -> None:
    ws = store.load(MAPS / "ideal-group.yaml")
    leaf = rounds.item(ws, "off-hours", DAY)  # progress 40, current 60, on-track kept
    blank = {q.name: "" for q in leaf.questions}
    assert rounds.answer(leaf, blank, DAY) is None  # nothing typed: nothing to record
    assert rounds.answer(leaf, {}, DAY) is None
    same = rounds.answer(leaf, {**blank, "progress": rounds.CONFIRM}, DAY)
    assert same is not None
    assert (same.date, same.progress, same.current, same.health.value, same.note) == (
        DAY,
        40,
        60,
        "on-track",
        None,
    )
