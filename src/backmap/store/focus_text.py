"""The focus file's text changed in place, line by line: each change touches the lines of one
entry and nothing else, so comments and the rest of the file stay as people wrote them."""

from __future__ import annotations

import re
from collections.abc import Callable

from backmap.people.focus import Entry, Focus, Lesson
from backmap.store.focus import Path_
from backmap.store.outline import Outline, outline

_PERIOD_KEY = re.compile(r"\d{4}-(0[1-9]|1[0-2]|Q[1-4])")


def with_focus(focus: Focus, period: str, group: str, who: str, ids: list[str]) -> str:
    """The focus file's text with `who`'s focus for `period` set to `ids`."""
    text = focus.text
    path: Path_ = (period, group, who, "focus")
    value = "[" + ", ".join(ids) + "]"
    shape = outline(text)
    if flow_style(shape, text, path[:-1]):
        return rewrite_entry(focus, path[:-1], lambda e: e.model_copy(update={"focus": ids}))
    if path not in shape.keys:
        return _insert(text, path[:-1], [f"focus: {value}"], first=True)
    lines = text.splitlines(keepends=True)
    first, last = span(shape, lines, path)
    keep = re.search(r"\]\s*(#.*)$", lines[first].rstrip("\r\n")) if first == last else None
    indent = _dash(lines[first])
    tail = f"  {keep[1]}" if keep else ""
    lines[first : last + 1] = [f"{indent}focus: {value}{tail}\n"]
    return "".join(lines)


def with_lesson(focus: Focus, period: str, group: str, who: str, lesson: Lesson) -> str:
    """The focus file's text with one more lesson for `who` in `period`, after the others."""
    path: Path_ = (period, group, who, "lessons")
    shape = outline(focus.text)
    if flow_style(shape, focus.text, path[:-1]):
        return rewrite_entry(
            focus, path[:-1], lambda e: e.model_copy(update={"lessons": [*e.lessons, lesson]})
        )
    if path in shape.keys:
        return _insert(focus.text, path, _lesson_lines(lesson), listed=True)
    return _insert(
        focus.text, path[:-1], ["lessons:", *("  " + line for line in _lesson_lines(lesson))]
    )


def flow_style(shape: Outline, text: str, path: Path_) -> bool:
    """Whether an entry is written in flow style, on its key's line (`maya: {focus: [a]}`)."""
    if path not in shape.keys or path not in shape.values:
        return False
    return shape.values[path][0] == shape.keys[path][0]


def _lesson_lines(lesson: Lesson) -> list[str]:
    from backmap.store.emit import scalar  # only writing needs the writer

    item = [f"- text: {scalar(lesson.text)}"]
    if lesson.nodes:
        item.append("  nodes: [" + ", ".join(lesson.nodes) + "]")
    return item


def rewrite_entry(focus: Focus, path: Path_, change: Callable[[Entry], Entry]) -> str:
    """Rewrite one entry written in flow style (`maya: {focus: [a]}`) in block style."""
    period, group, who = (str(part) for part in path)
    entry = change(focus.entry(period, group, who))
    shape = outline(focus.text)
    lines = focus.text.splitlines(keepends=True)
    first, last = span(shape, lines, path)
    indent = _dash(lines[first])
    block = [f"{_key(who)}:"]
    if entry.focus:
        block.append("  focus: [" + ", ".join(entry.focus) + "]")
    if entry.lessons:
        block += ["  lessons:", *("    " + ln for x in entry.lessons for ln in _lesson_lines(x))]
    if len(block) == 1:
        block = [f"{_key(who)}: {{}}"]
    lines[first : last + 1] = [indent + line + "\n" for line in block]
    return "".join(lines)


def _insert(
    text: str, parent: Path_, block: list[str], listed: bool = False, first: bool = False
) -> str:
    """`text` with `block` (lines, unindented) added as the last child of `parent` (the
    first, with `first`), which is made first if missing; `listed`: the children are list
    items."""
    shape = outline(text)
    if parent and parent not in shape.keys:
        text = _insert(text, parent[:-1], [f"{_key(parent[-1])}:"])
        shape = outline(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if not parent:
        # After the last period; in a file of comments only, after them (they are its header).
        at = _content_end(lines, len(lines)) or len(lines)
        lead = ["\n"] if at > 0 and lines[at - 1].strip() else []
        lines[at:at] = lead + [line + "\n" for line in block]
        return "".join(lines)
    start, last = span(shape, lines, parent)
    indent = _child_indent(shape, lines, parent, listed)
    at = start + 1 if first else last + 1
    lines[at:at] = [indent + line + "\n" for line in block]
    return "".join(lines)


def _key(value: str | int) -> str:
    from backmap.store.emit import scalar

    text = str(value)
    return text if _PERIOD_KEY.fullmatch(text) else scalar(text)


def _child_indent(shape: Outline, lines: list[str], parent: Path_, listed: bool) -> str:
    """The indent of `parent`'s children: as its first child has it, else two more spaces."""
    child = (*parent, 0) if listed else None
    if child is None:
        for path in shape.keys:
            if len(path) == len(parent) + 1 and path[:-1] == parent:
                child = path
                break
    if child is not None and child in shape.keys:
        line = lines[shape.keys[child][0] - 1]
        return line[: len(line) - len(line.lstrip(" -"))] if not listed else _dash(line)
    col = shape.keys[parent][1]
    return " " * (col - 1 + 2)


def _dash(line: str) -> str:
    """The indent of a list item's dash."""
    return line[: len(line) - len(line.lstrip(" "))]


def span(shape: Outline, lines: list[str], path: Path_) -> tuple[int, int]:
    """The 0-based first and last line of a key and its value, without the comments and
    blank lines after it (they belong to what follows)."""
    first = shape.keys[path][0] - 1
    size = len(path)
    after = [
        line - 1
        for other, (line, _) in shape.keys.items()
        if line - 1 > first and other[:size] != path
    ]
    return first, max(first, _content_end(lines, min(after, default=len(lines))) - 1)


def _content_end(lines: list[str], end: int) -> int:
    """The index after the last line before `end` that is neither blank nor a comment."""
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end
