"""Where things are in a YAML text: positions of keys and items, comments, and refused features.

The fast parser gives values but no positions, so this slower, event-level pass runs only when
positions matter: to explain a mistake, or to keep the comments and blank lines people wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

# PyYAML is imported on first use: most loads never need the outline.
_STANDARD_TAG = "tag:yaml.org,2002:"

Path_ = tuple[str | int, ...]

END: tuple[str] = ("<end>",)
"""Where trivia after the last content of a file is kept."""
START = "<start>"
"""Suffix of the path of a collection that starts on a later line than its key."""


@dataclass
class Trivia:
    """Comments and blank lines around one place of a file."""

    leading: list[str] = field(default_factory=list)
    """Whole lines (comments or blank) just above the place, as written."""
    trailing: list[str] = field(default_factory=list)
    """Comments at the end of the place's line, each as '<spaces># text'."""

    def frozen(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tuple(self.leading), tuple(self.trailing)


@dataclass
class Outline:
    """The positions and trivia of one YAML document."""

    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Path of a mapping key or sequence item -> (line, col), 1-based."""
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Path of a value -> (line, col) where the value starts."""
    trivia: dict[Path_, Trivia] = field(default_factory=dict)
    """Path -> comments and blank lines found there."""
    refused: list[tuple[int, int, str]] = field(default_factory=list)
    """(line, col, message) for anchors, aliases, tags and duplicate keys."""
    documents: int = 0


class OutlineSyntaxError(Exception):
    """The text is not YAML; carries a 1-based position, and what was being read there."""

    def __init__(
        self,
        line: int,
        col: int,
        message: str,
        context: str | None = None,
        opened: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message
        self.context = context
        """What the parser was reading, e.g. 'while scanning a quoted scalar'."""
        self.opened = opened
        """Where that started (1-based line, col): an unclosed quote's opening."""


@dataclass
class _Frame:
    path: Path_
    is_map: bool
    index: int = 0
    key: str | None = None
    seen: dict[str, int] = field(default_factory=dict)


def outline(text: str) -> Outline:
    """Walk the YAML events of `text` once, recording positions, trivia and refused features."""
    import yaml

    result = Outline()
    stack: list[_Frame] = []
    # Each content event gets a path; comments between events attach to the nearest one.
    spans: list[tuple[int, int, Path_, int]] = []  # (start index, end index, path, line)
    try:
        loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        events: Any = yaml.parse(text, Loader=loader)
        for event in events:
            start: Any = event.start_mark
            if isinstance(event, yaml.DocumentStartEvent):
                result.documents += 1
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                end: Any = event.end_mark
                spans.append((start.index, end.index, (), -1))
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            pos = (start.line + 1, start.column + 1)
            anchor = getattr(event, "anchor", None)
            tag = getattr(event, "tag", None)
            if isinstance(event, yaml.AliasEvent):
                result.refused.append(
                    (
                        *pos,
                        f"alias `*{anchor}` is not allowed in a map: write the value out in full",
                    )
                )
            elif anchor is not None:
                result.refused.append(
                    (
                        *pos,
                        f"anchor `&{anchor}` is not allowed in a map: "
                        "remove it and write values out in full",
                    )
                )
            if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
                shown = (
                    "!!" + tag.removeprefix(_STANDARD_TAG) if tag.startswith(_STANDARD_TAG) else tag
                )
                result.refused.append((*pos, f"tag `{shown}` is not allowed in a map: remove it"))
            path = _place(stack, event, pos, result)
            span_path = path
            if isinstance(event, yaml.CollectionStartEvent) and _is_value(stack):
                span_path = (*path, START)
            spans.append((start.index, event.end_mark.index, span_path, start.line))
            if isinstance(event, yaml.MappingStartEvent):
                stack.append(_Frame(path, True))
            elif isinstance(event, yaml.SequenceStartEvent):
                stack.append(_Frame(path, False))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        start = exc.context_mark
        raise OutlineSyntaxError(
            line,
            col,
            str(exc.problem or exc.context),
            context=exc.context,
            opened=(start.line + 1, start.column + 1) if start else None,
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; not "marked"
        at = exc.position
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise OutlineSyntaxError(
            line, col, f"the character U+{ord(char):04X} cannot be in a map file: remove it"
        ) from None
    _attach_trivia(text, spans, result)
    return result


def _is_value(stack: list[_Frame]) -> bool:
    """Whether the event just placed was the value of a mapping key."""
    return bool(stack) and stack[-1].is_map and stack[-1].key is None


def _place(stack: list[_Frame], event: Any, pos: tuple[int, int], result: Outline) -> Path_:
    """The path of a node event; records key and value positions on the way."""
    import yaml

    if not stack:
        result.values[()] = pos
        return ()
    frame = stack[-1]
    if not frame.is_map:
        path = (*frame.path, frame.index)
        frame.index += 1
        result.keys[path] = pos
        result.values[path] = pos
        return path
    if frame.key is None:  # this event is a key
        key = str(event.value) if isinstance(event, yaml.ScalarEvent) else "?"
        frame.key = key
        path = (*frame.path, key)
        if key in frame.seen:
            result.refused.append(
                (*pos, f"duplicate key `{key}` (first at line {frame.seen[key]})")
            )
        else:
            frame.seen[key] = pos[0]
            result.keys[path] = pos
        return path
    path = (*frame.path, frame.key)
    frame.key = None
    result.values.setdefault(path, pos)
    return path


def _attach_trivia(text: str, spans: list[tuple[int, int, Path_, int]], result: Outline) -> None:
    """Find comments and blank lines in the gaps between events and attach each to a path.

    A '#' outside every scalar's span always starts a comment. A comment sharing a line with
    earlier content trails that content's path; any other comment or blank line leads the next
    content. Whatever follows the last content belongs to the end of the file.
    """
    lines, line_starts = _lines_of(text)

    first_on: dict[int, Path_] = {}
    last_on: dict[int, Path_] = {}
    covered: set[int] = set()
    comment_col: dict[int, int] = {}
    prev_end = 0
    for start, end, path, line in spans:
        if start > prev_end:
            _comments_in_gap(text, prev_end, start, line_starts, comment_col)
        prev_end = max(prev_end, end)
        if line < 0:
            continue
        first_on.setdefault(line, path)
        last_on[line] = path
        last = bisect_right(line_starts, max(start, end - 1)) - 1
        covered.update(range(line + 1, last + 1))
    if prev_end < len(text):
        _comments_in_gap(text, prev_end, len(text), line_starts, comment_col)

    pending: list[str] = []
    last_path: Path_ | None = None
    for number, raw in enumerate(lines):
        col = comment_col.get(number)
        if number in first_on:
            if pending:
                result.trivia.setdefault(first_on[number], Trivia()).leading.extend(pending)
                pending = []
            last_path = last_on[number]
        elif number not in covered:
            if col is not None or not raw.strip():
                pending.append(raw.rstrip())
            continue
        if col is not None and last_path is not None:
            before = raw[:col]
            gap = len(before) - len(before.rstrip())
            result.trivia.setdefault(last_path, Trivia()).trailing.append(
                " " * max(gap, 1) + raw[col:].rstrip()
            )
    if pending:
        result.trivia.setdefault(END, Trivia()).leading.extend(pending)


# The line breaks YAML counts (its marks' lines): "\r\n" is one break of two characters.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _lines_of(text: str) -> tuple[list[str], list[int]]:
    """The text's lines without their breaks, and where each starts (plus where the text ends),
    counted as YAML counts them, so that offsets and line numbers agree whatever the line ends."""
    lines: list[str] = []
    starts = [0]
    for found in _BREAK.finditer(text):
        lines.append(text[starts[-1] : found.start()])
        starts.append(found.end())
    if starts[-1] < len(text):
        lines.append(text[starts[-1] :])
        starts.append(len(text))
    return lines, starts


def _comments_in_gap(
    text: str, start: int, end: int, line_starts: list[int], out: dict[int, int]
) -> None:
    """Record (line -> column) of each comment starting between `start` and `end`."""
    i = text.find("#", start, end)
    while i != -1:
        line = bisect_right(line_starts, i) - 1
        out.setdefault(line, i - line_starts[line])
        newline = text.find("\n", i, end)
        if newline == -1:
            break
        i = text.find("#", newline, end)
