"""A people file with several kinds of mistakes reports all of them in one run."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli


def test_an_unknown_key_and_a_person_listed_twice_come_together(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        "backmap: 1\ntitle: T\nnodes:\n  - {id: top, kind: outcome, title: Top, owner: dana}\n"
    )
    (tmp_path / "people.yaml").write_text(
        "people:\n  - id: dana\n    name: Dana\n    colour: red\n  - id: dana\n    name: Dana Two\n"
    )
    run = run_cli("check", "--map", "plan.yaml", cwd=tmp_path)
    assert run.code == 2
    assert "people.yaml:4:5: error: person `dana` has an unknown key `colour`" in run.err
    assert "people.yaml:5:9: error: person `dana` is listed twice (first at line 2)" in run.err
    assert "2 problems in people.yaml" in run.err
