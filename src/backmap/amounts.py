"""How every view writes a number with its unit: '29%', '60 msgs', '2.5', '2500000'."""

from __future__ import annotations


def amount(value: float, unit: str | None) -> str:
    """'29%', '60 msgs', '2.5': never an exponent or a trailing '.0'; a bare '%' is glued on."""
    if isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e15):
        text = str(int(value))
    else:
        text = f"{value:.10f}".rstrip("0").rstrip(".")
    unit = " ".join((unit or "").split())
    if not unit:
        return text
    return text + unit if unit == "%" else f"{text} {unit}"
