"""`backmap fit` output: the ranked places with why, look-alikes and what else could be done."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from backmap.fit import Fit, Nearby, Similar
from backmap.model import Workspace
from backmap.render.labels import one_line
from backmap.term import Style

JSON_VERSION = 1


def _who(item: Similar) -> str:
    parts = [f"owner {item.owner}" if item.owner else "", item.status or ""]
    return ", ".join(p for p in parts if p)


WORDS = {
    "strong": "strong match",
    "plausible": "plausible match",
    "weak": "weak match",
    "none": "no real match",
}
"""How a match strength (fit.STRENGTHS) reads: a reader acts on words, not on 0.14."""


def headline(answer: Fit) -> str:
    """The first line: what the answer amounts to, before the ranking it always shows."""
    if not answer.fits:
        return "No goal here seems served by this; is a goal missing? Closest places:"
    if answer.strength == "weak":
        return "Only weak matches; if none of these is right, is a goal missing? Best places:"
    return "Serves:"


def text_lines(ws: Workspace, answer: Fit, near: Nearby | None, style: Style) -> list[str]:
    """A person's view: where it fits and why, what already exists, what else could be done."""
    colour = "bold" if answer.fits and answer.strength != "weak" else "yellow"
    lines: list[str] = [style(headline(answer), colour)]
    for rank, place in enumerate(answer.places, start=1):
        good = place.strength in ("strong", "plausible")
        title = style(one_line(place.title), "bold", "cyan") if good else one_line(place.title)
        lines.append(f"{rank:>2}. {title} [{place.id}] {style(WORDS[place.strength], 'grey')}")
        for path in place.paths[:2]:
            if len(path) > 1:
                lines.append(style(f"      ↑ {way_up(ws, path[1:])}", "grey"))
        reasons = [
            f"{label}: {', '.join(found)}"
            for label, found in (("words", place.matched), ("beneath", place.matched_beneath))
            if found
        ]
        if reasons:
            lines.append(style(f"      {'; '.join(reasons)}", "grey"))
        for item in place.beneath[:2]:
            lines.append(style(f"      like: {one_line(item.title)} [{item.id}]", "grey"))
    if answer.similar:
        lines.append("")
        lines.append(style("You may already be doing this:", "bold", "yellow"))
        for item in answer.similar:
            who = _who(item)
            lines.append(f"  • {one_line(item.title)} [{item.id}]" + (f" ({who})" if who else ""))
    # What is listed as maybe already done is not offered again as something else to do.
    listed = {item.id for item in answer.similar}
    others = [item for item in near.initiatives if item.id not in listed] if near else []
    if near is not None and (others or near.thin_goals):
        lines.append("")
        lines.append(style(f"What else could be done there ({near.place}):", "bold"))
        for item in others:
            lines.append(
                f"  • {one_line(item.title)} [{item.id}]"
                + (f" ({_who(item)})" if _who(item) else "")
            )
        for goal in near.thin_goals:
            lines.append(
                f"  ◆ {one_line(goal.title)} [{goal.id}] "
                + style("next to it, has little beneath it", "grey")
            )
    if answer.semantic is None:
        lines.append("")
        lines.append(
            style(
                "(lexical matching only: install backmap's semantic extra for "
                "meaning-based matching)",
                "grey",
            )
        )
    return lines


WAY_UP_ENDS = (3, 2)
"""Steps shown at each end of a long way up; a map thousands deep gets one line, not a page."""


def way_up(ws: Workspace, steps: Sequence[str]) -> str:
    """`A → B → C → … 1,995 more … → Y → Top`: the nearest steps and the top of a way up."""
    first, last = WAY_UP_ENDS
    if len(steps) > first + last + 1:
        hidden = len(steps) - first - last
        steps = [*steps[:first], f"… {hidden:,} more …", *steps[-last:]]
    return " → ".join(one_line(ws.node(p).title) if p in ws else p for p in steps)


def to_json(
    answer: Fit,
    near: Nearby | None,
    attached: str | None = None,
    lessons: list[dict[str, Any]] | None = None,
    not_attached: str | None = None,
) -> str:
    """The documented JSON answer (docs/fit.md); `lessons` near the idea when there are any;
    `not_attached`: why `--attach` added nothing ('declined', 'no terminal', 'already there')."""

    def similar(item: Similar) -> dict[str, Any]:
        return {
            "id": item.id,
            "title": item.title,
            "kind": item.kind,
            "score": round(item.score, 4),
            "owner": item.owner,
            "status": item.status,
        }

    data: dict[str, Any] = {
        "version": JSON_VERSION,
        "query": answer.query,
        "fits": answer.fits,
        "strength": answer.strength,
        "threshold": round(answer.threshold, 4),
        "semantic": answer.semantic,
        "places": [
            {
                "id": p.id,
                "title": p.title,
                "kind": p.kind,
                "score": round(p.score, 4),
                "strength": p.strength,
                "paths": [list(path) for path in p.paths],
                "matched": list(p.matched),
                "matched_beneath": list(p.matched_beneath),
                "beneath": [similar(s) for s in p.beneath],
            }
            for p in answer.places
        ],
        "similar": [similar(s) for s in answer.similar],
        "nearby": None
        if near is None
        else {
            "place": near.place,
            "initiatives": [similar(s) for s in near.initiatives],
            "thin_goals": [similar(s) for s in near.thin_goals],
        },
        "attached": attached,
        "not_attached": not_attached,
    }
    if lessons:
        data["lessons"] = lessons
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
