"""The filter options views share (--owner, --team, --status, --tag), and turning them into a
Filter, refusing a team or a person the people file does not have."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backmap.cli.common import Options, error
from backmap.vocabulary import STATUSES

if TYPE_CHECKING:
    from backmap.filters import Filter, Selection
    from backmap.model import Workspace


def add_filter_options(cmd: Any, shown: str = "shown with the way up to the outcomes") -> None:
    """--owner, --team, --status and --tag on a command's parser, in their own help group."""
    group = cmd.add_argument_group(f"filter (matches are {shown})")
    group.add_argument(
        "--owner",
        action="append",
        metavar="PERSON",
        help="only items this person owns or sub-owns (repeat for several)",
    )
    group.add_argument(
        "--team",
        action="append",
        metavar="TEAM",
        help="only items owned or sub-owned by someone of this team of the people file "
        "(repeat for several)",
    )
    group.add_argument(
        "--status",
        action="append",
        choices=STATUSES,
        help="only items with this status (repeat for several)",
    )
    group.add_argument(
        "--tag",
        action="append",
        metavar="TAG",
        help="only items with this tag (repeat for several)",
    )


class FilterOptions(Options):
    owner: list[str] | None
    team: list[str] | None
    status: list[str] | None
    tag: list[str] | None


def filter_from(args: FilterOptions, ws: Workspace) -> Filter:
    """The filter the options ask for; a team nobody of the people file is in is refused."""
    from backmap.filters import Filter, unknown_teams
    from backmap.model import Status

    teams = tuple(args.team or ())
    if teams and ws.people is None:
        raise error(
            "--team needs a people file (people.yaml beside the maps) that gives each person "
            "a team; without one, filter by --owner"
        )
    if unknown := unknown_teams(ws, teams):
        from backmap.suggest import Suggester

        assert ws.people is not None
        known = sorted({p.team for p in ws.people.people if p.team})
        guess = Suggester(known)(unknown[0])
        hint = f"did you mean `{guess}`?" if guess else f"teams: {', '.join(known) or 'none'}"
        raise error(f"--team {unknown[0]}: nobody in {ws.people.path.name} is in it; {hint}")
    if ws.people is not None:
        _require_people(ws, args.owner or [])
    _require_tags(ws, args.tag or [])
    return Filter(
        tuple(args.owner or ()),
        tuple(Status(s) for s in args.status or ()),
        tuple(args.tag or ()),
        teams,
    )


def selection_for(args: FilterOptions, ws: Workspace) -> Selection | None:
    """What the filter options keep (None: no filter given); says so on stderr when they
    match nothing, with the closest values the map has."""
    flt = filter_from(args, ws)
    if not flt:
        return None
    import sys

    from backmap.filters import select

    chosen = select(ws, flt)
    if not chosen.matches:
        print(nothing_matches(ws, flt), file=sys.stderr)
    return chosen


def _require_people(ws: Workspace, owners: list[str]) -> None:
    """With a people file, an --owner must name one of its people (by id, name or handle), or
    at least be written as an owner in the map (the check reports those); else it is a typo."""
    from backmap.people.model import fold as _fold

    assert ws.people is not None
    written = _owners_written(ws)
    for owner in owners:
        if ws.people.resolve(owner) is None and _fold(owner) not in written:
            guess = ws.people.closest(owner)
            hint = f"did you mean {guess}?" if guess else "`backmap people` lists everyone"
            raise error(f"--owner {owner}: no such person in {ws.people.path.name}; {hint}")


def _require_tags(ws: Workspace, tags: list[str]) -> None:
    """A tag no item of the map has is a typo, refused as an unknown owner is."""
    if not tags:
        return
    from backmap.people.model import fold as _fold
    from backmap.suggest import Suggester

    have: dict[str, str] = {}
    for node in ws.nodes():
        for tag in node.tags:
            have.setdefault(_fold(tag), tag)
    for tag in tags:
        if _fold(tag) in have:
            continue
        guess = Suggester(have)(_fold(tag))
        shown = ", ".join(sorted(have.values())[:10]) or "none yet"
        hint = f"did you mean {have[guess]}?" if guess else f"tags here: {shown}"
        raise error(f"--tag {tag}: no item has this tag; {hint}")


def _owners_written(ws: Workspace) -> dict[str, str]:
    """Every owner and sub_owner the map writes, folded, to the spelling first seen."""
    from backmap.people.model import fold as _fold

    found: dict[str, str] = {}
    for node in ws.nodes():
        for name in (node.owner, node.sub_owner):
            if name:
                found.setdefault(_fold(name), name)
    return found


def nothing_matches(ws: Workspace, flt: Filter) -> str:
    """What to say when the filter matches nothing: the owners no item has at all, and the
    closest the map does have (owners written as free text; a tag no item has is refused)."""
    from backmap.people.model import fold as _fold
    from backmap.suggest import Suggester

    people = ws.people
    owners = _owners_written(ws)
    hints = []
    for owner in flt.owners:
        if (people is None or people.resolve(owner) is None) and _fold(owner) not in owners:
            guess = Suggester(owners)(_fold(owner))
            hints.append(_hint(f"no item is owned by {owner}", guess and owners[guess]))
    return "nothing matches the filter" + (": " + "; ".join(hints) if hints else "")


def _hint(what: str, guess: str | None) -> str:
    return f"{what} (did you mean {guess}?)" if guess else what
