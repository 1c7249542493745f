"""One item in full for `backmap show ID`: its fields, roll-up, links, check-ins and findings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from backmap.checkins.lines import CheckIn
from backmap.checkins.said import describe
from backmap.checks import Finding, Rollup
from backmap.checks.roll_up import HealthRoll
from backmap.model import Node, Status, Workspace
from backmap.plural import plural
from backmap.render.labels import ICONS, KIND_STYLES, headline, title_line
from backmap.render.metric_line import metric_line
from backmap.render.styles import SEVERITY_STYLES
from backmap.term import Style

if TYPE_CHECKING:
    from backmap.people.model import People

LABEL_WIDTH = 12


@dataclass(frozen=True)
class Item:
    """What `show` tells of one node, computed before anything is printed."""

    node: Node
    path: str
    """The file the node is written in."""
    line: int
    """The line it starts at (0: not known)."""
    rolled: float | None
    """Its progress rolled up from beneath (its own progress when nothing is beneath)."""
    health: HealthRoll | None
    parents: list[Node | str]
    """What it supports, in its `supports` order; an id that names no node stays a string."""
    children: list[Node]
    """What supports it, in map order."""
    history: list[CheckIn]
    """Its check-ins, newest first."""
    findings: list[Finding]
    """The findings about it."""
    people: People | None = None
    """The workspace's people file, which names the owners (None: there is none)."""


def gather(
    ws: Workspace, node_id: str, rolled: Rollup, history: list[CheckIn], found: list[Finding]
) -> Item:
    """The item `node_id` with what the roll-up and the check found about it."""
    from backmap.store import lines_in

    node = ws.node(node_id)
    path = ws.file_of(node_id)
    line = lines_in(ws, path).get(node_id, 0)
    graph = rolled.graph
    parents: list[Node | str] = [ws.by_id.get(p, p) for p in dict.fromkeys(node.supports)]
    return Item(
        node=node,
        path=str(path),
        line=line,
        rolled=rolled.progress.get(node_id),
        health=rolled.health.get(node_id),
        parents=parents,
        children=[ws.by_id[c] for c in graph.children.get(node_id, [])],
        history=sorted(history, key=lambda c: c.date, reverse=True),
        findings=[f for f in found if f.node_id == node_id],
        people=ws.people,
    )


def item_lines(item: Item, style: Style, today: date) -> list[str]:
    """The item as a labelled list, then its description, check-ins and findings."""
    node = item.node
    lines = [
        style(f"{ICONS[node.kind]} {title_line(node)}", *KIND_STYLES[node.kind], "bold")
        + style(f" [{node.id}]", "grey")
    ]

    def field(label: str, value: str) -> None:
        lines.append(f"{style(label.ljust(LABEL_WIDTH), 'grey')} {value}")

    field("kind", node.kind.value + (" (personal)" if node.personal else ""))
    if node.status is not None:
        field("status", node.status.value)
    if node.owner or node.sub_owner:
        field("owner", _who(node.owner, item.people) if node.owner else "(no owner)")
    if node.sub_owner:
        field("sub-owner", _who(node.sub_owner, item.people))
    if node.due is not None:
        late = today > node.due and node.status not in (Status.DONE, Status.DROPPED)
        field("due", node.due.isoformat() + (style(" (overdue)", "red", "bold") if late else ""))
    field("progress", _progress(item))
    if item.health is not None and (said := _health(item.health)):
        field("health", said)
    if node.metric is not None:
        field("metric", metric_line(node.metric))
    if node.tags:
        field("tags", ", ".join(node.tags))
    for link in node.links:
        field("link", link)
    field("file", f"{item.path}:{item.line}" if item.line else item.path)
    for i, parent in enumerate(item.parents):
        if isinstance(parent, str):
            text = style(f"{parent} (no such item)", "red")
        else:
            text = headline(parent)
        field("supports" if i == 0 else "", text)
    for i, child in enumerate(item.children):
        field("supported by" if i == 0 else "", headline(child))
    if node.description:
        lines += ["", *node.description.strip().splitlines()]
    lines += ["", style("check-ins, newest first", "bold")]
    # Each as `backmap checkin ID` and the editor tell it, with its move since the one before.
    older: list[CheckIn | None] = [*item.history[1:], None]
    lines += [f"  {describe(c, before)}" for c, before in zip(item.history, older, strict=False)]
    if not item.history:
        lines.append("  no check-ins")
    lines += ["", style("findings", "bold")]
    if not item.findings:
        lines.append("  none")
    for f in item.findings:
        label = "ignored" if f.suppressed else f.severity.label
        styles = ("grey",) if f.suppressed else SEVERITY_STYLES[f.severity]
        lines.append(f"  {style(f'{label:<7}', *styles)}  {f.code}  {f.message}")
    return lines


def item_json(item: Item) -> str:
    """The item as a JSON object; keys and their order are stable (docs/cli.md)."""
    node = item.node
    data: dict[str, Any] = {
        "id": node.id,
        "title": node.title,
        "kind": node.kind.value,
        "status": None if node.status is None else node.status.value,
        "owner": node.owner,
        "sub_owner": node.sub_owner,
        "due": None if node.due is None else node.due.isoformat(),
        "progress": node.progress,
        "rolled_up_progress": None if item.rolled is None else round(item.rolled, 1),
        "health": None
        if item.health is None or item.health.health is None
        else item.health.health.value,
        "metric": None if node.metric is None else node.metric.model_dump(exclude_none=True),
        "tags": list(node.tags),
        "path": item.path,
        "line": item.line,
        "parents": [
            {"id": p, "title": None, "kind": None}
            if isinstance(p, str)
            else {"id": p.id, "title": p.title, "kind": p.kind.value}
            for p in item.parents
        ],
        "children": [{"id": c.id, "title": c.title, "kind": c.kind.value} for c in item.children],
        "checkins": [
            {
                "date": c.date.isoformat(),
                "progress": c.progress,
                "current": c.current,
                "health": None if c.health is None else c.health.value,
                "note": c.note,
            }
            for c in item.history
        ],
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.label,
                "message": f.message,
                "path": f.path,
                "line": f.line,
                "suppressed": f.suppressed,
            }
            for f in item.findings
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _who(name: str, people: People | None) -> str:
    """'hannah (Hannah Okafor)': as written, with the name the people file gives it."""
    person = people.by_id.get(people.resolve(name) or "") if people is not None else None
    return name if person is None or person.name == name else f"{name} ({person.name})"


def _progress(item: Item) -> str:
    rolled = "-" if item.rolled is None else f"{item.rolled:.0f}%"
    if not item.children:
        if item.node.progress is not None:
            return rolled
        # No field of its own: the roll-up may still read progress from its metric.
        return f"{rolled} from its metric" if item.rolled is not None else "- (not set)"
    count = len(item.children)
    said = f"{rolled} rolled up from the {'item' if count == 1 else plural(count, 'item')} beneath"
    if item.node.progress is not None:
        said += f" (its own field says {item.node.progress:g}%)"
    return said


def _health(roll: HealthRoll) -> str:
    if roll.health is None:
        return ""
    said = roll.health.words
    if roll.source is None or roll.below is None:
        return said
    if roll.own is roll.health:
        said += f" (its own check-in); {roll.source} beneath is {roll.below.words}"
    elif roll.below is roll.health:
        said += f", as {roll.source} beneath is"  # not "at risk: x beneath is at risk"
    else:
        said += f": {roll.source} beneath is {roll.below.words}"
    if roll.others:
        said += f" (and {plural(roll.others, 'other item')} beneath at risk or off track)"
    return said
