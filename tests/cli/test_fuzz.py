"""The mutation fuzzer (tests/cli/fuzzing.py) in the suite: 150 inputs (300 command runs) here
(a quarter of them in a run without the slow tests, as for every property), thousands under
the `slow` marker, a small sample through a real process. None may show a traceback, exit with
anything but 0, 1 or 2, print a problem line without `file:line:col`, let a control character
reach the terminal, or hang."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from tests.cli.fuzzing import Outcome, Tally, fuzz
from tests.conftest import run_process
from tests.strategies import examples


def _explain(tally: Tally) -> str:
    return "\n\n".join(f"{fault}: {case}\n{err}" for fault, (case, err) in tally.examples.items())


def test_mutated_maps_never_crash(tmp_path: Path) -> None:
    cases = examples(150)
    tally = fuzz(seed=20261203, cases=cases, where=tmp_path)
    assert tally.inputs == cases
    assert tally.faults == {}, _explain(tally)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_thousands_of_mutated_maps_never_crash(tmp_path: Path, seed: int) -> None:
    tally = fuzz(seed=seed, cases=1000, where=tmp_path)
    assert tally.faults == {}, _explain(tally)


@pytest.mark.slow
def test_every_command_on_mutated_maps(tmp_path: Path) -> None:
    tally = fuzz(seed=7, cases=150, where=tmp_path, every_command=True)
    assert tally.faults == {}, _explain(tally)


def _subprocess(*args: str) -> Outcome:
    try:
        run = run_process(*args)
    except subprocess.TimeoutExpired:
        return Outcome(tuple(args), None, "", "", hang=True)
    return Outcome(tuple(args), run.code, run.out, run.err)


def test_mutated_maps_in_a_real_process(tmp_path: Path) -> None:
    tally = fuzz(seed=5, cases=3, where=tmp_path, runner=_subprocess)
    assert tally.runs == 6
    assert tally.faults == {}, _explain(tally)


def test_the_fuzzer_finds_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness itself can fail: an exception inside a command is counted."""
    import backmap.store

    def boom(*args: object) -> None:
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(backmap.store, "load", boom)
    tally = fuzz(seed=1, cases=2, where=tmp_path)
    assert tally.faults == {"traceback": 4, "exit": 4}
