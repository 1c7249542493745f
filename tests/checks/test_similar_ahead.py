"""The near-duplicate helper reads the titles from the map files while the command loads the
map: the same pairs as compared in place, whatever the files hold, and nothing kept in the
cache that the check did not ask for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.checks.test_aside import MAP

from backmap import store
from backmap.checks import CheckConfig, ahead, check, similar
from backmap.store.stored import Origin

pytestmark = pytest.mark.usefixtures("helpers_always")

REPO = Path(__file__).resolve().parents[2]


def _check(ws: store.Workspace, root: Path, config: CheckConfig) -> list[tuple[str, str]]:
    helper = ahead.helper(lambda: root)
    try:
        found = check(ws, config, aside=helper).findings
    finally:
        helper.close()
    return [(f.node_id, f.message) for f in found if f.code == "BM601"]


def test_the_check_finds_the_pairs_of_the_map_it_loaded(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    other = tmp_path / "other" / "map.yaml"
    other.parent.mkdir()
    other.write_text(MAP.replace("Reduce the cloud costs", "Hire more people"), encoding="utf-8")
    ws = store.load(path)
    config = CheckConfig(select=("BM601",))
    expected = [(f.node_id, f.message) for f in check(ws, config).findings]
    assert len(expected) == 2
    assert _check(ws, path, config) == expected
    # The helper guessed another map (or another threshold): the pairs are this map's.
    assert _check(ws, other, config) == expected
    assert _check(ws, tmp_path / "missing", config) == expected
    stricter = CheckConfig(select=("BM601",), near_duplicate=0.9)
    assert _check(ws, path, stricter) == expected[:1]


def test_only_the_pairs_asked_for_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(MAP.replace("Reduce the cloud costs", "Hire more people"), encoding="utf-8")
    cache = tmp_path / "cache"
    ws = store.load(path)
    config = CheckConfig(select=("BM601",), cache=cache)
    _check(ws, other, config)  # guessed wrong: what it compared ahead is not kept
    kept = list((cache / similar.CACHE_FOLDER).glob("*.json"))
    assert len(kept) == 1
    assert _check(ws, path, config)  # guessed right: kept as computed here would be
    assert list((cache / similar.CACHE_FOLDER).glob("*.json")) == kept


def test_findings_are_placed_as_in_place_with_the_lines_read_ahead(tmp_path: Path) -> None:
    root = tmp_path / "org"
    shutil.copytree(REPO / "maps" / "org", root)
    ws = store.load(root)
    here = check(ws).findings
    ws = store.load(root)  # afresh: no lines found yet
    helper = ahead.helper(lambda: root)
    try:
        there = check(ws, aside=helper).findings
    finally:
        helper.close()
    assert here and there == here


def test_lines_found_apart_are_kept_only_for_the_text_loaded(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")

    def origin() -> Origin:
        return store.load(path).stored.origins[path]  # type: ignore[union-attr]

    right = origin().lines
    assert list(right.items())[:2] == [("costs", 4), ("cloud", 7)]
    wrong = {node_id: line + 1 for node_id, line in right.items()}
    digest = origin().digest
    for offered in [
        ("another text", False, wrong),
        (digest, True, wrong),  # read otherwise (comments found)
        (digest, False, dict(reversed(wrong.items()))),  # other ids, or in another order
    ]:
        refused = origin()
        refused.offer_lines(*offered)
        assert refused.lines == right
    kept = origin()
    kept.offer_lines(digest, False, wrong)
    assert kept.lines is not right and kept.lines == wrong  # trusted as they are
