"""Typed option values for the parser: whole numbers with a floor, progress, a status or nothing."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from backmap.vocabulary import STATUSES


def at_least(low: int) -> Callable[[str], int]:
    """An argparse type: a whole number no smaller than `low`."""

    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be {low} or more, not {value}")
        return value

    return number


def status_or_empty(text: str) -> str:
    """An argparse type: a status, or "" to clear it."""
    if text.strip() and text.strip() not in STATUSES:
        raise argparse.ArgumentTypeError(
            f'{text!r} is not a status: choose from {", ".join(STATUSES)}, or "" to clear it'
        )
    return text


def progress(text: str) -> int | float:
    """`--progress` of `fit --attach`: a number from 0 to 100."""
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 100") from None
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 100")
    return int(number) if number.is_integer() else number
