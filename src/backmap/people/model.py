"""The people file's data: who the people are, their team, their manager, their handles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from backmap.model import Id, Name, Text


def fold(text: str) -> str:
    """A name as compared: case and runs of spaces aside."""
    return " ".join(text.split()).casefold()


class Person(BaseModel):
    """One person who may own or sub-own items of the map."""

    # Built when a people file is first read, not at every start (most maps have none).
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    id: Id
    """What owner and sub_owner fields write: lowercase letters, digits and '-'."""
    name: Text
    """The person's name as people say it, e.g. 'Maya Kowalski'."""
    team: Name | None = None
    """The team they belong to, e.g. 'platform'."""
    manager: Id | None = None
    """The id of their manager, another person of this file."""
    handles: dict[StrictStr, Name] = Field(default_factory=dict)
    """Their names elsewhere, e.g. {github: maya-k}."""


class PeopleFile(BaseModel):
    """The whole people file."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    people: list[Person] = Field(default_factory=list)
    """Everyone, in the order people put them."""


class People:
    """The people of a workspace, by id, with where each is written."""

    def __init__(
        self,
        path: Path,
        people: list[Person],
        lines: dict[str, int],
        text: str | None = None,
        digest: str = "",
    ) -> None:
        self.path = path
        """The people file."""
        self.text = text
        """What the file held when loaded (None: not on disk yet), to keep its comments."""
        self.digest = digest
        """The digest of those bytes, to refuse saving over a change made on disk since."""
        self.people = people
        """Everyone, in file order."""
        self.by_id = {p.id: p for p in people}
        self.lines = lines
        """The line each person's entry starts on."""

        self._spellings: dict[str, str] | None = None
        self._suggest: Any = None

    def resolve(self, name: str | None) -> str | None:
        """The id of the person a name means: their id, name or a handle, case and spaces
        aside (the first person listed wins a shared spelling); None for nobody listed."""
        if not name:
            return None
        if name in self.by_id:
            return name
        if self._spellings is None:
            self._spellings = {}
            for person in reversed(self.people):
                for text in (*person.handles.values(), person.name, person.id):
                    self._spellings[fold(text)] = person.id
        return self._spellings.get(fold(name))

    def closest(self, name: str) -> str | None:
        """The person a mistyped name most likely means: the same id, name or handle but for
        case and spaces, else the closest id or name ("did you mean"); None when none is."""
        from backmap.suggest import Suggester

        found = self.resolve(name)
        if found is not None:
            return found
        if self._suggest is None:
            self._suggest = Suggester([*self.by_id, *(fold(p.name) for p in self.people)])
        guess: str | None = self._suggest(fold(name))
        if guess is None:
            return None
        by_name = {fold(p.name): p.id for p in self.people}
        return by_name.get(guess, guess)

    def team_of(self, person_id: str) -> str | None:
        person = self.by_id.get(person_id)
        return None if person is None else person.team

    def __contains__(self, person_id: object) -> bool:
        return person_id in self.by_id

    def line_of(self, person_id: str) -> int:
        return self.lines.get(person_id, 1)
