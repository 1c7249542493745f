"""The map as it was on a past date, for `report`: the last commit at or before that date."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.cli.changes import at_revision
from backmap.store.shape import shape

if TYPE_CHECKING:
    from backmap.checks.aside import Helper
    from backmap.checks.pace import CheckInLike
    from backmap.model import Workspace
    from backmap.review.burnup import Era


Shapes = tuple[str | None, dict[str, str | None]]
"""The shape of today's map files, and of each commit's (None: not comparable)."""


def shapes(
    top: Path, within: str, names: list[str], commits: list[str], today: list[str | None]
) -> Shapes:
    """The shapes `past_of` compares, of today's texts and of `commits`' files: the work it
    can hand a helper process (`checks.aside`), as it needs no map loaded. Commits that hold
    the texts of today or of the commit before them (one that changed other files) are not
    shaped again; only those two are kept, a map's texts being big."""
    now = shape(today)
    found: dict[str, str | None] = {}
    last: tuple[list[str | None], str | None] = (today, now)
    for commit in commits:
        texts = _texts(top, commit, within, names)
        shaped = now if texts == today else last[1] if texts == last[0] else shape(texts)
        found[commit] = shaped
        last = (texts, shaped)
    return now, found


def past_of(
    ws: Workspace, days: Sequence[date] = (), helper: Helper[Shapes] | None = None
) -> Callable[[date], Era | None] | None:
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

    The shapes of the commits of `days` (the days the caller will ask about) are worked out
    at once, by `helper` when given, while the caller does other work; those of other days
    when asked.
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
    by_commit: dict[str, Era | None] = {}
    by_shape: dict[str, Era] = {}
    later: list[Workspace] = [ws]  # a revision shares the parsed files whose text is the same
    todays: dict[str, Sequence[CheckInLike]] = {}

    def commit_of(day: date) -> str | None:
        try:
            return revision.before(root, day + timedelta(days=1), log) or first
        except revision.RevisionError:
            return None

    ahead = list(dict.fromkeys(c for d in days if (c := commit_of(d)) not in (None, head)))
    work = (top, within, names, ahead, texts)
    known = helper.start(*work) if helper is not None else cache(partial(shapes, *work))

    def shape_of(commit: str) -> str | None:
        found = known()[1]
        return found[commit] if commit in found else shape(_texts(top, commit, within, names))

    def load(commit: str) -> Era | None:
        if commit == head:
            return None
        shaped = shape_of(commit)
        if shaped is not None and shaped == known()[0]:
            return None
        era = by_shape.get(shaped) if shaped is not None else None
        if era is None:
            then = at_revision(root, commit, later[-1])
            if not then.files:  # a commit from before the map was added
                return load(first) if commit != first else None
            later.append(then)
            if not todays:  # today's histories, read once for every revision
                todays.update((n.id, checkins.of_node(n)) for n in ws.nodes() if n.checkins)
            era = _era(then, todays)
            if shaped is not None:
                by_shape[shaped] = era
        return era

    def past(day: date) -> Era | None:
        commit = commit_of(day)
        if commit is None:
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
