"""`checks.rollup`: the coverage and progress that check, status and export show, with no rules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.conftest import MAPS

from backmap import store
from backmap.checks import RULES, check, rollup
from backmap.checks.registry import Context


def test_rollup_is_what_check_reports() -> None:
    ws = store.load(MAPS / "org")
    rolled, result = rollup(ws), check(ws)
    assert rolled.coverage == result.coverage
    assert rolled.progress == result.progress
    assert rolled.overall_progress == result.overall_progress
    assert rolled.coverage.goals > 0 and any(v for v in rolled.progress.values())


def test_rollup_runs_no_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(ctx: Context) -> Iterator[tuple[str, str]]:
        raise AssertionError("a rule ran")

    for code, (rule, _) in list(RULES.items()):
        monkeypatch.setitem(RULES, code, (rule, refuse))
    ws = store.load(MAPS / "org")
    assert rollup(ws).overall_progress is not None
    with pytest.raises(AssertionError, match="a rule ran"):
        check(ws)
