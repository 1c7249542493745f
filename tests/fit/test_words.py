"""The `words:` line of `backmap fit`: the words an idea shares with a place's own text."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

from backmap.text import content_words

BAKERY = """\
backmap: 1
title: Corner bakery
nodes:
  - id: profitable
    kind: outcome
    title: The bakery is profitable every month
  - id: weekday-revenue
    kind: goal
    title: Grow weekday revenue
    supports: [profitable]
  - id: morning-rush
    kind: goal
    title: Serve the morning rush
    description: Commuters between 7 and 9am want coffee and a pastry fast.
    supports: [weekday-revenue]
  - id: waste
    kind: goal
    title: Less bread thrown away
    supports: [profitable]
  - id: preorder
    kind: initiative
    title: Pre-order app for commuters
    supports: [morning-rush]
  - id: evening-sale
    kind: initiative
    title: Half-price bread after 5pm every day
    supports: [waste]
"""


def _fit(tmp_path: Path, *args: str) -> str:
    path = tmp_path / "bakery.yaml"
    path.write_text(BAKERY, encoding="utf-8")
    result = run_cli("fit", *args, "--map", str(path))
    assert result.code == 0, result.err
    return result.out


def test_quantifiers_and_determiners_are_no_reason() -> None:
    assert content_words("a newsletter for parents every Friday") == [
        "newsletter",
        "parents",
        "friday",
    ]
    assert content_words("one mentor per team, among others") == ["one", "mentor", "team", "others"]


def test_words_are_the_place_own_and_those_beneath_shown_apart(tmp_path: Path) -> None:
    idea = "hire a barista for the 9am coffee rush every weekday"
    data = json.loads(_fit(tmp_path, idea, "--json"))
    places = {p["id"]: p for p in data["places"]}
    # The goal's own description says "9am" and "coffee"; its title "rush".
    assert places["morning-rush"]["matched"] == ["9am", "coffee", "rush"]
    assert places["morning-rush"]["matched_beneath"] == []
    # "Grow weekday revenue" says "weekday"; the rest comes from the sub-goal beneath it.
    assert places["weekday-revenue"]["matched"] == ["weekday"]
    assert places["weekday-revenue"]["matched_beneath"] == ["9am", "coffee", "rush"]
    # What a place serves is no reason of its own, and "every" (in the outcome's title and
    # beneath "Less bread thrown away") is no reason at all.
    assert places["waste"]["matched"] == places["waste"]["matched_beneath"] == []
    assert places["profitable"]["matched"] == []
    text = _fit(tmp_path, idea)
    assert "      words: 9am, coffee, rush\n" in text
    assert "      words: weekday; beneath: 9am, coffee, rush\n" in text
    assert "every" not in "".join(line for line in text.splitlines() if "words:" in line)
