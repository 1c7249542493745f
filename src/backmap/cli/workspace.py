"""Finding and loading the workspace a command works on, or saying in the command line's words
why there is none."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from backmap.cli.base import Fail, Options, error, print_problems
from backmap.plural import plural

if TYPE_CHECKING:
    from backmap.model import Workspace


def no_workspace(exc: Any) -> str:
    """Why no map was opened, in the command line's words: the option or variable that named
    a missing path, or where backmap looked, the map files right here that --map would open,
    and how to start one."""
    from backmap.store.disk import DEFAULT_FILE, ENV_VAR

    by = f"${exc.named_by}" if exc.named_by else "--map"
    if exc.missing is not None:
        return f"{by} names {exc.missing}, which does not exist"
    if exc.beside is not None:
        folder = exc.beside.parent
        return (
            f"{exc.beside.name} is the {exc.beside.stem} file, not a map: point {by} at its "
            f"folder ({folder if str(folder) != '.' else '.'})"
        )
    if exc.nearby:
        names = ", ".join(str(p) for p in exc.nearby[:3])
        more = len(exc.nearby) - 3
        names += f" and {more} more" if more > 0 else ""
        first = exc.nearby[0]
        if len(exc.nearby) > 1:  # one workspace of all of them, ids shared across the files
            return (
                f"no map here that backmap opens on its own; this folder holds {names}: pass "
                f"--map . to open them together (or set {ENV_VAR}=. for every command), "
                f"or --map {first} for one alone"
            )
        return (
            f"no map here that backmap opens on its own; this folder holds {names}: pass "
            f"--map {first}, or set {ENV_VAR}={first} for every command"
        )
    looked = ", then ".join(f"./{p}" + ("/" if not p.suffix else "") for p in exc.looked_in)
    return (
        f"no map here: backmap looks for --map PATH, then ${ENV_VAR}, then {looked}. "
        f"Start one with `backmap new {DEFAULT_FILE}`"
    )


READ_ONLY = frozenset(
    {"check", "diff", "export", "people", "plan", "report", "show", "status", "tree"}
)
"""Commands that never write a map: a problem that stops them needs no "nothing was changed"."""


def open_workspace(args: Options) -> Workspace:
    """Find and load the workspace, or print why not and stop with exit code 2."""
    from backmap import store

    try:
        root = store.find_root(args.map)
        workspace = store.load(root)
    except store.NoWorkspace as exc:
        raise error(no_workspace(exc)) from None
    except store.LoadError as exc:
        print_problems(exc)
        if exc.empty_folder is not None:
            start = exc.empty_folder / "map.yaml"
            print(f"start one with `backmap new {start}`", file=sys.stderr)
        read_only = args.command in READ_ONLY or getattr(args, "check", False)  # fmt --check
        unchanged = "" if read_only else "; nothing was changed"
        print(
            f"{plural(len(exc.problems), 'problem')} in {_where(exc.problems)}{unchanged}",
            file=sys.stderr,
        )
        raise Fail() from None
    return workspace


def _where(problems: list[Any]) -> str:
    """`people.yaml` or `focus.yaml` when every problem is in that file; else "the map"."""
    from backmap.store.disk import FOCUS_FILE, PEOPLE_FILE

    names: set[str] = {p.path.name for p in problems}
    if len(names) == 1 and names <= {PEOPLE_FILE, FOCUS_FILE}:
        return names.pop()
    return "the map"
