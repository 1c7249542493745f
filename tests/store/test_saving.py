"""Saving real files: every file or none, through symbolic links, read-only files, owners."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import run_cli
from tests.store.harness import cli_env

from backmap import edits, store
from backmap.model import MapFile, Workspace

GROUP = """\
backmap: 1
title: Group
nodes:
  - id: trusted-data
    kind: goal
    title: Data people trust
"""

TEAM = """\
backmap: 1
title: Team
nodes:
  - id: lineage
    kind: initiative
    title: Show lineage
    description: {padding}
    supports: [trusted-data]
"""

ONE = """\
backmap: 1
title: One
nodes:
  - id: goal
    kind: outcome
    title: The goal
"""


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "maps"
    root.mkdir()
    (root / "group.yaml").write_text(GROUP, encoding="utf-8")
    (root / "team.yaml").write_text(TEAM.format(padding="x" * 4000), encoding="utf-8")
    return root


def _small_files_only(limit: int):
    def limit_size() -> None:
        # Writing past the limit then fails with EFBIG instead of killing the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_size


def test_rename_across_files_changes_nothing_when_one_file_cannot_be_written(
    tmp_path: Path,
) -> None:
    root = folder(tmp_path)
    before = {p.name: p.read_bytes() for p in root.iterdir()}
    # group.yaml fits under the limit, team.yaml does not: the second file's write fails.
    proc = subprocess.run(
        [sys.executable, "-m", "backmap", "rename", "trusted-data", "trusted-data-2"],
        cwd=tmp_path,
        env=cli_env(),
        capture_output=True,
        text=True,
        preexec_fn=_small_files_only(1024),
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert "team.yaml: error: cannot write" in proc.stderr
    assert "no file was changed on disk" in proc.stderr
    assert "nothing was saved" in proc.stderr
    assert {p.name: p.read_bytes() for p in root.iterdir()} == before
    assert "Traceback" not in proc.stderr


def test_a_failed_replace_midway_puts_back_the_files_already_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = folder(tmp_path)
    before = {p.name: p.read_bytes() for p in root.iterdir()}
    ws = store.load(root)
    edits.rename(ws, "trusted-data", "trusted-data-2").apply(ws)
    real_replace = os.replace
    calls: list[str] = []

    def flaky(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(Path(dst).name)
        # The first file is replaced, the second refuses; putting the first back works.
        if Path(dst).name == "team.yaml":
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(store.SaveError) as caught:
        store.save(ws)
    assert calls == ["group.yaml", "team.yaml", "group.yaml"]
    message = str(caught.value)
    assert "team.yaml: error: cannot replace the file: Input/output error" in message
    assert "already replaced were put back: no file changed" in message
    assert caught.value.written == []
    assert {p.name: p.read_bytes() for p in root.iterdir()} == before


def test_when_putting_back_fails_too_the_error_names_what_holds_the_new_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = folder(tmp_path)
    ws = store.load(root)
    edits.rename(ws, "trusted-data", "trusted-data-2").apply(ws)
    real_replace = os.replace
    calls: list[str] = []

    def broken(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(Path(dst).name)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(store.SaveError) as caught:
        store.save(ws)
    assert caught.value.written == [root / "group.yaml"]
    assert "group.yaml: error: holds the NEW text" in str(caught.value)
    assert "trusted-data-2" in (root / "group.yaml").read_text(encoding="utf-8")
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]


def test_a_symlinked_map_is_written_through_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "store" / "real.yaml"
    real.parent.mkdir()
    real.write_text(ONE, encoding="utf-8")
    link = tmp_path / "m.yaml"
    link.symlink_to(real)
    ws = store.load(link)
    edits.add(ws, "goal", "Second", supports=["goal"]).apply(ws)
    assert store.save(ws) == [link]
    assert link.is_symlink()
    assert "Second" in real.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_a_save_replaces_the_file_so_other_hard_links_keep_the_old_text(tmp_path: Path) -> None:
    # Documented in the README: a save is a replace (old or new, never torn), not an overwrite.
    path = tmp_path / "m.yaml"
    path.write_text(ONE, encoding="utf-8")
    other = tmp_path / "copy.yaml.bak"
    os.link(path, other)
    ws = store.load(path)
    edits.add(ws, "goal", "Second", supports=["goal"]).apply(ws)
    store.save(ws)
    assert "Second" in path.read_text(encoding="utf-8")
    assert other.read_text(encoding="utf-8") == ONE


def test_a_read_only_map_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(ONE, encoding="utf-8")
    path.chmod(0o444)
    result = run_cli("add", "goal", "Second", "-s", "goal", "--map", "m.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "m.yaml: error: is read-only (mode 0444)" in result.err
    assert "chmod u+w m.yaml" in result.err
    assert path.read_text(encoding="utf-8") == ONE
    path.chmod(0o644)
    ws = store.load(path)
    edits.add(ws, "goal", "Second", supports=["goal"]).apply(ws)
    assert store.save(ws) == [path]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can chown")
def test_root_saving_a_file_keeps_its_owner_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(ONE, encoding="utf-8")
    os.chown(path, 65534, 65534)
    path.chmod(0o640)
    ws = store.load(path)
    edits.add(ws, "goal", "Second", supports=["goal"]).apply(ws)
    store.save(ws)
    info = path.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (65534, 65534, 0o640)
    assert "Second" in path.read_text(encoding="utf-8")


def test_a_new_file_may_start_a_new_folder(tmp_path: Path) -> None:
    path = tmp_path / "teams" / "new" / "t.yaml"
    ws = Workspace(path)
    store.new_file(ws, path, MapFile(backmap=1, title="T"))
    assert store.save(ws) == [path]
    assert store.load(path).files[path].title == "T"
