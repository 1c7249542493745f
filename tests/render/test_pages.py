"""`export --page`: pages that fit a slide, an A4 sheet or a wiki column, an overview, an index."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap.render.pages import fits, svg_size

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "maps" / "ideal-group.yaml")
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def _pages(tmp_path: Path, page: str, *extra: str) -> dict[str, bytes]:
    out = tmp_path / "pages"
    done = run_cli("export", "--map", EXAMPLE, "--page", page, "-o", str(out), *extra)
    assert done.code == 0, done.err
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_every_page_fits_a_slide_with_titles_of_12_px(tmp_path: Path) -> None:
    files = _pages(tmp_path, "slide")
    pictures = {name: data for name, data in files.items() if name.endswith(".svg")}
    # The whole map would shrink its titles below 12 px on a slide: it is split.
    assert len(pictures) > 2
    assert all(fits(*svg_size(data), "slide") for data in pictures.values())
    # Outcome by outcome, then goal by goal where an outcome is too big.
    assert {"overview.svg", "outcome-happy.svg", "outcome-business-impact.svg"} <= set(files)
    assert any(name.startswith("goal-") for name in files)


def test_a_smaller_frame_gives_more_pages(tmp_path: Path) -> None:
    slide = _pages(tmp_path / "slide", "slide")
    a4 = _pages(tmp_path / "a4", "a4")
    assert len(a4) > len(slide)


def test_the_overview_is_depth_one_and_links_to_the_pages_beneath(tmp_path: Path) -> None:
    files = _pages(tmp_path, "a4")
    root = ET.fromstring(files["overview.svg"])
    nodes = {g.get("id") for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
    assert {"happy", "business-impact", "less-stress"} <= nodes
    assert "quiet-hours" not in nodes  # two levels down
    targets = {a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a") if a.get(f"{XLINK}href")}
    assert targets and targets <= set(files)
    assert "outcome-happy.svg" in targets
    assert b"more beneath" in files["overview.svg"]
    # A page split further links its supporters to their own pages too.
    hub = files["outcome-happy.svg"]
    assert re.search(rb'xlink:href="goal-[a-z-]+\.svg"', hub)


def test_the_index_shows_pages_inline_so_links_and_tooltips_work(tmp_path: Path) -> None:
    files = _pages(tmp_path, "slide")
    index = files["index.html"].decode()
    assert "<img" not in index
    pages = [name for name in files if name.endswith(".svg")]
    assert index.count("<svg") == len(pages)
    assert all(f'href="{name}"' in index for name in pages)
    assert "xlink:title=" in index and "<?xml" not in index
    assert "max-height" in index  # thumbnails, not full-size drawings


def test_png_pages_are_images_in_the_index(tmp_path: Path) -> None:
    files = _pages(tmp_path, "slide", "-f", "png")
    assert all(data.startswith(b"\x89PNG") for name, data in files.items() if name != "index.html")
    assert b'<img src="overview.png"' in files["index.html"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "md", "-o", "x"], "pages are sized for drawings"),
        (["-o", "-"], "give a folder with -o"),
    ],
)
def test_page_refusals_are_clear(tmp_path: Path, args: list[str], message: str) -> None:
    done = run_cli("export", "--map", EXAMPLE, "--page", "slide", *args, cwd=tmp_path)
    assert done.code == 2 and message in done.err
    assert "Traceback" not in done.err


def test_a_plain_split_index_also_shows_svg_pages_inline(tmp_path: Path) -> None:
    out = tmp_path / "split"
    assert run_cli("export", "--map", EXAMPLE, "--split", "-o", str(out)).code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<img" not in index and index.count("<svg") == 3
