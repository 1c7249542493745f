"""The (id, title) of every node of a workspace's files, read without loading them: a guess,
quick for the files backmap writes, for work that checks it against the loaded map later."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from backmap.store.disk import walk
from backmap.store.parse import read_text

Titles = list[tuple[str, str]]

# The lines that give the nodes their shape, as backmap writes them: each node an `- id:` item,
# then its `title:` key, and no other item (comments aside).
_SHAPE = re.compile(r"\n(  - id: |    title: |  [^ \n#])")
_IDS = re.compile(r"\n  - id: ([^\n]*)")
_TITLES = re.compile(r"\n    title: ([^\n]*)")
# A line indented deeper after a title may continue it; a top-level line may be another key.
_ODD = re.compile(r"\n    title: [^\n]*\n     |\n[^ \n#]")
# A plain scalar that YAML reads as the very text, and as a string: no indicator first, no
# comment or key inside, nothing to trim; numbers, booleans and nulls are told apart below.
_PLAIN = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@`\s](?:[^\n#:]|:(?! )|(?<! )#)*(?<![\s:])")
_QUOTED = re.compile(r"'[^'\n]+'|\"[^\"\n]+\"")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_NOT_TEXT = re.compile(
    r"[-+]?(?:\.?[0-9]|\.inf|\.nan)|(?:true|false|null|yes|no|on|off|y|n|~)$", re.IGNORECASE
)
_RARE = ("\t", "\r", "\\", "\u2028", "\u2029", "\x85")


class Read(NamedTuple):
    """One map file as read ahead: its text, the digest of its bytes and its nodes' titles."""

    path: Path
    text: str
    digest: str
    titles: Titles


def read_ahead(root: Path) -> list[Read]:
    """Every map file of the workspace at `root`, in the order a load reads them, with the
    (id, title) of its nodes.

    Files written as backmap writes them are scanned line by line; any other is parsed whole.
    A guess all the same: a file that does not load may give anything (ValueError where it is
    not a list of nodes), and only the loaded map says what the nodes are."""
    import yaml_rs

    files: list[Read] = []
    for path in walk(root)[0]:
        text, digest = read_text(path)
        found = _scan(text)
        if found is None:
            data = yaml_rs.loads(text, parse_datetime=False)
            nodes = data.get("nodes", []) if type(data) is dict else None
            if type(nodes) is not list:
                raise ValueError(f"{path}: no list of nodes")
            found = [(node["id"], node["title"]) for node in nodes]
        files.append(Read(path, text, digest, found))
    return files


def _scan(text: str) -> Titles | None:
    """The nodes' (id, title) read from the lines of a file as backmap writes it, or None
    where anything may read otherwise than it looks. Regular expressions over the whole
    text, not a loop over its lines: this runs while the map loads, to be done before it."""
    if any(char in text for char in _RARE):
        return None
    start = 0 if text.startswith("nodes:\n") else text.find("\nnodes:\n") + 1
    if not start and not text.startswith("nodes:\n"):
        return None
    body = text[start + len("nodes:") :]
    ids = _IDS.findall(body)
    if not ids or "".join(_SHAPE.findall(body)) != "  - id:     title: " * len(ids):
        return None
    titles = _TITLES.findall(body)
    if _ODD.search(body) or not all(map(_ID.fullmatch, ids)):
        return None
    if not all(map(_PLAIN.fullmatch, titles)) or any(map(_NOT_TEXT.match, titles)):
        if not all(map(_plain_or_quoted, titles)):
            return None
        titles = [t[1:-1] if t[0] in "'\"" else t for t in titles]
    return list(zip(ids, titles, strict=True))


def _plain_or_quoted(title: str) -> bool:
    if _QUOTED.fullmatch(title):
        return True
    return _PLAIN.fullmatch(title) is not None and _NOT_TEXT.match(title) is None
