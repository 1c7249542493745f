"""What an export is asked for: the formats by name and file extension, the options, and the
checks that refuse what cannot be honoured (ExportError)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from backmap.model import Workspace
from backmap.render.formats import EXPORT_FORMATS, EXPORTS

FORMATS = EXPORT_FORMATS
GRAPHVIZ_FORMATS = frozenset(f.name for f in EXPORTS if f.graphviz)
DATA_FORMATS = frozenset(f.name for f in EXPORTS if f.data)
"""Formats that carry the map's data for other tools (see docs/import.md), not a drawing."""
EXTENSIONS = {ext: f.name for f in EXPORTS for ext in f.extensions}
SUFFIX = {f.name: f.extensions[0].lstrip(".") for f in EXPORTS}
WHOLE = DATA_FORMATS | {"codeowners"}
"""Formats that carry the whole map and no findings."""


class ExportError(Exception):
    """Options that cannot be honoured: unknown format or id, bad link template, no engine."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how; the defaults draw the whole map with its findings."""

    focus: str | None = None
    """Show this node, its way up to the outcomes and `depth` levels beneath it."""
    depth: int | None = None
    """Levels beneath the focus (None: all); only with `focus`."""
    max_depth: int | None = None
    """Show only nodes at most this many levels beneath an outcome."""
    no_findings: bool = False
    """Leave out the findings of `check` (marks, legend entry, JSON analysis)."""
    title: str | None = None
    """Title printed on the export (default: the workspace's, see `Workspace.name`)."""
    today: date | None = None
    """Date printed on the export and overdue is measured against (default: today)."""
    link_template: str | None = None
    """An http(s) URL with `{id}`, e.g. 'https://tracker/{id}': nodes become links."""
    engine: str = "auto"
    """'auto' (graphviz-pure, else the system `dot`), 'pure' or 'system'."""
    labels: str = "full"
    """Mermaid labels: 'full' (title, owners, status, progress, findings) or 'short' (title)."""
    page: str | None = None
    """With a split: 'slide', 'a4' or 'wiki', the frame every page must fit (see pages.py)."""
    matches: frozenset[str] | None = None
    """What a filter matched (None: no filter): only these and their way up are drawn."""
    context: frozenset[str] = frozenset()
    """The way up from the matches to the outcomes, drawn muted."""


def format_for(path: str | Path) -> str:
    """The format a file name asks for by its extension; ExportError when it says none."""
    if Path(path).name == "CODEOWNERS":
        return "codeowners"
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise ExportError(f"cannot tell the format from {str(path)!r}: use one of {known}")
    return fmt


def link_for(template: str) -> str:
    """Check a link template: http(s) only, with `{id}`; returns it unchanged."""
    parts = urlsplit(template)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ExportError(
            f"link template {template!r} must be an http:// or https:// URL, "
            "e.g. 'https://tracker.example.com/{id}'"
        )
    if "{id}" not in template:
        raise ExportError(f"link template {template!r} must contain {{id}}, where the id goes")
    if re.search(r"[\s\"'<>\\`]|[\x00-\x1f\x7f]", template):
        raise ExportError(f"link template {template!r} holds a space, quote, bracket or backslash")
    return template


def validate(ws: Workspace, fmt: str, options: ExportOptions) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if options.focus is not None and options.focus not in ws:
        raise ExportError(f"no node has the id {options.focus!r} (focus)")
    if options.depth is not None and (options.focus is None or options.depth < 0):
        raise ExportError("depth needs a focus and must be 0 or more")
    if options.max_depth is not None and options.max_depth < 0:
        raise ExportError("max depth must be 0 or more")
    if options.link_template is not None:
        link_for(options.link_template)
    if options.labels != "full" and fmt != "mermaid":
        raise ExportError(f"labels {options.labels!r} are for Mermaid only, not {fmt}")
    if options.page is not None:
        from backmap.render.pages import FRAMES

        if options.page not in FRAMES:
            raise ExportError(f"unknown page {options.page!r}: use one of {', '.join(FRAMES)}")
        if fmt not in ("svg", "png", "pdf"):
            raise ExportError(f"pages are sized for drawings: use svg, png or pdf, not {fmt}")
    if fmt in WHOLE and (options.focus is not None or options.max_depth is not None):
        raise ExportError(f"{fmt} carries the whole map: leave out focus and max depth")
    if fmt in DATA_FORMATS and options.matches is not None:
        raise ExportError(f"{fmt} carries the whole map: leave out the filter")
