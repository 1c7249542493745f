"""What a person sees in Pilot tests (the screen as plain text), and a map to edit."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from rich.console import Console
from tests.conftest import MAPS

from backmap.tui.app import BackmapApp


def screen_text(app: BackmapApp) -> str:
    """The current screen rendered for real (a markup error would raise here), as text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=[]))
    return console.export_text()


def copy_map(tmp_path: Path) -> Path:
    """A writable copy of the example map."""
    path = tmp_path / "ideal.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    return path
