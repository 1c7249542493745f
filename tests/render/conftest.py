"""Maps for the export tests, built from literals: a small complete one and a hostile one."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from backmap.model import MapFile, Node, Workspace

TODAY = date(2027, 1, 15)

SMALL: list[dict[str, Any]] = [
    {
        "id": "happy",
        "kind": "outcome",
        "title": "Employees are happy",
        "description": "People look forward to Monday.",
    },
    {"id": "impact", "kind": "outcome", "title": "Models move business metrics"},
    {
        "id": "less-stress",
        "kind": "goal",
        "title": "Reduce stress",
        "supports": ["happy"],
        "owner": "dana",
        "sub_owner": "omer",
        "status": "active",
    },
    {
        "id": "time-off",
        "kind": "goal",
        "title": "Time off is really off",
        "supports": ["less-stress"],
        "owner": "dana",
        "due": "2027-06-30",
    },
    {
        "id": "no-spof",
        "kind": "goal",
        "title": "No single points of failure",
        "supports": ["less-stress", "impact"],
        "owner": "omer",
    },
    {
        "id": "lonely-goal",
        "kind": "goal",
        "title": "A goal nothing works on yet",
        "supports": ["impact"],
    },
    {
        "id": "quiet-hours",
        "kind": "initiative",
        "title": "Quiet hours in chat after 7pm",
        "supports": ["time-off"],
        "owner": "maya",
        "status": "active",
        "progress": 40,
        "due": "2027-01-01",
    },
    {
        "id": "rota",
        "kind": "initiative",
        "title": "Shared on-call rota with the platform team",
        "supports": ["no-spof", "time-off"],
        "owner": "kofi",
        "sub_owner": "lena",
        "status": "done",
    },
    {
        "id": "standup",
        "kind": "initiative",
        "title": "Daily stand-up for the whole group",
        "supports": ["less-stress"],
        "owner": "maya",
        "status": "dropped",
    },
    {
        "id": "buddy",
        "kind": "initiative",
        "title": "An onboarding buddy for every new hire",
        "supports": ["no-spof"],
        "status": "idea",
    },
    {
        "id": "vector-db",
        "kind": "initiative",
        "title": "Try a vector database",
        "owner": "ravi",
        "status": "planned",
    },
]

# A goal with enough initiatives to be packed in columns beside it, one of which also serves
# the goal above (a dashed link), and one that also serves a goal elsewhere (named only).
PACKED: list[dict[str, Any]] = [
    {"id": "calm", "kind": "outcome", "title": "A calm team"},
    {"id": "focus", "kind": "goal", "title": "Time to focus", "supports": ["calm"]},
    {"id": "quiet", "kind": "goal", "title": "Fewer interruptions", "supports": ["focus"]},
    {"id": "sleep", "kind": "goal", "title": "Nights off", "supports": ["calm"]},
    *(
        {"id": f"step-{k}", "kind": "initiative", "title": f"Step {k}", "supports": ["quiet"]}
        for k in range(1, 6)
    ),
    {
        "id": "no-pings",
        "kind": "initiative",
        "title": "No pings after 7pm",
        "supports": ["quiet", "focus", "sleep"],
        "metric": {"name": "after-hours msgs", "baseline": 60, "target": 10, "current": 25},
    },
]

NASTY_TITLE = 'Say "hi" <script>alert(1)</script> {x} [y] \\N \\l a\\b\nline two & #35; `end`'
HOSTILE: list[dict[str, Any]] = [
    {
        "id": "end",
        "kind": "outcome",
        "title": NASTY_TITLE,
        "description": '</title><script>alert("d")</script> \\" ];',
    },
    {
        "id": "graph",
        "kind": "goal",
        "title": 'x"]; evil -> end [label="pwned',
        "supports": ["end"],
        "owner": "<b>boss</b>",
    },
    {
        "id": "o-x",
        "kind": "goal",
        "title": "subgraph end; click n_end call alert()",
        "supports": ["end"],
    },
    {
        "id": "node",
        "kind": "initiative",
        "title": "A --> B ]] ))) {{ }} <img src=x onerror=1>",
        "supports": ["graph", "o-x"],
        "owner": "a|b",
        "status": "active",
    },
    {
        "id": "edge",
        "kind": "initiative",
        "title": "http://example.com/ <a href='x'>link</a>",
        "supports": ["graph"],
    },
]


def workspace(
    nodes: list[dict[str, Any]],
    title: str = "Test map",
    root: Path | None = None,
    shuffle: int | None = None,
    shuffle_supports: bool = True,
) -> Workspace:
    """A one-file workspace; `shuffle` reorders nodes and (unless told not to) their supports
    with that seed."""
    items = [dict(n) for n in nodes]
    if shuffle is not None:
        rng = random.Random(shuffle)
        rng.shuffle(items)
        for item in items:
            if "supports" in item and shuffle_supports:
                item["supports"] = rng.sample(item["supports"], len(item["supports"]))
    path = root or Path("map.yaml")
    mapfile = MapFile(backmap=1, title=title, nodes=[Node(**n) for n in items])
    return Workspace(path, {path: mapfile})


@pytest.fixture
def small() -> Workspace:
    return workspace(SMALL, "The ideal group")


@pytest.fixture
def hostile() -> Workspace:
    return workspace(HOSTILE, 'Title with <script>alert("t")</script> & "quotes"')


# Terminal escapes: what a title, an owner or an argument could use to drive the terminal that
# shows it. The loader refuses control characters in map text; what it lets through (line and
# paragraph separators, bidi controls) must reach a terminal escaped, and exports stay valid.
TERMINAL_REFUSED = [
    "\x1b]0;PWNED\x07\x1b[2J",  # retitle the window, clear the screen
    "\x1b]52;c;cm0gLXJmIH4=\x07",  # write the clipboard
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # a hidden hyperlink
    "\x1b[1A\x1b[2Kok",  # move up and rewrite a line
    "\x9b2J",  # the one-character CSI
    "fake\x08\x08\x08\x08real",  # backspaces over text
    "\x00null",
    "\x7fdel",
]
TERMINAL_ALLOWED = [
    "over\rwritten",  # a carriage return stays allowed in text, never raw on a terminal
    "line\u2028separator",
    "para\u2029graph",
    "\u202eevil\u202c reversed",
    "\u2066isolate\u2069",
]
