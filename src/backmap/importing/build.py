"""An outline read from a file made into map nodes: kinds, ids, owners and parents, merged by title.

Pure: takes the outline and the workspace it goes into, returns a Plan (new nodes, merges into
existing nodes, problems). Nothing is changed until the caller applies the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from backmap import fields as typed
from backmap import text
from backmap.importing import tokens
from backmap.importing.raw import ImportFailed, Item, Outline, Problem
from backmap.importing.resolve import Graph, cycles, depths, resolve
from backmap.model import KIND_RANK, Kind, Node, Workspace, is_valid_id
from backmap.store.messages import message_for

CARRIED = ("description", "owner", "sub_owner", "status", "progress", "due", "tags", "links")
"""Fields an import sets besides id, kind, title and supports."""


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


@dataclass
class Plan:
    """What an import would do."""

    nodes: list[Node] = field(default_factory=list)
    """New nodes, outcomes first, then goals, then initiatives, each in the input's order."""
    merges: list[Merge] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Entry:
    item: Item
    title: str
    values: dict[str, Any]
    existing: str | None = None
    """The id of the existing node this entry merges into."""
    _key: str | None = None

    @property
    def key(self) -> str:
        """What the title is matched by (worked out only when a title must be matched)."""
        if self._key is None:
            self._key = title_words(self.title)
        return self._key


def plan(outline: Outline, ws: Workspace, kinds: Sequence[Kind] | None = None) -> Plan:
    """What importing `outline` into `ws` makes: kinds by depth (or `kinds`), markers first.

    Problems come in the order of the places they name.
    """
    result = _plan(outline, ws, kinds)
    result.problems = ImportFailed(result.problems).problems
    return result


def _plan(outline: Outline, ws: Workspace, kinds: Sequence[Kind] | None) -> Plan:
    result = Plan(problems=list(outline.problems))
    if result.problems:
        return result
    entries = [_entry(item, result.problems) for item in outline.items]
    _match_existing(entries, ws, result.problems)
    graph = resolve(entries, ws, result.problems)
    ids = _ids(entries, ws, result.problems)
    loops = cycles(entries, graph, ws)
    result.problems += loops
    if loops:  # kinds by depth need a top to count from
        return result
    kind_of = _kinds(entries, graph, ws, kinds)
    result.problems += _kind_order(entries, graph, kind_of, ws)
    if result.problems:
        return result
    _make(entries, graph, kind_of, ids, ws, result)
    return result


def _entry(item: Item, problems: list[Problem]) -> _Entry:
    # An entry with an id was written by backmap or typed with care: its title is as written.
    title, inline = (item.title, {}) if "id" in item.fields else tokens.split(item.title)
    given = {**inline, **item.fields}
    values: dict[str, Any] = {}
    for name, written in given.items():
        if name == "id":
            continue  # checked with the other ids, once merges are known
        try:
            value = typed.read(name, written)
        except typed.FieldError as exc:
            place = item.places.get(name, item.where)
            problems.append(Problem(place, f"{_label(name)}: {exc.reason}"))
            continue
        if name == "owners":
            values.setdefault("owner", value[0])
            values.setdefault("sub_owner", value[1])
        else:
            values[name] = value
    if "id" in item.fields:
        values["id"] = item.fields["id"].strip()
    kept = {k: v for k, v in values.items() if v not in (None, [])}
    return _Entry(item, title, kept)


def _label(name: str) -> str:
    return "owner" if name == "owners" else name


def title_words(title: str) -> str:
    """The key titles are matched by: text.title_key (what `add` and BM601 call the same
    title), or the plain words of a title made only of little words ('The')."""
    return text.title_key(title) or " ".join(text.words(title))


def _match_existing(entries: list[_Entry], ws: Workspace, problems: list[Problem]) -> None:
    """An entry naming an existing id, or else titled like one existing node, merges into it."""
    if not len(ws):
        return
    by_title: dict[str, list[str]] = {}
    for node in ws.nodes():
        by_title.setdefault(title_words(node.title), []).append(node.id)
    for entry in entries:
        given = entry.values.get("id")
        if given is not None and given in ws:
            entry.existing = given
            continue
        if given is not None:
            continue  # a new id: a new node, whatever its title
        same = by_title.get(entry.key, [])
        if len(same) == 1:
            entry.existing = same[0]
        elif len(same) > 1:
            problems.append(
                Problem(
                    entry.item.where,
                    f"ambiguous title {entry.title!r}: the map has it {len(same)} times "
                    f"({', '.join(sorted(same))}); give this entry an id to merge into one",
                )
            )


def _kinds(
    entries: list[_Entry],
    graph: Graph,
    ws: Workspace,
    kinds: Sequence[Kind] | None,
) -> list[Kind]:
    """Markers first; else `kinds` by depth; else outcome at the top, initiative at the leaves."""
    depth = depths(entries, graph, ws)
    has_children = [False] * len(entries)
    for parents in graph.parents:
        for parent in parents:
            if isinstance(parent, int):
                has_children[parent] = True
    result: list[Kind] = []
    for i, entry in enumerate(entries):
        if entry.existing is not None:
            result.append(ws.node(entry.existing).kind)
        elif "kind" in entry.values:
            result.append(entry.values["kind"])
        elif kinds:
            result.append(kinds[min(depth[i], len(kinds) - 1)])
        elif not graph.parents[i]:
            result.append(Kind.OUTCOME)
        elif not has_children[i]:
            result.append(Kind.INITIATIVE)
        else:
            result.append(Kind.GOAL)
    return result


def _kind_order(
    entries: list[_Entry], graph: Graph, kind_of: list[Kind], ws: Workspace
) -> list[Problem]:
    """An outcome supports nothing and nothing supports an initiative (say which to change)."""
    problems: list[Problem] = []
    for i, parents in enumerate(graph.parents):
        child = entries[i]
        for parent in parents:
            parent_kind = kind_of[parent] if isinstance(parent, int) else ws.node(parent).kind
            name = entries[parent].title if isinstance(parent, int) else ws.node(parent).title
            if kind_of[i] is Kind.OUTCOME:
                problems.append(
                    Problem(
                        child.item.where,
                        f"{child.title!r} is an outcome, and an outcome supports nothing, but "
                        f"it is under {name!r}: mark it (goal) or move it to the top",
                    )
                )
                break
            if parent_kind is Kind.INITIATIVE:
                problems.append(
                    Problem(
                        child.item.where,
                        f"{child.title!r} is under {name!r}, an initiative, and nothing supports "
                        f"an initiative: mark {name!r} (goal), or move this entry",
                    )
                )
    return problems


def _ids(entries: list[_Entry], ws: Workspace, problems: list[Problem]) -> list[str]:
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
            base = text.slugify(entry.title)
            candidate, n = base, 2
            while candidate in ws or candidate in taken:
                suffix = f"-{n}"
                candidate = base[: 64 - len(suffix)].rstrip("-") + suffix
                n += 1
            taken[candidate] = entry.item.where
            ids[i] = candidate
    return ids


def _make(
    entries: list[_Entry],
    graph: Graph,
    kind_of: list[Kind],
    ids: list[str],
    ws: Workspace,
    result: Plan,
) -> None:
    new: list[tuple[int, int, Node]] = []
    for i, entry in enumerate(entries):
        supports = list(
            dict.fromkeys(ids[p] if isinstance(p, int) else p for p in graph.parents[i])
        )
        values = {k: v for k, v in entry.values.items() if k in CARRIED}
        if entry.existing is not None:
            result.merges.append(_merge(entry, ws.node(entry.existing), supports, values))
            continue
        data = {"id": ids[i], "kind": kind_of[i], "title": entry.title, **values}
        if supports:
            data["supports"] = supports
        try:
            node = Node.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                name = str(error["loc"][0]) if error["loc"] else "title"
                place = entry.item.places.get(name, entry.item.where)
                result.problems.append(Problem(place, message_for(error, {})))
            continue
        new.append((KIND_RANK[node.kind], i, node))
    result.nodes = [node for *_, node in sorted(new, key=lambda t: (t[0], t[1]))]


def _merge(entry: _Entry, node: Node, supports: list[str], values: dict[str, Any]) -> Merge:
    merge = Merge(entry.item.where, node)
    changes: dict[str, Any] = {}
    for name, value in values.items():
        old = getattr(node, name)
        if old in (None, []):
            changes[name] = value
            merge.added.append(f"{name} {_shown(value)}")
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


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
