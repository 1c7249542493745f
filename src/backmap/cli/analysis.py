"""Commands that analyse or draw the map: check, fit, export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap.cli.common import (
    FINDINGS,
    OK,
    apply_and_save,
    check_config,
    confirm,
    error,
    open_workspace,
    refusal,
    text_among_ids,
)
from backmap.plural import plural

if TYPE_CHECKING:
    from backmap.checks.findings import Finding
    from backmap.model import Workspace


def cmd_check(args: argparse.Namespace) -> int:
    from backmap.checks import RULES, check
    from backmap.render import report
    from backmap.term import Style, wants_color

    style = Style(wants_color(args.color))
    if args.rules:
        for code, (rule, _) in sorted(RULES.items()):
            print(f"{code}  {rule.severity.label:<7}  {rule.name:<22}  {rule.summary}")
        return OK
    ws = open_workspace(args)
    config = check_config(args, ws.root)
    result = check(ws, config)
    served_thin = None
    if args.leverage:
        from backmap.checks.leverage import leverage

        served_thin = leverage(result.graph)
    if args.format == "json":
        extra = None
        if served_thin is not None:
            extra = {
                "leverage": {
                    "initiatives": [vars(x) for x in served_thin[0]],
                    "thin_goals": [vars(x) for x in served_thin[1]],
                }
            }
        sys.stdout.write(report.to_json(result, config.fail_on, extra))
    elif args.format == "github":
        for line in report.github_lines(result):
            print(line)
        print(report.summary_line(result), file=sys.stderr)
    else:
        for line in report.text_lines(result, style):
            print(line)
        if served_thin is not None:
            print()
            for line in report.leverage_lines(*served_thin, style):
                print(line)
    _note_lone_file(ws, result.active())
    return FINDINGS if result.fails(config.fail_on) else OK


def _note_lone_file(ws: Workspace, findings: Sequence[Finding]) -> None:
    """After the findings: unknown links of one team file may be the folder's ids, not typos;
    a group file's goals with nothing beneath may be served by the team files."""
    from backmap import store
    from backmap.checks.scope import lone_file

    # BM202, BM203: a goal or an outcome with nothing beneath it in this file.
    bare = dict.fromkeys(f.node_id for f in findings if f.code in ("BM202", "BM203"))
    lone = lone_file(ws, store.neighbours(ws.root), list(bare))
    if lone is None:
        return
    folder = "this folder" if lone.folder == Path(".") else str(lone.folder)
    if lone.unknown:
        ids = plural(len(lone.unknown), "id")
        why = f"The {ids} it links to but does not define ({_some(lone.unknown)}) may live"
    else:
        ids = plural(len(lone.bare), "node")
        shown = _some(lone.bare)
        why = f"What supports the {ids} with nothing beneath them here ({shown}) may live"
    print(
        f"note: {lone.path} was checked alone, and {folder} holds "
        f"{plural(len(lone.others), 'other map file')}. {why} in the rest of the "
        f"workspace: run from the workspace root, or pass the folder: "
        f"backmap check --map {lone.folder}",
        file=sys.stderr,
    )


def _some(ids: Sequence[str]) -> str:
    return ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")


def cmd_fit(args: argparse.Namespace) -> int:
    from backmap import fit
    from backmap.render import fit_report
    from backmap.term import Style, wants_color

    if args.text is None and not args.attach:
        raise error('give the idea as text, e.g. backmap fit "paid expert consulting"')
    ws = open_workspace(args)
    if args.text is None:
        args.text, args.attach = text_among_ids(
            ws, args.attach, "--attach", "idea", 'backmap fit "IDEA" --attach [GOAL ...] --yes'
        )
    if not args.text.strip():
        raise error('give the idea as text, e.g. backmap fit "paid expert consulting"')
    encoder = fit.default_encoder()
    if encoder is not None and hasattr(encoder, "notice") and sys.stderr.isatty():

        def notice(count: int) -> None:
            print(
                f"indexing {count} texts of the map for the first time (cached after this)…",
                file=sys.stderr,
                flush=True,
            )

        encoder.notice = notice
    index = fit.index_workspace(ws)
    answer = fit.fit(index, args.text, top=args.top)
    # What else could be done there: only where the idea plainly belongs.
    sure = answer.strength in ("strong", "plausible")
    near = fit.nearby(index, args.text, answer.places[0].id) if sure else None
    attached = None
    if args.attach is not None:
        attached = attach_idea(ws, args, answer)
        if attached is None:
            return OK
    if args.json:
        sys.stdout.write(fit_report.to_json(answer, near, attached))
    else:
        for line in fit_report.text_lines(ws, answer, near, Style(wants_color(args.color))):
            print(line)
        if attached:
            print(attached)
    return OK


def attach_idea(ws: Any, args: argparse.Namespace, answer: Any) -> str | None:
    """`fit --attach`: add the idea under the goals named, else under the best place, after
    asking (always when the match is weak or nothing fits); the new id, None when declined."""
    from backmap import edits

    best = answer.places[0] if answer.places else None
    goals = list(args.attach) or ([best.id] if best else [])
    if not goals or (not args.attach and not answer.fits and args.yes):
        raise error(
            "nothing here fits well enough to attach without asking; name the goals: "
            "--attach GOAL [GOAL ...]"
        )
    fields = {"owner": args.owner, "sub_owner": args.sub_owner, "status": args.status}
    fields.update(due=args.due, progress=args.progress)
    try:
        edit = edits.add(ws, args.kind, args.text, supports=goals, **fields)
    except edits.EditError as exc:
        raise error(refusal(exc, ws)) from None
    names = ", ".join(f"“{ws.node(g).title}”" if g in ws else g for g in goals)
    article = "an" if args.kind == "initiative" else "a"
    question = f"Add “{args.text}” as {article} {args.kind} under {names}?"
    if not args.attach and best is not None and best.strength in ("weak", "none"):
        quality = "only a weak match" if best.strength == "weak" else "not a real match"
        question = f"The best place is {quality}: attach under {names} anyway?"
    if answer.similar:
        alike = answer.similar[0]
        question += f" (it looks like “{alike.title}” [{alike.id}])"
    if not args.yes and not confirm(question, "attach"):
        print("nothing added", file=sys.stderr)
        return None
    new_id: str | None = apply_and_save(ws, lambda: edit).node_id
    return new_id


def cmd_export(args: argparse.Namespace) -> int:
    from backmap.checks import check
    from backmap.render import export

    fmt = args.format
    if fmt is None and args.output and args.output != "-" and not args.split:
        try:
            fmt = export.format_for(args.output)
        except export.ExportError as exc:
            raise error(str(exc)) from None
    fmt = fmt or "svg"
    if args.split and (not args.output or args.output == "-"):
        raise error("--split writes several files: give a folder with -o, e.g. -o map-export/")
    if fmt in ("png", "pdf", "xlsx") and not args.output and sys.stdout.isatty():
        raise error(f"{fmt} is binary: write it to a file with -o map.{fmt}")
    ws = open_workspace(args)
    drawn = fmt not in export.DATA_FORMATS  # data formats carry no findings
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
    )
    try:
        result = check(ws, export.check_for(fmt, config)) if config else None
        if args.split:
            files = export.export_split(ws, fmt, options, result)
        else:
            data = export.export(ws, fmt, options, result)
    except export.ExportError as exc:
        raise error(str(exc)) from None
    if not args.split and (not args.output or args.output == "-"):
        sys.stdout.buffer.write(data)
        return OK
    target = Path(args.output)
    written: list[str] = []
    try:
        if args.split:
            target.mkdir(parents=True, exist_ok=True)
            for name, content in sorted(files.items()):
                (target / name).write_bytes(content)
                written.append(name)
        else:
            target.write_bytes(data)
    except OSError as exc:
        done = f"; written before that: {', '.join(written)}" if written else "; nothing written"
        raise error(
            f"cannot write {exc.filename or target}: {exc.strerror or exc}{done}. "
            "Choose another -o path"
        ) from None
    print(
        f"wrote {plural(len(files), 'file')} to {target}" if args.split else f"wrote {target}",
        file=sys.stderr,
    )
    return OK
