"""`backmap import`: plans written elsewhere (Markdown, OPML, mind maps, CSV, XLSX) made into nodes.

Each reader turns a file into an Outline of raw strings with places; `build.plan` turns that
into nodes for a workspace. Pure: nothing here writes files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from backmap.importing.raw import ImportFailed, Item, Outline, Problem
from backmap.vocabulary import IMPORT_FORMATS

__all__ = ["FORMATS", "ImportFailed", "Item", "Outline", "Problem", "format_for", "read"]

FORMATS = IMPORT_FORMATS
EXTENSIONS = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "md",
    ".opml": "opml",
    ".mm": "mm",
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
}
MAX_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused before they are read (a plan is never that big)."""


def format_for(path: Path) -> str | None:
    """The format a file name says by its extension, or None."""
    return EXTENSIONS.get(path.suffix.lower())


def read(path: Path, fmt: str, data: bytes, columns: Mapping[str, str] | None = None) -> Outline:
    """The outline in `data` (the bytes of `path`) read as `fmt`; problems are in the outline."""
    columns = columns or {}
    if fmt == "md":
        from backmap.importing import markdown

        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            return Outline(path, problems=[Problem(f"{path}:{line}", "not UTF-8 text")])
        from backmap.importing import tree_text

        if tree_text.looks_like(text):
            return tree_text.read(path, text)
        return markdown.read(path, text)
    if fmt == "opml":
        from backmap.importing import opml

        return opml.read(path, data)
    if fmt == "mm":
        from backmap.importing import mindmap

        return mindmap.read(path, data)
    from backmap.importing import table

    if fmt == "csv":
        return table.read_csv(path, data, columns)
    if fmt == "xlsx":
        return table.read_xlsx(path, data, columns)
    raise ValueError(f"unknown import format {fmt!r}")
