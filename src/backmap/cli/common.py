"""What every command shares: finding and loading the workspace, refusing, saving, asking.

The pieces most commands use come from base, workspace, saving and refusals and are offered
here too; what one or two commands need (the journal, a twin's refusal) is imported from its
own module.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap.cli.base import (
    FINDINGS,
    INTERRUPTED,
    OK,
    Fail,
    Options,
    error,
    one_line,
    print_problems,
)
from backmap.cli.refusals import refusal
from backmap.cli.saving import apply_and_save
from backmap.cli.workspace import no_workspace, open_workspace

if TYPE_CHECKING:
    from backmap.model import Workspace

__all__ = [
    "FINDINGS",
    "INTERRUPTED",
    "OK",
    "Fail",
    "Options",
    "apply_and_save",
    "check_config",
    "confirm",
    "error",
    "no_workspace",
    "open_workspace",
    "parse_date",
    "print_problems",
    "refusal",
    "require_node",
    "text_among_ids",
]


def text_among_ids(
    ws: Workspace, values: list[str], option: str, what: str, usage: str
) -> tuple[str, list[str]]:
    """`fit --attach GOAL "idea"`, `add goal -s ID "title"`: an option taking ids took the text
    given after it too. The text is the one value that is no id of the map; the rest are ids."""
    texts = [v for v in values if v not in ws]
    if len(texts) == 1:
        return texts[0], [v for v in values if v in ws]
    found = (
        f"every value after {option} is a node id"
        if not texts
        else f"{len(texts)} values after {option} are no node ids ({', '.join(texts)})"
    )
    raise error(f"which is the {what}? {found}. Give the {what} before {option}: {usage}")


def require_node(ws: Workspace, node_id: str) -> None:
    from backmap.edits import EditError, require

    try:
        require(ws, node_id)
    except EditError as exc:
        raise error(str(exc)) from None


def parse_date(text: str) -> Any:
    """An argparse type: a date written YYYY-MM-DD that exists."""
    from backmap import fields

    try:
        return fields.read_date(text)
    except fields.FieldError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def check_config(args: Options, root: Path) -> Any:
    from backmap.cachedir import cache_dir
    from backmap.checks import ConfigError, Severity, load_config
    from backmap.checks.config import parse_codes

    try:
        config = load_config(root)
        select = parse_codes(args.select) if getattr(args, "select", None) else None
        ignore = parse_codes(args.ignore) if getattr(args, "ignore", None) else None
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        raise Fail() from None
    except ValueError as exc:
        raise error(str(exc)) from None
    from backmap.cli.rule_codes import known_codes

    known_codes(root, config, select, ignore)
    return config.with_overrides(
        select=select,
        ignore=ignore,
        fail_on=Severity.parse(args.fail_on) if getattr(args, "fail_on", None) else None,
        today=getattr(args, "today", None),
        cache=cache_dir(),
    )


def confirm(question: str, action: str) -> bool:
    """Ask on the terminal; with no terminal, refuse (exit 2) and say to pass --yes to `action`."""
    if not sys.stdin.isatty():
        raise error(f"{question} Not asked: no terminal to ask on; pass --yes to {action}")
    # The question goes with the other messages, so that standard output stays the result.
    try:
        print(f"{one_line(question)} [y/N] ", end="", file=sys.stderr, flush=True)
        reply = sys.stdin.readline()  # "" at end of input: a no
    except KeyboardInterrupt:
        # Ctrl-C is a no that ends the command: say so on its own line, not after the prompt.
        print("\ncancelled; nothing changed", file=sys.stderr)
        raise Fail(INTERRUPTED) from None
    return reply.strip().lower() in ("y", "yes")
