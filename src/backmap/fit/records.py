"""What the fit engine reads from a map (items) and what it answers (places, look-alikes)."""

from __future__ import annotations

from dataclasses import dataclass, field

PLACE_KINDS = frozenset({"outcome", "goal"})
STRENGTHS = ("strong", "plausible", "weak", "none")
"""Match strengths, best first; "none" is below the "nothing fits" cut."""
LOOKALIKE_FITS = 0.5
"""A look-alike this close means the idea belongs in the map even when the place scores are
low (short ideas match goals weakly but their twin initiative strongly)."""


@dataclass(frozen=True)
class Item:
    """One node as the fit engine sees it; built from a `model.Node` or a dataset record."""

    id: str
    title: str
    kind: str = "goal"
    """outcome, goal or initiative: only outcomes and goals are places an idea can serve."""
    description: str = ""
    parents: tuple[str, ...] = ()
    owner: str | None = None
    status: str | None = None

    @property
    def text(self) -> str:
        return f"{self.title}. {self.description}" if self.description else self.title

    @property
    def is_place(self) -> bool:
        return self.kind in PLACE_KINDS


@dataclass(frozen=True)
class Similar:
    """An existing item that resembles the query."""

    id: str
    title: str
    kind: str
    score: float
    """Cosine/lexical blend in [0, 1]; 1 means the same words."""
    owner: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Place:
    """A goal or outcome the query may serve, with why."""

    id: str
    title: str
    kind: str
    score: float
    """The fused score; above `Fit.threshold` it counts as a fit."""
    paths: tuple[tuple[str, ...], ...]
    """Ids from this place up to each outcome it reaches (first element is the place)."""
    matched: tuple[str, ...]
    """Query words found in the place's own text (title and description)."""
    beneath: tuple[Similar, ...]
    """The items directly beneath the place that look most like the query."""
    strength: str = "weak"
    """How well it matches, in words: one of STRENGTHS (calibrated cut-offs, answer.py)."""
    matched_beneath: tuple[str, ...] = ()
    """Query words found only in the text of the items directly beneath the place."""


@dataclass(frozen=True)
class Fit:
    """The answer to `fit(text)`."""

    query: str
    places: tuple[Place, ...]
    similar: tuple[Similar, ...]
    """Existing initiatives that may already be this idea (score >= DUPLICATE)."""
    threshold: float
    """Below this the best place is no match at all ("nothing fits"): this map's own cut
    (abstain.py), so that the answer abstains only on evidence; weaker matches are labelled,
    not hidden."""
    semantic: str | None
    """Name of the embedding model used, None when matching was lexical only."""

    @property
    def strength(self) -> str:
        """The best place's strength ("strong" when a look-alike initiative is very close)."""
        if any(s.score >= LOOKALIKE_FITS for s in self.similar):
            return "strong"
        return self.places[0].strength if self.places else "none"

    @property
    def fits(self) -> bool:
        """Whether the best place clears the calibrated threshold, or the idea is plainly one
        the map already has (then it fits where that initiative sits)."""
        if not self.places:
            return False
        return self.places[0].score >= self.threshold or any(
            s.score >= LOOKALIKE_FITS for s in self.similar
        )


@dataclass(frozen=True)
class Nearby:
    """What else could be done around a place."""

    place: str
    initiatives: tuple[Similar, ...]
    """Other initiatives already serving the place (score = similarity to the query)."""
    thin_goals: tuple[Similar, ...] = field(default=())
    """Goals next to the place (siblings, sub-goals) with no initiative or one beneath them."""
