"""What changed between two versions of a workspace: nodes added, removed, renamed, moved,
fields changed, progress and metric deltas, check-ins added, and new check findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter, ne
from typing import Any

from backmap.checks import CheckResult, Finding
from backmap.model import Kind, Node, Workspace

SKIPPED = ("id", "supports", "checkins", "metric")
"""Node fields compared on their own terms rather than as plain values."""


@dataclass(frozen=True)
class FieldChange:
    """One field whose value changed (`metric.current` style names for the metric's keys)."""

    name: str
    old: Any
    new: Any

    @property
    def delta(self) -> float | None:
        """new - old, when both are numbers."""
        numbers = [v for v in (self.old, self.new) if type(v) in (int, float)]
        return float(self.new - self.old) if len(numbers) == 2 else None


@dataclass(frozen=True)
class NodeChange:
    """How one node changed. `change` is added, removed or changed (a rename is a change
    whose `old_id` differs from `id`)."""

    id: str
    change: str
    title: str
    kind: str
    old_id: str | None = None
    fields: tuple[FieldChange, ...] = ()
    parents: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    """(old parents, new parents) when the node moved."""
    progress: tuple[float | None, float | None] | None = None
    """Roll-up progress (before, after) when it moved by half a point or more."""
    checkins: tuple[str, ...] = ()
    """Check-in lines added."""

    @property
    def renamed(self) -> bool:
        return self.old_id is not None and self.old_id != self.id

    @property
    def progress_delta(self) -> float | None:
        if self.progress is None or None in self.progress:
            return None
        before, after = self.progress
        assert before is not None and after is not None
        return after - before


@dataclass
class MapDiff:
    """Every node that changed, in the new map's order (removed ones last), and findings."""

    nodes: list[NodeChange] = field(default_factory=list)
    new_findings: list[Finding] = field(default_factory=list)
    fixed_findings: list[Finding] = field(default_factory=list)

    def by_id(self) -> dict[str, NodeChange]:
        """Changes by the node's id in the new map (removed nodes by their old id)."""
        return {c.id: c for c in self.nodes}

    @property
    def empty(self) -> bool:
        return not (self.nodes or self.new_findings or self.fixed_findings)


def renames(old: Workspace, new: Workspace) -> dict[str, str]:
    """Old id -> new id for nodes that only changed id: same kind and title, or the same
    check-in history, matched one to one."""
    was, now = old.by_id, new.by_id
    if was.keys() == now.keys():  # the usual month: no id came or went (compared in C)
        return {}
    gone = [n for n in old.nodes() if n.id not in now]
    came = [n for n in new.nodes() if n.id not in was]
    if not gone or not came:
        return {}
    found: dict[str, str] = {}
    for key in (_title_key, _history_key):
        pool: dict[Any, list[Node]] = {}
        for node in came:
            if node.id not in found.values() and (k := key(node)) is not None:
                pool.setdefault(k, []).append(node)
        olds: dict[Any, list[Node]] = {}
        for node in gone:
            if node.id not in found and (k := key(node)) is not None:
                olds.setdefault(k, []).append(node)
        for k, before in olds.items():
            after = pool.get(k, [])
            if len(before) == 1 and len(after) == 1:
                found[before[0].id] = after[0].id
    return found


def _title_key(node: Node) -> Any:
    return (node.kind, " ".join(node.title.lower().split()))


def _history_key(node: Node) -> Any:
    return node.checkins or None


def same_findings(old: Workspace, new: Workspace) -> tuple[str, ...]:
    """Codes of rules that find the same on both sides, so a diff need not run them.

    BM601 (near-duplicate titles) reads only the ids and titles, in map order: when those
    did not change, nor which nodes ignore a rule, neither did what it finds.
    """

    def read(ws: Workspace) -> list[tuple[str, str, list[str]]]:
        return list(map(_TITLED, ws.nodes()))  # read in C: both sides of every diff

    return ("BM601",) if read(old) == read(new) else ()


_TITLED = attrgetter("id", "title", "ignore")


def compare(old: Workspace, new: Workspace, before: CheckResult, after: CheckResult) -> MapDiff:
    """The semantic difference from `old` to `new`, given each one's check result."""
    renamed = renames(old, new)
    result = MapDiff(_nodes(old, new, before.progress, after.progress, renamed))
    result.new_findings, result.fixed_findings = _findings(before, after, renamed)
    return result


def changes(
    old: Workspace,
    new: Workspace,
    before: Mapping[str, float | None],
    after: Mapping[str, float | None],
    fields: Collection[str] | None = None,
) -> MapDiff:
    """How the nodes changed from `old` to `new`, given each one's roll-up progress; no
    findings. With `fields`, only those fields are told and no check-in lines (`status
    --since` shows the progress, status, renames and moves): a node that changed in nothing
    else is left out."""
    return MapDiff(_nodes(old, new, before, after, renames(old, new), fields))


def _nodes(
    old: Workspace,
    new: Workspace,
    before: Mapping[str, float | None],
    after: Mapping[str, float | None],
    renamed: dict[str, str],
    told: Collection[str] | None = None,
) -> list[NodeChange]:
    back = {v: k for k, v in renamed.items()}
    found: list[NodeChange] = []
    was = old.by_id
    for node in new.nodes():
        node_id = node.id
        old_id = back.get(node_id, node_id) if back else node_id
        previous = was.get(old_id)
        if previous is None:
            found.append(NodeChange(node_id, "added", node.title, node.kind.value))
            continue
        progress = (before.get(old_id), after.get(node_id))
        # Most nodes: only the roll-up can have moved (a revision made from today's map shares
        # the nodes no check-in touched: the very same object).
        if previous is node or previous.__dict__ == node.__dict__:
            if _moved(*progress):
                found.append(_made(node, old_id, progress))
            continue
        change = _changed(previous, node, progress, told, differ=True)
        if change is not None:
            found.append(change)
    now = new.by_id
    if was.keys() - now.keys():  # some id went: removed, unless renamed
        for node in old.nodes():
            if node.id not in now and node.id not in renamed:
                found.append(NodeChange(node.id, "removed", node.title, node.kind.value))
    return found


def _changed(
    old: Node,
    new: Node,
    progress: tuple[float | None, float | None],
    told: Collection[str] | None = None,
    differ: bool = False,
) -> NodeChange | None:
    """How `old` became `new`, or None when it did not change; `differ`: their fields are
    known to differ already."""
    was, now = old.__dict__, new.__dict__
    # Nodes have no private or extra attributes: their fields are all pydantic's == compares,
    # and comparing them here, in C, skips its checks and call for each of 10k nodes.
    if not differ and was == now:  # most nodes; then only the roll-up can have moved
        if not _moved(*progress):
            return None
        return _made(new, old.id, progress)
    if told is not None:
        fields = [
            FieldChange(name, was[name], now[name]) for name in told if was[name] != now[name]
        ]
    else:
        # Which fields differ, found in C (compress and map): 17 fields of 10k nodes add up.
        names = compress(now, map(ne, map(was.__getitem__, now), now.values()))
        fields = [_field(name, was[name], now[name]) for name in names if name not in SKIPPED]
        fields += _metric_changes(old, new)
    parents = None
    if old.supports != new.supports and list(dict.fromkeys(old.supports)) != list(
        dict.fromkeys(new.supports)
    ):
        parents = (tuple(old.supports), tuple(new.supports))
    moved = progress if _moved(*progress) else None
    added = _new_lines(old.checkins, new.checkins) if told is None else ()
    if not (fields or parents or moved or added or old.id != new.id):
        return None
    return _made(new, old.id, progress=moved, fields=tuple(fields), parents=parents, added=added)


_KIND_NAMES = {kind: kind.value for kind in Kind}
_new = object.__new__


def _made(
    node: Node,
    old_id: str,
    progress: tuple[float | None, float | None] | None,
    fields: tuple[FieldChange, ...] = (),
    parents: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
    added: tuple[str, ...] = (),
) -> NodeChange:
    """The NodeChange of a changed node, made without the frozen dataclass's guarded set of
    each field: a month of check-ins makes one for most nodes of the map."""
    change: NodeChange = _new(NodeChange)
    change.__dict__.update(
        id=node.id,
        change="changed",
        title=node.title,
        kind=_KIND_NAMES[node.kind],
        old_id=old_id,
        fields=fields,
        parents=parents,
        progress=progress,
        checkins=added,
    )
    return change


def _field(name: str, old: Any, new: Any) -> FieldChange:
    """A FieldChange made without the frozen dataclass's guarded set of each field: a month
    of check-ins changes the progress of most nodes of the map."""
    change: FieldChange = _new(FieldChange)
    change.__dict__.update(name=name, old=old, new=new)
    return change


def _moved(before: float | None, after: float | None) -> bool:
    if before is None or after is None:
        return before is not after
    return abs(after - before) >= 0.5


def _metric_changes(old: Node, new: Node) -> list[FieldChange]:
    if old.metric == new.metric:
        return []
    if old.metric is None or new.metric is None:
        return [FieldChange("metric", _shown(old.metric), _shown(new.metric))]
    return [
        FieldChange(f"metric.{key}", getattr(old.metric, key), getattr(new.metric, key))
        for key in type(new.metric).model_fields
        if getattr(old.metric, key) != getattr(new.metric, key)
    ]


def _shown(metric: Any) -> Any:
    return None if metric is None else metric.model_dump(exclude_none=True)


def _new_lines(old: str | None, new: str | None) -> tuple[str, ...]:
    """Check-in lines in `new` that `old` did not have (comments aside)."""
    if new == old or not new:
        return ()
    if old and new.startswith(old):  # the usual case: lines added at the end
        added = new[len(old) :]
        if "\n" not in added.rstrip("\n"):  # a month's one line, read without a split
            line = added.strip()
            return (line,) if line and not line.startswith("#") else ()
        return tuple(
            line.strip()
            for line in added.split("\n")
            if line.strip() and not line.strip().startswith("#")
        )
    had = set((old or "").split("\n"))
    return tuple(
        line.strip()
        for line in new.split("\n")
        if line.strip() and not line.strip().startswith("#") and line not in had
    )


def _findings(
    before: CheckResult, after: CheckResult, renamed: dict[str, str]
) -> tuple[list[Finding], list[Finding]]:
    """Findings only the new map has, and those only the old one had, renames followed; the
    line a finding sits on does not count. A finding is the same when rule, node and message
    are; what is left over is then paired by rule and node alone, so a finding whose wording
    moved (a list of ids in another order, a count gone up) is neither new nor fixed."""

    def key(f: Finding, ids: dict[str, str]) -> tuple[str, str, str]:
        node_id = ids.get(f.node_id, f.node_id)
        message = f.message.replace(f"`{f.node_id}`", f"`{node_id}`")
        return (f.code, node_id, message)

    old = [(key(f, renamed), f) for f in before.active()]
    new = [(key(f, {}), f) for f in after.active()]
    for width in (3, 2):  # the whole key first, then rule and node
        unpaired = Counter(k[:width] for k, _ in old)
        kept_new = []
        for k, f in new:
            if unpaired[k[:width]] > 0:
                unpaired[k[:width]] -= 1
            else:
                kept_new.append((k, f))
        unpaired = Counter(k[:width] for k, _ in new)
        kept_old = []
        for k, f in old:
            if unpaired[k[:width]] > 0:
                unpaired[k[:width]] -= 1
            else:
                kept_old.append((k, f))
        old, new = kept_old, kept_new
    return [f for _, f in new], [f for _, f in old]
