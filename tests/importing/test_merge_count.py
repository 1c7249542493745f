"""The import's summary and its undo count every node the merge listing names."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import bm

from backmap import store

PLAN = """\
# Support
- Customers get answers fast
  - Reply within an hour
    - Hire two agents @ana
    - Weekend rota
  - Self service (goal)
"""


def _map(tmp_path: Path) -> Path:
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    assert bm(tmp_path / "plan.yaml", "import", str(tmp_path / "plan.md")).code == 0
    return tmp_path / "plan.yaml"


def test_the_count_of_merged_nodes_is_the_number_listed(tmp_path: Path) -> None:
    target = _map(tmp_path)
    more = tmp_path / "more.md"
    more.write_text(
        "- Customers get answers fast\n  - Reply within an hour\n"
        "    - Hire two agents @ana 40%\n    - Weekend rota\n    - Chatbot\n",
        encoding="utf-8",
    )
    run = bm(target, "import", str(more), "--into", str(target))
    assert run.code == 0, run.err
    listed = [line for line in run.err.splitlines() if ": merged into `" in line]
    assert len(listed) == 4
    summary = "import 1 node from more.md (0 outcomes, 0 goals, 1 initiative), 4 nodes merged"
    assert f"{summary} ({target})" in run.err
    undo = bm(target, "undo")
    assert undo.code == 0, undo.err
    assert re.search(r"\b4 nodes merged\b", undo.out + undo.err), undo.out + undo.err


def test_two_entries_merging_into_one_node_keep_both_additions(tmp_path: Path) -> None:
    target = _map(tmp_path)
    more = tmp_path / "more.md"
    more.write_text(
        "- Customers get answers fast\n  - Self service\n    - Weekend rota @dora\n"
        "  - Reply within an hour\n    - Weekend rota due 2027-01-01\n",
        encoding="utf-8",
    )
    run = bm(target, "import", str(more), "--into", str(target))
    assert run.code == 0, run.err
    assert f"{more}:3: merged into `weekend-rota`: added owner dora, supports self-service" in (
        run.err
    )
    assert f"{more}:5: merged into `weekend-rota`: added due 2027-01-01" in run.err
    assert "(0 outcomes, 0 goals, 0 initiatives), 4 nodes merged" in run.err
    rota = store.load(target).node("weekend-rota")
    assert (rota.owner, str(rota.due)) == ("dora", "2027-01-01")
    assert rota.supports == ["reply-within-an-hour", "self-service"]
