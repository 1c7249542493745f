"""Spreadsheets: CSV and XLSX with a header row; columns map to fields by name.

A sheet is either a row per node (a `title` column, `parent` naming what it serves) or the
tree laid out in level columns (`Outcome`, `Goal`, `Initiative`): a row per path, its other
columns the fields of the last item the row names."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from backmap.importing.levels import LEVEL, LEVELS, Levels, level_kinds, path
from backmap.importing.raw import FIELDS, Item, Outline, Problem

ALIASES = {
    "parents": "parent",
    "supports": "parent",
    "sub": "sub_owner",
    "backup": "sub_owner",
    "notes": "description",
    "metric_name": "metric",
    "metric_unit": "unit",
    "check_ins": "checkins",
}
"""Column names read as a field besides the fields' own names."""
HINTS = {"deputy": "sub_owner", "deadline": "due", "percent": "progress", "%": "progress"}
"""Words that, in the name of a column left out, suggest a field (a note names it), besides
the fields' names and ALIASES: `Deadline`, `Owner (backup)`, `% complete`."""
FILLERS = frozenset({"by", "complete", "completed", "date", "done", "name", "of", "the"})
"""Words that name no field in a column's name: `Due date`, `% complete`."""


class ColumnsError(ValueError):
    """A --columns mapping that names no field."""


def parse_columns(text: str) -> dict[str, str]:
    """'Goal=title,Lead=owner' -> {'Goal': 'title', 'Lead': 'owner'}; a level names a level
    column: 'Objective=goal' -> {'Objective': 'level:goal'}. ColumnsError if malformed.
    Column names stay as written, for messages: a reader matches them as it matches headers."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, target = part.partition("=")
        field = _key(target)
        field = ALIASES.get(field, field)
        if field in LEVELS and field not in FIELDS:
            field = LEVEL + LEVELS[field]
        elif not sep or not name.strip() or field not in FIELDS:
            levels = ", ".join(level_kinds())
            raise ColumnsError(
                f"--columns {part!r}: write COLUMN=FIELD, FIELD one of {', '.join(FIELDS)} "
                f"(or a level: {levels})"
            )
        if not sep or not name.strip():
            raise ColumnsError(f"--columns {part!r}: write COLUMN=FIELD")
        mapping[name.strip()] = field
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
        if not _readable(fields):
            return outline
        levels = Levels()
        repeats: dict[tuple[str, ...], str] = {}
        start = reader.line_num
        for row in reader:
            where = f"{path}:{start + 1}"
            start = reader.line_num
            _row(outline, where, fields, row, lambda _, where=where: where, levels, repeats)
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
    if not _readable(fields):
        book.close()
        return outline
    levels = Levels()
    repeats: dict[tuple[str, ...], str] = {}
    for number, cells in enumerate(rows, 2):
        values = [_cell_text(c) for c in cells]

        def place(column: int, number: int = number) -> str:
            return f"{path} {name}!{get_column_letter(column + 1)}{number}"

        _row(outline, place(0), fields, values, place, levels, repeats)
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
    """The field of each column (None: not used; `level:KIND` a level column, in a sheet with
    no title column); a problem when no column is the title and none a level."""
    header = list(header)
    keys = [_key(name) for name in header]
    missing = [name for name in columns if _key(name) not in keys]
    if missing:
        have = ", ".join(repr(n.strip()) for n in header if n.strip()) or "none"
        outline.problems.append(
            Problem(
                where,
                f"--columns names {_listed(missing)}, which {outline.source.name} has no "
                f"column of: its columns are {have}",
            )
        )
    columns = {_key(name): field for name, field in columns.items()}
    titled = any((columns.get(k) or ALIASES.get(k, k)) == "title" for k in keys)
    fields: list[str | None] = []
    ignored: list[str] = []
    for name, key in zip(header, keys, strict=True):
        field = columns.get(key) or ALIASES.get(key, key)
        level = not titled and field.startswith(LEVEL)
        if (field in FIELDS and field not in fields) or level:
            fields.append(field)
        elif not titled and key in LEVELS and key not in columns:
            fields.append(LEVEL + LEVELS[key])
        else:
            fields.append(None)
            if name.strip():
                ignored.append(name.strip())
    if not _readable(fields):
        outline.problems.append(
            Problem(
                where,
                "no title column: name one 'title' (or map it with --columns NAME=title), or "
                "lay the tree out in columns named Outcome, Goal and Initiative",
            )
        )
    taken = {f for f in fields if f is not None}
    left = [(name, _suggested(name, taken)) for name in ignored]
    twice = {f for f, n in Counter(f for _, f in left if f).items() if n > 1}
    # Two columns reading as one field (`Deputy`, `Backup owner`): which one is not clear.
    outline.columns_left = [(name, None if f in twice else f) for name, f in left]
    return fields


def _listed(names: list[str]) -> str:
    quoted = [repr(n) for n in names]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else quoted[0]


def _suggested(name: str, taken: set[str]) -> str | None:
    """The field a column's name reads as, when that is clear: every word of it names one
    field, or none; the field not imported from another column."""
    named: set[str] = set()
    words = re.findall(r"%|[^\W_]+", name.lower())
    for word in words:
        field = HINTS.get(word) or ALIASES.get(word, word)
        if field in FIELDS:
            named.add(field)
        elif word not in FILLERS:
            return None  # a word of its own may mean anything: `Start date` is no due date
    # 'Backup owner', 'Owner (backup)': a word that qualifies the owner makes the sub owner.
    named -= {f for f in named if any(g.endswith("_" + f) for g in named)}
    if "date" in words and named != {"due"}:
        return None  # `Target date` is a date, not a metric's target
    if len(named) != 1 or named & taken:
        return None
    return named.pop()


def _repeated(
    outline: Outline, where: str, values: list[str], rows: dict[tuple[str, ...], str]
) -> bool:
    """Whether the row repeats an earlier one in every column (said in a note).

    Such a row is a copy (pasted twice, or an export that repeats rows): two nodes of it would
    only be one item twice. Rows that differ are imported, each, as they may be two items."""
    cells = [v.strip() for v in values]
    while cells and not cells[-1]:
        cells.pop()
    first = rows.setdefault(tuple(cells), where)
    if first == where:
        return False
    outline.remarks.append(
        Problem(where, f"this row repeats {first} in every column: imported once")
    )
    return True


def _readable(fields: list[str | None]) -> bool:
    return "title" in fields or any(f and f.startswith(LEVEL) for f in fields)


def _row(
    outline: Outline,
    where: str,
    fields: list[str | None],
    values: list[str],
    place: Any,
    levels: Levels,
    repeats: dict[tuple[str, ...], str],
) -> None:
    if not any(v.strip() for v in values):
        return  # blank rows separate groups in many sheets
    laid_out = "title" not in fields
    if not laid_out and _repeated(outline, where, values, repeats):
        return
    item = path(outline, where, fields, values, place, levels) if laid_out else Item("", where)
    if item is None:
        return
    for column, (field, value) in enumerate(zip(fields, values, strict=False)):
        value = value.strip()
        if field is None or field.startswith(LEVEL) or not value:
            continue
        if laid_out and field in item.fields:
            continue  # a node on several rows: its first row gives its fields
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
    if not laid_out:  # a level column's items are listed as they are made
        outline.items.append(item)
