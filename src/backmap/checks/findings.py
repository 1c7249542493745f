"""What a check reports: findings with a rule code, a severity and a place in a file."""

from __future__ import annotations

from dataclasses import dataclass, field

from backmap.vocabulary import Severity

__all__ = ["Finding", "Rule", "Severity"]


@dataclass(frozen=True)
class Rule:
    """A rule's stable identity and documentation summary."""

    code: str
    name: str
    severity: Severity
    summary: str
    about: str = "node"
    """What its findings name: "node" (an item of the map), "person" (of the people file) or
    "focus" (an entry of the focus file, yielded as "period > group > who")."""
    reads: frozenset[str] = frozenset()
    """What it looks at: node fields (the graph's `id`, `kind`, `supports` and `status`
    always), "people" and "focus" (those files). Two maps that differ in nothing it reads
    get the same findings from it (`blind_to`)."""


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
