"""What `status --since` and `diff` compare against: a git revision, a date, or another path."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.cli.common import Fail, error, print_problems

if TYPE_CHECKING:
    from backmap.model import Workspace

_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def since(ws: Workspace, text: str) -> tuple[Workspace, str]:
    """The workspace as it was at a date or revision, and how to name that for people.

    A date means the map of the last commit before that day when the map is in git with one,
    or else of its first commit (so what was added, renamed or closed since is told too),
    as the check-ins made by that day say it stood (today's histories: check-ins are not
    always committed the month they are made); outside git, the map as its check-ins say it
    stood that day. Anything else is a git revision.
    """
    from backmap.store import revision

    if not _DATE.fullmatch(text):
        return at_revision(ws.root, text, ws), text
    from backmap import fields  # the one reader of dates, as every date option words it

    try:
        day = fields.read_date(text, "since")
    except fields.FieldError as exc:
        raise error(f"--since: {exc.reason}") from None
    from datetime import date

    if day > date.today():
        raise error(f"--since: {day} is in the future: give a day up to today")
    commit = first = None
    top = revision.toplevel(ws.root)
    if top is not None:
        try:
            commit = revision.before(ws.root, day)
            first = None if commit is not None else revision.first(ws.root)
        except revision.RevisionError:
            pass  # a repository without commits yet
    # Commits named by git itself: read as they are, in the work tree found above.
    # Either commit's map, with the check-ins made by that day as today's map holds them:
    # those of a month are not always committed that month.
    if commit is not None:
        earlier = _as_of(at_revision(ws.root, commit, ws, top), day, ws)
        return earlier, (
            f"{day}: the check-ins made by then, on the map of {commit[:10]} "
            "(the last commit before that day)"
        )
    if first is not None:
        earlier = _as_of(at_revision(ws.root, first, ws, top), day, ws)
        return earlier, (
            f"{day}: the check-ins made by then, on the map of {first[:10]} "
            "(the first commit; none is older)"
        )
    return _as_of(ws, day), f"{day}: the check-ins made by then"


def _as_of(ws: Workspace, day: date, now: Workspace | None = None) -> Workspace:
    from backmap import checkins, store

    try:
        return checkins.as_of(ws, day, now)
    except store.LoadError as exc:
        print_problems(exc)
        raise Fail() from None


def at_revision(
    root: Path, name: str, like: Workspace | None = None, top: Path | None = None
) -> Workspace:
    """The workspace at `root` in revision `name`, sharing the files whose text is `like`'s
    (see `store.revision.load_at`); stops with 2 and the reason if it cannot. With `top`
    (the git work tree), `name` is a commit's full hash, as git gave it: read as it is."""
    from backmap import store
    from backmap.store import revision

    try:
        commit = name if top is not None else revision.resolve(root, name)
        return revision.load_at(root, commit, like, top)
    except revision.RevisionError as exc:
        raise error(_why_not(root, exc, name)) from None
    except store.LoadError as exc:
        print_problems(exc)
        print(f"the map in {name} does not load", file=sys.stderr)
        raise Fail() from None


def _why_not(root: Path, exc: Exception, name: str) -> str:
    """Why revision `name` cannot be read, and what to do, for the cases a new user meets
    first: no git, no commit yet, a day given where a revision belongs."""
    from backmap.store import revision

    paths = "or compare two copies on disk: `backmap diff OLD NEW`"
    if revision.toplevel(root) is None:
        folder = revision.folder_of(root)
        return f"{name}: {folder} is not in a git repository: put the map in git first, {paths}"
    if not revision.has_commits(root):
        return f"{name}: no commit yet: commit the map first (`git add`, `git commit`), {paths}"
    if _DATE.fullmatch(name):
        return (
            f"{exc}: for what changed since a day, run `backmap status --since {name}` "
            f"(or name the commit: `git log --until {name}` lists those before it)"
        )
    return str(exc)


def load_path(path: Path) -> Workspace:
    """A workspace from a file or folder on disk; stops with 2 and the problems if it fails."""
    from backmap import store

    try:
        return store.load(path)
    except store.LoadError as exc:
        print_problems(exc)
        raise Fail() from None
