"""Export as a whole: every format, the SVG's ids and tooltips, focus, depth, split, engines."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backmap import store
from backmap.model import Workspace
from backmap.render import engine
from backmap.render.export import (
    ExportError,
    ExportOptions,
    export,
    export_split,
    format_for,
)

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
PURE = ExportOptions(today=TODAY, engine="pure")


def svg_ids(data: bytes) -> set[str]:
    return {el.get("id", "") for el in ET.fromstring(data).iter(f"{SVG}g")}


@pytest.mark.parametrize("example", ["ideal-group.yaml", "org"])
def test_example_maps_svg_has_every_node_and_reads_well(example: str) -> None:
    ws = store.load(ROOT / "maps" / example)
    data = export(ws, "svg", PURE)
    root = ET.fromstring(data)
    assert set(ws.ids()) <= svg_ids(data)
    width, height = (float(root.get(k, "0").removesuffix("pt")) for k in ("width", "height"))
    assert max(width / height, height / width) <= 4


def test_tooltip_has_description_owner_and_status(small: Workspace) -> None:
    root = ET.fromstring(export(small, "svg", PURE))
    node = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "less-stress")
    tip = next(a for a in node.iter(f"{SVG}a")).get(f"{XLINK}title", "")
    assert tip.splitlines()[0] == "Reduce stress"
    assert "owner: dana, sub-owner: omer" in tip and "status: active" in tip
    happy = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "happy")
    assert "People look forward to Monday." in next(happy.iter(f"{SVG}a")).get(f"{XLINK}title", "")


def test_findings_are_drawn_unless_turned_off(small: Workspace) -> None:
    drawn = export(small, "svg", PURE)
    assert b"! overdue" in drawn and b"! orphan" in drawn and b"! no initiative" in drawn
    plain = export(small, "svg", ExportOptions(today=TODAY, engine="pure", no_findings=True))
    assert b"! overdue" not in plain and b"! finding" not in plain


def test_overdue_follows_the_injected_date(small: Workspace) -> None:
    early = export(small, "md", ExportOptions(today=TODAY.replace(year=2026)))
    assert b"overdue" not in early and b"2026-01-15" in early


def test_png_and_pdf(small: Workspace) -> None:
    assert export(small, "png", PURE).startswith(b"\x89PNG\r\n\x1a\n")
    pdf = export(small, "pdf", PURE)
    assert pdf.startswith(b"%PDF-1.") and pdf.rstrip().endswith(b"%%EOF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        assert re.search(rb"^Pages:\s+1$", info.stdout, re.MULTILINE)


def test_focus_shows_the_way_up_and_depth_beneath(small: Workspace) -> None:
    data = json.loads(export(small, "json", ExportOptions(today=TODAY, focus="time-off", depth=1)))
    ids = {n["id"] for n in data["nodes"]}
    assert ids == {"time-off", "less-stress", "happy", "rota", "quiet-hours"}
    none_beneath = json.loads(
        export(small, "json", ExportOptions(today=TODAY, focus="time-off", depth=0))
    )
    node = next(n for n in none_beneath["nodes"] if n["id"] == "time-off")
    assert node["hidden_supporters"] == 2


def test_max_depth(small: Workspace) -> None:
    data = json.loads(export(small, "json", ExportOptions(today=TODAY, max_depth=0)))
    assert {n["id"] for n in data["nodes"]} == {"happy", "impact", "vector-db"}


def test_levels_put_outcomes_first_and_initiatives_last(small: Workspace) -> None:
    nodes = json.loads(export(small, "json", ExportOptions(today=TODAY)))["nodes"]
    level = {n["id"]: n["level"] for n in nodes}
    assert level["happy"] == level["impact"] == 0
    assert level["less-stress"] == level["lonely-goal"] == 1
    assert level["no-spof"] == level["time-off"] == 2
    assert {level[i] for i in ("buddy", "rota", "quiet-hours", "standup", "vector-db")} == {3}


@pytest.mark.parametrize("fmt", ["svg", "md", "mermaid", "json", "dot"])
def test_split_writes_one_file_per_outcome_and_an_index(small: Workspace, fmt: str) -> None:
    files = export_split(small, fmt, ExportOptions(today=TODAY, engine="pure"))
    index = "index.md" if fmt in ("md", "mermaid") else "index.html"
    ext = {"mermaid": "mmd"}.get(fmt, fmt)
    assert sorted(files) == sorted(
        [index, f"outcome-happy.{ext}", f"outcome-impact.{ext}", f"unattached.{ext}"]
    )
    for name in files:
        if name != index:
            assert name.encode() in files[index]
    if fmt == "svg":
        assert {"happy", "less-stress", "rota"} <= svg_ids(files["outcome-happy.svg"])
        assert "happy" not in svg_ids(files["outcome-impact.svg"])


def test_format_for() -> None:
    assert format_for("map.SVG") == "svg" and format_for("a/b.mmd") == "mermaid"
    assert format_for("x.gv") == "dot" and format_for("x.markdown") == "md"
    with pytest.raises(ExportError, match="cannot tell the format"):
        format_for("map.txt")


@pytest.mark.parametrize(
    ("fmt", "options", "message"),
    [
        ("gif", ExportOptions(), "unknown format"),
        ("md", ExportOptions(focus="nope"), "no node has the id 'nope'"),
        ("md", ExportOptions(depth=2), "depth needs a focus"),
        ("md", ExportOptions(max_depth=-1), "max depth"),
        ("svg", ExportOptions(engine="magic"), "unknown engine"),
    ],
)
def test_bad_options_are_clear_errors(
    small: Workspace, fmt: str, options: ExportOptions, message: str
) -> None:
    with pytest.raises(ExportError, match=message):
        export(small, fmt, options)


def test_no_engine_says_what_to_install(small: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_pure_path", lambda: None)
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ExportError, match=r"pip install graphviz-pure==0\.2\.2"):
        export(small, "svg", ExportOptions(today=TODAY))
    with pytest.raises(ExportError, match="apt install graphviz"):
        export(small, "svg", ExportOptions(today=TODAY, engine="system"))
    # Formats that need no engine still work.
    assert export(small, "dot", ExportOptions(today=TODAY)).startswith(b"digraph")


def test_engine_failure_is_an_export_error(small: Workspace, tmp_path: Path) -> None:
    broken = engine.Engine("pure", sys.executable)  # python -Tsvg: not a Graphviz
    with pytest.raises(engine.EngineError, match="failed"):
        engine.run(broken, "digraph {}", "svg")


@pytest.mark.skipif(shutil.which("dot") is None, reason="no system Graphviz here")
def test_system_engine_when_asked(small: Workspace) -> None:
    options = ExportOptions(today=TODAY, engine="system")
    data = export(small, "svg", options)
    assert set(small.ids()) <= svg_ids(data)
    assert export(small, "pdf", options).startswith(b"%PDF")


def test_pinned_engine_version() -> None:
    found = engine.find("pure")
    out = subprocess.run([found.path, "-V"], capture_output=True, text=True, check=True)
    assert f"version {engine.PURE_VERSION}" in out.stdout + out.stderr


def test_same_map_same_bytes(small: Workspace) -> None:
    assert export(small, "svg", PURE) == export(small, "svg", PURE)
    assert export(small, "png", PURE) == export(small, "png", PURE)
