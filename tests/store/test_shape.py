"""A revision that differs from today's file only in check-ins is made from today's parse, and
is then exactly what parsing its text gives; anything else is left to the parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backmap.model import MapFile
from backmap.store.parse import parse
from backmap.store.shape import shape, with_checkins_of
from backmap.store.stored import Origin

PATH = Path("map.yaml")

TODAY = """backmap: 1
title: Shapes
nodes:
  - id: goal
    kind: goal
    title: A goal
  - id: checked
    kind: initiative
    title: Checked in
    supports: [goal]
    progress: 20
    metric:
      name: pings
      baseline: 50
      current: 30
    checkins: |
      2026-10-31 progress=10 current=40
      2026-11-30 progress=20 current=30
  - id: plain
    kind: initiative
    title: Set by hand
    supports: [goal]
    progress: 5
  - id: late
    kind: initiative
    title: Checked in late
    supports: [goal]
    checkins: |
      2026-11-30 health=at-risk note="Waiting"
"""


def _same(made: tuple[MapFile, Origin] | None, text: str) -> None:
    """`made` is what parsing `text` gives: the same nodes, fields set, and origin."""
    assert made is not None
    mapfile, origin = made
    parsed, parsed_origin = parse(PATH, text, "")
    assert mapfile == parsed
    assert mapfile.model_fields_set == parsed.model_fields_set
    for node, want in zip(mapfile.nodes, parsed.nodes, strict=True):
        assert node.__dict__ == want.__dict__
        assert type(node.progress) is type(want.progress)
        assert node.model_fields_set == want.model_fields_set
        if want.metric is not None:
            assert node.metric is not None
            assert node.metric.model_fields_set == want.metric.model_fields_set
    assert origin.text == text
    assert origin.ids == parsed_origin.ids
    assert origin.trivia == parsed_origin.trivia
    assert origin.lines == parsed_origin.lines


def _made(old: str, today: str = TODAY) -> tuple[MapFile, Origin] | None:
    mapfile, origin = parse(PATH, today, "")
    return with_checkins_of(mapfile, origin, old)


def test_a_month_earlier_is_today_with_its_own_check_ins_and_values() -> None:
    old = (
        TODAY.replace("      2026-11-30 progress=20 current=30\n", "")
        .replace("progress: 20", "progress: 10")
        .replace("current: 30", "current: 40")
        .replace(
            '      2026-11-30 health=at-risk note="Waiting"\n', "      2026-10-01 health=on-track\n"
        )
    )
    today, origin = parse(PATH, TODAY, "")
    made = with_checkins_of(today, origin, old)
    _same(made, old)
    assert made is not None
    nodes = {n.id: n for n in made[0].nodes}
    assert nodes["checked"].progress == 10
    assert nodes["checked"].metric is not None and nodes["checked"].metric.current == 40
    assert nodes["checked"].checkins == "2026-10-31 progress=10 current=40\n"
    assert nodes["plain"] is today.nodes[2]  # unchanged nodes are shared, not copied


def test_values_that_were_not_there_yet_are_unset() -> None:
    old = TODAY.replace("    progress: 20\n", "").replace("      current: 30\n", "")
    _same(_made(old), old)
    # And the other way round: today without them, the revision with them.
    _same(_made(TODAY, old), TODAY)


def test_node_lines_are_where_a_scan_finds_them() -> None:
    # A line inside a description that reads like an id line: the scan decides.
    described = TODAY.replace(
        "    title: A goal\n", "    title: A goal\n    description: |\n      id: checked\n"
    )
    old = described.replace("progress: 20", "progress: 10").replace(
        "      2026-11-30 progress=20 current=30\n", ""
    )
    for today, text in ((TODAY, TODAY.replace("progress: 20", "progress: 10")), (described, old)):
        made = _made(text.replace("      2026-11-30 progress=20 current=30\n", ""), today)
        assert made is not None
        _same(made, made[1].text)


def test_a_map_people_keep_with_comments_is_made_too() -> None:
    kept = TODAY.replace("nodes:\n", "nodes:\n  # Goals first\n\n").replace(
        "  - id: plain\n", "  # What people set by hand\n  - id: plain\n"
    )
    old = kept.replace("      2026-11-30 progress=20 current=30\n", "").replace(
        "progress: 20", "progress: 10"
    )
    made = _made(old, kept)
    _same(made, old)
    assert made is not None
    assert made[1].comments == parse(PATH, old, "")[1].comments


def test_a_blank_line_only_the_revision_has_is_told() -> None:
    old = TODAY.replace("      2026-11-30 progress=20 current=30\n", "\n").replace(
        "progress: 20", "progress: 10"
    )
    made = _made(old)
    _same(made, old)
    assert made is not None and made[1].trivia


def test_the_same_text_is_the_same_map() -> None:
    _same(_made(TODAY), TODAY)


@pytest.mark.parametrize(
    "old",
    [
        # A value no check-in sets: the revision differs in more than check-ins.
        TODAY.replace("progress: 5", "progress: 50"),
        TODAY.replace("title: A goal", "title: B goal"),
        # A check-in block moved to another node.
        TODAY.replace(
            "    checkins: |\n      2026-11-30 health",
            "    owner: x\n    checkins: |\n      2026-11-30 health",
        ),
        TODAY.replace("  - id: late", "  - id: later"),
        # What the parser must judge: a bad value, a comment, a block the parser reads otherwise.
        TODAY.replace("progress: 20", "progress: 120"),
        TODAY.replace("progress: 20", "progress: 20  # guess"),
        TODAY.replace("progress: 20", "progress: '20'"),
        TODAY.replace("checkins: |\n      2026-10-31", "checkins: |-\n      2026-10-31"),
        TODAY.replace("      2026-11-30 progress=20", "\t2026-11-30 progress=20"),
        TODAY.replace("2026-11-30 progress=20 current=30", "2026-11-30 \x07"),
        TODAY.replace("checkins: |\n      2026-10-31", "checkins: |\n        2026-10-31"),
        TODAY.replace("      2026-11-30 progress=20 current=30\n", "     2026-11-30 x\n"),
        TODAY.replace("      current: 30\n", "      current: 30\n      current: 31\n"),
    ],
)
def test_anything_else_is_left_to_the_parser(old: str) -> None:
    made = _made(old)
    if made is not None:  # allowed only when it is exactly what the parser makes
        _same(made, old)


def test_other_files_are_left_to_the_parser() -> None:
    assert _made(TODAY.replace("title: Shapes", "title: Other")) is None
    assert _made(TODAY.replace("progress: 5", "progress: 50")) is None
    assert _made(TODAY + "  - id: more\n    kind: goal\n    title: More\n") is None


LINES = st.lists(
    st.sampled_from(
        [
            "2026-10-31 progress=10",
            "2026-11-30 progress=20 current=30",
            "# a comment",
            "",
            "  indented more",
            '2026-12-01 note="x: y #z"',
        ]
    ),
    min_size=0,
    max_size=4,
)
VALUES = st.sampled_from([None, "0", "7", "100", "33.5", "101", "-1", "1e2", "07", "'5'", "5 # c"])


def _variant(lines: list[str], progress: str | None, current: str | None) -> str:
    text = TODAY
    text = text.replace(
        "    progress: 20\n", "" if progress is None else f"    progress: {progress}\n"
    )
    text = text.replace(
        "      current: 30\n", "" if current is None else f"      current: {current}\n"
    )
    block = "".join(f"      {line}\n" if line else "\n" for line in lines)
    return text.replace(
        "      2026-10-31 progress=10 current=40\n      2026-11-30 progress=20 current=30\n", block
    )


@settings(max_examples=150, deadline=None)
@given(LINES, VALUES, VALUES, LINES, VALUES, VALUES)
def test_made_or_left_but_never_wrong(
    old_lines: list[str],
    old_progress: str | None,
    old_current: str | None,
    new_lines: list[str],
    new_progress: str | None,
    new_current: str | None,
) -> None:
    from backmap.store.problems import FileProblems

    today = _variant(new_lines, new_progress, new_current)
    old = _variant(old_lines, old_progress, old_current)
    try:
        mapfile, origin = parse(PATH, today, "")
    except FileProblems:
        return  # today's map must load to be anything's model
    made = with_checkins_of(mapfile, origin, old)
    if made is None:
        return
    _same(made, old)


def test_the_shape_leaves_out_check_ins_and_the_values_they_set() -> None:
    old = (
        TODAY.replace("      2026-11-30 progress=20 current=30\n", "")
        .replace("progress: 20", "progress: 10")
        .replace("current: 30", "current: 40")
    )
    assert shape([old]) == shape([TODAY]) is not None
    assert shape([TODAY.replace("progress: 5", "progress: 50")]) != shape([TODAY])
    assert shape([TODAY, None]) is None
