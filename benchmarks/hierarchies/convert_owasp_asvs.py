"""Convert the OWASP Application Security Verification Standard 5.0 into the shared hierarchy shape.

Chapters, then sections, then requirements. Chapters and sections have short names only; a
requirement has no title, so its title is its full text ("Verify that ..."). Usage:
python convert_owasp_asvs.py MIRROR [OUT], MIRROR being a git clone or mirror of
https://github.com/OWASP/ASVS.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from _common import head, node, show, write

HERE = Path(__file__).resolve().parent
SOURCE = "5.0/docs_en/OWASP_Application_Security_Verification_Standard_5.0.0_en.json"


def convert(repo: Path) -> tuple[str, list[dict]]:
    """The ASVS nodes, top down, and the commit they came from."""
    chapters = json.loads(show(repo, SOURCE))["Requirements"]
    nodes = [node(c["Shortcode"], 0, c["Name"], []) for c in chapters]
    nodes += [
        node(s["Shortcode"], 1, s["Name"], [c["Shortcode"]]) for c in chapters for s in c["Items"]
    ]
    nodes += [
        node(r["Shortcode"], 2, r["Description"], [s["Shortcode"]])
        for c in chapters
        for s in c["Items"]
        for r in s["Items"]
    ]
    return head(repo), nodes


def main(argv: list[str]) -> int:
    repo = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else HERE / "owasp_asvs.json"
    commit, nodes = convert(repo)
    write(
        out,
        source=f"OWASP ASVS 5.0.0, https://github.com/OWASP/ASVS commit {commit[:12]} ({SOURCE})",
        licence="CC BY-SA 4.0 (OWASP Foundation); converted, wording unchanged",
        levels=["chapter", "section", "requirement"],
        nodes=nodes,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
