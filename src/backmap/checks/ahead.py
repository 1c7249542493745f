"""The first helper of a one-shot check: it reads the map files while the command loads them,
compares their titles for near-duplicates and finds the line of every node, and is then
handed only a digest of the loaded titles, which says whether it read what was loaded."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from backmap.checks.aside import Ahead, Helper
from backmap.checks.similar import Pair, _joined, _kept_or_computed, near_duplicates_cached

Placed = dict[Path, tuple[str, bool, dict[str, int]]]
"""Node lines by file, with what they were found from: the digest of the file's bytes and
whether its text has comments or blank lines (see `store.stored.Origin.offer_lines`)."""
Compared = tuple[list[Pair], Placed]


def helper(root: Callable[[], Path] | None = None) -> Helper[Compared]:
    """The helper process, forked now: a one-shot check makes it before it loads the map and
    hands it the titles once loaded. Given `root` (what finds the workspace, as the command
    will), it works ahead (see the module); handed other titles than it read, it leaves the
    work to this process. Without `root`, it compares the titles it is handed."""
    if root is None:
        return Helper(_compared)
    return Helper(_compared, Ahead(functools.partial(_ahead, root), _brief))


def _compared(titles: Sequence[tuple[str, str]], threshold: float, cache: Path | None) -> Compared:
    return near_duplicates_cached(titles, threshold, cache), {}


def _brief(
    titles: Sequence[tuple[str, str]], threshold: float, cache: Path | None
) -> tuple[str, float, Path | None]:
    return _digest(titles), threshold, cache


def _digest(titles: Sequence[tuple[str, str]]) -> str:
    return hashlib.sha256(_joined(titles)).hexdigest()


def _ahead(root: Callable[[], Path]) -> Callable[..., Compared | None]:
    """In the helper, before the titles come: the pairs of the titles the map files hold, with
    the threshold and cache folder the check will most likely use, and each file's lines."""
    from backmap.cachedir import cache_dir
    from backmap.checks.config import load_config
    from backmap.store.stored import scan_lines
    from backmap.store.titles import read_ahead
    from backmap.store.trivia import has_trivia

    where = root()
    files = read_ahead(where)
    expected = [pair for read in files for pair in read.titles]
    threshold, cache = load_config(where).near_duplicate, cache_dir()
    pairs, keep = _kept_or_computed(expected, threshold, cache)
    digest = _digest(expected)
    placed: Placed = {}
    for read in files:
        trivia = has_trivia(read.text)
        ids = [node_id for node_id, _ in read.titles]
        placed[read.path] = (read.digest, trivia, scan_lines(ids, read.text, strict=trivia))

    def ready(given: str, at: float, folder: Path | None) -> Compared | None:
        if given != digest or at != threshold or folder != cache:
            return None
        keep()  # only now: these very pairs are wanted
        return pairs, placed

    return ready
