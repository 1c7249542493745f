"""A folder of maps where one holds the outcomes the others serve is titled after that map; a
workspace titled after its folder says, in check's notes, how to title it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

TOP = (
    "backmap: 1\ntitle: Ridgeway Airport Company\nnodes:\n"
    "  - {id: punctual, kind: outcome, title: The airport is punctual}\n"
)
GROUP = (
    "backmap: 1\ntitle: Ground operations group\nnodes:\n"
    "  - {id: otp90, kind: goal, title: On-time departures, supports: [punctual]}\n"
)
TEAM = (
    "backmap: 1\ntitle: Ramp team\nnodes:\n"
    "  - {id: tablets, kind: initiative, title: Ramp tablets, supports: [otp90]}\n"
)


def _workspace(root: Path) -> Path:
    maps = root / "ws" / "maps"
    maps.mkdir(parents=True)
    (maps / "company.yaml").write_text(TOP, encoding="utf-8")
    (maps / "groundops.yaml").write_text(GROUP, encoding="utf-8")
    (maps / "ramp-team.yaml").write_text(TEAM, encoding="utf-8")
    return maps


def test_the_one_map_holding_the_outcomes_titles_the_workspace(tmp_path: Path) -> None:
    maps = _workspace(tmp_path)
    tree = run_cli("tree", "--map", str(maps))
    assert tree.out.startswith("Ridgeway Airport Company\n"), tree.out
    md = run_cli("export", "--map", str(maps), "-f", "md")
    assert md.out.startswith("# Ridgeway Airport Company\n")
    check = run_cli("check", "--map", str(maps))
    assert "backmap.toml" not in check.err


def test_a_workspace_titled_after_its_folder_says_how_to_title_it(tmp_path: Path) -> None:
    maps = _workspace(tmp_path)
    (maps / "groundops.yaml").write_text(
        GROUP.replace("kind: goal", "kind: outcome").replace(", supports: [punctual]", ""),
        encoding="utf-8",
    )
    tree = run_cli("tree", "--map", str(maps))
    assert tree.out.startswith("Ws\n"), tree.out
    check = run_cli("check", "--map", str(maps))
    toml = maps / "backmap.toml"
    assert (
        f"note: this workspace is titled 'Ws' after its folder: give it a title with "
        f'title = "..." in {toml}'
    ) in check.err
    toml.write_text('title = "Ridgeway plan"\n')
    again = run_cli("check", "--map", str(maps))
    assert "titled" not in again.err
    assert run_cli("tree", "--map", str(maps)).out.startswith("Ridgeway plan\n")
