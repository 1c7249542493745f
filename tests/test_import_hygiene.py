"""Start-up stays fast and the layers stay apart: what each entry point imports, in a fresh
interpreter (tests/startup.py runs the probes once per session). The CLI's help and the core
never import the TUI, graphviz, networkx or the numerics of fit; only export code imports
graphviz."""

from __future__ import annotations

from tests.startup import CORE, HEAVY, NUMERICS, core_and_libraries, front_end, packages


def test_help_imports_nothing_heavy() -> None:
    loaded = front_end()["help"]
    assert "backmap.cli" in loaded
    assert not packages(loaded) & {*HEAVY, *NUMERICS, "pydantic", "yaml", "yaml_rs"}
    # Nor what only a command's run needs: check-in lines and dataclasses are for the commands.
    assert not loaded & {"dataclasses", "json", "backmap.checkins"}


def test_the_core_imports_no_front_end_and_no_numerics() -> None:
    """All of the core at once: what any one of its modules imports is in this set too."""
    loaded = core_and_libraries()["core"]
    assert {module for module in CORE} <= loaded
    assert not packages(loaded) & {*HEAVY, *NUMERICS}
    assert not {name for name in loaded if name.startswith(("backmap.cli", "backmap.tui"))}


def test_check_and_fit_do_not_import_textual_or_graphviz() -> None:
    loaded = front_end()["fit"]
    assert "pydantic" in packages(loaded) and "backmap.fit" in loaded
    assert not packages(loaded) & {"textual", "graphviz", "rich"}


def test_help_and_check_do_not_import_the_importers() -> None:
    """`import` registers its options from the shared vocabulary; its readers load on use."""
    loaded = front_end()["check"]
    assert "backmap.cli.importing" in loaded and "backmap.checks" in loaded
    assert not {name for name in loaded if name.startswith("backmap.importing")}


def test_tree_and_fmt_run_without_networkx() -> None:
    loaded = front_end()["tree and fmt"]
    assert "backmap.store" in loaded
    assert not packages(loaded) & HEAVY


def test_only_the_dot_export_imports_graphviz() -> None:
    steps = front_end()
    assert "graphviz" not in packages(steps["markdown export"])
    assert "graphviz" in packages(steps["dot export"])


def test_the_report_computes_without_front_ends_or_charts() -> None:
    """The report's numbers (numpy is fine there: only `report` imports them)."""
    loaded = core_and_libraries()["report numbers"]
    assert "backmap.review.compute" in loaded
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
