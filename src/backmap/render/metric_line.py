"""A node's metric in a few words for the terminal: 'eNPS 32 (target 40, from 20)'."""

from __future__ import annotations

from backmap.amounts import amount
from backmap.model import Metric

SHORT_NAME = 26
"""The longest metric name `status` prints whole; a longer one is cut at a word, so a status
line stays about as long as its neighbours."""


def metric_line(metric: Metric, short: bool = False) -> str:
    """'late pings 60 msgs (target 10, from 120)'; 'not measured' before a first
    reading. The target comes first in the brackets: it says which way is better. `short`
    cuts a long name (see SHORT_NAME)."""
    name = " ".join(metric.name.split())  # one line, whatever the file holds
    if short and len(name) > SHORT_NAME:
        cut = name[: SHORT_NAME + 1].rsplit(" ", 1)[0] if " " in name[:SHORT_NAME] else ""
        name = (cut or name[:SHORT_NAME]).rstrip(" ,;:·-") + "…"
    unit = metric.unit
    values: list[tuple[str, float | None]] = [
        ("", metric.current),
        ("target ", metric.target),
        ("from ", metric.baseline),
    ]
    said: list[str] = []
    unit_said = False
    for word, value in values:
        if value is None:
            if not word:
                said.append("not measured")
            continue
        # The unit once, on the first number; a '%' on each, as it is part of how it reads.
        said.append(word + amount(value, None if unit_said and not _bare_percent(unit) else unit))
        unit_said = True
    now, around = said[0], said[1:]
    return f"{name} {now}" + (f" ({', '.join(around)})" if around else "")


def _bare_percent(unit: str | None) -> bool:
    return (unit or "").strip() == "%"
