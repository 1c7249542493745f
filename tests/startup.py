"""What each entry point imports, probed in two fresh interpreters for the whole test run.

Each interpreter runs its steps in order, lightest first, and records every module loaded
after each step. A module missing from a step's set was imported neither by that step nor by
any step before it, so "this step does not import X" holds as if the step had run alone;
steps that must stay apart (the core alone, the text importers away from `check`) go in the
other interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from functools import cache

from tests.conftest import ROOT, session_folder

HEAVY = {"textual", "graphviz", "networkx", "rich", "matplotlib"}
NUMERICS = {"numpy", "onnxruntime", "tokenizers"}
CORE = [
    "backmap.model",
    "backmap.store",
    "backmap.edits",
    "backmap.hierarchy",
    "backmap.graph",
    "backmap.checks",
    "backmap.fit",
    "backmap.render.export",
]
MARK = "--- loaded so far ---"

HELP = "try:\n    cli.main({args!r})\nexcept SystemExit:\n    pass"
LOAD_IDEAL = (
    "from pathlib import Path\nfrom backmap import store\n"
    "from backmap.render.export import export\n"
    "ws = store.load(Path('maps/ideal-group.yaml'))"
)

# The command line, from `--help` to a graphviz export: each step imports more.
FRONT_END = {
    "help": "from backmap import cli\n" + HELP.format(args=["--help"]),
    "import --help": HELP.format(args=["import", "--help"]),
    "tree and fmt": "cli.main(['tree', '--map', 'maps/ideal-group.yaml'])\n"
    "cli.main(['fmt', '--check', '--map', 'maps'])",
    "check": "cli.main(['check', '--map', 'maps/org'])",
    "fit": "cli.main(['fit', 'paid expert consulting', '--map', 'maps/ideal-group.yaml'])",
    "markdown export": f"{LOAD_IDEAL}\nexport(ws, 'md')",
    "dot export": "export(ws, 'dot')",
}

# The core on its own, then what the importers and the report's numbers add to it.
CORE_AND_LIBRARIES = {
    "core": "\n".join(f"import {module}" for module in CORE),
    "text formats": (
        "from pathlib import Path\n"
        "from backmap.importing import read\n"
        "from backmap.importing.build import plan\n"
        "from backmap.model import Workspace\n"
        "from backmap.render.export import export\n"
        "outline = read(Path('p.csv'), 'csv', b'title,parent\\nA,\\nB,A\\n')\n"
        "ws = Workspace(Path('n.yaml'))\n"
        "assert not plan(outline, ws).problems\n"
        "export(ws, 'csv'); export(ws, 'opml'); export(ws, 'mm')"
    ),
    "report numbers": "import backmap.review.compute, backmap.review.markdown",
}


def modules_after(*steps: str) -> list[set[str]]:
    """Every module imported after each step of code, run in order in one fresh interpreter
    from the project root, output silenced."""
    lines = ["import contextlib, io, sys", "def loaded():", f"    print({MARK!r})"]
    lines += ["    print('\\n'.join(sorted(sys.modules)))"]
    for step in steps:
        lines.append("with contextlib.redirect_stdout(io.StringIO()):")
        lines += [f"    {line}" for line in step.splitlines()]
        lines.append("loaded()")
    out = subprocess.run(
        [sys.executable, "-c", "\n".join(lines)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return [set(part.split()) for part in out.split(MARK)[1:]]


@cache
def front_end() -> dict[str, set[str]]:
    """Modules loaded so far after each step of FRONT_END (one interpreter per session)."""
    return _once("front-end", lambda: modules_after(*FRONT_END.values()), FRONT_END)


@cache
def core_and_libraries() -> dict[str, set[str]]:
    """Modules loaded so far after each step of CORE_AND_LIBRARIES (one interpreter)."""
    return _once("core", lambda: modules_after(*CORE_AND_LIBRARIES.values()), CORE_AND_LIBRARIES)


def _once(
    name: str, probe: Callable[[], list[set[str]]], steps: dict[str, str]
) -> dict[str, set[str]]:
    """`probe`'s answer by step, probed once for the whole run: the first worker to ask runs
    it and leaves the answer in the run's folder, under a lock the others wait on."""
    try:
        import fcntl
    except ImportError:  # no locks to share by (Windows): each worker probes for itself
        return dict(zip(steps, probe(), strict=True))
    answer = session_folder() / f"imports-{name}.json"
    with open(answer.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not answer.exists():
            found = dict(zip(steps, probe(), strict=True))
            written = answer.with_suffix(".part")
            written.write_text(json.dumps({step: sorted(names) for step, names in found.items()}))
            written.replace(answer)  # whole or absent, should this worker stop half-way
        read = json.loads(answer.read_text())
    return {step: set(read[step]) for step in steps}


def packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}
