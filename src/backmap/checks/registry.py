"""The rule registry: each rule is a function that yields (node id, message) for a graph."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from backmap.checks.config import CheckConfig
from backmap.checks.findings import Rule, Severity
from backmap.graph import MapGraph


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


def rule(
    code: str, name: str, severity: Severity, summary: str, about: str = "node"
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule under a stable code; codes never change meaning once released. A rule
    `about` "person" yields person ids of the people file instead of node ids."""

    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = (Rule(code, name, severity, summary, about), func)
        return func

    return register
