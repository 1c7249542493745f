"""Start-up stays fast: the CLI's help and the core never import the TUI, graphviz or networkx."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("textual", "graphviz", "networkx", "rich")


def imported_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return {name.split(".")[0] for name in out.split()}


def test_help_imports_nothing_heavy() -> None:
    loaded = imported_after(
        "from backmap import cli\ntry:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert not loaded & {*HEAVY, "pydantic", "yaml", "yaml_rs"}


@pytest.mark.parametrize(
    "module", ["backmap.model", "backmap.store", "backmap.edits", "backmap.hierarchy"]
)
def test_core_does_not_import_shells(module: str) -> None:
    loaded = imported_after(f"import {module}")
    assert not loaded & set(HEAVY)
    assert "backmap.cli" not in loaded


def test_tree_and_fmt_run_without_networkx() -> None:
    code = (
        "from backmap import cli\n"
        "cli.main(['tree', '--map', 'maps/ideal-group.yaml'])\n"
        "cli.main(['fmt', '--check', '--map', 'maps'])"
    )
    assert not imported_after(code) & set(HEAVY)
