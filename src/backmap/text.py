"""Text as backmap compares it: folded words, one stop-word list, a stem for each purpose, ids.

Everything that reads a title for meaning rather than for show takes its words from here:
`slugify` (the id a title gives), `statement` (a title's gist, which the near-duplicate rule
compares), `title_key` (what "the same title" means) and `search_terms` (the words `fit` ranks
by).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from backmap.vocabulary import ID_MAX

_WORD = re.compile(r"[^\W_]+")

# English function words only, in two tiers. FILLER carries no meaning of its own in a plan's
# titles: every reader drops it. The rest change what a title says ('not', 'after', 'what'), so
# a statement keeps them, while search drops them too: BM25's idf already discounts words a map
# repeats everywhere, and a short list never drops a domain word. The list holds the
# closed-class words of the usual English stop-word lists (NLTK's; the Glasgow list's function
# words, not its content words such as "system" or "fire"): determiners and quantifiers
# ("every", "per"), pronouns, prepositions, conjunctions, adverbs of frequency and degree.
FILLER = frozenset(
    "a an the and or of for to in on at by with from into our we us its their is are be so that "  # noqa: SIM905  (reads better as text)
    "this".split()
)
"""Words that say nothing in a title: `statement` drops them (and search does too)."""
_SEARCH_ONLY = """
about above after again against all also am any as because been before being below between both
but can could did do does doing down during each etc few further had has have having he her
here hers him his how i if it itself just may me might more most must my no nor not off once
only other ours out over own same shall she should some such than theirs them then there these
they those through too under until up upon very via was were what when where which while who
whom why will within would you your e g eg ie use used using
every another either neither many much several less least fewer whose whatever whichever
myself yourself yourselves himself herself ourselves themselves yours everyone everybody
everything anyone anybody anything someone somebody something nobody nothing none
per among amongst across along around onto toward towards without since except beyond
throughout although though whether unless yet now already always ever never often still
however thus therefore rather perhaps else otherwise
"""
STOPWORDS = FILLER | frozenset(_SEARCH_ONLY.split())
"""The stop-word list of search (`content_words`): FILLER and the words that only shade a
title's meaning."""


def fold(text: str) -> str:
    """Case and accents folded: 'Café DÉJÀ' -> 'cafe deja' (ß -> ss)."""
    text = text.casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of `text`, in order: letters and digits (underscores and hyphens and
    all punctuation separate words)."""
    return _WORD.findall(fold(text))


FALLBACK_ID = "node"
"""The id of a title with no letter a-z or digit to make one from (ids are ASCII)."""


# Latin letters that Unicode does not decompose into a base letter and an accent, spelt as
# their languages spell them without it: 'Straße' -> 'strasse', not 'strae'.
_SPELT = str.maketrans(
    {"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
     "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th",
     "\u0131": "i"}
)  # fmt: skip


def _slug(title: str) -> str:
    """A title's letters a-z and digits, runs of anything else turned into '-'; may be ""."""
    spelt = title.translate(_SPELT)
    ascii_title = unicodedata.normalize("NFKD", spelt).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def _cut(slug: str, limit: int) -> str:
    """`slug` within `limit` characters, cut between words when a word would be split
    ('...-and-a-n' -> '...-and-a'), unless that leaves less than half of it."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if slug[limit] != "-" and cut.rfind("-") >= limit // 2:
        cut = cut[: cut.rfind("-")]
    return cut.rstrip("-")


def gives_id(title: str) -> bool:
    """Whether the title has letters a-z or digits for an id (else the id is FALLBACK_ID)."""
    return bool(_slug(title))


def slugify(title: str) -> str:
    """The id a node gets from its title: 'Respect off-hours!' -> 'respect-off-hours'."""
    return _cut(_slug(title), ID_MAX) or FALLBACK_ID


def free_id(title: str, taken: Callable[[str], bool]) -> str:
    """The id a title gives, unless `taken` says it is used: then '-2', '-3'... added, the
    slug cut so that the id stays within ID_MAX ('respect-off-hours-2')."""
    base = _slug(title) or FALLBACK_ID
    candidate, n = _cut(base, ID_MAX), 2
    while taken(candidate):
        suffix = f"-{n}"
        candidate = _cut(base, ID_MAX - len(suffix)) + suffix
        n += 1
    return candidate


def title_key(title: str) -> str:
    """What "the same title" means: two titles are the same when their keys are equal and
    not empty.

    The key is the title's gist (`statement`): case, accents, spacing, punctuation, stop words
    and plurals aside, so 'Respect off-hours' = 'respect the OFF hours!' and 'Hire a manager'
    = 'Hire managers'. It is what the near-duplicate rule (BM601) reports as "says the same
    as", so a title that `add` takes is never one that `check` then asks to merge.
    """
    return " ".join(statement(title))


# --- the near-duplicate rule: a title's gist ---------------------------------------------------


def plural_stem(word: str) -> str:
    """Light stemming for telling statements apart: plurals only, so 'policies' ~ 'policy' and
    'costs' ~ 'cost', while 'organisation' and 'organise' stay different statements."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def statement(title: str, stems: dict[str, str] | None = None) -> tuple[str, ...]:
    """A title's gist: its folded words, FILLER dropped, plurals stemmed.

    A title made only of stop words ('And so on') keeps them all, so it still has words.
    `stems` caches each word's stem ('' for a stop word) across calls: maps reuse a small
    vocabulary, and the lookups then run in C.
    """
    found = words(title)
    cache = stems if stems is not None else {}
    mapped = list(map(cache.get, found))
    if None in mapped:
        for word in found:
            if word not in cache:
                cache[word] = "" if word in FILLER else plural_stem(word)
        mapped = list(map(cache.__getitem__, found))
    return tuple(filter(None, mapped)) or tuple(map(plural_stem, found))


# --- fit: the words an idea is ranked by --------------------------------------------------------


@lru_cache(maxsize=1)
def _stemmer() -> object | None:
    try:
        import Stemmer  # type: ignore[import-not-found]  # PyStemmer: Snowball in C
    except ImportError:  # pragma: no cover - the dependency is declared; stay usable without it
        return None
    stemmer: object = Stemmer.Stemmer("english")
    return stemmer


@lru_cache(maxsize=200_000)
def search_stem(word: str) -> str:
    """Stemming for finding related wording (fit's ranking): the Snowball English stem, so
    'scheduling' ~ 'schedule' (the word itself without PyStemmer)."""
    stemmer = _stemmer()
    return stemmer.stemWord(word) if stemmer is not None else word  # type: ignore[attr-defined]


def content_words(text: str) -> list[str]:
    """The words of `text` that say what it is about, in order: stop words and single
    letters dropped, not stemmed."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


def search_terms(text: str) -> list[str]:
    """The stemmed content words of `text`: what fit's lexical index counts."""
    return [search_stem(w) for w in content_words(text)]
