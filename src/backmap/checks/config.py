"""Check settings: defaults, the optional `backmap.toml` at the workspace root, CLI overrides."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from backmap.checks.findings import Severity
from backmap.store.problems import FileProblems
from backmap.store.settings import CHECK_KEYS, parse_codes, read_settings

# parse_codes: --select and --ignore read rule codes as the file's lists do.
__all__ = ["CheckConfig", "ConfigError", "load_config", "parse_codes"]


@dataclass(frozen=True)
class CheckConfig:
    """Which rules run, what fails the run, and the thresholds rules use."""

    select: tuple[str, ...] = ()
    """Rule codes or prefixes to run (empty: all)."""
    ignore: tuple[str, ...] = ()
    """Rule codes or prefixes never to report."""
    fail_on: Severity = Severity.ERROR
    """Exit 1 when a finding at or above this severity is reported."""
    max_open_items: int = 8
    """BM304: more open items than this on one owner is a risk."""
    max_sub_owned: int = 8
    """BM707: being sub_owner of more open items than this is more than one can stand in for."""
    near_duplicate: float = 0.8
    """BM601: title similarity (0..1) from which two nodes look like the same thing."""
    stale_days: int = 35
    """BM411: an open item with no check-in for more than this many days is stale."""
    today: date | None = None
    """The date overdue is measured against (default: today)."""
    source: Path | None = field(default=None, compare=False)
    cache: Path | None = field(default=None, compare=False)
    """The cache folder where slow rules keep results between runs (None: nothing kept)."""

    def wants(self, code: str) -> bool:
        if self.select and not code.startswith(self.select):
            return False
        return not (self.ignore and code.startswith(self.ignore))

    def with_overrides(self, **changes: Any) -> CheckConfig:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


class ConfigError(Exception):
    """A `backmap.toml` that cannot be used; the message names file and line."""


_KEYS = {key: key.replace("-", "_") for key in CHECK_KEYS}


def load_config(root: Path) -> CheckConfig:
    """The `[check]` table of `backmap.toml` at the workspace root, or the defaults.

    The file is read and checked as loading the workspace does (store.settings), so every
    command refuses a broken file with the same words.
    """
    try:
        settings = read_settings(root)
    except FileProblems as exc:
        raise ConfigError("\n".join(str(p) for p in sorted(exc.problems))) from None
    values = {_KEYS[key]: value for key, value in settings.check.items()}
    return CheckConfig(**values, source=settings.path if settings.path.is_file() else None)
