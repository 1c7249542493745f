"""`backmap export`: a workspace to SVG, PNG, PDF, DOT, Mermaid, Markdown or JSON, as bytes.

Pure apart from running the Graphviz engine: nothing here writes files. `export` gives one
document, `export_split` one per outcome plus an index, keyed by file name. What may be asked
(formats, options and their checks) is in export_options.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from backmap import collector
from backmap.checks import RULES, CheckConfig, CheckResult, check
from backmap.graph import MapGraph, build
from backmap.model import Workspace
from backmap.plural import plural
from backmap.render import selection
from backmap.render.dot import PAD_INCHES
from backmap.render.engine import Engine, EngineError, find, run
from backmap.render.export_options import (
    DATA_FORMATS,
    FORMATS,
    SUFFIX,
    WHOLE,
    ExportError,
    ExportOptions,
    format_for,
    link_for,
    validate,
)
from backmap.render.scene import MARKED, Scene, build_scene

__all__ = [
    "DATA_FORMATS",
    "FORMATS",
    "MAX_PIXELS",
    "PDF_DPI",
    "PNG_DPI",
    "SUFFIX",
    "SURELY_SMALL",
    "WHOLE",
    "ExportError",
    "ExportOptions",
    "check_for",
    "export",
    "export_split",
    "format_for",
    "link_for",
    "pdf_is_picture",
    "render",
    "scene_for",
]

# Pixels per inch for PNG, and for the picture inside a PDF made without a PDF-capable engine.
PNG_DPI = 96
PDF_DPI = 192
MAX_PIXELS = 30_000_000
"""Most pixels in a PNG (about 300 MB to draw): a bigger picture is drawn at a lower dpi instead."""
SURELY_SMALL = 200
"""Maps of at most this many nodes never reach MAX_PIXELS, so their size is not measured."""
# Tags and attributes, not text: label text reaches the SVG escaped, so `<script` never matches it.
_UNSAFE_SVG = re.compile(rb"<script|<foreignObject|<iframe|\son[a-z]+=\"", re.IGNORECASE)
_LINK = re.compile(rb'\s(?:xlink:)?href="')


def _title(ws: Workspace, options: ExportOptions) -> str:
    return options.title if options.title is not None else ws.name()


def _analysis(
    ws: Workspace, fmt: str, options: ExportOptions, result: CheckResult | None
) -> tuple[MapGraph, CheckResult | None, date]:
    day = options.today or date.today()
    if options.no_findings:
        return (result.graph if result else build(ws)), None, day
    result = result or check(ws, check_for(fmt, CheckConfig(today=day)))
    return result.graph, result, day


def check_for(fmt: str, config: CheckConfig) -> CheckConfig:
    """The check an export in `fmt` needs. A drawing marks only some findings (MARKED), so the
    other rules, the costly ones among them (near-duplicates, ownership), need not run: the
    picture is the same. JSON lists every finding."""
    if fmt == "json":
        return config
    undrawn = tuple(code for code in RULES if code not in MARKED)
    return replace(config, ignore=config.ignore + undrawn)


def scene_for(
    graph: MapGraph,
    result: CheckResult | None,
    shown: set[str] | None,
    title: str,
    day: date,
    options: ExportOptions,
) -> Scene:
    links = None
    if options.link_template is not None:
        ids = graph.parents if shown is None else shown
        links = {i: options.link_template.replace("{id}", i) for i in ids}
    return build_scene(graph, shown, title, day, result, links, options.context)


def _shown(graph: MapGraph, options: ExportOptions) -> set[str] | None:
    shown: set[str] | None = None
    if options.focus is not None:
        shown = selection.focus(graph, options.focus, options.depth)
    if options.max_depth is not None:
        top = selection.top_levels(graph, options.max_depth)
        shown = top if shown is None else shown & (top | {options.focus or ""})
    if options.matches is not None:
        kept = options.matches | options.context
        shown = set(kept) if shown is None else shown & kept
    return shown


def render(
    scene: Scene,
    fmt: str,
    result: CheckResult | None,
    root: Path,
    engine: str,
    labels: str = "full",
) -> bytes:
    """One scene in one format."""
    with collector.paused():
        return _render(scene, fmt, result, root, engine, labels)


def _render(
    scene: Scene, fmt: str, result: CheckResult | None, root: Path, engine: str, labels: str
) -> bytes:
    if fmt == "mermaid":
        from backmap.render.mermaid import to_mermaid

        return to_mermaid(scene, labels).encode("utf-8")
    if fmt == "md":
        from backmap.render.markdown import to_markdown

        return to_markdown(scene).encode("utf-8")
    if fmt == "json":
        from backmap.render.json_export import to_json

        return to_json(scene, result, root).encode("utf-8")
    if fmt == "html":
        from backmap.render.html import to_html

        return to_html(scene).encode("utf-8")
    from backmap.render.dot import to_dot

    source = to_dot(scene)
    if fmt == "dot":
        return source.encode("utf-8")
    return _draw(source, fmt, scene, engine)


def _draw(source: str, fmt: str, scene: Scene, engine_name: str) -> bytes:
    from backmap.render import fonts

    try:
        engine = find(engine_name)
        pure = engine.name == "pure"
        if pure:
            source = fonts.pad(source)  # graphviz-pure measures wide (CJK) text too short
        if fmt == "svg":
            return _clean_svg(fonts.unpad(run(engine, source, "svg")), bool(scene.links))
        if fmt == "png":
            dpi = _png_dpi(engine, source, scene)
            if pure and fonts.needs_fonts(source) and fonts.can_draw():
                return fonts.to_png(run(engine, source, "svg"), dpi)
            return run(engine, source, "png", f"-Gdpi={dpi}")
        if engine.can("pdf"):
            return run(engine, source, "pdf")
        if fonts.can_convert():
            return fonts.to_pdf(run(engine, source, "svg"))
        from backmap.render.pdf import jpeg_page

        picture = run(engine, source, "jpeg", f"-Gdpi={PDF_DPI}")
        return jpeg_page(picture, PDF_DPI, scene.title)
    except EngineError as exc:
        raise ExportError(str(exc)) from None


def pdf_is_picture(engine_name: str) -> bool:
    """Whether a PDF from this engine holds the drawing as an image rather than as vectors."""
    from backmap.render import fonts

    try:
        return not (find(engine_name).can("pdf") or fonts.can_convert())
    except EngineError:
        return False  # the export itself says what is missing


def _png_dpi(engine: Engine, source: str, scene: Scene) -> float:
    """PNG_DPI, or less when the picture would have more than MAX_PIXELS."""
    if len(scene.nodes) <= SURELY_SMALL:
        return PNG_DPI
    # `plain` starts with "graph <scale> <width> <height>", in inches, without the pad.
    head = run(engine, source, "plain").split(b"\n", 1)[0].split()
    pad = 2 * PAD_INCHES
    pixels = (float(head[2]) + pad) * (float(head[3]) + pad) * PNG_DPI**2
    if pixels <= MAX_PIXELS:
        return PNG_DPI
    return round(PNG_DPI * math.sqrt(MAX_PIXELS / pixels), 1)


def _clean_svg(svg: bytes, links: bool) -> bytes:
    # The DOCTYPE names an external DTD that a strict viewer may fetch: the file must stand alone.
    svg = re.sub(rb"<!DOCTYPE[^>]*>\s*", b"", svg, count=1)
    if _UNSAFE_SVG.search(svg) or (not links and _LINK.search(svg)):
        # Graphviz escapes all label text, so this means an engine bug: refuse, never pass it on.
        raise ExportError("the engine produced SVG with a script or link; refusing to write it")
    return svg


def export(
    ws: Workspace, fmt: str, options: ExportOptions | None = None, result: CheckResult | None = None
) -> bytes:
    """The map (or the part the options select) in `fmt`; `result` saves running check again."""
    options = options or ExportOptions()
    validate(ws, fmt, options)
    if fmt == "codeowners":
        from backmap.render.codeowners import to_codeowners

        return to_codeowners(ws, _title(ws, options)).encode("utf-8")
    if fmt in DATA_FORMATS:
        return _data(ws, fmt, options)
    graph, result, day = _analysis(ws, fmt, options, result)
    with collector.paused():
        scene = scene_for(graph, result, _shown(graph, options), _title(ws, options), day, options)
    return render(scene, fmt, result, ws.root, options.engine, options.labels)


def export_split(
    ws: Workspace, fmt: str, options: ExportOptions | None = None, result: CheckResult | None = None
) -> dict[str, bytes]:
    """One file per outcome ('outcome-<id>.<ext>'), 'unattached.<ext>' if needed, and an index.

    The index is 'index.md' for Markdown and Mermaid, 'index.html' for the other formats.
    Focus and max depth apply within each part.
    """
    options = options or ExportOptions()
    validate(ws, fmt, options)
    if fmt in WHOLE:
        raise ExportError(f"{fmt} carries the whole map in one file: leave out split")
    graph, result, day = _analysis(ws, fmt, options, result)
    title = _title(ws, options)
    limit = _shown(graph, options)
    if options.page is not None:
        from backmap.render.pages import paged

        return paged(graph, result, fmt, options, title, day, limit, ws.root)
    files: dict[str, bytes] = {}
    entries: list[tuple[str, str, int]] = []
    for part in selection.parts(graph):
        shown = set(part.ids) if limit is None else set(part.ids) & limit
        if not shown:
            continue
        name = f"{part.name}.{SUFFIX[fmt]}"
        scene = scene_for(graph, result, shown, f"{title}: {part.title}", day, options)
        files[name] = render(scene, fmt, result, ws.root, options.engine, options.labels)
        entries.append((name, part.title, len(shown)))
    if fmt in ("md", "mermaid"):
        files.update([_index_md(title, day, fmt, entries)])
    else:
        from backmap.render.pages import index_html

        files["index.html"] = index_html(title, day.isoformat(), fmt, entries, files)
    return files


def _data(ws: Workspace, fmt: str, options: ExportOptions) -> bytes:
    """The map's data for an outliner, a mind-mapping tool or a spreadsheet."""
    if fmt in ("csv", "xlsx"):
        from backmap.render import sheets

        return sheets.to_xlsx(ws) if fmt == "xlsx" else sheets.to_csv(ws).encode("utf-8")
    from backmap.render import outlines

    title = _title(ws, options)
    text = outlines.to_opml(ws, title) if fmt == "opml" else outlines.to_mm(ws, title)
    return text.encode("utf-8")


def _index_md(
    title: str, day: date, fmt: str, entries: list[tuple[str, str, int]]
) -> tuple[str, bytes]:
    from backmap.render.markdown import text

    lines = [f"# {text(title)}", "", day.isoformat(), ""]
    lines += [
        f"- [{text(part)}]({name}) · {plural(count, 'node')}" for name, part, count in entries
    ]
    return "index.md", ("\n".join(lines) + "\n").encode("utf-8")
