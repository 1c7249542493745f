"""Start-up stays fast and the layers stay apart: what each entry point imports, in a fresh
interpreter. The CLI's help and the core never import the TUI, graphviz, networkx or the
numerics of fit; only export code imports graphviz."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

HEAVY = {"textual", "graphviz", "networkx", "rich", "matplotlib"}
NUMERICS = {"numpy", "onnxruntime", "tokenizers"}
CORE = [
    "backmap.model",
    "backmap.store",
    "backmap.edits",
    "backmap.hierarchy",
    "backmap.graph",
    "backmap.checks",
    "backmap.fit",
    "backmap.render.export",
]
MARK = "--- loaded so far ---"


def modules_after(*steps: str) -> list[set[str]]:
    """Every module imported after each step of code, run in order in one fresh interpreter
    from the project root, output silenced."""
    lines = ["import contextlib, io, sys", "def loaded():", f"    print({MARK!r})"]
    lines += ["    print('\\n'.join(sorted(sys.modules)))"]
    for step in steps:
        lines.append("with contextlib.redirect_stdout(io.StringIO()):")
        lines += [f"    {line}" for line in step.splitlines()]
        lines.append("loaded()")
    out = subprocess.run(
        [sys.executable, "-c", "\n".join(lines)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return [set(part.split()) for part in out.split(MARK)[1:]]


def packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_help_imports_nothing_heavy() -> None:
    [loaded] = modules_after(
        "from backmap import cli\ntry:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert not packages(loaded) & {*HEAVY, *NUMERICS, "pydantic", "yaml", "yaml_rs"}
    # Nor what only a command's run needs: check-in lines and dataclasses are for the commands.
    assert not loaded & {"dataclasses", "json", "backmap.checkins"}


def test_the_core_imports_no_front_end_and_no_numerics() -> None:
    """All of the core at once: what any one of its modules imports is in this set too."""
    [loaded] = modules_after("\n".join(f"import {module}" for module in CORE))
    assert {module for module in CORE} <= loaded
    assert not packages(loaded) & {*HEAVY, *NUMERICS}
    assert not {name for name in loaded if name.startswith(("backmap.cli", "backmap.tui"))}


def test_check_and_fit_do_not_import_textual_or_graphviz() -> None:
    [loaded] = modules_after(
        "from backmap import cli\n"
        "cli.main(['check', '--map', 'maps/org'])\n"
        "cli.main(['fit', 'paid expert consulting', '--map', 'maps/ideal-group.yaml'])"
    )
    assert "pydantic" in packages(loaded)
    assert not packages(loaded) & {"textual", "graphviz", "rich"}


def test_help_and_check_do_not_import_the_importers() -> None:
    """`import` registers its options from the shared vocabulary; its readers load on use."""
    [loaded] = modules_after("from backmap import cli\ncli.main(['check', '--map', 'maps/org'])")
    assert "backmap.cli.importing" in loaded
    assert not {name for name in loaded if name.startswith("backmap.importing")}


def test_tree_and_fmt_run_without_networkx() -> None:
    [loaded] = modules_after(
        "from backmap import cli\n"
        "cli.main(['tree', '--map', 'maps/ideal-group.yaml'])\n"
        "cli.main(['fmt', '--check', '--map', 'maps'])"
    )
    assert "backmap.store" in loaded
    assert not packages(loaded) & HEAVY


def test_only_the_dot_export_imports_graphviz() -> None:
    load = "from pathlib import Path\nfrom backmap import store\n"
    load += "from backmap.render.export import export\n"
    load += "ws = store.load(Path('maps/ideal-group.yaml'))"
    markdown, dot = modules_after(f"{load}\nexport(ws, 'md')", "export(ws, 'dot')")
    assert "graphviz" not in packages(markdown)
    assert "graphviz" in packages(dot)


def test_the_report_computes_without_front_ends_or_charts() -> None:
    """The report's numbers (numpy is fine there: only `report` imports them)."""
    [loaded] = modules_after("import backmap.review.compute, backmap.review.markdown")
    assert not packages(loaded) & HEAVY


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
