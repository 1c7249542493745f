"""The fit evaluation sets are sound: maps load, labels name goals, hierarchies are well-formed."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from backmap.model import Kind
from backmap.store import load

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("evalsets", ROOT / "benchmarks" / "evalsets.py")
assert _spec is not None and _spec.loader is not None
evalsets = importlib.util.module_from_spec(_spec)
# Registered before running it: dataclasses look their module up by name.
sys.modules.setdefault("evalsets", evalsets)
_spec.loader.exec_module(evalsets)


def label_problems(map_path: Path, ideas: list[Any]) -> list[str]:
    """Labels that do not name an outcome or goal of the map (the map loads through backmap)."""
    workspace = load(map_path)
    places = {n.id for n in workspace.nodes() if n.kind is not Kind.INITIATIVE}
    return [
        f"{map_path.stem}: {idea.text!r} -> {goal}"
        for idea in ideas
        for goal in idea.goals
        if goal not in places
    ]


def hierarchy_problems(data: dict[str, Any]) -> list[str]:
    """What is wrong with one hierarchy in the shared shape: ids, parents and levels."""
    problems = [
        f"missing key {key}" for key in ("source", "licence", "levels", "nodes") if key not in data
    ]
    nodes = data.get("nodes", [])
    counts = Counter(n["id"] for n in nodes)
    problems += [f"duplicate id {nid}" for nid, c in counts.items() if c > 1]
    level = {n["id"]: n["level"] for n in nodes}
    for n in nodes:
        if not str(n.get("title", "")).strip():
            problems.append(f"{n['id']}: empty title")
        if not 0 <= n["level"] < len(data.get("levels", [])):
            problems.append(f"{n['id']}: level {n['level']} is not one of the named levels")
        if (n["level"] == 0) != (not n["parents"]):
            problems.append(f"{n['id']}: level {n['level']} with parents {n['parents']}")
        for parent in n["parents"]:
            if parent not in level:
                problems.append(f"{n['id']}: parent {parent} does not exist")
            elif level[parent] != n["level"] - 1:
                problems.append(f"{n['id']}: parent {parent} is not one level up")
    return problems


def test_small_maps_load_and_every_label_names_a_goal_or_outcome() -> None:
    maps = evalsets.small_maps()
    assert len(maps) >= 7
    problems = [p for path, ideas in maps for p in label_problems(path, ideas)]
    assert problems == []
    sizes = {path.stem: len(load(path)) for path, _ in maps}
    assert sum(15 <= size <= 40 for size in sizes.values()) >= 6, sizes
    assert min(sizes.values()) <= 8, sizes
    without_initiatives = [
        path.stem
        for path, _ in maps
        if all(n.kind is not Kind.INITIATIVE for n in load(path).nodes())
    ]
    assert without_initiatives, "at least one map must have goals and no initiatives"


def test_a_label_naming_an_initiative_or_nothing_is_reported() -> None:
    path = evalsets.SMALLMAPS / "library.yaml"
    bad = [
        evalsets.Idea("library", "gaming nights", ("gaming-club",), "train"),
        evalsets.Idea("library", "a typo", ("evnets",), "test"),
    ]
    assert label_problems(path, bad) == [
        "library: 'gaming nights' -> gaming-club",
        "library: 'a typo' -> evnets",
    ]


# The rows written when the split was frozen; rows added later go at the end of the file.
FROZEN_ROWS = 252


def test_the_ideas_are_many_distinct_and_split_half_and_half_per_map() -> None:
    _, ideas = evalsets.read_ideas()
    assert sum(i.in_domain for i in ideas) >= 100
    assert sum(not i.in_domain for i in ideas) >= 30
    assert len({(i.map, i.text.lower()) for i in ideas}) == len(ideas)
    assert {i.split for i in ideas} == set(evalsets.SPLITS)
    frozen = ideas[:FROZEN_ROWS]
    strata = Counter((i.map, i.in_domain, i.split) for i in frozen)
    for name, in_domain in {(i.map, i.in_domain) for i in frozen}:
        train, test = strata[(name, in_domain, "train")], strata[(name, in_domain, "test")]
        assert train <= test <= train + 1, (name, in_domain, train, test)


def test_ideas_added_after_the_freeze_go_to_train_only() -> None:
    """The test split never grows: later rows (more off-domain ideas) are for tuning only."""
    _, ideas = evalsets.read_ideas()
    assert {i.split for i in ideas[FROZEN_ROWS:]} <= {"train"}


def test_the_frozen_split_is_the_one_its_seed_gives() -> None:
    seed, ideas = evalsets.read_ideas()
    frozen = ideas[:FROZEN_ROWS]
    assert [i.split for i in frozen] == evalsets.assign_splits(frozen, seed)


def test_freeze_fills_missing_splits_and_keeps_written_ones(tmp_path: Path) -> None:
    path = tmp_path / "ideas.yaml"
    path.write_text(
        "seed: 7\nideas:\n"
        "  - {map: m, idea: a, goals: [g], split: test}\n"
        "  - {map: m, idea: b, goals: [g]}\n",
        encoding="utf-8",
    )
    assert evalsets.freeze(path) == 1
    _, ideas = evalsets.read_ideas(path)
    assert ideas[0].split == "test"
    assert ideas[1].split in evalsets.SPLITS


def test_hierarchies_include_the_vendored_sets() -> None:
    names = {name for name, _ in evalsets.hierarchies()}
    assert {"owasp_samm", "owasp_asvs", "awesome_python", "awesome", "wcag22"} <= names


@pytest.mark.parametrize(
    "name, path", evalsets.hierarchies(), ids=lambda v: str(getattr(v, "name", v))
)
def test_every_hierarchy_is_well_formed(name: str, path: Path) -> None:
    assert hierarchy_problems(json.loads(path.read_text(encoding="utf-8"))) == []


def test_a_malformed_hierarchy_is_reported() -> None:
    data = {
        "source": "s",
        "licence": "l",
        "levels": ["top", "leaf"],
        "nodes": [
            {"id": "a", "level": 0, "title": "A", "parents": []},
            {"id": "b", "level": 1, "title": "B", "parents": ["a"]},
            {"id": "b", "level": 1, "title": "B again", "parents": ["a"]},
            {"id": "c", "level": 1, "title": " ", "parents": ["nowhere"]},
            {"id": "d", "level": 1, "title": "D", "parents": ["b"]},
            {"id": "e", "level": 2, "title": "E", "parents": ["d"]},
            {"id": "f", "level": 0, "title": "F", "parents": ["a"]},
        ],
    }
    assert hierarchy_problems(data) == [
        "duplicate id b",
        "c: empty title",
        "c: parent nowhere does not exist",
        "d: parent b is not one level up",
        "e: level 2 is not one of the named levels",
        "f: level 0 with parents ['a']",
        "f: parent a is not one level up",
    ]


def test_small_map_metrics_count_ties_against_the_ranker() -> None:
    idea = evalsets.Idea
    answers = [
        # The label is first: a top-1 hit.
        (idea("m", "a", ("g1",), "test"), {"g1": 0.9, "g2": 0.5, "o": 0.1}, False),
        # The label ties with another node for first: rank 2, a top-3 hit only.
        (idea("m", "b", ("g2",), "test"), {"g1": 0.7, "g2": 0.7, "o": 0.1}, False),
        # The better of two labels is second: a top-3 hit; answered "nothing fits".
        (idea("m", "c", ("o", "g1"), "test"), {"g2": 0.8, "o": 0.6, "g1": 0.2}, True),
        # Two labels tie for first: a top-1 hit.
        (idea("m", "e", ("g1", "g2"), "test"), {"g1": 0.5, "g2": 0.5, "o": 0.1}, False),
        # The label is fourth.
        (idea("m", "d", ("g3",), "test"), {"g1": 0.8, "g2": 0.7, "o": 0.6, "g3": 0.1}, False),
        (idea("m", "x", (), "test"), {"g1": 0.9}, True),
        (idea("m", "y", (), "test"), {"g1": 0.9}, False),
    ]
    assert evalsets.small_map_metrics(answers) == {
        "top1": 0.4,
        "top3": 0.8,
        "nothing_fits": 0.2,
        "off_domain_rejected": 0.5,
        "in_domain": 5,
        "off_domain": 2,
    }
