"""Check-ins stored on the node: line format, history, recording, and what survives saving."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import examples

from backmap import checkins, edits, store
from backmap.checkins import CheckIn
from backmap.vocabulary import Health

MAP = """\
# Team map
backmap: 1
title: Team
nodes:
  - id: calm
    kind: goal
    title: Calm weeks
  - id: quiet-hours
    kind: initiative
    title: Quiet hours
    supports: [calm]
    progress: 20
    metric:
      name: late pings
      baseline: 50
      target: 5
      current: 40
    # how we did each month
    checkins: |
      2026-09-30 progress=10 health=on-track
      # October was rough
      2026-10-31 progress=20 current=40 health=at-risk note="Two teams still ping late"
"""


def write(tmp_path: Path, text: str = MAP) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(text)
    return path


def test_line_round_trip() -> None:
    c = CheckIn(date(2026, 11, 30), progress=35.5, current=-2, health="off-track", note='a "b" é')
    assert c.health is Health.OFF_TRACK
    line = c.line()
    assert line == '2026-11-30 progress=35.5 current=-2 health=off-track note="a \\"b\\" é"'
    assert checkins.parse_line(line) == c


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("2026-13-01 progress=3", "not a date"),
        ("2026-11-30 progres=3", "`progres` is not a check-in value"),
        ("2026-11-30 progress=120", "progress is from 0 to 100"),
        ("2026-11-30 progress=x", "progress is a number"),
        ("2026-11-30 health=fine", "health is on-track"),
        ("2026-11-30 note=hello", "a note is quoted"),
        ("2026-11-30 progress=1 progress=2", "given twice"),
        ("progress=1", "is not a check-in"),
    ],
)
def test_bad_lines_say_what_is_wrong(line: str, says: str) -> None:
    with pytest.raises(checkins.LineError, match=says):
        checkins.parse_line(line)


_PIECES = st.sampled_from(
    [
        "2026-11-30",
        "2026-02-30",
        " progress=",
        " current=",
        " health=",
        " note=",
        "on-track",
        "at-risk",
        "fine",
        "0",
        "100",
        "101",
        "35.5",
        "-2",
        "1e3",
        "1000000000000000",
        "999999999999999.5",
        '"Two teams"',
        '"  "',
        '"a \\"b\\""',
        '"tab\there"',
        '"del\x7f"',
        "  ",
        "#",
        "x",
    ]
)


_VALUE = st.sampled_from(["0", "100", "101", "35.5", "-2", "007", "1e3", "x", ""])
_NOTE = st.sampled_from(['"Two teams"', '"  "', '"a \\"b\\""', '"tab\there"', '"é"', "hi"])


def _pair(key: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), values.map(lambda v: f" {key}={v}"))


# Lines as backmap writes them, with values in and out of range, and lines of any shape.
_LINES = st.one_of(
    st.tuples(
        st.sampled_from(["2026-11-30", "2026-01-05", "2026-02-30"]),
        _pair("progress", _VALUE),
        _pair("current", _VALUE | st.just("1000000000000000")),
        _pair("health", st.sampled_from(["on-track", "at-risk", "off-track", "fine"])),
        _pair("note", _NOTE),
        st.sampled_from(["", " ", "  "]),
    ).map("".join),
    st.lists(_PIECES, max_size=9).map("".join),
)


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(_LINES, max_size=4))
def test_a_block_reads_each_line_as_parse_line_does(lines: list[str]) -> None:
    """Reading a whole block takes a short cut for lines as backmap writes them; it must give
    what reading each line alone gives, and fail where that fails."""
    _same_as_each_line(lines)


@pytest.mark.parametrize(
    "line",
    [
        "2026-11-30 progress=100",
        "2026-11-30 progress=101",
        "2026-11-30 progress=100.5",
        "2026-11-30 progress=007 current=-2.50",
        "2026-11-30 current=999999999999999.5",
        "2026-11-30 current=1000000000000001",
        "2026-02-30 health=at-risk",
        '2026-11-30 note="  "',
        '2026-11-30 note="del\x7f"',
        '2026-11-30 note="é"',
        "2026-11-30 progress=5\n2026-10-01 progress=3\n2026-09-01 progress=4",
        "2026-11-30 progress=5\n2026-10-01 progress=3\n2026-11-30 progress=400",
    ],
)
def test_a_line_as_written_reads_as_parse_line_reads_it(line: str) -> None:
    _same_as_each_line(line.split("\n"))


def _same_as_each_line(lines: list[str]) -> None:
    expected: list[CheckIn] = []
    error = None
    for index, line in enumerate(lines):
        try:
            found = checkins.parse_line(line, index)
        except checkins.LineError as exc:
            error = error or (index, str(exc))
            continue
        if found is not None:
            expected.append(found)
    text = "\n".join(lines)
    if len(lines) > 1:
        # The block without its last line read first: the way `diff` meets a new check-in.
        with contextlib.suppress(checkins.LineError):
            checkins.parse("\n".join(lines[:-1]) + "\n")
    if error is not None:
        with pytest.raises(checkins.LineError) as raised:
            checkins.parse(text)
        assert (raised.value.index, str(raised.value)) == error
        return
    got = checkins.parse(text)
    assert got == tuple(sorted(expected, key=lambda c: c.date))
    assert [(c.line(), c.health is None or isinstance(c.health, Health)) for c in got] == [
        (c.line(), True) for c in sorted(expected, key=lambda c: c.date)
    ]


def test_history_latest_and_at(tmp_path: Path) -> None:
    ws = store.load(write(tmp_path))
    found = checkins.history(ws, "quiet-hours")
    assert [c.date for c in found] == [date(2026, 9, 30), date(2026, 10, 31)]
    assert found[1] == CheckIn(
        date(2026, 10, 31), 20, 40, Health.AT_RISK, "Two teams still ping late"
    )
    assert checkins.latest(ws, "quiet-hours") == found[1]
    assert checkins.at(ws, "quiet-hours", date(2026, 10, 30)) == found[0]
    assert checkins.at(ws, "quiet-hours", date(2026, 1, 1)) is None
    assert checkins.history(ws, "calm") == []
    assert checkins.latest(ws, "calm") is None


def test_record_saves_one_line_keeps_comments_and_mirrors_current(tmp_path: Path) -> None:
    path = write(tmp_path)
    ws = store.load(path)
    new = CheckIn(date(2026, 11, 30), progress=35, current=30, health="on-track")
    checkins.record(ws, "quiet-hours", new).apply(ws)
    store.save(ws)
    text = path.read_text()
    assert (
        text
        == MAP.replace("progress: 20\n", "progress: 35\n").replace("current: 40\n", "current: 30\n")
        + "      2026-11-30 progress=35 current=30 health=on-track\n"
    )
    again = store.load(path)
    assert checkins.latest(again, "quiet-hours") == new
    assert again.node("quiet-hours").progress == 35


def test_older_check_in_goes_in_date_order_and_leaves_current_values(tmp_path: Path) -> None:
    path = write(tmp_path)
    ws = store.load(path)
    checkins.record(ws, "quiet-hours", CheckIn(date(2026, 8, 31), progress=5)).apply(ws)
    assert [c.date.month for c in checkins.history(ws, "quiet-hours")] == [8, 9, 10]
    assert ws.node("quiet-hours").progress == 20
    assert ws.node("quiet-hours").checkins.startswith("2026-08-31 progress=5\n")  # type: ignore[union-attr]


def test_same_day_updates_that_line(tmp_path: Path) -> None:
    ws = store.load(write(tmp_path))
    checkins.record(ws, "quiet-hours", CheckIn(date(2026, 10, 31), health="off-track")).apply(ws)
    last = checkins.latest(ws, "quiet-hours")
    assert last == CheckIn(
        date(2026, 10, 31), 20, 40, Health.OFF_TRACK, "Two teams still ping late"
    )
    assert len(checkins.history(ws, "quiet-hours")) == 2


@pytest.mark.parametrize(
    ("node_id", "checkin", "says"),
    [
        ("quiet-hours", CheckIn(date(2026, 11, 30)), "at least one value"),
        ("calm", CheckIn(date(2026, 11, 30), current=3), "has no metric"),
        ("calm", CheckIn(date(2026, 11, 30), progress=3), "rolls up"),
        ("quiet-hour", CheckIn(date(2026, 11, 30), progress=3), "did you mean `quiet-hours`"),
        ("quiet-hours", CheckIn(date(2026, 10, 31), progress=20), "already has this check-in"),
    ],
)
def test_record_refuses(tmp_path: Path, node_id: str, checkin: CheckIn, says: str) -> None:
    ws = store.load(write(tmp_path))
    with pytest.raises(edits.EditError, match=says):
        checkins.record(ws, node_id, checkin)


def test_history_survives_rename(tmp_path: Path) -> None:
    path = write(tmp_path)
    ws = store.load(path)
    edits.rename(ws, "quiet-hours", "quiet-evenings").apply(ws)
    store.save(ws)
    again = store.load(path)
    assert len(checkins.history(again, "quiet-evenings")) == 2
    assert "# October was rough" in path.read_text()


def test_bad_line_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, MAP.replace("progress=10 health", "progress=10 helth"))
    ws = store.load(path)  # the map opens; the history is read when asked for
    with pytest.raises(store.LoadError) as caught:
        checkins.history(ws, "quiet-hours")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (path, 20)
    assert "`helth` is not a check-in value" in problem.message
    with pytest.raises(store.LoadError):
        checkins.check_all(ws)
