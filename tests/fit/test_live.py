"""The editor's live fit index: snapshots posted from the UI thread, answers from a worker."""

from __future__ import annotations

import threading

import pytest
from tests.conftest import MAPS

from backmap import edits
from backmap.fit import FitIndex, Item, LiveIndex, index_workspace
from backmap.store import load

from .ranking import same_ranking

QUERY = "a weekly sauna to unwind after work"


def ranking(index: FitIndex | None) -> list[str]:
    assert index is not None
    return [pid for pid, _ in index.rank(QUERY)]


def test_nothing_is_indexed_or_posted_before_the_first_question() -> None:
    ws = load(MAPS / "ideal-group.yaml")
    live = LiveIndex()
    live.changed(ws, edits.History(ws).do(edits.remove(ws, "off-hours")))
    assert live.ask(QUERY, top=3) is None
    live.ensure_seeded(ws)
    answer = live.ask(QUERY, top=3)
    assert answer is not None and "off-hours" not in live.index.items  # type: ignore[union-attr]


def test_the_worker_sees_what_was_posted_not_the_live_map() -> None:
    ws = load(MAPS / "ideal-group.yaml")
    history = edits.History(ws)
    live = LiveIndex()
    live.ensure_seeded(ws)
    edit = history.do(edits.add(ws, "goal", "Sauna on Fridays", supports=["happy"]))
    live.changed(ws, edit)
    # Changed after the post and never posted: the index must not notice.
    history.do(edits.change(ws, "sauna-on-fridays", title="Cold showers"))
    assert live.ask(QUERY, top=3) is not None
    assert live.index is not None
    assert live.index.items["sauna-on-fridays"].title == "Sauna on Fridays"
    assert ranking(live.index)[0] == "sauna-on-fridays"


def test_a_failure_drops_the_index_and_the_next_question_seeds_again() -> None:
    ws = load(MAPS / "ideal-group.yaml")
    calls = {"n": 0}

    def flaky(items: list[Item]) -> FitIndex:
        calls["n"] += 1
        if calls["n"] == 1:
            raise ValueError("encoder fell over")
        return FitIndex.build(items)

    live = LiveIndex(build=flaky)
    live.ensure_seeded(ws)
    with pytest.raises(ValueError):
        live.ask(QUERY, top=3)
    assert live.index is None
    live.ensure_seeded(ws)  # what the next keystroke does
    assert live.ask(QUERY, top=3) is not None
    assert ranking(live.index) == ranking(index_workspace(ws))


def test_edits_racing_the_worker_end_in_the_same_index_as_a_fresh_build() -> None:
    ws = load(MAPS / "ideal-group.yaml")
    history = edits.History(ws)
    live = LiveIndex()
    live.ensure_seeded(ws)
    stop = threading.Event()
    errors: list[BaseException] = []

    def worker() -> None:
        while not stop.is_set():
            try:
                live.ask(QUERY, top=3)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)
                return

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        for n in range(30):
            edit = history.do(
                edits.add(ws, "initiative", f"Sauna evening {n}", supports=["less-stress"])
            )
            live.changed(ws, edit)
            if n % 3 == 0:
                undone = history.undo()
                live.changed(ws, undone)
            if n % 10 == 5:
                live.changed(ws, None)  # a reload
    finally:
        stop.set()
        thread.join()
    assert not errors
    live.ask(QUERY, top=3)
    assert live.index is not None
    assert set(live.index.items) == {n.id for n in ws.nodes()}
    same_ranking(live.index, index_workspace(ws), QUERY)
