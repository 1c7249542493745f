"""The map as it was on a past date, for `report`: the last commit at or before that date."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.cli.changes import at_revision

if TYPE_CHECKING:
    from backmap.checks.pace import CheckInLike
    from backmap.model import Workspace
    from backmap.review.burnup import Era


def past_of(ws: Workspace) -> Callable[[date], Era | None] | None:
    """For each past date, the map of the last commit at or before it (chosen as `status
    --since` chooses: by the author's date, on HEAD's first-parent line), with each item's
    check-ins as today's map holds them (see `_era`); before the first commit, the first
    commit's map. None when the map is in no commit: past values can then only be recomputed
    on today's map.

    The working tree stands for HEAD (it is HEAD plus what was recorded since). Each revision
    is loaded once, and revisions whose map files are the same are loaded once. A revision
    whose files differ from the working tree's (or an already loaded revision's) only in their
    check-ins and the values check-ins set (progress, metric current) has that map's shape:
    the check-ins before its date are the same ones, so it is not loaded at all.
    """
    from backmap import checkins
    from backmap.store import revision

    root = ws.root
    top = revision.toplevel(root)
    if top is None:
        return None
    try:
        first = revision.first(root)
        head = revision.resolve(root, "HEAD")
        log = revision.authored(root)
    except revision.RevisionError:
        return None  # a repository without commits yet
    if first is None:
        return None  # the map was never committed
    within = root.resolve().relative_to(top).as_posix()
    names = sorted(p.resolve().relative_to(top).as_posix() for p in ws.files)
    origins = ws.stored.origins if ws.stored is not None else {}
    texts = [origins[p].text if p in origins else None for p in sorted(ws.files)]
    today = _shape(texts) if None not in texts else None
    by_commit: dict[str, Era | None] = {}
    by_shape: dict[str, Era] = {}
    later: list[Workspace] = [ws]  # a revision shares the parsed files whose text is the same
    todays: dict[str, Sequence[CheckInLike]] = {}

    def load(commit: str) -> Era | None:
        if commit == head:
            return None
        shape = _shape(_texts(top, commit, within, names))
        if shape is not None and shape == today:
            return None
        era = by_shape.get(shape) if shape is not None else None
        if era is None:
            then = at_revision(root, commit, later[-1])
            if not then.files:  # a commit from before the map was added
                return load(first) if commit != first else None
            later.append(then)
            if not todays:  # today's histories, read once for every revision
                todays.update((n.id, checkins.of_node(n)) for n in ws.nodes() if n.checkins)
            era = _era(then, todays)
            if shape is not None:
                by_shape[shape] = era
        return era

    def past(day: date) -> Era | None:
        try:
            commit = revision.before(root, day + timedelta(days=1), log) or first
        except revision.RevisionError:
            return None
        if commit not in by_commit:
            by_commit[commit] = load(commit)
        return by_commit[commit]

    return past


def _era(then: Workspace, now: dict[str, Sequence[CheckInLike]]) -> Era:
    """A revision's map with each item's check-ins as today's map holds them (`now`: the same
    ones, and any made by then but committed later: a month's check-ins are not always
    committed that month); an item today's map lacks (renamed, removed) keeps its own."""
    from backmap import checkins
    from backmap.cli.checkin import readable_checkins
    from backmap.graph import build
    from backmap.review.burnup import Era

    readable_checkins(then)
    histories: dict[str, Sequence[CheckInLike]] = {}
    for node in then.nodes():
        if node.id in now:
            histories[node.id] = now[node.id]
        elif node.checkins:
            histories[node.id] = checkins.of_node(node)
    return Era(build(then), histories)


def _texts(top: Path, commit: str, within: str, names: list[str]) -> list[str | None]:
    """The text of each of `names` in `commit` (None for one it lacks, or for all when the
    commit holds other map files too)."""
    from backmap.store import revision

    held = {n for n in revision.listed(top, commit, within) if n.endswith((".yaml", ".yml"))}
    if held - set(names):
        return [None]
    texts = revision.blobs(top, commit, names)
    return [texts.get(name) for name in names]


_CHECKINS = re.compile(r"^([ \t]*)checkins:[ \t]*\|[^\n]*\n(?:\1[ \t]+[^\n]*\n|[ \t]*\n)*", re.M)
_MARK = "checkins:\0"  # where a check-ins block was: no map line reads so (NUL is refused)


def _shape(texts: list[str | None]) -> str | None:
    """A digest of the map files without their check-ins and the values they set: two
    revisions with the same shape roll up the same on each date from the same check-ins."""
    if not texts or None in texts:
        return None
    from backmap.store import digest_of

    bodies = (t.removeprefix("\ufeff").replace("\r\n", "\n") for t in texts if t is not None)
    return digest_of(b"\0".join(_without_checkins(body).encode() for body in bodies))


def _without_checkins(text: str) -> str:
    """`text` without its check-ins blocks, and without each progress or metric current line
    that such a block follows within the same node (only indented lines, no list item, between):
    a value its check-ins set. A node that does not check in keeps its progress in the field,
    which is then part of the shape. One pass over the lines: a regular expression looking
    ahead from every such line took three times as long on a 10,000-node map."""
    lines: list[str | None] = list(_CHECKINS.sub(_MARK + "\n", text + "\n").split("\n"))
    held: list[int] = []  # progress and current lines since the last line that ends a node
    for number, line in enumerate(lines):
        assert line is not None
        body = line.lstrip(" \t")
        if body.startswith("checkins:"):
            for at in held:
                lines[at] = None
            held = []
            if body == _MARK:
                lines[number] = None
            continue
        if len(body) == len(line) or body.startswith("- "):
            held = []
        if body.startswith(("progress:", "current:")):
            held.append(number)
    return "\n".join(line for line in lines if line is not None)
