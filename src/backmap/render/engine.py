"""Which Graphviz program lays out the DOT and running it: graphviz-pure, or `dot` on request.

graphviz-pure (a Rust port of Graphviz shipped as a wheel) is a dependency, so a plain pip install
exports SVG and PNG with no system package. It has no PDF output: PDF comes from the system `dot`
when asked for, else a page that holds graphviz-pure's rendering as an image (see pdf.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from backmap.render.formats import ENGINES as ENGINES

PURE = "graphviz-pure"
PURE_VERSION = "0.2.2"
PURE_FORMATS = frozenset({"svg", "png", "jpeg", "dot", "plain", "json"})
TIMEOUT = 300.0

INSTALL_HINT = (
    f"install one with `pip install {PURE}=={PURE_VERSION}` (no system package needed), "
    "or install Graphviz (e.g. `apt install graphviz`, `brew install graphviz`) and use the "
    "system engine"
)


class EngineError(Exception):
    """No Graphviz program could be found, or it failed; the message says what to do."""


@dataclass(frozen=True)
class Engine:
    """A Graphviz program to run: graphviz-pure's or the system's `dot`."""

    name: str
    """'pure' or 'system'."""
    path: str

    def can(self, fmt: str) -> bool:
        return self.name == "system" or fmt in PURE_FORMATS


def _pure_path() -> str | None:
    # Beside the running Python first: a venv that is not activated still finds its own copy.
    exe = PURE + (".exe" if os.name == "nt" else "")
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / exe
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(PURE)


def find(name: str = "auto") -> Engine:
    """The engine called `name`: 'pure', 'system', or 'auto' (graphviz-pure, else `dot`)."""
    if name not in ENGINES:
        raise EngineError(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")
    if name in ("auto", "pure"):
        path = _pure_path()
        if path is not None:
            return Engine("pure", path)
        if name == "pure":
            raise EngineError(f"`{PURE}` was not found: `pip install {PURE}=={PURE_VERSION}`")
    system = shutil.which("dot")
    if system is not None:
        return Engine("system", system)
    if name == "system":
        raise EngineError(
            "the system engine needs Graphviz's `dot` on PATH: install Graphviz "
            f"(e.g. `apt install graphviz`, `brew install graphviz`), or use engine 'pure' "
            f"(`pip install {PURE}=={PURE_VERSION}`)"
        )
    raise EngineError(f"no Graphviz engine found: {INSTALL_HINT}")


def run(engine: Engine, source: str, fmt: str, *args: str) -> bytes:
    """Lay out and render `source` in `fmt` (a Graphviz -T format); raise EngineError on failure."""
    command = [engine.path, f"-T{fmt}", *args]
    try:
        done = subprocess.run(
            command, input=source.encode("utf-8"), capture_output=True, timeout=TIMEOUT
        )
    except OSError as exc:
        raise EngineError(f"cannot run {engine.path}: {exc}; {INSTALL_HINT}") from None
    except subprocess.TimeoutExpired:
        raise EngineError(
            f"{Path(engine.path).name} took more than {TIMEOUT:.0f} s; export less of the map "
            "(focus, max depth or split)"
        ) from None
    if done.returncode != 0 or not done.stdout:
        # Graphviz prints warnings on stderr too; keep only what explains the failure.
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise EngineError(
            f"{Path(engine.path).name} failed (exit {done.returncode}): " + " / ".join(detail)
        )
    return done.stdout
