"""`backmap diff [A] [B]`: what changed in the map between git revisions or two paths."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from backmap.cli.common import OK, Options, open_workspace

if TYPE_CHECKING:
    from backmap.cli.parser import Commands
    from backmap.model import Workspace

EXAMPLE = """\
backmap diff                         # the last commit against the files as they are
backmap diff HEAD~3 HEAD --format md # for a pull request
backmap diff old/ maps/              # two folders (or files) on disk"""


def register(commands: Commands) -> None:
    """Add `diff` to the command line."""
    cmd = commands.add(
        "diff",
        "what changed in the map: nodes, fields, progress, metrics, new findings",
        EXAMPLE,
        cmd_diff,
    )
    cmd.add_argument("old", nargs="?", metavar="A", help="revision or path (default: HEAD)")
    cmd.add_argument("new", nargs="?", metavar="B", help="revision or path (default: the files)")
    cmd.add_argument(
        "-f", "--format", choices=("text", "md", "json"), default="text", help="default: text"
    )
    cmd.add_argument(
        "--no-findings", action="store_true", help="skip the check rules (faster on big maps)"
    )


class DiffOptions(Options):
    old: str | None
    new: str | None
    format: str
    no_findings: bool


def cmd_diff(args: DiffOptions) -> int:
    from backmap import alike, mapdiff
    from backmap.checks import check
    from backmap.checks.roll_up import progress as rollup_progress
    from backmap.cli.common import check_config
    from backmap.graph import build
    from backmap.render import changes as render

    old_name = args.old or "HEAD"
    paths = [Path(name) for name in (args.old, args.new) if name is not None]
    if len(paths) == 2 and all(p.exists() for p in paths):
        from backmap.cli.changes import load_path

        before, after = load_path(paths[0]), load_path(paths[1])
        new_name = str(paths[1])
    else:
        after = _side(args, args.new)
        before = _side(args, old_name, after)
        new_name = args.new or "files"
    graph = None if alike.unchanged(before, after) else build(after)
    if graph is None:  # the very same files: nothing to compare or run
        diff = mapdiff.MapDiff()
    elif args.no_findings:  # the roll-up progress is all the nodes' changes need
        was = alike.progress(before, graph)
        diff = mapdiff.changes(before, after, was, rollup_progress(graph))
    else:  # what both sides would find alike cancels out: no need to look
        same = mapdiff.same_findings(before, after) + alike.only_check_ins(before, after)
        # The workspace's own rules (backmap.toml), as `check` runs them, on both sides.
        config = check_config(args, after.root)
        config = config.with_overrides(ignore=config.ignore + same)
        # The earlier side first: its check-in histories, read and remembered, make the
        # later side's (the same with a line added) quick to read. Both on one graph when
        # they have the same shape.
        earlier = check(before, config, alike.graph_like(before, graph))
        diff = mapdiff.compare(before, after, earlier, check(after, config, graph))
    show = {"text": render.to_text, "md": render.to_markdown, "json": render.to_json}
    print(show[args.format](diff, old_name, new_name), end="")
    return OK


def _side(args: DiffOptions, name: str | None, other: Workspace | None = None) -> Workspace:
    """The working files (None), a path on disk, or the workspace in a revision."""
    from backmap.cli.changes import at_revision, load_path

    if name is None:
        return open_workspace(args)
    if Path(name).exists():
        return load_path(Path(name))
    root = other.root if other is not None else _root(args)
    return at_revision(root, name, other)


def _root(args: DiffOptions) -> Path:
    from backmap import store
    from backmap.cli.common import error, no_workspace

    try:
        return store.find_root(args.map)
    except store.NoWorkspace as exc:
        raise error(no_workspace(exc)) from None
