""" "Did you mean": the known name closest to a mistyped one, at a bounded cost per question.

Comparing a word with every name (difflib) costs time in proportion to the names, so a map with
thousands of broken links took minutes. Past a few hundred names, an index of letter triples
shortlists the names that share the most triples with the word, reading the rarest triples
first and stopping at a fixed budget; the names most alike by their triples are confirmed with
difflib. Answers are
cached per word, so a typo repeated across a map is looked up once.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable

CUTOFF = 0.6
"""How alike (difflib's ratio) a name must be to be offered."""
SMALL = 300
"""Up to this many names, every name is compared in full."""
SHORTLIST = 8
"""Names compared in full per word once the index is used."""
CONFIRM = 4
"""Most names of the shortlist that difflib compares in full."""
MARGIN = 0.15
"""How far below the most alike (by triples) a name may be and still be compared in full."""
BUDGET = 512
"""Index entries read per word: common triples (`-00`, `goa`) say little and cost most."""


def _triples(word: str) -> set[str]:
    # Padding makes the first and last letters count, and gives short words triples at all.
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Suggester:
    """Answers "did you mean" against a fixed list of names."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names = list(dict.fromkeys(names))
        self._index: dict[str, list[int]] | None = None
        self._answers: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        """The closest name, or None when none is close enough."""
        if word not in self._answers:
            self._answers[word] = self._closest(word)
        return self._answers[word]

    def _closest(self, word: str) -> str | None:
        if len(self._names) <= SMALL:
            close = difflib.get_close_matches(word, self._names, n=1, cutoff=CUTOFF)
            return close[0] if close else None
        # Rank the shortlist by how alike the sets of triples are (Dice), and let difflib choose
        # among the few near the top: comparing every name on it cost most of the time.
        mine = len(_triples(word))
        alike = sorted(
            (-2 * shared / (mine + len(_triples(name))), name)
            for name, shared in self._shortlist(word)
        )
        if not alike:
            return None
        best = alike[0][0]
        near = [name for score, name in alike[:CONFIRM] if score <= best + MARGIN]
        close = difflib.get_close_matches(word, near, n=1, cutoff=CUTOFF)
        return close[0] if close else None

    def _shortlist(self, word: str) -> list[tuple[str, int]]:
        if self._index is None:
            self._index = {}
            for n, name in enumerate(self._names):
                for triple in _triples(name):
                    self._index.setdefault(triple, []).append(n)
        postings = sorted((self._index[t] for t in _triples(word) if t in self._index), key=len)
        shared: Counter[int] = Counter()
        read = 0
        for posting in postings:
            if read and read + len(posting) > BUDGET:
                break  # the rest are longer still
            part = posting[:BUDGET]
            shared.update(part)
            read += len(part)
        return [(self._names[n], count) for n, count in shared.most_common(SHORTLIST)]


def did_you_mean(word: str, names: Iterable[str]) -> str | None:
    """The name closest to `word` (one question; build a Suggester to ask many)."""
    return Suggester(names)(word)
