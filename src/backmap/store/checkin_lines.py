"""Bad check-in lines of a map that does not load for other reasons, found from its raw data,
so that one run names them with the map's other mistakes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from backmap.store.outline import Outline
from backmap.store.problems import Problem


def checkin_problems(path: Path, text: str, data: Any, shape: Outline) -> list[Problem]:
    """Each mistake in the `checkins` blocks of `data`, worded and placed as the check of a
    loaded map places it (backmap.checkins)."""
    from backmap.checkins.lines import errors

    nodes = data.get("nodes") if isinstance(data, dict) else None
    lines = text.split("\n")
    problems = []
    for index, node in enumerate(nodes if isinstance(nodes, list) else []):
        block = node.get("checkins") if isinstance(node, dict) else None
        if not isinstance(block, str):
            continue
        found = errors(block)
        if not found:
            continue
        node_id = node.get("id")
        whose = f"`{node_id}`" if isinstance(node_id, str) else f"node {index + 1}"
        key = shape.keys.get(("nodes", index, "checkins"))
        for exc in found:
            line, column = key or (1, 1)
            if key is not None and line + exc.index + 1 <= len(lines):
                line += exc.index + 1  # a block: its lines start below the key
                written = lines[line - 1]
                column = len(written) - len(written.lstrip()) + exc.column + 1
            problems.append(Problem(path, line, column, f"check-in of {whose}: {exc}"))
    return problems
