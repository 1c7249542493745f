"""Terminal styling with plain ANSI codes: colour only when wanted, never a dependency to import."""

from __future__ import annotations

import io
import os
import re
import sys
from typing import Any, TextIO

_CODES = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "strike": "9",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "grey": "90",
}


COLOR_MODES = ("auto", "always", "never")
"""What `--color` takes."""


def wants_color(mode: str = "auto", stream: TextIO | None = None) -> bool:
    """Colour for `--color always|never|auto`; auto honours NO_COLOR, FORCE_COLOR and ttys."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


class Style:
    """Applies named styles when colour is on; returns text unchanged when it is off."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not styles or not text:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"


class Muted(Style):
    """Draws everything dim, whatever the styles asked: how context around a match is shown."""

    def __call__(self, text: str, *styles: str) -> str:
        return super().__call__(text, "dim")


# What a terminal must never receive from map text or arguments: C0 controls but tab and
# newline (ESC starts sequences that retitle windows, clear screens, write the clipboard), DEL,
# C1 controls (U+009B is a one-character CSI), the Unicode line and paragraph separators (they
# split a `file:line:col` line for tools that read it) and the bidi overrides and isolates
# (they reorder what is shown). \uXXXX keeps JSON output valid and its meaning unchanged.
# A carriage return is unsafe alone (it rewrites the line), harmless before a line feed (CRLF).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)
# The only escape sequences let through: colours Style writes, and only when colour is on.
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def escape_controls(text: str) -> str:
    """`text` with every character that could drive a terminal shown as `\\uXXXX`."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


class SafeStream(io.TextIOBase):
    """A text stream that escapes control characters on their way to the wrapped stream.

    Everything the CLI prints goes through one of these (cli.main installs them), so no
    renderer or message has to remember to escape what it echoes.
    """

    def __init__(self, stream: TextIO, keep_colors: bool = False) -> None:
        self.stream = stream
        self.keep_colors = keep_colors

    def write(self, text: str) -> int:
        if text.isprintable():  # most lines: nothing to escape, found at C speed
            self.stream.write(text)
            return len(text)
        if self.keep_colors and "\x1b" in text:
            parts = _SGR.split(text)
            codes = _SGR.findall(text)
            safe = escape_controls(parts[0]) + "".join(
                code + escape_controls(part) for code, part in zip(codes, parts[1:], strict=True)
            )
        else:
            safe = escape_controls(text)
        self.stream.write(safe)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")

    @property
    def buffer(self) -> Any:
        """Bytes (a PNG, an export) go out unchanged: they are files, not terminal text."""
        return self.stream.buffer
