"""`backmap export` for wikis: Mermaid's size limits said on stderr, short labels."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MAPS, run_cli


def _wide_map(path: Path, initiatives: int) -> Path:
    """One outcome, one goal and `initiatives` initiatives under it, with long titles."""
    lines = [
        "backmap: 1",
        "title: Wide",
        "nodes:",
        "  - {id: out, kind: outcome, title: Customers stay}",
        "  - {id: goal, kind: goal, title: Answer every ticket within a day, supports: [out]}",
    ]
    lines += [
        f"  - {{id: i{n}, kind: initiative, supports: [goal], owner: dana, status: active, "
        f"title: Initiative number {n} with a title long enough to wrap on its node}}"
        for n in range(initiatives)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_mermaid_past_the_limits_says_so_and_what_fits(tmp_path: Path) -> None:
    source = _wide_map(tmp_path / "wide.yaml", 600)
    out = tmp_path / "wide.mmd"
    result = run_cli("export", "--map", str(source), "-o", str(out), "--today", "2027-01-15")
    assert result.code == 0, result.err
    warning, advice = result.err.splitlines()[:2]
    assert warning.startswith(f"backmap: warning: {out} has 601 edges and ")
    assert "at most 500 edges and 50,000 characters" in warning and "GitHub" in warning
    assert "--labels short (601 edges, " in advice and "still too big" in advice
    assert "--split" in advice and "--max-depth 1" in advice
    assert out.read_text(encoding="utf-8").count(" --> ") == 601  # written all the same


def test_short_labels_bring_a_map_under_the_character_limit(tmp_path: Path) -> None:
    source = _wide_map(tmp_path / "wide.yaml", 400)
    args = ("export", "--map", str(source), "-f", "mermaid", "--today", "2027-01-15")
    full = run_cli(*args)
    assert full.code == 0 and len(full.out) > 50_000
    assert "--labels short (401 edges, " in full.err and ": fits)" in full.err
    brief = run_cli(*args, "--labels", "short")
    assert brief.code == 0 and brief.err == ""
    assert len(brief.out) < 50_000 and brief.out.count(" --> ") == 401


def test_a_small_mermaid_export_warns_of_nothing() -> None:
    result = run_cli("export", "--map", str(MAPS / "org"), "-f", "mermaid")
    assert result.code == 0 and result.err == ""


def test_short_labels_with_another_format_are_refused() -> None:
    result = run_cli("export", "--map", str(MAPS / "org"), "-f", "svg", "--labels", "short")
    assert result.code == 2 and "Mermaid only" in result.err
