"""Turn pydantic's validation errors into messages a person editing YAML understands."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from backmap.fields import date_hint, no_such_date
from backmap.model import (
    CONTROL_CHARACTERS,
    ID_MAX,
    METRIC_FIELDS,
    NAME_PATTERN,
    NODE_FIELDS,
    NUMBER_LIMIT,
    PLAIN_PATTERN,
    Kind,
    Status,
)
from backmap.suggest import did_you_mean
from backmap.text import slugify

_ALLOWED = {
    "nodes": NODE_FIELDS,
    "metric": METRIC_FIELDS,
    "": ("backmap", "title", "description", "nodes"),
}
_NUMBER = "a number"
_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": _NUMBER,
    "bool_type": "true or false",
    "list_type": "a list like [a, b]",
    "dict_type": "a mapping of keys and values",
    "model_type": "a mapping of keys and values",
    "model_attributes_type": "a mapping of keys and values",
}


def describe(value: Any) -> str:
    """A short YAML-ish rendering of a value for a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > 64:
        # str() of a 5,000-digit int raises; its size is what the reader needs anyway.
        return f"a number of about {int((value.bit_length() - 1) * math.log10(2)) + 1} digits"
    if isinstance(value, float) and not math.isfinite(value):
        return "`.nan` (not a number)" if math.isnan(value) else "a number too large to hold"
    if isinstance(value, str):
        return f"`{value}`" if len(value) <= 40 else f"`{value[:37]}...`"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"`{value}`"


def field_name(loc: tuple[str | int, ...]) -> str:
    """The dotted field a location names, without the node prefix: 'metric.target'."""
    parts = (
        [str(p) for p in loc[2:] if not isinstance(p, int)]
        if loc[:1] == ("nodes",)
        else [str(p) for p in loc if not isinstance(p, int)]
    )
    return ".".join(parts) or "value"


_UNION_TAGS = frozenset({"int", "float", "str", "bool"})


_BOUNDS = frozenset({"greater_than_equal", "less_than_equal", "finite_number"})


def merge_unions(errors: list[Any]) -> list[Any]:
    """One error per field: pydantic reports each branch of a `int | float` union separately.

    A branch that took the value but found it out of range explains best; otherwise the
    field is simply not a number.
    """
    merged: dict[tuple[Any, ...], Any] = {}
    for error in errors:
        loc = tuple(error["loc"])
        if loc and loc[-1] in _UNION_TAGS:
            loc = loc[:-1]
            kind = error["type"] if error["type"] in _BOUNDS else "number_type"
            error = {**error, "loc": loc, "type": kind}
            if kind in _BOUNDS and merged.get(loc, {}).get("type") == "number_type":
                merged[loc] = error
        merged.setdefault(loc, error)
    return list(merged.values())


def message_for(error: Mapping[str, Any], data: Any) -> str:
    """One sentence for one pydantic error, naming the node it concerns when there is one."""
    loc: tuple[str | int, ...] = tuple(error["loc"])
    text = _message(error, loc)
    node_id = _node_id(loc, data)
    return f"node `{node_id}`: {text}" if node_id else text


def _reads_as_number(text: str) -> bool:
    """Whether quoted `text` would be a number without its quotes ("40", "2.5", "1e3")."""
    try:
        float(text.strip().replace("_", "x"))  # YAML reads 1_000 as text: so does this
    except ValueError:
        return False
    return text.strip().lower() not in ("nan", "inf", "-inf", "+inf", "infinity")


def _node_id(loc: tuple[str | int, ...], data: Any) -> str | None:
    if len(loc) < 2 or loc[0] != "nodes" or not isinstance(loc[1], int):
        return None
    try:
        node = data["nodes"][loc[1]]
    except (KeyError, IndexError, TypeError):
        return None
    node_id = node.get("id") if isinstance(node, dict) else None
    return node_id if isinstance(node_id, str) and node_id and loc[2:] != ("id",) else None


def _message(error: Mapping[str, Any], loc: tuple[str | int, ...]) -> str:
    kind = error["type"]
    value = error.get("input")
    name = field_name(loc)
    leaf = str(loc[-1]) if loc else ""
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _missing(loc, leaf)
    if kind == "number_type":
        if isinstance(value, str) and _reads_as_number(value):
            return f'`{name}` must be a number, not the text `"{value}"`; remove the quotes'
        if isinstance(value, str):
            return f"`{name}` must be a number, not the text `{value}`; write it in digits"
        return f"`{name}` must be a number, not {describe(value)}"
    if kind == "invalid_key":
        return _unknown_key((*loc[:-1], str(value)), str(value))
    if kind == "extra_forbidden":
        return _unknown_key(loc, leaf)
    if kind == "enum":
        choices = _choices(leaf)
        return f"`{name}` must be one of {choices}, not {describe(value)}"
    if kind in _BOUNDS:
        return _out_of_range(name, value)
    if kind in (
        "date_from_datetime_parsing",
        "date_parsing",
        "date_type",
        "date_from_datetime_inexact",
    ):
        return _bad_date(name, value)
    if kind == "string_too_short":
        return f"`{name}` must not be empty"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == PLAIN_PATTERN:
        return _control_character(name, str(value))
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == NAME_PATTERN:
        if _CONTROL.search(str(value)):
            return _control_character(name, str(value))
        return f"`{name}` must fit on one line: remove the line break"
    if kind == "string_unicode":
        return f"`{name}` holds bytes that are not text (not UTF-8); retype it"
    if kind == "string_pattern_mismatch" and leaf != "ignore" and "ignore" not in loc:
        return _bad_id(str(value))
    if kind == "string_too_long" and (leaf in ("id", "supports") or "supports" in loc):
        return _bad_id(str(value))
    if kind == "string_too_long":
        return f"`{name}` is longer than {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        return f"`{name}` entries are rule codes like BM201, not {describe(value)}"
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "")))
    if kind == "finite_number":
        return f"`{name}` must be a finite number, not {describe(value)}"
    if kind == "string_type" and leaf in ("owner", "sub_owner") and isinstance(value, list):
        return _several_owners(name, value)
    if kind in _TYPE_NAMES:
        wanted = _TYPE_NAMES[kind]
        hint = "; put it in quotes" if wanted == "text" and value is not None else ""
        if loc == ("nodes",) or (len(loc) == 2 and loc[0] == "nodes"):
            return _shape(loc, wanted, value)
        return f"`{name}` must be {wanted}, not {describe(value)}{hint}"
    if kind in ("int_from_float", "int_parsing", "float_parsing"):
        return f"`{name}` must be {_NUMBER}, not {describe(value)}"
    return f"`{name}`: {error.get('msg', 'invalid value')}"


def _out_of_range(name: str, value: Any) -> str:
    if name == "progress":
        return f"`progress` must be a number from 0 to 100, not {describe(value)}"
    return (
        f"`{name}` must be a number from -{NUMBER_LIMIT:.0e} to {NUMBER_LIMIT:.0e}, "
        f"not {describe(value)}"
    ).replace("e+", "e")


def _bad_date(name: str, value: Any) -> str:
    """A date in the right shape that does not exist says why; anything else shows the shape."""
    missing = no_such_date(value) if isinstance(value, str) else None
    if missing:
        return f"`{name}`: {missing}"
    hint = date_hint(value.strip()) if isinstance(value, str) else ""
    said = f"`{name}` must be a date written YYYY-MM-DD, like 2027-03-31, not {describe(value)}"
    return said + hint


_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def _control_character(name: str, value: str) -> str:
    found = _CONTROL.search(value)
    if found is None:  # the pattern and this search disagree; still say what the rule is
        return f"`{name}` must not contain control characters"
    return (
        f"`{name}` contains the control character U+{ord(found[0]):04X} at character "
        f"{found.start() + 1}: remove it (tabs and line breaks are fine)"
    )


def _several_owners(name: str, value: list[Any]) -> str:
    people = [p for p in value if isinstance(p, str)]
    if name == "owner" and len(people) == 2 == len(value):
        return (
            f"`owner` is one person, not a list: write `owner: {people[0]}` and "
            f"`sub_owner: {people[1]}` (the second person, who carries it when the owner is away)"
        )
    return (
        f"`{name}` is one person, not {describe(value)}: one person goes in `owner` and a "
        "second in `sub_owner`; name others in the description"
    )


def _bad_id(value: str) -> str:
    if len(value) > ID_MAX:
        return f"id `{value[:20]}...` is longer than {ID_MAX} characters"
    return (
        f"`{value}` is not a valid id: use lowercase letters, digits and '-', "
        f"starting with a letter or digit (e.g. `{slugify(value)}`)"
    )


def _shape(loc: tuple[str | int, ...], wanted: str, value: Any) -> str:
    if loc == ("nodes",):
        return (
            "`nodes` must be a list of nodes (each item starting `- id: ...`), "
            f"not {describe(value)}"
        )
    return (
        "each item of `nodes` must be a node (keys like `id:`, `kind:`, `title:`), "
        f"not {describe(value)}"
    )


def _missing(loc: tuple[str | int, ...], leaf: str) -> str:
    if leaf == "id":
        return "node has no `id`: add one, e.g. `id: reduce-stress` (lowercase, digits and '-')"
    if leaf == "kind":
        return "missing `kind`: add `kind: outcome`, `kind: goal` or `kind: initiative`"
    if leaf == "title" and len(loc) == 1:
        return "missing `title`: add a line like `title: The ideal data-science group`"
    if leaf == "backmap":
        return "missing format version: add `backmap: 1` as the first line"
    return f"missing `{leaf}`"


def _unknown_key(loc: tuple[str | int, ...], leaf: str) -> str:
    scope = "nodes" if loc[:1] == ("nodes",) and len(loc) == 3 else ""
    if "metric" in loc[:-1]:
        scope = "metric"
    allowed = _ALLOWED[scope]
    close = did_you_mean(leaf, allowed)
    where = {"nodes": "a node", "metric": "a metric", "": "a map file"}[scope]
    hint = f"; did you mean `{close}`?" if close else f"; {where} has: {', '.join(allowed)}"
    return f"unknown key `{leaf}` in {where}{hint}"


def _choices(leaf: str) -> str:
    values = [k.value for k in Kind] if leaf == "kind" else [s.value for s in Status]
    return ", ".join(values[:-1]) + " or " + values[-1]
