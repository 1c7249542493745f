"""The filter options views share (--owner, --status, --tag), and turning them into a Filter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backmap.cli.common import Options
from backmap.vocabulary import STATUSES

if TYPE_CHECKING:
    from backmap.filters import Filter


def add_filter_options(cmd: Any) -> None:
    """--owner, --status and --tag on a view's parser, in their own help group."""
    group = cmd.add_argument_group(
        "filter (matches are shown with the way up to the outcomes, dimmed)"
    )
    group.add_argument(
        "--owner",
        action="append",
        metavar="PERSON",
        help="only items this person owns or sub-owns (repeat for several)",
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
    status: list[str] | None
    tag: list[str] | None


def filter_from(args: FilterOptions) -> Filter:
    from backmap.filters import Filter
    from backmap.model import Status

    return Filter(
        tuple(args.owner or ()),
        tuple(Status(s) for s in args.status or ()),
        tuple(args.tag or ()),
    )
