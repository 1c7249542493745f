"""A node as of a day read from its last kept line (the quick way) is the node the general
reading of every line makes, or the general reading decides."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from backmap.checkins.lines import LineError
from backmap.checkins.past import _as_of, _read_back
from backmap.model import Kind, Metric, Node

START = date(2026, 9, 1)

LINE = st.builds(
    lambda days, progress, current, extra: " ".join(
        part
        for part in (
            (START + timedelta(days=days)).isoformat(),
            None if progress is None else f"progress={progress}",
            None if current is None else f"current={current}",
            extra,
        )
        if part
    ),
    st.integers(0, 90),
    st.one_of(st.none(), st.integers(0, 100), st.sampled_from(["12.5", "101"])),
    st.one_of(st.none(), st.integers(-5, 50)),
    st.sampled_from(["", "health=at-risk", 'note="x"', 'note=" "', "size=3"]),
)
TEXTS = st.lists(
    st.one_of(LINE, st.sampled_from(["# a comment", "", "2026-13-45 progress=3"])),
    min_size=1,
    max_size=5,
).map(lambda lines: "\n".join(lines) + "\n")


def _node(text: str, metric: bool) -> Node:
    node = Node(id="n", kind=Kind.INITIATIVE, title="N", progress=50, checkins=text)
    if metric:
        node = node.model_copy(update={"metric": Metric(name="m", current=7)})
    return node


def _read(read: object, node: Node, text: str, cutoff: str) -> Node | str:
    try:
        return read(node, text, cutoff)  # type: ignore[operator, no-any-return]
    except LineError as exc:
        return f"{exc}"


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(-1, 92), st.booleans())
def test_the_quick_reading_is_the_general_one(text: str, days: int, metric: bool) -> None:
    node = _node(text, metric)
    cutoff = (START + timedelta(days=days)).isoformat()
    quick, general = _read(_as_of, node, text, cutoff), _read(_read_back, node, text, cutoff)
    if isinstance(general, str) or isinstance(quick, str):
        assert quick == general
        return
    assert quick.__dict__ == general.__dict__
    assert quick.model_fields_set == general.model_fields_set
    if general.metric is not None:
        assert quick.metric is not None
        assert quick.metric.model_fields_set == general.metric.model_fields_set
