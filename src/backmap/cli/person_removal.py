"""`backmap person rm`: remove someone from the people file, handing what they hold, and their
entries in focus.yaml, to someone else with --reassign."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from backmap.cli.common import OK, error
from backmap.cli.person_files import save, unknown_person
from backmap.cli.saving import focus_change
from backmap.plural import plural

if TYPE_CHECKING:
    from backmap.cli.person import PersonOptions
    from backmap.model import Workspace
    from backmap.people.model import People


def remove(ws: Workspace, people: People, args: PersonOptions) -> int:
    """Remove `args.id` from the people file; refused while they hold anything, unless
    --reassign names who takes it over (with their focus entries), all in one save."""
    from backmap.people.reassign import holdings, reassign

    target = args.id
    held = holdings(ws, target)
    if args.reassign is not None:
        if args.reassign == target:
            raise error("--reassign names the person being removed: name someone else")
        if args.reassign not in people.by_id:
            raise error(unknown_person(people, args.reassign, "--reassign: "))
    elif held:
        raise error(
            f"`{target}` still {held.describe()}: give it to someone with --reassign ID, "
            "or change those first"
        )
    periods, focus_text = _focus_moved(ws, target, args.reassign)
    everyone = [p for p in people.people if p.id != target]
    notes: list[str] = []
    if args.reassign is not None and held:
        everyone, notes = reassign(ws, everyone, held, args.reassign)
    summary = f"remove person `{target}`"
    if args.reassign is not None and (held or periods):
        summary += f" (to `{args.reassign}`)"
    also = focus_change(ws, focus_text)
    written = save(ws, everyone, summary, maps=bool(held.owned or held.sub_owned), also=also)
    for note in notes:
        print(note, file=sys.stderr)
    taken = [held.describe()] if held else []
    if periods and args.reassign is not None:
        taken.append(f"their entries in focus.yaml for {', '.join(periods)}")
    moved = f"; {args.reassign} took over: {'; '.join(taken)}" if taken and args.reassign else ""
    print(f"removed `{target}`{moved} ({written})", file=sys.stderr)
    if periods and args.reassign is None:
        print(
            f"note: focus.yaml keeps the entries of `{target}` for {', '.join(periods)}, which "
            "no view shows now (rule BM713); to give them to someone: backmap undo, then "
            f"backmap person rm {target} --reassign ID",
            file=sys.stderr,
        )
    return OK


def _focus_moved(ws: Workspace, target: str, to: str | None) -> tuple[list[str], str | None]:
    """The periods in which the focus file has entries for `target`, and the file's text with
    them given to `to` (None: left as they are); refused when they cannot be joined."""
    from backmap.people.focus import LIMIT
    from backmap.store.focus_ids import EntriesClash, person_entries, with_person_moved

    focus = ws.focus
    periods = person_entries(focus, target) if focus is not None else []
    if focus is None or not periods or to is None:
        return periods, None
    try:
        return periods, with_person_moved(focus, target, to)
    except EntriesClash as exc:
        if not exc.what:
            raise error(
                f"{focus.path.name}: in {exc.period}, `{target}` and `{to}` are written on the "
                "line of `people:`: write them one per line, then run this again"
            ) from None
        how = (
            f"Drop some first (backmap focus {exc.period} --owner {to} --drop ID ...)"
            if exc.what == "focus item"
            else f"Remove some from {focus.path.name} first"
        )
        raise error(
            f"{focus.path.name}: in {exc.period}, `{to}` has {plural(exc.have, exc.what)} "
            f"and `{target}` {exc.more} more: together {exc.have + exc.more}, and an entry "
            f"holds at most {LIMIT}. {how}, then run this again"
        ) from None
