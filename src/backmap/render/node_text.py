"""The words a drawing puts on a node, whatever its format: the title wrapped and cut, the small
line of owners, status, progress and due date, and the "also serves" lines."""

from __future__ import annotations

import textwrap

from backmap.model import Kind, Node, Status
from backmap.render import labels
from backmap.render.scene import Scene

WRAP = 24
LABEL_CHARS = 160
"""Most characters of a title drawn on a node; the tooltip holds all of it."""
ALSO_CHARS = 40
"""Most characters of another parent's title on an "also serves" line."""


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Lines of at most about `width` characters; the author's own line breaks are kept.

    Text past LABEL_CHARS is cut with '…': a node is no place for a page, and textwrap slices a
    long word once per line, which on megabytes without a space takes minutes.
    """
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1] + "…"
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        words = paragraph.split()
        if " ".join(words) == paragraph and all(len(w) <= width for w in words):
            lines += _greedy(words, width)  # what textwrap gives, without its cost per call
            continue
        lines += textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
    return lines


def _greedy(words: list[str], width: int) -> list[str]:
    """Words single-spaced, none wider than `width`, filled line by line (as textwrap does)."""
    lines: list[str] = []
    line = ""
    for word in words:
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def meta(node: Node, progress: float | None, hidden: int, health: str | None = None) -> str:
    """The small line under a title: owners, status, health when at risk or off track,
    progress, due date, what is left out."""
    parts = []
    owners = labels.owners(node)  # as `tree` says them: a sub-owner alone is no owner
    if owners:
        parts.append("@" + owners)
    if node.status is not None:
        parts.append(node.status.value)
    if health is not None:
        parts.append(health)
    shown = node.progress if node.kind is Kind.INITIATIVE else progress
    if shown is not None and node.status is not Status.DROPPED:
        parts.append(f"{shown:.0f}%")
    if node.due is not None:
        parts.append(f"due {node.due.isoformat()}")
    if hidden:
        parts.append(f"+{hidden} more beneath")
    return " · ".join(parts)


def also_serves(scene: Scene, node_id: str, most: int = 2) -> list[str]:
    """'also serves → Reduce friction' for each other parent, the first `most` of them."""
    others = scene.also_serves.get(node_id, [])
    lines = []
    for _, title in others[:most]:
        title = " ".join(title.split())
        lines.append(f"also serves → {middle_cut(title)}")
    if len(others) > most:
        lines.append(f"also serves {len(others) - most} more")
    return lines


def middle_cut(text: str, most: int = ALSO_CHARS) -> str:
    """`text` in at most `most` characters, cut in the middle: 'Goal 4 about … in the north'.

    Similar titles differ as often at the end as at the start ("... in the north", "... in
    the south"), so both are kept; cuts fall between words where one is near.
    """
    if len(text) <= most:
        return text
    room = most - 3  # " … "
    ends, starts = (room + 1) // 2, len(text) - room // 2
    head, tail = text[:ends], text[starts:]
    # Between words when that loses less than a third of a side; else mid-word.
    if text[ends] != " " and " " in head[len(head) * 2 // 3 :]:
        head = head[: head.rindex(" ")]
    if text[starts - 1] != " " and " " in tail[: len(tail) // 3 + 1]:
        tail = tail[tail.index(" ") + 1 :]
    return f"{head.rstrip()} … {tail.lstrip()}"
