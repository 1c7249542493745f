"""Convert WCAG 2.2 (w3c/wcag, guidelines/) into the shared hierarchy shape.

Principles, then guidelines, then success criteria, numbered as in the standard (1, 1.1, 1.1.1).
Each node keeps its heading as title and its first paragraph as description (markup removed);
the notes and exception lists of a success criterion are left out. 4.1.1 Parsing, removed in
2.2, is left out. Usage: python convert_wcag.py MIRROR [OUT], MIRROR being a git clone or mirror
of https://github.com/w3c/wcag.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from typing import Any

from _common import head, node, show, write

HERE = Path(__file__).resolve().parent
PART = re.compile(
    r'<section class="(?P<kind>principle|guideline)" id="[^"]+">'
    r"\s*<h[23]>(?P<title>.*?)</h[23]>\s*<p>(?P<text>.*?)</p>"
    r'|<section data-include="(?P<include>sc/[^"]+)"',
    re.S,
)
SC = re.compile(
    r'<h4>(?P<title>.*?)</h4>\s*<p class="conformance-level">(?P<level>A+)</p>'
    r'(?:\s*<p class="change">[^<]*</p>)?\s*<p>(?P<text>.*?)</p>',
    re.S,
)


def plain(fragment: str) -> str:
    """Text without tags or repeated whitespace."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def convert(repo: Path) -> list[dict[str, Any]]:
    """Principles, guidelines and success criteria in the standard's order."""
    nodes: list[dict[str, Any]] = []
    numbers = [0, 0, 0]
    for part in PART.finditer(show(repo, "guidelines/index.html")):
        if part["kind"] == "principle":
            numbers = [numbers[0] + 1, 0, 0]
            nodes.append(node(f"{numbers[0]}", 0, plain(part["title"]), [], plain(part["text"])))
        elif part["kind"] == "guideline":
            numbers = [numbers[0], numbers[1] + 1, 0]
            gid = f"{numbers[0]}.{numbers[1]}"
            nodes.append(node(gid, 1, plain(part["title"]), [f"{numbers[0]}"], plain(part["text"])))
        else:
            numbers[2] += 1
            criterion = SC.search(show(repo, f"guidelines/{part['include']}"))
            if criterion is None:  # the removed 4.1.1 Parsing has a note and no level
                continue
            sid = f"{numbers[0]}.{numbers[1]}.{numbers[2]}"
            parent = f"{numbers[0]}.{numbers[1]}"
            nodes.append(
                node(sid, 2, plain(criterion["title"]), [parent], plain(criterion["text"]))
            )
    return nodes


def main(argv: list[str]) -> int:
    repo = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else HERE / "wcag22.json"
    commit = head(repo)
    write(
        out,
        source=f"WCAG 2.2, https://github.com/w3c/wcag commit {commit[:12]} (guidelines/)",
        licence="W3C Document License (https://www.w3.org/Consortium/Legal/copyright-documents); "
        "Copyright © World Wide Web Consortium; converted, wording unchanged",
        levels=["principle", "guideline", "success criterion"],
        nodes=convert(repo),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
