"""`status` marks and `--since`, `tree` due dates, and `backmap diff` across git revisions."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap import alike, checkins, edits, mapdiff, store
from backmap.model import Workspace

MAP = """\
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
    status: active
    progress: 20
    due: 2026-10-01
    checkins: |
      2026-10-31 progress=20 health=off-track
  - id: rota
    kind: initiative
    title: Shared rota
    supports: [calm]
    status: active
    progress: 40
  - id: standup
    kind: initiative
    title: Daily stand-up
    supports: [calm]
    status: dropped
    progress: 10
  - id: buddy
    kind: initiative
    title: Onboarding buddy
    supports: [calm]
    status: idea
"""

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_AUTHOR_DATE": "2026-11-01T12:00:00",
    "GIT_COMMITTER_DATE": "2026-11-01T12:00:00",
}


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=folder, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose one commit holds MAP; then the working file moves on."""
    (tmp_path / "map.yaml").write_text(MAP)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "map.yaml")
    git(tmp_path, "commit", "-qm", "map")
    # The month's edits through the core (the CLI for each is tested on its own): faster.
    ws = store.load(tmp_path / "map.yaml")
    for edit in (
        lambda: checkins.record(ws, "quiet-hours", checkins.CheckIn(date(2026, 11, 30), 50)),
        lambda: edits.change(ws, "rota", status="done", progress=100),
        lambda: edits.rename(ws, "standup", "stand-up"),
        lambda: edits.add(ws, "initiative", "Quiet Fridays", supports=["calm"], status="active"),
        lambda: edits.add(ws, "goal", "Lonely goal"),
    ):
        edit().apply(ws)
    store.save(ws)
    return tmp_path


def test_status_marks_done_dropped_idea_overdue_health_and_ideas(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    out = run_cli("status", "--today", "2026-12-01", "--map", str(path)).out
    lines = out.splitlines()
    calm = next(line for line in lines if "Calm weeks" in line)
    assert " 30% " in calm  # (20 + 40) / 2: neither the dropped 10% nor the idea's 0%
    assert "1 idea not started" in calm and "at risk: quiet-hours off track" in calm
    assert "Quiet hours overdue since 2026-10-01 · off track" in next(
        line for line in lines if "Quiet hours" in line
    )
    assert "✗ dropped" in next(line for line in lines if "Daily stand-up" in line)
    assert "○ idea" in next(line for line in lines if "Onboarding buddy" in line)
    later = run_cli("status", "--today", "2026-09-01", "--map", str(path)).out
    assert "due 2026-10-01" in later and "overdue" not in later


def test_status_since_a_revision_shows_changes_next_to_the_bars(repo: Path) -> None:
    result = run_cli("status", "--since", "HEAD", "--map", str(repo / "map.yaml"))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[1] == "changes since HEAD"
    line = {
        key: next(ln for ln in lines if key in ln)
        for key in ("Quiet hours", "Shared rota", "Quiet Fridays", "stand-up")
    }
    assert "██████████ 100% +60% " in line["Shared rota"] and "active → done" in line["Shared rota"]
    assert " +30% " in line["Quiet hours"]
    assert line["Quiet Fridays"].endswith("new")
    assert "renamed from standup" in line["stand-up"]


def test_status_since_a_date_without_git_reads_the_check_ins(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        MAP.replace(
            "health=off-track\n", "health=off-track\n      2026-11-30 progress=45\n"
        ).replace("progress: 20", "progress: 45")
    )
    result = run_cli("status", "--since", "2026-11-01", "--map", str(path))
    assert result.code == 0, result.err
    assert "changes since 2026-11-01: the check-ins made by then\n" in result.out
    assert " +25% " in next(ln for ln in result.out.splitlines() if "Quiet hours" in ln)


def test_status_since_a_date_older_than_every_commit_starts_from_the_first(repo: Path) -> None:
    """No commit is that old: the first commit's map, as its check-ins stood that day, so what
    was added, renamed or closed since is told too, not only the check-ins."""
    result = run_cli("status", "--since", "2026-10-15", "--map", str(repo / "map.yaml"))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    first = subprocess.run(
        ["git", "rev-list", "--max-parents=0", "HEAD"], cwd=repo, capture_output=True, text=True
    ).stdout.strip()
    assert lines[1] == (
        f"changes since 2026-10-15: the check-ins made by then, on the map of {first[:10]} "
        "(the first commit; none is older)"
    )
    line = {
        key: next(ln for ln in lines if key in ln)
        for key in ("Quiet hours", "Shared rota", "Quiet Fridays", "stand-up")
    }
    assert line["Quiet Fridays"].endswith("new")
    assert "renamed from standup" in line["stand-up"]
    assert "active → done" in line["Shared rota"]
    # Its first check-in (2026-10-31, 20%) came after that day: carried back, nothing is
    # invented before it, so the move is the one the check-ins made (20% to 50%).
    assert " 50% +30% " in line["Quiet hours"]


def test_diff_names_renames_moves_fields_deltas_and_new_findings(repo: Path) -> None:
    git(repo, "commit", "-qam", "november")
    assert run_cli("mv", "rota", "-s", "lonely-goal", "--map", str(repo / "map.yaml")).code == 0
    text = run_cli("diff", "HEAD~1", "HEAD", "--map", str(repo / "map.yaml"))
    assert text.code == 0, text.err
    out = text.out
    assert out.startswith("HEAD~1 → HEAD: 2 nodes added, 0 removed,")
    assert "~ stand-up  Daily stand-up (initiative)\n    renamed from standup\n" in out
    assert "    progress 20% → 50% (+30%)\n" in out
    assert "    status: active → done\n" in out
    assert "    check-in 2026-11-30 progress=50\n" in out
    assert "+ lonely-goal  Lonely goal (goal)" in out
    assert "BM202" in out and "`lonely-goal`" in out  # a goal with nothing beneath: new
    assert "standup" not in out.split("new findings:")[1]  # the rename brings no finding
    moved = run_cli("diff", "--map", str(repo / "map.yaml"), "--format", "json")
    data = json.loads(moved.out)
    (rota,) = [n for n in data["nodes"] if n["id"] == "rota"]
    assert rota["parents"] == {"before": ["calm"], "after": ["lonely-goal"]}
    md = run_cli("diff", "HEAD~1", "--map", str(repo / "map.yaml"), "--format", "md").out
    assert md.startswith("### Map changes: `HEAD~1` → `files`")
    assert "#### Added" in md and "- **Lonely goal** `lonely-goal` _(goal)_" in md
    # The findings' ids stay code spans: an escaped backtick would show `lonely-goal` literally.
    (finding,) = [ln for ln in md.splitlines() if ln.startswith("- `BM204`")]
    assert "`lonely-goal`" in finding and "\\`" not in finding


def test_diff_of_two_paths(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(MAP)
    new.write_text(MAP.replace("progress: 40", "progress: 60"))
    result = run_cli("diff", str(old), str(new), "--no-findings")
    assert result.code == 0, result.err
    assert "~ rota  Shared rota (initiative)\n    progress 40% → 60% (+20%)\n" in result.out


def test_diff_refuses_an_unknown_revision(repo: Path) -> None:
    result = run_cli("diff", "nope", "--map", str(repo / "map.yaml"))
    assert result.code == 2
    assert result.err == "backmap: error: `nope` is not a revision of this git repository\n"


def test_tree_shows_due_dates(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    assert "due 2026-10-01" in run_cli("tree", "--map", str(path)).out


def test_diff_skips_only_rules_that_find_the_same_on_both_sides(tmp_path: Path) -> None:
    text = MAP + "  - id: rota-2\n    kind: initiative\n    title: Shared rotas\n"
    text += "    supports: [calm]\n"

    def load(name: str, content: str) -> Workspace:
        (tmp_path / name).write_text(content)
        return store.load(tmp_path / name)

    old = load("old.yaml", text)
    same = load("same.yaml", text.replace("progress: 40", "progress: 60"))
    retitled = load("new.yaml", text.replace("Shared rotas", "Weekly rotas"))
    renamed = load("renamed.yaml", text.replace("id: rota-2", "id: rotas"))
    assert mapdiff.same_findings(old, same) == ("BM601",)
    assert mapdiff.same_findings(old, retitled) == ()
    assert mapdiff.same_findings(old, renamed) == ()
    quiet = load("quiet.yaml", text + "    ignore: [BM601]\n")
    assert mapdiff.same_findings(old, quiet) == ()
    # A near-duplicate title that goes away is still reported as fixed.
    result = run_cli("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"))
    assert result.code == 0, result.err
    tail = result.out.split("no longer reported:\n")[1].splitlines()
    assert len(tail) == 1 and "BM601" in tail[0] and "old.yaml:" in tail[0], result.out
    md = run_cli("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--format", "md")
    assert "#### No longer reported\n\n- `BM601` " in md.out, md.out
    data = json.loads(
        run_cli("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "-f", "json").out
    )
    assert data["fixed_findings"] == 1
    assert [f["code"] for f in data["no_longer_reported"]] == ["BM601"]


def test_diff_reads_the_people_and_focus_files_of_a_revision(tmp_path: Path) -> None:
    """The people and focus files are no maps; the revision's own are what its rules see."""
    import shutil

    folder = tmp_path / "org"
    shutil.copytree(Path(__file__).parents[2] / "maps" / "org", folder)
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "org")
    result = run_cli("diff", "--map", str(folder))
    assert result.code == 0, result.err
    assert result.out == "HEAD → files: 0 nodes added, 0 removed, 0 changed, 0 new findings\n"
    since = run_cli("status", "--since", "HEAD", "--map", str(folder))
    assert since.code == 0, since.err


def test_a_revision_shares_the_files_whose_text_did_not_change(repo: Path) -> None:
    from backmap.store import revision

    path = repo / "map.yaml"
    ws = store.load(path)
    earlier = revision.load_at(path, revision.resolve(path, "HEAD"), like=ws)
    assert earlier.files[path] is not ws.files[path] and not alike.unchanged(earlier, ws)
    git(repo, "commit", "-qam", "november")
    same = revision.load_at(path, revision.resolve(path, "HEAD"), like=ws)
    assert same.files[path] is ws.files[path] and alike.unchanged(same, ws)
    assert run_cli("diff", "--map", str(path)).out.startswith("HEAD → files: 0 nodes added")
    lines = run_cli("status", "--since", "HEAD", "--map", str(path)).out.splitlines()
    assert lines[1] == "changes since HEAD"
    assert not [ln for ln in lines if re.search(r" [+-]\d+% | new$| renamed ", ln)]


def test_progress_before_is_the_roll_up_of_either_shape(tmp_path: Path) -> None:
    """The earlier side's roll-up borrows the later side's graph only when its shape is the same."""
    from backmap.checks import rollup

    def load(name: str, content: str) -> Workspace:
        (tmp_path / name).write_text(content)
        return store.load(tmp_path / name)

    new = load("new.yaml", MAP)
    graph = rollup(new).graph
    checked_in = load("old.yaml", MAP.replace("progress: 40", "progress: 10"))
    moved = load("moved.yaml", MAP.replace("status: dropped", "status: active"))
    for old in (checked_in, moved):
        assert alike.progress(old, graph) == rollup(old).progress
    assert alike.progress(checked_in, graph)["calm"] == 15.0  # (20 + 10) / 2
    assert alike.progress(moved, graph)["calm"] == (20 + 40 + 10) / 3


def test_a_finding_whose_wording_moved_is_neither_new_nor_fixed(tmp_path: Path) -> None:
    """Paired by rule and node once the exact matches are taken: a near-duplicate that still
    is one after a retitle is the same finding, not one new and one fixed."""
    twin = MAP + "  - id: rota-2\n    kind: initiative\n    title: Shared rotas\n"
    twin += "    supports: [calm]\n"
    (tmp_path / "old.yaml").write_text(twin)
    (tmp_path / "new.yaml").write_text(twin.replace("Shared rotas", "Shared rota (weekly)"))
    result = run_cli("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"))
    assert result.code == 0, result.err
    assert "0 new findings" in result.out and "no longer reported" not in result.out, result.out


def test_diff_runs_the_rules_as_the_workspace_configures_them(tmp_path: Path) -> None:
    twin = MAP + "  - id: rota-2\n    kind: initiative\n    title: Shared rotas\n"
    (tmp_path / "old.yaml").write_text(MAP)
    (tmp_path / "new.yaml").write_text(twin + "    supports: [calm]\n")
    args = ("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"))
    assert "BM601" in run_cli(*args).out
    (tmp_path / "backmap.toml").write_text('[check]\nignore = ["BM601"]\n')
    result = run_cli(*args)
    assert result.code == 0, result.err
    assert "BM601" not in result.out and "1 new finding" in result.out, result.out


def test_status_since_a_date_goes_by_the_date_git_log_shows(tmp_path: Path) -> None:
    """A rebase sets every committer date to the day it ran; the author's date, which `git log`
    shows, still says when the work was done."""
    (tmp_path / "map.yaml").write_text(MAP)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "map.yaml")
    rebased = {
        "GIT_AUTHOR_DATE": "2026-10-01T12:00:00",
        "GIT_COMMITTER_DATE": "2026-12-02T12:00:00",
    }
    subprocess.run(
        ["git", "commit", "-qm", "october"],
        cwd=tmp_path,
        check=True,
        env={**os.environ, **GIT_ENV, **rebased},
    )
    october = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True
    ).stdout.strip()
    result = run_cli("status", "--since", "2026-11-01", "--map", str(tmp_path / "map.yaml"))
    assert result.code == 0, result.err
    assert result.out.splitlines()[1] == (
        "changes since 2026-11-01: the check-ins made by then, on the map of "
        f"{october[:10]} (the last commit before that day)"
    )


def test_diff_before_the_first_commit_or_outside_git_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "map.yaml").write_text(MAP)
    outside = run_cli("diff", "--map", str(tmp_path / "map.yaml"))
    assert outside.code == 2
    assert "is not in a git repository: put the map in git first" in outside.err
    assert "backmap diff OLD NEW" in outside.err
    git(tmp_path, "init", "-q")
    for args in (("diff",), ("status", "--since", "HEAD")):
        fresh = run_cli(*args, "--map", str(tmp_path / "map.yaml"))
        assert fresh.code == 2 and "no commit yet: commit the map first" in fresh.err, fresh.err


def test_status_since_names_what_was_removed(repo: Path) -> None:
    assert run_cli("rm", "buddy", "--yes", "--map", str(repo / "map.yaml")).code == 0
    out = run_cli("status", "--since", "HEAD", "--map", str(repo / "map.yaml")).out
    assert "removed since HEAD:\n  - Onboarding buddy [buddy] (initiative)\n" in out, out
    assert "stand-up" in out and "[standup]" not in out  # a rename is not a removal


def test_diff_words_a_metric_added_or_removed_as_status_does(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(MAP, encoding="utf-8")
    new.write_text(MAP, encoding="utf-8")
    metric = ["--metric-name", "stress survey", "--baseline", "6.5", "--target", "4"]
    run = run_cli("set", "calm", *metric, "--current", "5.8", "--unit", "pts", "--map", str(new))
    assert run.code == 0, run.err
    said = "stress survey 5.8 pts (target 4, from 6.5)"
    added = run_cli("diff", str(old), str(new))
    assert f"metric: (none) → {said}" in added.out, added.out
    removed = run_cli("diff", str(new), str(old), "--format", "md")
    assert f"metric: {said} → (none)" in removed.out, removed.out
    listed = json.loads(run_cli("diff", str(old), str(new), "--format", "json").out)
    changed = next(n for n in listed["nodes"] if n["id"] == "calm")
    metric = next(f for f in changed["fields"] if f["name"] == "metric")
    assert metric["after"]["target"] == 4  # tools get the fields


def test_a_day_in_the_future_or_given_to_diff_says_what_to_run(repo: Path) -> None:
    ahead = run_cli("status", "--since", "2999-01-01", "--map", str(repo / "map.yaml"))
    assert ahead.code == 2 and "2999-01-01 is in the future" in ahead.err
    day = run_cli("diff", "2026-11-01", "HEAD", "--map", str(repo / "map.yaml"))
    assert day.code == 2
    assert day.err.startswith("backmap: error: `2026-11-01` is not a revision")  # named once
    assert "backmap status --since 2026-11-01" in day.err
