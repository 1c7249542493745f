"""The scene as JSON for tools: nodes, edges and the analysis, in a documented, stable order."""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from json.encoder import encode_basestring as _string
from pathlib import Path
from typing import Any

from backmap.checkins.lines import LineError, parse
from backmap.checks import RULES, CheckResult
from backmap.render.scene import Scene

JSON_VERSION = 1


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _file(path: str, root: Path) -> str:
    # Relative to the workspace, so the export does not depend on where it was made.
    base = root if root.is_dir() else root.parent
    try:
        return Path(path).relative_to(base).as_posix()
    except ValueError:
        return Path(path).name


def _checkins(text: str | None) -> Any:
    """Check-ins as objects, oldest first; a block with an unreadable line stays as its text."""
    if not text:
        return []
    try:
        found = parse(text)
    except LineError:
        return text
    return [
        {k: getattr(v, "value", v) for k, v in asdict(c).items() if v is not None}
        | {"date": c.date.isoformat()}
        for c in found
    ]


def to_json(scene: Scene, result: CheckResult | None, root: Path) -> str:
    """See docs/export.md for the keys; findings and coverage only when findings are drawn."""
    files: dict[str, str] = {}
    shown = {n.id for n in scene.nodes}
    nodes = []
    for node in scene.nodes:
        data = node.model_dump(mode="json")
        data["supports"] = sorted(dict.fromkeys(node.supports))
        data["checkins"] = _checkins(node.checkins)
        data["level"] = scene.level[node.id]
        data["rollup"] = _round(scene.progress.get(node.id))
        data["hidden_supporters"] = scene.hidden.get(node.id, 0)
        data["marks"] = sorted({m.code for m in scene.marks.get(node.id, [])})
        if node.id in scene.links:
            data["url"] = scene.links[node.id]
        if node.id in scene.context:
            data["context"] = True  # shown only as the way up to what a filter matched
        # Written out now, at its depth in the document: one string per node stays alive
        # instead of a dict and its pieces.
        nodes.append(_Raw(_text(data, _ITEM)))
    out: dict[str, Any] = {
        "version": JSON_VERSION,
        "title": scene.title,
        "date": scene.day.isoformat(),
        "nodes": nodes,
        "edges": [{"from": child, "to": parent} for parent, child in scene.edges],
    }
    if scene.findings and result is not None:
        findings = sorted(
            (f for f in result.findings if f.node_id in shown),
            key=lambda f: (f.node_id, f.code, f.message),
        )
        out["findings"] = [
            _Raw(_text(finding, _ITEM))
            for finding in (
                {
                    "code": f.code,
                    "rule": RULES[f.code][0].name,
                    "severity": f.severity.label,
                    "node": f.node_id,
                    "file": files.get(f.path) or files.setdefault(f.path, _file(f.path, root)),
                    "line": f.line,
                    "message": f.message,
                    "suppressed": f.suppressed,
                }
                for f in findings
            )
        ]
        cov = result.coverage
        out["coverage"] = {
            "goals": cov.goals,
            "covered": cov.covered,
            "moving": cov.moving,
            "outcomes": [
                {"id": o.outcome, "goals": o.goals, "covered": o.covered, "moving": o.moving}
                for o in cov.outcomes  # in the order of the files, as the nodes are
                if o.outcome in shown
            ],
        }
        out["progress"] = _round(result.overall_progress)
    return dumps(out) + "\n"


_ITEM = "\n    "
"""A line break and the indentation of an item of a top-level list."""


class _Raw(str):
    """JSON text already written, placed as it is."""


def _text(value: Any, newline: str) -> str:
    out: list[str] = []
    _dump(value, newline, out)
    return "".join(out)


def dumps(value: Any) -> str:
    """The text `json.dumps(value, indent=2, ensure_ascii=False)` gives, about twice as fast.

    With an indent, the standard library encodes in Python, one generator per value; most of a
    large export's time went there. Scalars here are written inline, containers by one loop.
    """
    out: list[str] = []
    _dump(value, "\n", out)
    return "".join(out)


def _scalar(value: Any) -> str | None:
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is _Raw:
        return value  # type: ignore[no-any-return]
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return float.__repr__(value) if math.isfinite(value) else json.dumps(value)
    return None


def _dump(value: Any, newline: str, out: list[str]) -> None:
    """Append `value` to `out`; `newline` is a line break plus the current indentation."""
    text = _scalar(value)
    if text is not None:
        out.append(text)
        return
    inner = newline + "  "
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        sep = "{" + inner
        for key, item in value.items():
            out.append(sep + _string(key) + ": ")
            text = _scalar(item)
            if text is None:
                _dump(item, inner, out)
            else:
                out.append(text)
            sep = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        sep = "[" + inner
        for item in value:
            text = _scalar(item)
            if text is None:
                out.append(sep)
                _dump(item, inner, out)
            else:
                out.append(sep + text)
            sep = "," + inner
        out.append(newline + "]")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
