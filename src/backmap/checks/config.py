"""Check settings: defaults, the optional `backmap.toml` at the workspace root, CLI overrides."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from backmap.checks.findings import Severity

CONFIG_NAME = "backmap.toml"


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

    def wants(self, code: str) -> bool:
        if self.select and not code.startswith(self.select):
            return False
        return not (self.ignore and code.startswith(self.ignore))

    def with_overrides(self, **changes: Any) -> CheckConfig:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


class ConfigError(Exception):
    """A `backmap.toml` that cannot be used; the message names file and line."""


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(CheckConfig) if f.name != "source"}
_CODE = re.compile(r"BM[0-9]{0,3}")


def config_path(root: Path) -> Path:
    """Where a workspace's `backmap.toml` lives: in the folder, or beside the single file."""
    return (root if root.is_dir() else root.parent) / CONFIG_NAME


def load_config(root: Path) -> CheckConfig:
    """The `[check]` table of `backmap.toml` at the workspace root, or the defaults."""
    path = config_path(root)
    if not path.is_file():
        return CheckConfig()
    import tomllib  # only for a workspace that has the file

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (where[1], where[2]) if where else ("1", "1")
        message = re.sub(r"\s*\(at line.*\)", "", str(exc))
        raise ConfigError(f"{path}:{line}:{col}: error: {message}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}:1:1: error: cannot read: {exc}") from None
    table = data.get("check", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}:{_line_of(path, 'check')}:1: error: `check` must be a table")
    values: dict[str, Any] = {"source": path}
    for key, value in table.items():
        name = _KEYS.get(key)
        if name is None:
            raise ConfigError(
                f"{path}:{_line_of(path, key)}:1: error: unknown setting `{key}` in "
                f"[check]; known: {', '.join(sorted(_KEYS))}"
            )
        try:
            values[name] = _convert(name, value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{path}:{_line_of(path, key)}:1: error: `{key}`: {exc}") from None
    return CheckConfig(**values)


def _convert(name: str, value: Any) -> Any:
    if name in ("select", "ignore"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError('must be a list of rule codes, e.g. ["BM3", "BM501"]')
        return parse_codes(value)
    if name == "fail_on":
        return Severity.parse(str(value))
    if name in ("max_open_items", "max_sub_owned", "stale_days"):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError("must be a whole number of at least 1")
        return value
    if name == "near_duplicate":
        if not isinstance(value, (int, float)) or not 0 < value <= 1:
            raise ValueError("must be a number above 0 and at most 1, e.g. 0.8")
        return float(value)
    if name == "today":
        if not isinstance(value, date):
            raise TypeError("must be a date like 2027-01-31")
        return value
    raise ValueError(name)


def parse_codes(values: list[str]) -> tuple[str, ...]:
    """Rule codes or prefixes, upper-cased and validated: BM, BM3, BM30, BM301."""
    codes = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not _CODE.fullmatch(code):
                raise ValueError(f"{part.strip()!r} is not a rule code or prefix like BM3 or BM301")
            codes.append(code)
    return tuple(codes)


def _line_of(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith((key, f"[{key}]")):
            return number
    return 1
