"""What `backmap tree` prints, read back: a title line, then one row per node drawn with guides
(`├─ `, `│  `), a kind icon and the node's fields, which `tokens` reads from the end of the row.

A node's metric (` · eNPS 32 (target 40, from 20)`) is left out: it is shown, not read back.
A node shown again under a second parent (`⇈ 2 parents (shown above)`) becomes that parent's
link to the node, not a second node.
"""

from __future__ import annotations

import re
from pathlib import Path

from backmap.importing.raw import Item, Outline
from backmap.render.labels import ICONS
from backmap.vocabulary import STATUSES

_KINDS = {icon: kind.value for kind, icon in ICONS.items()}  # the icons `tree` draws
_ROW = re.compile(rf"((?:[│ ]  )*)([├└]─ )?([{''.join(_KINDS)}]) (.*)")
_TAIL = re.compile(
    r"(?: ⇈ \d+ parents)?(?: level (\d+))?(?: ↺ cycle| \(shown above\))?(?: \(context\))?$"
)
_ID = re.compile(r" \[([a-z0-9][a-z0-9_-]*)\](?= |$)")
_FIELDS_THEN_METRIC = re.compile(
    rf" \[[a-z0-9][a-z0-9_-]*\](?: (?:{'|'.join(STATUSES)}|personal|[\d.]+%|@\S+|due"
    r"|\d{4}-\d\d-\d\d))* · (?=(.*)$)"
)
"""Where a row's metric starts: `tree` writes it after the id, the field tokens and a ' · '. Its
name is free text, so it is found by what comes before it, and by what follows holding no id
(a ' · ' inside a title is followed by the row's id)."""


def looks_like(text: str) -> bool:
    """Whether `text` is `tree` output: every line after the first is a row."""
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) > 1 and all(_ROW.fullmatch(line) for line in lines[1:])


def read(path: Path, text: str) -> Outline:
    """The outline of `tree` output (see `looks_like`)."""
    outline = Outline(path)
    first: dict[str, int] = {}  # id -> index of the row that first showed it
    open_rows: list[int] = []  # the index shown at each depth on the way down
    for number, line in enumerate(text.splitlines(), 1):
        row = _ROW.fullmatch(line)
        if row is None:
            if line.strip() and outline.title is None and not outline.items:
                outline.title = line.strip()
            continue
        guides, branch, icon, label = row.groups()
        tail = _TAIL.search(label)
        assert tail is not None  # every part of the pattern is optional
        label = label[: tail.start()]
        label = _without_metric(label)
        depth = len(guides) // 3 + (1 if branch else 0)
        if tail.group(1):
            depth = int(tail.group(1))  # deeper than tree indents: it says the level
        del open_rows[depth:]
        under = open_rows[-1] if open_rows else None
        shown = _ID.findall(label)
        node_id = shown[-1] if shown else None
        if node_id is not None and node_id in first:
            again = first[node_id]
            if under is not None and under not in outline.items[again].links:
                outline.items[again].links.append(under)
            open_rows.append(again)
            continue
        if node_id is not None:
            first[node_id] = len(outline.items)
        open_rows.append(len(outline.items))
        outline.items.append(Item(f"{label} ({_KINDS[icon]})", f"{path}:{number}", under))
    return outline


def _without_metric(label: str) -> str:
    """The row's label without its metric, which is shown, not read back."""
    for found in _FIELDS_THEN_METRIC.finditer(label):
        if not _ID.search(" " + found.group(1)):
            return label[: found.end() - 3]
    return label
