"""Inline tokens at the end of a title: `@owner/sub`, `(goal)`, `#done`, `40%`, `due:2027-03-31`,
and the way `backmap tree` prints fields: `[id] active 40% @dana/lior due 2027-03-31`.

Only the run of tokens that ends the title is read, so a title like 'Cut churn by 40% a year'
keeps its words; a token that is not understood ends the run and stays in the title. A bare
status word ('done') or `personal` is read only in a run with another token, so 'Get things
done' keeps its title.
"""

from __future__ import annotations

import re

from backmap.vocabulary import KINDS, STATUSES

_OWNERS = re.compile(r"@[^\s@/]+(?:/@?[^\s@/]+)?")
_MARKER = re.compile(r"\((\w+)\)|\[(\w+)\]|#(\w[\w-]*)")
_PROGRESS = re.compile(r"\d{1,3}(?:\.\d+)?%")
_DUE = re.compile(r"(?:due:)?(\d{4}-\d\d-\d\d)|due:(\S+)")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_ID = re.compile(r"\[([a-z0-9][a-z0-9_-]*)\]")
LEFTOVER_OWNER = re.compile(r"(?<![\w@])@[A-Za-z][\w.-]*")
"""An `@name` left inside a title: most likely an owner that was not read."""
WRITTEN_OWNER = re.compile(r"\b(?:sub[ _-]?owner|owner)s?\s*:\s*([^\s,;()]+)", re.I)
"""'owner: Kim' in a title: an owner written out, as outlines often do, that no token reads."""


def split(title: str, progress: bool = True) -> tuple[str, dict[str, str]]:
    """The title without its trailing tokens, and the field text each token gave.

    A later token of the same field does not override an earlier one; `#word` that names no
    kind or status is a tag. Without `progress`, a percentage is not a token: it stays in the
    title (an item with items under it: 'Uptake above 80%' is a target, not progress).
    """
    words = title.split(" ")
    fields: dict[str, str] = {}
    tags: list[str] = []
    # Words that are tokens only beside another one ('done', 'personal'): (field, value, word).
    bare: list[tuple[str, str, str]] = []
    after_date = False  # the word just read was a bare date, so a 'due' before it is tree's
    while len(words) > 1:
        word = words[-1]
        if not word:
            words.pop()
            continue
        if word == "due" and after_date:
            words.pop()  # tree's 'due 2027-03-31'
            after_date = False
            continue
        after_date = False
        found = _token(word)
        if found is not None and found[0] == "progress" and not progress:
            found = None
        if found is None and word in (*STATUSES, "personal"):
            name = "personal" if word == "personal" else "status"
            if name not in fields and all(b[0] != name for b in bare):
                bare.append((name, "yes" if name == "personal" else word, word))
                words.pop()
                continue
        if found is None:
            break
        name, value = found
        after_date = name == "due" and _DATE.fullmatch(word) is not None
        if name == "tags":
            tags.insert(0, value)
        else:
            fields[name] = value
        words.pop()
    if bare and (fields or tags):
        fields.update({name: value for name, value, _ in bare})
    elif bare:
        words.extend(word for *_, word in reversed(bare))
    if tags:
        fields["tags"] = ", ".join(tags)
    return " ".join(words).strip(), fields


def ends_in_percentage(title: str) -> bool:
    """Whether the last word of a title is a percentage ('HPV uptake above 80%')."""
    words = title.split()
    return len(words) > 1 and _PROGRESS.fullmatch(words[-1]) is not None


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
    found_id = _ID.fullmatch(word)
    if found_id:
        return "id", found_id.group(1)
    return None
