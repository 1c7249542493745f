"""The near-duplicate rule's results kept on disk: a re-check of unchanged titles reads them back,
any change recomputes, and a broken cache only costs the time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap.checks import similar
from backmap.checks.similar import near_duplicates, near_duplicates_cached

TITLES = [
    ("cut-costs", "Reduce cloud costs"),
    ("hire", "Hire data engineers"),
    ("cut-costs-again", "Reduce our cloud costs for storage"),
    ("same", "reduce the CLOUD costs"),
    ("other", "Respect off-hours"),
]


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the pairs were really computed (not read back)."""
    calls = [0]
    real = similar.near_duplicates

    def counting(titles: object, threshold: float) -> list[tuple[str, str, float]]:
        calls[0] += 1
        return real(titles, threshold)  # type: ignore[arg-type]

    monkeypatch.setattr(similar, "near_duplicates", counting)
    return calls


def test_unchanged_titles_are_read_back(tmp_path: Path, computed: list[int]) -> None:
    expected = near_duplicates(TITLES, 0.8)
    assert expected  # the fixture has pairs to keep
    assert near_duplicates_cached(TITLES, 0.8, tmp_path) == expected
    assert near_duplicates_cached(TITLES, 0.8, tmp_path) == expected
    assert computed[0] == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda t: [*t[:-1], ("other", "Reduce cloud costs now")],  # a title
        lambda t: [*t[:-1], ("renamed", t[-1][1])],  # an id
        lambda t: list(reversed(t)),  # the order: which one is "earlier"
    ],
)
def test_any_change_is_computed_again(tmp_path: Path, computed: list[int], change: object) -> None:
    near_duplicates_cached(TITLES, 0.8, tmp_path)
    changed = change(TITLES)  # type: ignore[operator]
    assert near_duplicates_cached(changed, 0.8, tmp_path) == near_duplicates(changed, 0.8)
    assert computed[0] == 2  # (the expected value calls the real function directly)


def test_another_threshold_is_computed_again(tmp_path: Path, computed: list[int]) -> None:
    near_duplicates_cached(TITLES, 0.8, tmp_path)
    assert near_duplicates_cached(TITLES, 0.5, tmp_path) == near_duplicates(TITLES, 0.5)
    assert computed[0] == 2


def test_no_cache_folder_keeps_nothing(tmp_path: Path, computed: list[int]) -> None:
    near_duplicates_cached(TITLES, 0.8, None)
    near_duplicates_cached(TITLES, 0.8, None)
    assert computed[0] == 2


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"key": "x", "pairs": []}',  # another input's result
        b"[1, 2, 3]",
        b"\xff\xfe garbage",
    ],
)
def test_a_damaged_result_is_computed_again(
    tmp_path: Path, computed: list[int], damage: bytes
) -> None:
    expected = near_duplicates_cached(TITLES, 0.8, tmp_path)
    (kept,) = (tmp_path / similar.CACHE_FOLDER).iterdir()
    kept.write_bytes(damage)
    assert near_duplicates_cached(TITLES, 0.8, tmp_path) == expected
    assert computed[0] == 2


def test_a_result_naming_unknown_ids_is_not_trusted(tmp_path: Path, computed: list[int]) -> None:
    expected = near_duplicates_cached(TITLES, 0.8, tmp_path)
    (kept,) = (tmp_path / similar.CACHE_FOLDER).iterdir()
    kept.write_text(kept.read_text().replace('"cut-costs-again"', '"gone"'))
    assert near_duplicates_cached(TITLES, 0.8, tmp_path) == expected
    assert computed[0] == 2


def test_a_result_with_an_impossible_score_is_not_trusted(
    tmp_path: Path, computed: list[int]
) -> None:
    expected = near_duplicates_cached(TITLES, 0.8, tmp_path)
    (kept,) = (tmp_path / similar.CACHE_FOLDER).iterdir()
    data = json.loads(kept.read_text())
    data["pairs"][0][2] = 5
    kept.write_text(json.dumps(data))
    assert near_duplicates_cached(TITLES, 0.8, tmp_path) == expected
    assert computed[0] == 2


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    expected = near_duplicates(TITLES, 0.8)
    assert near_duplicates_cached(TITLES, 0.8, blocked) == expected
    assert near_duplicates_cached(TITLES, 0.8, blocked / "deeper") == expected


def test_old_results_are_pruned(tmp_path: Path) -> None:
    for i in range(similar.KEEP + 5):
        near_duplicates_cached([*TITLES, (f"n{i}", f"Title {i}")], 0.8, tmp_path)
    assert len(list((tmp_path / similar.CACHE_FOLDER).iterdir())) <= similar.KEEP


def test_check_reads_its_near_duplicates_back(tmp_path: Path) -> None:
    """`backmap check` keeps BM601's pairs under BACKMAP_CACHE_DIR; a second run, which reads
    them back, and a run with a damaged cache say exactly what a run without one says."""
    data = Path(__file__).resolve().parent / "data" / "bm601.yaml"
    cache = tmp_path / "cache"
    off = run_cli("check", "--map", str(data), env={"BACKMAP_CACHE_DIR": "off"})
    assert "BM601" in off.out
    first = run_cli("check", "--map", str(data), env={"BACKMAP_CACHE_DIR": str(cache)})
    (kept,) = (cache / similar.CACHE_FOLDER).iterdir()
    second = run_cli("check", "--map", str(data), env={"BACKMAP_CACHE_DIR": str(cache)})
    kept.write_text("{broken")
    damaged = run_cli("check", "--map", str(data), env={"BACKMAP_CACHE_DIR": str(cache)})
    assert off == first == second == damaged
