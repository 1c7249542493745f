"""The `backmap` command: parse options, call the core, print, return an exit code.

Heavy modules (pydantic, the store, networkx, textual, graphviz) are imported inside the commands
that need them, so `backmap --help` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from backmap.cli.parser import build_parser
from backmap.cli.shell import OK, Fail

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `backmap` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return OK
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `backmap tree | head`: the reader left; not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return OK
    except Fail as fail:
        return fail.code
    return code
