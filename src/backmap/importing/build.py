"""An outline read from a file made into map nodes: kinds, ids, owners and parents, merged by title.

Pure: takes the outline and the workspace it goes into, returns a Plan (new nodes, merges into
existing nodes, problems). Nothing is changed until the caller applies the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from backmap import text
from backmap.importing.entries import Entry, match_existing, read_entry
from backmap.importing.kinds import kind_order, kinds_of
from backmap.importing.merges import Merge, merged_into
from backmap.importing.raw import METRIC_COLUMNS, ImportFailed, Outline, Problem
from backmap.importing.resolve import Graph, Ref, cycles, resolve
from backmap.importing.tokens import LEFTOVER_OWNER, WRITTEN_OWNER
from backmap.model import KIND_RANK, Kind, Node, Status, Workspace, is_valid_id
from backmap.people.owners import UnknownOwner, known_owners
from backmap.store.messages import message_for

CARRIED = (
    "description",
    "personal",
    "owner",
    "sub_owner",
    "status",
    "progress",
    "due",
    "metric",
    "tags",
    "links",
    "paths",
    "ignore",
    "checkins",
)
"""Fields an import sets besides id, kind, title and supports."""


@dataclass
class Plan:
    """What an import would do."""

    nodes: list[Node] = field(default_factory=list)
    """New nodes, outcomes first, then goals, then initiatives, each in the input's order."""
    merges: list[Merge] = field(default_factory=list)
    """Each entry that matched a node, in the input's order; a node two entries matched is in
    two, the later one holding what both made of it."""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """What was imported but looks unintended (an `@name` left inside a title)."""
    notes: list[Problem] = field(default_factory=list)
    """What was read but not imported as written (progress on an item with items under it)."""

    def merged(self) -> dict[str, Node]:
        """Each node merged into, by id in the order first matched, as the merges leave it;
        the nodes the merge listing names."""
        final: dict[str, Node] = {}
        for merge in self.merges:
            final[merge.node.id] = merge.node
        return final


def plan(outline: Outline, ws: Workspace, kinds: Sequence[Kind] | None = None) -> Plan:
    """What importing `outline` into `ws` makes: kinds by depth (or `kinds`), markers first.

    Problems come in the order of the places they name.
    """
    result = _plan(outline, ws, kinds)
    result.problems = ImportFailed(result.problems).problems
    return result


def _plan(outline: Outline, ws: Workspace, kinds: Sequence[Kind] | None) -> Plan:
    result = Plan(problems=list(outline.problems), notes=list(outline.remarks))
    if result.problems:
        return result
    nested = {i.under for i in outline.items} | {p for i in outline.items for p in i.links}
    entries = [
        read_entry(item, result.problems, parent=index in nested)
        for index, item in enumerate(outline.items)
    ]
    match_existing(entries, ws, result.problems)
    graph = resolve(entries, ws, result.problems)
    result.notes += _rolled_up(entries, graph, ws)
    ids = _ids(entries, ws, result.problems)
    loops = cycles(entries, graph, ws)
    result.problems += loops
    if loops:  # kinds by depth need a top to count from
        return result
    kind_of = kinds_of(entries, graph, ws, kinds)
    result.problems += kind_order(entries, graph, kind_of, ws)
    if result.problems:
        return result
    _make(entries, graph, kind_of, ids, ws, result)
    return result


def _rolled_up(entries: list[Entry], graph: Graph, ws: Workspace) -> list[Problem]:
    """Leave out the progress of each entry with items under it, as `set --progress` refuses
    it there (its progress rolls up from theirs), and say so."""
    from backmap.graph import has_children

    under: set[Ref] = set()
    for i, parents in enumerate(graph.parents):
        if entries[i].values.get("status") is not Status.DROPPED:
            under.update(parents)
    notes = []
    rolls = "it has items under it, so its progress rolls up from theirs"
    for i, entry in enumerate(entries):
        if entry.kept_in_title is not None:
            notes.append(
                Problem(
                    entry.item.where,
                    f"{entry.kept_in_title!r} stays in the title of {entry.title!r}, not read "
                    f"as progress: {rolls}",
                )
            )
        if "progress" not in entry.values or "id" in entry.item.fields:
            continue  # an entry with an id carries a map's node back as it was
        existing = entry.existing
        if i in under or (
            existing is not None and (existing in under or has_children(ws, existing))
        ):
            value = entry.values.pop("progress")
            notes.append(
                Problem(
                    entry.item.places.get("progress", entry.item.where),
                    f"progress {value}% of {entry.title!r} not imported: {rolls}; "
                    "give progress to those items instead",
                )
            )
    return notes


def _ids(entries: list[Entry], ws: Workspace, problems: list[Problem]) -> list[str]:
    """Each entry's id: the existing node's, the one given, else one from its title."""
    taken: dict[str, str] = {}
    ids: list[str] = [""] * len(entries)
    for i, entry in enumerate(entries):
        given = entry.values.get("id")
        if entry.existing is not None:
            ids[i] = entry.existing
        elif given is not None:
            if not is_valid_id(given):
                place = entry.item.places.get("id", entry.item.where)
                problems.append(
                    Problem(
                        place,
                        f"{given!r} is not an id: use lowercase letters, digits and "
                        f"'-' (e.g. {text.slugify(given)!r})",
                    )
                )
            elif given in taken:
                problems.append(
                    Problem(
                        entry.item.where, f"id {given!r} is given twice (first at {taken[given]})"
                    )
                )
            else:
                taken[given] = entry.item.where
                ids[i] = given
    for i, entry in enumerate(entries):
        if not ids[i]:
            ids[i] = text.free_id(entry.title, lambda c: c in ws or c in taken)
            taken[ids[i]] = entry.item.where
    return ids


def _make(
    entries: list[Entry],
    graph: Graph,
    kind_of: list[Kind],
    ids: list[str],
    ws: Workspace,
    result: Plan,
) -> None:
    new: list[tuple[int, int, Node]] = []
    # Two entries may merge into one node: the second merges into what the first made of it,
    # so that neither's additions are lost.
    merged: dict[str, Node] = {}
    made: dict[tuple[str, tuple[str, ...]], tuple[Entry, str]] = {}
    for i, entry in enumerate(entries):
        supports = list(
            dict.fromkeys(ids[p] if isinstance(p, int) else p for p in graph.parents[i])
        )
        values = {k: v for k, v in entry.values.items() if k in CARRIED}
        try:
            values, _ = known_owners(ws.people, values)
        except UnknownOwner as exc:
            result.problems.append(Problem(entry.item.where, _unknown_owner(exc)))
            continue
        if entry.existing is not None:
            node = merged.get(entry.existing) or ws.node(entry.existing)
            merge = merged_into(entry, node, supports, values)
            merged[entry.existing] = merge.node
            result.merges.append(merge)
            continue
        data = {"id": ids[i], "kind": kind_of[i], "title": entry.title, **values}
        if supports:
            data["supports"] = supports
        try:
            node = Node.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                name = str(error["loc"][0]) if error["loc"] else "title"
                if name == "metric" and len(error["loc"]) > 1:  # a part: its own column
                    name = next(
                        (c for c, p in METRIC_COLUMNS.items() if p == error["loc"][1]), name
                    )
                place = entry.item.places.get(name, entry.item.where)
                result.problems.append(Problem(place, message_for(error, {})))
            continue
        new.append((KIND_RANK[node.kind], i, node))
        if "id" not in entry.values:  # entries with ids are told apart on purpose
            twin = made.setdefault((entry.key, tuple(sorted(node.supports))), (entry, node.id))
            if twin[0] is not entry:
                result.warnings.append(_twice(entry, node, *twin))
        leftover = LEFTOVER_OWNER.search(node.title)
        if leftover:
            result.warnings.append(
                Problem(
                    entry.item.where,
                    f"{leftover.group()!r} stays in the title of {node.id!r}: owners are read "
                    f"only at the end of the line (Title @owner/sub active 40% due 2027-03-31)",
                )
            )
        written = WRITTEN_OWNER.search(node.title)
        if written and not leftover and "owner" not in entry.values:
            result.warnings.append(
                Problem(
                    entry.item.where,
                    f"{written.group()!r} stays in the title of {node.id!r}: write "
                    f"@{written.group(1)} at the end of the line to make them its owner "
                    f"(Title @owner/sub)",
                )
            )
    result.nodes = [node for *_, node in sorted(new, key=lambda t: (t[0], t[1]))]


def _twice(entry: Entry, node: Node, first: Entry, first_id: str) -> Problem:
    """A second entry with the title of one under the same parents.

    Both are imported: rows that differ may be two items (two teams' rotas), and merging
    them would drop what one says, refusing them would stop an import that may be right."""
    under = "at the top" if not node.supports else "under the same parent"
    return Problem(
        entry.item.where,
        f"{node.title!r} is also at {first.item.where}, {under}: imported twice, as "
        f"`{first_id}` and `{node.id}`; delete one if they are one item, or give each an id "
        "(an id column; `[an-id]` ending an outline's line) to keep both without this warning",
    )


def _unknown_owner(exc: UnknownOwner) -> str:
    """As `add --owner` words it, with what to do; the import has no option to name."""
    name = exc.field.replace("_", "-")
    said = f"{name}: {exc.name!r} is not in the people file"
    if exc.guess is not None:
        return f"{said}: did you mean {exc.guess}? Write the person's id, name or a handle"
    return f"{said}: add them with `backmap person add ID --name NAME`, or write someone listed"
