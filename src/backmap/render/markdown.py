"""The scene as a nested Markdown outline for wiki pages and pull requests."""

from __future__ import annotations

import re
from collections import Counter

from backmap.graph import unfold
from backmap.model import Kind, Node, Status
from backmap.plural import plural
from backmap.render.dot import meta
from backmap.render.scene import Scene
from backmap.render.tree import INDENT_LEVELS

# Characters that can start emphasis, links, HTML, entities, tables, math or strike-through.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~$!#{}])")


# At the start of a list item these would open a nested list.
_LEADING = re.compile(r"^(?:[-+]|\d+(?=[.)]))")


def text(value: str) -> str:
    """Inline text that Markdown shows as written, on one line."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(value.split()))
    # A backslash escapes punctuation only: before '1.' it goes after the digits.
    return _LEADING.sub(lambda m: m[0] + "\\" if m[0][0].isdigit() else "\\" + m[0], escaped)


def _line(node: Node, scene: Scene, repeat: bool) -> str:
    node_id = node.id
    title = text(node.title)
    if node_id in scene.links:
        title = f"[{title}](<{scene.links[node_id]}>)"
    if node.kind is not Kind.INITIATIVE:
        title = f"**{title}**"
    if node.status is Status.DROPPED:
        title = f"~~{title}~~"
    parts = [f"{title} _({node.kind.value})_"]
    if repeat:
        parts.append("shown above")
    else:
        small = meta(node, scene.progress.get(node_id), scene.hidden.get(node_id, 0))
        if small:
            parts.append(text(small))
        labels = dict.fromkeys(m.label for m in scene.marks.get(node_id, []))
        parts += [f"**! {text(label)}**" for label in labels]
    if node_id in scene.context:
        parts.append("_context_")
    parts.append(f"`{node_id}`")
    return " · ".join(parts)


def to_markdown(scene: Scene) -> str:
    """Outcomes down to initiatives; a node under several parents is written out once."""
    nodes = {n.id: n for n in scene.nodes}
    children: dict[str, list[str]] = {}
    has_parent: set[str] = set()
    for parent, child in scene.edges:
        children.setdefault(parent, []).append(child)
        has_parent.add(child)
    counts = Counter(n.kind.value for n in scene.nodes)
    summary = [plural(counts[k.value], k.value) for k in Kind]
    marked = sum(len(dict.fromkeys(m.label for m in v)) for v in scene.marks.values())
    if scene.findings:
        summary.append(f"{plural(marked, 'finding')} marked")
    lines = [f"# {text(scene.title)}", "", f"{scene.day.isoformat()} · " + ", ".join(summary), ""]
    roots = [n.id for n in scene.nodes if n.id not in has_parent]
    # Nodes on a cycle have a parent but no root above them: they start walks of their own.
    unfolded: set[str] = set()
    rest = (n.id for n in scene.nodes if n.id not in unfolded)
    for starts in (roots, rest):
        for visit in unfold(starts, children, unfolded):
            depth = visit.depth
            line = _line(nodes[visit.node_id], scene, visit.repeat)
            if depth > INDENT_LEVELS:
                line += f" · level {depth}"
            lines.append("  " * min(depth, INDENT_LEVELS) + "- " + line)
    return "\n".join(lines) + "\n"
