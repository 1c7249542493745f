"""Mermaid: the first parent is the main line, short labels, and the size Mermaid limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap.render.export import ExportError, ExportOptions, export
from backmap.render.mermaid import MAX_CHARS, MAX_EDGES, SHORT_CHARS, short, size

from .conftest import SMALL, TODAY, workspace

OPTIONS = ExportOptions(today=TODAY, no_findings=True)


def _edges(source: str) -> set[str]:
    return {line.strip() for line in source.splitlines() if "->" in line}


def test_first_of_supports_is_solid_the_others_dashed() -> None:
    source = export(workspace(SMALL), "mermaid", OPTIONS).decode()
    # rota supports [no-spof, time-off]; no-spof supports [less-stress, impact].
    assert {"n_rota --> n_no_spof", "n_rota -.-> n_time_off"} <= _edges(source)
    assert {"n_no_spof --> n_less_stress", "n_no_spof -.-> n_impact"} <= _edges(source)
    assert sum("-.->" in e for e in _edges(source)) == 2


def test_putting_another_parent_first_makes_it_the_main_line() -> None:
    nodes = [dict(n) for n in SMALL]
    rota = next(n for n in nodes if n["id"] == "rota")
    rota["supports"] = ["time-off", "no-spof"]
    source = export(workspace(nodes), "mermaid", OPTIONS).decode()
    assert {"n_rota --> n_time_off", "n_rota -.-> n_no_spof"} <= _edges(source)
    # The main lines come before the dashed ones: Mermaid ranks nodes in edge order.
    lines = source.splitlines()
    solid = max(i for i, line in enumerate(lines) if " --> " in line)
    assert all(i > solid for i, line in enumerate(lines) if "-.->" in line)


def test_short_labels_hold_the_title_alone() -> None:
    full = export(workspace(SMALL), "mermaid", ExportOptions(today=TODAY)).decode()
    brief = export(workspace(SMALL), "mermaid", ExportOptions(today=TODAY, labels="short"))
    text = brief.decode()
    assert '    n5["Shared on-call rota with the platform t#8230;"]' in text
    assert "<small>" not in text and "<br/>" not in text and "<b>" not in text
    assert "n_" not in text  # numbered, not named after ids
    # Findings still colour the node, through its class.
    assert "class n4,n10,n11 finding" in text
    assert len(text) < len(full) * 0.6


def test_short_cuts_long_titles_on_one_line() -> None:
    assert short("a\nb") == "a b"
    long = "word " * 20
    assert len(short(long)) == SHORT_CHARS and short(long).endswith("…")
    assert short("x" * SHORT_CHARS) == "x" * SHORT_CHARS


def test_size_counts_edges_and_characters() -> None:
    source = export(workspace(SMALL), "mermaid", OPTIONS).decode()
    measured = size(source)
    assert measured.edges == 10 and measured.chars == len(source)
    assert not measured.too_big
    assert size(source + "x" * MAX_CHARS).too_big
    many = "\n".join(f"    n{i} --> n0" for i in range(MAX_EDGES + 1))
    assert size(many).edges == MAX_EDGES + 1 and size(many).too_big


def test_short_labels_are_for_mermaid_only() -> None:
    with pytest.raises(ExportError, match="Mermaid only"):
        export(workspace(SMALL), "dot", ExportOptions(labels="short"))


def test_a_node_shows_its_metric_as_the_drawings_do(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "backmap: 1\ntitle: Ward\nnodes:\n"
        "  - id: discharge\n    kind: goal\n    title: Faster discharge\n"
        "    metric:\n      name: median stay\n      unit: days\n"
        "      baseline: 6.5\n      target: 4\n      current: 5.2\n",
        encoding="utf-8",
    )
    run = run_cli("export", "-f", "mermaid", "--map", str(path))
    assert run.code == 0, run.err
    line = next(ln for ln in run.out.splitlines() if "Faster discharge" in ln)
    assert "<small>median stay 5.2 days (target 4, from 6.5)</small>" in line, line
