"""The scene as a Mermaid flowchart that GitHub, GitLab and Notion render.

Mermaid has words it reserves (`end`, `graph`, ...) and reads `#...;` and tags inside labels,
so ids get a prefix and label text is written as character codes wherever Mermaid could read
it as syntax.
"""

from __future__ import annotations

import json

from backmap.model import Kind, Status
from backmap.render.dot import meta, wrap
from backmap.render.scene import Scene

# Characters Mermaid leaves alone inside a quoted label; everything else is written as #code;.
_PLAIN = frozenset(" .,:?!'-+/()@=*")

CLASSES = {
    "outcome": "fill:#fff,stroke:#6a1b9a,stroke-width:2px,color:#212121",
    "goal": "fill:#fff,stroke:#00796b,stroke-width:1.5px,color:#212121",
    "initiative": "fill:#fff,stroke:#455a64,stroke-width:1px,color:#212121",
    "done": "fill:#cfd8dc",
    "idea": "stroke-dasharray:5 3",
    "dropped": "stroke:#9e9e9e,stroke-dasharray:5 3,color:#9e9e9e",
    "finding": "stroke:#e65100,stroke-width:3px",
    "context": "stroke:#9e9e9e,color:#9e9e9e",
}


def node_ref(node_id: str) -> str:
    """A Mermaid id: the prefix keeps `end`, `graph` and ids starting with o or x harmless.

    Node ids never hold '_', so swapping '-' for it cannot make two ids meet.
    """
    return "n_" + node_id.replace("-", "_")


def text(value: str) -> str:
    """Label text Mermaid shows as written: no markup, entity, quote or bracket survives."""
    return "".join(c if c.isalnum() or c in _PLAIN else f"#{ord(c)};" for c in value)


def to_mermaid(scene: Scene) -> str:
    """A `flowchart RL` (outcomes on the left), a class per kind and status, findings in labels."""
    heading = " ".join(f"{scene.title} · {scene.day.isoformat()}".split())
    lines = ["---", f"title: {json.dumps(heading, ensure_ascii=False)}", "---"]
    # Right to left with arrows from supporter to supported puts the outcomes on the left,
    # as in the Graphviz drawing.
    lines.append("flowchart RL")
    classes: dict[str, list[str]] = {name: [] for name in CLASSES}
    for node in scene.nodes:
        ref = node_ref(node.id)
        title = "<br/>".join(text(line) for line in wrap(node.title))
        if node.kind is not Kind.INITIATIVE:
            title = f"<b>{title}</b>"
        rows = [title]
        small = meta(node, scene.progress.get(node.id), scene.hidden.get(node.id, 0))
        if small:
            rows.append(f"<small>{text(small)}</small>")
        labels = list(dict.fromkeys(m.label for m in scene.marks.get(node.id, [])))
        if labels:
            rows.append("<small>" + text(" ".join(f"! {label}" for label in labels)) + "</small>")
        lines.append(f'    {ref}["{"<br/>".join(rows)}"]')
        classes[node.kind.value].append(ref)
        if node.status in (Status.DONE, Status.IDEA, Status.DROPPED):
            assert node.status is not None
            classes[node.status.value].append(ref)
        if labels:
            classes["finding"].append(ref)
        if node.id in scene.context:
            classes["context"].append(ref)
    for parent, child in scene.edges:
        lines.append(f"    {node_ref(child)} --> {node_ref(parent)}")
    for node in scene.nodes:
        if node.id in scene.links:
            # The template was checked: http(s), no quotes, spaces or brackets.
            lines.append(f'    click {node_ref(node.id)} href "{scene.links[node.id]}" _blank')
    for name, style in CLASSES.items():
        if name != "context" or classes[name]:  # only a filtered export has context
            lines.append(f"    classDef {name} {style}")
    for name, refs in classes.items():
        if refs:
            lines.append(f"    class {','.join(refs)} {name}")
    return "\n".join(lines) + "\n"
