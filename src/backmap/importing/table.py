"""Spreadsheets: CSV and XLSX with a header row; columns map to fields by name."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from backmap.importing.raw import FIELDS, Item, Outline, Problem

ALIASES = {"parents": "parent", "supports": "parent", "sub": "sub_owner", "notes": "description"}


class ColumnsError(ValueError):
    """A --columns mapping that names no field."""


def parse_columns(text: str) -> dict[str, str]:
    """'Goal=title,Lead=owner' -> {'goal': 'title', 'lead': 'owner'}; ColumnsError if malformed."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, target = part.partition("=")
        field = _key(target)
        field = ALIASES.get(field, field)
        if not sep or not name.strip() or field not in FIELDS:
            raise ColumnsError(
                f"--columns {part!r}: write COLUMN=FIELD, FIELD one of {', '.join(FIELDS)}"
            )
        mapping[_key(name)] = field
    return mapping


def _key(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def read_csv(path: Path, data: bytes, columns: Mapping[str, str]) -> Outline:
    """The rows of a CSV file (UTF-8, comma, semicolon or tab separated) as a flat outline."""
    outline = Outline(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        outline.problems.append(Problem(f"{path}:{line}", "not UTF-8 text: save the CSV as UTF-8"))
        return outline
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            outline.problems.append(Problem(f"{path}:1", "the file is empty: give a header row"))
            return outline
        fields = _fields(outline, f"{path}:1", header, columns)
        if "title" not in fields:
            return outline
        start = reader.line_num
        for row in reader:
            where = f"{path}:{start + 1}"
            start = reader.line_num
            _row(outline, where, fields, row, lambda _, where=where: where)
    except csv.Error as exc:
        outline.problems.append(Problem(f"{path}:{reader.line_num}", f"not valid CSV: {exc}"))
    return outline


def read_xlsx(path: Path, data: bytes, columns: Mapping[str, str]) -> Outline:
    """The rows of the first sheet of an XLSX workbook as a flat outline ('Sheet!C5' places)."""
    import openpyxl  # only XLSX needs it, and it takes a while to import
    from openpyxl.utils import get_column_letter

    outline = Outline(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        outline.problems.append(Problem(f"{path}", f"not an XLSX workbook: {exc}"))
        return outline
    sheet = book.worksheets[0]
    name = sheet.title
    rows = sheet.iter_rows()
    header = next(rows, None)
    if header is None:
        outline.problems.append(
            Problem(f"{path} {name}!A1", "the sheet is empty: give a header row")
        )
        return outline
    fields = _fields(outline, f"{path} {name}!1:1", [_cell_text(c) for c in header], columns)
    if "title" not in fields:
        book.close()
        return outline
    for number, cells in enumerate(rows, 2):
        values = [_cell_text(c) for c in cells]

        def place(column: int, number: int = number) -> str:
            return f"{path} {name}!{get_column_letter(column + 1)}{number}"

        _row(outline, place(0), fields, values, place)
    book.close()
    return outline


def _cell_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float | int) and not isinstance(value, bool):
        if "%" in (getattr(cell, "number_format", "") or ""):
            value = round(value * 100, 10)  # a percent cell holds 0.4 for 40%
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)  # the shortest text that reads back as the same number
    return str(value)


def _fields(
    outline: Outline, where: str, header: Iterable[str], columns: Mapping[str, str]
) -> list[str | None]:
    """The field of each column (None: not used); a problem when no column is the title."""
    fields: list[str | None] = []
    ignored: list[str] = []
    for name in header:
        key = _key(name)
        field = columns.get(key) or ALIASES.get(key, key)
        if field in FIELDS and field not in fields:
            fields.append(field)
        else:
            fields.append(None)
            if name.strip():
                ignored.append(name.strip())
    if "title" not in fields:
        outline.problems.append(
            Problem(where, "no title column: name one 'title', or map it with --columns NAME=title")
        )
    if ignored:
        outline.notes.append(f"columns not imported: {', '.join(ignored)}")
    return fields


def _row(
    outline: Outline, where: str, fields: list[str | None], values: list[str], place: Any
) -> None:
    if not any(v.strip() for v in values):
        return  # blank rows separate groups in many sheets
    item = Item("", where)
    for column, (field, value) in enumerate(zip(fields, values, strict=False)):
        value = value.strip()
        if field is None or not value:
            continue
        if field == "title":
            item.title = value
        elif field == "parent":
            item.parents += [p.strip() for p in value.split(";") if p.strip()]
        elif field == "tags":
            # Parents are separated by `;`, so sheets use it for tags too: take either.
            tags = (t.strip() for t in value.replace(";", ",").split(","))
            item.fields[field] = ", ".join(t for t in tags if t)
        else:
            item.fields[field] = value
        item.places[field] = place(column)
    if not item.title:
        outline.problems.append(Problem(where, "no title in this row: every row needs one"))
        return
    outline.items.append(item)
