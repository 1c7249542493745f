"""Ids in the focus file following the map and the people file: node ids renamed where they
stand, or taken out of focus items and lessons when their node is removed; a person's entries
keyed by a new id, or given to someone else."""

from __future__ import annotations

import re
from dataclasses import dataclass

from backmap.people.focus import GROUPS, LIMIT, Entry, Focus
from backmap.store.focus import Path_, parse_focus
from backmap.store.focus_text import flow_style, rewrite_entry, span, with_focus, with_lesson
from backmap.store.outline import outline


def with_id_renamed(focus: Focus, old: str, new: str) -> str:
    """The focus file's text with node id `old` written `new` in every focus item and lesson,
    each changed where it stands (comments and layout stay)."""
    shape = outline(focus.text)
    lines = focus.text.splitlines(keepends=True)
    places = sorted(
        (shape.values[path] for path in _id_paths(focus, old) if path in shape.values),
        reverse=True,
    )
    for line, col in places:  # right to left, so earlier columns stay where they were
        row = lines[line - 1]
        start = col - 1
        quoted = row[start : start + 1] in ("'", '"')
        begin = start + 1 if quoted else start
        if row[begin : begin + len(old)] == old:
            lines[line - 1] = row[:begin] + new + row[begin + len(old) :]
    return "".join(lines)


def _id_paths(focus: Focus, node_id: str) -> list[Path_]:
    """Where `node_id` stands in the file: focus items and lesson nodes, by outline path."""
    out: list[Path_] = []
    for key, block in focus.periods.items():
        for group in GROUPS:
            for who, entry in getattr(block, group).items():
                base: Path_ = (key, group, who)
                out += [(*base, "focus", i) for i, n in enumerate(entry.focus) if n == node_id]
                for j, lesson in enumerate(entry.lessons):
                    out += [
                        (*base, "lessons", j, "nodes", i)
                        for i, n in enumerate(lesson.nodes)
                        if n == node_id
                    ]
    return out


def without_id(focus: Focus, node_id: str) -> tuple[str, list[str]]:
    """The focus file's text with `node_id` taken out of every focus item and lesson, and
    who it was taken from ("maya's focus for 2027-Q1", "a lesson of team web for ...")."""
    text, dropped = focus.text, []
    for key, block in list(focus.periods.items()):
        for group in GROUPS:
            for who, entry in getattr(block, group).items():
                label = f"team {who}" if group == "teams" else who
                if node_id in entry.focus:
                    dropped.append(f"the focus of {label} for {key}")
                if any(node_id in lesson.nodes for lesson in entry.lessons):
                    dropped.append(f"a lesson of {label} for {key}")
    if not dropped:
        return text, []
    # One list at a time, reading the file again after each change: places move.
    while True:
        current = parse_focus(focus.path, text, focus.digest)
        paths = _id_paths(current, node_id)
        if not paths:
            return text, dropped
        place, field, rest = paths[0][:3], paths[0][3], paths[0][4:]
        period, group, who = (str(part) for part in place)
        entry = current.entry(period, group, who)
        shape = outline(text)
        if flow_style(shape, text, place):
            text = rewrite_entry(current, place, lambda e: _dropped(e, node_id))
        elif field == "focus":
            text = with_focus(current, period, group, who, [n for n in entry.focus if n != node_id])
        else:
            lesson = entry.lessons[int(rest[0])]
            at: Path_ = (period, group, who, "lessons", rest[0], "nodes")
            start = shape.values.get(at[:-1], (0, 0))
            if text.splitlines()[start[0] - 1][start[1] - 1 : start[1]] == "{":
                text = rewrite_entry(current, place, lambda e: _dropped(e, node_id))
            else:
                text = _set_list(text, at, [n for n in lesson.nodes if n != node_id])


def _dropped(entry: Entry, node_id: str) -> Entry:
    lessons = [
        x.model_copy(update={"nodes": [n for n in x.nodes if n != node_id]}) for x in entry.lessons
    ]
    return entry.model_copy(
        update={"focus": [n for n in entry.focus if n != node_id], "lessons": lessons}
    )


def _set_list(text: str, path: Path_, ids: list[str]) -> str:
    """`text` with the list under key `path` written `[a, b]` on the key's line."""
    shape = outline(text)
    lines = text.splitlines(keepends=True)
    first, last = span(shape, lines, path)
    col = shape.keys[path][1]
    keep = re.search(r"\]\s*(#.*)$", lines[first].rstrip("\r\n")) if first == last else None
    tail = f"  {keep[1]}" if keep else ""
    lines[first : last + 1] = [f"{lines[first][: col - 1]}{path[-1]}: [{', '.join(ids)}]{tail}\n"]
    return "".join(lines)


def person_entries(focus: Focus, person_id: str) -> list[str]:
    """The periods in which the focus file has an entry for `person_id`."""
    return [key for key, block in focus.periods.items() if person_id in block.people]


def with_person_renamed(focus: Focus, old: str, new: str) -> str:
    """The focus file's text with the entries of person `old` keyed `new` in every period,
    each key changed where it stands (quotes, comments and layout stay)."""
    shape = outline(focus.text)
    lines = focus.text.splitlines(keepends=True)
    for key in person_entries(focus, old):
        found = shape.keys.get((key, "people", old))
        if found is None:
            continue
        line, col = found
        row = lines[line - 1]
        begin = col if row[col - 1 : col] in ("'", '"') else col - 1
        if row[begin : begin + len(old)] == old:
            lines[line - 1] = row[:begin] + new + row[begin + len(old) :]
    return "".join(lines)


@dataclass
class EntriesClash(Exception):
    """Two people's entries of one period cannot be joined: together they would hold more than
    LIMIT focus items or lessons (`what`), or the period writes its people on one line."""

    period: str
    what: str
    """"focus item" or "lesson"; "" when the period's people are written on one line."""
    have: int
    """How many the one taking over has."""
    more: int
    """How many the other one adds."""


def with_person_moved(focus: Focus, old: str, new: str) -> str:
    """The focus file's text with every entry of person `old` given to person `new`: keyed
    `new` where `new` has no entry in that period; else joined into theirs (focus items, then
    lessons, each once) and taken out. EntriesClash when a joined entry would be too full."""
    text = focus.text
    for period in person_entries(focus, old):
        if new not in focus.periods[period].people:
            continue
        if flow_style(outline(text), text, (period, "people")):
            raise EntriesClash(period, "", 0, 0)
        mine, theirs = focus.entry(period, "people", old), focus.entry(period, "people", new)
        items = [n for n in dict.fromkeys(mine.focus) if n not in theirs.focus]
        lessons = [x for x in mine.lessons if x not in theirs.lessons]
        for what, have, more in (
            ("focus item", theirs.focus, items),
            ("lesson", theirs.lessons, lessons),
        ):
            if len(have) + len(more) > LIMIT:
                raise EntriesClash(period, what, len(have), len(more))
        if items:
            current = parse_focus(focus.path, text, focus.digest)
            text = with_focus(current, period, "people", new, [*theirs.focus, *items])
        for lesson in lessons:
            current = parse_focus(focus.path, text, focus.digest)
            text = with_lesson(current, period, "people", new, lesson)
        text = _without(text, (period, "people", old))
    return with_person_renamed(parse_focus(focus.path, text, focus.digest), old, new)


def _without(text: str, path: Path_) -> str:
    """`text` without the lines of the entry at `path` (comments above it stay)."""
    lines = text.splitlines(keepends=True)
    first, last = span(outline(text), lines, path)
    del lines[first : last + 1]
    return "".join(lines)
