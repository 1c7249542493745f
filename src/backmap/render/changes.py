"""A MapDiff as text for the terminal, Markdown for a pull request, or JSON for tools."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any

from backmap.checks import Finding
from backmap.mapdiff import FieldChange, MapDiff, NodeChange
from backmap.model import Metric
from backmap.plural import plural
from backmap.render.markdown import text as markdown_text
from backmap.render.metric_line import metric_line

SIGNS = {"added": "+", "removed": "-", "changed": "~"}


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if hasattr(value, "value"):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


def _metric(value: dict[str, Any] | None) -> str:
    return "(none)" if value is None else metric_line(Metric.model_validate(value))


def _signed(number: float, unit: str = "") -> str:
    shown = f"{number:+.1f}".rstrip("0").rstrip(".")
    return f"{shown}{unit}"


def details(change: NodeChange) -> list[str]:
    """What changed about one node, one fact a line."""
    out = []
    if change.renamed:
        out.append(f"renamed from {change.old_id}")
    if change.parents is not None:
        was, now = (", ".join(ids) or "(nothing)" for ids in change.parents)
        out.append(f"moved: under {was} → {now}")
    if change.progress is not None:
        out.append("progress " + _progress_move(*change.progress))
    for field in change.fields:
        if field.name != "progress" or change.progress is None:  # the roll-up says it
            out.append(_field(field))
    out += [f"check-in {line}" for line in change.checkins]
    return out


def _field(field: FieldChange) -> str:
    if field.name == "metric":  # added or removed whole: worded as every view words one
        return f"metric: {_metric(field.old)} → {_metric(field.new)}"
    delta = field.delta
    move = f" ({_signed(delta)})" if delta is not None else ""
    return f"{field.name}: {_value(field.old)} → {_value(field.new)}{move}"


def _pct(value: float | None, places: int = 0) -> str:
    return "-" if value is None else f"{value:.{places}f}%"


@lru_cache(maxsize=4096)  # a month of check-ins moves many items between the same percents
def _progress_move(before: float | None, after: float | None) -> str:
    """'32% → 33% (+1%)': whole percents and the move between them, as `status --since` and
    the report show them, so that the ends and the move never disagree."""
    if before is None or after is None:
        return f"{_pct(before)} → {_pct(after)}"
    delta = round(after) - round(before)
    return f"{_pct(before)} → {_pct(after)} ({_signed(delta, '%') if delta else '±0%'})"


def _summary(diff: MapDiff) -> str:
    counts = {kind: sum(1 for c in diff.nodes if c.change == kind) for kind in SIGNS}
    renamed = sum(1 for c in diff.nodes if c.renamed)
    parts = [
        plural(counts["added"], "node") + " added",
        f"{counts['removed']} removed",
        f"{counts['changed']} changed",
    ]
    if renamed:
        parts.append(f"{renamed} renamed")
    parts.append(plural(len(diff.new_findings), "new finding"))
    return ", ".join(parts)


def to_text(diff: MapDiff, before: str, after: str) -> str:
    """Plain text, one node per paragraph-line with its facts indented beneath."""
    lines = [f"{before} → {after}: {_summary(diff)}"]
    for change in diff.nodes:
        lines.append(f"{SIGNS[change.change]} {change.id}  {change.title} ({change.kind})")
        lines += [f"    {fact}" for fact in details(change)]
    if diff.new_findings:
        lines.append("new findings:")
        lines += [_text_line(f) for f in diff.new_findings]
    if diff.fixed_findings:
        lines.append("no longer reported:")
        lines += [_text_line(f) for f in diff.fixed_findings]
    return "\n".join(lines) + "\n"


def to_markdown(diff: MapDiff, before: str, after: str) -> str:
    """Markdown for a pull request: a summary, then sections by kind of change."""
    lines = [f"### Map changes: `{before}` → `{after}`", "", _summary(diff) + "."]
    titles = {"added": "Added", "removed": "Removed", "changed": "Changed"}
    for kind, heading in titles.items():
        chosen = [c for c in diff.nodes if c.change == kind]
        if not chosen:
            continue
        lines += ["", f"#### {heading}", ""]
        for change in chosen:
            lines.append(f"- **{markdown_text(change.title)}** `{change.id}` _({change.kind})_")
            lines += [f"  - {markdown_text(fact)}" for fact in details(change)]
    if diff.new_findings:
        lines += ["", "#### New findings", ""]
        lines += [_markdown_line(f) for f in diff.new_findings]
    if diff.fixed_findings:
        lines += ["", "#### No longer reported", ""]
        lines += [_markdown_line(f) for f in diff.fixed_findings]
    return "\n".join(lines) + "\n"


def to_json(diff: MapDiff, before: str, after: str) -> str:
    """The documented JSON form (docs/format.md#backmap-diff)."""

    def change(c: NodeChange) -> dict[str, Any]:
        data: dict[str, Any] = {"id": c.id, "change": c.change, "kind": c.kind, "title": c.title}
        if c.renamed:
            data["renamed_from"] = c.old_id
        if c.parents is not None:
            data["parents"] = {"before": list(c.parents[0]), "after": list(c.parents[1])}
        if c.progress is not None:
            data["progress"] = {
                "before": _round(c.progress[0]),
                "after": _round(c.progress[1]),
                "delta": _round(c.progress_delta),
            }
        if c.fields:
            data["fields"] = [
                {
                    "name": f.name,
                    "before": _plain(f.old),
                    "after": _plain(f.new),
                    **({"delta": _round(f.delta)} if f.delta is not None else {}),
                }
                for f in c.fields
            ]
        if c.checkins:
            data["checkins"] = list(c.checkins)
        return data

    out = {
        "before": before,
        "after": after,
        "nodes": [change(c) for c in diff.nodes],
        "new_findings": [_finding(f) for f in diff.new_findings],
        "fixed_findings": len(diff.fixed_findings),
        "no_longer_reported": [_finding(f) for f in diff.fixed_findings],
    }
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def _text_line(f: Finding) -> str:
    return f"  {f.path}:{f.line}  {f.severity.name.lower()}  {f.code}  {f.message}"


def _markdown_line(f: Finding) -> str:
    return f"- `{f.code}` {markdown_text(f.message)} ({f.path}:{f.line})"


def _finding(f: Finding) -> dict[str, Any]:
    return {"code": f.code, "node": f.node_id, "file": f.path, "line": f.line, "message": f.message}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _plain(value: Any) -> Any:
    if hasattr(value, "value"):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value
