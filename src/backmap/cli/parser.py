"""The command line's frame: main parser, common options, help sections, command registrations."""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from backmap import __version__
from backmap.term import COLOR_MODES

DESCRIPTION = """\
Plan backwards: from ideal outcomes, through the goals that bring them about,
down to initiatives people can start on Monday. Maps are YAML files in git.

The workspace is --map PATH (a file or a folder of *.yaml), else $BACKMAP_MAP,
else ./backmap.yaml, else ./maps/."""

EXAMPLES = """\
examples:
  backmap new backmap.yaml --title "The ideal data-science group"
  backmap add outcome "Employees are happy"
  backmap add goal "Reduce stress" --supports employees-are-happy
  backmap add initiative "Respect off-hours" --supports reduce-stress --owner dana
  backmap tree --map maps/ideal-group.yaml
  backmap check --map maps/org
  backmap fit "schedule Slack messages for the next morning"
  backmap status --map maps/org --depth 2
  backmap fmt --check --map maps

exit codes: 0 ok, 1 findings (check, fmt --check), 2 usage or input error,
  70 internal error (a bug in backmap: please report it).
docs: docs/format.md, docs/checks.md, docs/fit.md"""

SECTIONS = {
    "look at the map": ["tree", "status", "show", "check", "fit", "export", "people", "plan"],
    "check-ins": ["checkin", "diff", "report", "focus", "debrief"],
    "change the map": [
        "edit",
        "add",
        "set",
        "link",
        "unlink",
        "mv",
        "rm",
        "rename",
        "undo",
        "redo",
    ],
    "map files": ["new", "import", "fmt", "schema"],
    "people": ["person"],
}
"""How `backmap --help` groups the commands; one not named here is listed under "more"."""

HELP_COLUMN = 32


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=HELP_COLUMN)


def _common_options(parser: argparse.ArgumentParser, suppress: bool, map_: bool = True) -> None:
    # On the main parser and every subcommand; SUPPRESS keeps a subcommand's unset default
    # from overwriting a value given before the subcommand name.
    where: Any = parser if not suppress else parser.add_argument_group("common options")
    if map_:
        where.add_argument(
            "-m",
            "--map",
            metavar="PATH",
            default=argparse.SUPPRESS if suppress else None,
            help="map file or folder (default: $BACKMAP_MAP, ./backmap.yaml, ./maps/)",
        )
    where.add_argument(
        "--color",
        choices=COLOR_MODES,
        default=argparse.SUPPRESS if suppress else "auto",
        help="colour output (default: auto; NO_COLOR is honoured)",
    )


class _CommandParser(argparse.ArgumentParser):
    """A parser that reports what it does not know itself, with its own usage and a guess.

    argparse hands a subcommand's leftovers up to the main parser, which would print the
    top-level usage and no hint; the subcommand knows its options and can say which was meant.
    """

    def parse_known_args(  # type: ignore[override]
        self, args: Any = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(self._unknown(extras))
        return parsed, extras

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # argparse names the choices but not the one meant: `--status actve`.
        if action.choices is not None and value not in action.choices:
            from backmap.suggest import Suggester

            choices = [str(c) for c in action.choices]
            guess = Suggester(choices)(str(value))
            hint = f"did you mean {guess}? " if guess else ""
            raise argparse.ArgumentError(
                action, f"invalid choice: {value!r}; {hint}(choose from {', '.join(choices)})"
            )

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        # A value its reader refused (a date, a number) is explained in full by the reader's
        # message: the usage printed before it would only push that message out of sight.
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as exc:
            if not isinstance(exc.__context__, argparse.ArgumentTypeError):
                raise
            self.exit(2, f"{self.prog}: error: {exc.argument_name}: {exc.message}\n")

    def _unknown(self, extras: list[str]) -> str:
        """What is wrong with the first argument it does not know, and what was likely meant."""
        first = extras[0]
        if not first.startswith("-") or first == "-":
            return f"unexpected argument {first!r}" + (
                f" (after: {' '.join(extras[1:])})" if extras[1:] else ""
            )
        from backmap.suggest import Suggester

        name = first.split("=", 1)[0]
        known = [o for o in self._option_string_actions if o.startswith("--")]
        guess = Suggester(known)(name) if name.startswith("--") else None
        hint = f"; did you mean {guess}?" if guess else f"; `{self.prog} --help` lists them"
        return f"unknown option {name}{hint}"


class Commands:
    """Where a command module registers its subcommands: `register(commands)` in each module."""

    def __init__(self, subs: Any) -> None:
        self._subs = subs
        self.parsers: dict[str, argparse.ArgumentParser] = {}
        """Each subcommand's parser by name, in the order registered."""
        self.summaries: dict[str, str] = {}
        """Each subcommand's line in `backmap --help`."""
        self._without_map: set[str] = set()

    def add(
        self,
        name: str,
        help_: str,
        example: str,
        func: Callable[[Any], int],
        description: str | None = None,
        opens_map: bool = True,
    ) -> Any:
        """A subcommand: `help_` is its line in `backmap --help` and, unless `description` says
        more, the first line of its own help; `example` (lines) goes below its options. A
        command that opens no map (`opens_map=False`) is not offered --map."""
        text = description or help_[0].upper() + help_[1:] + "."
        cmd = self._subs.add_parser(
            name,
            description=textwrap.fill(text, _width()),
            epilog=("examples:\n  " if "\n" in example else "example:\n  ")
            + example.replace("\n", "\n  "),
            formatter_class=_Formatter,
        )
        cmd.set_defaults(func=func)
        self.parsers[name] = cmd
        self.summaries[name] = help_
        if not opens_map:
            self._without_map.add(name)
        return cmd

    def finish(self) -> None:
        """Add the common options, last in each command's help: its own options come first."""
        for name, cmd in self.parsers.items():
            _common_options(cmd, suppress=True, map_=name not in self._without_map)

    def listing(self, width: int) -> str:
        """The commands by section, each with its one line, for `backmap --help`."""
        placed = {name for names in SECTIONS.values() for name in names}
        sections = [
            (title, [n for n in names if n in self.summaries]) for title, names in SECTIONS.items()
        ]
        sections.append(("more", [n for n in self.summaries if n not in placed]))
        column = 4 + max(map(len, self.summaries)) + 3
        lines = ["commands:"]
        for title, names in sections:
            if names:
                lines.append(f"  {title}")
            for name in names:
                summary = textwrap.wrap(self.summaries[name], max(width - column, 20))
                lines.append(f"    {name:<{column - 4}}{summary[0]}")
                lines.extend(" " * column + more for more in summary[1:])
        lines.append("Run backmap COMMAND --help for its options and examples.")
        return "\n".join(lines)


def _width() -> int:
    """The width argparse wraps help to; text it is told to keep as is is wrapped to it here."""
    return shutil.get_terminal_size().columns - 2


MODULES = {
    "tree": "viewing",
    "status": "viewing",
    "fmt": "viewing",
    "schema": "viewing",
    "show": "showing",
    "check": "checking",
    "fit": "fitting",
    "export": "exporting",
    "edit": "editor",
    "new": "adding",
    "add": "adding",
    "set": "setting",
    "rm": "removing",
    "rename": "removing",
    "link": "linking",
    "unlink": "linking",
    "mv": "linking",
    "undo": "history",
    "redo": "history",
    "import": "importing",
    "checkin": "checkin",
    "diff": "diff",
    "report": "reporting",
    "people": "people",
    "plan": "people",
    "focus": "focus",
    "debrief": "debrief",
    "person": "person",
}
"""The module of `backmap.cli` that registers each command, in the order `backmap --help` was
built in: a command line naming one needs only that module (tests/cli hold this to them)."""


def parse(argv: Sequence[str] | None) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    """The parser and the options of one command line.

    A line that names a command gets a parser of that command's module alone: importing and
    building all of them costs some 25 ms of every start. Anything else (`--help`, a name to
    correct) gets the whole one. Each is built once per process (and terminal width, which
    help is wrapped to): running `main()` several times in one process, as tests and scripts
    do, then skips building it. List values are copied, so no run shares a default with
    another.
    """
    parser = _built(_width(), _module_of(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    for name, value in vars(args).items():
        if isinstance(value, list):
            setattr(args, name, list(value))
    return parser, args


def _module_of(argv: Sequence[str]) -> str | None:
    """The module of the command `argv` names past the main options (`-m PATH`, `--map PATH`,
    `--color WHEN`), None when it names none (or asks for help or the version first)."""
    at = 0
    while at < len(argv):
        word = argv[at]
        if word in ("-m", "--map", "--color"):
            at += 2
        elif word.startswith(("--map=", "--color=")) or (word.startswith("-m") and word != "-m"):
            at += 1
        else:
            return MODULES.get(word)
    return None


@functools.cache
def _built(width: int, module: str | None = None) -> argparse.ArgumentParser:
    return build_parser(module)


def build_parser(module: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, every subcommand with an example in its help; with `module`
    (of MODULES), only the commands that module registers."""
    import importlib

    # Command modules import this module for `Commands`: they are imported here, not above.
    names = [module] if module is not None else list(dict.fromkeys(MODULES.values()))
    registers = [importlib.import_module(f"backmap.cli.{name}").register for name in names]

    parser = _CommandParser(prog="backmap", description=DESCRIPTION, formatter_class=_Formatter)
    parser.add_argument("-V", "--version", action="version", version=f"backmap {__version__}")
    _common_options(parser, suppress=False)
    parser.usage = parser.format_usage().removeprefix("usage: ").strip() + " COMMAND ..."
    # The commands are listed by section below the options (Commands.listing), not by argparse.
    subs = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        help=argparse.SUPPRESS,
        prog="backmap",
        parser_class=_CommandParser,
    )

    commands = Commands(subs)
    for register in registers:
        register(commands)
    commands.finish()

    parser.epilog = commands.listing(_width()) + "\n\n" + EXAMPLES
    return parser
