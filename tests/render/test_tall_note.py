"""A drawing too tall to read as one picture: `export` suggests pages."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MAPS, run_cli


def _tall_map(path: Path) -> Path:
    lines = ["backmap: 1", "title: Tall", "nodes:"]
    for o in range(4):
        lines.append(f"  - {{id: o{o}, kind: outcome, title: Outcome number {o}}}")
        for g in range(10):
            goal = f"g{o}-{g}"
            lines.append(
                f"  - {{id: {goal}, kind: goal, title: Goal {g} of {o}, supports: [o{o}]}}"
            )
            for i in range(5):
                lines.append(
                    f"  - {{id: {goal}-i{i}, kind: initiative, title: Initiative {i} of goal "
                    f"{g}, supports: [{goal}]}}"
                )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_tall_drawing_suggests_pages_and_a_plain_one_does_not(tmp_path: Path) -> None:
    tall = run_cli("export", "--map", str(_tall_map(tmp_path / "tall.yaml")), "-o",
                   str(tmp_path / "tall.svg"))  # fmt: skip
    assert tall.code == 0, tall.err
    assert "too tall to read as one picture: --page a4" in tall.err
    plain = run_cli("export", "--map", str(MAPS / "ideal-group.yaml"), "-o",
                    str(tmp_path / "ideal.svg"))  # fmt: skip
    assert plain.code == 0 and "too tall" not in plain.err
