"""A CODEOWNERS file from the map: each path an initiative names is owned by its owner and
sub-owner, by their forge handles from the people file, so the forge asks them to review."""

from __future__ import annotations

from dataclasses import dataclass, field

from backmap.model import Status, Workspace
from backmap.people.handles import handles


@dataclass
class Owned:
    """One path: the handles that own it and the nodes that name it, in file order."""

    path: str
    handles: list[str] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)


def owned_paths(ws: Workspace) -> list[Owned]:
    """Every path named by a node that is not dropped, sorted (so a deeper path comes after the
    folder that holds it, and wins, as CODEOWNERS reads the last matching line)."""
    table: dict[str, Owned] = {}
    for node in ws.nodes():
        if not node.paths or node.status is Status.DROPPED:  # its owners review nothing now
            continue
        mine = handles(ws, node)
        for path in node.paths:
            entry = table.setdefault(path, Owned(path))
            entry.nodes.append(node.id)
            entry.handles += [h for h in mine if h not in entry.handles]
    return [table[path] for path in sorted(table)]


def _pattern(path: str) -> str:
    """A path as CODEOWNERS writes it: spaces escaped."""
    return path.strip().replace(" ", "\\ ")


def to_codeowners(ws: Workspace, title: str) -> str:
    """The CODEOWNERS text: a header, then one line per path (a comment when nobody has a
    handle: a line with no owner would take away the owners of a broader line)."""
    lines = [
        f"# CODEOWNERS for {title}, written by `backmap export -f codeowners`.",
        "# Each path an initiative lists under `paths:` is owned by the initiative's owner and",
        "# sub-owner (their handles in the people file), so both review every change to it.",
        "# Do not edit by hand: change `paths:`, owners or handles in the map and export again.",
    ]
    said: list[str] = []
    for entry in owned_paths(ws):
        if entry.nodes != said:  # the paths of one initiative under one heading
            lines += ["", "# " + ", ".join(entry.nodes)]
            said = entry.nodes
        if entry.handles:
            lines.append(f"{_pattern(entry.path)} {' '.join(entry.handles)}")
        else:
            lines.append(f"# {_pattern(entry.path)}  (no handle for its owner or sub-owner)")
    return "\n".join(lines) + "\n"
