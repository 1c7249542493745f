"""A one-shot check runs some rules (`checks.ASIDE`) in a second helper process, forked once
the graph is built: the same findings as run in place, and in place when the helper fails."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.checks.test_aside import MAP, forks

from backmap import store
from backmap.checks import ASIDE, RULES, CheckResult, Finding, ahead, check
from backmap.checks.registry import Context
from backmap.model import Workspace

pytestmark = pytest.mark.usefixtures("helpers_always")

# Owners who carry much, and no backups: findings of the rules run aside.
MORE = "".join(
    f"""  - id: task-{i}
    kind: initiative
    title: Task number {i}
    supports: [cloud]
    owner: ana
    status: planned
"""
    for i in range(12)
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(MAP + MORE, encoding="utf-8")
    return path


def _with_helpers(ws: Workspace) -> CheckResult:
    helper = ahead.helper()
    try:
        return check(ws, aside=helper)
    finally:
        helper.close()


def test_the_rules_run_aside_find_what_they_find_in_place(path: Path) -> None:
    ws = store.load(path)
    here, there = check(ws), _with_helpers(ws)
    assert {f.code for f in here.findings} & set(ASIDE)  # the map exercises them
    assert there.findings == here.findings
    # The helper works out the roll-up too: the same as worked out here.
    assert there.coverage == here.coverage and there.coverage.outcomes
    assert there.progress == here.progress and len(there.progress) == len(ws)
    assert there.overall_progress == here.overall_progress
    assert there.graph.ws is ws


@forks
def test_the_rules_aside_run_in_another_process(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = ASIDE[0]
    rule, _ = RULES[code]

    def where(ctx: Context) -> Iterator[tuple[str, str]]:
        yield "cloud", str(os.getpid())

    monkeypatch.setitem(RULES, code, (rule, where))
    ws = store.load(path)
    found = [f.message for f in check(ws).findings if f.code == code]
    assert found == [str(os.getpid())]
    found = [f.message for f in _with_helpers(ws).findings if f.code == code]
    assert found and found != [str(os.getpid())]


def test_a_rule_failing_aside_fails_as_in_place(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = ASIDE[-1]
    rule, _ = RULES[code]

    def broken(ctx: Context) -> Iterator[tuple[str, str]]:
        raise RuntimeError("the rule is broken")
        yield "", ""

    monkeypatch.setitem(RULES, code, (rule, broken))
    with pytest.raises(RuntimeError, match="the rule is broken"):
        _with_helpers(store.load(path))


def test_findings_are_placed_in_each_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MAP + MORE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "backmap: 1\ntitle: More\nnodes:\n"
        + MORE.replace("task-", "chore-").replace("[cloud]", "[storage]"),
        encoding="utf-8",
    )
    ws = store.load(tmp_path)
    here, there = check(ws), _with_helpers(ws)
    assert {(f.path, f.line > 0) for f in here.findings if f.node_id.startswith("chore-")} == {
        (str(tmp_path / "b.yaml"), True)
    }
    assert there.findings == here.findings


def test_each_finding_is_as_finding_makes_it(path: Path) -> None:
    findings = _with_helpers(store.load(path)).findings
    assert findings
    for finding in findings:
        again = Finding(**vars(finding))
        assert vars(again) == vars(finding)
        assert again == finding and hash(again) == hash(finding)
