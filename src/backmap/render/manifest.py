"""The list a split export keeps in its folder of what it wrote, so the next one can tidy up.

Renaming an outcome renames its page: without this list, `outcome-old.svg` would stay beside
`outcome-new.svg`. A split removes only files that the last split of the same format listed,
that it no longer writes, and that still hold what was written (a file edited since is kept).
Pure: the CLI reads and writes the files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

NAME = ".backmap-export"
HEADER = (
    "# backmap export --split: the files the last split of each format wrote here.\n"
    "# The next split of a format removes those it no longer writes, and nothing else.\n"
)

Listing = dict[str, dict[str, str]]
"""format -> file name -> sha256 of what was written."""


@dataclass(frozen=True)
class Tidy:
    """What a new split means for the files the last one listed."""

    listing: Listing
    """The manifest to write now."""
    remove: list[str]
    """Files the last split of this format wrote, unchanged since, that this one does not."""
    keep: list[str]
    """Files it wrote that this one does not, but which were changed since: left alone."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse(text: str) -> Listing:
    """The manifest's entries; lines that are not `format<TAB>sha256<TAB>name` are ignored."""
    listing: Listing = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) != 3 or not _plain(parts[2]):
            continue
        listing.setdefault(parts[0], {})[parts[2]] = parts[1]
    return listing


def dumps(listing: Listing) -> str:
    rows = [
        f"{fmt}\t{sha}\t{name}"
        for fmt in sorted(listing)
        for name, sha in sorted(listing[fmt].items())
    ]
    return HEADER + "".join(row + "\n" for row in rows)


def tidy(previous: Listing, fmt: str, files: dict[str, bytes], now: dict[str, str]) -> Tidy:
    """The new listing for a split of `fmt` that wrote `files`, and what to remove.

    `now` holds the sha256 of each file the last split listed that is still in the folder as a
    plain file; a file missing from it is gone or not ours any more, and is left alone.
    """
    listing = {f: dict(names) for f, names in previous.items() if f != fmt}
    listing[fmt] = {name: digest(data) for name, data in files.items() if _plain(name)}
    others = {name for f, names in listing.items() if f != fmt for name in names}
    remove: list[str] = []
    keep: list[str] = []
    for name, sha in sorted(previous.get(fmt, {}).items()):
        if name in files or name in others or name not in now:
            continue
        (remove if now[name] == sha else keep).append(name)
    return Tidy(listing, remove, keep)


def _plain(name: str) -> bool:
    """A file name right in the folder: nothing that could reach outside it, nor the list."""
    return (
        bool(name)
        and name not in (".", "..", NAME)
        and not any(c in name for c in "/\\:\0")
        and not name.startswith(".")
    )
