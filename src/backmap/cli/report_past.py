"""The map as it was on a past date, for `report`: the last commit at or before that date."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from backmap.cli.changes import at_revision

if TYPE_CHECKING:
    from backmap.model import Workspace
    from backmap.review.burnup import Era


def past_of(ws: Workspace) -> Callable[[date], Era | None] | None:
    """For each past date, the map of the last commit at or before it (chosen as `status
    --since` chooses: by the author's date, on HEAD's first-parent line), with that commit's
    own check-ins; before the first commit, the first commit's map. None when the map is in
    no commit: past values can then only be recomputed on today's map.

    The working tree stands for HEAD (it is HEAD plus what was recorded since). Each revision
    is loaded once, and revisions whose map files are the same are loaded once.
    """
    from backmap.store import revision

    root = ws.root
    top = revision.toplevel(root)
    if top is None:
        return None
    try:
        first = revision.first(root)
        head = revision.resolve(root, "HEAD")
    except revision.RevisionError:
        return None  # a repository without commits yet
    if first is None:
        return None  # the map was never committed
    within = root.resolve().relative_to(top).as_posix()
    by_commit: dict[str, Era | None] = {}
    by_content: dict[str, Era] = {}
    later: list[Workspace] = [ws]  # a revision shares the parsed files whose text is the same

    def load(commit: str) -> Era | None:
        if commit == head:
            return None
        content = _object(top, commit, within)
        era = by_content.get(content) if content else None
        if era is None:
            then = at_revision(root, commit, later[-1])
            if not then.files:  # a commit from before the map was added
                return load(first) if commit != first else None
            later.append(then)
            era = by_content[content or commit] = _era(then)
        return era

    def past(day: date) -> Era | None:
        try:
            commit = revision.before(root, day + timedelta(days=1)) or first
        except revision.RevisionError:
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


def _object(top: object, commit: str, within: str) -> str:
    """The git object (blob or tree) of the workspace in `commit`: equal objects, equal maps."""
    spec = f"{commit}:{'' if within == '.' else within}"
    proc = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", spec], cwd=str(top), capture_output=True
    )
    return proc.stdout.decode().strip() if proc.returncode == 0 else ""
