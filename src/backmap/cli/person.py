"""`backmap person add|set|rm`: keep the people file, and the owner check `add`, `set` and
`fit --attach` share."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from backmap.cli.common import OK, Options, error, open_workspace
from backmap.cli.person_files import new_id, save, unknown_person
from backmap.cli.person_removal import remove

if TYPE_CHECKING:
    from backmap.cli.parser import Commands
    from backmap.model import Workspace
    from backmap.people.model import People, Person

ACTIONS = ("add", "set", "rm")


def register(commands: Commands) -> None:
    cmd = commands.add(
        "person",
        "add, change or remove a person of the people file (people.yaml)",
        'backmap person add maya --name "Maya Kowalski" --team platform --manager dana '
        "--handle github:maya-k\n"
        'backmap person set maya --team insights --manager ""\n'
        "backmap person set maya --id maya-k\n"
        "backmap person rm maya --reassign omer",
        cmd_person,
        description="Keep the people file: add a person (creating people.yaml when there is "
        "none), change their name, team, manager, handles or id (owners, managers and focus.yaml "
        "follow a new id), or remove them. Comments in the "
        "file are kept. Removing someone who still owns, sub-owns or manages anything is "
        "refused, naming what, unless --reassign gives it all to someone else, with their entries "
        "in focus.yaml.",
    )
    cmd.add_argument("action", choices=ACTIONS, help="add, set (change) or rm (remove)")
    cmd.add_argument("id", help="the person's id, as owner fields write it, e.g. maya")
    fields = cmd.add_argument_group("fields (add, set; an empty value clears team or manager)")
    fields.add_argument("--name", help="their name as people say it (needed by add)")
    fields.add_argument("--team", help="their team, e.g. platform")
    fields.add_argument("--manager", metavar="ID", help="the id of the person they report to")
    fields.add_argument(
        "--handle",
        action="append",
        metavar="SITE:NAME",
        help="a name elsewhere, e.g. github:maya-k (repeat; SITE: alone removes one)",
    )
    fields.add_argument(
        "--id",
        dest="new_id",
        metavar="NEW",
        help="set: a new id; owner fields, managers and focus.yaml follow",
    )
    rm = cmd.add_argument_group("rm")
    rm.add_argument(
        "--reassign",
        metavar="ID",
        help="give what they own, sub-own and manage, and their entries in focus.yaml, to "
        "this person, in the same save",
    )


class PersonOptions(Options):
    action: str
    id: str
    name: str | None
    team: str | None
    manager: str | None
    handle: list[str] | None
    new_id: str | None
    reassign: str | None


def cmd_person(args: PersonOptions) -> int:
    ws = open_workspace(args)
    if args.action != "rm" and args.reassign is not None:
        raise error("--reassign is for `person rm`: it says who takes over a removed person's work")
    if args.action == "add" and args.new_id is not None:
        raise error("--id is for `person set`: it gives someone a new id; here the id is ID")
    if args.action == "rm" and _given(args):
        raise error("`person rm` takes no fields; to change someone, use `person set`")
    if args.action == "add":
        return _add(ws, args)
    people = ws.people
    if people is None:
        raise error(
            "this workspace has no people file yet: start it with "
            f'`backmap person add {args.id} --name "..."`'
        )
    if args.id not in people.by_id:
        raise error(unknown_person(people, args.id))
    if args.action == "set":
        return _set(ws, people, args)
    return remove(ws, people, args)


def _given(args: PersonOptions) -> bool:
    given = (args.name, args.team, args.manager, args.handle, args.new_id)
    return any(v is not None for v in given)


def _add(ws: Workspace, args: PersonOptions) -> int:
    people = ws.people
    if people is not None and args.id in people.by_id:
        line = people.line_of(args.id)
        raise error(
            f"`{args.id}` is already in {people.path.name} (line {line}): change them with "
            f"`backmap person set {args.id} ...`"
        )
    if not args.name:
        raise error(f'a new person needs a name: backmap person add {args.id} --name "Their Name"')
    data: dict[str, Any] = {"id": args.id, "name": args.name}
    if args.team:
        data["team"] = args.team
    if args.manager:
        data["manager"] = _manager(people, args.id, args.manager)
    data["handles"] = _handles({}, args.handle or [])
    person = _person(data)
    everyone = [*(people.people if people else []), person]
    written = save(ws, everyone, f"add person `{person.id}`")
    print(f"added `{person.id}` ({person.name}) ({written})", file=sys.stderr)
    return OK


def _set(ws: Workspace, people: People, args: PersonOptions) -> int:
    if not _given(args):
        raise error("name at least one field to change, e.g. --team platform")
    old = people.by_id[args.id]
    data = old.model_dump(exclude_none=True)
    if args.name is not None:
        if not args.name.strip():
            raise error("--name cannot be blank: a person always has a name")
        data["name"] = args.name
    for key in ("team", "manager"):
        value = getattr(args, key)
        if value == "":
            data.pop(key, None)
        elif value is not None:
            data[key] = _manager(people, args.id, value) if key == "manager" else value
    data["handles"] = _handles(dict(old.handles), args.handle or [])
    if args.new_id is not None and args.new_id != args.id:
        if args.new_id in people.by_id:
            raise error(
                f"`{args.new_id}` is already in {people.path.name} (line "
                f"{people.line_of(args.new_id)}): pick another id"
            )
        data["id"] = args.new_id
    new = _person(data)
    if new.id != old.id:
        return new_id(ws, people, new, args.id)
    if new == old:
        print(f"nothing changed: `{args.id}` already has those values", file=sys.stderr)
        return OK
    written = save(
        ws, [new if p.id == args.id else p for p in people.people], f"change person `{args.id}`"
    )
    print(f"changed `{args.id}` ({written})", file=sys.stderr)
    return OK


def _manager(people: People | None, person_id: str, manager: str) -> str:
    """The manager's id, refused when nobody of the file has it or when it makes a loop."""
    if people is None or manager not in people.by_id:
        if manager == person_id:
            raise error(f"--manager: `{person_id}` cannot be their own manager")
        if people is None:
            raise error(f"--manager: `{manager}` is not in the people file yet: add them first")
        raise error(unknown_person(people, manager, "--manager: "))
    chain = [person_id]
    current: str | None = manager
    while current is not None:
        chain.append(current)
        if current == person_id:
            shown = " -> ".join(f"`{p}`" for p in chain)
            raise error(f"--manager {manager} would make managers a loop: {shown}")
        boss = people.by_id.get(current)
        current = boss.manager if boss is not None and boss.manager != current else None
        if len(chain) > len(people.people) + 1:
            break  # a loop already in the file (BM703) that does not pass through this person
    return manager


def _handles(handles: dict[str, str], given: list[str]) -> dict[str, str]:
    for text in given:
        site, sep, name = text.partition(":")
        site, name = site.strip(), name.strip()
        if not sep or not site:
            raise error(f"--handle {text!r}: write SITE:NAME, e.g. github:maya-k")
        if name:
            handles[site] = name
        elif handles.pop(site, None) is None:
            raise error(f"--handle {site}: they have no {site} handle to remove")
    return handles


def _person(data: dict[str, Any]) -> Person:
    from pydantic import ValidationError

    from backmap.people.model import Person
    from backmap.store.messages import merge_unions, message_for
    from backmap.text import slugify

    try:
        return Person.model_validate(data)
    except ValidationError as exc:
        reasons = []
        for err in merge_unions(exc.errors()):
            field = str(err["loc"][0]) if err["loc"] else "person"
            if field in ("id", "manager") and err["type"] == "string_pattern_mismatch":
                reasons.append(
                    f"`{err['input']}` is not a person's id: use lowercase letters, digits "
                    f"and '-', e.g. {slugify(str(err['input'])) or 'maya-k'}"
                )
            else:
                reasons.append(
                    f"--{field}: " + message_for({**err, "loc": ("nodes", 0, field)}, {})
                )
        raise error("; ".join(reasons)) from None


def known_owners(ws: Workspace, fields: dict[str, Any]) -> dict[str, Any]:
    """With a people file, `owner` and `sub_owner` must be people it lists: a name or handle
    becomes the person's id (one spelling for one person), anything else is refused with
    "did you mean". Without one, owners are free text and pass as they are."""
    from backmap.people import owners

    people = ws.people
    try:
        out, respelled = owners.known_owners(people, fields)
    except owners.UnknownOwner as exc:
        from backmap.text import slugify

        assert people is not None  # only a people file refuses a name
        said = unknown_person(people, exc.name, f"{_option(exc.field)}: ")
        said += " " if said.endswith("?") else ". "
        raise error(
            f'{said}Someone new: backmap person add {slugify(exc.name) or "ID"} --name "{exc.name}"'
        ) from None
    for change in respelled:
        print(
            f"{_option(change.field)}: {change.given!r} is `{change.id}`; writing the id",
            file=sys.stderr,
        )
    return out


def _option(field: str) -> str:
    return "--" + field.replace("_", "-")
