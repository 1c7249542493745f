"""Level columns: a sheet laid out as its tree, a column per level, read by the columns' names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from backmap.importing.raw import Item, Outline, Problem

LEVELS = {
    "outcome": "outcome",
    "outcomes": "outcome",
    "goal": "goal",
    "goals": "goal",
    "sub_goal": "sub_goal",
    "sub_goals": "sub_goal",
    "subgoal": "sub_goal",
    "subgoals": "sub_goal",
    "initiative": "initiative",
    "initiatives": "initiative",
}
"""Columns that lay the tree out, a level each, read when the sheet has no `title` column."""
DEPTHS = ("outcome", "goal", "sub_goal", "initiative")
"""The levels from the top down: a row names its items in this order, whatever the columns'."""
LEVEL = "level:"
"""Marks a level column among the fields: `level:goal`."""


def kind_of(level: str) -> str:
    """The kind of a level's items: a sub-goal is a goal under a goal."""
    return "goal" if level == "sub_goal" else level


def level_kinds() -> list[str]:
    """The kinds a level column may name, top first."""
    return list(dict.fromkeys(kind_of(level) for level in DEPTHS))


@dataclass
class Levels:
    """What the rows read so far made: each title's item and level, and the last value of
    each level column, which a blank cell below takes."""

    seen: dict[str, tuple[Item, str]] = field(default_factory=dict)
    carried: dict[int, str] = field(default_factory=dict)


def path(
    outline: Outline,
    where: str,
    fields: list[str | None],
    values: list[str],
    place: Callable[[int], str],
    levels: Levels,
) -> Item | None:
    """The items a row of level columns names, each under the one above it (made once per
    title, a parent added for each new one); the deepest, whose fields the row's other
    columns give. None, with a problem, when the row names none or gives a title two levels."""
    cells = sorted(
        (DEPTHS.index(name.removeprefix(LEVEL)), column)
        for column, name in enumerate(fields)
        if name is not None and name.startswith(LEVEL)
    )
    named = [(depth, column, _cell(values, column)) for depth, column in cells]
    deepest = max((i for i, (*_, value) in enumerate(named) if value), default=None)
    if deepest is None:
        outline.problems.append(
            Problem(where, "no title in this row: fill its Outcome, Goal or Initiative")
        )
        return None
    above: Item | None = None
    for i, (depth, column, value) in enumerate(named[: deepest + 1]):
        if value:
            if levels.carried.get(column) != value:
                # Merged cells nest: a new item at one level starts new ones below it.
                for *_, below, _ in named[i + 1 :]:
                    levels.carried.pop(below, None)
            levels.carried[column] = value
        else:
            # A blank above the row's deepest item is a merged cell, exported empty.
            value = levels.carried.get(column, "")
            if not value:
                continue
        item = _item(outline, value, DEPTHS[depth], place(column), levels)
        if item is None:
            return None
        if above is not None and above.title not in item.parents:
            item.parents.append(above.title)
        above = item
    return above


def _cell(values: list[str], column: int) -> str:
    return values[column].strip() if column < len(values) else ""


def _item(outline: Outline, title: str, level: str, where: str, levels: Levels) -> Item | None:
    """The item titled `title`, made at its first row; None, with a problem, at another level."""
    key = " ".join(title.lower().split())
    found = levels.seen.get(key)
    if found is None:
        item = Item(title, where)
        item.fields["kind"] = kind_of(level)
        item.places["kind"] = where
        levels.seen[key] = item, level
        outline.items.append(item)
        return item
    item, first = found
    if first != level:
        outline.problems.append(
            Problem(
                where,
                f"{title!r} is {_a(level)} here and {_a(first)} at {item.where}: give it one level",
            )
        )
        return None
    return item


def _a(level: str) -> str:
    words = level.replace("_", "-")
    return f"an {words}" if words[0] in "aeiou" else f"a {words}"
