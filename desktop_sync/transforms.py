"""Transformations a field's value goes through on its way to the other app.

`transform = ["trim", "upper"]` on a field: each step is a small pure function, named in the
configuration and checked when it is read, so a typo is a configuration error, not a failed
record. Steps that work on text leave other values (numbers, dates, NULL) as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

NAMES = "trim, upper, lower, title, max_length:N, round:N, replace:OLD:NEW"


@dataclass(frozen=True)
class Transform:
    """One named step, as written in the configuration."""

    text: str
    apply: Callable[[Any], Any]

    def __call__(self, value: Any) -> Any:
        return None if value is None else self.apply(value)


def parse(text: str) -> Transform:
    """The step `text` names; ValueError saying what is expected when it names none."""
    name, _, argument = text.partition(":")
    if name in _TEXT_STEPS and not argument:
        step = _TEXT_STEPS[name]
        return Transform(text, lambda v: step(v) if isinstance(v, str) else v)
    if name == "max_length" and argument.isdigit() and int(argument) > 0:
        limit = int(argument)
        return Transform(text, lambda v: v[:limit] if isinstance(v, str) else v)
    if name == "round" and argument.isdigit():
        return Transform(text, _rounder(int(argument)))
    if name == "replace" and ":" in argument:
        old, new = argument.split(":", 1)
        if old:
            return Transform(text, lambda v: v.replace(old, new) if isinstance(v, str) else v)
    raise ValueError(f"{text!r} is not a transformation; expected one of {NAMES}")


def apply(steps: Sequence[Transform], value: Any) -> Any:
    for step in steps:
        value = step(value)
    return value


_TEXT_STEPS: dict[str, Callable[[str], str]] = {
    "trim": str.strip,
    "upper": str.upper,
    "lower": str.lower,
    "title": str.title,
}


def _rounder(places: int) -> Callable[[Any], Any]:
    quantum = Decimal(1).scaleb(-places)

    def round_(value: Any) -> Any:
        if isinstance(value, Decimal):
            return value.quantize(quantum, rounding=ROUND_HALF_UP)
        if isinstance(value, float):
            return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))
        return value

    return round_
