"""The report's charts: values near a million are written whole; the PNGs are opaque RGB."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_cli

BIG = """backmap: 1
title: Offsets
nodes:
  - id: sky
    kind: outcome
    title: Big numbers
  - id: stars
    kind: initiative
    title: Count the stars
    supports: [sky]
    metric:
      name: stars
      baseline: 1000000.1
      target: 1000000.9
    checkins: |
      2026-09-30 progress=10 current=1000000.2
      2026-10-31 progress=20 current=1000000.3
      2026-11-30 progress=30 current=1000000.5
"""


def baseline(svg: str, text: str) -> float:
    """The y of the baseline `text` is drawn on (SVG y grows downwards)."""
    found = re.search(rf'<text[^>]* y="([0-9.]+)"[^>]*>{re.escape(text)}</text>', svg)
    assert found, text
    return float(found.group(1))


def test_values_near_a_million_are_written_whole_with_no_offset(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(BIG, encoding="utf-8")
    out = tmp_path / "r"
    assert run_cli("report", "--map", str(path), "-o", str(out), "--today", "2026-12-03").code == 0
    svg = (out / "charts" / "metric-stars.svg").read_text(encoding="utf-8")
    assert "1e6" not in svg  # no offset over the axis for the reader to add
    assert baseline(svg, "1000000.4") > baseline(svg, "1000000.6")  # higher values higher up
    title = baseline(svg, "stars: Count the stars")
    assert title < baseline(svg, "1000000.6")


def test_the_png_charts_are_opaque_rgb(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(BIG, encoding="utf-8")
    out = tmp_path / "r"
    assert run_cli("report", "--map", str(path), "-o", str(out), "--today", "2026-12-03").code == 0
    for png in sorted((out / "charts").glob("*.png")):
        header = png.read_bytes()[:26]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", png.name
        assert (header[24], header[25]) == (8, 2), png.name  # 8 bits, colour type 2: RGB
