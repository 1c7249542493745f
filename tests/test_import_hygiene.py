"""Start-up stays fast: the CLI's help and the core never import the TUI, graphviz or networkx."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("textual", "graphviz", "networkx", "rich", "matplotlib")


def modules_after(code: str) -> set[str]:
    """Every module imported by running `code` in a fresh interpreter."""
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def imported_after(code: str) -> set[str]:
    """Top-level packages imported by running `code`."""
    return {name.split(".")[0] for name in modules_after(code)}


def test_help_imports_nothing_heavy() -> None:
    loaded = imported_after(
        "from backmap import cli\ntry:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert not loaded & {*HEAVY, "pydantic", "yaml", "yaml_rs"}


@pytest.mark.parametrize(
    "module",
    [
        "backmap.model",
        "backmap.store",
        "backmap.edits",
        "backmap.hierarchy",
        "backmap.graph",
        "backmap.checks",
        "backmap.fit",
        "backmap.render.export",
        "backmap.review.compute",
        "backmap.review.markdown",
    ],
)
def test_core_does_not_import_shells(module: str) -> None:
    loaded = modules_after(f"import {module}")
    assert not {name.split(".")[0] for name in loaded} & set(HEAVY)
    assert not {name for name in loaded if name.startswith(("backmap.cli", "backmap.tui"))}


def test_check_and_fit_do_not_import_textual_or_graphviz() -> None:
    code = (
        "import io, contextlib\n"
        "from backmap import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['check', '--map', 'maps/org'])\n"
        "    cli.main(['fit', 'paid expert consulting', '--map', 'maps/ideal-group.yaml'])"
    )
    assert not imported_after(code) & {"textual", "graphviz", "rich"}


def test_tree_and_fmt_run_without_networkx() -> None:
    code = (
        "from backmap import cli\n"
        "cli.main(['tree', '--map', 'maps/ideal-group.yaml'])\n"
        "cli.main(['fmt', '--check', '--map', 'maps'])"
    )
    assert not imported_after(code) & set(HEAVY)


def test_only_the_report_charts_import_matplotlib() -> None:
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "backmap"
    importers = sorted(
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if "import matplotlib" in (text := path.read_text(encoding="utf-8"))
        or "from matplotlib" in text
    )
    assert importers == ["review/charts.py"]
