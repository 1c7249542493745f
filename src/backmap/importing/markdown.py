"""Markdown outlines: headings and nested bullets make one tree; `- [x]` marks a task done."""

from __future__ import annotations

import re
from pathlib import Path

from backmap.importing.raw import Item, Outline, Problem

_HEADING = re.compile(r"#{1,6}(?=\s|$)")
_BULLET = re.compile(r"([-*+]|\d{1,9}[.)])(?:\s+|$)")
_TASK = re.compile(r"\[([ xX])\](?:\s+|$)")
_BREAK = re.compile(r"([-*_])( *\1){2,}")
_FENCE = re.compile(r"(```|~~~)")
TAB = 4


def read(path: Path, text: str) -> Outline:
    """The outline of a Markdown file; text outside headings and bullets becomes descriptions."""
    outline = Outline(path)
    items = outline.items
    # Open headings as (level, index), and open bullets under the last heading as (column, index).
    headings: list[tuple[int, int]] = []
    bullets: list[tuple[int, int]] = []
    fenced = False
    lines = text.splitlines()
    for number, raw in enumerate(lines, 1):
        where = f"{path}:{number}"
        line = raw.expandtabs(TAB)
        stripped = line.strip()
        if _FENCE.match(stripped):
            fenced = not fenced
            continue
        if fenced:
            _describe(items, stripped)
            continue
        if not stripped:
            continue
        if _BREAK.fullmatch(stripped):
            continue  # a thematic break (---, ***), or YAML front matter's fence
        column = len(line) - len(line.lstrip(" "))
        heading = _HEADING.match(stripped) if column < TAB else None
        if heading:
            level = len(heading.group())
            title = stripped[level:].strip().rstrip("#").strip()
            if level == 1 and not items and _lone_top_heading(lines[number:]):
                outline.title = title or None
                outline.top = Item(title, where) if title else None
                continue
            while headings and headings[-1][0] >= level:
                headings.pop()
            bullets.clear()
            under = headings[-1][1] if headings else None
            headings.append((level, len(items)))
            items.append(Item(title, where, under))
            continue
        bullet = _BULLET.match(stripped)
        if bullet is None:
            if items:
                _describe(items, stripped)
            elif outline.title is not None:
                old = outline.description
                outline.description = f"{old}\n{stripped}" if old else stripped
            else:
                outline.problems.append(
                    Problem(where, "text before the first heading or bullet: make it one of them")
                )
            continue
        rest = stripped[bullet.end() :]
        closed: list[int] = []
        while bullets and bullets[-1][0] > column:
            closed.append(bullets.pop()[0])
        if bullets and bullets[-1][0] == column:
            bullets.pop()  # a sibling of the last bullet at this indentation
        elif bullets and closed:
            shown = [str(c) for c in sorted({bullets[-1][0], *closed})]
            levels = ", ".join(shown[:-1]) + " or " + shown[-1]
            outline.problems.append(
                Problem(
                    where,
                    f"inconsistent indentation: {column} spaces matches no bullet above "
                    f"({levels} spaces); indent it like its siblings",
                )
            )
            continue
        under = bullets[-1][1] if bullets else (headings[-1][1] if headings else None)
        fields: dict[str, str] = {}
        task = _TASK.match(rest)
        if task:
            rest = rest[task.end() :]
            if task.group(1) in "xX":
                fields["status"] = "done"
        bullets.append((column, len(items)))
        items.append(Item(rest.strip(), where, under, fields))
    for item in items:
        if not item.title:
            outline.problems.append(Problem(item.where, "empty heading or bullet: give it a title"))
    return outline


def _lone_top_heading(rest: list[str]) -> bool:
    """A first '# ' heading is the map's title when no other '# ' heading follows."""
    return not any(_HEADING.match(line) and line.startswith("# ") for line in rest)


def _describe(items: list[Item], text: str) -> None:
    if not items:
        return
    item = items[-1]
    old = item.fields.get("description")
    item.fields["description"] = f"{old}\n{text}" if old else text
