"""The map as it was on a past date, for `report`: the last commit at or before that date."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.cli.changes import at_revision

if TYPE_CHECKING:
    from backmap.checks.aside import Helper
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
    now = _shape(today)
    found: dict[str, str | None] = {}
    last: tuple[list[str | None], str | None] = (today, now)
    for commit in commits:
        texts = _texts(top, commit, within, names)
        shape = now if texts == today else last[1] if texts == last[0] else _shape(texts)
        found[commit] = shape
        last = (texts, shape)
    return now, found


def past_of(
    ws: Workspace, days: Sequence[date] = (), helper: Helper[Shapes] | None = None
) -> Callable[[date], Era | None] | None:
    """For each past date, the map of the last commit at or before it (chosen as `status
    --since` chooses: by the author's date, on HEAD's first-parent line), with that commit's
    own check-ins; before the first commit, the first commit's map. None when the map is in
    no commit: past values can then only be recomputed on today's map.

    The working tree stands for HEAD (it is HEAD plus what was recorded since). Each revision
    is loaded once, and revisions whose map files are the same are loaded once. A revision
    whose files differ from the working tree's (or an already loaded revision's) only in their
    check-ins and the values check-ins set (progress, metric current) has that map's shape:
    the check-ins before its date are the same ones, so it is not loaded at all.

    The shapes of the commits of `days` (the days the caller will ask about) are worked out
    at once, by `helper` when given, while the caller does other work; those of other days
    when asked.
    """
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
        return found[commit] if commit in found else _shape(_texts(top, commit, within, names))

    def load(commit: str) -> Era | None:
        if commit == head:
            return None
        shape = shape_of(commit)
        if shape is not None and shape == known()[0]:
            return None
        era = by_shape.get(shape) if shape is not None else None
        if era is None:
            then = at_revision(root, commit, later[-1])
            if not then.files:  # a commit from before the map was added
                return load(first) if commit != first else None
            later.append(then)
            era = _era(then)
            if shape is not None:
                by_shape[shape] = era
        return era

    def past(day: date) -> Era | None:
        commit = commit_of(day)
        if commit is None:
            return None
        if commit not in by_commit:
            by_commit[commit] = load(commit)
        return by_commit[commit]

    return past


def _era(ws: Workspace) -> Era:
    from backmap import checkins
    from backmap.cli.checkin import readable_checkins
    from backmap.graph import build
    from backmap.review.burnup import Era

    readable_checkins(ws)
    return Era(build(ws), {n.id: checkins.of_node(n) for n in ws.nodes() if n.checkins})


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
