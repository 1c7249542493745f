"""A seeded mutation fuzzer over the example maps, run through the real CLI entry point.

Each case mutates one file of an example map (bytes, lines, YAML tricks, control characters,
huge numbers, deep nesting...) and runs commands on it. A run is wrong when it shows a
traceback, exits with anything but 0, 1 or 2, prints a problem line not starting with
`file:line:col`, lets a raw control character reach the terminal, or takes too long.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

MAPS = Path(__file__).resolve().parents[2] / "maps"
SOURCES = ("ideal-group.yaml", "org")
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("tree",),
    ("status",),
    ("export", "-f", "md"),
    ("export", "-f", "json"),
    ("export", "-f", "mermaid"),
    ("fit", "weekly demand forecast for fresh produce"),
)
HANG_SECONDS = 20

# What a terminal must never receive raw: C0 controls but tab and newline, DEL, C1 controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: (error|warning): ")
SUMMARY_LINE = re.compile(
    r"^\d+ problems? in (the map|people\.yaml|focus\.yaml)(; nothing was changed)?$"
)

CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)] + [
    "\x85",
    "\x9b",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\u202e",
]
ESCAPES = [
    "\x1b]0;PWNED\x07\x1b[2J",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x9b2J",
    "a\nb",
    "a\u2029b",
    "a\rb",
]
HUGE = [
    "9" * 5000,
    "-" + "9" * 5000,
    "1e309",
    "-1e309",
    ".nan",
    ".inf",
    "-.inf",
    "0x" + "f" * 3000,
    "1" + "0" * 400 + ".5",
    "9" * 30,
    "1e308",
    "-1e15",
]
YAML_TRICKS = [
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!!binary ",
    "!custom ",
    "<<: *a",
    "? [complex, key]\n: value",
    "---\n",
    "...\n",
    "%YAML 1.1\n---\n",
    "\t",
    '"unterminated',
    "'unterminated",
    "|\n  block",
    ">-\n  folded",
    "yes",
    "~",
    "2027-02-30",
    "2027-13-01",
    "2027-01-01T10:00:00Z",
    "{",
    "[",
    "[ana, raj]",
    "{a: 1}",
    "- ",
    ": ",
    "# ",
    "\ufeff",
]


@dataclass
class Outcome:
    """What one command did on one input."""

    args: tuple[str, ...]
    code: int | None
    out: str
    err: str
    hang: bool = False

    def faults(self) -> list[str]:
        """What is wrong with this run; empty when it behaved."""
        found: list[str] = []
        if self.hang:
            return ["hang"]
        if "Traceback (most recent call last)" in self.err or self.code == 70:
            found.append("traceback")
        if self.code not in (0, 1, 2):
            found.append(f"exit {self.code}")
        if self.code == 2:
            lines = [line for line in self.err.splitlines() if not SUMMARY_LINE.match(line)]
            if not lines or not all(PROBLEM_LINE.match(line) for line in lines):
                found.append("line without file:line:col")
        if self.args[0] in ("check", "tree", "status", "fit") and (
            RAW_CONTROL.search(self.out) or RAW_CONTROL.search(self.err)
        ):
            found.append("raw control character")
        return found


@dataclass
class Tally:
    """Counts over a fuzzing run, for a before/after table."""

    inputs: int = 0
    runs: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    examples: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, outcome: Outcome, case: str) -> None:
        self.runs += 1
        for fault in outcome.faults():
            key = fault.split(" ")[0] if fault.startswith("exit") else fault
            self.faults[key] = self.faults.get(key, 0) + 1
            self.examples.setdefault(key, (case, outcome.err[-600:]))


class Hang(BaseException):
    """A command ran longer than HANG_SECONDS (BaseException: no handler may swallow it)."""


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise Hang()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_in_process(*args: str) -> Outcome:
    """`backmap ARGS` through `backmap.cli.main` in this process, output captured.

    An exception escaping `main` is what a user would see as a traceback, so it is recorded
    as one rather than raised.
    """
    import traceback

    from backmap.cli import main

    out, err = io.StringIO(), io.StringIO()
    code: int | None
    hang = False
    with redirect_stdout(out), redirect_stderr(err):
        try:
            with _deadline(HANG_SECONDS):
                code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except Hang:
            code, hang = None, True
        except Exception:
            traceback.print_exc(file=err)
            code = 1
    return Outcome(tuple(args), code, out.getvalue(), err.getvalue(), hang)


# --- mutations --------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _pick_value_line(rng: random.Random, lines: list[str]) -> int | None:
    candidates = [i for i, line in enumerate(lines) if re.match(r"^\s*-?\s*\w+: \S", line)]
    return rng.choice(candidates) if candidates else None


def _set_value(rng: random.Random, text: str, value: str, key: str | None = None) -> str:
    lines = _lines(text)
    if key is not None:
        candidates = [i for i, line in enumerate(lines) if re.match(rf"^\s*-?\s*{key}: ", line)]
        index = rng.choice(candidates) if candidates else None
    else:
        index = _pick_value_line(rng, lines)
    if index is None:
        return text
    head = lines[index].split(": ", 1)[0]
    lines[index] = f"{head}: {value}"
    return "\n".join(lines)


def _flip_byte(rng: random.Random, data: bytes) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + bytes([rng.randrange(256)]) + data[i + 1 :]


def _text_mutation(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    choice = rng.randrange(14)
    i = rng.randrange(len(lines))
    if choice == 0:
        del lines[i]
    elif choice == 1:
        lines.insert(i, lines[i])
    elif choice == 2:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif choice == 3:
        pos = rng.randrange(len(text) + 1)
        return text[:pos] + rng.choice(CONTROLS) + text[pos:]
    elif choice == 4:
        return _set_value(rng, text, rng.choice(HUGE), rng.choice(["progress", None, "baseline"]))
    elif choice == 5:
        trick = rng.choice(YAML_TRICKS)
        pos = rng.randrange(len(text) + 1)
        return text[:pos] + trick + text[pos:]
    elif choice == 6:
        depth = rng.choice([50, 300, 3000])
        nest = rng.choice(["[" * depth + "]" * depth, "{a: " * depth + "1" + "}" * depth])
        return _set_value(rng, text, nest)
    elif choice == 7:
        escaped = rng.choice(ESCAPES).encode("unicode_escape").decode("ascii")
        return _set_value(rng, text, '"' + escaped.replace('"', '\\"') + '"', "title")
    elif choice == 8:
        return _set_value(rng, text, rng.choice(ESCAPES).replace("\n", " "), "owner")
    elif choice == 9:
        lines[i] = " " * rng.choice([1, 2, 3]) + lines[i] if rng.random() < 0.5 else lines[i][1:]
    elif choice == 10:
        return text[: rng.randrange(len(text) + 1)]
    elif choice == 11:
        return _set_value(rng, text, rng.choice(YAML_TRICKS).strip() or "x")
    elif choice == 12:
        return _set_value(rng, text, "x" * rng.choice([300, 100_000]), "title")
    else:
        lines[i] = lines[i].replace("  ", "\t", 1)
    return "\n".join(lines)


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to three mutations of a file's bytes."""
    for _ in range(rng.choice([1, 1, 2, 3])):
        if rng.random() < 0.15 or not data:
            data = _flip_byte(rng, data) if data else b"\x00"
        else:
            text = data.decode("utf-8", errors="surrogateescape")
            text = _text_mutation(rng, text)
            data = text.encode("utf-8", errors="surrogateescape")
    return data


def make_case(rng: random.Random, where: Path) -> tuple[Path, str]:
    """Write one mutated map under `where`; returns the --map path and what was mutated."""
    source = rng.choice(SOURCES)
    if where.exists():
        shutil.rmtree(where)
    if source == "org":
        shutil.copytree(MAPS / "org", where)
        victim = rng.choice(sorted(where.glob("*.yaml")))
        target = where
    else:
        where.mkdir(parents=True)
        victim = where / source
        shutil.copy(MAPS / source, victim)
        target = victim
    victim.write_bytes(mutate(rng, victim.read_bytes()))
    return target, f"{source}:{victim.name}"


def fuzz(
    seed: int,
    cases: int,
    where: Path,
    runner: Callable[..., Outcome] = run_in_process,
    every_command: bool = False,
) -> Tally:
    """Run `cases` mutated inputs: `check` on each, plus one other command (or all of them)."""
    rng = random.Random(seed)
    tally = Tally()
    for n in range(cases):
        target, victim = make_case(rng, where / "case")
        commands = COMMANDS if every_command else (COMMANDS[n % len(COMMANDS)],)
        tally.inputs += 1
        for command in (("check",), *commands):
            extra = ("-o", str(where / "export.out")) if command[0] == "export" else ()
            outcome = runner(*command, *extra, "--map", str(target))
            tally.add(outcome, f"seed {seed} case {n} ({victim}): backmap {' '.join(command)}")
    return tally
