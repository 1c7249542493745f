"""Rule codes of `--select`, `--ignore` and backmap.toml checked against the rules there are."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from backmap.cli.common import Fail, error


def known_codes(
    root: Path, config: Any, select: tuple[str, ...] | None, ignore: tuple[str, ...] | None
) -> None:
    """Refuse a rule code or prefix no rule has: it would run nothing, or skip nothing, silently.
    The options are named as options, backmap.toml's lists by file and line."""
    from backmap.checks import RULES
    from backmap.suggest import Suggester

    codes = sorted(RULES)
    # A code is offered a code, a prefix a prefix as long: BM31 -> BM30, never a code's digits.
    by_length = {n: sorted({c[:n] for c in codes}) for n in (3, 4, 5)}

    def unknown(code: str) -> str | None:
        if any(known.startswith(code) for known in codes):
            return None
        what = f"no rule {code}" if len(code) == 5 else f"no rule starts with {code}"
        names = by_length.get(len(code), [])
        # Within a family there is (BM1..BM7), the nearest number reads best: BM120 -> BM106.
        family = [c for c in names if c[:3] == code[:3]] if len(code) > 3 else []
        near = min(family, key=lambda c: abs(int(c[2:]) - int(code[2:])), default=None)
        guess = near or Suggester(names)(code)
        families = f"{codes[0][:3]} to {codes[-1][:3]}"
        hint = (
            f"did you mean {guess}?"
            if guess
            else f"the rules are {families}; `backmap check --rules` lists them"
        )
        return f"{what}; {hint}"

    for option, given in (("--select", select), ("--ignore", ignore)):
        for code in given or ():
            if (said := unknown(code)) is not None:
                raise error(f"{option} {code}: {said}")
    if config.source is None:
        return
    for key in ("select", "ignore"):
        for code in getattr(config, key):
            if (said := unknown(code)) is not None:
                from backmap.store.problems import Problem
                from backmap.store.settings import read_settings

                # The file was read for the config already: read again only to place a refusal.
                line, column = read_settings(root).where("check", key)
                print(Problem(config.source, line, column, f"`{key}`: {said}"), file=sys.stderr)
                raise Fail()
