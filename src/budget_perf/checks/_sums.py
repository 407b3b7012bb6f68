"""A stated total against the parts it adds up, when some parts are blank (private).

Every sum rule of amounts, weights and scores (funds rows, splits, basic-data rows, indicator
weights and scores) judges a stated total the same way; the score sheet's rules (BP6xx) skip a
sum over a blank instead and leave the blank to BP606.  A blank part is unknown, not zero: it
is a cell the framework asks to be filled, or a part the table does not show (a funds block
left out of an excerpt).

- every part blank: nothing to judge;
- the stated total equals the sum of the stated parts: agrees;
- no part blank, or the stated parts alone exceed the total (parts are never negative): an
  ERROR — no figure in a blank cell could make it add up;
- every blank part is capped by the table (a blank score by the weight beside it) and the total
  exceeds what they could hold: an ERROR too;
- otherwise the blank parts would have to hold the difference: a WARNING, unless the only
  blanks are parts the table does not show and they can hold it (the total then includes them).

>>> from decimal import Decimal as D
>>> judge_sum(D(10), [Part(path="a", value=D(6)), Part(path="b", value=D(4))]) is None
True
>>> judge_sum(D(10), [Part(path="a", value=D(6)), Part(path="b", value=None)])
<Severity.WARNING: 'warning'>
>>> judge_sum(D(10), [Part(path="a", value=D(12)), Part(path="b", value=None)])
<Severity.ERROR: 'error'>
"""

from collections.abc import Sequence
from decimal import Decimal

import attrs

from budget_perf._decimal import ZERO
from budget_perf.checks.finding import Severity

__all__ = ["Part", "judge_sum", "known_sum"]


@attrs.frozen(kw_only=True)
class Part:
    """One part of a sum: its path, its stated value (None if blank) and what it may hold."""

    path: str
    value: Decimal | None
    #: The most a blank part can hold, where the table states it (a score's weight).
    cap: Decimal | None = None
    #: False for a part the table does not show at all (no funds block): its room is expected.
    shown: bool = True


def known_sum(parts: Sequence[Part]) -> Decimal:
    """Σ of the parts that are not blank."""
    return sum((p.value for p in parts if p.value is not None), ZERO)


def judge_sum(stated: Decimal, parts: Sequence[Part]) -> Severity | None:
    """How serious it is that *stated* is not the sum of *parts*; None if nothing to report."""
    blanks = [p for p in parts if p.value is None]
    if len(blanks) == len(parts):
        return None
    known = known_sum(parts)
    if known == stated:
        return None
    if not blanks or known > stated:
        return Severity.ERROR
    caps = [p.cap for p in blanks]
    if all(cap is not None for cap in caps):
        room = sum((cap for cap in caps if cap is not None), ZERO)
        if stated - known > room:
            return Severity.ERROR if all(p.shown for p in blanks) else Severity.WARNING
    if not any(p.shown for p in blanks):
        return None
    return Severity.WARNING
