"""The comments and blank lines of a file, split into the file's own and each node's (by id).

Finding them takes the slow event-level outline, so a load only notes that a file has some;
they are found on first use (saving, formatting), which read-only commands never reach.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from backmap.model import Kind
from backmap.store.outline import END, START, Outline, Trivia, outline
from backmap.store.sections import split_headers
from backmap.store.stored import Comments

NodeComments = dict[str, Comments]

_BLANK_LINE = re.compile(r"\n[ \t]+\r?\n")


def has_trivia(text: str) -> bool:
    """Whether the text may hold a comment or a blank line (a '#' inside a value counts too)."""
    # Searches for one character run at memchr speed, for two or more at a tenth of it (25 ms
    # each on a 100k-node map): the longer ones only run where a rare character says they may.
    if "#" in text or "\n\n" in text:
        return True
    returns, tabs = "\r" in text, "\t" in text
    if returns and "\n\r\n" in text:
        return True
    # A blank line of spaces or tabs has one right before its line break.
    ends = [" \n", *(["\t\n"] if tabs else []), *([" \r\n", "\t\r\n"] if returns else [])]
    return any(end in text for end in ends) and _BLANK_LINE.search(text) is not None


def comments_of(
    text: str, ids: Sequence[str], kinds: Sequence[Kind], shape: Outline | None = None
) -> tuple[Comments, NodeComments]:
    """The file's own comments and each node's, section headers split off (see sections);
    `shape` is the text's outline when it is already made."""
    own, nodes = from_outline(ids, shape or outline(text))
    if nodes:
        split_headers(ids, kinds, nodes)
    return own, nodes


def from_outline(ids: Sequence[str], shape: Outline) -> tuple[Comments, NodeComments]:
    """Split a file's trivia into the file's own and each node's (by id)."""
    file_trivia: dict[tuple[str, ...], Trivia] = {}
    node_trivia: dict[int, dict[tuple[str, ...], Trivia]] = {}
    for path, trivia in shape.trivia.items():
        if len(path) >= 2 and path[0] == "nodes" and isinstance(path[1], int):
            sub = _node_subpath(path[2:])
            _merge(node_trivia.setdefault(path[1], {}), sub, trivia)
        elif path == END or not path:
            _merge(file_trivia, tuple(str(p) for p in path), trivia)
        else:
            key = tuple(str(p) for p in path[:2] if not isinstance(p, int))
            if key[-1:] != (START,):
                key = key[:1]
            _merge(file_trivia, key, trivia)
    nodes = {
        ids[index]: {k: v.frozen() for k, v in table.items()}
        for index, table in node_trivia.items()
        if index < len(ids)
    }
    return {k: v.frozen() for k, v in file_trivia.items()}, nodes


def _node_subpath(rest: tuple[str | int, ...]) -> tuple[str, ...]:
    """Where inside a node a comment sits: (), (field,) or ('metric', key)."""
    names = [p for p in rest if isinstance(p, str)]
    if not names:
        return ()
    if names[0] == "metric" and len(names) >= 2:
        return ("metric", names[1])
    return (names[0],)


def _merge(table: dict[tuple[str, ...], Trivia], key: tuple[str, ...], trivia: Trivia) -> None:
    into = table.setdefault(key, Trivia())
    into.leading.extend(trivia.leading)
    into.trailing.extend(trivia.trailing)
