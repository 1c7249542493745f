"""The workspace's settings file, `backmap.toml`: read, its shape checked, its problems worded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from backmap.store.disk import beside
from backmap.store.problems import FileProblems, Problem
from backmap.vocabulary import Severity

SETTINGS_NAME = "backmap.toml"
EXAMPLE = 'title = "Greenbasket plan for 2027"'
CHECK_KEYS = (
    "select",
    "ignore",
    "fail-on",
    "max-open-items",
    "max-sub-owned",
    "near-duplicate",
    "stale-days",
    "today",
)
"""The keys the `[check]` table takes; the check settings give each its meaning."""
TOP_LEVEL = ("title", "check")

Where = tuple[int, int]


@dataclass(frozen=True)
class Settings:
    """What `backmap.toml` holds, its shape checked (the check settings check their values)."""

    path: Path
    """Where the file is, or would be."""
    title: str | None = None
    """The workspace's own title."""
    check: dict[str, Any] = field(default_factory=dict)
    """The `[check]` table's values, checked, by key (each one of CHECK_KEYS)."""
    places: dict[tuple[str, ...], Where] = field(default_factory=dict)
    """Line and column of each key and table header, by its path: ("check", "stale-days")."""

    def where(self, *key: str) -> Where:
        return self.places.get(key, (1, 1))


def settings_path(root: Path) -> Path:
    """Where a workspace's `backmap.toml` lives: in the folder, or beside the single file."""
    return beside(root, SETTINGS_NAME)


def read_settings(root: Path) -> Settings:
    """The workspace's `backmap.toml` (empty settings when there is none).

    Raises FileProblems for a file TOML cannot read (worded as advice), an unknown table or
    key (with the closest known one), or a title that is not one line of text.
    """
    path = settings_path(root)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise FileProblems([Problem(path, 1, 1, f"cannot read: {exc}")]) from None
    import tomllib  # only for a workspace that has the file

    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line, col, message = _advice(str(exc), raw)
        raise FileProblems([Problem(path, line, col, message)]) from None
    settings = Settings(path, places=_places(raw))
    problems = _unknown(settings, data)
    check = data.get("check", {})
    if not isinstance(check, dict):
        line, col = settings.where("check")
        problems.append(Problem(path, line, col, "`check` must be a table: a [check] line"))
        check = {}
    values = {}
    for key, value in check.items():
        if key in CHECK_KEYS:
            try:
                values[key] = _convert(key, value)
            except (TypeError, ValueError) as exc:
                line, col = settings.where("check", key)
                problems.append(Problem(path, line, col, f"`{key}`: {exc}"))
    title = data.get("title")
    if title is not None and (
        not isinstance(title, str) or not title.strip() or "\n" in title or "\r" in title
    ):
        line, col = settings.where("title")
        problems.append(
            Problem(path, line, col, f"`title` must be one line of text, e.g. {EXAMPLE}")
        )
    if problems:
        raise FileProblems(problems)
    return Settings(path, title and title.strip(), values, settings.places)


def _unknown(settings: Settings, data: dict[str, Any]) -> list[Problem]:
    """A problem for each table or key the file does not take, naming the closest one that is."""
    from backmap.suggest import Suggester

    problems = []
    for key, value in data.items():
        if key in TOP_LEVEL:
            continue
        guess = Suggester(TOP_LEVEL)(key)
        if isinstance(value, dict):
            what = f"unknown table [{key}]"
            hint = f"did you mean [{guess}]?" if guess else ""
        else:
            what = f"unknown setting `{key}`"
            hint = f"did you mean `{guess}`?" if guess else ""
        takes = f"{SETTINGS_NAME} takes `title` and a [check] table"
        line, col = settings.where(key)
        problems.append(Problem(settings.path, line, col, f"{what}; {hint or takes}"))
    check = data.get("check")
    for key in check if isinstance(check, dict) else ():
        if key in CHECK_KEYS:
            continue
        if key in TOP_LEVEL:
            hint = f"`{key}` goes at the top of the file, above [check]"
        else:
            guess = Suggester(CHECK_KEYS)(key)
            known = f"known: {', '.join(sorted(CHECK_KEYS))}"
            hint = f"did you mean `{guess}`? {known}" if guess else known
        line, col = settings.where("check", key)
        problems.append(
            Problem(settings.path, line, col, f"unknown setting `{key}` in [check]; {hint}")
        )
    return problems


def _convert(key: str, value: Any) -> Any:
    """The value of a [check] key, checked for what it must be; TypeError or ValueError."""
    name = key.replace("-", "_")
    if name in ("select", "ignore"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError('must be a list of rule codes, e.g. ["BM3", "BM501"]')
        return parse_codes(value)
    if name == "fail_on":
        return Severity.parse(str(value))
    if name in ("max_open_items", "max_sub_owned", "stale_days"):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError("must be a whole number of at least 1")
        return value
    if name == "near_duplicate":
        if not isinstance(value, (int, float)) or not 0 < value <= 1:
            raise ValueError("must be a number above 0 and at most 1, e.g. 0.8")
        return float(value)
    if name == "today":
        if not isinstance(value, date):
            raise TypeError("must be a date like 2027-01-31")
        return value
    raise ValueError(name)


_CODE = re.compile(r"BM[0-9]{0,3}")


def parse_codes(values: list[str]) -> tuple[str, ...]:
    """Rule codes or prefixes, upper-cased and validated: BM, BM3, BM30, BM301."""
    codes = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not _CODE.fullmatch(code):
                raise ValueError(f"{part.strip()!r} is not a rule code or prefix like BM3 or BM301")
            codes.append(code)
    return tuple(codes)


_HEADER = re.compile(r"\s*\[\s*([^\]]*?)\s*\]")
_KEY = re.compile(
    r"\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in dotted.split("."))


def _places(raw: str) -> dict[tuple[str, ...], Where]:
    """Where each table header and key is written (tomllib keeps no positions); first wins."""
    places: dict[tuple[str, ...], Where] = {}
    table: tuple[str, ...] = ()
    for number, text in enumerate(raw.splitlines(), start=1):
        if header := _HEADER.match(text):
            table = _parts(header[1])
            places.setdefault(table, (number, header.start(1) + 1))
        elif key := _KEY.match(text):
            places.setdefault((*table, *_parts(key[1])), (number, key.start(1) + 1))
    return places


_ADVICE = (
    ("Illegal character '\\n'", "unterminated string: close the quote on the same line"),
    ("Unterminated string", "unterminated string: close the quote"),
    ("Expected \"'''\"", "unterminated string: close it with '''"),
    ('Expected \'"""\'', 'unterminated string: close it with """'),
    ("Illegal character", "a control character in a string: remove it, or write it as \\t"),
    ("Invalid value", f"not a value: put text in quotes, e.g. {EXAMPLE}"),
    ("Expected '=' after a key", "a setting is written `name = value`"),
    ("Invalid initial character for a key", "a setting is written `name = value`"),
    ("Invalid statement", "a line is `name = value`, a [table] or a # comment"),
    (
        "Expected newline or end of document",
        "one setting per line; text goes in one pair of quotes",
    ),
    ("Expected ']' at the end of a table", "close the table name with ], e.g. [check]"),
    ("Unclosed array", 'close the list with ], e.g. select = ["BM1", "BM3"]'),
    ("Cannot declare", "this table is declared twice: keep one [table] line"),
    ("Cannot overwrite a value", "this setting is set twice: keep one of them"),
    ("Unescaped '\\'", "a backslash in quotes starts an escape: write \\\\ or use 'single quotes'"),
    ("Invalid date", "not a date: write it as 2027-01-31"),
)


def _advice(error: str, raw: str) -> tuple[int, int, str]:
    """Line, column and what to do, from a tomllib message like `Invalid value (at line 1,
    column 9)`; the message as tomllib words it when it is not one of the common ones."""
    if where := re.search(r"\(at line (\d+), column (\d+)\)", error):
        line, col = int(where[1]), int(where[2])
    else:  # "(at end of document)": the last line
        lines = raw.splitlines() or [""]
        line, col = len(lines), len(lines[-1]) + 1
    message = re.sub(r"\s*\(at (line|end).*\)$", "", error)
    advice = next((text for start, text in _ADVICE if message.startswith(start)), None)
    return line, col, advice or message[:1].lower() + message[1:]
