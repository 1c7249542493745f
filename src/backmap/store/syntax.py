"""Explain text that is not YAML: the real mistake's place (an open quote, a tab, a control
character) and what to do, rather than where the parser gave up."""

from __future__ import annotations

import re
from pathlib import Path

from backmap.model import CONTROL_CHARACTERS
from backmap.store.outline import Outline, OutlineSyntaxError, outline
from backmap.store.problems import Problem

_YAML_RS_POS = re.compile(r"line (\d+), column (\d+)")
# Characters YAML does not allow raw in a file (PyYAML refuses them; yaml-rs lets some through),
# the same the model refuses in text: C0 controls but tab, LF and CR, DEL, C1, U+FFFE, U+FFFF.
_RAW_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
_MAX_SHOWN = 20
_PREFIX = "YAML syntax error: "
_CONFLICT = re.compile(r"(<{7}|={7}|>{7})(?: .*)?")
_MAP_KEY = re.compile(r"^backmap[ \t]*:", re.MULTILINE)
_INDENT_SIGNS = (
    "did not find expected",
    "bad indentation",
    "expected <block end>",
    "mapping values are not allowed",
)
_KEY_VALUE_WITH_COLON = re.compile(r"\s*(?:- )?([\w-]+):[ \t]+([^'\"#\s][^#]*?:(?:\s.*)?)\s*")


_ASCII_CONTROLS = tuple(char for char in map(chr, range(128)) if _RAW_CONTROL.match(char))


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a character a map file may not; runs on every load, so fast."""
    if text.isascii():  # most maps: a C-speed search per character beats the regex 3 to 1
        return any(char in text for char in _ASCII_CONTROLS)
    return _RAW_CONTROL.search(text) is not None


def control_characters(path: Path, text: str) -> list[Problem]:
    """Each raw control character, at its place (the first few, then how many more)."""
    found = list(_RAW_CONTROL.finditer(text))
    problems = []
    for match in found[:_MAX_SHOWN]:
        line, col = _position(text, match.start())
        problems.append(
            Problem(
                path,
                line,
                col,
                f"the control character U+{ord(match[0]):04X} cannot be in a map file: "
                "remove it (an editor that shows invisible characters helps)",
            )
        )
    if len(found) > _MAX_SHOWN:
        last = problems[-1]
        more = len(found) - _MAX_SHOWN
        problems.append(
            Problem(path, last.line, last.col, f"and {more} more control characters after this")
        )
    return problems


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def explain_outline_error(path: Path, text: str, broken: OutlineSyntaxError) -> Problem:
    """The outline parser's account, reworded where it names a quote or a tab."""
    return (
        _conflict(path, text)
        or _quote(path, text, broken)
        or _tab(path, text, broken, None)
        or _advised(path, text, Problem(path, broken.line, broken.col, _PREFIX + broken.message))
    )


def explain(path: Path, text: str, exc: Exception) -> list[Problem]:
    """The clearest account of a text yaml-rs refused.

    Duplicate keys, anchors and tags come from the outline, with exact positions; an open
    quote is shown where it opens and a misplaced tab where it is. For other syntax errors
    yaml-rs's own position and reason read best; the outline's are the fallback.
    """
    conflict = _conflict(path, text)
    if conflict is not None:
        return [conflict]
    message = str(exc).strip()
    shape: Outline | None
    fallback: OutlineSyntaxError | None
    try:
        shape = outline(text)
    except OutlineSyntaxError as broken:
        shape, fallback = None, broken
    else:
        fallback = None
    if shape is not None and shape.refused:
        return [Problem(path, line, col, msg) for line, col, msg in shape.refused]
    found = _YAML_RS_POS.search(message)
    reason = message.splitlines()[-1] if message else ""
    better = (_quote(path, text, fallback) if fallback else None) or _tab(
        path, text, fallback, (found, reason)
    )
    if better is not None:
        return [better]
    if found:
        return [_advised(path, text, Problem(path, int(found[1]), int(found[2]), _PREFIX + reason))]
    if fallback is not None:
        problem = Problem(path, fallback.line, fallback.col, _PREFIX + fallback.message)
        return [_advised(path, text, problem)]
    return [Problem(path, 1, 1, _PREFIX + message)]


def _conflict(path: Path, text: str) -> Problem | None:
    """Git's conflict markers left in the file: the parser's complaint would point past them."""
    for number, line in enumerate(text.split("\n"), 1):
        if _CONFLICT.fullmatch(line.rstrip("\r")):
            return Problem(
                path,
                number,
                1,
                f"unresolved merge conflict at line {number}: resolve it (keep one side, and "
                "delete the <<<<<<<, ======= and >>>>>>> lines) and run again",
            )
    return None


def _advised(path: Path, text: str, problem: Problem) -> Problem:
    """The parser's complaint with what to do: not a map file at all, a colon to quote, a line
    indented out of step."""
    if _MAP_KEY.search(text) is None:
        return Problem(
            path,
            problem.line,
            problem.col,
            "not a map file: it has no `backmap: 1` line, and YAML cannot read it "
            f"({problem.message.removeprefix(_PREFIX)}); move it out of the workspace, or "
            "start it with `backmap: 1`, `title:` and `nodes:`",
        )
    advised = _colon(path, text, problem)
    return advised if advised is not problem else _indent(text, problem)


def _indent(text: str, problem: Problem) -> Problem:
    """A key indented by other spaces than the keys above it (`   title:` under `    kind:`):
    the parser names the line, not the reason."""
    if not any(sign in problem.message for sign in _INDENT_SIGNS):
        return problem
    lines = text.split("\n")
    at = problem.line - 1
    while 0 <= at < len(lines) and not lines[at].strip():
        at -= 1  # the parser may name the line after the one it gave up on
    above = at - 1
    while above >= 0 and (not lines[above].strip() or lines[above].lstrip().startswith("#")):
        above -= 1
    if not 0 < at < len(lines) or above < 0:
        return problem
    if lines[at].lstrip().startswith("- "):
        return _dash(lines, at, problem)
    here, there = _key_column(lines[at]), _key_column(lines[above])
    if here == there:
        return problem
    return Problem(
        problem.path,
        at + 1,
        problem.col,
        f"{problem.message}: line {at + 1} is indented {_spaces(here)}, the line above "
        f"{_spaces(there)}; the keys of one node line up under each other",
    )


def _dash(lines: list[str], at: int, problem: Problem) -> Problem:
    """A list item whose dash stands elsewhere than the dashes of the items above it."""
    here = len(lines[at]) - len(lines[at].lstrip(" "))
    for above in range(at - 1, -1, -1):
        body = lines[above].lstrip(" ")
        if body.startswith("- "):
            there = len(lines[above]) - len(body)
            if there == here:
                return problem
            return Problem(
                problem.path,
                at + 1,
                problem.col,
                f"{problem.message}: the item on line {at + 1} starts {_spaces(here)} in, the "
                f"one on line {above + 1} {_spaces(there)}; the items of one list line up "
                "under each other",
            )
    return problem


def _key_column(line: str) -> int:
    """Where a line's key starts: after its indentation and any list dash."""
    body = line.lstrip(" ")
    column = len(line) - len(body)
    while body.startswith("- "):
        body = body[2:].lstrip(" ")
        column = len(line) - len(body)
    return column


def _spaces(count: int) -> str:
    return f"{count} space" if count == 1 else f"{count} spaces"


def _colon(path: Path, text: str, problem: Problem) -> Problem:
    """`title: A: the best`: a colon and a space inside a value that is not quoted."""
    if "mapping values are not allowed" not in problem.message:
        return problem
    lines = text.split("\n")
    if not 1 <= problem.line <= len(lines):
        return problem
    found = _KEY_VALUE_WITH_COLON.fullmatch(lines[problem.line - 1])
    if found is None:
        return problem
    key, value = found[1], found[2].rstrip()
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    advice = f": put the {key} in quotes: {key}: {quoted}"
    return Problem(problem.path, problem.line, problem.col, problem.message + advice)


def _quote(path: Path, text: str, broken: OutlineSyntaxError) -> Problem | None:
    """A quoted text that never ends swallows the lines after it: point at its opening."""
    if broken.context != "while scanning a quoted scalar" or broken.opened is None:
        return None
    line, col = broken.opened
    lines = text.split("\n")
    quote = lines[line - 1][col - 1 : col] if line <= len(lines) else '"'
    quote = quote if quote in "\"'" else '"'
    return Problem(
        path,
        line,
        col,
        f"{_PREFIX}the quote `{quote}` that opens here is never closed: "
        f"end the text with `{quote}` on the same line",
    )


def _tab(
    path: Path,
    text: str,
    broken: OutlineSyntaxError | None,
    yaml_rs: tuple[re.Match[str] | None, str] | None,
) -> Problem | None:
    """A tab where YAML wants a space: say so, at the tab."""
    lines = text.split("\n")
    found = _tab_named_by_outline(broken, lines) or _tab_named_by_yaml_rs(yaml_rs, lines)
    if found is None:
        return None
    line, col = found
    before = lines[line - 1][: col - 1]
    if not before.strip():
        advice = "indent with spaces, not tabs"
    elif before.rstrip().endswith(":"):
        key = before.strip().removeprefix("- ")
        advice = f"after `{key}` use a space, not a tab"
    else:
        advice = "YAML needs a space here, not a tab"
    return Problem(path, line, col, f"{_PREFIX}a tab: {advice}")


def _tab_named_by_outline(
    broken: OutlineSyntaxError | None, lines: list[str]
) -> tuple[int, int] | None:
    if broken is None or "'\\t'" not in broken.message or broken.line > len(lines):
        return None
    return broken.line, broken.col


def _tab_named_by_yaml_rs(
    yaml_rs: tuple[re.Match[str] | None, str] | None, lines: list[str]
) -> tuple[int, int] | None:
    """yaml-rs names the tab, or points at it or just after it (after `key:`)."""
    if yaml_rs is None or yaml_rs[0] is None:
        return None
    line, col = int(yaml_rs[0][1]), int(yaml_rs[0][2])
    if not 1 <= line <= len(lines):
        return None
    raw = lines[line - 1]
    for at in (col - 1, col - 2):
        if 0 <= at < len(raw) and raw[at] == "\t":
            return line, at + 1
    if "tab" not in yaml_rs[1].lower():
        return None
    for near in (line, line + 1, line - 1):
        if 1 <= near <= len(lines) and "\t" in lines[near - 1]:
            return near, lines[near - 1].index("\t") + 1
    return None
