"""Imported items as entries: their fields read from the text, their titles keyed for matching,
and which existing node each one merges into."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backmap import fields as typed
from backmap import text
from backmap.importing import tokens
from backmap.importing.raw import METRIC_COLUMNS, Item, Problem, typed_field
from backmap.model import Workspace


@dataclass
class Entry:
    """One imported item: its title, the values read from its fields, what it merges into."""

    item: Item
    title: str
    values: dict[str, Any]
    existing: str | None = None
    """The id of the existing node this entry merges into."""
    kept_in_title: str | None = None
    """A percentage left in the title because the item has items under it."""
    _key: str | None = None

    @property
    def key(self) -> str:
        """What the title is matched by (worked out only when a title must be matched)."""
        if self._key is None:
            self._key = title_words(self.title)
        return self._key


def read_entry(item: Item, problems: list[Problem], parent: bool = False) -> Entry:
    """An item's entry, each field read as `set` reads it; a problem for each bad value.

    On a `parent` (an item with items nested under it) a percentage ending the title stays
    in it: such an item's progress rolls up, so `set --progress` would refuse it (a
    percentage among other tokens is read, then left out by the plan).
    """
    kept = None
    inline: dict[str, str]
    # An entry with an id was written by backmap or typed with care: its title is as written.
    if "id" in item.fields:
        title, inline = item.title, {}
    elif parent and tokens.ends_in_percentage(item.title):
        title, inline = tokens.split(item.title, progress=False)
        kept = item.title.split()[-1]
    else:
        title, inline = tokens.split(item.title)  # progress on a parent is left out later
    given = {**inline, **item.fields}
    values: dict[str, Any] = {}
    parts: dict[str, str] = {}
    for name, written in given.items():
        if name == "id":
            continue  # checked with the other ids, once merges are known
        field = typed_field(name)
        try:
            value = typed.read(field, written)
        except typed.FieldError as exc:
            place = item.places.get(name, item.where)
            problems.append(Problem(place, f"{_label(name)}: {exc.reason}"))
            continue
        if name == "owners":
            values.setdefault("owner", value[0])
            values.setdefault("sub_owner", value[1])
        elif name in METRIC_COLUMNS:
            parts[name] = written
        elif name == "checkins" and value is not None:
            problems += _checkin_problems(item, value)
            values[name] = value
        else:
            values[name] = value
    if parts:
        metric = _metric(item, parts, problems)
        if metric is not None:
            values["metric"] = metric
    if "id" in given:
        values["id"] = given["id"].strip()
    given_values = {k: v for k, v in values.items() if v not in (None, [])}
    return Entry(item, title, given_values, kept_in_title=kept)


def _metric(item: Item, parts: dict[str, str], problems: list[Problem]) -> Any:
    """The metric the parts make, as `set --metric-*` joins them; a problem when the parts
    name no metric (a target with no `metric` column beside it)."""
    try:
        return typed.changes({typed_field(name): text for name, text in parts.items()})["metric"]
    except typed.FieldError as exc:
        name = next(n for n in parts if typed_field(n) == exc.field)
        problems.append(
            Problem(
                item.places.get(name, item.where),
                f"{name}: {parts[name].strip()} is given without a metric name: name what is "
                "measured in this item's `metric` (a column or attribute), or clear its "
                f"{', '.join(parts)}",
            )
        )
        return None


def _checkin_problems(item: Item, block: str) -> list[Problem]:
    """Each line of a check-ins block that the map would refuse, worded as loading words it."""
    from backmap.checkins.lines import errors

    place = item.places.get("checkins", item.where)
    return [Problem(place, f"checkins, line {exc.index + 1}: {exc}") for exc in errors(block)]


def _label(name: str) -> str:
    return "owner" if name == "owners" else name


def title_words(title: str) -> str:
    """The key titles are matched by: text.title_key (what `add` and BM601 call the same
    title), or the plain words of a title made only of little words ('The')."""
    return text.title_key(title) or " ".join(text.words(title))


def match_existing(entries: list[Entry], ws: Workspace, problems: list[Problem]) -> None:
    """An entry naming an existing id, or else titled like one existing node, merges into it."""
    if not len(ws):
        return
    by_title: dict[str, list[str]] = {}
    for node in ws.nodes():
        by_title.setdefault(title_words(node.title), []).append(node.id)
    for entry in entries:
        given = entry.values.get("id")
        if given is not None and given in ws:
            entry.existing = given
            continue
        if given is not None:
            continue  # a new id: a new node, whatever its title
        same = by_title.get(entry.key, [])
        if len(same) == 1:
            entry.existing = same[0]
        elif len(same) > 1:
            problems.append(
                Problem(
                    entry.item.where,
                    f"ambiguous title {entry.title!r}: the map has it {len(same)} times "
                    f"({', '.join(sorted(same))}); give this entry an id to merge into one",
                )
            )
