"""The output formats of `export` and `check`: names, file extensions and what each is for.

Free of imports on purpose: `backmap --help` offers these as choices without loading a renderer,
and the renderers read the same table, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import NamedTuple


class Format(NamedTuple):
    """One format `backmap export` writes (a NamedTuple: dataclasses would slow `--help`)."""

    name: str
    """What `--format` takes."""
    extensions: tuple[str, ...]
    """File extensions that ask for it (`-o map.svg`); the first is the one it writes."""
    label: str
    """How a person calls it."""
    graphviz: bool = False
    """Laid out by a Graphviz engine."""
    binary: bool = False
    """Bytes, not text: written to a file, never to a terminal."""
    data: bool = False
    """The map's data for an outliner, a mind-mapping tool or a spreadsheet, not a drawing:
    `backmap import` reads it back (docs/import.md)."""


EXPORTS = (
    Format("svg", (".svg",), "SVG", graphviz=True),
    Format("png", (".png",), "PNG", graphviz=True, binary=True),
    Format("pdf", (".pdf",), "PDF", graphviz=True, binary=True),
    Format("dot", (".dot", ".gv"), "DOT", graphviz=True),
    Format("mermaid", (".mmd", ".mermaid"), "Mermaid"),
    Format("md", (".md", ".markdown"), "Markdown"),
    Format("json", (".json",), "JSON"),
    Format("html", (".html", ".htm"), "interactive HTML"),
    Format("opml", (".opml",), "OPML", data=True),
    Format("mm", (".mm",), "a mind map (FreeMind, Freeplane)", data=True),
    Format("csv", (".csv",), "CSV", data=True),
    Format("xlsx", (".xlsx",), "XLSX", binary=True, data=True),
    Format("codeowners", (".codeowners",), "CODEOWNERS"),
)
EXPORT_FORMATS = tuple(f.name for f in EXPORTS)
EXPORT_DEFAULT = "svg"
ENGINES = ("auto", "pure", "system")
MERMAID_LABELS = ("full", "short")
"""What a Mermaid node says: full (title, owners, status, progress, due date, findings) or
short (the title alone, cut at 40 characters), which keeps big maps under Mermaid's limits."""
"""Which Graphviz lays out the graphviz formats: graphviz-pure if installed, else the system
`dot` (auto), or only one of them (engine.py)."""

CHECKS = {
    "text": "for people",
    "json": "for tools (shape in docs/checks.md)",
    "github": "annotations for GitHub Actions",
}
"""What `backmap check --format` writes, and for whom."""
CHECK_FORMATS = tuple(CHECKS)

PAGES = {
    "slide": ((1920, 1080), "a 1920x1080 slide"),
    "a4": ((1123, 794), "an A4 sheet across, at 96 dpi"),
    "wiki": ((1000, 2000), "a wiki page's 1000-pixel column"),
}
"""The frames `export --page` fits each page into, in pixels, and what each stands for."""
