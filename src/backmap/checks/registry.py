"""The rule registry: each rule is a function that yields (node id, message) for a graph."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from backmap.checks.config import CheckConfig
from backmap.checks.findings import Rule, Severity
from backmap.graph import MapGraph
from backmap.model import NODE_FIELDS


@dataclass(frozen=True)
class Context:
    """What every rule may look at."""

    graph: MapGraph
    config: CheckConfig
    today: date
    shared: dict[str, object] = field(default_factory=dict, compare=False)
    """What one rule worked out that others of the same run read too (by the name of what)."""


RuleFunc = Callable[[Context], Iterator[tuple[str, str]]]
RULES: dict[str, tuple[Rule, RuleFunc]] = {}

GRAPH_READS = frozenset({"id", "kind", "supports", "status"})
"""The node fields the graph is built from: every rule reads them."""
INPUTS = frozenset(NODE_FIELDS) | {"people", "focus"}
"""What a rule may read: the fields of a node, the people file, the focus file."""


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    about: str = "node",
    *,
    reads: Iterable[str] | None = None,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule under a stable code; codes never change meaning once released. A rule
    `about` "person" yields person ids of the people file instead of node ids. `reads`: the
    inputs it looks at besides GRAPH_READS (a rule that reads check-ins says so, so that `diff`
    runs it again after them); None: it may read anything, so it is never left out."""
    looked_at = INPUTS if reads is None else GRAPH_READS | frozenset(reads)
    if not looked_at <= INPUTS:
        raise ValueError(f"rule {code} reads {sorted(looked_at - INPUTS)}: not inputs of a rule")

    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = (Rule(code, name, severity, summary, about, looked_at), func)
        return func

    return register


def blind_to(inputs: Iterable[str]) -> tuple[str, ...]:
    """Codes of the rules that read none of `inputs`, in code order: between two maps that
    differ only there, they find the same on both sides."""
    changed = frozenset(inputs)
    return tuple(
        code for code, (found, _) in sorted(RULES.items()) if found.reads.isdisjoint(changed)
    )
