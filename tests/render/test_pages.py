"""`export --page`: pages that fit a slide, an A4 sheet or a wiki column, an overview, an index."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import run_cli

from backmap import store
from backmap.render.export import ExportOptions, export, export_split
from backmap.render.pages import PX_PER_PT, fits, scale, svg_size

from .conftest import TODAY, workspace

PURE = ExportOptions(today=TODAY, engine="pure")
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "maps" / "ideal-group.yaml")
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


Pages = Callable[..., dict[str, bytes]]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    """`pages(frame, *options)`: the example map exported page by page, by file name; each
    export runs once for the module (the tests only read the files)."""
    made: dict[tuple[str, ...], dict[str, bytes]] = {}

    def exported(page: str, *extra: str) -> dict[str, bytes]:
        if (page, *extra) not in made:
            out = tmp_path_factory.mktemp("pages")
            done = run_cli("export", "--map", EXAMPLE, "--page", page, "-o", str(out), *extra)
            assert done.code == 0, done.err
            # The pages, not the hidden list of them a split keeps (.backmap-export).
            made[(page, *extra)] = {
                p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")
            }
        return made[(page, *extra)]

    return exported


@pytest.mark.parametrize("frame", ["slide", "a4", "wiki"])
def test_every_page_fits_its_frame_with_titles_of_12_px(pages: Pages, frame: str) -> None:
    files = pages(frame)
    pictures = {name: data for name, data in files.items() if name.endswith(".svg")}
    # The whole map would shrink its titles below 12 px: it is split.
    assert not fits(*svg_size(export(store.load(Path(EXAMPLE)), "svg", PURE)), frame)
    assert len(pictures) > 2
    assert [n for n, data in pictures.items() if not fits(*svg_size(data), frame)] == []
    # Outcome by outcome, then goal by goal where an outcome is too big.
    assert {"overview.svg", "outcome-happy.svg", "outcome-business-impact.svg"} <= set(files)
    assert any(name.startswith("goal-") for name in files)


def test_a_goal_with_too_many_initiatives_for_a_page_is_cut_in_pieces() -> None:
    nodes: list[dict[str, Any]] = [
        {"id": "o", "kind": "outcome", "title": "Outcome"},
        {"id": "g", "kind": "goal", "title": "Goal", "supports": ["o"]},
    ]
    nodes += [
        {"id": f"i{k:02d}", "kind": "initiative", "title": f"Work item {k}", "supports": ["g"]}
        for k in range(80)
    ]
    options = ExportOptions(today=TODAY, engine="pure", page="slide")
    files = export_split(workspace(nodes), "svg", options)
    pieces = sorted(name for name in files if name.startswith("goal-g"))
    assert "goal-g.svg" in pieces and "goal-g-2.svg" in pieces  # the first keeps the name
    assert all(fits(*svg_size(files[name]), "slide") for name in pieces)
    shown = set().union(*(re.findall(r'id="(i\d\d)"', files[n].decode()) for n in pieces))
    assert len(shown) == 80


def test_a_smaller_frame_gives_more_pages(pages: Pages) -> None:
    slide = pages("slide")
    a4 = pages("a4")
    assert len(a4) > len(slide)


def test_the_overview_is_depth_one_and_links_to_the_pages_beneath(pages: Pages) -> None:
    files = pages("a4")
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


def test_the_index_shows_pages_inline_so_links_and_tooltips_work(pages: Pages) -> None:
    files = pages("slide")
    index = files["index.html"].decode()
    assert "<img" not in index
    pages = [name for name in files if name.endswith(".svg")]
    assert index.count("<svg") == len(pages)
    assert all(f'href="{name}"' in index for name in pages)
    assert "xlink:title=" in index and "<?xml" not in index
    assert "max-height" in index  # thumbnails, not full-size drawings


def test_png_pages_are_images_in_the_index(pages: Pages) -> None:
    files = pages("slide", "-f", "png")
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


def test_every_wiki_page_of_a_generated_map_has_titles_of_12_px(tmp_path: Path) -> None:
    from . import geometry
    from .test_layout import _generate

    source = _generate(150, tmp_path / "map.yaml")
    out = tmp_path / "pages"
    done = run_cli("export", "--map", str(source), "--page", "wiki", "-o", str(out))
    assert done.code == 0, done.err
    small = {}
    for page in sorted(out.glob("*.svg")):
        data = page.read_bytes()
        drawing = geometry.read(data)
        title_pt = min(sizes[0] for sizes in drawing.font.values() if sizes)
        # Measured on the page as drawn, not by the rule that sized it.
        px = scale(*svg_size(data), "wiki") * title_pt * PX_PER_PT
        if px < 12:
            small[page.name] = round(px, 2)
    assert small == {}
