"""The `backmap` command: parse options, call the core, print, return an exit code.

Heavy modules (pydantic, the store, networkx, textual, graphviz) are imported inside the commands
that need them, so `backmap --help` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from backmap import collector
from backmap.cli import ending
from backmap.cli.common import OK, Fail
from backmap.cli.parser import build_parser, parse
from backmap.term import COLOR_MODES, SafeStream, wants_color

__all__ = ["INTERNAL_ERROR", "build_parser", "main", "run"]

INTERNAL_ERROR = 70
"""Exit code of a crash (EX_SOFTWARE): distinct from 1, which CI reads as "findings"."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `backmap` command; returns the exit code.

    Run on the process's own command line (no `argv`), a one-shot command ends the process
    itself once its output is written (see `ending`)."""
    code = _main(argv, ends_process=argv is None)
    if argv is None and ending.kept():
        ending.leave(code)
    ending.release()
    return code


def _main(argv: Sequence[str] | None, ends_process: bool) -> int:
    with _escaped_output(argv):
        parser, args = parse(argv)
        if args.command is None:
            parser.print_help()
            return OK
        try:
            code = run(args, ends_process)
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            # `backmap tree | head`: the reader left; not an error worth a traceback.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return OK
        except Fail as fail:
            return fail.code
        except Exception as exc:  # a bug: say so, and never exit 1 ("findings") for it
            _report_crash(exc)
            return INTERNAL_ERROR
        return code


def run(args: argparse.Namespace, ends_process: bool = False) -> int:
    """Run a parsed command. A one-shot command's objects live until it ends and form no
    cycles worth collecting, so it runs with the cycle collector paused (its passes would only
    walk the map: seconds at 100k nodes); the editor reloads, so it keeps collecting.

    What a one-shot command made is then frozen out of the collector's passes when the
    process ends with the command (`ends_process`) or the command keeps it to the end
    (`ending.outlive`): the first pass once the collector is back on would otherwise walk all
    of it, a tenth of a second per 10,000 nodes."""
    if args.command == "edit":
        code: int = args.func(args)
        return code
    with collector.paused():
        code = args.func(args)
        if ends_process or ending.kept():
            collector.freeze()
    return code


@contextmanager
def _escaped_output(argv: Sequence[str] | None) -> Iterator[None]:
    """Route stdout and stderr through SafeStream for the command's duration.

    Map text and arguments are echoed in many places; escaping at this one boundary means an
    escape sequence in a title or an argument never drives the user's terminal.
    """
    out, err = sys.stdout, sys.stderr
    color = _color_mode(argv)
    sys.stdout = SafeStream(out, keep_colors=wants_color(color, out))
    sys.stderr = SafeStream(err, keep_colors=wants_color(color, err))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _color_mode(argv: Sequence[str] | None) -> str:
    """The --color value, read before parsing so that parse errors are escaped too."""
    args = list(sys.argv[1:] if argv is None else argv)
    mode = "auto"
    for i, arg in enumerate(args):
        if arg == "--color" and i + 1 < len(args):
            mode = args[i + 1]
        elif arg.startswith("--color="):
            mode = arg.split("=", 1)[1]
    return mode if mode in COLOR_MODES else "auto"


def _report_crash(exc: Exception) -> None:
    import traceback

    if os.environ.get("BACKMAP_DEBUG"):
        traceback.print_exc()
    text = str(exc).strip()
    summary = f": {text.splitlines()[0][:200]}" if text else ""
    print(f"backmap: internal error: {type(exc).__name__}{summary}", file=sys.stderr)
    print(
        "This is a bug in backmap, not a problem with your map: please report it with the "
        "command you ran (BACKMAP_DEBUG=1 prints the traceback).",
        file=sys.stderr,
    )
