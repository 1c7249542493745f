"""Time the editor on generated maps: first screen (in tmux), cursor moves and field edits (Pilot).

The first screen is timed as a person sees it: from starting `python -m backmap -m MAP edit`
in a tmux pane (a whole process: imports, load, first paint) until the pane shows the map,
the selected node's form (its heading and its Title field holding the node's title) and the
status line. Cursor moves and field edits are timed in this process with Textual's Pilot,
once the work the editor starts by itself (the first check) has finished: a move is one Down
key until the form shows the next node and the screen is drawn; a field edit is Enter in the
Title field holding a new title, until the tree line, the form and the status line show it
and the screen is drawn; a filter is showing one owner's items (and the way up to them)
until the app is idle again.

Keys are sent as the terminal sends them and timed until the app has handled them and drawn
the result, with no fixed sleeps: `pilot.press` itself waits twice for 20 ms of idleness,
which would hide any key faster than 40 ms (`--pilot-press` times it that way, as this
script did before).

A checkout run with PYTHONDONTWRITEBYTECODE compiles every backmap module again on each
start (about 0.1 s of CPU) unless its bytecode is there; `--bytecode` compiles the package
first, as pip does when it installs it, and removes that bytecode afterwards.

`--startup` gives the processor time of start-up alone, by phase, in fresh processes run
headless (`--profile FILE` writes a cProfile of one): what a start costs the machine,
whatever else it is doing, as the tmux timing cannot say.

Each case runs several times on a fresh copy of the map (so no recovery file is left
behind); the table gives min and median of every timed event, in wall time and in the CPU
time the editor spent on it (the whole process for the first screen, the UI thread for a
key), which a machine busy with other work does not inflate the way it does wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.abc
import importlib.util
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from itertools import pairwise
from pathlib import Path
from typing import Any

from generate import DEFAULT_OUT, STANDARD_FILES, ensure_standard, parse_sizes
from speed import ensure_commented

FIRST = "first screen (tmux)"
SAVE = "first save, commented map"
TARGETS: dict[str, float | None] = {
    FIRST: 1.0,
    "cursor move": 0.05,
    "field edit": 0.05,
    "filter by owner": 1.0,
    SAVE: None,
}
Row = tuple[str, int, list[float], list[float]]
"""case, map size, wall seconds and CPU seconds of each event"""
SIZE = (120, 36)
SOCKET = "backmap-bench"  # a tmux server of its own, apart from the user's and the tests'


def _tmux(*args: str) -> str:
    cmd = ["tmux", "-L", SOCKET, *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _ready(screen: str, title: str) -> bool:
    """The first screen is complete: the status line, and the form showing a node: its
    heading, and its title in the Title field as well as on its tree line."""
    shown = "focus: map" in screen and "Nothing selected" not in screen and " · " in screen
    return shown and screen.count(title[:30]) >= 2


def _cpu_of(pid: str) -> float:
    """CPU seconds (user and system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def compiled() -> Iterator[None]:
    """The backmap package compiled to bytecode in place, as pip leaves it installed; the
    bytecode made here is removed afterwards."""
    import backmap

    package = Path(backmap.__file__).parent
    before = set(package.rglob("__pycache__"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    try:
        yield
    finally:
        for made in set(package.rglob("__pycache__")) - before:
            shutil.rmtree(made)


def first_screen(path: Path, title: str, timeout: float = 30.0) -> tuple[float, float]:
    """Seconds from starting `backmap -m MAP edit` in a tmux pane until its first screen shows
    (`title`: the first node's), and the CPU seconds the editor used until then (which a busy
    machine does not inflate)."""
    env = f"PYTHONPATH={shlex.quote(os.environ.get('PYTHONPATH', ''))}"
    command = f"env {env} {shlex.quote(sys.executable)} -m backmap -m {shlex.quote(str(path))} edit"
    session = f"first-{os.getpid()}"
    width, height = SIZE
    start = time.perf_counter()
    _tmux("new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), command)
    try:
        pid = _tmux("display", "-p", "-t", session, "#{pane_pid}").strip()
        while time.perf_counter() - start < timeout:
            if _ready(_tmux("capture-pane", "-t", session, "-p"), title):
                return time.perf_counter() - start, _cpu_of(pid)
            time.sleep(0.005)
        raise RuntimeError(f"the editor never showed its first screen on {path}")
    finally:
        _tmux("kill-session", "-t", session)


def probe(path: Path, profile: Path | None = None) -> dict[str, float]:
    """CPU seconds of one editor start-up, run in this (fresh) process as `backmap -m MAP
    edit` runs it: the interpreter and the imports, loading the map, then the app until its
    first screen is complete (the form showing the first node's title, nothing left to
    draw). Headless, so a busy machine's terminal does not count; `profile` writes a
    cProfile of it all."""
    import cProfile

    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    seen = {"start": time.process_time()}

    def run(app: Any, **_: Any) -> None:
        seen["imports and load"] = time.process_time()
        asyncio.run(_until_first_screen(app, seen, profiler))

    # Textual's App.run is replaced as it is imported, where the editor imports it (what
    # BackmapApp.run does first still runs).
    sys.meta_path.insert(0, _Patch("textual.app", lambda module: setattr(module.App, "run", run)))
    from backmap.cli import main as cli_main

    cli_main(["-m", str(path), "edit"])  # closing the app is not timed
    if profiler:
        profiler.dump_stats(str(profile))
    phases = ["start", "imports and load", "first screen"]
    out = {"start": seen["start"]}
    out.update({b: seen[b] - seen[a] for a, b in pairwise(phases)})
    out["total"] = seen["first screen"]
    return out


class _Patch(importlib.abc.MetaPathFinder):
    """Calls `patch` on module `name` once it is imported."""

    def __init__(self, name: str, patch: Callable[[Any], None]) -> None:
        self.name, self.patch = name, patch

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        loader = spec.loader if spec else None
        if spec is None or loader is None:
            return spec
        execute = loader.exec_module

        def exec_module(module: Any) -> None:
            execute(module)
            self.patch(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


async def _until_first_screen(app: Any, seen: dict[str, float], profiler: Any) -> None:
    from textual.widgets import Input

    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        while True:
            await pilot._wait_for_screen()
            pending = screen._layout_required or screen._repaint_required or screen._dirty_widgets
            if pending:
                screen._on_timer_update()
                continue
            node_id = app.details.node_id
            boxes = app.query("#field-title")
            if node_id and boxes and boxes.first(Input).value == app.workspace.node(node_id).title:
                seen["first screen"] = time.process_time()
                if profiler:
                    profiler.disable()
                return
            await asyncio.sleep(0.001)


def startup(path: Path, runs: int, profile: Path | None = None) -> list[dict[str, float]]:
    """`probe` in `runs` fresh processes (this PYTHONPATH's backmap)."""
    import json

    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); from editor import probe; "
        "from pathlib import Path; profile = Path(sys.argv[3]) if sys.argv[3:] else None; "
        "print(json.dumps(probe(Path(sys.argv[2]), profile)))"
    )
    here = str(Path(__file__).resolve().parent)
    found = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            copy = _copy(path, Path(tmp))
            done = subprocess.run(
                [sys.executable, "-c", code, here, str(copy), *([str(profile)] if profile else [])],
                capture_output=True,
                text=True,
                check=True,
            )
        found.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return found


def _print_startup(size: int, runs: list[dict[str, float]]) -> None:
    print("| start-up CPU, headless | size | runs | min s | median s |")
    print("| --- | --- | --- | --- | --- |")
    for phase in runs[0]:
        values = [run[phase] for run in runs]
        print(
            f"| {phase} | {size:,} | {len(values)} | {min(values):.3f} | "
            f"{statistics.median(values):.3f} |"
        )


KEYS = {"down": None, "enter": "\r", "ctrl+s": "\x13"}


async def _key(app: Any, pilot: Any, key: str, done: Callable[[], bool], press: bool) -> None:
    """One key, until `done()` holds and the screen has drawn everything the key changed."""
    if press:
        await pilot.press(key)
        return
    from textual import events

    app.post_message(events.Key(key, KEYS[key]))
    screen = app.screen
    for _ in range(10_000):
        await pilot._wait_for_screen()  # every message queued so far is handled
        pending = screen._layout_required or screen._repaint_required or screen._dirty_widgets
        if pending:
            screen._on_timer_update()  # what the screen's refresh timer does, without waiting
        elif done():
            return
        else:  # a message is on its way between widgets: let it arrive
            await asyncio.sleep(0.001)
    raise RuntimeError(f"the editor never finished handling {key!r}")


async def _started(app: Any, pilot: Any) -> None:
    """Wait until the work the editor starts by itself is done: the first check (which would
    compete with every key) and any other start-up worker."""
    await pilot.pause()
    while app.result is None:
        await asyncio.sleep(0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def interact(
    path: Path, moves: int, changes: int, press: bool = False
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Cursor moves and field edits, timed with Pilot once the start-up work is done."""
    from textual.widgets import Input

    from backmap import store
    from backmap.filters import Filter
    from backmap.tui.app import BackmapApp
    from backmap.tui.widgets.details import Details
    from backmap.tui.widgets.map_tree import MapTree

    app = BackmapApp(store.load(path))
    out: dict[str, list[float]] = {case: [] for case in TARGETS if case not in (FIRST, SAVE)}
    cpu: dict[str, list[float]] = {case: [] for case in out}
    async with app.run_test(size=SIZE) as pilot:
        await _started(app, pilot)
        tree = app.query_one(MapTree)
        details = app.query_one(Details)
        tree.focus()
        await pilot.pause()
        for _ in range(moves):
            line = tree.cursor_line
            t, c = time.perf_counter(), time.thread_time()
            await _key(
                app,
                pilot,
                "down",
                lambda line=line: (
                    tree.cursor_line == line + 1 and details.node_id == tree.current_id()
                ),
                press,
            )
            out["cursor move"].append(time.perf_counter() - t)
            cpu["cursor move"].append(time.thread_time() - c)
        title = app.query_one("#field-title", Input)
        for i in range(changes):
            title.focus()
            title.value = wanted = f"Renamed {i}"
            await pilot.pause()
            node_id = tree.current_id() or ""
            cursor = tree.cursor_node

            def shown(wanted: str = wanted, node_id: str = node_id, cursor: Any = cursor) -> bool:
                return (
                    app.workspace.node(node_id).title == wanted
                    and cursor is not None
                    and wanted in str(cursor.label)
                    and app.history.dirty
                )

            t, c = time.perf_counter(), time.thread_time()
            await _key(app, pilot, "enter", shown, press)
            out["field edit"].append(time.perf_counter() - t)
            cpu["field edit"].append(time.thread_time() - c)
            assert shown()
        # A filter: the matches of one owner, opened with the way up, until the app is idle.
        owner = next(n.owner for n in app.workspace.nodes() if n.owner)
        for _ in range(changes):
            t, c = time.perf_counter(), time.thread_time()
            app.map_filter = Filter(owners=(owner,))
            await pilot.pause()
            out["filter by owner"].append(time.perf_counter() - t)
            cpu["filter by owner"].append(time.thread_time() - c)
            app.map_filter = Filter()
            await pilot.pause()
        app.history.mark_saved()
    return out, cpu


async def first_save(path: Path, press: bool = False) -> tuple[float, float]:
    """A commented map (as people keep theirs: saving needs the comments, found on first
    use): once the start-up work is done, one field edit, then at once ctrl+s, timed until
    the file is written and the status line says so. Returns wall and UI-thread CPU seconds."""
    from textual.widgets import Input

    from backmap import store
    from backmap.tui.app import BackmapApp

    app = BackmapApp(store.load(path))
    async with app.run_test(size=SIZE) as pilot:
        await _started(app, pilot)
        title = app.query_one("#field-title", Input)
        title.focus()
        title.value = wanted = "Renamed before the first save"
        await pilot.pause()
        await _key(app, pilot, "enter", lambda: app.history.dirty, press)
        assert app.workspace.node(app.details.node_id or "").title == wanted
        # Saved right away, as people do after an edit: the recovery file may be on its way.
        t, c = time.perf_counter(), time.thread_time()
        await _key(app, pilot, "ctrl+s", lambda: not app.history.dirty, press)
        wall, cpu = time.perf_counter() - t, time.thread_time() - c
    assert "Renamed before the first save" in path.read_text(encoding="utf-8")
    return wall, cpu


def _first_title(path: Path) -> str:
    """The title of the map's first node: the one the editor shows first (generated maps
    start with an outcome)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip().startswith("title:") and line.startswith("    "):
                return line.split(":", 1)[1].strip().strip("\"'")
    raise RuntimeError(f"no node title in {path}")


def _copy(single: Path, into: Path) -> Path:
    target = into / single.name
    shutil.copy(single, target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=parse_sizes, default=[1_000, 10_000])
    parser.add_argument("--runs", type=int, default=5, help="runs of each case (default 5)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-tmux", action="store_true", help="skip the first-screen timing")
    parser.add_argument(
        "--bytecode",
        action="store_true",
        help="compile the package first, as installing it does (a checkout run with "
        "PYTHONDONTWRITEBYTECODE compiles it on every start)",
    )
    parser.add_argument(
        "--startup",
        action="store_true",
        help="only the CPU time of start-up, headless in fresh processes, by phase",
    )
    parser.add_argument(
        "--profile", type=Path, help="write a cProfile of one headless start-up to this file"
    )
    parser.add_argument(
        "--pilot-press",
        action="store_true",
        help="time keys with pilot.press (adds two 20 ms idle waits to every key)",
    )
    args = parser.parse_args(argv)
    tmux = not args.no_tmux and shutil.which("tmux") is not None
    with compiled() if args.bytecode else nullcontext():
        if args.startup or args.profile:
            return _startup(args)
        rows = _run(args, tmux)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("backmap's bytecode:", "compiled first" if args.bytecode else "as found")
    _print(rows)
    return 0


def _startup(args: argparse.Namespace) -> int:
    maps = ensure_standard(args.out, args.sizes, STANDARD_FILES)
    for size in args.sizes:
        single, _ = maps[size]
        if args.profile:
            startup(single, 1, args.profile.resolve())
            print(f"cProfile of a start-up on {size:,} nodes written to {args.profile}")
        else:
            _print_startup(size, startup(single, args.runs))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


def _run(args: argparse.Namespace, tmux: bool) -> list[Row]:
    maps = ensure_standard(args.out, args.sizes, STANDARD_FILES)
    rows: list[Row] = []
    for size in args.sizes:
        single, _ = maps[size]
        times: dict[str, list[float]] = {case: [] for case in TARGETS}
        cpu: dict[str, list[float]] = {case: [] for case in TARGETS}
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                if tmux:
                    wall, used = first_screen(_copy(single, Path(tmp)), _first_title(single))
                    times[FIRST].append(wall)
                    cpu[FIRST].append(used)
            with tempfile.TemporaryDirectory() as tmp:
                copy = _copy(single, Path(tmp))
                walls, used_by = asyncio.run(interact(copy, 10, 4, args.pilot_press))
                for case in walls:
                    times[case] += walls[case]
                    cpu[case] += used_by[case]
            with tempfile.TemporaryDirectory() as tmp:
                copy = _copy(ensure_commented(single), Path(tmp))
                wall, used = asyncio.run(first_save(copy, args.pilot_press))
                times[SAVE].append(wall)
                cpu[SAVE].append(used)
        rows += [(case, size, times[case], cpu[case]) for case in TARGETS if times[case]]
    return rows


def _print(rows: list[Row]) -> None:
    print(
        "| case | size | events | wall min s | wall median s | CPU min s | CPU median s "
        "| target s | ok? |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for case, size, seen, used in rows:
        median = statistics.median(seen)
        target = TARGETS[case]
        ok = "—" if target is None else "yes" if median <= target else "NO"
        print(
            f"| {case} | {size:,} | {len(seen)} | {min(seen):.3f} | {median:.3f} | "
            f"{min(used):.3f} | {statistics.median(used):.3f} | {target or '—'} | {ok} |"
        )


if __name__ == "__main__":
    sys.exit(main())
