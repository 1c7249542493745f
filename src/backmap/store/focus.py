"""The optional focus file: found, read with every mistake placed at its line and column, and
saved; focus_text changes its text in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from backmap.people.focus import GROUPS, LIMIT, Focus, PeriodBlock, parse_period
from backmap.store.digests import digest_of
from backmap.store.disk import FOCUS_FILE, beside
from backmap.store.messages import describe
from backmap.store.outline import Outline
from backmap.store.parse import _nearest, read_text, side_yaml
from backmap.store.problems import FileProblems, Problem

Path_ = tuple[str | int, ...]
_KEYS = {
    1: "a period holds `people:` and `teams:`",
    3: "an entry holds `focus:` (node ids) and `lessons:`",
    5: "a lesson holds `text:` and `nodes:`",
}


def focus_path(root: Path) -> Path:
    """Where a workspace's focus file lives: in the folder, or beside the single map file."""
    return beside(root, FOCUS_FILE)


def load_focus(root: Path) -> Focus | None:
    """The workspace's focus file, None when it has none; FileProblems for a bad one."""
    path = focus_path(root)
    if not path.exists() and not path.is_symlink():
        return None
    text, digest = read_text(path)
    return parse_focus(path, text, digest)


def parse_focus(path: Path, text: str, digest: str) -> Focus:
    """One focus file's text, validated; FileProblems naming each mistake's place."""
    data, shape, problems = side_yaml(path, text)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FileProblems(
            [
                Problem(
                    path,
                    1,
                    1,
                    "the focus file holds periods (`2027-Q1:`), each with `people:` and "
                    f"`teams:`, not {describe(data)}",
                )
            ]
        )
    periods: dict[str, PeriodBlock] = {}
    for key, value in data.items():
        line, col = shape.keys.get((key,), (1, 1))
        try:
            parse_period(str(key))
        except ValueError as exc:
            problems.append(Problem(path, line, col, str(exc)))
            continue
        try:
            periods[key] = PeriodBlock.model_validate(value if value is not None else {})
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(_place(path, shape, (key, *err["loc"]), err))
    for key, block in periods.items():
        problems += _limits(path, shape, key, block)
    if problems:
        raise FileProblems(problems)
    lines = {
        (str(key), group, str(who)): shape.keys.get((key, group, who), (1, 1))[0]
        for key, block in periods.items()
        for group in GROUPS
        for who in getattr(block, group)
    }
    return Focus(path, periods, text, digest, lines)


def _limits(path: Path, shape: Outline, key: str, block: PeriodBlock) -> list[Problem]:
    out = []
    for group in GROUPS:
        for who, entry in getattr(block, group).items():
            for field, items in (("focus", entry.focus), ("lessons", entry.lessons)):
                if len(items) > LIMIT:
                    line, col = _nearest(shape.values, (key, group, who, field, LIMIT))
                    out.append(
                        Problem(
                            path,
                            line,
                            col,
                            f"`{who}` has {len(items)} {field} items in {key}; keep at most "
                            f"{LIMIT}: remove one",
                        )
                    )
            seen: set[str] = set()
            for index, node_id in enumerate(entry.focus):
                if node_id in seen:
                    line, col = _nearest(shape.values, (key, group, who, "focus", index))
                    out.append(Problem(path, line, col, f"`{node_id}` is twice in `{who}`'s focus"))
                seen.add(node_id)
    return out


def _place(path: Path, shape: Outline, loc: Path_, err: Any) -> Problem:
    kind = err["type"]
    if kind == "missing":
        line, col = _nearest(shape.keys, loc[:-1])
    elif kind == "extra_forbidden":
        line, col = shape.keys.get(loc) or _nearest(shape.keys, loc)
    else:
        line, col = shape.values.get(loc) or _nearest(shape.values, loc)
    where = " > ".join(str(part) for part in loc[:-1] if not isinstance(part, int))
    leaf = str(loc[-1])
    spot = f"{where} > {leaf}" if where else leaf
    found = describe(err.get("input"))
    if kind == "extra_forbidden":
        depth = len(loc) - 1 if not isinstance(loc[-2], int) else 5
        return Problem(path, line, col, f"unknown key `{leaf}` in {where}: {_KEYS.get(depth, '')}")
    if kind == "missing":
        return Problem(path, line, col, f"a lesson in {where} has no `text`: add `text: ...`")
    if kind == "string_pattern_mismatch" and ("focus" in loc or "nodes" in loc):
        return Problem(
            path,
            line,
            col,
            f"{found} in {where} is not a node id: use lowercase letters, digits and '-'",
        )
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return Problem(path, line, col, f"{spot} must be a mapping of keys, not {found}")
    if kind == "list_type":
        return Problem(path, line, col, f"{spot} must be a list, not {found}")
    if kind == "string_pattern_mismatch":
        return Problem(path, line, col, f"{spot} must be text on one line")
    return Problem(path, line, col, f"{spot}: {err['msg']}, not {found}")


def reparse(focus: Focus | None, path: Path, text: str) -> Focus:
    """A focus file with new text, checked as the loader checks it (its digest stays the
    one on disk, so saving can tell whether the file changed meanwhile)."""
    digest = focus.digest if focus is not None else ""
    return parse_focus(path, text, digest)


def save_focus(old: Focus | None, new: Focus) -> None:
    """Write the focus file atomically, under the folder's lock; SaveError if it changed on
    disk since it was read (or appeared, for a new one)."""
    from backmap.store.stored import Origin
    from backmap.store.writing import Change, write_all

    origin = Origin(text=old.text, digest=old.digest) if old is not None else None
    data = new.text.encode("utf-8")
    write_all([Change(new.path, origin, data)], force=False)
    new.digest = digest_of(data)
