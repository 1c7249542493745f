"""Focus items and lessons by period: what a person or team picked before a period (at most
three) and what they learned after it, with the questions every view asks of them.

Typical use (the workspace carries the focus file as `ws.focus`, None without one):

    focused(ws, today)                  # node id -> [Holder], periods that hold today
    holder_focus(ws, "maya", today, team="platform")   # maya's (and her team's) items now
    focus_items(ws)                     # [(Holder, ids)] for every period
    lessons(ws, period="2026-Q4")       # [LessonRow], oldest period first

Changes go through the store: `store.focus_text.with_focus` / `with_lesson` give the new text,
`reparse` checks it, `save_focus` writes it (atomically, under the folder's lock).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from backmap.model import NAME_PATTERN, Id, Name

if TYPE_CHECKING:
    from backmap.model import Workspace

LIMIT = 3
"""Focus items, and lessons, one person or team keeps for one period."""
GROUPS = ("people", "teams")
"""Who a period's entries belong to: people (by id, or owner name) and teams."""

LESSON_MAX = 300
"""Characters of a lesson: short text, one line."""
LessonText = Annotated[StrictStr, Field(min_length=1, max_length=LESSON_MAX, pattern=NAME_PATTERN)]

_PERIOD = re.compile(r"(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))")


@dataclass(frozen=True, order=True)
class Period:
    """A month (`2027-01`) or a quarter (`2027-Q1`), with its first and last day."""

    start: date
    end: date
    key: str

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def parse_period(text: str) -> Period:
    """The period `text` names; ValueError saying what a period looks like."""
    match = _PERIOD.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"{text!r} is not a period: write a month as YYYY-MM (2027-01) "
            "or a quarter as YYYY-Qn (2027-Q1)"
        )
    year = int(match[1])
    if match[2]:
        first, months = int(match[2]), 1
    else:
        first, months = 3 * int(match[3]) - 2, 3
    start = date(year, first, 1)
    after = date(year + (first + months - 1) // 12, (first + months - 1) % 12 + 1, 1)
    return Period(start, after - timedelta(days=1), match[0])


class _Strict(BaseModel):
    # Validators are built when a focus file is first read, not at every start: most
    # commands, and most maps, never read one.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)


class Lesson(_Strict):
    """One thing learned in a period."""

    text: LessonText
    """What was learned, in a sentence."""
    nodes: list[Id] = Field(default_factory=list)
    """The items of the map it is about, if any."""


class Entry(_Strict):
    """One person's or team's focus items and lessons for one period."""

    focus: list[Id] = Field(default_factory=list)
    """At most three node ids, the items to focus on in the period."""
    lessons: list[Lesson] = Field(default_factory=list)
    """At most three lessons, written after the period."""


class PeriodBlock(_Strict):
    """Everything recorded for one period."""

    people: dict[Name, Entry] = Field(default_factory=dict)
    """By person: their id in the people file (or the owner's name without one)."""
    teams: dict[Name, Entry] = Field(default_factory=dict)
    """By team, as the people file names teams."""


class Focus:
    """The focus file of a workspace: periods in file order, each with its entries."""

    def __init__(
        self,
        path: Path,
        periods: dict[str, PeriodBlock],
        text: str,
        digest: str,
        lines: dict[tuple[str, str, str], int] | None = None,
    ):
        self.path = path
        self.periods = periods
        self.text = text
        """What the file held when loaded or last saved (the store edits this text)."""
        self.digest = digest
        self.lines = lines or {}
        """(period, group, who) -> the line the entry starts on."""

    def entry(self, period: str, group: str, who: str) -> Entry:
        block = self.periods.get(period)
        found = getattr(block, group).get(who) if block is not None else None
        return found if found is not None else Entry()


@dataclass(frozen=True)
class Holder:
    """Who holds a focus item or wrote a lesson: a person or a team, in one period."""

    period: Period
    group: str
    """"people" or "teams"."""
    who: str

    @property
    def label(self) -> str:
        return f"team {self.who}" if self.group == "teams" else self.who


def _entries(focus: Focus | None) -> list[tuple[Holder, Entry]]:
    """Every entry with who holds it, periods in time order, then file order."""
    if focus is None:
        return []
    out = []
    for key, block in focus.periods.items():
        period = parse_period(key)
        for group in GROUPS:
            for who, entry in getattr(block, group).items():
                out.append((Holder(period, group, who), entry))
    out.sort(key=lambda pair: pair[0].period.start)  # stable: file order within a period
    return out


def focused(ws: Workspace, today: date) -> dict[str, list[Holder]]:
    """Node id -> who has it in focus in a period that holds `today`."""
    out: dict[str, list[Holder]] = {}
    for holder, entry in _entries(ws.focus):
        if holder.period.holds(today):
            for node_id in entry.focus:
                out.setdefault(node_id, []).append(holder)
    return out


def focus_items(ws: Workspace) -> list[tuple[Holder, list[str]]]:
    """Every entry's focus items, oldest period first (for `focus` with no ids and the rule)."""
    return [(h, list(e.focus)) for h, e in _entries(ws.focus) if e.focus]


def holder_focus(ws: Workspace, key: str, today: date, team: str | None = None) -> list[str]:
    """The node ids a person (by key), or their team, has in focus in periods holding today."""
    ids: list[str] = []
    for holder, entry in _entries(ws.focus):
        if not holder.period.holds(today):
            continue
        mine = holder.group == "people" and holder.who == key
        ours = team is not None and holder.group == "teams" and holder.who == team
        if mine or ours:
            ids += [n for n in entry.focus if n not in ids]
    return ids


@dataclass(frozen=True)
class LessonRow:
    """One lesson with who wrote it and when."""

    holder: Holder
    text: str
    nodes: tuple[str, ...]
    index: int = 0
    """Its place among the lessons of its entry."""


def lessons(ws: Workspace, period: str | None = None, who: str | None = None) -> list[LessonRow]:
    """Every lesson, oldest period first, or those of one period and/or one person or team."""
    return [
        LessonRow(holder, lesson.text, tuple(lesson.nodes), index)
        for holder, entry in _entries(ws.focus)
        if (period is None or holder.period.key == period) and (who is None or holder.who == who)
        for index, lesson in enumerate(entry.lessons)
    ]
