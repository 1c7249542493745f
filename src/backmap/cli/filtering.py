"""The filter options views share (--owner, --team, --status, --tag), and turning them into a
Filter, refusing a team the people file does not have."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backmap.cli.common import Options, error
from backmap.vocabulary import STATUSES

if TYPE_CHECKING:
    from backmap.filters import Filter
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
    return Filter(
        tuple(args.owner or ()),
        tuple(Status(s) for s in args.status or ()),
        tuple(args.tag or ()),
        teams,
    )
