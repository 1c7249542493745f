"""A node with a sub-owner and no owner: every export says it as `tree` does, so the backup is
never read as the owner."""

from __future__ import annotations

import pytest

from backmap.render.export import ExportOptions, export

from .conftest import TODAY, workspace

NODES = [
    {"id": "guides", "kind": "outcome", "title": "Answers in the guides", "owner": "amir"},
    {
        "id": "api-examples",
        "kind": "goal",
        "title": "Examples for every call",
        "supports": ["guides"],
        "sub_owner": "mia",
    },
]


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "md"])
def test_a_sub_owner_alone_is_not_shown_as_the_owner(fmt: str) -> None:
    text = export(workspace(NODES), fmt, ExportOptions(today=TODAY, no_findings=True)).decode()
    assert "@(no owner)/mia" in text
    assert "@mia" not in text
