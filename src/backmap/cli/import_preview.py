"""What `backmap import` says besides saving: the columns it left, the merges it made, and the
dry run's preview (the tree the import makes and what check finds on it)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from backmap.cli.common import OK, Options
from backmap.plural import plural

if TYPE_CHECKING:
    from backmap.importing.build import Plan
    from backmap.model import Workspace


def columns_left(left: list[tuple[str, str | None]], given: str | None) -> str:
    """The columns not imported, and the --columns that imports those whose names read as a
    field (with the mapping already `given`, so the line can be run as it is)."""
    names = [name for name, _ in left]
    said = f"columns not imported: {', '.join(names)}"
    # A name with a quote, comma or `=` cannot be written in --columns as the shell passes it.
    fits = [(n, f) for n, f in left if f is not None and not set(n) & set('",=')]
    if not fits:
        return said
    which = "it" if len(left) == 1 else "them" if len(fits) == len(left) else None
    if which is None:
        shown = [n for n, _ in fits]
        which = ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]
    mapping = [given.strip().strip(",")] if given and given.strip().strip(",") else []
    mapping += [f"{n}={f}" for n, f in fits]
    return f'{said} (to import {which}: --columns "{",".join(mapping)}")'


def print_merges(result: Plan, out: Any = None) -> None:
    """Where each imported item merged into a node of the map, and what it added or kept."""
    # Looked up when called: main() routes sys.stderr through the escaping stream.
    out = out if out is not None else sys.stderr
    for merge in result.merges:
        what = "; ".join(
            part
            for part in (
                "added " + ", ".join(merge.added) if merge.added else "",
                "kept " + ", ".join(merge.kept) if merge.kept else "",
            )
            if part
        )
        print(
            f"{merge.where}: merged into `{merge.node.id}`" + (f": {what}" if what else ""),
            file=out,
        )


def dry_run(args: Options, ws: Workspace, edit: Any, result: Plan) -> int:
    """The tree the import makes and what check finds on it; in a bigger map, only the
    imported nodes with their way up, and their findings."""
    from backmap import hierarchy
    from backmap.checks import check
    from backmap.cli.common import check_config
    from backmap.render import report
    from backmap.render.styles import SEVERITY_STYLES
    from backmap.render.tree import tree_lines
    from backmap.term import Style, wants_color

    style = Style(wants_color(args.color))
    before = len(ws)
    edit.apply(ws)
    touched = {n.id for n in result.nodes} | {m.node.id for m in result.merges}
    shown = _with_ancestors(ws, touched) if before else None
    print(style(" · ".join(f.title for f in ws.files.values()), "bold"))
    rows = [r for r in hierarchy.rows(ws) if shown is None or r.node.id in shown]
    for line in tree_lines(rows, style):
        print(line)
    print()
    print_merges(result, sys.stdout)
    found = check(ws, check_config(args, ws.root))
    mine = [f for f in found.active() if shown is None or f.node_id in touched]
    # The new nodes have no lines yet: findings are listed by node.
    for f in sorted(mine, key=lambda f: (-f.severity, f.code, f.node_id)):
        label = style(f"{f.severity.label:<7}", *SEVERITY_STYLES[f.severity])
        print(f"{label}  {style(f.code, 'bold')}  {f.message}")
    others = len(found.active()) - len(mine)
    if others:
        print(style(f"(and {plural(others, 'finding')} on nodes the import leaves alone)", "grey"))
    print(report.summary_line(found))
    print(f"dry run: {edit.summary}; nothing was written", file=sys.stderr)
    return OK


def _with_ancestors(ws: Workspace, ids: set[str]) -> set[str]:
    """`ids` and every node they lead up to."""
    from backmap.graph.walk import reach

    def parents(node_id: str) -> list[str]:
        node = ws.get(node_id)
        return node.supports if node is not None else []

    return ids | reach(ids, parents)
