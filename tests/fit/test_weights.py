"""The product runs one method: Weights holds its constants, and the other methods measured in
docs/fit.md are switched in from benchmarks/fit_switches.py."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from backmap.fit import FitIndex, Item, Weights

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "fit_switches", ROOT / "benchmarks" / "fit_switches.py"
)
assert _spec is not None and _spec.loader is not None
fit_switches = importlib.util.module_from_spec(_spec)
sys.modules["fit_switches"] = fit_switches
_spec.loader.exec_module(fit_switches)

ITEMS = [
    Item("top", "Customers are loyal", "outcome"),
    Item("a", "Cheaper delivery", "goal", parents=("top",)),
    Item("b", "Faster delivery", "goal", parents=("top",)),
]


def test_weights_are_the_constants_of_one_method() -> None:
    for field in fields(Weights):
        value = getattr(Weights(), field.name)
        # A flag would choose between methods: those belong to the benchmarks.
        assert not isinstance(value, bool), field.name
        assert isinstance(value, int | float | tuple), field.name


def test_the_benchmarks_switch_an_old_method_in_and_back_out() -> None:
    weights = Weights(goal_child=0.0, specific=0.0)
    # Words only: the outcome's children count as far as initiatives back them (none here).
    assert dict(FitIndex.build(ITEMS, None, weights).rank("delivery"))["top"] == 0.0
    with fit_switches.applied(fit_switches.Switches(by_initiatives=False)):
        counted = FitIndex.build(ITEMS, None, weights).rank("delivery")
    assert dict(counted)["top"] > 0.0  # by their number: two children speak for it
    assert dict(FitIndex.build(ITEMS, None, weights).rank("delivery"))["top"] == 0.0


@pytest.mark.parametrize("cap", [True, False])
def test_the_give_way_is_capped_unless_switched(cap: bool) -> None:
    import numpy as np

    from backmap.fit import scoring

    ups, downs = np.asarray([0]), np.asarray([1])
    places = np.asarray([True, True])
    total = np.asarray([0.30, 0.38], dtype=np.float32)  # the sub-goal 0.08 ahead
    with fit_switches.applied(fit_switches.Switches(specific_cap=cap)):
        after = scoring.prefer_specific(total, ups, downs, places, 1.0, 0.05)
    # The shortfall is 0.38 + 0.05 - 0.30 = 0.13; capped, the parent gives way by 0.05.
    assert after[0] == pytest.approx(0.25 if cap else 0.17)
    assert after[1] == pytest.approx(0.38)
