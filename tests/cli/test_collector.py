"""One-shot commands run with the cycle collector paused; the editor keeps it; either way the
process is left as it was found: the collector on, nothing frozen."""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
from pathlib import Path

from tests.conftest import MAPS

from backmap.cli import build_parser, main, run


def test_a_command_pauses_the_collector_only_while_it_runs() -> None:
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(["check", "--map", str(MAPS / "org")])
        main(["status", "--map", str(MAPS / "ideal-group.yaml")])
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # what the command loaded can still be collected


def test_only_one_shot_commands_pause_the_collector(tmp_path: Path) -> None:
    seen: dict[str, bool] = {}

    def probe(args: argparse.Namespace) -> int:
        seen[args.command] = gc.isenabled()
        return 0

    for command in ("edit", "check", "fit"):
        args = build_parser().parse_args([command, "--map", str(tmp_path)])
        args.func = probe
        assert run(args) == 0
        assert gc.isenabled()
    assert seen == {"edit": True, "check": False, "fit": False}
