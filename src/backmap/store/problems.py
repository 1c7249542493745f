"""What goes wrong at the store's boundary: one problem per mistake, gathered into one exception."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at a 1-based line and column."""

    path: Path
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        # Line 0: the problem is the file or folder as a whole, at no place in it.
        place = f"{self.path}:{self.line}:{self.col}" if self.line > 0 else str(self.path)
        return _one_line(f"{place}: error: {self.message}")


def _one_line(text: str) -> str:
    """A problem is one line: a line break in an echoed value must not start a new one."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


class FileProblems(Exception):
    """Every problem found in one file's text; the loader gathers them into one LoadError."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


class StoreError(Exception):
    """Base of the store's errors; holds every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line, p.col, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class LoadError(StoreError):
    """A workspace could not be read: bad YAML, not a map, invalid fields, duplicate ids...

    `empty_folder` is the folder opened when it holds no map file at all (so a front end can
    say how to start one); None otherwise.
    """

    def __init__(self, problems: list[Problem], empty_folder: Path | None = None) -> None:
        super().__init__(problems)
        self.empty_folder = empty_folder


class SaveError(StoreError):
    """A workspace could not be written: a file changed on disk, or the disk refused.

    `written` names the files that hold the new text all the same (a failed save puts every
    file back as it was, so this is empty unless putting one back failed too). `conflicts`
    names the files refused only because they changed, appeared or vanished on disk since
    they were loaded: the refusals that saving with `force` overrides.
    """

    def __init__(
        self,
        problems: list[Problem],
        written: list[Path] | None = None,
        conflicts: list[Path] | None = None,
    ) -> None:
        super().__init__(problems)
        self.written = list(written or [])
        self.conflicts = list(conflicts or [])


class NoWorkspace(Exception):
    """No map was opened: the one named does not exist, or none was named and none was found
    where backmap looks. Each front end words it (naming its own option for the path)."""

    def __init__(
        self,
        message: str,
        nearby: list[Path] | None = None,
        *,
        missing: Path | None = None,
        named_by: str | None = None,
        looked_in: tuple[Path, ...] = (),
        beside: Path | None = None,
    ) -> None:
        super().__init__(message)
        self.nearby = nearby or []
        """Map files in the folder that backmap does not open on its own (`team.yaml`)."""
        self.missing = missing
        """The path named that does not exist (None: no path was named)."""
        self.named_by = named_by
        """Who named `missing`: None for the caller, or the environment variable."""
        self.looked_in = looked_in
        """Where backmap looked, in order, when no path was named."""
        self.beside = beside
        """The path named is a workspace's people or focus file, not a map (named by
        `named_by`)."""
