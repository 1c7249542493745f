"""The cells of the report's Markdown tables: items, percents, signed changes, amounts, days,
and tables cut at MAX_ROWS rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from backmap.render.markdown import text

MAX_ROWS = 50
"""Rows of one list; the rest are counted, and `backmap check` lists them all."""
BLANK = "\u2013"
"""An en dash: a cell with nothing to say."""


def item(node_id: str, title: str) -> str:
    return f"{text(title)} (`{node_id}`)"


def percent(value: float | None) -> str:
    return BLANK if value is None else f"{value:.0f}%"


def signed(value: float | None, suffix: str = "", digits: int = 1) -> str:
    if value is None:
        return BLANK
    rounded = round(value, digits)
    if rounded == 0:
        return f"±0{suffix}"
    return f"{rounded:+g}{suffix}"


def unit_suffix(unit: str | None) -> str:
    """What follows a number of `unit`: `%` at once, another unit after a space."""
    return "" if not unit else unit if unit == "%" else f" {text(unit)}"


def number(value: float | None, unit: str | None) -> str:
    if value is None:
        return BLANK
    shown = f"{value:g}"
    return f"{shown}{unit}" if unit == "%" else f"{shown} {text(unit)}" if unit else shown


def day(day: date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def capped(rows: list[list[str]], what: str, rule: str) -> list[list[str]]:
    if len(rows) <= MAX_ROWS:
        return rows
    more = len(rows) - MAX_ROWS
    note = f"… and {more} more {what} (`backmap check --select {rule}` lists them all)"
    return [*rows[:MAX_ROWS], [note, *([""] * (len(rows[0]) - 1))]]
