"""The help a new user reads: every command listed once under a section, every option explained,
choices taken from the vocabulary and the renderers, and typed options that say what the parser
gives each command."""

from __future__ import annotations

import argparse
import re
import typing
from datetime import date

import pytest
from tests.conftest import run_cli

from backmap.cli import build_parser
from backmap.cli.common import Options
from backmap.cli.parser import SECTIONS
from backmap.render import engine, export
from backmap.render.formats import CHECK_FORMATS, EXPORT_FORMATS
from backmap.term import COLOR_MODES
from backmap.vocabulary import KINDS, SEVERITIES, STATUSES


def subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(subs.choices)


COMMANDS = subparsers()


def choices(command: str, option: str) -> tuple[str, ...]:
    action = next(a for a in COMMANDS[command]._actions if option in a.option_strings)
    return tuple(action.choices or ())


def test_main_help_lists_each_command_once_under_its_section() -> None:
    out = run_cli("--help").out
    listing = out[out.index("commands:\n") : out.index("examples:")]
    for name in COMMANDS:
        assert len(re.findall(rf"^    {name} ", listing, re.MULTILINE)) == 1, name
    for title in SECTIONS:
        assert f"\n  {title}\n" in listing
    # A section's commands follow its title: `fit` looks at the map, `rm` changes it.
    assert listing.index("look at the map") < listing.index("    fit ")
    assert listing.index("    fit ") < listing.index("change the map") < listing.index("    rm ")
    assert out.startswith("usage: backmap [-h] [-V] [-m PATH]")


def test_a_command_help_names_the_command_and_keeps_common_options_last() -> None:
    out = run_cli("fit", "--help").out
    assert out.startswith("usage: backmap fit ")
    groups = re.findall(r"^(\S[^\n]*):$", out, re.MULTILINE)
    assert groups[-2:] == ["common options", "examples"], groups
    assert "adding the idea to the map" in groups


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_option_and_argument_is_explained(command: str) -> None:
    for action in COMMANDS[command]._actions:
        assert action.help and action.help.strip(), (command, action.dest)


def test_choices_come_from_the_vocabulary_and_the_renderers() -> None:
    assert choices("add", "--status") == STATUSES
    assert choices("set", "--kind") == KINDS
    assert choices("fit", "--status") == STATUSES
    assert choices("check", "--fail-on") == SEVERITIES == ("error", "warning", "info")
    assert choices("check", "--format") == CHECK_FORMATS
    assert choices("export", "--format") == EXPORT_FORMATS == export.FORMATS
    assert choices("export", "--engine") == engine.ENGINES
    assert choices("tree", "--color") == COLOR_MODES
    # What each export format is called by its file name agrees with the table.
    assert {export.format_for(f"map.{export.SUFFIX[f]}") for f in EXPORT_FORMATS} == set(
        EXPORT_FORMATS
    )


def test_set_status_help_shows_no_empty_choice() -> None:
    out = run_cli("set", "--help").out
    assert "--status {idea,planned,active,done,dropped}\n" in out
    assert ",}" not in out and "{," not in out and "''" not in out
    assert 'an empty value ("") clears a field' in out


def dests(parser: argparse.ArgumentParser) -> set[str]:
    return {a.dest for a in parser._actions if a.dest != "help"}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_typed_options_name_what_the_parser_gives(command: str) -> None:
    parser = COMMANDS[command]
    func = parser.get_default("func")
    declared = typing.get_type_hints(func)["args"]
    assert issubclass(declared, Options), (command, declared)
    # Types only a type checker imports (a date, to keep --help fast) are resolved here.
    names = set(typing.get_type_hints(declared, localns={"date": date})) - {"command"}
    # --map and --color are the main parser's too: every command is given them.
    assert names == (dests(parser) | {"map", "color"}) - {"func"}, command


def _commands_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(subs.choices)


def test_each_command_is_parsed_by_its_module_alone_as_by_the_whole_parser() -> None:
    from backmap.cli.parser import MODULES, _module_of

    assert list(MODULES) == list(COMMANDS)  # every command, in the order of the whole help
    for name, module in MODULES.items():
        alone = _commands_of(build_parser(module))
        assert name in alone, (name, module)
        assert alone[name].format_help() == COMMANDS[name].format_help()
    assert _module_of(["-m", "maps", "--color=never", "check", "--select", "BM1"]) == "checking"
    assert _module_of(["--map=x.yaml", "fit", "idea"]) == "fitting"
    assert _module_of(["-mmaps", "tree"]) == "viewing"
    for whole in (["--help"], ["-V"], ["chek"], [], ["--ma", "x", "check"]):
        assert _module_of(whole) is None, whole


def test_a_mistyped_command_is_still_corrected() -> None:
    run = run_cli("chek", "--map", "x.yaml")
    assert run.code == 2
    assert "did you mean" in run.err or "check" in run.err, run.err
