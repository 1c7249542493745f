"""A drawing names what is at risk or off track, as `status` does: the item whose check-in says
so, and each goal above it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import run_cli

MAP = """\
backmap: 1
title: Town library
nodes:
  - id: reads
    kind: outcome
    title: Everyone reads
  - id: children
    kind: goal
    title: Children visit weekly
    supports: [reads]
  - id: adults
    kind: goal
    title: Adults find books
    supports: [reads]
  - id: story
    kind: initiative
    title: Story hour
    supports: [children]
    status: active
    progress: 35
    checkins: |
      2026-11-28 progress=35 health=at-risk note="Volunteer left"
  - id: van
    kind: initiative
    title: Library van
    supports: [adults]
    status: active
    progress: 10
    checkins: |
      2026-11-28 progress=10 health=off-track
  - id: shelf
    kind: initiative
    title: Staff picks
    supports: [adults]
    status: active
    progress: 50
    checkins: |
      2026-11-28 progress=50 health=on-track
"""


def _map(tmp_path: Path) -> Path:
    path = tmp_path / "library.yaml"
    path.write_text(MAP)
    return path


def test_mermaid_and_markdown_name_the_health_that_needs_attention(tmp_path: Path) -> None:
    path = _map(tmp_path)
    mermaid = run_cli("export", "--map", str(path), "-f", "mermaid", "--today", "2026-12-01")
    assert mermaid.code == 0, mermaid.err
    lines = {m.group(1): m.group(2) for m in re.finditer(r"n_(\w+)\[\"(.*)\"\]", mermaid.out)}
    assert "active #183; at risk #183; 35#37;" in lines["story"]
    assert "off track" in lines["van"]
    assert "risk" not in lines["shelf"] and "track" not in lines["shelf"]  # on track: unsaid
    assert "at risk" in lines["children"] and "at risk" in lines["adults"]  # from beneath
    markdown = run_cli("export", "--map", str(path), "-f", "md", "--today", "2026-12-01")
    assert markdown.code == 0, markdown.err
    assert "active · off track · 10%" in markdown.out


def test_the_interactive_map_carries_each_node_s_health(tmp_path: Path) -> None:
    path = _map(tmp_path)
    out = tmp_path / "map.html"
    result = run_cli("export", "--map", str(path), "-f", "html", "-o", str(out))
    assert result.code == 0, result.err
    page = out.read_text()
    found = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', page, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    health = {n["i"]: n.get("hl") for n in data["nodes"]}
    assert health == {
        "reads": "at risk",
        "children": "at risk",
        "adults": "at risk",
        "story": "at risk",
        "van": "off track",
        "shelf": None,
    }
