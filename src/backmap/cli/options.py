"""Typed option values for the parser: whole numbers with a floor, progress, a date, a status."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from backmap import fields


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
    try:
        fields.read("status", text)
    except fields.FieldError as exc:
        raise argparse.ArgumentTypeError(f'{exc.reason}, or "" to clear it') from None
    return text


def progress(text: str) -> int | float:
    """`--progress` of `fit --attach`: a number from 0 to 100 (35 or 35%)."""
    value: int | float = _read("progress", text)
    return value


def _read(field: str, text: str) -> Any:
    try:
        return fields.read(field, text)
    except fields.FieldError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None
