"""What a reader hands on: an outline of raw strings with where each came from, and its problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from backmap import fields

FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "kind",
    "parent",
    "owner",
    "sub_owner",
    "status",
    "progress",
    "due",
    "metric",
    "unit",
    "baseline",
    "target",
    "current",
    "tags",
    "links",
    "paths",
    "personal",
    "ignore",
    "description",
    "checkins",
)
"""The fields a reader may give as text (columns, attributes), in the order an export writes
them; `parent` holds ids or titles. The exports write and the readers read these names."""

METRIC_COLUMNS: dict[str, str] = {
    ("metric" if part == "name" else part): part for part in fields.METRIC_PARTS
}
"""The columns of a metric's parts: `metric` is its name, then `unit`, `baseline` ..."""

OPTIONAL = (*METRIC_COLUMNS, "paths", "personal", "ignore", "checkins")
"""Fields a spreadsheet export leaves out when no node has them, so a plain map stays narrow."""


def typed_field(name: str) -> str:
    """The name `backmap.fields.read` knows a field of FIELDS by (`target` is `metric.target`)."""
    part = METRIC_COLUMNS.get(name)
    return name if part is None else f"metric.{part}"


@dataclass
class Item:
    """One entry of the outline: a title as written, with inline tokens still in it."""

    title: str
    where: str
    """'file:line' or 'sheet!cell': where the entry starts, for messages."""
    under: int | None = None
    """The index of the entry it is nested under (tree formats), or None at the top."""
    fields: dict[str, str] = field(default_factory=dict)
    """Field text given apart from the title (a column, an attribute, a task box)."""
    places: dict[str, str] = field(default_factory=dict)
    """Where each of `fields` came from, when that is more precise than `where` (a cell)."""
    parents: list[str] = field(default_factory=list)
    """More parents, each an id or a title (a parent column, a `supports` attribute)."""
    links: list[int] = field(default_factory=list)
    """More parents by index in the outline (a mind map's cross links)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the input, at a place the user can find."""

    where: str
    message: str

    def __str__(self) -> str:
        text = f"{self.where}: error: {self.message}"
        return text.replace("\r", "\\r").replace("\n", "\\n")


class ImportFailed(Exception):
    """The input cannot be imported; holds every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=place_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def place_order(problem: Problem) -> tuple[str, int, str]:
    """By place, with line and row numbers in numeric order ('A9' before 'A10')."""
    found = re.fullmatch(r"(.*?)(\d+)", problem.where)
    if found:
        return found.group(1), int(found.group(2)), problem.message
    return problem.where, 0, problem.message


@dataclass
class Outline:
    """Everything read from one file, before any field is typed."""

    source: Path
    items: list[Item] = field(default_factory=list)
    title: str | None = None
    """The map's title when the file names one (OPML head, mind-map root, a lone '# ')."""
    description: str | None = None
    """The map's description when the file gives one (text under a Markdown title)."""
    top: Item | None = None
    """The item `title` was taken from (a lone '# ' heading, a mind map's root), which
    `keeping_top` makes the item over all the others."""
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What was read but not used (a mind map's attributes), for the user to know."""
    remarks: list[Problem] = field(default_factory=list)
    """What was read and left out at a place (a row repeating another), for the user to know."""
    columns_left: list[tuple[str, str | None]] = field(default_factory=list)
    """A sheet's columns not imported, each with the field its name reads as, if clearly one."""


def keeping_top(outline: Outline) -> Outline:
    """The outline with its `top` as an item over the items at the top (and its description),
    the map's title left to whoever names it."""
    top = outline.top
    if top is None:
        return outline
    if outline.description:
        top.fields.setdefault("description", outline.description)
    items = [top]
    for item in outline.items:
        item.under = 0 if item.under is None else item.under + 1
        item.links = [link + 1 for link in item.links]
        items.append(item)
    outline.items, outline.top, outline.title, outline.description = items, None, None, None
    return outline
