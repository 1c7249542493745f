"""Words for every message: counted ("1 outcome", "2 outcomes", "1 more link") and listed ids."""

from __future__ import annotations

from collections.abc import Iterable


def noun(count: int, word: str, many: str | None = None) -> str:
    """`word` as it reads after `count`; the plural adds "s" unless `many` is given."""
    if count == 1:
        return word
    return many if many is not None else word + "s"


def plural(count: int, word: str, many: str | None = None) -> str:
    """The count and the word: plural(1, "goal") == "1 goal", plural(3, "goal") == "3 goals"."""
    return f"{count} {noun(count, word, many)}"


def listed(ids: Iterable[str]) -> str:
    """Ids as code, in a message: listed(["a", "b"]) == "`a`, `b`"."""
    return ", ".join(f"`{i}`" for i in ids)
