"""What "lessons near this idea" adds to a warm `fit` query: milliseconds per query on the org
example map, with its focus file (2 lessons) and with 30 and 300 lessons planted (each encoded
once, before timing: the encoder keeps vectors on disk and in memory).

Run: PYTHONPATH=src python benchmarks/fit_lessons.py
"""

from __future__ import annotations

import time
from pathlib import Path

from backmap import store
from backmap.fit import default_encoder, fit, index_workspace
from backmap.fit.lessons import lessons_near
from backmap.people.focus import Entry, Focus, Lesson, PeriodBlock

ROOT = Path(__file__).resolve().parents[1]
IDEAS = [
    "backfill weather history for the forecast",
    "route drivers with live traffic",
    "pair new engineers with a mentor",
]
RUNS = 5


def _planted(ws: store.Workspace, count: int) -> None:  # type: ignore[name-defined]
    """`count` lessons, three a person, over as many quarters as needed."""
    ids = ws.ids()
    periods: dict[str, PeriodBlock] = {}
    for n in range(count):
        key = f"{2000 + n // 300}-Q{n // 75 % 4 + 1}"
        block = periods.setdefault(key, PeriodBlock())
        who = f"person-{n // 3 % 25}"
        entry = block.people.setdefault(who, Entry())
        entry.lessons.append(
            Lesson(text=f"lesson {n} about {ids[n % len(ids)]}", nodes=[ids[n % len(ids)]])
        )
    ws.focus = Focus(ROOT / "focus.yaml", periods, "", "")


def _ms(func: object) -> float:
    start = time.perf_counter()
    for _ in range(RUNS):
        for idea in IDEAS:
            func(idea)  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000 / (RUNS * len(IDEAS))


def main() -> None:
    ws = store.load(ROOT / "maps" / "org")
    index = index_workspace(ws, default_encoder())
    fit(index, "warm up")
    rows = [("fit alone", _ms(lambda t: fit(index, t)))]
    for label, count in (("org focus.yaml", None), ("30 lessons", 30), ("300 lessons", 300)):
        if count is not None:
            _planted(ws, count)
        lessons_near(ws, index, "warm up")  # new lessons are encoded once, then cached
        rows.append((f"lessons near, {label}", _ms(lambda t: lessons_near(ws, index, t))))
    ws.focus = None
    rows.append(("lessons near, no focus file", _ms(lambda t: lessons_near(ws, index, t))))
    print(f"{'what':<34} {'ms per query':>12}")
    for what, ms in rows:
        print(f"{what:<34} {ms:>12.2f}")


if __name__ == "__main__":
    main()
