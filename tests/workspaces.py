"""Small workspaces written from literals: a map file and, beside it, the people and focus files.

Each test module keeps the text of its own planted cases; this writes them where a workspace
keeps them, so `backmap` finds them from that folder."""

from __future__ import annotations

from pathlib import Path


def write_workspace(
    folder: Path,
    map_text: str,
    *,
    people: str | None = None,
    focus: str | None = None,
    map_name: str = "backmap.yaml",
) -> Path:
    """`folder` holding `map_name` (and people.yaml, focus.yaml when given); returns `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / map_name).write_text(map_text, encoding="utf-8")
    if people is not None:
        (folder / "people.yaml").write_text(people, encoding="utf-8")
    if focus is not None:
        (folder / "focus.yaml").write_text(focus, encoding="utf-8")
    return folder
