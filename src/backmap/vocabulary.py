"""The words of the format: kinds, statuses and severities, shared by the core and the command line.

Kept free of pydantic so that `backmap --help` can offer them as choices without loading it.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


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

    @property
    def words(self) -> str:
        """The value as a sentence says it: "at risk", "off track"."""
        return in_words(self.value)


def in_words(value: str) -> str:
    """A health as a sentence says it ("at-risk" -> "at risk"); other text as it is."""
    return value.replace("-", " ") if value in HEALTHS else value


# The order kinds take from the top of a map down; an edge may only point to a lower rank.
KIND_RANK = {Kind.OUTCOME: 0, Kind.GOAL: 1, Kind.INITIATIVE: 2}

ID_MAX = 64
"""The longest a node id may be."""

KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
HEALTHS: tuple[str, ...] = tuple(h.value for h in Health)


class Severity(IntEnum):
    """How much a finding matters; `--fail-on` compares against this order."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            known = ", ".join(s.label for s in sorted(cls, reverse=True))
            raise ValueError(f"unknown severity {text!r}: use one of {known}") from None


# Most severe first, as `--fail-on` lists them.
SEVERITIES: tuple[str, ...] = tuple(s.label for s in sorted(Severity, reverse=True))

IMPORT_FORMATS: tuple[str, ...] = ("md", "opml", "mm", "csv", "xlsx")
"""What `backmap import` reads: Markdown outlines, OPML, mind maps, CSV and XLSX tables."""
