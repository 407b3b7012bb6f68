"""Distinct reports for bench/speed.py: the bundled report, varied deterministically.

Report *i* is the bundled example (yueyang-npc-2022) with

- every record's ``name`` longer than three characters suffixed with ``·i`` (the same suffix
  everywhere, so that names matched across tables still match);
- every amount multiplied by ``k = 1 + i % 7`` (a whole factor keeps
  the decimals as printed, sums still add up and rates stay the same);
- every count in an indicator's target or actual text ("26次", "≥735人次") multiplied by
  ``i + 1``, so that the texts the checker parses differ from report to report, while a
  percentage, a year or a date is left as it is (an indicator scores the same).

The variants are as sound as the bundled report: the checker finds the same number of findings
on each (bench/speed.py checks it on the first reports).  Report 0 is the bundled report.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from budget_perf import examples
from budget_perf.model import SelfEvaluation
from budget_perf.serialization import from_data, to_data

__all__ = ["variant", "variants"]

#: Fields holding an amount, scaled by k (not weights, scores or rates).
_SCALED = frozenset(
    {
        "initial_budget", "full_year_budget", "executed", "amount", "previous_final",
        "current_final", "current_budget", "total", "stated_actual", "of_which_other_funds",
    }
)  # fmt: skip
#: Fields holding an indicator's target or actual text.
_TEXTS = frozenset({"target", "actual"})
#: A whole count in a text, not a percentage, a year or part of a date or a decimal.
_COUNT = re.compile(r"(?<![0-9.])([0-9]+)(?![0-9.%‰年月日号])")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _vary(value: Any, key: str, i: int, k: int) -> Any:
    if isinstance(value, dict):
        return {name: _vary(item, name, i, k) for name, item in value.items()}
    if isinstance(value, list):
        return [_vary(item, key, i, k) for item in value]
    if not isinstance(value, str):
        return value
    if key in ("name", "label") and len(value) > 3:
        return f"{value}·{i}"
    if key in _SCALED and _DECIMAL.fullmatch(value):
        return format(Decimal(value) * k, "f")
    if key in _TEXTS:
        return _COUNT.sub(lambda m: str(int(m.group(1)) * (i + 1)), value)
    return value


_BUNDLED: dict[str, Any] = to_data(examples.load("yueyang-npc-2022"))


def variant(i: int) -> SelfEvaluation:
    """Report *i*: the bundled report with names, figures and counts varied by *i*."""
    if i == 0:
        return from_data(_BUNDLED, SelfEvaluation)
    return from_data(_vary(_BUNDLED, "$", i, 1 + i % 7), SelfEvaluation)


def variants(n: int) -> list[SelfEvaluation]:
    """Reports 0 to *n* - 1."""
    return [variant(i) for i in range(n)]
