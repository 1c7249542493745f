"""A finding's severity looks the same wherever the terminal shows it: `check` and `import
--dry-run` both style their labels from render/styles.py, the one table of severity styles."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

from backmap.render.styles import SEVERITY_STYLES
from backmap.term import Style
from backmap.vocabulary import Severity

MAP = """\
backmap: 1
title: Team
nodes:
  - id: calm
    kind: goal
    title: Calm weeks
    supports: [nowhere]
"""


def test_every_severity_has_a_style_and_an_error_stands_out_most() -> None:
    assert set(SEVERITY_STYLES) == set(Severity)
    assert SEVERITY_STYLES[Severity.ERROR] == ("bold", "red")


def test_check_and_import_dry_run_style_severities_from_one_table(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    label = Style(True)("error  ", *SEVERITY_STYLES[Severity.ERROR])
    checked = run_cli("check", "--color", "always", "--map", str(path))
    assert checked.code == 1
    assert f"{label}  \x1b[1mBM101\x1b[0m" in checked.out
    plan = tmp_path / "plan.md"
    plan.write_text("# Calm weeks\n## Fewer pings\n- Quiet hours (active) due:2020-01-01\n")
    dry = run_cli("import", str(plan), "--dry-run", "--color", "always", cwd=tmp_path)
    assert dry.code == 0, dry.err
    warning = Style(True)("warning", *SEVERITY_STYLES[Severity.WARNING])
    assert f"{warning}  \x1b[1mBM" in dry.out
