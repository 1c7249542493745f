"""The percents a diff and `status --since` show add up to the move shown beside them: one
rule for both (and the report): whole percents, the move between them."""

from __future__ import annotations

import pytest

from backmap.mapdiff import NodeChange
from backmap.render.changes import details
from backmap.render.status import _delta


@pytest.mark.parametrize(
    ("before", "after", "told"),
    [
        (53.4, 52.8, "progress 53% → 53% (±0%)"),
        (31.6, 33.3, "progress 32% → 33% (+1%)"),
        (65.0, 72.5, "progress 65% → 72% (+7%)"),  # as `status --since` and the report say it
        (20.0, 70.0, "progress 20% → 70% (+50%)"),
        (None, 40.0, "progress - → 40%"),
    ],
)
def test_diff_progress_ends_agree_with_the_move(
    before: float | None, after: float | None, told: str
) -> None:
    change = NodeChange("g", "changed", "Goal", "goal", progress=(before, after))
    assert details(change) == [told]


def test_status_move_is_between_the_percents_people_see() -> None:
    # 36.4% then 44.6% show as 36% and 45%: the move beside the bar is +9%, not +8%.
    assert _delta(NodeChange("g", "changed", "Goal", "goal", progress=(36.4, 44.6))) == "+9%"
    assert _delta(NodeChange("g", "changed", "Goal", "goal", progress=(36.4, 36.6))) == "+1%"
