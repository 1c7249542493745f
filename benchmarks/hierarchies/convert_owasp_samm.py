"""Convert the OWASP SAMM 2 model (owaspsamm/core) into the shared hierarchy shape.

Business functions, then security practices, then streams, then activities (one per stream and
maturity level). Usage: python convert_owasp_samm.py MIRROR [OUT], MIRROR being a git clone or
mirror of https://github.com/owaspsamm/core.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from _common import files, head, node, show, write

HERE = Path(__file__).resolve().parent


def convert(repo: Path) -> tuple[str, list[dict]]:
    """The SAMM nodes, top down, and the commit they came from."""

    def load(folder: str) -> list[tuple[str, dict]]:
        return [
            (Path(p).stem, yaml.safe_load(show(repo, p))) for p in files(repo, f"model/{folder}")
        ]

    functions = load("business_functions")
    practices = load("security_practices")
    streams = load("streams")
    activities = load("activities")
    # Ids are SAMM's own codes: D (Design), D-SA (Secure Architecture), D-SA-A, D-SA-1-A.
    code = {f["id"]: f["name"][0] for _, f in functions}
    for _, p in practices:
        code[p["id"]] = f"{code[p['function']]}-{p['shortName']}"
    for stem, s in streams:
        code[s["id"]] = stem
    functions.sort(key=lambda pair: pair[1]["order"])
    nodes = [node(code[f["id"]], 0, f["name"], [], f.get("description", "")) for _, f in functions]
    nodes += [
        node(
            code[p["id"]],
            1,
            p["name"],
            [code[p["function"]]],
            f"{p['shortDescription']} {p.get('longDescription', '')}",
        )
        for _, p in practices
    ]
    nodes += [
        node(stem, 2, s["name"], [code[s["practice"]]], s.get("description", ""))
        for stem, s in streams
    ]
    nodes += [
        node(
            stem,
            3,
            a["title"],
            [code[a["stream"]]],
            f"{a['shortDescription']} {a.get('longDescription') or ''}",
        )
        for stem, a in activities
    ]
    return head(repo), nodes


def main(argv: list[str]) -> int:
    repo = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else HERE / "owasp_samm.json"
    commit, nodes = convert(repo)
    write(
        out,
        source=f"OWASP SAMM 2 model, https://github.com/owaspsamm/core commit {commit[:12]}"
        " (model/)",
        licence="CC BY-SA 4.0 (OWASP SAMM, owaspsamm.org); converted, wording unchanged",
        levels=["business function", "security practice", "stream", "activity"],
        nodes=nodes,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
