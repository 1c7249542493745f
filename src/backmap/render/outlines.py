"""A map as an outline for outliners (OPML) and mind-mapping tools (FreeMind/Freeplane .mm).

Each node appears once, under the first node it supports; the other nodes it supports go in a
`supports` attribute (OPML) or as cross links (mind maps). Fields are attributes, the
description a note. Deterministic: file order, no dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from backmap.importing.raw import FIELDS
from backmap.model import Node, Workspace
from backmap.render.sheets import text, value

MM_VERSION = "freeplane 1.9.13"


def placement(ws: Workspace) -> tuple[list[str], dict[str, list[str]], dict[str, str]]:
    """Roots, children by parent, and the parent each node sits under: a spanning forest of the
    map by each node's first known parent (a node in a loop of first parents starts a tree)."""
    under: dict[str, str] = {}
    children: dict[str, list[str]] = {}
    for node in ws.nodes():
        parent = next((p for p in node.supports if p in ws and p != node.id), None)
        if parent is not None:
            under[node.id] = parent
            children.setdefault(parent, []).append(node.id)
    roots = [n.id for n in ws.nodes() if n.id not in under]
    seen = {node_id for node_id, _, _ in walk(roots, children)}
    for node in ws.nodes():
        if node.id not in seen:
            children[under.pop(node.id)].remove(node.id)
            roots.append(node.id)
            seen.update(node_id for node_id, _, _ in walk([node.id], children))
    return roots, children, under


def walk(roots: list[str], children: dict[str, list[str]]) -> Iterator[tuple[str, int, bool]]:
    """(id, depth, opening) depth first: each node opens, then its children, then it closes."""
    todo: list[tuple[str, int, bool]] = [(r, 0, True) for r in reversed(roots)]
    while todo:
        node_id, depth, opening = todo.pop()
        yield node_id, depth, opening
        if opening:
            todo.append((node_id, depth, False))
            todo += [(c, depth + 1, True) for c in reversed(children.get(node_id, []))]


def attributes(node: Node) -> list[tuple[str, str]]:
    """The fields an outline carries beside the title, as (name, text): the columns a
    spreadsheet export writes, in its order, each as its cell's text."""
    pairs = []
    for name in FIELDS:
        if name not in ("title", "parent", "description"):
            found = value(node, name)
            if found is not None:
                pairs.append((name, text(found)))
    return pairs


def _title(ws: Workspace) -> str:
    return ws.name()


def to_opml(ws: Workspace, title: str | None = None) -> str:
    """The map as OPML 2.0: one <outline> per node, fields as attributes, `_note` description."""
    roots, children, under = placement(ws)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head>\n    <title>{escape(title or _title(ws))}</title>\n  </head>",
        "  <body>",
    ]
    for node_id, depth, opening in walk(roots, children):
        pad = "  " * (depth + 2)
        kids = bool(children.get(node_id))
        if not opening:
            if kids:
                lines.append(f"{pad}</outline>")
            continue
        node = ws.node(node_id)
        attrs = [("text", node.title), *attributes(node)]
        more = [p for p in node.supports if p != under.get(node_id)]
        if more:
            attrs.append(("supports", ";".join(more)))
        if node.description is not None:
            attrs.append(("_note", node.description))
        text = " ".join(f"{name}={quoteattr(value)}" for name, value in attrs)
        lines.append(f"{pad}<outline {text}" + (">" if kids else "/>"))
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def to_mm(ws: Workspace, title: str | None = None) -> str:
    """The map as a Freeplane/FreeMind mind map: the title at the root, outcomes around it."""
    roots, children, under = placement(ws)
    number = {node.id: n for n, node in enumerate(ws.nodes(), 1)}
    lines = [
        f'<map version="{MM_VERSION}">',
        f'<node TEXT={quoteattr(title or _title(ws))} ID="ID_0">',
    ]
    for node_id, _depth, opening in walk(roots, children):
        if not opening:
            lines.append("</node>")
            continue
        node = ws.node(node_id)
        lines.append(f'<node TEXT={quoteattr(node.title)} ID="ID_{number[node_id]}">')
        lines += [
            f"<attribute NAME={quoteattr(name)} VALUE={quoteattr(value)}/>"
            for name, value in attributes(node)
        ]
        if node.description is not None:
            paragraphs = "".join(f"<p>{escape(line)}</p>" for line in node.description.split("\n"))
            lines.append(
                f'<richcontent TYPE="NOTE"><html><head/><body>{paragraphs}</body></html>'
                "</richcontent>"
            )
        for parent in node.supports:
            if parent != under.get(node_id) and parent in number:
                lines.append(f'<arrowlink DESTINATION="ID_{number[parent]}"/>')
            elif parent != under.get(node_id):
                lines.append(f'<attribute NAME="supports" VALUE={quoteattr(parent)}/>')
    lines += ["</node>", "</map>", ""]
    return "\n".join(lines)
