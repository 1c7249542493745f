"""Owners checked against the people file: a person's name or handle becomes their id, and a
name it does not list is refused with the person it most likely means (CLI and editor alike)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backmap.people.model import People

OWNER_FIELDS = ("owner", "sub_owner")
"""The fields that name a person of the people file."""


class UnknownOwner(ValueError):
    """An owner or sub-owner the people file does not list; `guess` is whom it likely means."""

    def __init__(self, field: str, name: str, guess: str | None) -> None:
        super().__init__(f"{field}: {name!r} is not in the people file")
        self.field, self.name, self.guess = field, name, guess


@dataclass(frozen=True)
class Respelled:
    """A name or handle given for a field, and the id of the person it means."""

    field: str
    given: str
    id: str


def known_owners(
    people: People | None, fields: Mapping[str, Any]
) -> tuple[dict[str, Any], list[Respelled]]:
    """`fields` with each owner and sub-owner written as a person's id, and which were given
    otherwise; UnknownOwner for the first naming nobody listed. Without a people file (None)
    owners are free text and pass as they are; an empty value (clearing) always passes."""
    out = dict(fields)
    respelled: list[Respelled] = []
    if people is None:
        return out, respelled
    for field in OWNER_FIELDS:
        name = fields.get(field)
        if not name:
            continue
        found = people.resolve(name)
        if found is None:
            raise UnknownOwner(field, name, people.closest(name))
        if found != name:
            respelled.append(Respelled(field, name, found))
        out[field] = found
    return out, respelled
