"""`backmap fit` through the real entry point: answers, JSON, attaching and undoing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import MAPS, run_cli

from backmap import edits, store


def fit_on(path: Path, *args: str):
    """`backmap fit ARGS --map PATH` through the real entry point."""
    return run_cli("fit", *args, "--map", str(path))


def copy_map(tmp_path: Path) -> Path:
    path = tmp_path / "ideal.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    return path


def test_paraphrase_finds_the_goal_and_the_look_alike() -> None:
    result = run_cli(
        "fit",
        "schedule Slack messages for the next morning",
        "--map",
        str(MAPS / "ideal-group.yaml"),
    )
    assert result.code == 0, result.err
    first = result.out.splitlines()[1]
    assert "[protect-time-off]" in first or "[less-stress]" in first
    assert "You may already be doing this:" in result.out
    assert "Respect off-hours [off-hours] (owner dana, active)" in result.out


def test_nothing_fits_is_said_plainly_and_the_closest_places_still_shown() -> None:
    result = run_cli(
        "fit", "translate the tax code into Latin", "--map", str(MAPS / "ideal-group.yaml")
    )
    assert result.code == 0
    assert result.out.startswith("No goal here seems served by this; is a goal missing?")
    assert " 1. " in result.out and "no real match" in result.out
    assert "What else could be done there" not in result.out


def test_a_weak_match_is_labelled_not_hidden(tmp_path: Path) -> None:
    # A fresh map of bare goal titles gives little evidence either way: the idea belongs, but
    # scores low, so it is labelled weak rather than turned away.
    path = tmp_path / "team.yaml"
    path.write_text(NEW_TEAM, encoding="utf-8")
    result = fit_on(path, "schedule slack messages to the next morning")
    assert result.code == 0
    assert result.out.startswith("Only weak matches; if none of these is right, is a goal missing?")
    assert "weak match" in result.out.splitlines()[1]
    assert "What else could be done there" not in result.out


def test_json_shape_is_stable() -> None:
    result = run_cli(
        "fit",
        "paid expert consulting",
        "--json",
        "--top",
        "3",
        "--map",
        str(MAPS / "ideal-group.yaml"),
    )
    data = json.loads(result.out)
    assert list(data) == [
        "version",
        "query",
        "fits",
        "strength",
        "threshold",
        "semantic",
        "places",
        "similar",
        "nearby",
        "attached",
        "not_attached",
    ]
    assert len(data["places"]) == 3
    assert set(data["places"][0]) == {
        "id",
        "title",
        "kind",
        "score",
        "strength",
        "paths",
        "matched",
        "matched_beneath",
        "beneath",
    }
    assert data["strength"] in ("strong", "plausible", "weak", "none")
    assert data["places"][0]["strength"] == data["strength"]
    again = run_cli(
        "fit",
        "paid expert consulting",
        "--json",
        "--top",
        "3",
        "--map",
        str(MAPS / "ideal-group.yaml"),
    )
    assert again.out == result.out


def test_attach_to_named_goal_writes_yaml_and_is_undoable(tmp_path: Path) -> None:
    path = copy_map(tmp_path)
    before = path.read_text()
    result = run_cli(
        "fit",
        "Quiet hours after six",
        "--attach",
        "less-stress",
        "--yes",
        "--owner",
        "dana",
        "--sub-owner",
        "lior",
        "--map",
        str(path),
    )
    assert result.code == 0, result.err
    assert result.out.strip().splitlines()[-1] == "quiet-hours-after-six"
    ws = store.load(path)
    node = ws.node("quiet-hours-after-six")
    assert (node.kind.value, node.supports, node.owner, node.sub_owner) == (
        "initiative",
        ["less-stress"],
        "dana",
        "lior",
    )
    # Removing it gives back the original bytes (comments and layout kept).
    edits.History(ws).do(edits.remove(ws, "quiet-hours-after-six"))
    store.save(ws)
    assert path.read_text() == before


def test_the_attach_edit_undoes_to_the_original_bytes(tmp_path: Path) -> None:
    # What --attach applies is an ordinary edit: the editor's undo takes it back.
    path = copy_map(tmp_path)
    before = path.read_text()
    ws = store.load(path)
    history = edits.History(ws)
    history.do(edits.add(ws, "initiative", "Quiet hours after six", supports=["less-stress"]))
    store.save(ws)
    assert "quiet-hours-after-six" in path.read_text()
    history.undo()
    store.save(ws)
    assert path.read_text() == before


def test_attaching_an_existing_title_again_is_refused(tmp_path: Path) -> None:
    path = copy_map(tmp_path)
    first = run_cli(
        "fit", "Quiet hours after six", "--attach", "less-stress", "--yes", "--map", str(path)
    )
    assert first.code == 0, first.err
    after_first = path.read_text()
    again = run_cli(
        "fit", "quiet hours after six!", "--attach", "less-stress", "--yes", "--map", str(path)
    )
    # Already there, under that goal: nothing to do, which is no error (as `set`, `link`).
    assert again.code == 0, again.err
    assert "ideal.yaml:" in again.err
    assert (
        "`quiet-hours-after-six` is already this initiative under less-stress; nothing changed"
        in again.err
    )
    elsewhere = run_cli(
        "fit", "Quiet hours after six", "--attach", "focus", "--yes", "--map", str(path)
    )
    assert elsewhere.code == 2
    assert "backmap link quiet-hours-after-six focus" in elsewhere.err
    # The hint only ever names links that would work.
    nowhere = fit_on(path, "Quiet hours after six", "--attach", "no-such-goal", "--yes")
    assert nowhere.code == 2 and "no node `no-such-goal`" in nowhere.err
    assert "backmap link" not in nowhere.err
    assert path.read_text() == after_first
    assert "Traceback" not in again.err + elsewhere.err + nowhere.err


def test_in_a_terminal_the_ranking_is_shown_before_the_question(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(NEW_TEAM, encoding="utf-8")
    idea = "schedule slack messages to the next morning"
    declined = run_cli("fit", idea, "--attach", "--map", str(path), input="n\n", terminal=True)
    assert declined.code == 0, declined.err
    # The answer the question is about is shown, even when the answer to it is no.
    assert "Reduce stress" in declined.out and "weak match" in declined.out
    assert "attach under “Reduce stress” anyway? [y/N]" in declined.err
    assert "nothing added" in declined.err
    assert path.read_text() == NEW_TEAM


def test_the_question_names_a_look_alike(tmp_path: Path) -> None:
    path = copy_map(tmp_path)
    result = fit_on(
        path, "Respect off-hours: schedule late messages for the next morning", "--attach"
    )
    # No terminal here: the question is printed with the refusal, nothing is written.
    assert result.code == 2
    assert "it looks like “Respect off-hours” [off-hours]" in result.err
    assert "?" not in result.err
    assert path.read_text() == (MAPS / "ideal-group.yaml").read_text()


def test_attach_to_best_goal_and_as_goal(tmp_path: Path) -> None:
    path = copy_map(tmp_path)
    result = fit_on(
        path, "Schedule late messages for the next morning", "--attach", "--kind", "goal", "--yes"
    )
    assert result.code == 0, result.err
    new_id = result.out.strip().splitlines()[-1]
    node = store.load(path).node(new_id)
    assert node.kind.value == "goal" and node.supports


def test_attach_without_terminal_or_yes_refuses(tmp_path: Path) -> None:
    path = copy_map(tmp_path)
    result = run_cli("fit", "Quiet hours", "--attach", "less-stress", "--map", str(path))
    assert result.code == 2 and "--yes" in result.err
    assert path.read_text() == (MAPS / "ideal-group.yaml").read_text()


NEW_TEAM = """\
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
  - id: onboarding
    kind: goal
    title: Effective onboarding
    supports: [happy]
"""


def test_weak_match_asks_before_attaching_and_yes_attaches_with_fields(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(NEW_TEAM, encoding="utf-8")
    idea = "schedule slack messages to the next morning"
    shown = fit_on(path, idea)
    assert shown.code == 0 and "weak match" in shown.out  # labelled in words, no raw score
    assert "0.0" not in shown.out
    asked = fit_on(path, idea, "--attach")
    # No terminal to ask on: the question is printed with the refusal, nothing written.
    assert asked.code == 2
    assert asked.err.startswith(
        "backmap: error: the best place, “Reduce stress”, is only a weak match; with no "
        "terminal to ask on, nothing was added: pass --yes to attach under it, or name the "
        "goals: --attach GOAL [GOAL ...]"
    )
    assert "?" not in asked.err
    assert path.read_text() == NEW_TEAM
    done = fit_on(
        path,
        idea,
        "--attach",
        "--yes",
        "--status",
        "planned",
        "--due",
        "2027-03-31",
        "--progress",
        "10",
    )
    assert done.code == 0, done.err
    node = store.load(path).node(done.out.strip().splitlines()[-1])
    assert node.supports == ["reduce-stress"]
    assert (node.status.value, str(node.due), node.progress) == ("planned", "2027-03-31", 10)


def test_nothing_fits_with_yes_names_the_goals_to_give(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(NEW_TEAM, encoding="utf-8")
    result = fit_on(path, "quantum blockchain for cats", "--attach", "--yes")
    assert result.code == 2
    assert "name the goals: --attach GOAL [GOAL ...]" in result.err
    asked = fit_on(path, "quantum blockchain for cats", "--attach")
    assert (
        asked.code == 2
        and "the best place, “Effective onboarding”, is not a real match" in asked.err
    )
    assert "nothing was added: name the goals: --attach GOAL [GOAL ...]" in asked.err
    assert path.read_text() == NEW_TEAM


def test_bad_progress_for_attach_is_refused_plainly(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(NEW_TEAM, encoding="utf-8")
    result = fit_on(path, "buddy", "--attach", "onboarding", "--yes", "--progress", "lots")
    assert result.code == 2 and "'lots' is not a number from 0 to 100" in result.err
    assert "Traceback" not in result.err and path.read_text() == NEW_TEAM


def test_a_close_look_alike_makes_the_answer_strong_but_no_weak_place_a_there(
    tmp_path: Path,
) -> None:
    """The look-alike supports a goal the map lacks: every place is weak, so nothing is
    suggested "there", though the answer is strong for the look-alike."""
    path = tmp_path / "ward.yaml"
    path.write_text(
        "backmap: 1\ntitle: Ward 7\nnodes:\n"
        "  - {id: safe, kind: outcome, title: Patients are safe}\n"
        "  - {id: falls, kind: goal, title: Fewer falls, supports: [safe]}\n"
        "  - {id: xyz, kind: goal, title: Xyz, supports: [safe]}\n"
        "  - {id: bedalarm, kind: initiative, title: Bed alarms, supports: [fals]}\n",
        encoding="utf-8",
    )
    answer = json.loads(fit_on(path, "bed-alarms", "--json").out)
    assert answer["strength"] == "strong" and answer["similar"][0]["id"] == "bedalarm"
    assert answer["places"][0]["strength"] in ("weak", "none")
    assert answer["nearby"] is None
    assert "What else could be done there" not in fit_on(path, "bed-alarms").out
