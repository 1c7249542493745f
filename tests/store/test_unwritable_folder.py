"""A folder that refuses new files: the message names the folder and what to do."""

from __future__ import annotations

import errno
import shutil
import types
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import MAPS, run_cli

from backmap.store import disk


def test_a_read_only_folder_is_named_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    shutil.copy(MAPS / "ideal-group.yaml", folder / "club.yaml")
    before = (folder / "club.yaml").read_bytes()

    def refused(dir: str, prefix: str, suffix: str) -> Any:  # as a folder without w does
        raise PermissionError(errno.EPERM, "Operation not permitted", f"{dir}/{prefix}x{suffix}")

    # Root may write in any folder, so the refusal is the operating system's, stood in for.
    monkeypatch.setattr(disk, "tempfile", types.SimpleNamespace(mkstemp=refused))
    result = run_cli("set", "happy", "--title", "Glad", cwd=tmp_path, env={"BACKMAP_MAP": "maps"})
    assert result.code == 2
    first = result.err.splitlines()[0]
    assert first == (
        "maps: error: cannot write in the folder maps (Operation not permitted) to save "
        "club.yaml: make the folder writable (chmod u+w maps) and run again; nothing was changed"
    )
    assert (folder / "club.yaml").read_bytes() == before
