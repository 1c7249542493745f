"""Commands that show or tidy the map: tree, status, fmt, schema."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from backmap.cli.common import (
    FINDINGS,
    OK,
    Fail,
    open_workspace,
    print_problems,
    require_node,
)
from backmap.plural import noun, plural


def cmd_tree(args: argparse.Namespace) -> int:
    from backmap import hierarchy
    from backmap.render.tree import tree_lines
    from backmap.term import Style, wants_color

    ws = open_workspace(args)
    if args.root is not None:
        require_node(ws, args.root)
    style = Style(wants_color(args.color))
    titles = " · ".join(f.title for f in ws.files.values())
    print(style(titles, "bold"))
    for line in tree_lines(hierarchy.rows(ws, args.root), style):
        print(line)
    if not len(ws):
        print(
            style('The map is empty: start with backmap add outcome "Employees are happy"', "grey")
        )
    return OK


def cmd_status(args: argparse.Namespace) -> int:
    from backmap import hierarchy
    from backmap.checks import CheckConfig, check
    from backmap.render import report
    from backmap.render.status import status_lines
    from backmap.term import Style, wants_color

    ws = open_workspace(args)
    if args.root is not None:
        require_node(ws, args.root)
    style = Style(wants_color(args.color))
    # Status needs coverage and progress only: no rules run.
    result = check(ws, CheckConfig(select=("BM0",)))
    changes, label = None, None
    if args.since is not None:
        from backmap import mapdiff
        from backmap.cli.changes import since

        before, label = since(ws, args.since)
        diff = mapdiff.compare(before, ws, check(before, CheckConfig(select=("BM0",))), result)
        changes = diff.by_id()
    rows = hierarchy.rows(ws, args.root)
    if args.depth is not None:
        rows = (r for r in rows if r.depth <= args.depth)
    print(style(" · ".join(f.title for f in ws.files.values()), "bold"))
    if label is not None:
        print(style(f"changes since {label}", "dim"))
    today = args.today or date.today()
    for line in status_lines(rows, result, style, today=today, changes=changes):
        print(line)
    cov = result.coverage
    print()
    print(
        f"coverage {report.percent(None if cov.ratio is None else cov.ratio * 100)} "
        f"({cov.covered}/{cov.goals} {noun(cov.goals, 'goal')} "
        f"{'has' if cov.goals == 1 else 'have'} initiatives, {cov.moving} moving) · "
        f"progress {report.percent(result.overall_progress)}"
    )
    return OK


def cmd_fmt(args: argparse.Namespace) -> int:
    from backmap import store

    ws = open_workspace(args)
    changed = store.pending(ws)
    if args.check:
        for path in changed:
            print(f"would reformat {path}")
            if args.diff:
                _print_diff(ws.origins[path].text, store.dumps(ws, path), path)
        if changed:
            print(
                f"{plural(len(changed), 'file')} would be reformatted; run `backmap fmt` to fix",
                file=sys.stderr,
            )
            return FINDINGS
        print(f"{plural(len(ws.files), 'file')} already formatted", file=sys.stderr)
        return OK
    try:
        written = store.save(ws)
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


def cmd_schema(args: argparse.Namespace) -> int:
    from backmap.schema import schema_text

    sys.stdout.write(schema_text())
    return OK
