"""Commands that show or tidy the map: tree, status, fmt, schema."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap.cli.common import (
    FINDINGS,
    OK,
    Fail,
    Options,
    open_workspace,
    parse_date,
    print_problems,
    require_node,
)
from backmap.cli.filtering import (
    FilterOptions,
    add_filter_options,
    filter_from,
    selection_for,
)
from backmap.cli.options import at_least
from backmap.plural import noun, plural

if TYPE_CHECKING:
    from backmap.cli.parser import Commands


def register(commands: Commands) -> None:
    cmd = commands.add(
        "tree",
        "show the map as a tree: kinds, status, owners, due dates, metrics",
        "backmap tree --map maps/ideal-group.yaml\n"
        "backmap tree --map maps/org --root on-time-orders",
        cmd_tree,
        description="Show the map as a tree: each node's kind, title, id, status, progress, "
        "owners, due date and metric (after a ·). A node with several parents shows under "
        "each (marked ⇈).",
    )
    cmd.add_argument("--root", metavar="ID", help="show only this node and what is beneath it")
    add_filter_options(cmd)

    cmd = commands.add(
        "status",
        "the map with roll-up progress, coverage and owners, for check-ins",
        "backmap status --map maps/org --depth 2\n"
        "backmap status --since 2026-11-01   # what moved this month",
        cmd_status,
        description="The map with progress rolled up from the initiatives, coverage (goals "
        "with initiatives beneath them) and owners: what a check-in looks at.",
    )
    cmd.add_argument("--root", metavar="ID", help="show only this node and what is beneath it")
    cmd.add_argument(
        "--depth", type=at_least(0), metavar="N", help="show N levels below the top (0: the top)"
    )
    cmd.add_argument(
        "--since",
        metavar="DATE|REV",
        help="show what changed since a date or git revision next to each bar",
    )
    cmd.add_argument(
        "--today", type=parse_date, metavar="YYYY-MM-DD", help="the date overdue is measured at"
    )
    add_filter_options(cmd)

    cmd = commands.add(
        "fmt",
        "rewrite map files in canonical form (comments kept)",
        "backmap fmt --map maps\nbackmap fmt --check --diff --map maps   # in CI",
        cmd_fmt,
        description="Rewrite map files in canonical form, the layout backmap's own edits "
        "write; comments are kept. For files edited by hand.",
    )
    cmd.add_argument(
        "--check",
        action="store_true",
        help="change nothing; list files that would change and exit 1 if any",
    )
    cmd.add_argument("--diff", action="store_true", help="with --check: show the changes")

    commands.add(
        "schema",
        "print the JSON Schema of map files (for editor completion)",
        "backmap schema > backmap.schema.json",
        cmd_schema,
        description="Print the JSON Schema of map files, for completion and checking in "
        "editors (e.g. a yaml-language-server line at the top of a map file).",
        opens_map=False,
    )


class TreeOptions(FilterOptions):
    root: str | None


class StatusOptions(FilterOptions):
    root: str | None
    depth: int | None
    since: str | None
    today: date | None


class FormatOptions(Options):
    check: bool
    diff: bool


def cmd_tree(args: TreeOptions) -> int:
    from backmap import hierarchy
    from backmap.render.tree import tree_lines
    from backmap.term import Style, wants_color

    ws = open_workspace(args)
    if args.root is not None:
        require_node(ws, args.root)
    style = Style(wants_color(args.color))
    # Compute first: a refused filter leaves no title behind on standard output.
    rows, dimmed = _filtered(ws, hierarchy.rows(ws, args.root), args)
    lines = tree_lines(rows, style, dimmed)
    print(style(ws.name(), "bold"))
    for line in lines:
        print(line)
    if not len(ws):
        print(
            style('The map is empty: start with backmap add outcome "Employees are happy"', "grey")
        )
    return OK


def cmd_status(args: StatusOptions) -> int:
    from backmap import hierarchy
    from backmap.checks import Rollup, rollup
    from backmap.people import focus
    from backmap.render import report
    from backmap.render.status import TOLD_FIELDS, status_lines
    from backmap.term import Style, wants_color

    ws = open_workspace(args)
    if args.root is not None:
        require_node(ws, args.root)
    style = Style(wants_color(args.color))
    changes, label = None, None
    if args.since is None:
        result: Rollup = rollup(ws)  # coverage and progress only: no rules run
    else:
        from backmap import alike, mapdiff
        from backmap.cli.changes import since

        before, label = since(ws, args.since)
        result = rollup(ws)
        if alike.unchanged(before, ws):  # the very same files: nothing moved
            changes = {}
        else:
            was = alike.progress(before, result.graph)
            told = mapdiff.changes(before, ws, was, result.progress, TOLD_FIELDS)
            changes = told.by_id()
    rows, dimmed = _filtered(ws, hierarchy.rows(ws, args.root), args)
    if args.depth is not None:
        rows = (r for r in rows if r.depth <= args.depth)
    print(style(ws.name(), "bold"))
    if label is not None:
        print(style(f"changes since {label}", "dim"))
    today = args.today or date.today()
    focused = focus.focused(ws, today)
    lines = status_lines(
        rows, result, style, today=today, changes=changes, dimmed=dimmed, focused=focused
    )
    if all(line.isprintable() for line in lines):  # one write for 10k lines, not 20k
        if lines:
            print("\n".join(lines))
    else:  # each line escaped on its own, as the output stream does
        for line in lines:
            print(line)
    gone = [c for c in (changes or {}).values() if c.change == "removed"]
    if gone:  # not in the tree any more, so nothing above tells of them
        print(style(f"removed since {label}:", "dim"))
        print("\n".join(f"  - {c.title} [{c.id}] ({c.kind})" for c in gone))
    cov = result.coverage
    print()
    # A part of the map on screen: the figures below are still the whole map's, and say so.
    part = args.root is not None or bool(filter_from(args, ws))
    print(
        ("whole map: " if part else "")
        + f"coverage {report.percent(None if cov.ratio is None else cov.ratio * 100)} "
        f"({cov.covered}/{cov.goals} {noun(cov.goals, 'goal')} "
        f"{'has' if cov.goals == 1 else 'have'} initiatives, {cov.moving} moving) · "
        f"progress {report.percent(result.overall_progress)}"
    )
    return OK


def _filtered(ws: Any, rows: Iterable[Any], args: FilterOptions) -> tuple[Any, frozenset[str]]:
    """The rows a filter keeps and the ids to dim (their context); all rows when none is given."""
    selection = selection_for(args, ws)
    if selection is None:
        return rows, frozenset()
    from backmap.filters import kept

    return kept(rows, selection), selection.context


def cmd_fmt(args: FormatOptions) -> int:
    from backmap import store

    ws = open_workspace(args)
    changed = store.pending(ws)
    if args.check:
        for path in changed:
            print(f"would reformat {path}")
            if args.diff:
                _print_diff(store.disk_texts(ws)[path], store.dumps(ws, path), path)
        if changed:
            print(
                f"{plural(len(changed), 'file')} would be reformatted; run `backmap fmt` to fix",
                file=sys.stderr,
            )
            return FINDINGS
        print(f"{plural(len(ws.files), 'file')} already formatted", file=sys.stderr)
        return OK
    try:
        written = store.save(ws, canonical=True)
    except store.SaveError as exc:
        print_problems(exc)
        raise Fail() from None
    for path in written:
        print(f"reformatted {path}")
    if not written:
        print(f"{plural(len(ws.files), 'file')} already formatted", file=sys.stderr)
    return OK


def _print_diff(before: str, after: str, path: Path) -> None:
    import difflib

    sys.stdout.writelines(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"{path} (now)",
            tofile=f"{path} (formatted)",
        )
    )


def cmd_schema(args: Options) -> int:
    from backmap.schema import schema_text

    sys.stdout.write(schema_text())
    return OK
