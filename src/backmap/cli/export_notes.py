"""What `backmap export` adds on standard error: a Mermaid file too big to draw, scripts no font
here draws, a PDF page that is a picture, a CODEOWNERS with only its header, a drawing too
tall to read as one picture."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from backmap.plural import noun, plural

if TYPE_CHECKING:
    from backmap.cli.exporting import ExportOptions
    from backmap.model import Workspace


def note_no_paths(ws: Any) -> None:
    """Say why a CODEOWNERS file holds only its header, and what fills it."""
    from backmap.render.codeowners import owned_paths

    if owned_paths(ws):
        return
    print(
        "no initiative lists paths: add `paths: [src/billing/]` to an initiative that is not "
        "dropped (`backmap set ID --paths src/billing/`), and handles to its owner in "
        "people.yaml; CODEOWNERS has only its header",
        file=sys.stderr,
    )


def warn_mermaid(
    drawn: dict[str, bytes], args: ExportOptions, shorter: Callable[[], bytes]
) -> None:
    """Say which Mermaid files GitHub will not draw, and what would make them fit."""
    from backmap.render import mermaid

    sizes = {name: mermaid.size(data.decode("utf-8")) for name, data in drawn.items()}
    big = {name: size for name, size in sizes.items() if size.too_big}
    if not big:
        return
    limits = (
        f"Mermaid draws at most {mermaid.MAX_EDGES} edges and {mermaid.MAX_CHARS:,} characters, "
        "so GitHub and GitLab show an error instead of the map"
    )
    for name, size in big.items():
        where = "the map" if name == "-" else name
        print(
            f"backmap: warning: {where} has {plural(size.edges, 'edge')} and "
            f"{size.chars:,} characters: {limits}",
            file=sys.stderr,
        )
    tries = []
    if args.labels == "full" and args.split:
        tries.append("--labels short")
    elif args.labels == "full":
        fits = mermaid.size(shorter().decode("utf-8"))
        verdict = "still too big" if fits.too_big else "fits"
        tries.append(
            f"--labels short ({plural(fits.edges, 'edge')}, {fits.chars:,} characters: {verdict})"
        )
    if not args.split:
        tries.append("--split (one file per outcome)")
    tries += ["--max-depth 1", "--focus ID --depth 1"]
    them = noun(len(big), "it", "them")
    print(f"backmap: to draw {them}, try {', '.join(tries)}", file=sys.stderr)


def note_fonts(ws: Workspace, fmt: str, args: ExportOptions) -> None:
    """Say when scripts of the map have no font here, and when a PDF page is a picture."""
    from backmap.render import fonts
    from backmap.render.export import PDF_DPI, pdf_is_picture

    texts = [args.title or ws.name()]
    for node in ws.nodes():
        texts += [node.title, node.owner or "", node.sub_owner or ""]
    missing = fonts.lacking(texts)
    if missing:
        scripts = ", ".join(f"{script} ({chars[:3]})" for script, chars in missing.items())
        print(
            f"backmap: note: no font here draws {scripts}: that text shows as empty boxes "
            f"in {fmt.upper()}. Install fonts with `pip install 'backmap[fonts]'` (Noto Sans "
            "CJK and Arabic) or your system's (e.g. `apt install fonts-noto-cjk`), or export "
            "SVG, which browsers draw with their own fonts",
            file=sys.stderr,
        )
    if fmt == "pdf" and pdf_is_picture(args.engine):
        print(
            f"backmap: note: the PDF page is a picture ({PDF_DPI} dpi), not vectors: "
            "`pip install svg2pdf-py` or install Graphviz for a vector PDF",
            file=sys.stderr,
        )


TALL = (4.0, 5000.0)
"""A drawing this many times taller than wide, and this many points tall (some two metres of
paper), is read a screen at a time with its outcome out of sight: pages read better."""
_SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')


def note_tall(svg: bytes) -> None:
    """Suggest pages for an SVG too tall to read as one picture."""
    found = _SIZE.search(svg[:2000])
    if found is None:
        return
    width, height = float(found[1]), float(found[2])
    ratio, tallest = TALL
    if height > tallest and height > ratio * width:
        print(
            f"note: the drawing is {width:,.0f} by {height:,.0f} pt, too tall to read as one "
            "picture: --page a4 (or slide, wiki) -o FOLDER/ splits it by outcome and goal into "
            "pages an overview links",
            file=sys.stderr,
        )
