"""The words of the format: kinds and statuses, shared by the model and the command line.

Kept free of pydantic so that `backmap --help` can offer them as choices without loading it.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What a node is: an ideal end state, a step toward it, or something people do."""

    OUTCOME = "outcome"
    GOAL = "goal"
    INITIATIVE = "initiative"


class Status(StrEnum):
    """Where a node stands."""

    IDEA = "idea"
    PLANNED = "planned"
    ACTIVE = "active"
    DONE = "done"
    DROPPED = "dropped"


class Health(StrEnum):
    """How the owner judges an item at a check-in."""

    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"


# The order kinds take from the top of a map down; an edge may only point to a lower rank.
KIND_RANK = {Kind.OUTCOME: 0, Kind.GOAL: 1, Kind.INITIATIVE: 2}

KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
HEALTHS: tuple[str, ...] = tuple(h.value for h in Health)
