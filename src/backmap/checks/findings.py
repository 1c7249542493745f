"""What a check reports: findings with a rule code, a severity and a place in a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


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
            raise ValueError(f"unknown severity {text!r}: use error, warning or info") from None


@dataclass(frozen=True)
class Rule:
    """A rule's stable identity and documentation summary."""

    code: str
    name: str
    severity: Severity
    summary: str


@dataclass(frozen=True, order=True)
class Finding:
    """One problem or observation about one node (or the whole map when node_id is None)."""

    path: str
    line: int
    code: str
    node_id: str
    message: str
    severity: Severity = field(compare=False)
    suppressed: bool = field(default=False, compare=False)
