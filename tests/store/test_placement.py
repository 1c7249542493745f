"""Where `add` puts a new node in its file: beside its siblings of the same kind, else at the
end of its kind's section, so the file keeps reading outcomes, goals, initiatives."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import MAPS, run_cli


def order_of(path: Path) -> list[str]:
    return [
        line.split("id:", 1)[1].strip() for line in path.read_text().splitlines() if "- id:" in line
    ]


def test_an_initiative_under_a_new_goal_lands_among_the_initiatives(tmp_path: Path) -> None:
    path = tmp_path / "ideal.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    assert run_cli("add", "--map", str(path), "goal", "Calm mornings", "-s", "happy").code == 0
    made = run_cli(
        "add", "--map", str(path), "initiative", "No meetings before ten", "-s", "calm-mornings"
    )
    assert made.code == 0, made.err
    # Under `less-stress`, whose other children are goals, an initiative joins the initiatives.
    assert (
        run_cli(
            "add", "--map", str(path), "initiative", "Stress check-ins", "-s", "less-stress"
        ).code
        == 0
    )
    order = order_of(path)
    first_initiative = order.index("off-hours")  # the "# Initiatives" section starts here
    assert order.index("calm-mornings") < first_initiative  # the goal stays among the goals
    assert order.index("no-meetings-before-ten") > first_initiative
    assert order.index("stress-check-ins") > first_initiative
    text = path.read_text()
    assert text.index("# Initiatives") < text.index("id: no-meetings-before-ten")
