"""A one-shot command leaves the process as it found it: the collector on, nothing frozen."""

from __future__ import annotations

import contextlib
import gc
import io

from tests.conftest import MAPS

from backmap.cli import main


def test_a_command_pauses_the_collector_only_while_it_runs() -> None:
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(["check", "--map", str(MAPS / "org")])
        main(["status", "--map", str(MAPS / "ideal-group.yaml")])
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # what the command loaded can still be collected
