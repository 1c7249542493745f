"""Read the optional people file: every mistake placed at its line and column, like map files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from backmap.people.model import People, PeopleFile, Person
from backmap.store.disk import PEOPLE_FILE, beside
from backmap.store.messages import describe, merge_unions, message_for
from backmap.store.outline import Outline
from backmap.store.parse import _nearest, read_text, side_yaml
from backmap.store.problems import FileProblems, Problem
from backmap.suggest import did_you_mean

_PERSON_KEYS = tuple(Person.model_fields)


def people_path(root: Path) -> Path:
    """Where a workspace's people file lives: in the folder, or beside the single map file."""
    return beside(root, PEOPLE_FILE)


def load_people(root: Path) -> People | None:
    """The workspace's people, None when it has no people file; FileProblems for a bad one."""
    path = people_path(root)
    if not path.exists() and not path.is_symlink():
        return None
    text, digest = read_text(path)
    return parse_people(path, text, digest)


def parse_people(path: Path, text: str, digest: str) -> People:
    """One people file's text, validated; FileProblems naming each mistake's place."""
    data, shape, problems = side_yaml(path, text)
    if data is None:  # nobody listed would make every owner a stranger (BM701 on each)
        raise FileProblems(
            [
                Problem(
                    path,
                    1,
                    1,
                    "the people file is empty: add `people:` with a list, or delete the file",
                )
            ]
        )
    if not isinstance(data, dict):
        raise FileProblems(
            [
                Problem(
                    path,
                    1,
                    1,
                    "the people file holds `people:`, a list of people (each `- id: ...`, "
                    f"`name: ...`), not {describe(data)}",
                )
            ]
        )
    # A person listed twice is found in the raw list, so it comes with any other mistake.
    lines, twice = _first_lines(path, data, shape)
    problems += twice
    try:
        parsed = PeopleFile.model_validate(data)
    except ValidationError as exc:
        problems += [_place(path, err, data, shape) for err in merge_unions(exc.errors())]
        raise FileProblems(problems) from None
    if problems:
        raise FileProblems(problems)
    return People(path, parsed.people, lines, text, digest)


def _first_lines(path: Path, data: Any, shape: Outline) -> tuple[dict[str, int], list[Problem]]:
    """The line each person id is first listed at, and a problem for each later listing."""
    listed = data.get("people")
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for index, person in enumerate(listed if isinstance(listed, list) else []):
        person_id = person.get("id") if isinstance(person, dict) else None
        if not isinstance(person_id, str):
            continue
        person_id = person_id.strip()
        line, col = shape.keys.get(("people", index), (1, 1))
        if person_id in lines:
            id_line, id_col = shape.values.get(("people", index, "id"), (line, col))
            problems.append(
                Problem(
                    path,
                    id_line,
                    id_col,
                    f"person `{person_id}` is listed twice (first at line {lines[person_id]}): "
                    "keep one entry",
                )
            )
        else:
            lines[person_id] = line
    return lines, problems


def _place(path: Path, error: Any, data: Any, shape: Outline) -> Problem:
    """A validation error at the key or value it concerns, in the people file's words."""
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        line, col = _nearest(shape.keys, loc[:-1]) if loc[:-1] else (1, 1)
    elif kind == "extra_forbidden":
        line, col = shape.keys.get(loc) or _nearest(shape.keys, loc)
    else:
        line, col = shape.values.get(loc) or _nearest(shape.values, loc)
    return Problem(path, line, col, _message(error, loc, data))


def _message(error: Any, loc: tuple[Any, ...], data: Any) -> str:
    kind, leaf = error["type"], str(loc[-1]) if loc else ""
    found = describe(error.get("input"))
    person = _who(loc, data)
    who = f"person `{person}`: " if person else ""
    subject = f"person `{person}` " if person else "a person "
    if kind == "missing" and leaf in ("id", "name"):
        example = "maya" if leaf == "id" else "Maya Kowalski"
        return f"{subject}has no `{leaf}`: add one, e.g. `{leaf}: {example}`"
    if kind == "extra_forbidden":
        if len(loc) == 1:
            return f"unknown key `{leaf}` in the people file: it holds only `people:`"
        close = did_you_mean(leaf, list(_PERSON_KEYS))
        hint = f"did you mean `{close}`?" if close else f"a person has: {', '.join(_PERSON_KEYS)}"
        return f"{subject}has an unknown key `{leaf}`; {hint}"
    if loc in (("people",),) and kind == "list_type":
        return f"`people` must be a list of people (each `- id: ...`), not {found}"
    if len(loc) == 2 and kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"each item of `people` must be a person (`id:`, `name:`...), not {found}"
    if leaf in ("id", "manager") and kind in ("string_pattern_mismatch", "string_too_long"):
        value = str(error.get("input"))
        what = "a person's id" if leaf == "id" else "`manager` is a person's id, and"
        return f"{who}{what} `{value}` is not valid: use lowercase letters, digits and '-'"
    # The map's wording, for a field named as a node's field would be (`name`, not
    # `people.name`); the location names no node, so no node is named.
    inner = (*("nodes", 0), *loc[2:]) if len(loc) > 2 else loc
    return who + message_for({**error, "loc": inner}, {})


def _who(loc: tuple[Any, ...], data: Any) -> str:
    """The id of the person the error is inside, when it has a usable one; else ""."""
    if len(loc) < 3 or loc[0] != "people" or not isinstance(loc[1], int) or loc[2] == "id":
        return ""
    try:
        person_id = data["people"][loc[1]].get("id")
    except (KeyError, IndexError, TypeError, AttributeError):
        return ""
    return person_id if isinstance(person_id, str) else ""
