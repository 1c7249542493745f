"""Forge handles of the people named on a node, for CODEOWNERS and the rule that needs them."""

from __future__ import annotations

from backmap.model import Node, Workspace

HANDLE_KEYS = ("github", "gitlab")
"""The handles a CODEOWNERS file can name, in the order they are looked for."""


def handle_of(ws: Workspace, name: str | None) -> str | None:
    """A person's forge handle (`@maya-k`), from the people file; None without one."""
    if name is None or ws.people is None:
        return None
    person = ws.people.by_id.get(" ".join(name.split()))
    if person is None:
        return None
    for key in HANDLE_KEYS:
        handle = person.handles.get(key)
        if handle:
            return handle if handle.startswith("@") else f"@{handle}"
    return None


def handles(ws: Workspace, node: Node) -> list[str]:
    """The handles of a node's owner and sub-owner, owner first, without repeats."""
    found = [handle_of(ws, node.owner), handle_of(ws, node.sub_owner)]
    return list(dict.fromkeys(h for h in found if h is not None))
