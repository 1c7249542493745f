"""Read one map file: bytes to text to data to a validated MapFile, explaining every mistake.

The fast path parses with yaml-rs (no positions); the event-level outline runs only when the
text has anchor-like characters or several documents, or when there is a mistake to place.
Comments and blank lines are found later, on first use (see trivia).
"""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path
from typing import Any

import yaml_rs
from pydantic import ValidationError

from backmap.model import FORMAT_VERSION, MapFile
from backmap.store import typed
from backmap.store.digests import MAX_BYTES, digest_of
from backmap.store.disk import TooLarge, read_regular
from backmap.store.messages import describe, merge_unions, message_for
from backmap.store.outline import Outline, OutlineSyntaxError, outline
from backmap.store.problems import FileProblems, Problem
from backmap.store.stored import Origin, head_of
from backmap.store.syntax import (
    control_characters,
    explain,
    explain_outline_error,
    has_control_characters,
)
from backmap.store.trivia import comments_of, has_trivia

_ID_OF = attrgetter("id")


def read_text(path: Path) -> tuple[str, str]:
    """The decoded text of a file and its digest; problems become a LoadError's Problems."""
    text, digest, _ = read_marked(path)
    return text, digest


def read_marked(path: Path) -> tuple[str, str, bool]:
    """As `read_text`, and whether the file starts with a byte order mark (kept by saves)."""
    try:
        data = read_regular(path, MAX_BYTES)  # size and kind checked before reading
    except TooLarge as exc:
        raise _one(
            path,
            1,
            1,
            f"file is {exc.size / 2**20:.1f} MiB; backmap reads map files of "
            f"at most {MAX_BYTES // 2**20} MiB: split it into several files in a folder",
        ) from None
    except OSError as exc:
        raise _one(path, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise _one(
            path,
            line,
            col,
            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be read; save the file as UTF-8",
        ) from None
    bom = text.startswith("\ufeff")
    return text[1:] if bom else text, digest_of(data), bom


def parse(path: Path, text: str, digest: str) -> tuple[MapFile, Origin]:
    """Validate one file's text into a MapFile and its origin, which finds the comments around
    its nodes when they are first asked for.

    Raises FileProblems with every mistake found: once the text parses, one mistake does not
    hide the others.
    """
    if has_control_characters(text):
        raise FileProblems(control_characters(path, text))
    shape, broken = None, None
    trivia = has_trivia(text)
    anchors = _needs_outline(text)
    # Comments alone wait until they are asked for, unless the outline may refuse the text.
    if anchors or (trivia and _outline_may_refuse(text)):
        try:
            shape = outline(text)
        except OutlineSyntaxError as exc:
            broken = exc  # yaml-rs may explain it better; see below
    try:
        data: Any = yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError as exc:
        raise FileProblems(explain(path, text, exc)) from None
    if broken is not None:
        raise FileProblems([explain_outline_error(path, text, broken)])
    problems: list[Problem] = []
    if shape is not None:
        problems += [Problem(path, line, col, msg) for line, col, msg in shape.refused]
    if shape is not None and shape.documents > 1:
        raise _one(
            path,
            1,
            1,
            f"a map file holds one YAML document, this one has {shape.documents}:"
            " split them into separate files",
        )
    if data is None:
        raise _one(
            path,
            1,
            1,
            "file is empty: a map starts with `backmap: 1`, a `title` and `nodes`",
        )
    shape, version = _check_shape(path, text, data, shape)
    if version is not None:
        problems.append(version)
        data = {**data, "backmap": FORMAT_VERSION}  # to go on and check the rest
    quick = None
    # Shared values (anchors) and escapes are for pydantic to copy and check.
    if not problems and not anchors and typed.plain_text(text):
        quick = typed.mapfile(data)
    try:
        mapfile = quick or MapFile.model_validate(data)
    except ValidationError as exc:
        shape = shape or outline_or_problems(path, text)
        errors = merge_unions(exc.errors())
        problems += [_place(path, err, data, shape) for err in errors]
    if problems:
        shape = shape or outline_or_problems(path, text)
        from backmap.store.checkin_lines import checkin_problems

        # The workspace-wide checks of repeated ids and check-in lines only see files that
        # load; do this one's.
        raise FileProblems(
            problems + _repeated_ids(path, data, shape) + checkin_problems(path, text, data, shape)
        )
    newline = "\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n"
    ids = list(map(_ID_OF, mapfile.nodes))  # C speed: it runs once per node of every map
    origin = Origin(text=text, digest=digest, newline=newline, ids=ids, trivia=trivia)
    origin.nodes = list(mapfile.nodes)  # the workspace's list changes with edits; these not
    origin.head = head_of(mapfile)
    if origin.trivia or shape is not None:
        origin.kinds = [node.kind for node in mapfile.nodes]
    if shape is not None:
        origin.known_lines = {
            node_id: shape.keys.get(("nodes", i), (1, 1))[0] for i, node_id in enumerate(ids)
        }
        origin.own, origin.found = comments_of(text, ids, origin.kinds, shape)
    elif origin.trivia:
        origin.own = origin.found = None  # found on first use
    return mapfile, origin


def _repeated_ids(path: Path, data: Any, shape: Outline) -> list[Problem]:
    """Ids defined twice in this file, worded as the workspace-wide check words them."""
    nodes = data.get("nodes") if isinstance(data, dict) else None
    first: dict[str, int] = {}
    problems = []
    for index, node in enumerate(nodes if isinstance(nodes, list) else []):
        node_id = node.get("id") if isinstance(node, dict) else None
        if not isinstance(node_id, str):
            continue
        if node_id not in first:
            first[node_id] = index
            continue
        line, col = shape.values.get(("nodes", index, "id"), (1, 1))
        first_line = shape.values.get(("nodes", first[node_id], "id"), (1, 1))[0]
        problems.append(
            Problem(
                path,
                line,
                col,
                f"duplicate id `{node_id}`: already defined at {path}:{first_line}; "
                "rename one of them",
            )
        )
    return problems


def _one(path: Path, line: int, col: int, message: str) -> FileProblems:
    return FileProblems([Problem(path, line, col, message)])


def _needs_outline(text: str) -> bool:
    """Whether the text has what may be anchors, aliases, tags, directives or documents."""
    if text.startswith(("---", "%")) or "\n---" in text or "\n..." in text:
        return True  # several documents, or directives
    # str.find is far faster than a regex here, and these characters are rare in maps.
    for char in "&*!":
        i = text.find(char)
        while i != -1:
            before = text[i - 1] if i else " "
            after = text[i + 1 : i + 2]
            if before in " \t\n[{," and after and not after.isspace():
                return True
            i = text.find(char, i + 1)
    return False


def _outline_may_refuse(text: str) -> bool:
    """Whether the text has what yaml-rs reads but the outline's parser refuses (a tab before
    a comment, a Unicode line break): such a file must fail to load, not later to save."""
    return "\t" in text or "\u2028" in text or "\u2029" in text or "\x85" in text


def outline_or_problems(path: Path, text: str) -> Outline:
    """The outline of a text, or the syntax error that prevents it.

    Only texts yaml-rs parsed come here: anchors and tags make parse() outline the text first
    and duplicate keys make yaml-rs fail, so what the outline refuses is already reported.
    """
    try:
        return outline(text)
    except OutlineSyntaxError as exc:
        raise FileProblems([explain_outline_error(path, text, exc)]) from None


def side_yaml(path: Path, text: str) -> tuple[Any, Outline, list[Problem]]:
    """A workspace file beside the maps (people, focus): its data, its outline (for places),
    and what the outline refuses; FileProblems for control characters or YAML it cannot read."""
    if has_control_characters(text):
        raise FileProblems(control_characters(path, text))
    try:
        data: Any = yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError as exc:
        raise FileProblems(explain(path, text, exc)) from None
    shape = outline_or_problems(path, text)
    return data, shape, [Problem(path, line, col, msg) for line, col, msg in shape.refused]


def _check_shape(
    path: Path, text: str, data: Any, shape: Outline | None
) -> tuple[Outline | None, Problem | None]:
    """Refuse what is not a map at all; a problem with the format version is returned, so the
    rest of the file is still checked. Returns the outline if it had to be made."""
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single value {describe(data)}"
        raise _one(
            path,
            1,
            1,
            f"not a map file: expected keys `backmap: 1`, `title` and `nodes`, found {found}",
        )
    if "backmap" not in data:
        if "nodes" not in data:
            raise _one(
                path,
                1,
                1,
                "not a map file: it has no `backmap: 1` line and no `nodes`; "
                "move it out of the workspace or add those keys",
            )
        return shape, Problem(
            path, 1, 1, "missing format version: add `backmap: 1` as the first line"
        )
    version = data["backmap"]
    if type(version) is int and version == FORMAT_VERSION:
        return shape, None
    shape = shape or outline_or_problems(path, text)
    line, col = shape.values.get(("backmap",), (1, 1))
    if isinstance(version, str) and version.strip() == str(FORMAT_VERSION):
        message = "the format version is a number: write `backmap: 1`, without quotes"
    else:
        shown = describe(version)
        shown = shown if shown.startswith("`") else f"({shown})"
        message = (
            f"unknown format version {shown}: this backmap reads "
            f"version {FORMAT_VERSION}; write `backmap: 1` or upgrade backmap"
        )
    return shape, Problem(path, line, col, message)


def _place(path: Path, error: Any, data: Any, shape: Outline) -> Problem:
    """A pydantic error as a Problem at the key (unknown/missing keys) or value it concerns."""
    loc = tuple(error["loc"])
    if error["type"] in ("missing",):
        line, col = _nearest(shape.keys, loc[:-1]) if loc[:-1] else (1, 1)
    elif error["type"] in ("extra_forbidden", "invalid_key"):
        key_loc = (*loc[:-1], str(loc[-1]))
        line, col = shape.keys.get(key_loc) or _nearest(shape.keys, loc)
    else:
        line, col = shape.values.get(loc) or _nearest(shape.values, loc)
    return Problem(path, line, col, message_for(error, data))


def _nearest(table: dict[Any, tuple[int, int]], loc: tuple[Any, ...]) -> tuple[int, int]:
    while loc:
        if loc in table:
            return table[loc]
        loc = loc[:-1]
    return (1, 1)
