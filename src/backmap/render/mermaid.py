"""The scene as a Mermaid flowchart that GitHub, GitLab and Notion render.

Mermaid has words it reserves (`end`, `graph`, ...) and reads `#...;` and tags inside labels,
so ids get a prefix and label text is written as character codes wherever Mermaid could read
it as syntax. Mermaid also refuses to draw past MAX_EDGES edges or MAX_CHARS characters
(its defaults, which GitHub keeps): `size` tells a caller how far a text is from them.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from backmap.checks import Severity
from backmap.model import Kind, Node, Status
from backmap.render.colours import DONE_FILL, INK, KIND_COLOUR, MARK_LOOK, MUTED
from backmap.render.formats import MERMAID_LABELS as LABELS
from backmap.render.metric_line import metric_line
from backmap.render.node_text import meta, wrap
from backmap.render.scene import Scene

# Characters Mermaid leaves alone inside a quoted label; everything else is written as #code;.
_PLAIN = frozenset(" .,:?!'-+/()@=*")

__all__ = ["LABELS", "MAX_CHARS", "MAX_EDGES", "size", "to_mermaid"]
SHORT_CHARS = 40
"""Most characters of a title in a short label."""
MAX_EDGES = 500
MAX_CHARS = 50_000
_EDGE = re.compile(r"^    n\S+ (?:-->|-\.->) n\S+$", re.MULTILINE)

_KIND = "fill:#fff,stroke:{},stroke-width:{},color:" + INK
CLASSES = {
    "outcome": _KIND.format(KIND_COLOUR[Kind.OUTCOME], "2px"),
    "goal": _KIND.format(KIND_COLOUR[Kind.GOAL], "1.5px"),
    "initiative": _KIND.format(KIND_COLOUR[Kind.INITIATIVE], "1px"),
    "done": "fill:" + DONE_FILL[Kind.INITIATIVE],
    "idea": "stroke-dasharray:5 3",
    "dropped": f"stroke:{MUTED},stroke-dasharray:5 3,color:{MUTED}",
    "finding": f"stroke:{MARK_LOOK[Severity.WARNING][1]},stroke-width:3px",
    "context": f"stroke:{MUTED},color:{MUTED}",
}


def node_ref(node_id: str) -> str:
    """A Mermaid id: the prefix keeps `end`, `graph` and ids starting with o or x harmless.

    Node ids never hold '_', so swapping '-' for it cannot make two ids meet.
    """
    return "n_" + node_id.replace("-", "_")


def text(value: str) -> str:
    """Label text Mermaid shows as written: no markup, entity, quote or bracket survives."""
    return "".join(c if c.isalnum() or c in _PLAIN else f"#{ord(c)};" for c in value)


def short(title: str) -> str:
    """A title on one line, cut at SHORT_CHARS characters with '…'."""
    one = " ".join(title.split())
    return one if len(one) <= SHORT_CHARS else one[: SHORT_CHARS - 1].rstrip() + "…"


def _label(node: Node, scene: Scene, labels: str) -> str:
    if labels == "short":
        return text(short(node.title))
    title = "<br/>".join(text(line) for line in wrap(node.title))
    if node.kind is not Kind.INITIATIVE:
        title = f"<b>{title}</b>"
    rows = [title]
    small = meta(
        node,
        scene.progress.get(node.id),
        scene.hidden.get(node.id, 0),
        scene.health.get(node.id),
    )
    if small:
        rows.append(f"<small>{text(small)}</small>")
    if node.metric is not None:  # as the drawings have it, on a line of its own
        rows.append(f"<small>{text(metric_line(node.metric))}</small>")
    found = list(dict.fromkeys(m.label for m in scene.marks.get(node.id, [])))
    if found:
        rows.append("<small>" + text(" ".join(f"! {label}" for label in found)) + "</small>")
    return "<br/>".join(rows)


def first_parents(scene: Scene) -> dict[str, str]:
    """Each shown node's first shown parent: the first of its `supports` that is drawn.

    That edge is the main line; the others are drawn dashed. The author chooses it by
    putting that parent first.
    """
    parents: dict[str, set[str]] = {}
    for parent, child in scene.edges:
        parents.setdefault(child, set()).add(parent)
    nodes = {n.id: n for n in scene.nodes}
    first = {}
    for child, shown in parents.items():
        # The edges come from `supports`, so one is there; min() only guards that promise.
        first[child] = next((p for p in nodes[child].supports if p in shown), min(shown))
    return first


def to_mermaid(scene: Scene, labels: str = "full") -> str:
    """A `flowchart RL` (outcomes on the left), a class per kind and status, findings in labels.

    Each node hangs from its first parent by a solid arrow; arrows to its other parents are
    dashed, so the main line of the plan stands out. `labels` is 'full' or 'short'; short
    labels also number the nodes (n1, n2, ... in drawing order) instead of naming them by id.
    """
    heading = " ".join(f"{scene.title} · {scene.day.isoformat()}".split())
    lines = ["---", f"title: {json.dumps(heading, ensure_ascii=False)}", "---"]
    # Right to left with arrows from supporter to supported puts the outcomes on the left,
    # as in the Graphviz drawing.
    lines.append("flowchart RL")
    classes: dict[str, list[str]] = {name: [] for name in CLASSES}
    if labels == "short":
        # Numbers instead of ids: on a big map the ids, written once per node, edge and
        # class, are most of the text that Mermaid's limit counts.
        refs = {n.id: f"n{i}" for i, n in enumerate(scene.nodes, 1)}
    else:
        refs = {n.id: node_ref(n.id) for n in scene.nodes}
    for node in scene.nodes:
        ref = refs[node.id]
        lines.append(f'    {ref}["{_label(node, scene, labels)}"]')
        classes[node.kind.value].append(ref)
        if node.status in (Status.DONE, Status.IDEA, Status.DROPPED):
            assert node.status is not None
            classes[node.status.value].append(ref)
        if scene.marks.get(node.id):
            classes["finding"].append(ref)
        if node.id in scene.context:
            classes["context"].append(ref)
    first = first_parents(scene)
    # The main lines first: Mermaid's layout ranks nodes in the order edges come.
    others = []
    for parent, child in scene.edges:
        if first[child] == parent:
            lines.append(f"    {refs[child]} --> {refs[parent]}")
        else:
            others.append(f"    {refs[child]} -.-> {refs[parent]}")
    lines += others
    for node in scene.nodes:
        if node.id in scene.links:
            # The template was checked: http(s), no quotes, spaces or brackets.
            lines.append(f'    click {refs[node.id]} href "{scene.links[node.id]}" _blank')
    for name, style in CLASSES.items():
        if name != "context" or classes[name]:  # only a filtered export has context
            lines.append(f"    classDef {name} {style}")
    for name, members in classes.items():
        if members:
            lines.append(f"    class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"


class Size(NamedTuple):
    """How big a Mermaid text is, in what Mermaid limits."""

    edges: int
    chars: int

    @property
    def too_big(self) -> bool:
        """Mermaid (and so GitHub, GitLab) refuses to draw it."""
        return self.edges > MAX_EDGES or self.chars > MAX_CHARS


def size(source: str) -> Size:
    """The edges and characters of a text `to_mermaid` wrote."""
    return Size(len(_EDGE.findall(source)), len(source))
