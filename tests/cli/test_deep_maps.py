"""Every command on maps thousands of levels deep and on long loops: no recursion, no blow-up.

Commands run in-process through `backmap.cli.main`, the entry point itself, so a map of 50,000
levels is read once per command without a fresh interpreter each time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backmap.cli import main

COMMANDS = {
    "check": ["check"],
    "tree": ["tree"],
    "status": ["status"],
    "md": ["export", "-f", "md", "-o", "-"],
    "json": ["export", "-f", "json", "-o", "-"],
    "mermaid": ["export", "-f", "mermaid", "-o", "-"],
    "dot": ["export", "-f", "dot", "-o", "-"],
    "fit": ["fit", "goal"],
}


def write_map(path: Path, depth: int, loop: bool) -> None:
    """An outcome, `depth` goals each beneath the previous, an initiative at the bottom; with
    `loop`, the first goal also supports the last, closing a cycle of `depth` goals."""
    lines = ["backmap: 1\ntitle: Deep\nnodes:\n  - {id: top, kind: outcome, title: Top}\n"]
    for i in range(depth):
        ups = ["top"] if i == 0 else [f"g{i - 1}"]
        if loop and i == 0:
            ups.append(f"g{depth - 1}")
        lines.append(
            f"  - {{id: g{i}, kind: goal, title: Goal {i}, supports: [{', '.join(ups)}]}}\n"
        )
    lines.append(f"  - {{id: work, kind: initiative, title: Work, supports: [g{depth - 1}]}}\n")
    path.write_text("".join(lines))


def run_all(path: Path, capsys, monkeypatch) -> dict[str, str]:
    monkeypatch.setenv("BACKMAP_FIT_ENCODER", "lexical")
    monkeypatch.setenv("NO_COLOR", "1")
    outs = {}
    for name, args in COMMANDS.items():
        code = main([*args, "--map", str(path)])
        captured = capsys.readouterr()
        assert code in (0, 1), (name, captured.err)
        outs[name] = captured.out
    return outs


@pytest.mark.parametrize(
    ("depth", "loop"),
    [
        (2_000, False),
        (2_000, True),
        pytest.param(50_000, False, marks=pytest.mark.slow),
        # A loop's check walks it with networkx's cycle finder: linear but heavy, so 10k.
        pytest.param(10_000, True, marks=pytest.mark.slow),
    ],
    ids=["chain-2k", "loop-2k", "chain-50k", "loop-10k"],
)
def test_every_command_on_a_deep_map(
    depth: int, loop: bool, tmp_path: Path, capsys, monkeypatch
) -> None:
    path = tmp_path / "deep.yaml"
    write_map(path, depth, loop)
    outs = run_all(path, capsys, monkeypatch)
    # The initiative sits at the bottom, one level under the deepest goal.
    assert f"Work [work] level {depth + 1}" in outs["tree"]
    assert f"level {depth + 1}" in outs["status"].splitlines()[-3]
    assert f"`work` · level {depth + 1}" in outs["md"]
    # Indentation stops growing: output stays linear in the size of the map.
    for name in ("tree", "status", "md"):
        assert max(map(len, outs[name].splitlines())) < 200, name
    assert len(json.loads(outs["json"])["nodes"]) == depth + 2
    # The link that closes a loop goes to a second parent far up the tree: the node names it.
    assert outs["dot"].count("bm:edge:") == depth + 1
    assert ("also serves → Goal " in outs["dot"]) == loop
    assert "Goal" in outs["fit"]
    if loop:
        assert "BM102" in outs["check"]
