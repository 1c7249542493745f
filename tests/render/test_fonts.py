"""Non-Latin titles in PNG and PDF: room for wide text, real glyphs, vector PDF, and a note
when no font draws a script."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import run_cli

from backmap.render import export as export_module
from backmap.render import fonts
from backmap.render.export import ExportOptions, export

from .conftest import TODAY, workspace

JAPANESE = "社員が毎日楽しく働ける職場"
OPTIONS = ExportOptions(today=TODAY, no_findings=True)
needs_cjk_font = pytest.mark.skipif(
    bool(fonts.lacking([JAPANESE])), reason="no CJK font here: pip install 'backmap[fonts]'"
)


def _map(title: str) -> Any:
    return workspace(
        [
            {"id": "top", "kind": "outcome", "title": title},
            {"id": "calm", "kind": "goal", "title": "ストレスを減らす", "supports": ["top"]},
        ],
        "計画",
    )


def _box_width(svg: str, node_id: str) -> float:
    group = svg[svg.index(f'<g id="{node_id}"') :]
    path = re.search(r'<path[^>]* d="M([\d.]+),[-\d.]+C?[^"]*"', group)
    xs = [float(x) for x in re.findall(r"([\d.]+),-?[\d.]+", group[: group.index("</g>")])]
    assert path or xs
    return max(xs) - min(xs)


def test_wide_text_gets_the_room_a_font_draws_it_in() -> None:
    svg = export(_map(JAPANESE), "svg", OPTIONS).decode()
    assert fonts.PAD not in svg  # the padding is gone from what is written
    assert JAPANESE in svg
    # The outcome's title is 16 pt: 13 characters drawn 1 em wide need 208 pt.
    assert _box_width(svg, "top") >= 13 * 16
    assert fonts.pad("日本語の計画x") == "日本語の計画" + fonts.PAD * 2 + "x"


@needs_cjk_font
def test_a_japanese_title_draws_glyphs_in_png_not_boxes() -> None:
    from PIL import Image, ImageChops

    drawn = export(_map(JAPANESE), "png", OPTIONS)
    # Unassigned code points: every font draws its empty box for them.
    tofu = export(_map("\u0378" * len(JAPANESE)), "png", OPTIONS)
    assert drawn[:8] == b"\x89PNG\r\n\x1a\n"
    a, b = Image.open(io.BytesIO(drawn)), Image.open(io.BytesIO(tofu))
    assert a.size == b.size
    assert ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is not None


def test_a_script_without_a_font_is_found_and_named() -> None:
    assert fonts.lacking(["Plain Latin, ĉu? Ελληνικά Кириллица"]) == {}
    assert fonts.lacking([JAPANESE], dirs=[]) == {
        "Chinese characters (Han)": "社員毎日楽働職場",
        "Japanese kana": "がしくける",
    }


def test_the_cli_says_which_script_has_no_font(tmp_path: Path) -> None:
    # Gothic letters: no common font has them.
    source = tmp_path / "gothic.yaml"
    source.write_text("backmap: 1\ntitle: t\nnodes:\n  - {id: a, kind: outcome, title: 𐌰𐌱}\n")
    result = run_cli("export", "--map", str(source), "-o", str(tmp_path / "g.png"))
    assert result.code == 0, result.err
    assert "backmap: note: no font here draws Gothic (𐌰𐌱)" in result.err
    assert "pip install 'backmap[fonts]'" in result.err
    latin = run_cli("export", "--map", str(source), "-o", str(tmp_path / "g.svg"))
    assert latin.err.startswith("wrote")  # SVG: the viewer's fonts draw it


@needs_cjk_font
def test_pdf_without_a_system_dot_is_vector_with_its_fonts(tmp_path: Path) -> None:
    pdf = export(_map(JAPANESE), "pdf", ExportOptions(today=TODAY, engine="pure"))
    assert pdf.startswith(b"%PDF") and b"/FontFile" in pdf
    assert b"/Subtype /Image" not in pdf and b"/DCTDecode" not in pdf
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the text was not read back")
    path = tmp_path / "map.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    assert JAPANESE in text.stdout.decode("utf-8")


def test_a_pdf_that_can_only_be_a_picture_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not export_module.pdf_is_picture("pure")
    monkeypatch.setattr(fonts, "can_convert", lambda: False)
    assert export_module.pdf_is_picture("pure")
    pdf = export(_map("Plain"), "pdf", ExportOptions(today=TODAY, engine="pure"))
    assert b"/DCTDecode" in pdf  # the page that holds a JPEG


def test_latin_text_in_a_pdf_is_drawn_in_arial_widths_regular_and_bold(tmp_path: Path) -> None:
    """The layout measures text as Arial: a PDF draws it in Arimo (Arial's widths), bold titles
    in its bold, so no title runs out of its box where the machine has no Arial."""
    ws = workspace(
        [
            {"id": "read", "kind": "outcome", "title": "Pupils read for pleasure"},
            {"id": "visits", "kind": "initiative", "title": "An author visits the school",
             "supports": ["read"]},
        ],
        "Reading",
    )  # fmt: skip
    pdf = export(ws, "pdf", ExportOptions(today=TODAY, engine="pure"))
    faces = set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z-]+)", pdf))
    # Arimo, or a system font of Arial's widths found first (Liberation Sans comes with
    # Chromium on Debian); never DejaVu Sans, a tenth wider.
    families = {face.split(b"-")[0].removesuffix(b"MT") for face in faces}
    assert families <= {b"Arimo", b"LiberationSans", b"Arial"} and len(families) == 1, faces
    assert any(face.endswith(b"Bold") for face in faces), faces
    assert any(not face.endswith(b"Bold") for face in faces), faces
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the text was not read back")
    path = tmp_path / "map.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    assert "An author visits the school" in " ".join(text.stdout.decode("utf-8").split())
