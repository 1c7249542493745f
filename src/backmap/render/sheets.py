"""A map as a spreadsheet: CSV, or XLSX through openpyxl (imported only when asked for).

One row per node in file order; `parent` holds every id the node supports, `;`-separated, so
a second parent survives the trip. Deterministic: the XLSX carries a fixed date.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from backmap.importing.raw import FIELDS
from backmap.model import Node, Workspace

COLUMNS = FIELDS
"""The columns a spreadsheet export writes: the fields an import reads back."""
_FIXED = "2000-01-01T00:00:00Z"


def rows(ws: Workspace) -> list[list[Any]]:
    """The header and one row of typed values per node (None for an empty cell)."""
    table: list[list[Any]] = [list(COLUMNS)]
    for node in ws.nodes():
        table.append([_value(node, column) for column in COLUMNS])
    return table


def _value(node: Node, column: str) -> Any:
    if column == "parent":
        return ";".join(node.supports) or None
    if column in ("tags", "links"):
        return ", ".join(getattr(node, column)) or None
    value = getattr(node, column)
    return value.value if hasattr(value, "value") else value


def to_csv(ws: Workspace) -> str:
    """The map as CSV (UTF-8, comma-separated, a header row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows(ws):
        writer.writerow(
            ["" if v is None else v.isoformat() if hasattr(v, "isoformat") else v for v in row]
        )
    return out.getvalue()


def to_xlsx(ws: Workspace) -> bytes:
    """The map as an XLSX workbook with one sheet, 'Map'; dates are date cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Map")
    for row in rows(ws):
        cells: list[Any] = []
        for value in row:
            if isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(sheet, value)
                cell.data_type = "s"  # text, never a formula that the spreadsheet would run
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
