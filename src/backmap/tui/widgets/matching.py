"""What a search typed in the editor matches: every word of it, anywhere in a title or id."""

from __future__ import annotations


def words(query: str) -> list[str]:
    return query.casefold().split()


def score(query: str, text: str) -> int | None:
    """How well `text` matches (higher is better), or None when some word of `query` is
    missing: a search never offers titles that merely share scattered letters."""
    found = text.casefold()
    wanted = words(query)
    if not wanted:
        return 0
    places = [found.find(word) for word in wanted]
    if min(places) < 0:
        return None
    whole = " ".join(wanted)
    bonus = 1000 if whole in found else 0  # the words together, as typed
    return bonus - min(places) - len(found) // 10


def spans(query: str, text: str) -> list[tuple[int, int]]:
    """Where each word of `query` occurs in `text`, to highlight them."""
    found = text.casefold()
    if len(found) != len(text):  # casefold changed lengths (ß -> ss): highlight nothing
        return []
    result = []
    for word in words(query):
        start = found.find(word)
        while start >= 0:
            result.append((start, start + len(word)))
            start = found.find(word, start + len(word))
    return result
