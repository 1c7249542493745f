"""A person's new id, followed by what names them by it: the managers of the people file and
the owner fields of the maps, as `person set OLD --id NEW` does."""

from __future__ import annotations

from backmap.model import Workspace
from backmap.people.model import Person, fold


def follow_new_id(
    ws: Workspace, everyone: list[Person], old: str, new: str
) -> tuple[list[Person], list[str]]:
    """`everyone` with each manager `old` now `new`, and the ids of the nodes whose owner or
    sub_owner wrote the id `old` (in any case), changed in `ws` to `new`. A name or handle
    still means the person after the change, so it is left as written."""
    from backmap import edits

    people = [p.model_copy(update={"manager": new}) if p.manager == old else p for p in everyone]
    changed: list[str] = []
    for node in list(ws.nodes()):
        fields = {
            name: new
            for name in ("owner", "sub_owner")
            if (value := getattr(node, name)) and fold(value) == fold(old)
        }
        if fields:
            edits.change(ws, node.id, **fields).apply(ws)
            changed.append(node.id)
    return people, changed
