"""Inline tokens at the end of a title: `@owner/sub`, `(goal)`, `#done`, `40%`, `due:2027-03-31`.

Only the run of tokens that ends the title is read, so a title like 'Cut churn by 40% a year'
keeps its words; a token that is not understood ends the run and stays in the title.
"""

from __future__ import annotations

import re

from backmap.vocabulary import KINDS, STATUSES

_OWNERS = re.compile(r"@[^\s@/]+(?:/@?[^\s@/]+)?")
_MARKER = re.compile(r"\((\w+)\)|\[(\w+)\]|#(\w[\w-]*)")
_PROGRESS = re.compile(r"\d{1,3}(?:\.\d+)?%")
_DUE = re.compile(r"(?:due:)?(\d{4}-\d\d-\d\d)|due:(\S+)")


def split(title: str) -> tuple[str, dict[str, str]]:
    """The title without its trailing tokens, and the field text each token gave.

    A later token of the same field does not override an earlier one; `#word` that names no
    kind or status is a tag.
    """
    words = title.split(" ")
    fields: dict[str, str] = {}
    tags: list[str] = []
    while len(words) > 1:
        word = words[-1]
        if not word:
            words.pop()
            continue
        found = _token(word)
        if found is None:
            break
        name, value = found
        if name == "tags":
            tags.insert(0, value)
        else:
            fields[name] = value
        words.pop()
    if tags:
        fields["tags"] = ", ".join(tags)
    return " ".join(words).strip(), fields


def _token(word: str) -> tuple[str, str] | None:
    if _OWNERS.fullmatch(word):
        return "owners", word
    if _PROGRESS.fullmatch(word):
        return "progress", word
    due = _DUE.fullmatch(word)
    if due:
        return "due", due.group(1) or due.group(2)
    marker = _MARKER.fullmatch(word)
    if marker:
        name = (marker.group(1) or marker.group(2) or marker.group(3)).lower()
        if name in KINDS:
            return "kind", name
        if name in STATUSES:
            return "status", name
        if marker.group(3):
            return "tags", marker.group(3)
    return None
