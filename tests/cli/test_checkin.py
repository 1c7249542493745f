"""`backmap checkin`: one item from options, the history, and the round through real input."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import Run, run_cli

from backmap import checkins, store

MAP = """\
backmap: 1
title: Team
nodes:
  - id: calm
    kind: goal
    title: Calm weeks
    owner: dana
  - id: quiet-hours
    kind: initiative
    title: Quiet hours
    supports: [calm]
    owner: dana
    status: active
    progress: 20
    metric:
      name: late pings
      current: 40
    checkins: |
      2026-10-31 progress=20 health=at-risk
  - id: no-meetings
    kind: initiative
    title: No-meeting Wednesday
    supports: [calm]
    owner: dana
    status: planned
  - id: old-thing
    kind: initiative
    title: Old thing
    supports: [calm]
    owner: dana
    status: done
"""


def write(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    return path


def test_checkin_records_one_line_and_says_what_moved(tmp_path: Path) -> None:
    path = write(tmp_path)
    args = ("checkin", "quiet-hours", "--progress", "35", "--note", "Half the teams")
    result = run_cli(*args, "--date", "2026-11-30", "--map", str(path))
    assert result.code == 0, result.err
    assert result.out == "quiet-hours  2026-11-30  35% (+15)  “Half the teams”\n"
    text = path.read_text()
    assert '      2026-11-30 progress=35 note="Half the teams"\n' in text
    assert "    progress: 35\n" in text
    again = run_cli(*args, "--date", "2026-11-30", "--map", str(path))
    assert again.code == 0
    assert "nothing changed" in again.err
    assert path.read_text() == text


def test_checkin_without_values_shows_the_history(tmp_path: Path) -> None:
    result = run_cli("checkin", "quiet-hours", "--map", str(write(tmp_path)))
    assert result.code == 0
    assert result.out == "quiet-hours  Quiet hours\n  2026-10-31  20%  at-risk\n"


def test_checkin_refusals_exit_2_and_change_nothing(tmp_path: Path) -> None:
    path = write(tmp_path)
    cases = [
        (("quiet-hours", "--progress", "abc"), "--progress: 'abc' is not a number"),
        (("quiet-hours", "--date", "2999-01-01", "--note", "x"), "is in the future"),
        (("calm", "--progress", "30"), "rolls up"),
        (("no-meetings", "--current", "3"), "has no metric"),
        (("quiet-hour", "--progress", "3"), "did you mean `quiet-hours`"),
        (("quiet-hours", "--note", " "), "a note needs some text"),
    ]
    for args, says in cases:
        result = run_cli("checkin", *args, "--map", str(path))
        assert (result.code, says in result.err) == (2, True), (args, result.err)
    assert path.read_text() == MAP


def round_(path: Path, answers: str, *extra: str) -> Run:
    """`backmap checkin --owner dana` with `answers` piped to it, as typed into a pipe."""
    return run_cli("checkin", "--owner", "dana", "--map", str(path), *extra, input=answers)


def test_round_enter_keeps_s_skips_and_saves_once(tmp_path: Path) -> None:
    path = write(tmp_path)
    # calm (goal, rolls up): health, note. quiet-hours: progress, current, health, note.
    # no-meetings: skipped. old-thing is done: not asked.
    answers = "on\n\n" + "30\n\noff\nBlocked by the chat tool\n" + "s\n"
    result = round_(path, answers, "--date", "2026-11-30")
    assert result.code == 0, result.err
    assert "[3/3] no-meetings" in result.out and "skipped" in result.out
    assert "old-thing" not in result.out
    assert "current (late pings) [40]" in result.out
    ws = store.load(path)
    assert checkins.latest(ws, "calm") == checkins.CheckIn(
        checkins.parse_line("2026-11-30").date, health="on-track"
    )
    last = checkins.latest(ws, "quiet-hours")
    assert last is not None
    assert last.line() == (
        '2026-11-30 progress=30 current=40 health=off-track note="Blocked by the chat tool"'
    )
    assert ws.node("quiet-hours").progress == 30
    assert checkins.history(ws, "no-meetings") == []


def test_round_asks_again_after_a_bad_answer_and_stops_at_end_of_input(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = round_(path, "s\nlots\n55\n", "--date", "2026-11-30")
    assert result.code == 0, result.err
    assert "'lots' is not a number from 0 to 100; Enter keeps the value" in result.out
    assert result.out.count("c confirms it unchanged") == 1  # the banner is not repeated
    # The input ended within the item: what was answered counts, the rest stands.
    assert "stopped: the values answered are recorded" in result.out
    last = checkins.latest(store.load(path), "quiet-hours")
    assert last is not None and last.line() == "2026-11-30 progress=55 current=40 health=at-risk"


@pytest.mark.parametrize("stop", ["q\n", ""])
def test_q_or_the_end_of_input_within_an_item_keeps_what_was_answered(
    tmp_path: Path, stop: str
) -> None:
    path = write(tmp_path)
    # calm: skipped; quiet-hours: progress 35, Enter keeps the current value, then q.
    result = round_(path, "s\n35\n\n" + stop, "--date", "2026-11-30")
    assert result.code == 0, result.err
    assert "stopped: the values answered are recorded" in result.out
    ws = store.load(path)
    last = checkins.latest(ws, "quiet-hours")
    assert last is not None and last.line() == "2026-11-30 progress=35 current=40 health=at-risk"
    assert ws.node("quiet-hours").progress == 35
    assert checkins.history(ws, "no-meetings") == []  # never asked


def test_q_before_any_answer_records_nothing(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = round_(path, "s\nq\n", "--date", "2026-11-30")
    assert result.code == 0 and "no check-in recorded" in result.err
    assert path.read_text() == MAP


def test_round_for_unknown_owner_names_the_owners(tmp_path: Path) -> None:
    other = run_cli("checkin", "--owner", "zed", "--map", str(write(tmp_path)))
    assert other.code == 2
    assert "no open item in this map is owned by 'zed' (owners here: dana)" in other.err
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "map.yaml").write_text(
        "backmap: 1\ntitle: T\nnodes:\n  - id: g\n    kind: goal\n    title: G\n"
    )
    nobody = run_cli("checkin", "--owner", "nobody", "--map", str(bare / "map.yaml"))
    assert nobody.code == 2
    assert "owned by 'nobody' (no item has an owner yet)" in nobody.err, nobody.err


def test_round_enter_through_an_item_records_nothing_and_c_confirms_it(tmp_path: Path) -> None:
    path = write(tmp_path)
    # calm: s. quiet-hours: Enter on progress [20], current [40], health [at-risk], note.
    result = round_(path, "s\n" + "\n\n\n\n" + "s\n", "--date", "2026-11-30")
    assert result.code == 0, result.err
    assert "nothing to record" in result.out
    assert "no check-in recorded" in result.err
    assert path.read_text() == MAP  # no unchanged check-in resets how stale it is
    assert "c confirms it unchanged" in result.out
    # c: the values stand as they are, and that is worth recording.
    confirmed = round_(path, "s\n" + "c\n" + "s\n", "--date", "2026-11-30")
    assert confirmed.code == 0, confirmed.err
    last = checkins.latest(store.load(path), "quiet-hours")
    assert last is not None
    assert last.line() == "2026-11-30 progress=20 current=40 health=at-risk"


@pytest.mark.parametrize(("status", "said"), [("dropped", "is dropped"), ("idea", "is an idea")])
def test_checkin_on_a_dropped_item_or_an_idea_is_refused(
    tmp_path: Path, status: str, said: str
) -> None:
    path = write(tmp_path)
    path.write_text(MAP.replace("status: planned", f"status: {status}"))
    before = path.read_text()
    result = run_cli("checkin", "no-meetings", "--progress", "10", "--map", str(path))
    assert result.code == 2
    assert f"`no-meetings` {said}" in result.err
    assert "set no-meetings --status active" in result.err
    assert path.read_text() == before
    why = run_cli("checkin", "no-meetings", "--note", "Nobody wanted it", "--map", str(path))
    assert why.code == 0, why.err  # a note on why it was dropped is still welcome
