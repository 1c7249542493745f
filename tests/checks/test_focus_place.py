"""Findings about the focus file stand on the focus file, at the line of what they name."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

MAP = (
    "backmap: 1\n"
    "title: Plan\n"
    "nodes:\n"
    "  - id: win\n    kind: outcome\n    title: Win\n"
    "  - id: hours\n    kind: initiative\n    title: Quiet hours\n    supports: [win]\n"
)
FOCUS = (
    "# focus\n"
    "2026-Q4:\n"
    "  people:\n"
    "    maya:\n"
    "      focus:\n"
    "        - hours\n"
    "        - quiet-hours\n"
    "      lessons:\n"
    "        - text: Start small\n"
    "          nodes: [gone]\n"
)


def _workspace(tmp_path: Path) -> Path:
    (tmp_path / "backmap.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "focus.yaml").write_text(FOCUS, encoding="utf-8")
    return tmp_path


def test_bm712_stands_on_the_focus_file_at_the_unknown_id(tmp_path: Path) -> None:
    _workspace(tmp_path)
    text = run_cli("check", "--select", "BM712", cwd=tmp_path).out
    assert text.startswith("focus.yaml\n"), text
    assert "     7  warning  BM712  focus.yaml: the focus of maya" in text
    assert "    10  warning  BM712  focus.yaml: a lesson of maya" in text
    github = run_cli("check", "--select", "BM712", "--format", "github", cwd=tmp_path).out
    assert "::warning file=focus.yaml,line=7,title=BM712::" in github
    assert "::warning file=focus.yaml,line=10,title=BM712::" in github
    assert "backmap.yaml" not in github
    found = json.loads(run_cli("check", "--select", "BM712", "--format", "json", cwd=tmp_path).out)
    places = sorted((f["path"], f["line"]) for f in found["findings"])
    assert places == [("focus.yaml", 7), ("focus.yaml", 10)]


def test_people_findings_stand_on_the_people_file_at_the_person(tmp_path: Path) -> None:
    _workspace(tmp_path)
    people = "people:\n  - id: maya\n    name: Maya\n  - id: lee\n    name: Lee\n    manager: mya\n"
    (tmp_path / "people.yaml").write_text(people, encoding="utf-8")
    github = run_cli("check", "--select", "BM70", "--format", "github", cwd=tmp_path).out
    assert "::error file=people.yaml,line=4,title=BM702::" in github, github
    found = json.loads(run_cli("check", "--select", "BM70", "--format", "json", cwd=tmp_path).out)
    assert [(f["path"], f["line"]) for f in found["findings"]] == [("people.yaml", 4)]
