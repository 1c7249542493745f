"""Ranking, look-alikes, nothing-fits and index edits on small literal maps."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from backmap.fit import (
    FitIndex,
    Item,
    Notice,
    Weights,
    changes,
    fit,
    index_workspace,
    nearby,
    paths_up,
    refresh,
    touched_by,
)
from backmap.store import load

from .ranking import same_ranking

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"

TEAM = [
    Item("happy", "Employees are happy", "outcome"),
    Item("impact", "The group delivers models that move business metrics", "outcome"),
    Item("less-stress", "Reduce stress", "goal", parents=("happy",)),
    Item(
        "time-off",
        "Time off is really off",
        "goal",
        "Nobody checks messages on evenings or weekends or during leave.",
        ("less-stress",),
    ),
    Item("ship-early", "Models reach production early", "goal", parents=("impact",)),
    Item(
        "onboarding",
        "Effective onboarding",
        "goal",
        "A new hire ships a change in their first month.",
        ("happy", "impact"),
    ),
    Item(
        "off-hours",
        "Respect off-hours",
        "initiative",
        "Schedule late messages for the next morning. Leads go first.",
        ("time-off",),
        owner="dana",
    ),
    Item(
        "shadow",
        "Deploy a shadow model in week one",
        "initiative",
        parents=("ship-early",),
        owner="omer",
    ),
]


@pytest.fixture(params=["fused", "lexical"])
def index(request: pytest.FixtureRequest) -> FitIndex:
    if request.param == "lexical":
        return FitIndex.build(TEAM, encoder=None)
    return FitIndex.build(TEAM)


def test_paraphrase_reaches_reduce_stress(index: FitIndex) -> None:
    answer = fit(index, "schedule Slack messages for the next morning")
    best = answer.places[0]
    assert best.id == "time-off"
    assert ("time-off", "less-stress", "happy") in best.paths
    assert "messages" in best.matched
    assert best.beneath[0].id == "off-hours"
    assert answer.fits


def test_duplicate_is_reported_with_owner(index: FitIndex) -> None:
    answer = fit(index, "Respect off-hours: schedule late messages for the next morning")
    assert [(s.id, s.owner) for s in answer.similar][:1] == [("off-hours", "dana")]


def test_nothing_fits(index: FitIndex) -> None:
    answer = fit(index, "quantum blockchain for cats")
    assert not answer.fits
    assert answer.similar == ()


def test_only_goals_and_outcomes_are_places(index: FitIndex) -> None:
    ranked = index.rank("shadow model")
    assert {pid for pid, _ in ranked} == {i.id for i in TEAM if i.is_place}
    assert ranked[0][0] == "ship-early"


def test_ranking_is_deterministic() -> None:
    a = FitIndex.build(TEAM).rank("a change in production for new hires")
    b = FitIndex.build(list(reversed(TEAM))).rank("a change in production for new hires")
    assert a == b


def test_edits_update_the_index(index: FitIndex) -> None:
    query = "sauna sessions for the whole team"
    before = fit(index, query).places[0].score
    index.add(Item("wellbeing", "Wellbeing at work", "goal", "A weekly sauna.", ("happy",)))
    assert fit(index, query).places[0].id == "wellbeing"
    assert fit(index, query).places[0].score > before
    index.update(Item("wellbeing", "Wellbeing at work", "goal", "Yoga on Fridays.", ("happy",)))
    assert fit(index, "yoga on fridays").places[0].id == "wellbeing"
    index.remove("wellbeing")
    assert "wellbeing" not in {pid for pid, _ in index.rank(query)}
    # Moving an initiative moves the evidence it gives its parent.
    query = "schedule messages for the next morning"
    before = dict(index.rank(query))
    index.update(
        Item(
            "off-hours",
            "Respect off-hours",
            "initiative",
            "Schedule late messages for the next morning.",
            ("ship-early",),
        )
    )
    after = dict(index.rank(query))
    assert after["ship-early"] > before["ship-early"]
    assert after["time-off"] < before["time-off"]


def test_remove_then_add_gives_the_same_scores() -> None:
    index = FitIndex.build(TEAM)
    before = index.rank("models in production")
    index.remove("shadow")
    index.add(TEAM[-1])
    assert index.rank("models in production") == before


def test_nearby_lists_initiatives_and_thin_goals() -> None:
    index = FitIndex.build(TEAM)
    around = nearby(index, "a sauna", "less-stress")
    assert around.initiatives == ()
    # Its sub-goal has one initiative, its sibling under "happy" none: both are thin.
    assert {g.id for g in around.thin_goals} == {"time-off", "onboarding"}
    around = nearby(index, "reply to messages tomorrow", "time-off")
    assert [s.id for s in around.initiatives] == ["off-hours"]
    around = nearby(index, "a mentor", "ship-early")
    # onboarding shares the parent "impact"; time-off sits elsewhere in the map.
    assert [g.id for g in around.thin_goals] == ["onboarding"]


def test_paths_follow_every_parent() -> None:
    index = FitIndex.build(TEAM, encoder=None)
    assert set(paths_up(index, "onboarding")) == {("onboarding", "happy"), ("onboarding", "impact")}


def test_example_map_paraphrase() -> None:
    ws = load(ROOT / "maps" / "ideal-group.yaml")
    answer = fit(index_workspace(ws), "schedule Slack messages for the next morning")
    assert any("less-stress" in path for path in answer.places[0].paths)
    assert answer.fits


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not present")
def test_shared_data_beats_chance() -> None:
    data = json.loads((SHARED_DATA / "un_sdg.json").read_text(encoding="utf-8"))
    items = [
        Item(
            n["id"],
            n["title"],
            "goal" if n["level"] < 2 else "initiative",
            n.get("description") or "",
            tuple(n["parents"]),
        )
        for n in data["nodes"]
    ]
    index = FitIndex.build(items)
    leaves = [i for i in items if not i.is_place][:40]
    hits = sum(index.rank(leaf.text)[0][0] in leaf.parents for leaf in leaves)
    assert hits >= 15


class Lookup:
    """An encoder that gives each text a fixed vector, so the geometry is known exactly."""

    name = "lookup"

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = vectors

    def encode(self, texts: Sequence[str], notice: Notice | None = None) -> NDArray[np.float32]:
        rows = np.asarray([self.vectors[t] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


# Goals are worded along axes 0 and 1, the initiatives that serve them along 2 and 3: nothing an
# initiative says resembles its goal's own words, as with metrics under targets.
WORDING = {
    "alpha": [1, 0, 0, 0],
    "beta": [0, 1, 0, 0],
    "alpha metric one": [0, 0, 1, 0.1],
    "alpha metric two": [0.1, 0, 1, 0],
    "beta metric one": [0, 0, 0.1, 1],
    "beta metric two": [0, 0.1, 0, 1],
    "new alpha-like metric": [0, 0, 1, 0],
}
WORDING_MAP = [
    Item("alpha", "alpha", "goal"),
    Item("beta", "beta", "goal"),
    Item("a1", "alpha metric one", "initiative", parents=("alpha",)),
    Item("a2", "alpha metric two", "initiative", parents=("alpha",)),
    Item("b1", "beta metric one", "initiative", parents=("beta",)),
    Item("b2", "beta metric two", "initiative", parents=("beta",)),
]
OWN_WORDS = {
    "subtree": (0.0,),
    "goal_child": 0.0,
    "parent": 0.0,
    "semantic": 1.0,
    "neighbour_vote": 0.0,
}


def test_the_map_teaches_how_initiatives_are_worded() -> None:
    query = "new alpha-like metric"
    plain = FitIndex.build(WORDING_MAP, Lookup(WORDING), Weights(wording=0.0, **OWN_WORDS))
    # Own words alone: the query is orthogonal to both goals, they tie.
    assert dict(plain.rank(query))["alpha"] == dict(plain.rank(query))["beta"]
    learned = FitIndex.build(WORDING_MAP, Lookup(WORDING), Weights(wording=0.01, **OWN_WORDS))
    ranked = learned.rank(query)
    assert ranked[0][0] == "alpha"
    assert ranked[0][1] > 0.9 > 0.1 > ranked[1][1]


def test_a_few_initiatives_barely_move_the_query() -> None:
    query = "new alpha-like metric"
    index = FitIndex.build(WORDING_MAP, Lookup(WORDING), Weights(**OWN_WORDS))
    # The default prior outweighs four initiatives: the query stays close to its own words,
    # though it already leans the way they point.
    scores = dict(index.rank(query))
    assert scores["beta"] < scores["alpha"] < 0.1
    # An edit changes what is learned: with alpha's initiatives gone, nothing favours alpha.
    index.remove("a1")
    index.remove("a2")
    scores = dict(index.rank(query))
    assert scores["alpha"] <= scores["beta"] + 1e-6


def test_refreshing_after_edits_ranks_like_a_fresh_index(tmp_path: Path) -> None:
    from backmap import edits

    ws = load(ROOT / "maps" / "ideal-group.yaml")
    index = index_workspace(ws)
    history = edits.History(ws)
    # Each edit is built on the workspace the previous ones left (a rename follows the add).
    steps = [
        lambda: edits.add(ws, "initiative", "A weekly sauna", supports=["less-stress"]),
        lambda: edits.rename(ws, "less-stress", "calm"),
        lambda: edits.change(ws, "protect-time-off", title="Evenings and weekends are off"),
        lambda: edits.remove(ws, "onboarding-buddy"),
    ]
    query = "a sauna after work to unwind"
    for build in steps:
        edit = history.do(build())
        refresh(index, changes(ws, touched_by(edit)))
        same_ranking(index, index_workspace(ws), query)
    undone = history.undo()
    assert undone is not None
    refresh(index, changes(ws, touched_by(undone)))
    same_ranking(index, index_workspace(ws), query)
    assert "onboarding-buddy" in index.items and "less-stress" not in index.items
    assert index.items["a-weekly-sauna"].parents == ("calm",)


def test_a_repeated_id_in_a_build_leaves_no_ghost() -> None:
    twice = [*TEAM, Item("shadow", "Shadow deploys", "initiative", parents=("ship-early",))]
    index = FitIndex.build(twice, encoder=None)
    assert index.items["shadow"].title == "Shadow deploys"
    index.remove("shadow")
    assert "shadow" not in index.ids()
    assert fit(index, "shadow deploys").places  # still answers, no stale slot left behind
