"""An edit's text of a file: the old text of every node it left alone, the rest canonical.

So that a diff shows the edit alone: only changed, added or moved-in nodes (and the file's
keys, or its end, if they changed) are written anew, where the canonical form puts them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from backmap.model import MapFile, Node
from backmap.store.emit import head, node_lines, tail
from backmap.store.outline import END, OutlineSyntaxError, outline
from backmap.store.problems import FileProblems
from backmap.store.sections import SECTION
from backmap.store.stored import Comments, Lines, Origin, head_of, scan_lines

_NONE: tuple[Lines, Lines] = ((), ())
_BREAKS = ("\x85", "\u2028", "\u2029")  # line breaks to YAML, not to a split on "\n"


@dataclass
class _Cut:
    """A file's lines (split on "\\n", so the last is empty), cut where each node begins."""

    lines: list[str]
    starts: list[int]
    """Where each node's part begins: the comments above it, then its `-` line."""
    firsts: list[int]
    """The line of each node's `-`."""
    end: int
    """Where the comments at the end of the file begin."""
    indent: str
    """What precedes each node's `-`."""

    def part(self, index: int) -> list[str]:
        """One node's lines: its comments above it, then the node."""
        stop = self.starts[index + 1] if index + 1 < len(self.starts) else self.end
        return self.lines[self.starts[index] : stop]


# A piece of the new text: a node's index in the old text (-1: none) and the lines written
# anew (the whole node, or a header carried onto a kept node), with its `-` line among them.
_Piece = tuple[int, list[str], int]


def spliced(
    path: Path,
    origin: Origin,
    mapfile: MapFile,
    comments: Comments,
    node_comments: Mapping[str, Comments],
) -> tuple[str, dict[str, int]] | None:
    """The file's text with only the nodes that changed written anew, and the 1-based line of
    each node; None when the text cannot be cut at its nodes, or the new text would not load
    as exactly `mapfile` (then the whole file is written in canonical form)."""
    if origin.nodes is None or origin.head is None or not mapfile.nodes:
        return None
    cut = _cut(origin)
    if cut is None:
        return None
    found = origin.node_comments()
    old = origin.nodes
    where = {node_id: index for index, node_id in enumerate(origin.ids)}
    pieces: list[_Piece] = []
    for node in mapfile.nodes:
        index = where.get(node.id, -1)
        now = node_comments.get(node.id) or {}
        if index >= 0 and (old[index] is node or old[index] == node):
            was = found.get(node.id) or {}
            if now is was or now == was:
                pieces.append((index, [], 0))
                continue
            carried = _carried(now, was)
            if carried is not None:
                pieces.append((index, list(carried), len(carried)))
                continue
        lines, first = node_lines(node, now, cut.indent)
        pieces.append((-1, lines, first))
    own = origin.comments
    same_head = origin.head == head_of(mapfile) and _without(comments, END) == _without(own, END)
    same_tail = comments.get(END) == own.get(END)
    unchanged: list[tuple[int, list[str]]] = [(index, []) for index in range(len(old))]
    if same_head and same_tail and [p[:2] for p in pieces] == unchanged:
        return origin.text, dict(origin.lines)
    cr = "\r" if origin.newline == "\r\n" else ""
    top = cut.lines[: cut.starts[0]] if same_head else [ln + cr for ln in head(mapfile, comments)]
    bottom = cut.lines[cut.end : -1] if same_tail else [ln + cr for ln in tail(comments)]
    out, lines_of, checked = list(top), dict[str, int](), list[list[str]]()
    expected = []
    for position, (index, lines, first) in enumerate(pieces):
        node = mapfile.nodes[position]
        part = [ln + cr for ln in lines]
        if index < 0:
            lines_of[node.id] = len(out) + first + 1
        else:
            lines_of[node.id] = len(out) + first + cut.firsts[index] - cut.starts[index] + 1
            part.extend(cut.part(index))
        out.extend(part)
        if not _as_before(pieces, position, len(old), same_head, same_tail):
            checked.append(part)
            expected.append(node)
    out.extend(bottom)
    if not _loads_as(
        path, [*top, *(ln for part in checked for ln in part), *bottom], mapfile, expected
    ):
        return None
    return "\n".join(out) + "\n", lines_of


def _as_before(pieces: list[_Piece], at: int, count: int, same_head: bool, same_tail: bool) -> bool:
    """Whether a piece is a node's old text between the same neighbours as before, which
    needs no check (the text of a node is read in the light of its neighbours': a block
    scalar that keeps its final blank lines takes the next comment's)."""
    index, lines, _ = pieces[at]
    if index < 0 or lines:
        return False
    before = pieces[at - 1][0] if at else (-1 if same_head else -2)
    if before != index - 1:
        return False
    if at + 1 == len(pieces):
        return same_tail and index == count - 1
    after, carried, _ = pieces[at + 1]
    return after == index + 1 and not carried


def _loads_as(path: Path, lines: list[str], mapfile: MapFile, expected: list[Node]) -> bool:
    """Whether the file's own keys and these nodes' lines load as `mapfile` and these nodes:
    the parts of the new text that differ from the old (the rest is the old text, unmoved)."""
    from backmap.store.parse import parse  # the fast parser: the parts to check are small

    try:
        loaded, _ = parse(path, "\n".join(lines) + "\n", "")
    except FileProblems:
        return False
    return head_of(loaded) == head_of(mapfile) and loaded.nodes == expected


def _without(comments: Comments, place: tuple[str, ...]) -> Comments:
    return {key: value for key, value in comments.items() if key != place}


def _carried(now: Comments, was: Comments) -> Lines | None:
    """The section header a removed node passed on to this one (see sections.carry), when
    that is all that changed in its comments: written above the node's own text."""
    new_lead, new_trail = now.get(SECTION, _NONE)
    old_lead, old_trail = was.get(SECTION, _NONE)
    extra = len(new_lead) - len(old_lead)
    if extra <= 0 or new_trail != old_trail or new_lead[extra:] != old_lead:
        return None
    if _without(now, SECTION) != _without(was, SECTION):
        return None
    return new_lead[:extra]


def _cut(origin: Origin) -> _Cut | None:
    """The text cut at its nodes, checked against its comments; None when it cannot be: no
    final line break, lone carriage returns, nodes not written as block items of one indent,
    or anything but comments after the last node."""
    text = origin.text
    if not text.endswith("\n") or text.count("\r") != text.count("\r\n"):
        return None
    if any(char in text for char in _BREAKS):
        return None
    lines = text.split("\n")
    found = _firsts(origin, lines)
    if found is None:
        return None
    firsts, indent = found
    comments = origin.node_comments()
    starts = []
    for index, (node_id, first) in enumerate(zip(origin.ids, firsts, strict=True)):
        # Comments above the first node are the file's own (the head's).
        table = comments.get(node_id) if index else None
        above = (*table.get(SECTION, _NONE)[0], *table.get((), _NONE)[0]) if table else ()
        start = first - len(above)
        if index and start <= firsts[index - 1]:
            return None
        if above and [ln.rstrip() for ln in lines[start:first]] != list(above):
            return None
        starts.append(start)
    ending = origin.comments.get(END, _NONE)[0]
    end = len(lines) - 1 - len(ending)
    if end <= firsts[-1] or [ln.rstrip() for ln in lines[end:-1]] != list(ending):
        return None
    for line in lines[firsts[-1] + 1 : end]:
        # Below the last item, a line as far left as its `-` (a top-level key) ends the list.
        body = line.lstrip(" ")
        if body.strip() and not body.startswith("#") and len(line) - len(body) <= len(indent):
            return None
    return _Cut(lines, starts, firsts, end, indent)


def _firsts(origin: Origin, lines: list[str]) -> tuple[list[int], str] | None:
    """The line (0-based) of each node's `-` and what precedes it; None if they are not all
    block items at one indent, in order."""
    known = origin.lines
    firsts = [known[node_id] - 1 for node_id in origin.ids]
    indent = _indent(lines, firsts)
    if indent is None and not origin.trivia:  # the scan found `id:` lines; where is the `-`?
        strict = scan_lines(origin.ids, origin.text, strict=True)
        firsts = [strict[node_id] - 1 for node_id in origin.ids]
        indent = _indent(lines, firsts)
    if indent is None:
        try:
            keys = outline(origin.text).keys
        except OutlineSyntaxError:
            return None
        firsts = [keys.get(("nodes", i), (0, 0))[0] - 1 for i in range(len(origin.ids))]
        indent = _indent(lines, firsts)
    return None if indent is None else (firsts, indent)


def _indent(lines: list[str], firsts: list[int]) -> str | None:
    """What precedes the `- ` of every one of these lines, when it is the same spaces."""
    if not firsts or firsts[0] < 0:
        return None
    first = lines[firsts[0]]
    indent = first[: len(first) - len(first.lstrip(" "))]
    mark = indent + "- "
    previous = -1
    for at in firsts:
        if at <= previous or not lines[at].startswith(mark):
            return None
        previous = at
    return indent
