"""Writing the people file: canonical text with the comments people wrote kept in place, saved
like map files (atomic, under the folder's lock, refused over a change made on disk)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from backmap.model import Workspace
from backmap.people.model import People, Person
from backmap.store.emit import scalar
from backmap.store.outline import END, START, Trivia, outline
from backmap.store.stored import Origin
from backmap.store.writing import Change

Trivia_ = tuple[tuple[str, ...], tuple[str, ...]]
PersonComments = dict[tuple[str, ...], Trivia_]
"""Comments around one person: () above the entry, (key,) at a key, ("handles", name)."""

_KEYS = ("id", "name", "team", "manager")


def _split(text: str | None) -> tuple[dict[tuple[str, ...], Trivia], dict[int, PersonComments]]:
    """The file's own comments (header, around `people:`, at the end) and each entry's."""
    own: dict[tuple[str, ...], Trivia] = {}
    entries: dict[int, PersonComments] = {}
    if not text:
        return own, entries
    for path, trivia in outline(text).trivia.items():
        if len(path) >= 2 and path[0] == "people" and isinstance(path[1], int):
            sub = tuple(str(p) for p in path[2:4])
            table = entries.setdefault(path[1], {})
            leading, trailing = table.get(sub, ((), ()))
            table[sub] = ((*leading, *trivia.leading), (*trailing, *trivia.trailing))
        else:
            key = tuple(str(p) for p in path)
            into = own.setdefault(key, Trivia())
            into.leading += trivia.leading
            into.trailing += trivia.trailing
    return own, entries


def dumps_people(
    people: Sequence[Person], before: People | None, renamed: Mapping[str, str] | None = None
) -> str:
    """The canonical text of the people file holding `people`, with the comments of the file
    as loaded (`before`) kept around the same people (`renamed`: old id -> new id); a removed
    person's heading comments pass to the next person, or to the end of the file."""
    own, entries = _split(before.text if before else None)
    by_id: dict[str, PersonComments] = {}
    carried: list[str] = []
    previous = before.people if before else []
    kept = {p.id for p in people}
    for index, person in enumerate(previous):
        table = dict(entries.get(index, {}))
        person_id = (renamed or {}).get(person.id, person.id)
        if person_id not in kept:
            carried += table.get((), ((), ()))[0]
            continue
        if carried:
            leading, trailing = table.get((), ((), ()))
            table[()] = ((*carried, *leading), trailing)
            carried = []
        by_id[person_id] = table
    lines: list[str] = []
    _put(lines, ["people:" if people else "people: []"], own.get(()), own.get(("people",)))
    start = own.get(("people", START))
    if start:
        lines += start.leading
    for person in people:
        _person(lines, person, by_id.get(person.id, {}))
    end = own.get(END)
    lines += carried + (end.leading if end else [])
    return "\n".join(lines) + "\n"


def _put(lines: list[str], text: list[str], *trivia: Trivia | Trivia_ | None) -> None:
    for found in trivia:
        if found is not None:
            lines.extend(found.leading if isinstance(found, Trivia) else found[0])
    trailing = "".join(
        "".join(t.trailing if isinstance(t, Trivia) else t[1]) for t in trivia if t is not None
    )
    lines.extend([text[0] + trailing, *text[1:]])


def _person(lines: list[str], person: Person, comments: PersonComments) -> None:
    values = {key: getattr(person, key) for key in _KEYS if getattr(person, key) is not None}
    first = True
    orphans = [t for k, t in comments.items() if k and k[0] not in {*values, "handles"}]
    for orphan in orphans:  # comments whose key was cleared stay with the person
        lines.extend(orphan[0])
        lines.extend("  " + t.strip() for t in orphan[1])
    for key, value in values.items():
        indent = "  - " if first else "    "
        above = comments.get(()) if first else None
        _put(lines, [f"{indent}{key}: {scalar(value)}"], above, comments.get((key,)))
        first = False
    if person.handles:
        _put(lines, ["    handles:"], comments.get(("handles",)))
        for name, handle in sorted(person.handles.items()):
            line = f"      {scalar(name)}: {scalar(handle)}"
            _put(lines, [line], comments.get(("handles", name)))


def save_people(
    ws: Workspace,
    people: Sequence[Person],
    *,
    maps: bool = False,
    renamed: Mapping[str, str] | None = None,
    also: Sequence[Change] = (),
) -> list[Path]:
    """Write the people file holding `people` (and, with `maps`, every changed map file, and
    `also`, all or none); returns the files written. `renamed` (old id -> new id) keeps a
    person's comments through a new id. Raises store.SaveError as store.save does."""
    from backmap.store.digests import digest_of
    from backmap.store.people import people_path
    from backmap.store.saving import save
    from backmap.store.writing import write_all

    before = ws.people
    path = before.path if before is not None else people_path(ws.root)
    text = dumps_people(people, before, renamed)
    origin = None
    if before is not None and before.text is not None:
        origin = Origin(text=before.text, digest=before.digest)
    change = Change(path, origin, text.encode("utf-8"))
    if origin is not None and text == origin.text:
        written = save(ws, also=also) if maps or also else []
    elif maps or also:
        written = save(ws, also=[change, *also])
    else:
        write_all([change], False)
        written = [path]
    from backmap.people.model import People as Loaded

    lines = _entry_lines(text, people)
    ws.people = Loaded(path, list(people), lines, text, digest_of(text.encode("utf-8")))
    return written


def _entry_lines(text: str, people: Sequence[Person]) -> dict[str, int]:
    wanted = iter(p.id for p in people)
    current = next(wanted, None)
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if current is not None and line.startswith("  - id: "):
            lines[current] = number
            current = next(wanted, None)
    return lines
