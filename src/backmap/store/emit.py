"""Write a MapFile as canonical YAML: fixed key order, one field per line, comments kept.

Hand-written rather than a YAML library's dumper so that output is byte-stable, fast, and
diff-friendly: a one-field change is a one-line diff.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from backmap.model import METRIC_FIELDS, NODE_FIELDS, MapFile, Node
from backmap.store.outline import END, START
from backmap.store.sections import SECTION

_LIST_FIELDS = frozenset({"supports", "tags", "links", "paths", "ignore"})
# Plain scalars must start with a letter and avoid every character that means something in YAML.
_PLAIN_BLOCK = re.compile(r"[^\W\d_][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff#:\[\]{}]*(?<!\s)")
_PLAIN_FLOW = re.compile(r"[^\W\d_][\w .+'/()&-]*(?<!\s)")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_ESCAPE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_LITERAL_BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")

Comments = dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]]


def scalar(value: Any, flow: bool = False) -> str:
    """One value as YAML text that reads back as exactly the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        value = value.value
    text = str(value)
    pattern = _PLAIN_FLOW if flow else _PLAIN_BLOCK
    if pattern.fullmatch(text) and text.lower() not in _RESERVED and "  #" not in text:
        return text
    return quoted(text)


def quoted(text: str) -> str:
    """A double-quoted YAML string; JSON escapes are YAML escapes."""
    out = json.dumps(text, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m[0]):04x}", out)


def _float(value: float) -> str:
    if not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    text = repr(value)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def _block_lines(key: str, text: str, indent: str) -> list[str] | None:
    """A multi-line string as a literal block, when that reads back exactly; else None."""
    # A first line starting with a tab would be read as the block's indentation (libyaml,
    # which finds comments, refuses it).
    if "\n" not in text or text.startswith((" ", "\n", "\t")) or _LITERAL_BAD.search(text):
        return None
    body = text[:-1] if text.endswith("\n") else text
    if body.endswith("\n") or any(ln.strip(" ") == "" and ln for ln in body.split("\n")):
        return None
    if any(ln != ln.rstrip(" \t") for ln in body.split("\n")):
        return None
    chomp = "" if text.endswith("\n") else "-"
    return [f"{indent}{key}: |{chomp}"] + [
        f"{indent}  {ln}" if ln else "" for ln in body.split("\n")
    ]


def _field_lines(key: str, value: Any, indent: str) -> list[str]:
    if key in _LIST_FIELDS:
        return [f"{indent}{key}: [{', '.join(scalar(v, flow=True) for v in value)}]"]
    if isinstance(value, str) and "\n" in value:
        block = _block_lines(key, value, indent)
        if block is not None:
            return block
    return [f"{indent}{key}: {scalar(value)}"]


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def lead(self, trivia: tuple[tuple[str, ...], tuple[str, ...]] | None) -> None:
        if trivia:
            self.lines.extend(trivia[0])

    def put(self, lines: list[str], trivia: tuple[tuple[str, ...], tuple[str, ...]] | None) -> None:
        self.lead(trivia)
        if trivia and trivia[1]:
            lines = [lines[0] + "".join(trivia[1]), *lines[1:]]
        self.lines.extend(lines)


NodeMemo = dict[int, tuple[Node, Comments | None, list[str], int]]
"""A node's lines from an earlier render, by id() of the node: its lines and its line among them."""


def dumps(
    mapfile: MapFile,
    newline: str = "\n",
    comments: Comments | None = None,
    node_comments: Mapping[str, Comments] | None = None,
    memo: NodeMemo | None = None,
) -> tuple[str, dict[str, int]]:
    """The canonical text of a map file, and the 1-based line of each node in it.

    `comments` are the file's own (header, top-level keys, end); `node_comments` those written
    around each node, by id. With a `memo` kept between calls, a node that is the same object
    with the same comments as last time is not rendered again (the memo keeps only this
    call's nodes).
    """
    writer = _Writer()
    comments = comments or {}
    node_comments = node_comments or {}
    writer.lines = head(mapfile, comments)
    lines_of: dict[str, int] = {}
    if mapfile.nodes:
        if memo is None:
            for node in mapfile.nodes:
                _node(writer, node, node_comments.get(node.id) or {}, lines_of)
        else:
            _remembered(writer, mapfile.nodes, node_comments, lines_of, memo)
    writer.lines.extend(tail(comments))
    return newline.join(writer.lines) + newline, lines_of


def head(mapfile: MapFile, comments: Comments) -> list[str]:
    """The lines above the first node: the file's keys and their comments, through `nodes:`."""
    writer = _Writer()
    writer.lead(comments.get(()))
    data = {"backmap": mapfile.backmap, "title": mapfile.title, "description": mapfile.description}
    for key, value in data.items():
        if value is not None:
            writer.put(_field_lines(key, value, ""), comments.get((key,)))
    # Comments whose key is gone stay in the file, just above `nodes:`.
    for place, trivia in comments.items():
        if place and place[0] in data and data[place[0]] is None:
            _orphans(writer, trivia, "")
    writer.put(["nodes:" if mapfile.nodes else "nodes: []"], comments.get(("nodes",)))
    writer.lead(comments.get(("nodes", START)))
    return writer.lines


def tail(comments: Comments) -> list[str]:
    """The lines below the last node: the comments at the end of the file."""
    trivia = comments.get((END[0],))
    return list(trivia[0]) if trivia else []


def node_lines(node: Node, comments: Comments, indent: str = "  ") -> tuple[list[str], int]:
    """One node's canonical lines, its comments among them, as an item whose `-` is indented
    by `indent`; and the index of the line of its `- id:` among them."""
    writer, at = _Writer(), dict[str, int]()
    _node(writer, node, comments, at, indent)
    return writer.lines, at[node.id] - 1


def _remembered(
    writer: _Writer,
    nodes: list[Node],
    node_comments: Mapping[str, Comments],
    lines_of: dict[str, int],
    memo: NodeMemo,
) -> None:
    # Edits replace nodes and move their comments, never change either in place: the same
    # objects mean the same lines.
    kept: NodeMemo = {}
    for node in nodes:
        comments = node_comments.get(node.id)
        known = memo.get(id(node))
        if known is None or known[0] is not node or known[1] is not comments:
            part, at = _Writer(), dict[str, int]()
            _node(part, node, comments or {}, at)
            known = (node, comments, part.lines, at[node.id] - 1)
        kept[id(node)] = known
        lines_of[node.id] = len(writer.lines) + known[3] + 1
        writer.lines.extend(known[2])
    memo.clear()
    memo.update(kept)


def _orphans(writer: _Writer, trivia: tuple[tuple[str, ...], tuple[str, ...]], indent: str) -> None:
    writer.lines.extend(trivia[0])
    writer.lines.extend(indent + t.strip() for t in trivia[1])


def _present(node: Node) -> list[str]:
    return [
        key
        for key in NODE_FIELDS
        if (value := getattr(node, key)) is not None and not (key in _LIST_FIELDS and not value)
    ]


def _node(
    writer: _Writer, node: Node, comments: Comments, lines_of: dict[str, int], base: str = "  "
) -> None:
    present = _present(node)
    metric_keys = [k for k in METRIC_FIELDS if node.metric and getattr(node.metric, k) is not None]
    used = {(), SECTION, *((k,) for k in present)}
    used.update(("metric", k) for k in [*metric_keys, START])
    cleared = _cleared(present, [(p, t) for p, t in comments.items() if p not in used])
    writer.lead(comments.get(SECTION))
    writer.lead(comments.get(()))
    lines_of[node.id] = len(writer.lines) + 1
    inner = base + "  "
    for position, key in enumerate(present):
        indent = inner if position else base + "- "
        for trivia in cleared.get(key, ()):
            _orphans(writer, trivia, inner)
        value = getattr(node, key)
        if key == "metric":
            writer.put([f"{indent}metric:"], comments.get((key,)))
            writer.lead(comments.get((key, START)))
            for mkey in metric_keys:
                lines = _field_lines(mkey, getattr(value, mkey), inner + "  ")
                writer.put(lines, comments.get((key, mkey)))
            continue
        writer.put(_field_lines(key, value, indent), comments.get((key,)))


Trivia = tuple[tuple[str, ...], tuple[str, ...]]


def _cleared(
    present: list[str], orphans: list[tuple[tuple[str, ...], Trivia]]
) -> dict[str, list[Trivia]]:
    """The comments of fields an edit cleared, by the field they now sit above: the next one
    the node still has, where the cleared one was, else its last (a comment below a node's
    last line would be read as the next node's); a metric's own, above `metric:`."""
    order = {key: index for index, key in enumerate(NODE_FIELDS)}
    placed: dict[str, list[Trivia]] = {}
    for place, trivia in orphans:
        key = place[0] if place else ""
        if key == "metric" and "metric" in present:
            placed.setdefault("metric", []).append(trivia)
            continue
        rank = order.get(key, len(order))
        after = next((k for k in present if order[k] > rank), present[-1])
        placed.setdefault(after, []).append(trivia)
    return placed
