"""The scene as a Markdown page for wikis and pull requests: a heading per outcome, the goals
and initiatives beneath it as a nested list, in the order the map's files give them.

Each item is written out once, under its first parent (the first of its `supports`); under its
other parents it is a link to that place. Anchors are `<a id="ID"></a>`, so links hold across
edits of titles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from backmap.graph import unfold
from backmap.model import Kind, Node, Status
from backmap.plural import plural
from backmap.render.metric_line import metric_line
from backmap.render.node_text import meta
from backmap.render.scene import Scene
from backmap.render.tree import INDENT_LEVELS

# Characters that can start emphasis, links, HTML, entities, tables, math or strike-through.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~$!#{}])")
_CODE_SPAN = re.compile(r"`[^`]+`")


# At the start of a list item these would open a nested list.
_LEADING = re.compile(r"^(?:[-+]|\d+(?=[.)]))")

LEGEND = (
    "Each outcome is a heading; its goals are in bold and initiatives in plain text beneath "
    "it. An item that serves several goals is written out under the first and linked from "
    "the others."
)
UNATTACHED = "Not under an outcome"
# Under a parent that is not an item's first, the item is this marker and its id: a link.
_ELSEWHERE = "\x00"


def text(value: str) -> str:
    """Inline text that Markdown shows as written, on one line. Paired backticks (`an-id` in a
    finding) are a code span, which Markdown shows as written already: left as they are."""
    flat = " ".join(value.split())
    pieces: list[str] = []
    done = 0
    for span in _CODE_SPAN.finditer(flat):
        pieces += [_SPECIAL.sub(r"\\\1", flat[done : span.start()]), span[0]]
        done = span.end()
    escaped = "".join([*pieces, _SPECIAL.sub(r"\\\1", flat[done:])])
    # A backslash escapes punctuation only: before '1.' it goes after the digits.
    return _LEADING.sub(lambda m: m[0] + "\\" if m[0][0].isdigit() else "\\" + m[0], escaped)


def anchor(node_id: str) -> str:
    """Where links to an item lead (ids are lowercase letters, digits and '-': no escaping)."""
    return f'<a id="{node_id}"></a>'


def _title(node: Node, scene: Scene) -> str:
    title = text(node.title)
    if node.id in scene.links:
        title = f"[{title}](<{scene.links[node.id]}>)"
    if node.kind is Kind.GOAL:
        title = f"**{title}**"
    if node.status is Status.DROPPED:
        title = f"~~{title}~~"
    return title


def _facts(node: Node, scene: Scene) -> list[str]:
    parts = []
    small = meta(
        node,
        scene.progress.get(node.id),
        scene.hidden.get(node.id, 0),
        scene.health.get(node.id),
    )
    if small:
        parts.append(text(small))
    if node.metric is not None:
        parts.append(text(metric_line(node.metric)))
    labels = dict.fromkeys(m.label for m in scene.marks.get(node.id, []))
    parts += [f"**! {text(label)}**" for label in labels]
    if node.id in scene.context:
        parts.append("_context_")
    parts.append(f"`{node.id}`")
    return parts


def _item(node: Node, scene: Scene, heading: bool) -> list[str]:
    """The lines of an item written out: title and facts, then its description."""
    title = _title(node, scene)
    if node.kind is Kind.OUTCOME and not heading:
        title += " _(outcome)_"  # an outcome that supports something: its place says nothing
    line = " · ".join([anchor(node.id) + title, *_facts(node, scene)])
    lines = [line]
    if node.description:
        lines.append("> " + text(node.description))
    return lines


def _link(node: Node, where: str) -> str:
    link = f"[{text(node.title)}](#{node.id})"
    if node.kind is Kind.GOAL:
        link = f"**{link}**"
    return f"{link} · {where}"


class _Row(NamedTuple):
    """One list item: written out, or a link to where it is."""

    depth: int
    node_id: str
    parent: str | None
    link: bool
    level: int
    """Levels beneath the outcome, said on the line past INDENT_LEVELS."""


def to_markdown(scene: Scene) -> str:
    """A heading per outcome and the nested list beneath it; see the module docstring."""
    nodes = {n.id: n for n in scene.nodes}
    order = scene.file_order or [n.id for n in scene.nodes]
    position = {node_id: i for i, node_id in enumerate(order)}
    parents: dict[str, list[str]] = {}
    for parent, child in scene.edges:
        parents.setdefault(child, []).append(parent)
    children: dict[str, list[str]] = {}
    for child in sorted(parents, key=position.__getitem__):
        ups = set(parents[child])
        # An item's home is its first parent in `supports` among those shown.
        home = next((p for p in nodes[child].supports if p in ups), None)
        for parent in sorted(ups, key=position.__getitem__):
            entry = child if parent == (home or parent) else _ELSEWHERE + child
            children.setdefault(parent, []).append(entry)

    counts = Counter(n.kind.value for n in scene.nodes)
    summary = [plural(counts[k.value], k.value) for k in Kind]
    marked = sum(len(dict.fromkeys(m.label for m in v)) for v in scene.marks.values())
    if scene.findings:
        summary.append(f"{plural(marked, 'finding')} marked")
    lines = [f"# {text(scene.title)}", "", f"{scene.day.isoformat()} · " + ", ".join(summary)]
    lines += ["", LEGEND]

    body: list[str | _Row] = []
    roots = [i for i in order if i not in parents]
    tops = [i for i in roots if nodes[i].kind is Kind.OUTCOME]
    unfolded: set[str] = set()
    for top in tops:
        body += ["", f"## {anchor(top)}{_title(nodes[top], scene)}", ""]
        body.append(" · ".join(_facts(nodes[top], scene)))
        description = nodes[top].description
        if description:
            body += ["", "> " + text(description)]
        items = _walk([top], children, unfolded, skip_start=True)
        if items:
            body += ["", *items]
    # What no outcome reaches, and loops that nothing outside leads into.
    if any(i not in unfolded for i in order):
        body += ["", f"## {UNATTACHED}", ""]
        loose = [i for i in roots if i not in unfolded]
        body += _walk(loose, children, unfolded)
        body += _walk((i for i in order if i not in unfolded), children, unfolded)
    written = {
        r.node_id: (i, r.parent) for i, r in enumerate(body) if isinstance(r, _Row) and not r.link
    }
    for i, row in enumerate(body):
        if isinstance(row, str):
            lines.append(row)
            continue
        node = nodes[row.node_id]
        if row.link:
            at, under = written[row.node_id]
            where = "above" if at < i else "below"
            said = (
                f"written out under {text(nodes[under].title)}" if under else f"written out {where}"
            )
            item = [_link(node, said)]
        else:
            item = _item(node, scene, heading=False)
        indent = "  " * min(row.depth, INDENT_LEVELS)
        if row.depth > INDENT_LEVELS:
            item[0] += f" · level {row.level}"
        lines.append(f"{indent}- {item[0]}")
        lines += [f"{indent}  {more}" for more in item[1:]]
    return "\n".join(lines) + "\n"


def _walk(
    starts: Iterable[str],
    children: dict[str, list[str]],
    unfolded: set[str],
    skip_start: bool = False,
) -> list[_Row]:
    """The list items beneath `starts` (the starts too, unless they are headings)."""
    rows: list[_Row] = []
    shift = 1 if skip_start else 0
    for visit in unfold(starts, children, unfolded):
        if visit.depth < shift:
            continue
        link = visit.node_id.startswith(_ELSEWHERE) or visit.repeat
        node_id = visit.node_id.lstrip(_ELSEWHERE)
        rows.append(_Row(visit.depth - shift, node_id, visit.parent, link, visit.depth))
    return rows
