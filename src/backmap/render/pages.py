"""Pages that fit a frame: split by outcome, then by goal, until every title is big enough.

A page that would have to shrink its titles below MIN_TITLE_PX to fit its frame (a slide, an A4
sheet, a wiki column) becomes a hub instead: its node and what directly supports it, each
supporter linking to a page of its own, which is split the same way when it is still too big.
An overview (outcomes and what directly supports them) links to the first pages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from backmap.checks import CheckResult
from backmap.graph import MapGraph, reach
from backmap.model import Kind
from backmap.plural import plural
from backmap.render import selection
from backmap.render.export import render, scene_for
from backmap.render.export_options import SUFFIX, ExportOptions
from backmap.render.formats import PAGES

FRAMES = {name: size for name, (size, _) in PAGES.items()}
MIN_TITLE_PX = 12.0
SMALLEST_TITLE_PT = 13.0
"""The size of an initiative's title on the drawing (dot.KIND_LOOK), the smallest title."""
PX_PER_PT = 96 / 72


@dataclass(frozen=True)
class Page:
    """One file of a paged export."""

    name: str
    """File stem: 'overview', 'outcome-<id>', 'goal-<id>' or 'unattached'."""
    title: str
    ids: frozenset[str]
    root: str | None
    """The node the page is about (None for the overview and the unattached)."""


def scale(width_pt: float, height_pt: float, frame: str) -> float:
    """How much a drawing of that size is shrunk to fit the frame (1: not at all)."""
    frame_w, frame_h = FRAMES[frame]
    return min(1.0, frame_w / (width_pt * PX_PER_PT), frame_h / (height_pt * PX_PER_PT))


def fits(width_pt: float, height_pt: float, frame: str) -> bool:
    """Whether the smallest title is still MIN_TITLE_PX once the drawing fits the frame."""
    return scale(width_pt, height_pt, frame) * SMALLEST_TITLE_PT * PX_PER_PT >= MIN_TITLE_PX


def too_wide(svg: bytes, frame: str) -> bool:
    """Whether a drawing does not fit the frame because of its width."""
    width, height = svg_size(svg)
    frame_w, frame_h = FRAMES[frame]
    return not fits(width, height, frame) and frame_w / width < frame_h / height


def svg_size(svg: bytes) -> tuple[float, float]:
    """Width and height in points of a Graphviz SVG."""
    found = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg[:4000])
    if found is None:
        return 0.0, 0.0
    return float(found.group(1)), float(found.group(2))


def page_name(graph: MapGraph, node_id: str) -> str:
    kind = graph.node(node_id).kind
    return f"{'outcome' if kind is Kind.OUTCOME else 'goal'}-{node_id}"


def first_pages(graph: MapGraph) -> list[Page]:
    """One page per outcome (by id), then the nodes no outcome reaches, as in a plain split."""
    out = []
    for part in selection.parts(graph):
        root = part.name.removeprefix("outcome-") if part.name != "unattached" else None
        out.append(Page(part.name, part.title, part.ids, root))
    return out


def beneath(graph: MapGraph, page: Page) -> list[Page]:
    """Pages for the supporters of the page's node that have supporters of their own."""
    if page.root is None:
        return []
    kids = [c for c in graph.children[page.root] if graph.children[c]]  # in file order
    return [
        Page(page_name(graph, c), graph.node(c).title, frozenset(_focus(graph, c, None)), c)
        for c in kids
    ]


def chunks(graph: MapGraph, page: Page, shown: set[str], svg: bytes, frame: str) -> list[set[str]]:
    """A page too big for its frame whose supporters have nothing beneath them, in pieces that
    each hold some of the supporters; [shown] when it fits or cannot be cut."""
    width, height = svg_size(svg)
    leaves = [c for c in graph.children.get(page.root or "", ()) if c in shown]
    frame_w, frame_h = FRAMES[frame]
    # Fewer supporters make a page less tall, not less wide: cut only what is too tall.
    if fits(width, height, frame) or len(leaves) < 2 or frame_h / height > frame_w / width:
        return [shown]
    # Titles shrink with the square root of the area: a page half as big gains about 1.4x.
    short = MIN_TITLE_PX / (scale(width, height, frame) * SMALLEST_TITLE_PT * PX_PER_PT)
    count = min(len(leaves), math.ceil(short**2 * 1.2))
    size = math.ceil(len(leaves) / count)
    base = shown - set(leaves)
    return [base | set(leaves[i : i + size]) for i in range(0, len(leaves), size)]


def hub(graph: MapGraph, page: Page) -> Page:
    """The page's node, its way up and what directly supports it."""
    assert page.root is not None
    return Page(page.name, page.title, frozenset(_focus(graph, page.root, 1)), page.root)


def _focus(graph: MapGraph, node_id: str, depth: int | None) -> set[str]:
    """The node, its first parent and `depth` levels beneath it.

    Only the first parent: the whole way up would take a column a level, and the overview and
    the pages above hold it. Other parents would stand apart, linked to nothing: the node
    names them.
    """
    shown = reach([node_id], graph.children, depth=depth) | {node_id}
    return shown | set(graph.parents[node_id][:1])


def overview(graph: MapGraph) -> Page:
    """Outcomes and what directly supports them."""
    return Page("overview", "Overview", frozenset(selection.top_levels(graph, 1)), None)


def paged(
    graph: MapGraph,
    result: CheckResult | None,
    fmt: str,
    options: ExportOptions,
    title: str,
    day: date,
    limit: set[str] | None,
    root: Path,
) -> dict[str, bytes]:
    """The files of a paged split: 'overview', the pages, and 'index.html'."""
    assert options.page is not None
    ext = SUFFIX[fmt]
    files: dict[str, bytes] = {}
    entries: list[tuple[str, str, int]] = []

    narrow: set[str] = set()  # pages drawn with each parent's leaves in one column

    def draw(page: Page, shown: set[str], links: dict[str, str], as_fmt: str) -> bytes:
        scene = scene_for(graph, result, shown, f"{title}: {page.title}", day, options)
        scene.links.update((i, url) for i, url in links.items() if i in shown)
        if page.name in narrow:
            scene.leaf_columns = 1
        return render(scene, as_fmt, result, root, options.engine)

    queue = first_pages(graph)
    seen: set[str] = set()
    while queue:
        page = queue.pop(0)
        shown = set(page.ids) if limit is None else set(page.ids) & limit
        if page.name in seen or not shown:
            continue
        seen.add(page.name)
        svg = draw(page, shown, {}, "svg")
        if too_wide(svg, options.page):
            narrow.add(page.name)
            svg = draw(page, shown, {}, "svg")
        kids = [k for k in beneath(graph, page) if limit is None or k.root in limit]
        if kids and not fits(*svg_size(svg), options.page):
            page = hub(graph, page)
            shown = set(page.ids) if limit is None else set(page.ids) & limit
            links = {k.root: f"{k.name}.{ext}" for k in kids if k.root is not None}
            data = draw(page, shown, links, fmt)
            queue += kids
        elif len(parts := chunks(graph, page, shown, svg, options.page)) > 1:
            for i, part in enumerate(parts, 1):
                name = page.name if i == 1 else f"{page.name}-{i}"
                if page.name in narrow:
                    narrow.add(name)
                piece = Page(name, f"{page.title} ({i} of {len(parts)})", frozenset(part), None)
                files[f"{name}.{ext}"] = draw(piece, part, {}, fmt)
                entries.append((f"{name}.{ext}", piece.title, len(part)))
            continue
        else:
            data = svg if fmt == "svg" else draw(page, shown, {}, fmt)
        files[f"{page.name}.{ext}"] = data
        entries.append((f"{page.name}.{ext}", page.title, len(shown)))
    top = overview(graph)
    shown = set(top.ids) if limit is None else set(top.ids) & limit
    pages = {i: f"{page_name(graph, i)}.{ext}" for i in shown}
    links = {i: name for i, name in pages.items() if name in files}
    files[f"overview.{ext}"] = draw(top, shown, links, fmt)
    entries.insert(0, (f"overview.{ext}", top.title, len(shown)))
    files["index.html"] = index_html(title, day.isoformat(), fmt, entries, files)
    return files


def index_html(
    title: str, day: str, fmt: str, entries: list[tuple[str, str, int]], pictures: dict[str, bytes]
) -> bytes:
    """The index of a split: each page with its title, size and a thumbnail that keeps links.

    SVG pages are inline, resized by their viewBox, so their tooltips and links work (an <img>
    would disable both); PNG pages are images.
    """
    items = []
    for name, part, count in entries:
        head = f'<a href="{escape(name)}">{escape(part)}</a> · {plural(count, "node")}'
        picture = ""
        if fmt == "svg" and name in pictures:
            picture = f'<div class="page">{_inline(pictures[name])}</div>'
        elif fmt == "png":
            picture = f'<div class="page"><img src="{escape(name)}" alt=""></div>'
        items.append(f"<li>{head}{picture}</li>")
    style = (
        "body{font-family:Arial,sans-serif;margin:1.5em}ul{list-style:none;padding:0}"
        "li{margin:0 0 1.5em}.page{border:1px solid #cfd8dc;margin-top:.4em;max-width:960px}"
        ".page svg,.page img{display:block;width:100%;height:auto;max-height:360px}"
    )
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{style}</style></head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n<p>{day}</p>\n<ul>\n" + "\n".join(items) + "\n</ul>\n"
        "</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _inline(svg: bytes) -> str:
    """An SVG file as an element of the index: no XML declaration, sized by its container."""
    text = svg.decode("utf-8")
    text = re.sub(r"^<\?xml[^>]*>\s*(<!--.*?-->\s*)*", "", text, flags=re.S)
    return re.sub(r'<svg width="[\d.]+pt" height="[\d.]+pt"', "<svg", text, count=1)
