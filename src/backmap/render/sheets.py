"""A map as a spreadsheet: CSV, or XLSX through openpyxl (imported only when asked for).

One row per node in file order, a column per field; `parent` holds every id the node supports,
`;`-separated, so a second parent survives the trip. A column of OPTIONAL is left out when no
node has that field. Deterministic: the XLSX carries a fixed date.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from backmap.importing.raw import FIELDS, METRIC_COLUMNS, OPTIONAL
from backmap.model import Node, Workspace

COLUMNS = FIELDS
"""The columns a spreadsheet export writes: the fields an import reads back."""
_FIXED = "2000-01-01T00:00:00Z"


def rows(ws: Workspace) -> list[list[Any]]:
    """The header and one row of typed values per node (None for an empty cell)."""
    cells = [[value(node, column) for column in COLUMNS] for node in ws.nodes()]
    used = [
        i
        for i, column in enumerate(COLUMNS)
        if column not in OPTIONAL or any(row[i] is not None for row in cells)
    ]
    return [[COLUMNS[i] for i in used], *([row[i] for i in used] for row in cells)]


def value(node: Node, column: str) -> Any:
    """The node's value in `column` of FIELDS, typed (numbers, dates), or None when empty; the
    one way the exports write a field, which `backmap.fields.read` reads back."""
    if column == "parent":
        return ";".join(node.supports) or None
    if column in ("tags", "links", "paths", "ignore"):
        return ", ".join(getattr(node, column)) or None
    if column in METRIC_COLUMNS:
        return _whole(getattr(node.metric, METRIC_COLUMNS[column]) if node.metric else None)
    if column == "progress":
        return _whole(node.progress)
    if column == "checkins":  # the block's lines; the line break ending it goes without saying
        return node.checkins.rstrip("\n") or None if node.checkins else None
    found = getattr(node, column)
    return found.value if hasattr(found, "value") else found


def _whole(number: Any) -> Any:
    """A whole number as an int, so that a map's `40.0` is written 40, as the import reads it."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        return int(number)
    return number


def text(found: Any) -> str:
    """A typed value as a cell or an attribute writes it ('' for None)."""
    if found is None:
        return ""
    if isinstance(found, bool):
        return "yes" if found else "no"
    return str(found.isoformat() if hasattr(found, "isoformat") else found)


def to_csv(ws: Workspace) -> str:
    """The map as CSV (UTF-8, comma-separated, a header row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows(ws):
        writer.writerow([text(v) for v in row])
    return out.getvalue()


def to_xlsx(ws: Workspace) -> bytes:
    """The map as an XLSX workbook with one sheet, 'Map'; dates are date cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Map")
    for row in rows(ws):
        cells: list[Any] = []
        for value in row:
            if isinstance(value, str) and (value.startswith("=") or "\n" in value):
                cell = WriteOnlyCell(sheet, value)
                cell.data_type = "s"  # text, never a formula that the spreadsheet would run
                if "\n" in value:  # check-ins, a description: shown a line each
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                value = cell
            cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed(buffer.getvalue())


def _fixed(data: bytes) -> bytes:
    """The same workbook with a fixed date in its properties and its zip entries."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            content = old.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + _FIXED.encode(),
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(entry, content)
    return out.getvalue()
