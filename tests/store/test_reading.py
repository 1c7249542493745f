"""Reading a workspace: what cannot be read is an error naming it, never skipped or read whole."""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import run_cli
from tests.store.harness import cli_env

from backmap import store

ONE = """\
backmap: 1
title: One
nodes:
  - id: goal
    kind: outcome
    title: The goal
"""

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, **kw: object):
    """`python ARGS` in a child process: a read that waits for a writer, never ends or takes
    all memory then fails on its own instead of hanging the suite."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env={**cli_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=30,
        **kw,  # type: ignore[arg-type]
    )


def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "maps"
    (root / "teams").mkdir(parents=True)
    (root / "company.yaml").write_text(ONE, encoding="utf-8")
    (root / "teams" / "t.yaml").write_text(
        ONE.replace("goal", "team-goal").replace("outcome", "goal"), encoding="utf-8"
    )
    return root


def test_an_unreadable_subfolder_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = workspace(tmp_path)
    # Root reads every folder whatever its mode, so the refusal is made by the operating system
    # call itself: os.scandir fails for this folder, as it does for a folder without read
    # permission.
    refused = os.path.realpath(root / "teams")
    real_scandir = os.scandir

    def scandir(path: str = ".") -> Iterator[os.DirEntry[str]]:
        if os.path.realpath(path) == refused:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run_cli("check", "--map", "maps", cwd=tmp_path)
    assert result.code == 2, result.err
    assert "maps/teams:1:1: error: cannot read this folder: Permission denied" in result.err
    assert "Traceback" not in result.err


@pytest.mark.skipif(AS_ROOT, reason="root reads folders whatever their mode")
def test_a_folder_without_read_permission_is_an_error(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "teams").chmod(0)
    try:
        proc = run(["-m", "backmap", "check", "--map", "maps"], tmp_path)
    finally:
        (root / "teams").chmod(0o755)
    assert proc.returncode == 2
    assert "maps/teams:1:1: error: cannot read this folder" in proc.stderr


@pytest.mark.skipif(AS_ROOT, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_an_error(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "company.yaml").chmod(0)
    proc = run(["-m", "backmap", "check", "--map", "maps"], tmp_path)
    assert proc.returncode == 2
    assert "maps/company.yaml:1:1: error: cannot read the file: Permission denied" in proc.stderr


def test_a_linked_subfolder_is_read_once(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    (elsewhere / "s.yaml").write_text(ONE.replace("goal", "shared-goal"), encoding="utf-8")
    (root / "shared").symlink_to(elsewhere)
    (root / "teams" / "again").symlink_to(elsewhere)
    (root / "teams" / "up").symlink_to(root)  # a loop
    ws = store.load(root)
    assert "shared-goal" in ws
    assert len(ws.files) == 3


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_fifo_named_as_the_map_is_not_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    proc = run(["-m", "backmap", "check", "--map", "pipe.yaml"], tmp_path)
    assert proc.returncode == 2
    assert "pipe.yaml:1:1: error: cannot read the file: not a regular file (a pipe)" in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_fifo_inside_a_folder_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    os.mkfifo(root / "teams" / "pipe.yaml")
    proc = run(["-m", "backmap", "check", "--map", "maps"], tmp_path)
    assert proc.returncode == 2
    assert "pipe.yaml:1:1: error: cannot read the file: not a regular file" in proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_as_the_map_is_not_a_regular_file(tmp_path: Path) -> None:
    proc = run(["-m", "backmap", "check", "--map", "/dev/zero"], tmp_path)
    assert proc.returncode == 2
    assert "/dev/zero:1:1: error: cannot read the file: not a regular file (a device)" in (
        proc.stderr
    )


def _two_gib_of_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


def test_the_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(4 * 2**30)  # sparse: no disk used; reading it would need 4 GiB
    proc = run(
        ["-m", "backmap", "check", "--map", "big.yaml"], tmp_path, preexec_fn=_two_gib_of_memory
    )
    assert proc.returncode == 2, proc.stderr[-500:]
    assert "big.yaml:1:1: error: file is 4096.0 MiB; backmap reads map files of at most" in (
        proc.stderr
    )


def test_loading_changes_no_process_state(tmp_path: Path) -> None:
    """The editor loads again on every reload: nothing may pile up outside the workspace."""
    import gc

    path = tmp_path / "one.yaml"
    path.write_text(ONE, encoding="utf-8")
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    for _ in range(3):
        store.load(path)
    assert (gc.get_freeze_count(), gc.isenabled()) == (frozen, enabled)
