"""Convert the Awesome list of lists (sindresorhus/awesome readme) into the shared hierarchy shape.

Two levels: sections ("Platforms", "Security") and the lists they name, each with its one-line
description when it has one (many have none: a bare name). Nested lists and the lists under an
unlinked heading ("Linux", "macOS") are folded into their section. A list named in several
sections gets each as a parent. Usage: python convert_awesome.py MIRROR [OUT], MIRROR being a
git clone or mirror of https://github.com/sindresorhus/awesome.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from _common import head, node, show, write

HERE = Path(__file__).resolve().parent
ITEM = re.compile(r"^\s*- \[(?P<name>[^\]]+)\]\((?P<url>[^)]+)\)(?:\s+-\s+(?P<desc>.*))?$")
LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
SKIP = {"Contents", "Related"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def convert(text: str) -> list[dict[str, Any]]:
    """Sections, then lists, in the order of the readme."""
    sections: list[dict[str, Any]] = []
    lists: dict[str, dict[str, Any]] = {}
    taken: set[str] = set()
    section: dict[str, Any] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            name = line[3:].strip()
            section = None if name in SKIP else node(f"s-{slug(name)}", 0, name, [])
            if section is not None:
                sections.append(section)
        elif section is not None and (match := ITEM.match(line)):
            url = match["url"]
            if url in lists:
                if section["id"] not in lists[url]["parents"]:
                    lists[url]["parents"].append(section["id"])
                continue
            nid, n = f"l-{slug(match['name'])}", 2
            while nid in taken:
                nid, n = f"l-{slug(match['name'])}-{n}", n + 1
            taken.add(nid)
            desc = LINK.sub(r"\1", match["desc"] or "")
            lists[url] = node(nid, 1, match["name"], [section["id"]], desc)
    return sections + list(lists.values())


def main(argv: list[str]) -> int:
    repo = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else HERE / "awesome.json"
    commit = head(repo)
    write(
        out,
        source=f"Awesome, https://github.com/sindresorhus/awesome commit {commit[:12]} (readme.md)",
        licence="CC0 1.0 (Sindre Sorhus and contributors); converted, wording unchanged",
        levels=["section", "list"],
        nodes=convert(show(repo, "readme.md")),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
