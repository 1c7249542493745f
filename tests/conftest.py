"""Shared test helpers: example maps, a temporary copy of them, and running the real CLI.

`run_cli` runs the entry point, `backmap.cli.main`, in this process: the command sees the
environment, folder, standard streams and exit codes it would see as `backmap` in a shell,
without a fresh interpreter each time. `run_process` runs `python -m backmap` in a child
process, for what only a real process shows (exit codes through the interpreter, crashes,
start-up time, signals, settings read at import).
"""

from __future__ import annotations

import gc
import io
import locale
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAPS = ROOT / "maps"
DATA = Path(__file__).resolve().parent / "data"
SHARED_DATA = ROOT.parent / "shared" / "data"


@dataclass
class Run:
    code: int
    out: str
    err: str


def cli_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a command runs in: this one without BACKMAP_MAP, no colour, no edit
    journal (tests never write to the user's), then `env`."""
    full = {k: v for k, v in os.environ.items() if k != "BACKMAP_MAP"}
    full.update({"NO_COLOR": "1", "BACKMAP_STATE_DIR": "off", **(env or {})})
    return full


def run_cli(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    input: str = "",
    terminal: bool = False,
) -> Run:
    """Run the real `backmap` entry point in this process, as a shell would run it, with
    `input` piped to its standard input, or typed on it when it is a `terminal` (output still
    goes to pipes, as with `backmap rm x 2>log` typed at a prompt)."""
    full_env = cli_env(env)
    # A child's output is a pipe, so help text wraps at 80 columns (argparse's fallback).
    full_env.setdefault("COLUMNS", "80")
    full_env.setdefault("LINES", "24")
    out, err = _pipe(getattr(sys.__stdout__, "errors", None) or "strict"), _pipe("backslashreplace")
    stdin = _Keyboard(input) if terminal else io.StringIO(input)
    with _environment(full_env), _folder(cwd), _streams(out, err, stdin):
        from backmap.cli import main

        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: usage errors, --help, --version
            code = _exit_code(exc)
        except Exception:  # what an interpreter shows, so assertions read it the same way
            traceback.print_exc()
            code = 1
    return Run(code, _read(out), _read(err))


def bm(where: Path, *args: str, state: Path | str | None = None) -> Run:
    """`backmap ARGS --map WHERE` through `run_cli`, with its undo journal in `state`: by
    default a `state` folder beside WHERE (in the test's temporary folder), so that `undo`
    and `redo` see the edits of the commands before them; "off" for no journal."""
    journal = where.parent / "state" if state is None else state
    return run_cli(*args, "--map", str(where), env={"BACKMAP_STATE_DIR": str(journal)})


def run_process(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    input: str = "",
    terminal: bool = False,
) -> Run:
    """Run `python -m backmap ARGS` in a fresh process, `input` piped to it, or typed on a real
    terminal (a pseudo-terminal) that is its standard input."""
    if not terminal:
        proc = subprocess.run(
            [sys.executable, "-m", "backmap", *args],
            input=input,
            capture_output=True,
            text=True,
            cwd=cwd,
            env=cli_env(env),
            timeout=60,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)
    import pty  # POSIX only, like the tests that type on a terminal

    keys, keyboard = pty.openpty()
    try:
        os.write(keys, input.encode())  # held by the terminal until the command reads it
        proc = subprocess.run(
            [sys.executable, "-m", "backmap", *args],
            stdin=keyboard,
            capture_output=True,
            text=True,
            cwd=cwd,
            env=cli_env(env),
            timeout=60,
        )
    finally:
        os.close(keys)
        os.close(keyboard)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def _pipe(errors: str) -> io.TextIOWrapper:
    """A text stream over bytes, like sys.stdout on a pipe (not a terminal; has a .buffer)."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=errors)


def _read(stream: io.TextIOWrapper) -> str:
    """What a parent reading the pipe with text=True gets: decoded, universal newlines."""
    stream.flush()
    data = stream.buffer.getvalue()
    text = data.decode(locale.getpreferredencoding(False))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


@contextmanager
def _environment(env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def _folder(cwd: Path | None) -> Iterator[None]:
    saved = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved)


class _Keyboard(io.StringIO):
    """Standard input that is a terminal on which the text has been typed."""

    def isatty(self) -> bool:
        return True


@contextmanager
def _streams(out: io.TextIOWrapper, err: io.TextIOWrapper, stdin: io.StringIO) -> Iterator[None]:
    """Standard streams as a child's: output to `out`/`err`, input from `stdin`, and the
    garbage collector as it was (a command must not change its caller's)."""
    saved = sys.stdin, sys.stdout, sys.stderr
    gc_state = gc.isenabled(), gc.get_freeze_count()
    sys.stdin, sys.stdout, sys.stderr = stdin, out, err
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        now = gc.isenabled(), gc.get_freeze_count()
        assert now == gc_state, f"the command left the garbage collector changed: {now}"


@pytest.fixture
def maps_copy(tmp_path: Path) -> Path:
    """A writable copy of the example maps folder."""
    target = tmp_path / "maps"
    shutil.copytree(MAPS, target)
    return target


@pytest.fixture
def cli():
    return run_cli


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (in addopts): for a run of the whole suite, a worker per core and one more, for
    a run of named files or tests none, where starting workers costs more than it saves.
    The editor's tests spend a third of their time waiting for the app to go idle (Pilot
    measures idle over 20 ms windows after every key): the extra worker runs meanwhile.
    PYTEST_XDIST_AUTO_NUM_WORKERS or an explicit `-n N` still decide."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    if config.args_source == pytest.Config.ArgsSource.ARGS:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1


def pytest_configure(config: pytest.Config) -> None:
    """One vector cache for the whole session, in a temporary folder: a map's texts are encoded
    once for every test, every worker and every child process, and tests never write to the
    user's cache. A run without the slow tests tries fewer examples of each property
    (tests/strategies.py). The cycle collector runs less often (see `_COLLECTOR`)."""
    gc.set_threshold(*_COLLECTOR)
    config.stash[_SESSION] = _session_folder()
    config.stash[_VECTORS] = config.stash[_SESSION] / "vectors"
    config.stash[_VECTORS].mkdir(exist_ok=True)
    os.environ["BACKMAP_CACHE_DIR"] = str(config.stash[_VECTORS])
    if _leaves_out_slow(config):
        from hypothesis import settings
        from tests import strategies

        strategies.quick = True
        settings.load_profile("quick")


def _session_folder() -> Path:
    """The run's temporary folder: made by the process pytest was started in, and the same one
    for each of its xdist workers (they inherit its environment), so that what one worker
    computes for the session (vectors, import probes) the others read back."""
    inherited = os.environ.get(_SESSION_FOLDER)
    if inherited and os.environ.get("PYTEST_XDIST_WORKER") and Path(inherited).is_dir():
        return Path(inherited)
    folder = Path(tempfile.mkdtemp(prefix="backmap-test-session-"))
    os.environ[_SESSION_FOLDER] = str(folder)
    return folder


def session_folder() -> Path:
    """The run's temporary folder shared by every worker (see `_session_folder`)."""
    return Path(os.environ[_SESSION_FOLDER])


def _leaves_out_slow(config: pytest.Config) -> bool:
    """A run with `-m "not slow"`: the contributor's, where properties try fewer examples."""
    return "not slow" in " ".join((config.option.markexpr or "").split())


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SESSION in config.stash and not os.environ.get("PYTEST_XDIST_WORKER"):
        shutil.rmtree(config.stash[_SESSION], ignore_errors=True)  # its maker removes it


_SESSION = pytest.StashKey[Path]()
_VECTORS = pytest.StashKey[Path]()
_SESSION_FOLDER = "BACKMAP_TEST_SESSION_DIR"

_COLLECTOR = (10_000, 20, 20)
"""The cycle collector's thresholds in a test process. A test process holds every test module,
hypothesis and textual, and each editor test makes and drops a whole app; at Python's default
(700, 10, 10) about a quarter of the editor tests' processor time went to full passes over it.
The same garbage is still collected, in fewer passes."""


@pytest.fixture(scope="session")
def vector_cache(pytestconfig: pytest.Config) -> Path:
    """The session's vector cache folder (BACKMAP_CACHE_DIR for every test and command)."""
    return pytestconfig.stash[_VECTORS]
