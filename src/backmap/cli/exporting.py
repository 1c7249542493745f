"""`backmap export`: the map as SVG, PNG, PDF, DOT, Mermaid, Markdown, JSON or interactive HTML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap.cli.common import OK, check_config, error, open_workspace, parse_date
from backmap.cli.export_notes import note_fonts, note_no_paths, note_tall, warn_mermaid
from backmap.cli.filtering import (
    FilterOptions,
    add_filter_options,
    selection_for,
)
from backmap.cli.options import at_least
from backmap.plural import plural
from backmap.render.formats import (
    ENGINES,
    EXPORT_DEFAULT,
    EXPORT_FORMATS,
    EXPORTS,
    MERMAID_LABELS,
    PAGES,
)

if TYPE_CHECKING:
    from datetime import date  # the type --today and --due parse to; datetime loads late

    from backmap.cli.parser import Commands


def register(commands: Commands) -> None:
    labels = [f.label for f in EXPORTS if not f.data and f.name != "codeowners"]
    data = [f.name for f in EXPORTS if f.data]
    cmd = commands.add(
        "export",
        f"draw the map: {', '.join(labels[:-1])} or {labels[-1]}; or hand it to an outliner, "
        f"a mind-mapping tool or a spreadsheet: {', '.join(data)}; or write CODEOWNERS",
        "backmap export --map maps/ideal-group.yaml -o map.svg\n"
        "backmap export -f mermaid --focus less-stress --depth 1 -o -\n"
        "backmap export -f md --split -o map-export/",
        cmd_export,
        description=f"Draw the map as {', '.join(labels[:-1])} or {labels[-1]}, with what "
        "check finds marked on it. The Graphviz engine that lays out SVG, PNG and PDF comes "
        f"with backmap: no system package needed. {', '.join(data)} carry the map's data for "
        "other tools; `backmap import` reads them back (docs/import.md). codeowners writes a "
        "CODEOWNERS file: the paths each initiative lists under `paths:`, owned by its owner "
        "and sub-owner (their github or gitlab handles in the people file).",
    )
    output = cmd.add_argument_group("output")
    output.add_argument(
        "-f",
        "--format",
        choices=EXPORT_FORMATS,
        metavar="FORMAT",
        help=f"{', '.join(EXPORT_FORMATS)} (default: from the -o extension, else {EXPORT_DEFAULT})",
    )
    output.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="file to write, '-' for standard output; with --split, a folder",
    )
    output.add_argument(
        "--split",
        action="store_true",
        help="one file per outcome plus an index page, into the -o folder",
    )
    output.add_argument(
        "--page",
        choices=tuple(PAGES),
        help="with --split (implied): split further, by goal, until each page fits "
        + ", ".join(f"{name} ({what})" for name, (_, what) in PAGES.items())
        + " with titles of 12 px or more; adds an overview page",
    )
    output.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="graphviz engine: the bundled one (pure) or a system dot (default: auto)",
    )
    output.add_argument(
        "--labels",
        choices=MERMAID_LABELS,
        default="full",
        help="Mermaid: full labels, or short ones (the title, cut at 40 characters) that keep "
        "a big map under Mermaid's limits (default: full)",
    )
    shown = cmd.add_argument_group("what to draw")
    shown.add_argument(
        "--focus",
        metavar="ID",
        help="a node with its way up to the outcomes and what is beneath it",
    )
    shown.add_argument(
        "--depth", type=at_least(0), metavar="N", help="with --focus: levels beneath"
    )
    shown.add_argument(
        "--max-depth", type=at_least(0), metavar="N", help="levels below the outcomes"
    )
    shown.add_argument("--no-findings", action="store_true", help="do not mark check findings")
    shown.add_argument(
        "--link-template",
        metavar="URL",
        help="make nodes links, e.g. 'https://tracker.example.com/{id}'",
    )
    shown.add_argument("--title", help="title printed on the map (default: the map's own)")
    shown.add_argument(
        "--today",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="date printed on the map and used for overdue (default: today)",
    )
    add_filter_options(cmd, "drawn with the way up to the outcomes, muted")


class ExportOptions(FilterOptions):
    format: str | None
    output: str | None
    split: bool
    page: str | None
    engine: str
    labels: str
    focus: str | None
    depth: int | None
    max_depth: int | None
    no_findings: bool
    link_template: str | None
    title: str | None
    today: date | None


def cmd_export(args: ExportOptions) -> int:
    from dataclasses import replace

    from backmap.checks import check
    from backmap.render import export

    args.split = args.split or args.page is not None
    fmt = args.format
    bound = _one_pdf(args)
    if bound:
        if (fmt or "pdf") != "pdf":
            raise error(f"{args.output} is named like a PDF: leave out -f {fmt}, or use -f pdf")
        fmt = "pdf"
    if fmt is None and args.output and args.output != "-" and not args.split:
        try:
            fmt = export.format_for(args.output)
        except export.ExportError as exc:
            raise error(str(exc)) from None
    fmt = fmt or EXPORT_DEFAULT
    if args.split and (not args.output or args.output == "-"):
        raise error("--split writes several files: give a folder with -o, e.g. -o map-export/")
    if args.split and args.output and not bound:
        _refuse_file_name(args.output)
    binary = any(f.binary for f in EXPORTS if f.name == fmt)
    if binary and not args.output and sys.stdout.isatty():
        raise error(f"{fmt} is binary: write it to a file with -o map.{fmt}")
    ws = open_workspace(args)
    if args.focus is not None:
        from backmap.cli.common import require_node

        require_node(ws, args.focus)  # with "did you mean", as tree and focus say it
    matches, context = _filtered(ws, args)
    drawn = fmt not in export.WHOLE  # the data formats and CODEOWNERS carry no findings
    config = check_config(args, ws.root) if drawn and not args.no_findings else None
    options = export.ExportOptions(
        focus=args.focus,
        depth=args.depth,
        max_depth=args.max_depth,
        no_findings=args.no_findings,
        title=args.title,
        today=args.today,
        link_template=args.link_template,
        engine=args.engine,
        labels=args.labels,
        page=args.page,
        matches=matches,
        context=context,
    )
    try:
        result = check(ws, export.check_for(fmt, config)) if config else None
        if args.split:
            files = export.export_split(ws, fmt, options, result)
        else:
            data = export.export(ws, fmt, options, result)
    except export.ExportError as exc:
        raise error(str(exc)) from None
    if fmt == "mermaid":
        short = replace(options, labels="short")
        drawn_files = files if args.split else {args.output or "-": data}
        warn_mermaid(drawn_files, args, lambda: export.export(ws, fmt, short, result))
    if fmt in ("png", "pdf"):
        note_fonts(ws, fmt, args)
    if fmt == "codeowners":
        note_no_paths(ws)
    if fmt == "svg" and not args.split and args.page is None:
        note_tall(data)
    if not args.split and (not args.output or args.output == "-"):
        sys.stdout.buffer.write(data)
        return OK
    assert args.output is not None  # refused above for --split; standard output otherwise
    target = Path(args.output)
    written: list[str] = []
    notes: list[str] = []
    if bound:
        data, count = _bind(files, args.title or ws.name())
        print_pages = f" ({plural(count, 'page')}: the overview, then each page in turn)"
    try:
        if args.split and not bound:
            notes = _write_split(target, fmt, files, written)
        else:
            target.write_bytes(data)
    except OSError as exc:
        done = f"; written before that: {', '.join(written)}" if written else "; nothing written"
        raise error(
            f"cannot write {exc.filename or target}: {exc.strerror or exc}{done}. "
            "Choose another -o path"
        ) from None
    if bound:
        print(f"wrote {target}{print_pages}", file=sys.stderr)
    else:
        print(
            f"wrote {plural(len(files), 'file')} to {target}" if args.split else f"wrote {target}",
            file=sys.stderr,
        )
    for note in notes:
        print(note, file=sys.stderr)
    return OK


def _one_pdf(args: ExportOptions) -> bool:
    """`--page ... -o book.pdf`: every page bound into one PDF to print, not a folder."""
    out = args.output
    if args.page is None or not out or out.endswith(("/", "\\")):
        return False
    return Path(out).suffix.lower() == ".pdf" and not Path(out).is_dir()


def _bind(files: dict[str, bytes], title: str) -> tuple[bytes, int]:
    """The overview, then the pages in the order the split drew them, as one PDF."""
    from backmap.render.pdf import BookError, book

    first = "overview.pdf"
    order = [first, *(n for n in files if n.endswith(".pdf") and n != first)]
    pages = [files[n] for n in order if n in files]
    try:
        return book(pages, title), len(pages)
    except BookError as exc:
        raise error(str(exc)) from None


def _refuse_file_name(output: str) -> None:
    """A split writes a folder: one named like a file (`-o a.svg`) is most likely a slip.

    A trailing slash, or a folder that is already there, says it is meant."""
    path = Path(output)
    known = {ext: f.name for f in EXPORTS for ext in f.extensions}
    fmt = known.get(path.suffix.lower())
    if fmt is None or output.endswith(("/", "\\")) or path.is_dir():
        return
    folder = path.with_suffix("").as_posix()
    raise error(
        f"a split export writes several files into a folder, and {output} is named like a "
        f"{fmt} file: give a folder and the format, e.g. -o {folder}/ -f {fmt} (or -o "
        f"{output}/ if you do mean a folder of that name)"
    )


def _write_split(target: Path, fmt: str, files: dict[str, bytes], written: list[str]) -> list[str]:
    """Write a split's files, then remove those the last split of `fmt` wrote and this one
    does not (only files its list names, unchanged since); what was removed, as notes."""
    from backmap.render import manifest

    target.mkdir(parents=True, exist_ok=True)
    listed = target / manifest.NAME
    try:
        previous = manifest.parse(listed.read_text(encoding="utf-8", errors="replace"))
    except FileNotFoundError:
        previous = {}
    for name, content in sorted(files.items()):
        (target / name).write_bytes(content)
        written.append(name)
    now = {
        name: manifest.digest(path.read_bytes())
        for name in previous.get(fmt, {})
        if name not in files and (path := target / name).is_file() and not path.is_symlink()
    }
    tidy = manifest.tidy(previous, fmt, files, now)
    for name in tidy.remove:
        (target / name).unlink()
    listed.write_text(manifest.dumps(tidy.listing), encoding="utf-8")
    notes = [
        f"removed {name}: the last {fmt} split wrote it, this one does not" for name in tidy.remove
    ]
    notes += [
        f"kept {name}: the last {fmt} split wrote it, but it was changed since; remove it "
        "yourself if it is stale"
        for name in tidy.keep
    ]
    return notes


def _filtered(ws: Any, args: ExportOptions) -> tuple[frozenset[str] | None, frozenset[str]]:
    """What the filter options match and the way up from there (None: no filter given)."""
    chosen = selection_for(args, ws)
    return (None, frozenset()) if chosen is None else (chosen.matches, chosen.context)
