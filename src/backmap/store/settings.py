"""The workspace's own title, from `title` at the top of the optional `backmap.toml`."""

from __future__ import annotations

from pathlib import Path

from backmap.store.problems import FileProblems, Problem

SETTINGS_NAME = "backmap.toml"
EXAMPLE = 'title = "Greenbasket plan for 2027"'


def read_title(root: Path) -> str | None:
    """`title` of the workspace's `backmap.toml` (in the folder, or beside the single file).

    None when there is no file or no title. A file TOML cannot read is left to the check
    settings, which report it with its line wherever they are used; a title that is not one
    line of text is a problem here.
    """
    path = (root if root.is_dir() else root.parent) / SETTINGS_NAME
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "title" not in raw:
        return None  # the usual file holds [check] alone: no TOML parser to load
    import tomllib

    try:
        value = tomllib.loads(raw).get("title")
    except tomllib.TOMLDecodeError:
        return None
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or "\n" in value or "\r" in value:
        line = next(
            (n for n, text in enumerate(raw.splitlines(), 1) if text.lstrip().startswith("title")),
            1,
        )
        message = f"`title` must be one line of text, e.g. {EXAMPLE}"
        raise FileProblems([Problem(path, line, 1, message)])
    return value.strip()
