"""Which existing initiatives are reported as "you may already be doing this", on the example
map: the hand-picked pairs that DUPLICATE and LEXICAL_DUPLICATE were set on."""

from __future__ import annotations

import pytest
from tests.conftest import MAPS

from backmap.fit import FitIndex, fit, index_workspace
from backmap.store import load

# (idea, an existing initiative it repeats)
SAME = [
    ("pair new engineers with a mentor", "onboarding-buddy"),
    ("Respect off-hours: schedule late messages for the next morning", "off-hours"),
    ("schedule Slack messages for the next morning", "off-hours"),
    ("no meetings on wednesdays", "no-meeting-wednesday"),
    ("a yearly conference for each employee", "conference-budget"),
    ("a reading club for research papers", "reading-group"),
    ("weekly paper discussion", "reading-group"),
]
# Ideas that are new to the map, though near something in it.
NEW = [
    "hire a second data engineer",
    "Quiet hours after six",
    "a budget for online courses",
    "buy a new espresso machine",
]
# By words alone a paraphrase that shares no word cannot be seen; these share enough.
SAME_IN_WORDS = [SAME[1], SAME[2], SAME[3], SAME[4], SAME[6]]


@pytest.fixture(scope="module", params=["fused", "lexical"])
def index(request: pytest.FixtureRequest) -> FitIndex:
    ws = load(MAPS / "ideal-group.yaml")
    return index_workspace(ws, encoder=None) if request.param == "lexical" else index_workspace(ws)


def test_repeated_ideas_are_reported(index: FitIndex) -> None:
    cases = SAME if index.encoder is not None else SAME_IN_WORDS
    for idea, existing in cases:
        assert existing in [s.id for s in fit(index, idea).similar], idea


def test_new_ideas_are_not_reported_as_repeats(index: FitIndex) -> None:
    for idea in NEW:
        assert fit(index, idea).similar == (), idea
