"""Words for lexical matching: lowercase, split, drop stopwords, stem (English Snowball)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")

# English function words only: BM25's idf already discounts words a map repeats everywhere,
# and a short list never drops a domain word.
_STOP = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each etc few for
from further had has have having he her here hers him his how i if in into is it its
itself just may me might more most must my no nor not of off on once only or other our
ours out over own same shall she should so some such than that the their theirs them then
there these they this those through to too under until up upon us very via was we were
what when where which while who whom why will with within would you your e g eg ie use
used using
"""
STOPWORDS = frozenset(_STOP.split())


@lru_cache(maxsize=1)
def _stemmer() -> object | None:
    try:
        import Stemmer  # type: ignore[import-not-found]  # PyStemmer: Snowball in C
    except ImportError:  # pragma: no cover - the dependency is declared; stay usable without it
        return None
    stemmer: object = Stemmer.Stemmer("english")
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball English stem of one lowercase word (the word itself without PyStemmer)."""
    stemmer = _stemmer()
    return stemmer.stemWord(word) if stemmer is not None else word  # type: ignore[attr-defined]


def words(text: str) -> list[str]:
    """Lowercase content words of `text`, in order, stopwords removed (not stemmed)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [w for w in _WORD.findall(folded) if w not in STOPWORDS and len(w) > 1]


def terms(text: str) -> list[str]:
    """The stemmed content words of `text`: what the lexical index counts."""
    return [stem(w) for w in words(text)]
