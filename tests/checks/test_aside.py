"""Work set aside in a helper process: the same result as done in place, whatever happens to
the helper, and done in place when a fork would be unsafe."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap import checks, store
from backmap.checks import ahead, aside, check
from backmap.checks.aside import Ahead, Helper

pytestmark = pytest.mark.usefixtures("helpers_always")

forks = pytest.mark.skipif(
    not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores"
)

MAP = """\
backmap: 1
title: Costs
nodes:
  - id: costs
    kind: outcome
    title: Lower costs
  - id: cloud
    kind: goal
    title: Reduce cloud costs
    supports: [costs]
  - id: cloud-again
    kind: goal
    title: Reduce the cloud costs
    supports: [costs]
  - id: storage
    kind: goal
    title: Reduce cloud storage costs
    supports: [costs]
  - id: hire
    kind: initiative
    title: Hire a FinOps engineer
    supports: [cloud]
    owner: ana
    status: active
"""


@forks
def test_work_runs_in_another_process() -> None:
    helper = Helper(lambda given: (given, os.getpid()))
    pid = helper.pid
    try:
        assert pid and pid != os.getpid()
        assert helper.start("titles")() == ("titles", pid)
    finally:
        helper.close()


@forks
def test_a_failing_helper_costs_only_the_time() -> None:
    here = os.getpid()

    def work(given: str) -> str:
        if os.getpid() != here:
            raise RuntimeError("the helper fails")
        return f"{given} done here"

    helper = Helper(work)
    try:
        assert helper.start("titles")() == "titles done here"
    finally:
        helper.close()


@forks
def test_a_helper_never_started_leaves() -> None:
    helper = Helper(os.getpid)
    pid = helper.pid
    assert pid
    helper.close()  # reaped: it left on the end of its input
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_no_fork_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        helper = Helper(lambda: os.getpid())
        assert helper.pid == 0
        assert helper.start()() == os.getpid()
        helper.close()
    finally:
        stop.set()
        thread.join()


def test_check_finds_the_same_with_near_duplicates_aside(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    ws = store.load(path)
    helper = ahead.helper()
    try:
        here, there = check(ws), check(ws, aside=helper)
    finally:
        helper.close()
    assert [f.code for f in there.findings].count("BM601") >= 2
    assert there.findings == here.findings
    assert there.progress == here.progress


def test_the_command_reports_near_duplicates(tmp_path: Path) -> None:
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    run = run_cli("check", "--map", str(tmp_path / "map.yaml"), "--select", "BM601")
    assert run.code == 0, run.err
    assert '`cloud-again` "Reduce the cloud costs" says the same as `cloud`' in run.out


def _pid_ahead() -> Callable[[str], tuple[str, int] | None]:
    """A guess worked on ahead: it holds for the brief "titles", and says where it ran."""
    pid = os.getpid()
    return lambda brief: (brief, pid) if brief == "titles" else None


def _work(given: str) -> tuple[str, int]:
    return given, os.getpid()


@forks
def test_a_guess_that_holds_is_the_helpers_answer() -> None:
    sent: list[str] = []

    def brief(given: str) -> tuple[str]:
        sent.append(given)
        return ("titles",)

    helper = Helper(_work, Ahead(_pid_ahead, brief))
    pid = helper.pid
    try:
        assert helper.start("the real titles")() == ("titles", pid)
    finally:
        helper.close()
    assert sent == ["the real titles"]  # the helper was handed the brief only


@forks
def test_a_guess_that_does_not_hold_is_worked_out_here() -> None:
    helper = Helper(_work, Ahead(_pid_ahead, lambda given: (given,)))
    try:
        assert helper.start("other titles")() == ("other titles", os.getpid())
    finally:
        helper.close()


@forks
def test_a_helper_working_ahead_never_started_is_stopped() -> None:
    def forever() -> Callable[[str], None]:
        threading.Event().wait()  # a guess that would never end
        raise AssertionError

    helper = Helper(_work, Ahead(forever, lambda given: (given,)))
    pid = helper.pid
    assert pid
    helper.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


@forks
def test_a_big_process_forks_only_the_helpers_that_share_its_map(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(aside, "SMALL_PROCESS", 1)  # this process is big, as every one is
    early = Helper(os.getpid)
    assert early.pid == 0  # its work is done here
    assert early.start()() == os.getpid()
    shared = Helper(os.getpid, shares=True)
    pid = shared.pid
    try:
        assert pid and shared.start()() == pid
    finally:
        shared.close()


@pytest.mark.parametrize(("least", "forked"), [(2_000, False), (5, True)])
def test_the_rules_aside_are_forked_for_a_big_enough_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, least: int, forked: bool
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")  # five nodes
    monkeypatch.setattr(checks, "ASIDE_NODES", least)
    made: list[bool] = []

    class Counted(Helper[object]):
        def __init__(self, *args: object, **kwargs: object) -> None:
            made.append(True)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checks, "Helper", Counted)
    ws = store.load(path)
    helper = ahead.helper()
    try:
        found = check(ws, aside=helper)
    finally:
        helper.close()
    assert bool(made) is forked
    assert found.findings == check(ws).findings
