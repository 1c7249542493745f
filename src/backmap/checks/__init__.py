"""`backmap check`: run the rules over a workspace's graph, with coverage and progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from backmap.checks import cadence as _cadence_rules  # noqa: F401  (registers rules)
from backmap.checks import coverage as _coverage_rules  # noqa: F401
from backmap.checks import fragility as _fragility_rules  # noqa: F401
from backmap.checks import ownership as _ownership_rules  # noqa: F401
from backmap.checks import similar as _similar_rules  # noqa: F401
from backmap.checks import structure as _structure_rules  # noqa: F401
from backmap.checks import timing as _timing_rules  # noqa: F401
from backmap.checks.config import CheckConfig, ConfigError, load_config
from backmap.checks.findings import Finding, Rule, Severity
from backmap.checks.registry import RULES, Context
from backmap.checks.rollup import (
    Coverage,
    HealthRoll,
    coverage,
    health,
    ideas,
    overall_progress,
    progress,
)
from backmap.graph import MapGraph, build
from backmap.model import Workspace

__all__ = [
    "RULES",
    "CheckConfig",
    "CheckResult",
    "ConfigError",
    "Finding",
    "Rule",
    "Severity",
    "check",
    "load_config",
]


@dataclass
class CheckResult:
    """Findings (sorted by file, line, code), coverage, and progress of every node."""

    findings: list[Finding]
    coverage: Coverage
    progress: dict[str, float | None]
    overall_progress: float | None
    graph: MapGraph
    ideas: dict[str, int] = field(default_factory=dict)
    """How many ideas lie beneath each node that has any (left out of its progress)."""
    health: dict[str, HealthRoll] = field(default_factory=dict)
    """Health of each node that has its own (from check-ins) or a risk beneath it."""

    def active(self) -> list[Finding]:
        """Findings that count: not suppressed by an `ignore` on their node."""
        return [f for f in self.findings if not f.suppressed]

    def counts(self) -> dict[Severity, int]:
        out = dict.fromkeys(Severity, 0)
        for finding in self.active():
            out[finding.severity] += 1
        return out

    def fails(self, threshold: Severity) -> bool:
        return any(f.severity >= threshold for f in self.active())


def check(
    ws: Workspace, config: CheckConfig | None = None, graph: MapGraph | None = None
) -> CheckResult:
    """Run every selected rule; a rule listed in a node's `ignore` marks its finding suppressed."""
    from backmap.store import line_of

    config = config or CheckConfig()
    graph = graph or build(ws)
    ctx = Context(graph, config, config.today or date.today())
    findings: list[Finding] = []
    for code, (rule, func) in sorted(RULES.items()):
        if not config.wants(code):
            continue
        for node_id, message in func(ctx):
            node = ws.get(node_id)
            path, line = line_of(ws, node_id) if node is not None else (ws.root, 0)
            suppressed = node is not None and code in node.ignore
            findings.append(
                Finding(str(path), line, code, node_id, message, rule.severity, suppressed)
            )
    by_node = progress(graph)
    # Sorting on a tuple key: far cheaper than the dataclass's generated comparisons.
    findings.sort(key=lambda f: (f.path, f.line, f.code, f.node_id, f.message))
    return CheckResult(
        findings,
        coverage(graph),
        by_node,
        overall_progress(graph, by_node),
        graph,
        ideas(graph),
        health(graph),
    )
