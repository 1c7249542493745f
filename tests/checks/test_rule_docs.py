"""docs/checks.md and the rule registry cannot drift: every rule's code, name, severity and
one-line summary in the docs' table is the registry's, and every rule has its own section."""

from __future__ import annotations

import re
from pathlib import Path

from backmap.checks import registry

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"
ROW = re.compile(r"^\| \[(BM\d{3})\]\(#[^)]*\) \| ([\w-]+) \| (\w+) \| (.+?) \|$", re.M)


def documented() -> dict[str, tuple[str, str, str]]:
    return {code: (name, sev, summary) for code, name, sev, summary in ROW.findall(_page())}


def _page() -> str:
    return DOCS.read_text(encoding="utf-8")


def registered() -> dict[str, tuple[str, str, str]]:
    import backmap.checks  # noqa: F401  (registers every rule)

    return {
        code: (rule.name, rule.severity.label, rule.summary)
        for code, (rule, _) in registry.RULES.items()
    }


def test_the_rules_table_is_the_registry() -> None:
    assert documented() == registered()


def test_every_rule_has_a_section_with_its_name() -> None:
    page = _page()
    missing = [
        code for code, (name, *_) in registered().items() if f"### {code} {name}\n" not in page
    ]
    assert missing == []
