"""The output boundary: what reaches a terminal is escaped, colours and line ends stay."""

from __future__ import annotations

import io

from backmap.term import SafeStream, Style, escape_controls


def test_escape_controls() -> None:
    assert escape_controls("plain text, tabs\tand\nlines") == "plain text, tabs\tand\nlines"
    assert escape_controls("\x1b]0;PWNED\x07") == "\\u001b]0;PWNED\\u0007"
    assert escape_controls("a\r\nb\rc") == "a\r\nb\\u000dc"
    assert escape_controls("\x9b\u2028\u2029\u202e\x7f") == "\\u009b\\u2028\\u2029\\u202e\\u007f"
    assert escape_controls("ünïcödé 🎯 שלום") == "ünïcödé 🎯 שלום"


def test_safe_stream_keeps_only_its_own_colours() -> None:
    out = io.StringIO()
    stream = SafeStream(out, keep_colors=True)
    red = Style(True)("red", "red")
    stream.write(f"{red} \x1b]0;x\x07 \x1b[2J\n")
    assert out.getvalue() == "\x1b[31mred\x1b[0m \\u001b]0;x\\u0007 \\u001b[2J\n"


def test_safe_stream_without_colour_escapes_every_escape() -> None:
    out = io.StringIO()
    SafeStream(out).write(Style(True)("x", "bold"))
    assert out.getvalue() == "\\u001b[1mx\\u001b[0m"
