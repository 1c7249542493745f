"""Shared test helpers: example maps, a temporary copy of them, and running the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAPS = ROOT / "maps"
DATA = Path(__file__).resolve().parent / "data"
SHARED_DATA = ROOT.parent / "shared" / "data"

# Tests never write to the user's vector cache (tests/fit points it at a temporary folder).
os.environ.setdefault("BACKMAP_CACHE_DIR", "off")


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run the real `backmap` entry point in a fresh process."""
    full_env = {k: v for k, v in os.environ.items() if k != "BACKMAP_MAP"}
    # No colour, and no writes to the user's vector cache or edit journal from tests.
    full_env.update(
        {"NO_COLOR": "1", "BACKMAP_CACHE_DIR": "off", "BACKMAP_STATE_DIR": "off", **(env or {})}
    )
    proc = subprocess.run(
        [sys.executable, "-m", "backmap", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=60,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def maps_copy(tmp_path: Path) -> Path:
    """A writable copy of the example maps folder."""
    target = tmp_path / "maps"
    shutil.copytree(MAPS, target)
    return target


@pytest.fixture
def cli():
    return run_cli
