"""The roll-up at each date is the roll-up of `checks`, whatever the DAG (hypothesis)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.strategies import examples, map_files

from backmap.checkins import CheckIn
from backmap.checks.roll_up import progress
from backmap.graph import build
from backmap.model import MapFile, Workspace
from backmap.review.burnup import rollup

LAST = date(2026, 11, 30)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(map_files(max_nodes=10), st.randoms(use_true_random=False))
def test_the_last_date_is_the_roll_up_of_the_fields(mapfile: MapFile, rng: object) -> None:
    ws = Workspace(Path("plan.yaml"), {Path("plan.yaml"): mapfile})
    graph = build(ws)
    histories = {}
    for node in ws.nodes():
        if node.progress is None:
            continue
        # Earlier check-ins say anything; the latest says what the node's fields say.
        earlier = [
            CheckIn(LAST - timedelta(days=30 * k), progress=rng.randint(0, 100))  # type: ignore[attr-defined]
            for k in range(rng.randint(0, 3), 0, -1)  # type: ignore[attr-defined]
        ]
        histories[node.id] = [*earlier, CheckIn(LAST, progress=node.progress)]
    rows = rollup(graph, histories, [LAST - timedelta(days=45), LAST])
    expected = progress(graph)
    for node_id, value in expected.items():
        got = float(rows[node_id][-1])
        if value is None:
            assert math.isnan(got), node_id
        else:
            assert math.isclose(got, value, rel_tol=1e-9, abs_tol=1e-9), node_id
