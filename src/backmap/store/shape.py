"""What a past version of a map file shares with today's: all but its check-ins and the values
they set, so a month-old revision is made from today's parse rather than parsed again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backmap.model import NUMBER_LIMIT, copied
from backmap.store.digests import digest_of
from backmap.store.stored import _ID_LINE, Origin
from backmap.store.syntax import has_control_characters
from backmap.store.trivia import has_trivia

if TYPE_CHECKING:
    from backmap.model import MapFile, Node

_CHECKINS = re.compile(r"^([ \t]*)checkins:[ \t]*\|[^\n]*\n(?:\1[ \t]+[^\n]*\n|[ \t]*\n)*", re.M)
_MARK = "checkins:\0"  # where a check-ins block was: no map line reads so (NUL is refused)


def shape(texts: list[str | None]) -> str | None:
    """A digest of the map files without their check-ins and the values they set: two
    revisions with the same shape roll up the same on each date from the same check-ins."""
    if not texts or None in texts:
        return None
    bodies = (t.removeprefix("\ufeff").replace("\r\n", "\n") for t in texts if t is not None)
    return digest_of(b"\0".join(_without_checkins(body).encode() for body in bodies))


def _without_checkins(text: str) -> str:
    """`text` without its check-ins blocks, and without each progress or metric current line
    that such a block follows within the same node (only indented lines, no list item, between):
    a value its check-ins set. A node that does not check in keeps its progress in the field,
    which is then part of the shape. One pass over the lines: a regular expression looking
    ahead from every such line took three times as long on a 10,000-node map."""
    lines: list[str | None] = list(_CHECKINS.sub(_MARK + "\n", text + "\n").split("\n"))
    held: list[int] = []  # progress and current lines since the last line that ends a node
    for number, line in enumerate(lines):
        assert line is not None
        body = line.lstrip(" \t")
        if body.startswith("checkins:"):
            for at in held:
                lines[at] = None
            held = []
            if body == _MARK:
                lines[number] = None
            continue
        if len(body) == len(line) or body.startswith("- "):
            held = []
        if body.startswith(("progress:", "current:")):
            held.append(number)
    return "\n".join(line for line in lines if line is not None)


_VALUE = re.compile(r"^( +)(progress|current):([^\n]*)\n", re.M)
_NUMBER = re.compile(r" +(-?(?:0|[1-9][0-9]*)(\.[0-9]+)?) *")
_UNREAD = ("\t", "\r", "\u2028", "\u2029", "\x85")
"""What only the parser reads the same as its outline does: left to it."""


def with_checkins_of(mapfile: MapFile, origin: Origin, text: str) -> tuple[MapFile, Origin] | None:
    """The file `text` parses to (as `store.parse.parse(path, text, "")` gives it), made from
    `mapfile`, parsed from `origin.text`, when the two texts differ only in the check-in
    blocks (`checkins: |`) and the progress and metric current lines of the nodes that hold
    them; None when they differ otherwise, or in anything read here otherwise than the
    parser would.

    Every other node is shared with `mapfile`: neither is then to be edited. The texts are cut
    where each node starts, as backmap writes them (`- id: ...` lines); today's side of each
    node that differs is read here too and must give what the parser gave, so a line that
    only looks like a node, a block or a value is never taken for one.
    """
    today = origin.text
    if "\r" in text or not text.endswith("\n"):
        return None
    cut = _cut(today)
    if cut is None:
        return None
    olds, news = text.split(cut), today.split(cut)
    if len(news) != len(mapfile.nodes) + 1 or len(olds) != len(news) or olds[0] != news[0]:
        return None
    pad = cut[1:-2] + "  "  # the nodes' keys, beneath `- `
    header = f"\n{pad}checkins: |\n"
    skip = len(header)
    inner = pad + "  "  # the check-in lines, as backmap writes them
    progress = f"\n{pad}progress: "
    numbers: dict[str, int] = {f"{progress}{value}": value for value in range(101)}
    nodes = list(mapfile.nodes)
    read = []  # old text not read as a part of today's: checked for what only the parser reads
    blank = False  # a blank line at the end of a node that changed
    last = len(olds) - 1
    for at in [at for at, (old, new) in enumerate(zip(olds, news, strict=True)) if old != new]:
        old, new = olds[at], news[at]
        blank = blank or old.endswith("\n\n" if at == last else "\n")
        node = nodes[at - 1]
        o_at, n_at = old.find(header), new.find(header)
        if o_at < 0 or n_at < 0 or not new.startswith(f"id: {node.id}\n"):
            return None
        o_head, n_head = old[: o_at + 1], new[: n_at + 1]
        o_body, n_body = old[o_at + skip :], new[n_at + skip :]
        update: dict[str, Any] = {}
        unset: list[str] = []
        if o_body != n_body:
            was = _earlier(o_body, n_body, node.checkins, inner)
            if was is None:  # not a month's lines added: each block read on its own
                then, now = _content(o_body, pad), _content(n_body, pad)
                if then is None or now is None or then[1] != now[1] or now[0] != node.checkins:
                    return None
                was = then[0]
                read.append(o_body)
            update["checkins"] = was
        if o_head != n_head:
            # The usual month: only the progress line differs, today's as the parser read it.
            n_at, o_at = n_head.find(progress), o_head.find(progress)
            n_end, o_end = n_head.find("\n", n_at + 1), o_head.find("\n", o_at + 1)
            if (
                0 <= n_at == o_at
                and n_head[n_end:] == o_head[o_end:]
                and n_head[:n_at] == o_head[:n_at]
                and _is(numbers.get(n_head[n_at:n_end]), node.progress)
                and (value := numbers.get(o_head[o_at:o_end])) is not None
            ):
                update["progress"] = value
            elif _values(o_head, n_head, len(pad), node, update, unset):
                read.append(o_head)
            else:
                return None
        if update:
            nodes[at - 1] = copied(node, update, unset)
    unread = "".join(read)
    if any(char in unread for char in _UNREAD) or has_control_characters(unread):
        return None
    if origin.trivia or origin.found is None:  # today's has some, or was saved since
        trivia = has_trivia(text)
    else:  # as parse found, today's has none: only what differs may (a memchr, not 3 scans)
        trivia = "#" in text or blank or has_trivia(unread)
    made = _Made(text=text, digest="", ids=list(origin.ids), trivia=trivia, cut=cut)
    if trivia:  # as parse leaves them: found on first use
        made.kinds = [node.kind for node in nodes]
        made.own = made.found = None
    return copied(mapfile, {"nodes": nodes}), made


@dataclass
class _Made(Origin):
    """The origin of a file made here: its nodes' lines are where its cuts say, when each
    node's `- id:` line is the only line a scan for ids finds."""

    cut: str = ""

    @property
    def lines(self) -> dict[str, int]:
        if self.known_lines is None:
            self.known_lines = _lines(self.text, self.cut, self.ids)
        return super().lines


def _lines(text: str, cut: str, ids: list[str]) -> dict[str, int] | None:
    """Node id -> 1-based line, as `stored.scan_lines` finds them when each node's first line
    is `- id: ...` and no other line reads like an id line (then the scan meets only those);
    None otherwise, for the scan itself."""
    chunks = text.split(cut)
    if _ID_LINE.findall(text) != ids or [chunk[: chunk.find("\n")] for chunk in chunks[1:]] != [
        f"id: {node_id}" for node_id in ids
    ]:
        return None
    lines: dict[str, int] = {}
    line = 1
    for node_id, chunk in zip(ids, chunks, strict=False):
        line += chunk.count("\n") + 1  # the chunk before, and the cut's line break
        lines.setdefault(node_id, line)
    return lines


def _cut(text: str) -> str | None:
    """What starts each node in `text` (`\\n  - ` as backmap writes), when the first node
    after the `nodes:` line (and any comments or blank lines) starts so, with its id."""
    first = _FIRST_NODE.search(text)
    return None if first is None else f"\n{first[1]}- "


_FIRST_NODE = re.compile(r"^nodes:[ \t]*\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)- id: ", re.M)


def _earlier(o_body: str, n_body: str, checkins: str | None, inner: str) -> str | None:
    """The text of the old block when its lines are today's first ones (check-ins added
    since, the usual month), today's read as the parser read them (`checkins`), every line
    indented by `inner`; None otherwise."""
    then, now = o_body.rstrip("\n"), n_body.rstrip("\n")
    if (
        checkins is None
        or not then
        or then.endswith(" ")  # a last line of spaces: an empty line, not kept
        or not now.startswith(then)
        or now[len(then) : len(then) + 1] != "\n"
        or ("\n" + now).replace("\n" + inner, "\n")[1:] + "\n" != checkins
    ):
        return None
    # Today's text less the indent of each line: the old lines are as many characters of it.
    size = len(then) - ("\n" + then).count("\n" + inner) * len(inner)
    return checkins[: size + 1]


def _content(body: str, pad: str) -> tuple[str, str] | None:
    """The text of a `checkins: |` block whose lines are `body` (to the end of its node) as
    YAML reads it, and what follows the block in the node; None for lines the parser had
    better judge (indented less than the first, or holding only spaces)."""
    lines = body.rstrip("\n")  # trailing empty lines: not kept (clip)
    size = len(lines) - len(lines.lstrip(" "))
    if size <= len(pad) or lines.endswith(" ") or " \n" in lines:
        return None
    indent = "\n" + lines[:size]
    lined = "\n" + lines
    if lined.count(indent) == lines.count("\n") + 1:  # all of it, every line indented
        return lined.replace(indent, "\n")[1:] + "\n", ""
    kept = []
    rest = ""
    for number, line in enumerate(lines.split("\n")):
        if line.startswith(indent[1:]):
            kept.append(line[size:])
        elif not line:
            kept.append("")
        elif line.startswith(pad + " "):  # indented less than the first line
            return None
        else:  # the node's next key, or what follows the node
            rest = "\n".join(lines.split("\n")[number:])
            break
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept) + "\n", rest + body[len(lines) :]


def _values(
    o_tail: str, n_tail: str, indent: int, node: Node, update: dict[str, Any], unset: list[str]
) -> bool:
    """Put in `update` (and `unset`) the progress and metric current the old node's lines
    give; False when the tails differ in other lines too, or today's do not read as parsed."""
    was, now = _read(o_tail, indent), _read(n_tail, indent)
    if was is None or now is None or was[0] != now[0]:
        return False
    _, progress, current = now
    fields, metric = node.model_fields_set, node.metric
    if progress is None:
        if "progress" in fields:
            return False
    elif not _is(_number(progress, 0, 100), node.progress):
        return False
    if current is None:
        if metric is not None and "current" in metric.model_fields_set:
            return False
    elif metric is None or not _is(_number(current, -NUMBER_LIMIT, NUMBER_LIMIT), metric.current):
        return False
    if was[1] != progress:
        if was[1] is None:
            unset.append("progress")
            update["progress"] = None
        elif (value := _number(was[1], 0, 100)) is not None:
            update["progress"] = value
        else:
            return False
    if was[2] != current:
        assert metric is not None  # its current line is under the same `metric:` line
        if was[2] is None:
            update["metric"] = copied(metric, {"current": None}, ["current"])
        elif (value := _number(was[2], -NUMBER_LIMIT, NUMBER_LIMIT)) is not None:
            update["metric"] = copied(metric, {"current": value})
        else:
            return False
    return True


def _read(tail: str, indent: int) -> tuple[str, str | None, str | None] | None:
    """A node's lines without its progress and metric current lines, and those two values as
    written; None when such a line is anywhere else, or twice."""
    if "current:" not in tail:  # most nodes that check in: no metric, one progress line
        key = "\n" + " " * indent + "progress:"
        at = tail.find(key)
        if at < 0:
            return None if "progress:" in tail else (tail, None, None)
        end = tail.find("\n", at + 1)
        if end < 0 or tail.count("progress:") != 1:
            return None
        return tail[:at] + tail[end:], tail[at + len(key) : end], None
    progress = current = None
    for match in _VALUE.finditer(tail):
        pad, key, value = match.groups()
        if key == "progress":
            if len(pad) != indent or progress is not None:
                return None
            progress = value
        else:
            if current is not None or not _in_metric(tail, match.start(), len(pad), indent):
                return None
            current = value
    if progress is None and current is None:
        return tail, None, None
    return _VALUE.sub("", tail), progress, current


def _in_metric(tail: str, start: int, pad: int, indent: int) -> bool:
    """Whether the line at `start`, indented by `pad`, is a key of the node's `metric:`
    mapping: the nearest line above it indented less is that key."""
    end = start
    while end > 0:
        begin = tail.rfind("\n", 0, end - 1) + 1
        line = tail[begin : end - 1]
        size = len(line) - len(line.lstrip(" "))
        if size < pad:
            return pad > indent and line == " " * indent + "metric:"
        end = begin
    return False


def _number(written: str, low: int, high: int) -> int | float | None:
    """A plain decimal number as YAML reads it, within [low, high]; None for any other."""
    match = _NUMBER.fullmatch(written)
    if match is None:
        return None
    value: int | float = float(match.group(1)) if match.group(2) else int(match.group(1))
    return value if low <= value <= high else None


def _is(value: object, parsed: object) -> bool:
    return value is not None and type(value) is type(parsed) and value == parsed
