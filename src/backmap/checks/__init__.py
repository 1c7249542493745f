"""`backmap check`: run the rules over a workspace's graph, with coverage and progress."""

from __future__ import annotations

from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.checks import cadence as _cadence_rules  # noqa: F401  (registers rules)
from backmap.checks import cascade as _cascade_rules  # noqa: F401
from backmap.checks import coverage as _coverage_rules  # noqa: F401
from backmap.checks import focus as _focus_rules  # noqa: F401
from backmap.checks import fragility as _fragility_rules  # noqa: F401
from backmap.checks import ownership as _ownership_rules  # noqa: F401
from backmap.checks import people as _people_rules  # noqa: F401
from backmap.checks import similar as _similar_rules
from backmap.checks import structure as _structure_rules  # noqa: F401
from backmap.checks import timing as _timing_rules  # noqa: F401
from backmap.checks.aside import Helper
from backmap.checks.config import CheckConfig, ConfigError, load_config
from backmap.checks.findings import Finding, Rule, Severity
from backmap.checks.registry import RULES, Context, blind_to
from backmap.checks.roll_up import (
    Coverage,
    HealthRoll,
    Rollup,
    coverage,
    overall_progress,
    progress,
    rollup,
)
from backmap.graph import MapGraph, build
from backmap.model import Workspace
from backmap.people.focus import Focus

if TYPE_CHECKING:
    from backmap.checks.ahead import Compared
    from backmap.store.outline import Outline

__all__ = [
    "RULES",
    "CheckConfig",
    "CheckResult",
    "ConfigError",
    "Coverage",
    "Finding",
    "HealthRoll",
    "Rollup",
    "Rule",
    "Severity",
    "blind_to",
    "check",
    "load_config",
    "only_for",
    "rollup",
]


class CheckResult(Rollup):
    """The roll-up (coverage, progress of every node) and the findings, sorted by file, line
    and code."""

    def __init__(self, rolled: Rollup, findings: list[Finding]) -> None:
        vars(self).update(vars(rolled))  # the roll-up as it is, with what it worked out yet
        self.findings = findings

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


ASIDE = (
    "BM303",
    "BM304",
    "BM305",
    "BM502",
    "BM707",
    "BM708",
)
"""Rules a one-shot check runs in a second helper process, forked once the graph is built,
with the roll-up's coverage and progress, while this one works out the other rules and the
nodes' lines: some half of the work after the graph, so that both cores finish together at
10,000 nodes and at 100,000 alike (the near-duplicate helper is done by then: it compares the
titles while the map loads; see benchmarks/speed.py --phases). Rules with many findings stay
here: what the helper finds is sent back, at a cost per finding."""

ASIDE_NODES = 2_000
"""The smallest map the rules in ASIDE are forked for: on a smaller one they take less time
than the fork, and sending their findings back, would."""

Found = list[tuple[str, str]]
Parts = tuple[Coverage, dict[str, float | None], float | None]
"""What a roll-up is made of besides its graph (see Rollup)."""


def check(
    ws: Workspace,
    config: CheckConfig | None = None,
    graph: MapGraph | None = None,
    aside: Helper[Compared] | None = None,
) -> CheckResult:
    """Run every selected rule; a rule listed in a node's `ignore` marks its finding suppressed.

    `aside`: a helper process (`ahead.helper()`) that compares the titles for near-duplicates
    (BM601, as slow as the other rules together) while this one runs the rest. Given one, the
    check may also fork a helper for the rules in ASIDE once the graph is built: a one-shot
    command's choice, as forking is (the editor passes none). Either way, the same findings.
    """
    config = config or CheckConfig()
    shared: dict[str, object] = {}
    started = None
    if aside is not None and config.wants("BM601"):
        titles = _similar_rules.titles_of(ws)
        started = shared[_similar_rules.STARTED] = aside.start(
            titles, config.near_duplicate, config.cache
        )
    graph = graph or build(ws)
    ctx = Context(graph, config, config.today or date.today(), shared)
    big = aside is not None and len(ws) >= ASIDE_NODES
    apart = [code for code in ASIDE if code in RULES and config.wants(code)] if big else []
    second: Helper[tuple[Parts, dict[str, Found]]] | None = None
    if apart:
        second = Helper(partial(_aside, ctx, apart), shares=True)
    try:
        yielded = second.start() if second is not None else None
        rolled = rollup(ws, graph) if yielded is None else None
        found: dict[str, Found] = {}
        # What was started aside is asked for last, so that it has the longest to finish.
        for code, (_, func) in sorted(RULES.items(), key=partial(_last_aside, apart)):
            if config.wants(code) and code not in apart:
                found[code] = list(func(ctx))
        if yielded is not None:
            (covered, progressed, overall), more = yielded()
            rolled = Rollup(covered, progressed, overall, graph)
            found.update(more)
        if started is not None:
            from backmap.store.loading import offer_lines

            offer_lines(ws, started()[1])  # the lines the first helper found, if it could
    finally:
        if second is not None:
            second.close()
    assert rolled is not None
    findings = _findings(ws, found)
    # Sorting on a tuple key: far cheaper than the dataclass's generated comparisons.
    findings.sort(key=lambda f: (f.path, f.line, f.code, f.node_id, f.message))
    return CheckResult(rolled, findings)


def _findings(ws: Workspace, found: dict[str, Found]) -> list[Finding]:
    """The findings of what each rule yielded, placed at their nodes' lines."""
    from backmap.store import lines_in

    findings: list[Finding] = []
    append, new, put = findings.append, object.__new__, object.__setattr__
    by_id = ws.by_id
    only = next(iter(ws.files)) if len(ws.files) == 1 else None  # the file of every node
    files: dict[Path, tuple[str, dict[str, int]]] = {}  # each file's name and node lines
    for code, yields in found.items():
        rule = RULES[code][0]
        severity = rule.severity
        if rule.about == "person" and ws.people is not None:
            people = ws.people
            findings += [
                Finding(str(people.path), people.line_of(who), code, who, message, severity)
                for who, message in yields
            ]
            continue
        if rule.about == "focus" and ws.focus is not None:
            focus = ws.focus
            for entry, message in yields:
                line, who = _focus_place(focus, entry)
                findings.append(Finding(str(focus.path), line, code, who, message, severity))
            continue
        for node_id, message in yields:
            node = by_id.get(node_id)
            if node is None:
                findings.append(Finding(str(ws.root), 0, code, node_id, message, severity))
                continue
            where = ws.file_of(node_id) if only is None else only
            known = files.get(where)
            if known is None:
                known = files[where] = (str(where), lines_in(ws, where))
            # What Finding(...) makes, at a third of the cost: a big map has tens of thousands.
            finding = new(Finding)
            put(
                finding,
                "__dict__",
                {
                    "path": known[0],
                    "line": known[1].get(node_id, 0),
                    "code": code,
                    "node_id": node_id,
                    "message": message,
                    "severity": severity,
                    "suppressed": code in node.ignore,
                },
            )
            append(finding)
    return findings


def _aside(ctx: Context, codes: list[str]) -> tuple[Parts, dict[str, Found]]:
    """The work of the second helper: the roll-up's coverage and progress (not the graph they
    were computed on: the parent has it), and what each of the rules `codes` yields."""
    graph = ctx.graph
    by_node = progress(graph)
    parts = (coverage(graph), by_node, overall_progress(graph, by_node))
    return parts, {code: list(RULES[code][1](ctx)) for code in codes}


def _last_aside(apart: list[str], item: tuple[str, object]) -> tuple[bool, bool, str]:
    """Rule order: those run here first, then those of the helpers (near-duplicates last)."""
    code = item[0]
    return (code == "BM601", code in apart, code)


@lru_cache(maxsize=1)
def _outline(text: str) -> Outline:
    """The focus file's positions, worked out once for all the findings of one check."""
    from backmap.store.outline import outline

    return outline(text)


def _focus_place(focus: Focus, entry: str) -> tuple[int, str]:
    """(line, who) of a focus finding: "period > group > who", optionally followed by the
    outline path of a value in that entry (" > focus > 1"), which then gives the line."""
    parts = entry.split(" > ")
    period, group, who = parts[:3]
    line = focus.lines.get((period, group, who), 1)
    if len(parts) > 3:
        path = tuple(int(p) if p.isdigit() else p for p in parts)
        line = _outline(focus.text).values.get(path, (line, 1))[0]
    return line, who


def only_for(result: CheckResult, matches: frozenset[str], people: frozenset[str] | None) -> None:
    """Keep the findings about the nodes a filter matched; those about a person of the people
    file only when the filter names that person (by owner or team)."""
    # Findings about the people file and the focus file both name a person (or a team).
    about_people = {code for code, (rule, _) in RULES.items() if rule.about in ("person", "focus")}

    def keeps(finding: Finding) -> bool:
        if finding.code in about_people:
            return people is not None and finding.node_id in people
        return finding.node_id in matches

    result.findings = [f for f in result.findings if keeps(f)]
