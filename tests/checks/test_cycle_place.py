"""A cycle is reported in the file, and on the node, whose link closed it."""

from __future__ import annotations

from pathlib import Path

from backmap import store
from backmap.checks import CheckConfig, check


def cycles(root: Path) -> list[tuple[str, int, str, str]]:
    result = check(store.load(root), CheckConfig())
    return [
        (Path(f.path).name, f.line, f.node_id, f.message)
        for f in result.findings
        if f.code == "BM102"
    ]


def test_a_link_pointing_down_from_the_group_file_is_reported_there(tmp_path: Path) -> None:
    # `a-team.yaml` comes first in file order; the loop is closed by `grow` in group.yaml,
    # whose second link points down to a team goal beneath it.
    (tmp_path / "a-team.yaml").write_text(
        "backmap: 1\ntitle: Team\nnodes:\n"
        "  - id: team-goal\n    kind: goal\n    title: Team goal\n    supports: [grow]\n"
    )
    (tmp_path / "group.yaml").write_text(
        "backmap: 1\ntitle: Group\nnodes:\n"
        "  - id: happy\n    kind: outcome\n    title: Happy\n"
        "  - id: grow\n    kind: goal\n    title: Grow\n    supports: [happy, team-goal]\n"
    )
    assert cycles(tmp_path) == [("group.yaml", 7, "grow", "cycle: grow -> team-goal -> grow")]


def test_a_loop_nothing_leads_to_keeps_its_first_node(tmp_path: Path) -> None:
    (tmp_path / "map.yaml").write_text(
        "backmap: 1\ntitle: Loop\nnodes:\n"
        "  - id: loop-a\n    kind: goal\n    title: A\n    supports: [loop-b]\n"
        "  - id: loop-b\n    kind: goal\n    title: B\n    supports: [loop-a]\n"
    )
    assert cycles(tmp_path) == [("map.yaml", 4, "loop-a", "cycle: loop-a -> loop-b -> loop-a")]
