"""`fit` on maps it has never seen: a brand-new small map, structure counted only as far as the
map backs it, the specific goal before its broad parent, and match strengths in words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backmap.fit import (
    FitIndex,
    Item,
    Weights,
    cuts_for,
    fit,
    index_workspace,
    minilm_encoder,
    strength,
)
from backmap.fit.evidence import initiatives_beneath, prefer_specific
from backmap.store import load

NEW_MAP = """\
backmap: 1
title: A new team
nodes:
  - id: happy
    kind: outcome
    title: Employees are happy
  - id: reduce-stress
    kind: goal
    title: Reduce stress
    supports: [happy]
  - id: experts
    kind: goal
    title: Access to experts
    supports: [happy]
  - id: onboarding
    kind: goal
    title: Effective onboarding
    supports: [happy]
  - id: friction
    kind: goal
    title: Reduce friction
    supports: [happy]
"""
IDEAS = {
    "schedule slack messages to the next morning": {"reduce-stress"},
    "hire an external consultant for deep learning questions": {"experts"},
    "buddy system for new hires": {"onboarding"},
    "async status updates instead of meetings": {"friction", "reduce-stress"},
}


def write_map(tmp_path: Path) -> Path:
    path = tmp_path / "team.yaml"
    path.write_text(NEW_MAP, encoding="utf-8")
    return path


@pytest.mark.skipif(minilm_encoder() is None, reason="onnxruntime/tokenizers/model missing")
def test_a_new_map_without_initiatives_places_each_idea_on_its_goal(tmp_path: Path) -> None:
    index = index_workspace(load(write_map(tmp_path)))
    for idea, right in IDEAS.items():
        answer = fit(index, idea)
        assert answer.places[0].id in right, (idea, answer.places[:3])
        assert answer.fits, idea  # never "nothing fits" for an idea the map plainly has room for


def test_initiatives_beneath_counts_through_sub_goals() -> None:
    # top <- mid <- (a, b initiatives); top <- c initiative; lone goal with nothing beneath
    slots = {"top": 0, "mid": 1, "a": 2, "b": 3, "c": 4, "lone": 5}
    edges = [("top", "mid"), ("mid", "a"), ("mid", "b"), ("top", "c")]
    ups = np.asarray([slots[p] for p, _ in edges])
    downs = np.asarray([slots[c] for _, c in edges])
    places = np.asarray([True, True, False, False, False, True])
    count = initiatives_beneath(ups, downs, places, len(slots))
    assert count.tolist() == [3, 2, 0, 0, 0, 0]


def test_a_broad_goal_gives_way_to_its_sub_goal_that_fits_about_as_well() -> None:
    # broad (0) has only sub-goal children: specific (1) and other (2); team (3) has one
    # sub-goal and one initiative (4) of its own, so it gives way half as much; far (5) is
    # well ahead of its sub-goal (6) and keeps its score.
    ups = np.asarray([0, 0, 3, 3, 5])
    downs = np.asarray([1, 2, 1, 4, 6])
    places = np.asarray([True, True, True, True, False, True, True])
    total = np.asarray([0.30, 0.29, 0.10, 0.30, 0.5, 0.40, 0.20], dtype=np.float32)
    after = prefer_specific(total, ups, downs, places, 1.0, 0.05)
    assert after[0] < after[1]  # the specific goal now ranks first
    assert after[0] == pytest.approx(0.30 - (0.29 + 0.05 - 0.30))
    assert after[3] == pytest.approx(0.30 - 0.5 * (0.29 + 0.05 - 0.30))
    assert after[4] == pytest.approx(0.5)  # initiatives are not places: untouched
    assert after[5] == pytest.approx(0.40)
    assert prefer_specific(total, ups, downs, places, 0.0, 0.05) is total


def test_children_do_not_describe_a_place_that_has_no_initiatives() -> None:
    items = [
        Item("top", "Customers are loyal", "outcome"),
        Item("a", "Cheaper delivery", "goal", parents=("top",)),
        Item("b", "Faster delivery", "goal", parents=("top",)),
    ]
    weights = Weights(goal_child=0.0, specific=0.0)  # words only: children mixed by backing
    lone = FitIndex.build(items, encoder=None, weights=weights)
    # "delivery" is only in the goals: with nothing beneath them, the outcome gets no share.
    assert dict(lone.rank("delivery"))["top"] == pytest.approx(0.0)
    backed = FitIndex.build(
        [*items, Item("i", "Courier vans", "initiative", parents=("a",))],
        encoder=None,
        weights=weights,
    )
    assert dict(backed.rank("delivery"))["top"] > 0.0


def test_strength_words_follow_the_calibrated_cuts() -> None:
    nothing, plausible, strong = cuts_for(True)
    assert nothing < plausible < strong
    assert strength(strong, (nothing, plausible, strong)) == "strong"
    assert strength(plausible, (nothing, plausible, strong)) == "plausible"
    assert strength(nothing, (nothing, plausible, strong)) == "weak"
    assert strength(nothing - 1e-6, (nothing, plausible, strong)) == "none"
    assert cuts_for(False) != cuts_for(True)


def test_every_answer_shows_the_ranking_and_labels_it() -> None:
    items = [
        Item("g", "Quiet evenings", "goal"),
        Item("h", "Cheaper lunches", "goal"),
    ]
    index = FitIndex.build(items, encoder=None)
    for query in ("quiet evenings for everyone", "launch a satellite"):
        answer = fit(index, query)
        assert [p.id for p in answer.places] and all(p.strength for p in answer.places)
    assert fit(index, "quiet evenings for everyone").fits
    off = fit(index, "launch a satellite")
    assert not off.fits and off.strength == "none" and len(off.places) == 2
