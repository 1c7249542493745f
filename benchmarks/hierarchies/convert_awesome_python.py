"""Convert the Awesome Python list (vinta/awesome-python README) into the shared hierarchy shape.

Groups (the bold headings such as "Web Development"), then categories (### headings, with their
one-line italic description), then projects (list items: name and one-line description). The
list's unlinked sub-headings inside a category ("Synchronous", "Django") are folded into their
category. A project listed in several categories gets each category as a parent. Markdown link
markup inside descriptions is reduced to its text. Only the "Projects" part is converted.
Usage: python convert_awesome_python.py MIRROR [OUT], MIRROR being a git clone or mirror of
https://github.com/vinta/awesome-python.
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


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def convert(text: str) -> list[dict[str, Any]]:
    """The list's nodes: groups, categories, projects, in the order the README gives them."""
    body = text.split("\n## Projects", 1)[1].split("\n## ", 1)[0]
    groups: list[dict[str, Any]] = []
    categories: list[dict[str, Any]] = []
    projects: dict[str, dict[str, Any]] = {}
    category: dict[str, Any] | None = None
    for line in body.splitlines():
        if line.startswith("**") and line.rstrip().endswith("**"):
            name = line.strip().strip("*")
            groups.append(node(f"g-{slug(name)}", 0, name, []))
            category = None
        elif line.startswith("### "):
            name = line[4:].strip()
            category = node(f"c-{slug(name)}", 1, name, [groups[-1]["id"]])
            categories.append(category)
        elif category is not None and line.startswith("_") and line.rstrip().endswith("_"):
            category["description"] = LINK.sub(r"\1", line.strip().strip("_"))
            # Keep the key order of the shared shape: description before parents.
            category["parents"] = category.pop("parents")
        elif category is not None and (match := ITEM.match(line)):
            pid = f"p-{slug(match['name'])}"
            if pid in projects:
                if category["id"] not in projects[pid]["parents"]:
                    projects[pid]["parents"].append(category["id"])
                continue
            desc = LINK.sub(r"\1", match["desc"] or "")
            projects[pid] = node(pid, 2, match["name"], [category["id"]], desc)
    return groups + categories + list(projects.values())


def main(argv: list[str]) -> int:
    repo = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else HERE / "awesome_python.json"
    commit = head(repo)
    write(
        out,
        source=f"Awesome Python, https://github.com/vinta/awesome-python commit {commit[:12]}"
        " (README.md)",
        licence="CC BY 4.0 (Vinta Chen and contributors); converted, wording unchanged",
        levels=["group", "category", "project"],
        nodes=convert(show(repo, "README.md")),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
