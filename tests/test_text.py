"""One owner for text: the same title, a title's gist, the words fit ranks by, ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap import store, text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Respect off-hours", "respect the OFF hours!"),
        ("Hire a manager", "Hire managers"),
        ("Café policies", "cafe policy"),
    ],
)
def test_the_same_title_aside_case_punctuation_little_words_and_plurals(a: str, b: str) -> None:
    assert text.title_key(a) == text.title_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Meetings after six", "Meetings before six"),
        ("No single point of failure", "Single point of failure"),
        ("Reduce stress", "Reduce stress at night"),
    ],
)
def test_words_that_change_what_a_title_says_count(a: str, b: str) -> None:
    assert text.title_key(a) != text.title_key(b)


def test_one_stop_word_list_in_two_tiers() -> None:
    assert text.FILLER < text.STOPWORDS
    assert text.content_words("Not after the meetings") == ["meetings"]
    assert text.statement("Not after the meetings") == ("not", "after", "meeting")
    assert text.search_terms("Scheduling meetings") == ["schedul", "meet"]
    assert text.slugify("Respect off-hours!") == "respect-off-hours"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Straße räumen — Überblick", "strasse-raumen-uberblick"),
        ("Cæsar's Œuvre", "caesar-s-oeuvre"),
        ("Łódź office", "lodz-office"),
        ("Øresund bridge", "oresund-bridge"),
    ],
)
def test_ids_spell_letters_that_do_not_decompose(title: str, slug: str) -> None:
    assert text.slugify(title) == slug


MAP = (
    "backmap: 1\ntitle: M\nnodes:\n  - {id: calm, kind: outcome, title: Calm}\n"
    "  - {id: focus, kind: outcome, title: Focus}\n"
    "  - {id: quiet, kind: goal, title: Quiet evenings, supports: [calm]}\n"
)


def test_add_refuses_the_same_title_as_fit_attach_does(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP)
    same = run_cli("add", "goal", "quiet evening", "-s", "calm", "--map", str(path))
    assert same.code == 2
    assert same.err == (
        f"backmap: error: {path}:6: `quiet` is already this goal under calm; nothing added"
        ". To add a second goal with this title anyway: --twin\n"
    )
    elsewhere = run_cli("add", "goal", "Quiet evenings", "-s", "focus", "--map", str(path))
    assert "To make it serve focus too: backmap link quiet focus" in elsewhere.err
    attach = run_cli(
        "fit", "Quiet evenings", "--attach", "focus", "--kind", "goal", "--yes", "--map", str(path)
    )
    assert attach.code == 2 and "backmap link quiet focus" in attach.err
    assert path.read_text() == MAP
    twin = run_cli("add", "goal", "Quiet evenings", "-s", "focus", "--twin", "--map", str(path))
    assert twin.code == 0 and twin.out == "quiet-evenings\n"
    assert store.load(path).node("quiet-evenings").supports == ["focus"]
    # Of two nodes with the title, the one named is the one already serving there.
    again = run_cli("add", "goal", "Quiet evenings", "-s", "focus", "--map", str(path))
    assert "`quiet-evenings` is already this goal under focus; nothing added" in again.err
