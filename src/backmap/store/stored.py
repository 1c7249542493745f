"""What the store keeps about a loaded workspace: each file as it is on disk, and the comments
people wrote around each node. The model carries it (`Workspace.stored`) but never reads it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.store.outline import outline

if TYPE_CHECKING:
    from backmap.model import Kind, MapFile, Node

Lines = tuple[str, ...]
Comments = dict[tuple[str, ...], tuple[Lines, Lines]]
"""Comments and blank lines by where they sit (a key's path): the whole lines above it, and
the comments at the end of its line."""

Head = tuple[object, ...]
"""A file's own keys: `backmap`, `title` and `description` (see `head_of`)."""


def head_of(mapfile: MapFile) -> Head:
    """The file's own keys, as `Origin.head` keeps them: what an edit of nodes leaves alone."""
    return (mapfile.backmap, mapfile.title, mapfile.description)


# Anchored on the literal `id:` (fast); what precedes it on its line is checked in scan_lines.
_ID_LINE = re.compile(r"""id:[ \t]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*(?:\r?\n|$)""")


@dataclass
class Origin:
    """What a file held when loaded or last saved: to spot changes on disk and to place nodes."""

    text: str
    digest: str
    newline: str = "\n"
    own: Comments | None = field(default_factory=dict)
    """Comments outside any node: the file's header, around top-level keys, at the end; None
    until found (see `comments`)."""
    ids: list[str] = field(default_factory=list)
    """Node ids in the order `text` has them."""
    known_lines: dict[str, int] | None = None
    kinds: list[Kind] = field(default_factory=list)
    """Node kinds in the order `text` has them, to tell section headers when comments are found."""
    found: dict[str, Comments] | None = field(default_factory=dict)
    """Comments around each node, by id, as `text` has them (as read, or as a save wrote
    them); None until found."""
    trivia: bool = False
    """Whether `text` has comments or blank lines (people's files do; generated ones need not)."""
    nodes: list[Node] | None = None
    """The nodes `text` holds, in order, so that saving keeps the text of those an edit left
    alone; None when not known (saving then writes the whole file in canonical form)."""
    head: Head | None = None
    """The file's `backmap`, `title` and `description` as `text` holds them (`head_of`)."""
    bom: bool = False
    """Whether the file starts with a byte order mark (not part of `text`); saving keeps it."""

    @property
    def comments(self) -> Comments:
        """The file's own comments, found on first use: only saving and formatting need them."""
        if self.own is None:
            self._find()
        assert self.own is not None
        return self.own

    def node_comments(self) -> dict[str, Comments]:
        """The comments around each node as `text` has them, found on first use."""
        if self.found is None:
            self._find()
        assert self.found is not None
        return self.found

    def _find(self) -> None:
        from backmap.store.trivia import comments_of  # the slow outline, only when needed

        self.own, self.found = comments_of(self.text, self.ids, self.kinds)

    def offer_lines(self, digest: str, trivia: bool, lines: dict[str, int]) -> None:
        """Node lines found apart (by a helper process) in a text of this `digest`, read with
        this `trivia` and these ids: kept, being what `lines` would find here."""
        if (
            self.known_lines is None
            and digest == self.digest
            and trivia == self.trivia
            and list(lines) == self.ids
        ):
            self.known_lines = lines

    @property
    def lines(self) -> dict[str, int]:
        """Node id -> 1-based line of the node in `text`; found on first use, as few need it."""
        if self.known_lines is None:
            # A file people keep (comments, blank lines) may start a node with another key than
            # `id`: the node's line is then its first key's, which only the outline knows.
            self.known_lines = scan_lines(self.ids, self.text, strict=self.trivia)
        return self.known_lines


@dataclass
class Stored:
    """The store's record of one workspace."""

    origins: dict[Path, Origin] = field(default_factory=dict)
    """What each file held on disk when loaded or last saved (none yet for a new file)."""
    settled: dict[str, Comments] = field(default_factory=dict)
    """Comments around each node by id, from the files read so far; see `comments`."""
    unread: list[Origin] = field(default_factory=list)
    """Loaded files whose node comments are not yet in `settled` (found on first use)."""

    @property
    def comments(self) -> dict[str, Comments]:
        """Comments written around each node, by node id; they follow the node when renamed."""
        if self.unread:
            for origin in self.unread:
                self.settled.update(origin.node_comments())
            self.unread = []
        return self.settled

    def copy(self) -> Stored:
        """A copy whose tables later loads and saves leave alone."""
        return Stored(dict(self.origins), dict(self.settled), list(self.unread))

    def renamed(self, old: str, new: str) -> None:
        """A node's id changed: its comments go with it."""
        if old != new and old in self.comments:
            self.comments[new] = self.comments.pop(old)


def scan_lines(ids: list[str], text: str, strict: bool = False) -> dict[str, int]:
    """Node lines from a cheap scan of `id:` lines, in order; falls back to the outline, and
    with `strict` also when a node's `id` is not its first key (on the line of its `-`)."""
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
        if strict and "-" not in lead:
            break  # the outline decides
        line_no += text.count("\n", last, match.start())
        last = match.start()
        lines.setdefault(current, line_no)
        current = next(want, None)
    if current is not None:
        shape = outline(text)
        return {node_id: shape.keys.get(("nodes", i), (1, 1))[0] for i, node_id in enumerate(ids)}
    return lines
