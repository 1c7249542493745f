"""The optional focus file: read with every mistake placed at its line and column, and changed
in place, line by line, so comments and the rest of the file stay as people wrote them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from backmap.people.focus import GROUPS, LIMIT, Entry, Focus, Lesson, PeriodBlock, parse_period
from backmap.store.digests import digest_of
from backmap.store.disk import FOCUS_FILE, beside
from backmap.store.messages import describe
from backmap.store.outline import Outline, outline
from backmap.store.parse import _nearest, read_text, side_yaml
from backmap.store.problems import FileProblems, Problem

Path_ = tuple[str | int, ...]
_PERIOD_KEY = re.compile(r"\d{4}-(0[1-9]|1[0-2]|Q[1-4])")
_KEYS = {
    1: "a period holds `people:` and `teams:`",
    3: "an entry holds `focus:` (node ids) and `lessons:`",
    5: "a lesson holds `text:` and `nodes:`",
}


def focus_path(root: Path) -> Path:
    """Where a workspace's focus file lives: in the folder, or beside the single map file."""
    return beside(root, FOCUS_FILE)


def load_focus(root: Path) -> Focus | None:
    """The workspace's focus file, None when it has none; FileProblems for a bad one."""
    path = focus_path(root)
    if not path.exists() and not path.is_symlink():
        return None
    text, digest = read_text(path)
    return parse_focus(path, text, digest)


def parse_focus(path: Path, text: str, digest: str) -> Focus:
    """One focus file's text, validated; FileProblems naming each mistake's place."""
    data, shape, problems = side_yaml(path, text)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FileProblems(
            [
                Problem(
                    path,
                    1,
                    1,
                    "the focus file holds periods (`2027-Q1:`), each with `people:` and "
                    f"`teams:`, not {describe(data)}",
                )
            ]
        )
    periods: dict[str, PeriodBlock] = {}
    for key, value in data.items():
        line, col = shape.keys.get((key,), (1, 1))
        try:
            parse_period(str(key))
        except ValueError as exc:
            problems.append(Problem(path, line, col, str(exc)))
            continue
        try:
            periods[key] = PeriodBlock.model_validate(value if value is not None else {})
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(_place(path, shape, (key, *err["loc"]), err))
    for key, block in periods.items():
        problems += _limits(path, shape, key, block)
    if problems:
        raise FileProblems(problems)
    lines = {
        (str(key), group, str(who)): shape.keys.get((key, group, who), (1, 1))[0]
        for key, block in periods.items()
        for group in GROUPS
        for who in getattr(block, group)
    }
    return Focus(path, periods, text, digest, lines)


def _limits(path: Path, shape: Outline, key: str, block: PeriodBlock) -> list[Problem]:
    out = []
    for group in GROUPS:
        for who, entry in getattr(block, group).items():
            for field, items in (("focus", entry.focus), ("lessons", entry.lessons)):
                if len(items) > LIMIT:
                    line, col = _nearest(shape.values, (key, group, who, field, LIMIT))
                    out.append(
                        Problem(
                            path,
                            line,
                            col,
                            f"`{who}` has {len(items)} {field} items in {key}; keep at most "
                            f"{LIMIT}: remove one",
                        )
                    )
            seen: set[str] = set()
            for index, node_id in enumerate(entry.focus):
                if node_id in seen:
                    line, col = _nearest(shape.values, (key, group, who, "focus", index))
                    out.append(Problem(path, line, col, f"`{node_id}` is twice in `{who}`'s focus"))
                seen.add(node_id)
    return out


def _place(path: Path, shape: Outline, loc: Path_, err: Any) -> Problem:
    kind = err["type"]
    if kind == "missing":
        line, col = _nearest(shape.keys, loc[:-1])
    elif kind == "extra_forbidden":
        line, col = shape.keys.get(loc) or _nearest(shape.keys, loc)
    else:
        line, col = shape.values.get(loc) or _nearest(shape.values, loc)
    where = " > ".join(str(part) for part in loc[:-1] if not isinstance(part, int))
    leaf = str(loc[-1])
    spot = f"{where} > {leaf}" if where else leaf
    found = describe(err.get("input"))
    if kind == "extra_forbidden":
        depth = len(loc) - 1 if not isinstance(loc[-2], int) else 5
        return Problem(path, line, col, f"unknown key `{leaf}` in {where}: {_KEYS.get(depth, '')}")
    if kind == "missing":
        return Problem(path, line, col, f"a lesson in {where} has no `text`: add `text: ...`")
    if kind == "string_pattern_mismatch" and ("focus" in loc or "nodes" in loc):
        return Problem(
            path,
            line,
            col,
            f"{found} in {where} is not a node id: use lowercase letters, digits and '-'",
        )
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return Problem(path, line, col, f"{spot} must be a mapping of keys, not {found}")
    if kind == "list_type":
        return Problem(path, line, col, f"{spot} must be a list, not {found}")
    if kind == "string_pattern_mismatch":
        return Problem(path, line, col, f"{spot} must be text on one line")
    return Problem(path, line, col, f"{spot}: {err['msg']}, not {found}")


# Changing the text in place: each change touches the lines of one entry and nothing else.


def with_focus(focus: Focus, period: str, group: str, who: str, ids: list[str]) -> str:
    """The focus file's text with `who`'s focus for `period` set to `ids`."""
    text = focus.text
    path: Path_ = (period, group, who, "focus")
    value = "[" + ", ".join(ids) + "]"
    shape = outline(text)
    if _flow(shape, text, path[:-1]):
        return _rewrite(focus, path[:-1], lambda e: e.model_copy(update={"focus": ids}))
    if path not in shape.keys:
        return _insert(text, path[:-1], [f"focus: {value}"], first=True)
    lines = text.splitlines(keepends=True)
    first, last = _span(shape, lines, path)
    keep = re.search(r"\]\s*(#.*)$", lines[first].rstrip("\r\n")) if first == last else None
    indent = _dash(lines[first])
    tail = f"  {keep[1]}" if keep else ""
    lines[first : last + 1] = [f"{indent}focus: {value}{tail}\n"]
    return "".join(lines)


def with_lesson(focus: Focus, period: str, group: str, who: str, lesson: Lesson) -> str:
    """The focus file's text with one more lesson for `who` in `period`, after the others."""
    path: Path_ = (period, group, who, "lessons")
    shape = outline(focus.text)
    if _flow(shape, focus.text, path[:-1]):
        return _rewrite(
            focus, path[:-1], lambda e: e.model_copy(update={"lessons": [*e.lessons, lesson]})
        )
    if path in shape.keys:
        return _insert(focus.text, path, _lesson_lines(lesson), listed=True)
    return _insert(
        focus.text, path[:-1], ["lessons:", *("  " + line for line in _lesson_lines(lesson))]
    )


def _flow(shape: Outline, text: str, path: Path_) -> bool:
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


def _rewrite(focus: Focus, path: Path_, change: Callable[[Entry], Entry]) -> str:
    """Rewrite one entry written in flow style (`maya: {focus: [a]}`) in block style."""
    period, group, who = (str(part) for part in path)
    entry = change(focus.entry(period, group, who))
    shape = outline(focus.text)
    lines = focus.text.splitlines(keepends=True)
    first, last = _span(shape, lines, path)
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
    start, last = _span(shape, lines, parent)
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


def _span(shape: Outline, lines: list[str], path: Path_) -> tuple[int, int]:
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


def reparse(focus: Focus | None, path: Path, text: str) -> Focus:
    """A focus file with new text, checked as the loader checks it (its digest stays the
    one on disk, so saving can tell whether the file changed meanwhile)."""
    digest = focus.digest if focus is not None else ""
    return parse_focus(path, text, digest)


def save_focus(old: Focus | None, new: Focus) -> None:
    """Write the focus file atomically, under the folder's lock; SaveError if it changed on
    disk since it was read (or appeared, for a new one)."""
    from backmap.store.stored import Origin
    from backmap.store.writing import Change, write_all

    origin = Origin(text=old.text, digest=old.digest) if old is not None else None
    data = new.text.encode("utf-8")
    write_all([Change(new.path, origin, data)], force=False)
    new.digest = digest_of(data)
