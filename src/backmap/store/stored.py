"""What the store keeps about a loaded workspace: each file as it is on disk, and the comments
people wrote around each node. The model carries it (`Workspace.stored`) but never reads it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path

from backmap.store.outline import outline

Lines = tuple[str, ...]
Comments = dict[tuple[str, ...], tuple[Lines, Lines]]
"""Comments and blank lines by where they sit (a key's path): the whole lines above it, and
the comments at the end of its line."""

# Anchored on the literal `id:` (fast); what precedes it on its line is checked in scan_lines.
_ID_LINE = re.compile(r"""id:[ \t]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*(?:\r?\n|$)""")


def digest_of(data: bytes) -> str:
    """A content hash of a file's bytes, to tell whether it changed on disk."""
    return blake2b(data, digest_size=16).hexdigest()


@dataclass
class Origin:
    """What a file held when loaded or last saved: to spot changes on disk and to place nodes."""

    text: str
    digest: str
    newline: str = "\n"
    comments: Comments = field(default_factory=dict)
    """Comments outside any node: the file's header, around top-level keys, at the end."""
    ids: list[str] = field(default_factory=list)
    """Node ids in the order `text` has them."""
    known_lines: dict[str, int] | None = None

    @property
    def lines(self) -> dict[str, int]:
        """Node id -> 1-based line of the node in `text`; found on first use, as few need it."""
        if self.known_lines is None:
            self.known_lines = scan_lines(self.ids, self.text)
        return self.known_lines


@dataclass
class Stored:
    """The store's record of one workspace."""

    origins: dict[Path, Origin] = field(default_factory=dict)
    """What each file held on disk when loaded or last saved (none yet for a new file)."""
    comments: dict[str, Comments] = field(default_factory=dict)
    """Comments written around each node, by node id; they follow the node when renamed."""

    def renamed(self, old: str, new: str) -> None:
        """A node's id changed: its comments go with it."""
        if old != new and old in self.comments:
            self.comments[new] = self.comments.pop(old)


def scan_lines(ids: list[str], text: str) -> dict[str, int]:
    """Node lines from a cheap scan of `id:` lines, in order; falls back to the outline."""
    lines: dict[str, int] = {}
    want = iter(ids)
    current = next(want, None)
    line_no, last = 1, 0
    for match in _ID_LINE.finditer(text):
        if current is None:
            break
        if match[1] != current:
            continue
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        lead = text[line_start:start]
        if lead.strip(" \t-") or lead.count("-") > 1:
            continue  # `id:` inside some other text, not a node's key
        line_no += text.count("\n", last, match.start())
        last = match.start()
        lines.setdefault(current, line_no)
        current = next(want, None)
    if current is not None:
        shape = outline(text)
        return {node_id: shape.keys.get(("nodes", i), (1, 1))[0] for i, node_id in enumerate(ids)}
    return lines
