"""Map data that is plainly valid, made into a MapFile without pydantic's validation.

Loading validates every node twice over otherwise: once as YAML, once by pydantic, whose
validators are built the first time they run (tens of milliseconds at every start) and
whose checks cost as much as the parse. Most map files are written by backmap itself or
kept by hand without mistakes; for those, the checks below (the very constraints of
`backmap.model`, for the values YAML gives) build the same objects pydantic would. Anything
they do not vouch for returns None, and pydantic decides, with its messages.

`tests/store/test_typed.py` holds this to `MapFile.model_validate`: same objects, same
fields set, or None.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel

from backmap.model import (
    ID_MAX,
    MAP_FIELDS,
    METRIC_FIELDS,
    NODE_FIELDS,
    NUMBER_LIMIT,
    Kind,
    MapFile,
    Metric,
    Node,
    Status,
)

QUICK_NODES = 15_000
"""Nodes of a file checked here rather than by pydantic. Building pydantic's validators
costs some 70 ms once; after that it checks a node some 1.2 us faster than this module, so
past about 50,000 nodes it is the quicker. Under 15,000 nodes this is. Counted in nodes, not
characters: a node's text (a long check-in history) is one string to either."""

M = TypeVar("M", bound=BaseModel)
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_RULE = re.compile(r"BM[0-9]{3}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BREAKS = re.compile("[\n\r\u2028\u2029]")
_KINDS = {kind.value: kind for kind in Kind}
_STATUSES = {status.value: status for status in Status}
_NODE_KEYS = frozenset(NODE_FIELDS)
_MAP_KEYS = frozenset(MAP_FIELDS)
_METRIC_KEYS = frozenset(METRIC_FIELDS)
_REQUIRED = frozenset({"id", "kind", "title"})
_LISTS = frozenset({"supports", "tags", "links", "paths", "ignore"})
_LIST_NAMES = ("supports", "tags", "links", "paths", "ignore")
_ABSENT = object()
_new = object.__new__
_set = object.__setattr__


def plain_text(text: str) -> bool:
    """Whether every string YAML reads from `text` is as free of control characters as the
    text itself: only double-quoted escapes (a backslash) can make one that the text, already
    searched for them, does not hold."""
    return "\\" not in text


def mapfile(data: dict[str, Any]) -> MapFile | None:
    """The MapFile pydantic would make of `data` (a YAML mapping from a text that passed
    `plain_text` and the control-character search, with `backmap: 1`), or None when any
    value needs pydantic's closer look."""
    if not data.keys() <= _MAP_KEYS or "title" not in data:
        return None
    title, description = data["title"], data.get("description")
    if type(title) is not str or not title:
        return None
    if description is not None and type(description) is not str:
        return None
    raw = data.get("nodes", [])
    if type(raw) is not list or len(raw) > QUICK_NODES:
        return None
    try:
        nodes = _nodes(raw)
    except TypeError:  # an unhashable value where a name or an id belongs
        return None
    if nodes is None:
        return None
    values = {"backmap": 1, "title": title, "description": description, "nodes": nodes}
    return _made(MapFile, values, set(data))


def _made(cls: type[M], values: dict[str, Any], given: set[str]) -> M:
    """An instance as pydantic's validation leaves it (see BaseModel.model_construct)."""
    obj = _new(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", given)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def _nodes(raw: list[Any]) -> list[Node] | None:
    """Every node of the list, or None at the first one pydantic must look at."""
    # Values found well-formed already: maps name the same ids, people and tags many times.
    ids: set[str] = set()
    names: set[str] = set()
    out: list[Node] = []
    append = out.append
    id_ok, rule_ok, date_ok, breaks = (
        _ID.fullmatch,
        _RULE.fullmatch,
        _DATE.fullmatch,
        _BREAKS.search,
    )
    kinds, statuses, node_keys, required, lists = _KINDS, _STATUSES, _NODE_KEYS, _REQUIRED, _LISTS
    absent, new, put, cls = _ABSENT, _new, _set, Node
    for item in raw:
        if type(item) is not dict:
            return None
        keys = item.keys()
        if not keys <= node_keys or not keys >= required:
            return None
        get = item.get
        node_id, kind, title = item["id"], item["kind"], item["title"]
        if type(node_id) is not str or type(kind) is not str or type(title) is not str:
            return None
        if node_id not in ids:
            if len(node_id) > ID_MAX or not id_ok(node_id):
                return None
            ids.add(node_id)
        kind = kinds.get(kind)
        if kind is None or not title:
            return None
        status = get("status")
        if status is not None:
            status = statuses.get(status) if type(status) is str else None
            if status is None:
                return None
        if keys.isdisjoint(lists):
            supports, tags, links, paths, ignore = [], [], [], [], []
        else:
            supports = get("supports", absent)
            if supports is absent:
                supports = []
            elif type(supports) is not list or not ids.issuperset(supports):
                if type(supports) is not list or not _strings(supports):
                    return None
                for parent in supports:
                    if parent not in ids:
                        if len(parent) > ID_MAX or not id_ok(parent):
                            return None
                        ids.add(parent)
            tags = get("tags", absent)
            if tags is absent:
                tags = []
            elif type(tags) is not list or not names.issuperset(tags):
                if type(tags) is not list or not _strings(tags) or any(map(breaks, tags)):
                    return None
                names.update(tags)
            links, paths, ignore = get("links", absent), get("paths", absent), get("ignore", absent)
            if links is absent:
                links = []
            elif type(links) is not list or not _strings(links):
                return None
            if paths is absent:
                paths = []
            elif type(paths) is not list or not _strings(paths):
                return None
            if ignore is absent:
                ignore = []
            elif type(ignore) is not list or not _strings(ignore) or not all(map(rule_ok, ignore)):
                return None
        owner, sub_owner = get("owner"), get("sub_owner")
        if owner is not None and owner not in names:
            if type(owner) is not str or breaks(owner):
                return None
            names.add(owner)
        if sub_owner is not None and sub_owner not in names:
            if type(sub_owner) is not str or breaks(sub_owner):
                return None
            names.add(sub_owner)
        description, checkins = get("description"), get("checkins")
        if (description is not None and type(description) is not str) or (
            checkins is not None and type(checkins) is not str
        ):
            return None
        personal, progress, due, metric = (
            get("personal"),
            get("progress"),
            get("due"),
            get("metric"),
        )
        if personal is not None and type(personal) is not bool:
            return None
        if progress is not None and not (
            (type(progress) is int or type(progress) is float) and 0 <= progress <= 100
        ):
            return None
        if due is not None:
            if type(due) is not str or not date_ok(due):
                return None
            try:
                due = date.fromisoformat(due)
            except ValueError:
                return None
        if metric is not None:
            metric = _metric(metric)
            if metric is None:
                return None
        node = new(cls)
        put(
            node,
            "__dict__",
            {
                "id": node_id,
                "kind": kind,
                "title": title,
                "description": description,
                "supports": supports,
                "owner": owner,
                "sub_owner": sub_owner,
                "personal": personal,
                "status": status,
                "progress": progress,
                "due": due,
                "metric": metric,
                "tags": tags,
                "links": links,
                "paths": paths,
                "ignore": ignore,
                "checkins": checkins,
            },
        )
        put(node, "__pydantic_fields_set__", set(keys))
        put(node, "__pydantic_extra__", None)
        put(node, "__pydantic_private__", None)
        append(node)
    return out


def _strings(values: list[Any]) -> bool:
    """Whether every item is a str (C speed: one set of their types)."""
    return not values or set(map(type, values)) == _STR


_STR = {str}


def _metric(raw: Any) -> Metric | None:
    if type(raw) is not dict:
        return None
    keys = raw.keys()
    if not keys <= _METRIC_KEYS or "name" not in keys:
        return None
    name, unit = raw["name"], raw.get("unit")
    if type(name) is not str or not name or (unit is not None and type(unit) is not str):
        return None
    numbers = [raw.get("baseline"), raw.get("target"), raw.get("current")]
    for value in numbers:
        if value is not None and not (
            (type(value) is int or type(value) is float) and -NUMBER_LIMIT <= value <= NUMBER_LIMIT
        ):
            return None
    baseline, target, current = numbers
    values = {
        "name": name,
        "unit": unit,
        "baseline": baseline,
        "target": target,
        "current": current,
    }
    return _made(Metric, values, set(keys))
