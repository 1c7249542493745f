"""Near-duplicate rule (info): two nodes whose titles say nearly the same thing."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from difflib import SequenceMatcher
from itertools import chain, repeat
from operator import attrgetter
from pathlib import Path

from backmap import text as _text  # its source is part of what a kept result depends on
from backmap.checks.config import CheckConfig
from backmap.checks.findings import Severity
from backmap.checks.registry import Context, rule
from backmap.model import Workspace
from backmap.text import statement

_TITLE_MAX = 60
CACHE_FOLDER = "near-duplicates"
"""Where, in the cache folder, results are kept: one JSON file per set of titles."""
KEEP = 16
"""Results kept at most (the least recently used go): one per map or branch checked lately."""

Pair = tuple[str, str, float]
_ID_TITLE = attrgetter("id", "title")


def dice(a: Iterable[str], b: Iterable[str]) -> float:
    """Word overlap of two normalised titles: 2 |A & B| / (|A| + |B|) on their word sets."""
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def near(a: tuple[str, ...], b: tuple[str, ...], threshold: float) -> float | None:
    """The similarity of two normalised titles, or None when it falls below `threshold`.

    Similarity is the lower of the word overlap (`dice`) and difflib's ratio on the two word
    sequences: the titles must share their words and say them in much the same order, so
    'Managers coach engineers' is not taken for 'Engineers coach managers'. Words, not
    characters, so that a long word counts no more than a short one. That the overlap must
    reach the threshold is also what lets `near_duplicates` find candidates by their words.
    """
    if not a or not b:
        return None
    if a == b:
        return 1.0
    overlap = dice(a, b)
    if overlap < threshold:
        return None
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    return min(overlap, ratio) if ratio >= threshold else None


def _reachable(threshold: float) -> Callable[[int], tuple[bool, bool, bool]]:
    """For a word-set size: can one word fewer, one more, or one swapped reach the overlap?

    Computed as `dice` computes, so that the filter and the final test never disagree.
    """

    def reach(shared: int, size_a: int, size_b: int) -> bool:
        return size_a + size_b > 0 and 2 * shared / (size_a + size_b) >= threshold

    @functools.cache
    def at(size: int) -> tuple[bool, bool, bool]:
        return (
            reach(size - 1, size, size - 1),
            reach(size, size, size + 1),
            reach(size - 1, size, size),
        )

    return at


def _shared(more: dict[int, list[int]], key: int, holder: int, index: int) -> list[int]:
    """The titles filed under `key` before `index`, which joins them there."""
    earlier = more.get(key)
    if earlier is None:
        more[key] = [index]
        return [holder]
    found = [holder, *earlier]
    earlier.append(index)
    return found


def near_duplicates(
    titles: Iterable[tuple[str, str]], threshold: float
) -> list[tuple[str, str, float]]:
    """(earlier id, later id, similarity) for every near-duplicate pair, by the later id's order.

    Titles that normalise to the same words form one group: each later member is paired with
    the group's first only. First members are paired when their word sets differ by at most
    one word on each side (the same words, one word more or fewer, or one word swapped) and
    `near` accepts them. Such pairs are found without comparing all pairs: each word set is
    filed under its hash (`whole`) and under its hash minus each word's (`minus`: a deletion
    neighbourhood, summed so that a deletion costs a subtraction), and a title is compared
    only with the earlier titles filed under one of its own keys.
    """
    stems: dict[str, str] = {}
    # Words kept joined in one string: strings, unlike tuples, are no work for the collector.
    first: dict[str, str] = {}
    text_of: list[str] = []
    ids: list[str] = []
    # Key -> the first title filed there; the lists in `more_*` only for keys shared. Ints
    # rather than a list per key keep the cyclic garbage collector from walking them all.
    full: dict[int, int] = {}
    less: dict[int, int] = {}
    more_full: dict[int, list[int]] = {}
    more_less: dict[int, list[int]] = {}
    reachable = _reachable(threshold)
    pairs: list[tuple[str, str, float]] = []
    for node_id, title in titles:
        words = statement(title, stems)
        if not words:
            continue
        text = " ".join(words)
        same = first.setdefault(text, node_id)
        if same != node_id:
            pairs.append((same, node_id, 1.0))
            continue
        index = len(ids)
        ids.append(node_id)
        text_of.append(text)
        values = list(map(hash, set(words)))
        whole = sum(values)
        superset, subset, swap = reachable(len(values))
        found: list[int] = []
        # setdefault files this title and returns who was there first: one call for both.
        holder = full.setdefault(whole, index)
        if holder != index:
            found += _shared(more_full, whole, holder, index)
        if subset and (hit := less.get(whole)) is not None:
            found += [hit, *more_less.get(whole, ())]
        if superset or swap:
            minus = [whole - v for v in values]
            # The checks run in C first; the Python loops below run only on a shared key.
            if superset and any(map(full.__contains__, minus)):
                for key in minus:
                    if (hit := full.get(key)) is not None:
                        found += [hit, *more_full.get(key, ())]
            holders = list(map(less.setdefault, minus, repeat(index)))
            if holders.count(index) < len(holders):
                for key, holder in zip(minus, holders, strict=True):
                    if holder != index:
                        earlier = _shared(more_less, key, holder, index)
                        if swap:
                            found += earlier
        if not found:
            continue  # most titles have no look-alike
        # A word hashing to 0 would file a title under its own whole: never its own pair.
        for other in sorted(set(found) - {index}):
            score = near(tuple(text_of[other].split(" ")), words, threshold)
            if score is not None:
                pairs.append((ids[other], node_id, score))
    return pairs


def near_duplicates_cached(
    titles: Sequence[tuple[str, str]], threshold: float, cache: Path | None
) -> list[Pair]:
    """`near_duplicates`, kept under the cache folder `cache` (None: computed every time).

    The result depends only on the (id, title) pairs in order, the threshold and this code, so
    a digest of them names it: a re-check of unchanged titles reads it back instead of
    comparing. A cache that is missing, damaged or unwritable only costs the computing.
    """
    pairs, keep = _kept_or_computed(titles, threshold, cache)
    keep()
    return pairs


def _kept_or_computed(
    titles: Sequence[tuple[str, str]], threshold: float, cache: Path | None
) -> tuple[list[Pair], Callable[[], None]]:
    """The pairs, read from the cache or computed, and what keeps computed ones there."""
    key = _key(titles, threshold) if cache is not None else None
    if cache is None or key is None:
        return near_duplicates(titles, threshold), _nothing
    path = cache / CACHE_FOLDER / f"{key}.json"
    kept = _read(path, key, titles)
    if kept is not None:
        return kept, _nothing
    pairs = near_duplicates(titles, threshold)
    return pairs, functools.partial(_write, path, key, pairs)


def _nothing() -> None:
    return None


@functools.cache
def _code() -> bytes | None:
    """A digest of the code results come from, so a new backmap never reads an old answer."""
    digest = hashlib.sha256()
    try:
        for module in (__file__, _text.__file__):
            digest.update(Path(module).read_bytes())
    except (OSError, TypeError):
        return None  # no source to tell versions apart: keep nothing
    return digest.digest()


def _key(titles: Sequence[tuple[str, str]], threshold: float) -> str | None:
    code = _code()
    if code is None:
        return None
    digest = hashlib.sha256(code)
    digest.update(repr(float(threshold)).encode())
    digest.update(_joined(titles))
    return digest.hexdigest()[:40]


def _joined(titles: Sequence[tuple[str, str]]) -> bytes:
    """The pairs as one text: NUL never occurs in an id or a title (the model refuses control
    characters), so it stands for them unambiguously; joining runs in C."""
    return "\0".join(chain.from_iterable(titles)).encode("utf-8", "surrogatepass")


def _read(path: Path, key: str, titles: Sequence[tuple[str, str]]) -> list[Pair] | None:
    """The pairs kept at `path` for `key`, or None when missing or not to be trusted."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    found = data.get("pairs")
    if not isinstance(found, list):
        return None
    known = {node_id for node_id, _ in titles} if found else set()
    pairs: list[Pair] = []
    for item in found:
        if not (isinstance(item, list) and len(item) == 3):
            return None
        earlier, later, score = item
        if earlier not in known or later not in known or type(score) not in (int, float):
            return None
        if not 0 <= score <= 1:
            return None
        pairs.append((earlier, later, float(score)))
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    return pairs


def _write(path: Path, key: str, pairs: list[Pair]) -> None:
    """Keep `pairs` at `path` (whole or not at all, as every file backmap writes), and prune the
    oldest results."""
    from backmap.store.disk import write_atomic

    try:
        write_atomic(path, json.dumps({"key": key, "pairs": pairs}).encode("utf-8"))
        kept = sorted(path.parent.glob("*.json"), key=_age)
        for old in kept[:-KEEP]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError, TypeError):
        pass  # the result is only not kept


def _age(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _quote(title: str) -> str:
    text = " ".join(title.split())
    return '"' + (text if len(text) <= _TITLE_MAX else text[: _TITLE_MAX - 1] + "…") + '"'


STARTED = "near-duplicates started"
"""Where in a Context's `shared` a check puts the pairs it started early (see `helper`)."""


def titles_of(ws: Workspace) -> list[tuple[str, str]]:
    """(id, title) of every node, in map order: all the near-duplicate rule reads."""
    return list(map(_ID_TITLE, ws.nodes()))


def pairs_for(ws: Workspace, config: CheckConfig) -> list[Pair]:
    """The near-duplicate pairs of a workspace's titles, under the configured threshold."""
    return near_duplicates_cached(titles_of(ws), config.near_duplicate, config.cache)


@rule(
    "BM601",
    "near-duplicate",
    Severity.INFO,
    "two nodes' titles say nearly the same thing",
    reads=("title",),
)
def near_duplicate(ctx: Context) -> Iterator[tuple[str, str]]:
    ws = ctx.graph.ws
    started = ctx.shared.get(STARTED)
    found = started()[0] if callable(started) else pairs_for(ws, ctx.config)
    for earlier, later, score in found:
        a, b = ws.node(earlier), ws.node(later)
        # 1.0 only when the normalised titles are equal: no percentage to weigh then.
        how = "says the same as" if score == 1.0 else "says nearly the same as"
        percent = "" if score == 1.0 else f" ({score:.0%} similar)"
        yield (
            later,
            (
                f"`{later}` {_quote(b.title)} {how} `{earlier}` {_quote(a.title)}{percent}: "
                "merge them, or make the titles say how they differ"
            ),
        )
