"""Structure (BM1xx) and coverage (BM2xx) rules: each fires where it should and nowhere else."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from backmap import store
from backmap.checks import CheckConfig, check

DATA = Path(__file__).resolve().parent / "data"

# Code -> (file:line, node, message) of every finding of that code in the family's file.
STRUCTURE = {
    "BM101": [
        (
            "structure.yaml:12",
            "calm",
            "`calm` supports `hapy`, which does not exist; did you mean `happy`?",
        ),
        ("structure.yaml:12", "calm", "`calm` supports `zzz`, which does not exist"),
    ],
    "BM102": [("structure.yaml:16", "loop-a", "cycle: loop-a -> loop-b -> loop-a")],
    "BM103": [
        (
            "structure.yaml:8",
            "top",
            "outcome `top` supports `happy`: outcomes are the top of the map; make it a goal "
            "or remove the link",
        )
    ],
    "BM104": [
        (
            "structure.yaml:28",
            "sub-task",
            "initiative `sub-task` supports initiative `quiet-hours`: nothing can support an "
            "initiative; link it to a goal instead",
        )
    ],
    "BM105": [
        (
            "structure.yaml:32",
            "selfish",
            "`selfish` supports itself; remove `selfish` from its supports",
        )
    ],
    "BM106": [
        (
            "structure.yaml:24",
            "quiet-hours",
            "`quiet-hours` lists `calm` twice in supports; remove one",
        )
    ],
}
COVERAGE = {
    "BM201": [
        (
            "coverage.yaml:18",
            "adrift",
            "initiative `adrift` does not reach any outcome: the goals it supports lead nowhere",
        ),
        (
            "coverage.yaml:22",
            "stray",
            "initiative `stray` supports nothing: link it to the goal it serves, or drop it",
        ),
    ],
    "BM202": [
        (
            "coverage.yaml:11",
            "calm",
            "goal `calm` has no initiative beneath it: nothing concrete brings it about yet",
        )
    ],
    "BM203": [
        (
            "coverage.yaml:8",
            "empty",
            "outcome `empty` has nothing beneath it: add the goals that lead there",
        )
    ],
    "BM204": [
        (
            "coverage.yaml:15",
            "floating",
            "goal `floating` leads to no outcome: link it to the outcome or goal it serves",
        )
    ],
    "BM205": [
        (
            "coverage.yaml:33",
            "focus-blocks",
            "`focus-blocks` supports `focus` directly and through `deep-work`; the link to "
            "`focus` is redundant",
        )
    ],
}
CASES = [("structure", code, found) for code, found in STRUCTURE.items()] + [
    ("coverage", code, found) for code, found in COVERAGE.items()
]


def findings(name: str, code: str) -> list[tuple[str, str, str]]:
    result = check(store.load(DATA / name), CheckConfig(today=date(2026, 11, 22), select=(code,)))
    return [(f"{Path(f.path).name}:{f.line}", f.node_id, f.message) for f in result.findings]


@pytest.mark.parametrize(("family", "code", "expected"), CASES, ids=[c[1] for c in CASES])
def test_rule_fires(family: str, code: str, expected: list[tuple[str, str, str]]) -> None:
    assert findings(f"{family}.yaml", code) == expected


@pytest.mark.parametrize(("family", "code"), [c[:2] for c in CASES], ids=[c[1] for c in CASES])
def test_rule_stays_quiet(family: str, code: str) -> None:
    assert findings(f"{family}-quiet.yaml", code) == []
