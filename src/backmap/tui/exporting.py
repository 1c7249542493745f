"""Export from the editor: ask for a file name, then write a copy of the map in a worker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from backmap.checks import CheckResult
from backmap.model import Workspace
from backmap.tui.screens.dialogs import Prompt

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp


def ask(app: BackmapApp) -> None:
    """Ask for a file name; its extension picks the format (.svg .png .pdf .html .csv ...)."""
    root = app.workspace.root
    default = (root if root.is_dir() else root.parent) / f"{root.stem or 'map'}.svg"

    def answer(text: str | None) -> None:
        if text:
            start(app, Path(text).expanduser())

    from backmap.render.export_options import SUFFIX

    # Every format `export` writes to a file, by the extension that picks it.
    kinds = " ".join(f".{suffix}" for name, suffix in SUFFIX.items() if name != "codeowners")
    app.push_screen(Prompt(f"Export the map to ({kinds})", str(default)), answer)


def start(app: BackmapApp, target: Path) -> None:
    """Export a copy of the map as it is now, in a worker: editing can go on meanwhile."""
    snapshot, result = app.workspace.copy(), app.result
    app.run_worker(
        lambda: _write(app, target, snapshot, result),
        name="export",
        group="export",
        thread=True,
        exclusive=True,
        exit_on_error=False,
    )


def _write(app: BackmapApp, target: Path, snapshot: Workspace, result: CheckResult | None) -> None:
    from backmap.render import export

    try:
        data = export.export(snapshot, export.format_for(target), export.ExportOptions(), result)
        target.write_bytes(data)
    except (export.ExportError, OSError) as exc:
        app.call_from_thread(app.notify, str(exc), title="Not exported", severity="error")
        return
    app.call_from_thread(app.notify, f"Exported {target}")
