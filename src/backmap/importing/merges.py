"""An imported entry merged into the node it matched: a field the node lacks is added, a field
it has keeps its value and the import's other value is listed as kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backmap.importing.entries import Entry
from backmap.model import Node


@dataclass
class Merge:
    """An imported entry that matched an existing node: what it added and what it left."""

    where: str
    node: Node
    """The existing node as it becomes."""
    added: list[str] = field(default_factory=list)
    """Fields and links the import gave it, e.g. 'owner dana', 'supports focus'."""
    kept: list[str] = field(default_factory=list)
    """Fields where the node already had another value, which it keeps."""


def merged_into(entry: Entry, node: Node, supports: list[str], values: dict[str, Any]) -> Merge:
    """What merging the entry into `node` makes of it. A metric follows the module's rule part
    by part when both name the same metric; a metric of another name is kept whole."""
    merge = Merge(entry.item.where, node)
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if name == "metric" and node.metric is not None:
            metric = _merged_metric(node, value, merge)
            if metric is not None:
                changes[name] = metric
            continue
        old = getattr(node, name)
        if old in (None, []):
            changes[name] = value
            merge.added.append(f"{name} {_shown(value, name)}")
        elif old != value and name == "checkins":  # a block: said by its length, not in full
            merge.kept.append(
                f"checkins ({_shown(old, name)}; the import's {_shown(value, name)} differ)"
            )
        elif old != value:
            merge.kept.append(f"{name} {_shown(old)} (the import says {_shown(value)})")
    more = [p for p in supports if p not in node.supports]
    if more:
        changes["supports"] = [*node.supports, *more]
        merge.added += [f"supports {p}" for p in more]
    if "id" in entry.values and entry.title != node.title:  # matched by id, not by title
        merge.kept.append(f"title {node.title!r} (the import says {entry.title!r})")
    if "kind" in entry.values and entry.values["kind"] is not node.kind:
        merge.kept.append(f"kind {node.kind.value} (the import says {entry.values['kind'].value})")
    if changes:
        merge.node = Node.model_validate({**node.model_dump(exclude_defaults=True), **changes})
    return merge


def _merged_metric(node: Node, given: dict[str, Any], merge: Merge) -> dict[str, Any] | None:
    """The node's metric with the parts it lacks taken from `given`, or None for no change.

    Parts of two metrics of different names would make a metric nobody measured, so another
    name keeps the node's metric whole."""
    assert node.metric is not None
    old = node.metric.model_dump(exclude_none=True)
    if given["name"] != old["name"]:
        merge.kept.append(f"metric {old['name']!r} (the import says {given['name']!r})")
        return None
    added = {part: value for part, value in given.items() if part not in old}
    for part, value in given.items():
        if part in old and old[part] != value:
            merge.kept.append(f"metric {part} {old[part]} (the import says {value})")
    merge.added += [f"metric {part} {value}" for part, value in added.items()]
    return {**old, **added} if added else None


def _shown(value: Any, name: str = "") -> str:
    if name == "checkins":  # a block of lines, told apart by how many
        count = len(value.rstrip("\n").split("\n"))
        return f"{count} line{'s' if count != 1 else ''}"
    if isinstance(value, dict):  # a metric
        return repr(value["name"])
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
