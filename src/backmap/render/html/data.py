"""What the interactive HTML map carries: one record per node, with the tree it is laid out as.

The tree is the plan as people wrote it: each node hangs under its first parent (the first
shown entry of `supports`); the other parents are listed as "also serves" and take no part in
the layout. A cycle of first parents is broken at the node met last, which then hangs under its
next parent, or becomes a root.
"""

from __future__ import annotations

from typing import Any

from backmap.model import KIND_RANK, Node
from backmap.render.metric_line import metric_line
from backmap.render.report import percent
from backmap.render.scene import Scene


def parents_of(scene: Scene) -> dict[str, list[str]]:
    """The shown parents of each shown node, in `supports` order, without repeats."""
    shown = {n.id for n in scene.nodes}
    return {
        n.id: [p for p in dict.fromkeys(n.supports) if p in shown and p != n.id]
        for n in scene.nodes
    }


def tree_parents(scene: Scene, parents: dict[str, list[str]]) -> dict[str, str | None]:
    """The parent each node is drawn under (None: a root of the drawing).

    First parents are taken as they are, then every node is walked up to a root; a node whose
    walk comes back to itself (a cycle) tries its next parent, and with none left becomes a root.
    Walks are remembered, so the whole costs time linear in the map outside cycles.
    """
    tree: dict[str, str | None] = {i: (ps[0] if ps else None) for i, ps in parents.items()}
    rooted: set[str] = {i for i, p in tree.items() if p is None}
    for node in scene.nodes:  # scene order: outcomes first, so a broken cycle breaks low
        start = node.id
        while start not in rooted:
            path: list[str] = []
            seen: set[str] = set()
            current: str | None = start
            while current is not None and current not in rooted and current not in seen:
                seen.add(current)
                path.append(current)
                current = tree[current]
            if current is None or current in rooted:
                rooted.update(path)
                break
            # `current` is on a cycle of first parents: rehang it under a parent that is rooted,
            # else make it a root. Either way the cycle is gone and the walk starts again.
            tree[current] = next((p for p in parents[current][1:] if p in rooted), None)
            if tree[current] is None:
                rooted.add(current)
    return tree


def _record(
    node: Node,
    scene: Scene,
    index: dict[str, int],
    tree: str | None,
    others: list[str],
    who: dict[str, str],
) -> dict[str, Any]:
    """One node for the page; keys are short and empty values left out (10,000 nodes add up)."""
    out: dict[str, Any] = {"i": node.id, "k": KIND_RANK[node.kind], "t": node.title}
    # Plain ifs, one per field: this runs once per node of the biggest maps.
    if tree is not None:
        out["p"] = index[tree]
    if others:
        out["a"] = [index[p] for p in others]
    if node.description is not None:
        out["d"] = node.description
    if node.owner is not None:
        out["o"] = node.owner
    if node.sub_owner is not None:
        out["so"] = node.sub_owner
    if node.status is not None:
        out["s"] = node.status.value
    # Numbers for the bars, and the words beside them written here, by the same rule as
    # every other output: one rounding, not JavaScript's.
    if node.progress is not None:
        out["pr"] = node.progress
        out["pp"] = percent(node.progress)
    rolled = scene.progress.get(node.id)
    if rolled is not None:
        out["r"] = round(rolled, 1)
        out["rp"] = percent(rolled)
    if who:
        keys = list(dict.fromkeys(who[o] for o in (node.owner, node.sub_owner) if o is not None))
        if keys:
            out["w"] = keys
    if node.due is not None:
        out["du"] = node.due.isoformat()
    if node.id in scene.health:
        out["hl"] = scene.health[node.id]
    if node.metric is not None:
        out["m"] = metric_line(node.metric)
    if node.tags:
        out["g"] = sorted(set(node.tags))
    if node.links:
        out["l"] = node.links
    if node.id in scene.links:
        out["u"] = scene.links[node.id]
    if node.id in scene.hidden:
        out["h"] = scene.hidden[node.id]
    marks = scene.marks.get(node.id)
    if marks:
        out["f"] = [[m.severity.label, m.label, m.message] for m in marks]
    return out


def owner_keys(scene: Scene) -> dict[str, str]:
    """What the owner filter calls each owner and sub-owner written on a shown node: the id of
    the person it means, or the text itself for nobody of the people file; empty without one."""
    people = scene.people
    if people is None:
        return {}
    written = {o for n in scene.nodes for o in (n.owner, n.sub_owner) if o is not None}
    return {o: people.resolve(o) or o for o in sorted(written)}


def owner_choices(scene: Scene, who: dict[str, str]) -> tuple[list[list[str]], list[list[Any]]]:
    """The owner filter's choices ([key, label]: 'Maya Kowalski (maya)') and the team
    filter's ([team, [person ids]]), as `backmap export --team` reads a team."""
    people = scene.people
    if people is None:
        return [], []
    owners = []
    for key in sorted(set(who.values())):
        person = people.by_id.get(key)
        owners.append([key, f"{person.name} ({key})" if person else key])
    owners.sort(key=lambda o: (o[1].casefold(), o[0]))
    teams: dict[str, list[str]] = {}
    # A team that owns nothing shown would only ever say "no match".
    owned = set(who.values())
    owning = {p.team for p in people.people if p.id in owned}
    for person in people.people:
        if person.team is not None and person.team in owning:
            teams.setdefault(person.team, []).append(person.id)
    return owners, [[t, ids] for t, ids in sorted(teams.items(), key=lambda t: t[0].casefold())]


def payload(scene: Scene) -> dict[str, Any]:
    """The map for the page's script: title, date and the nodes in the scene's order."""
    index = {n.id: i for i, n in enumerate(scene.nodes)}
    parents = parents_of(scene)
    tree = tree_parents(scene, parents)
    who = owner_keys(scene)
    nodes = []
    for node in scene.nodes:
        first = tree[node.id]
        others = [p for p in parents[node.id] if p != first]
        nodes.append(_record(node, scene, index, first, others, who))
    out: dict[str, Any] = {
        "title": scene.title,
        "date": scene.day.isoformat(),
        "findings": scene.findings,
        "nodes": nodes,
    }
    owners, teams = owner_choices(scene, who)
    if owners or teams:
        out["owners"], out["teams"] = owners, teams
    return out
