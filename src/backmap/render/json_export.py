"""The scene as JSON for tools: nodes, edges and the analysis, in a documented, stable order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def to_json(scene: Scene, result: CheckResult | None, root: Path) -> str:
    """See docs/export.md for the keys; findings and coverage only when findings are drawn."""
    shown = {n.id for n in scene.nodes}
    nodes = []
    for node in scene.nodes:
        data = node.model_dump(mode="json")
        data["supports"] = sorted(dict.fromkeys(node.supports))
        data["level"] = scene.level[node.id]
        data["rollup"] = _round(scene.progress.get(node.id))
        data["hidden_supporters"] = scene.hidden.get(node.id, 0)
        data["marks"] = sorted({m.code for m in scene.marks.get(node.id, [])})
        if node.id in scene.links:
            data["url"] = scene.links[node.id]
        nodes.append(data)
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
            {
                "code": f.code,
                "rule": RULES[f.code][0].name,
                "severity": f.severity.label,
                "node": f.node_id,
                "file": _file(f.path, root),
                "line": f.line,
                "message": f.message,
                "suppressed": f.suppressed,
            }
            for f in findings
        ]
        cov = result.coverage
        out["coverage"] = {
            "goals": cov.goals,
            "covered": cov.covered,
            "moving": cov.moving,
            "outcomes": [
                {"id": o.outcome, "goals": o.goals, "covered": o.covered, "moving": o.moving}
                for o in sorted(cov.outcomes, key=lambda o: o.outcome)
                if o.outcome in shown
            ],
        }
        out["progress"] = _round(result.overall_progress)
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
