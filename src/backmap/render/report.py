"""`backmap check` output: grouped text for people, JSON for tools, annotations for GitHub."""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any

from backmap.checks import RULES, CheckResult, Severity
from backmap.checks.leverage import Leverage, Thin
from backmap.plural import noun, plural
from backmap.render.styles import SEVERITY_STYLES
from backmap.term import Style

JSON_VERSION = 1


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}%"


def summary_line(result: CheckResult) -> str:
    counts = result.counts()
    parts = [
        plural(counts[Severity.ERROR], "error"),
        plural(counts[Severity.WARNING], "warning"),
        plural(counts[Severity.INFO], "info"),
    ]
    suppressed = len(result.findings) - len(result.active())
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    ratio = result.coverage.ratio
    return (
        ", ".join(parts) + f" · coverage {percent(None if ratio is None else ratio * 100)}"
        f" · progress {percent(result.overall_progress)}"
    )


def text_lines(result: CheckResult, style: Style) -> list[str]:
    """Findings grouped by file, most severe first within each file, then the summary."""
    lines: list[str] = []
    # A big map has tens of thousands of findings but a few severities and codes: each is
    # styled once.
    labels = {s: style(f"{s.label:<7}", *SEVERITY_STYLES[s]) for s in Severity}
    codes: dict[str, str] = {}
    for path, group in groupby(result.findings, key=lambda f: f.path):
        lines.append(style(path, "bold"))
        ordered = sorted(group, key=lambda f: (-f.severity, f.line, f.code, f.node_id))
        for f in ordered:
            if f.suppressed:
                lines.append(style(f"  {f.line:>4}  {'ignored':<7}  {f.code}  {f.message}", "grey"))
                continue
            code = codes.get(f.code)
            if code is None:
                code = codes[f.code] = style(f.code, "bold")
            lines.append(f"  {f.line:>4}  {labels[f.severity]}  {code}  {f.message}")
        lines.append("")
    lines.append(summary_line(result))
    return lines


def leverage_lines(served: list[Leverage], thin: list[Thin], style: Style) -> list[str]:
    lines = [style("initiatives serving the most", "bold")]
    lines += [
        f"  {x.goals:>3} {noun(x.goals, 'goal'):<5}"
        f"  {x.outcomes:>2} {noun(x.outcomes, 'outcome'):<8}  {x.node_id}"
        for x in served
    ]
    lines.append(style("goals with the thinnest support (where to invest next)", "bold"))
    lines += [
        f"  {x.initiatives:>3} {noun(x.initiatives, 'initiative'):<11}  {x.moving:>2} moving"
        f"  {x.node_id}"
        for x in thin
    ]
    return lines


def to_json(result: CheckResult, fail_on: Severity, extra: dict[str, Any] | None = None) -> str:
    """The documented JSON report (docs/checks.md); keys and order are stable."""
    ws = result.graph.ws
    counts = result.counts()
    cov = result.coverage
    data: dict[str, Any] = {
        "version": JSON_VERSION,
        "summary": {
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
            "suppressed": len(result.findings) - len(result.active()),
            "coverage": None if cov.ratio is None else round(cov.ratio, 4),
            "progress": _round(result.overall_progress),
            "fail_on": fail_on.label,
            "failed": result.fails(fail_on),
        },
        "findings": [
            {
                "code": f.code,
                "rule": RULES[f.code][0].name,
                "severity": f.severity.label,
                "path": f.path,
                "line": f.line,
                "node": f.node_id,
                "message": f.message,
                "suppressed": f.suppressed,
            }
            for f in result.findings
        ],
        "coverage": {
            "goals": cov.goals,
            "covered": cov.covered,
            "moving": cov.moving,
            "outcomes": [
                {
                    "id": o.outcome,
                    "title": ws.node(o.outcome).title,
                    "goals": o.goals,
                    "covered": o.covered,
                    "moving": o.moving,
                    "progress": _round(result.progress.get(o.outcome)),
                }
                for o in cov.outcomes
            ],
        },
        "progress": {k: _round(v) for k, v in sorted(result.progress.items())},
    }
    if extra:
        data.update(extra)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def github_lines(result: CheckResult) -> list[str]:
    """Workflow commands that annotate the YAML lines in a pull request."""
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for f in result.active():
        props = f"file={_prop(f.path)},line={max(f.line, 1)},title={_prop(f.code)}"
        lines.append(f"::{levels[f.severity]} {props}::{_data(f.message)}")
    return lines


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
