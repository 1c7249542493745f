"""Fixtures of the check tests."""

from __future__ import annotations

import pytest

from backmap import checks
from backmap.checks import aside


@pytest.fixture
def helpers_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Helpers forked for a five-node map, from a test process however big: the tests of the
    helpers themselves (a command forks them only where they pay, see ASIDE_NODES)."""
    monkeypatch.setattr(aside, "SMALL_PROCESS", 2**62)
    monkeypatch.setattr(checks, "ASIDE_NODES", 0)
