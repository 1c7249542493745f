"""Saving what `backmap person` changed: the people file, with the maps and the focus file
that follow it, kept for `backmap undo`; a person's new id; and the words for someone the file
does not list."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from backmap.cli.common import OK, Fail, error, print_problems
from backmap.cli.saving import record_edit, texts_on_disk

if TYPE_CHECKING:
    from backmap.model import Workspace
    from backmap.people.focus import Focus
    from backmap.people.model import People, Person


def new_id(ws: Workspace, people: People, new: Person, old: str) -> int:
    """Save a person's new id with every owner field, manager and focus entry that names them
    by it, in one save."""
    from backmap.cli.saving import focus_change
    from backmap.people.rename import follow_new_id
    from backmap.store.focus_ids import person_entries, with_person_renamed

    focus = ws.focus
    if focus is not None and (taken := person_entries(focus, new.id)):
        raise error(
            f"{focus.path.name} already has entries for `{new.id}` ({', '.join(taken)}), who "
            f"is not in {people.path.name}: move or remove them by hand first"
        )
    everyone = [new if p.id == old else p for p in people.people]
    everyone, nodes = follow_new_id(ws, everyone, old, new.id)
    text = with_person_renamed(focus, old, new.id) if focus is not None else None
    also, new_focus = focus_change(ws, text)
    summary = f"change the id of person `{old}` to `{new.id}`"
    written = save(
        ws, everyone, summary, maps=bool(nodes), renamed={old: new.id}, also=(also, new_focus)
    )
    print(f"`{old}` is now `{new.id}` ({written})", file=sys.stderr)
    return OK


def save(
    ws: Workspace,
    everyone: list[Person],
    summary: str,
    *,
    maps: bool = False,
    renamed: dict[str, str] | None = None,
    also: tuple[list[Any], Focus | None] = ([], None),
) -> str:
    """Save the people file (and the maps, with `maps`), kept for `backmap undo` as `summary`;
    the files written, as messages name them."""
    from backmap import store
    from backmap.store.people_save import save_people

    before = texts_on_disk(ws)
    try:
        written = save_people(ws, everyone, maps=maps, renamed=renamed, also=also[0])
    except store.SaveError as exc:
        print_problems(exc)
        print("nothing was saved", file=sys.stderr)
        raise Fail() from None
    if also[1] is not None:  # the focus file written with it
        ws.focus = also[1]
    record_edit(ws, summary, written, before)
    return ", ".join(str(p) for p in written) or "no file changed"


def unknown_person(people: People, name: str, what: str = "") -> str:
    """`name` is nobody of the people file: the closest id, or the command that lists everyone;
    `what` (an option, say) goes first."""
    guess = people.closest(name)
    hint = f"did you mean `{guess}` ({people.by_id[guess].name})?" if guess else ""
    hint = hint or f"`backmap people --map {people.path.parent}` lists everyone"
    return f"{what}`{name}` is not in {people.path.name}: {hint}"
