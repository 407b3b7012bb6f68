"""Rates and shares: 执行率, 控制率, 变动率 and 占比, as exact Decimal ratios.

Every function takes Decimal amounts (万元, or any unit, as long as both agree) and returns the
*unrounded* ratio as a :class:`~decimal.Decimal` — ``0.7657…`` rather than ``76.58`` — computed
to 28 significant digits in the library's own decimal context, whatever the caller's context
(precision, rounding, traps), which is left as it was.  Rounding (四舍五入) happens once, where a
figure is stated or compared, through :func:`to_percent`.

The formulas (rules.md §1, §5, §6):

- 执行率 (execution rate) = 全年执行数 / 全年预算数 — :func:`execution_rate`;
- 控制率 (control rate) = 实际数 / 控制数, e.g. 实际在职人数 / 编制数 — :func:`control_rate`;
- 变动率 (change rate) = (本年 − 上年) / 上年 — :func:`change_rate`, negative for a fall;
- 占比 (share) = part / whole — :func:`share`; a set of parts as percentages that either are each
  rounded (need not add up to 100) or add up to exactly 100 by the largest-remainder method —
  :func:`percentage_shares`.

A zero denominator makes a ratio undefined.  The answer is then the explicit sentinel
:data:`NOT_APPLICABLE` — never 0, 100 %, NaN or a ZeroDivisionError.  Amounts are non-negative
Decimals: anything else (a negative amount, a float, a bool, an int, a str) is refused with
:class:`~budget_perf.errors.InvalidAmount` naming the argument.  A change rate itself may of
course be negative.

Seed figures (2022 report of the Yueyang municipal people's congress):

>>> from decimal import Decimal
>>> control_rate(Decimal(85), Decimal(111))
Decimal('0.7657657657657657657657657658')
>>> to_percent(control_rate(Decimal(85), Decimal(111)))
Decimal('76.58')
>>> to_percent(execution_rate(Decimal("394"), Decimal("400.03")))
Decimal('98.49')
>>> execution_rate(Decimal("5"), Decimal("0"))
<NotApplicable.NOT_APPLICABLE: 'not applicable'>
>>> execution_rate(394.0, Decimal("400.03"))
Traceback (most recent call last):
...
budget_perf.errors.InvalidAmount: executed: expected a Decimal, got float 394.0
    (floats are not exact)
"""

import enum
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Literal, TypeAlias, TypeVar, overload

from budget_perf._decimal import (
    HUNDRED,
    ZERO,
    check_decimal,
    check_non_negative,
    in_library_context,
    round_half_up,
)

__all__ = [
    "NOT_APPLICABLE",
    "NotApplicable",
    "Ratio",
    "ShareMethod",
    "change_rate",
    "control_rate",
    "execution_rate",
    "percentage_shares",
    "share",
    "to_percent",
]


class NotApplicable(enum.Enum):
    """The answer when a ratio is undefined because its denominator is zero."""

    NOT_APPLICABLE = "not applicable"


#: The sentinel for an undefined ratio (a budget, limit or whole of zero); test it with ``is``.
NOT_APPLICABLE = NotApplicable.NOT_APPLICABLE

#: An unrounded ratio, or :data:`NOT_APPLICABLE` where it is undefined.
Ratio: TypeAlias = Decimal | NotApplicable


class ShareMethod(enum.Enum):
    """How :func:`percentage_shares` turns a set of parts into percentages."""

    #: Each share rounded half-up on its own; the percentages need not add up to 100.
    ROUND = "round"
    #: Largest-remainder (Hamilton) method: the percentages add up to exactly 100.
    LARGEST_REMAINDER = "largest_remainder"


_K = TypeVar("_K")


def _ratio(numerator: Decimal, denominator: Decimal) -> Ratio:
    """Return numerator / denominator, or NOT_APPLICABLE for a zero denominator."""
    if denominator == ZERO:
        return NOT_APPLICABLE
    return numerator / denominator


@in_library_context
def execution_rate(executed: Decimal, budget: Decimal) -> Ratio:
    """执行率: the share of the full-year (adjusted) budget that was spent.

    Args:
        executed: 全年执行数, what was spent.
        budget: 全年预算数, the adjusted budget (not the initial one).

    Returns:
        executed / budget, unrounded; :data:`NOT_APPLICABLE` when the budget is zero.

    Raises:
        InvalidAmount: an argument is not a Decimal, or is negative.

    >>> execution_rate(Decimal("394"), Decimal("400.03"))
    Decimal('0.9849261305402094842886783491')
    """
    return _ratio(check_non_negative(executed, "executed"), check_non_negative(budget, "budget"))


@in_library_context
def control_rate(actual: Decimal, limit: Decimal) -> Ratio:
    """控制率: an actual figure as a ratio of the limit it should keep within.

    Returns:
        actual / limit, unrounded (above 1 means the limit was exceeded);
        :data:`NOT_APPLICABLE` when the limit is zero.

    >>> to_percent(control_rate(Decimal("70.3"), Decimal("202")))  # 三公经费 决算 / 预算
    Decimal('34.80')
    """
    return _ratio(check_non_negative(actual, "actual"), check_non_negative(limit, "limit"))


@in_library_context
def change_rate(current: Decimal, previous: Decimal) -> Ratio:
    """变动率: the change from the previous figure, as a ratio of the previous figure.

    Returns:
        (current − previous) / previous, unrounded, negative for a fall;
        :data:`NOT_APPLICABLE` when the previous figure is zero (even if the current one is too).

    >>> to_percent(change_rate(Decimal("70.3"), Decimal("67.03")))  # 三公经费 2022 vs 2021 决算
    Decimal('4.88')
    >>> change_rate(Decimal("3.49"), Decimal("0"))
    <NotApplicable.NOT_APPLICABLE: 'not applicable'>
    """
    now = check_non_negative(current, "current")
    before = check_non_negative(previous, "previous")
    return _ratio(now - before, before)


@in_library_context
def share(part: Decimal, whole: Decimal) -> Ratio:
    """占比: one part as a ratio of the whole.

    The part is not required to be at most the whole (a stated "whole" may be wrong).

    Returns:
        part / whole, unrounded; :data:`NOT_APPLICABLE` when the whole is zero.

    >>> to_percent(share(Decimal("3518.3"), Decimal("4026.3")))  # 一般公共服务支出
    Decimal('87.38')
    """
    return _ratio(check_non_negative(part, "part"), check_non_negative(whole, "whole"))


@in_library_context
def to_percent(ratio: Ratio, places: int = 2) -> Ratio:
    """Return *ratio* as a percent rounded half-up (四舍五入) to *places* decimals.

    This is the one place a ratio is rounded: call it where a figure is stated or compared.
    :data:`NOT_APPLICABLE` passes through.

    Raises:
        InvalidAmount: *ratio* is neither a Decimal nor NOT_APPLICABLE.

    >>> to_percent(Decimal("0.765765"))
    Decimal('76.58')
    >>> to_percent(Decimal("-0.125"), places=0)
    Decimal('-13')
    >>> to_percent(NOT_APPLICABLE)
    <NotApplicable.NOT_APPLICABLE: 'not applicable'>
    """
    if ratio is NOT_APPLICABLE:
        return NOT_APPLICABLE
    return _percent(check_decimal(ratio, field="ratio"), _places(places))


@overload
def percentage_shares(
    parts: Mapping[_K, Decimal],
    places: int = 2,
    method: ShareMethod | Literal["round", "largest_remainder"] = ShareMethod.ROUND,
) -> dict[_K, Decimal] | NotApplicable: ...


@overload
def percentage_shares(
    parts: Sequence[Decimal],
    places: int = 2,
    method: ShareMethod | Literal["round", "largest_remainder"] = ShareMethod.ROUND,
) -> tuple[Decimal, ...] | NotApplicable: ...


@in_library_context
def percentage_shares(
    parts: Mapping[_K, Decimal] | Sequence[Decimal],
    places: int = 2,
    method: ShareMethod | Literal["round", "largest_remainder"] = ShareMethod.ROUND,
) -> dict[_K, Decimal] | tuple[Decimal, ...] | NotApplicable:
    """占比: each part as a percent of their sum, with *places* decimals.

    ``ShareMethod.ROUND`` rounds each share half-up on its own, as :func:`to_percent` does; the
    results need not add up to 100.  ``ShareMethod.LARGEST_REMAINDER`` truncates each exact
    share to *places* decimals, then gives one unit of the last place to the parts with the
    largest remainders until the total is exactly 100; on equal remainders the part that comes
    *earlier* wins.  Each such share differs from the exact one by less than one unit of the
    last place.  Remainders are compared exactly (as fractions), not at the context precision.

    Args:
        parts: non-negative amounts, as a sequence (a tuple comes back) or a mapping (a dict
            with the same keys in the same order comes back).
        places: decimals to keep, 0 or more.
        method: a :class:`ShareMethod` or its value.

    Returns:
        The percentages, or a single :data:`NOT_APPLICABLE` when the parts add up to zero
        (including when there are none).

    Raises:
        InvalidAmount: a part is not a Decimal or is negative.
        ValueError: *places* is negative or *method* is unknown.

    >>> spending = [Decimal(x) for x in ("3518.3", "20.3", "413.96", "48.74", "24", "1")]
    >>> percentage_shares(spending)
    (Decimal('87.38'), Decimal('0.50'), Decimal('10.28'), Decimal('1.21'), Decimal('0.60'),
     Decimal('0.02'))
    >>> percentage_shares(spending, method="largest_remainder")
    (Decimal('87.38'), Decimal('0.50'), Decimal('10.28'), Decimal('1.21'), Decimal('0.60'),
     Decimal('0.03'))
    >>> percentage_shares({"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)}, 0,
    ...                   ShareMethod.LARGEST_REMAINDER)
    {'a': Decimal('34'), 'b': Decimal('33'), 'c': Decimal('33')}
    >>> percentage_shares([Decimal(0), Decimal(0)])
    <NotApplicable.NOT_APPLICABLE: 'not applicable'>
    """
    chosen = ShareMethod(method)
    digits = _places(places)
    if isinstance(parts, Mapping):
        keys = list(parts)
        values = [check_non_negative(parts[k], f"parts[{k!r}]") for k in keys]
    else:
        keys = []
        values = [check_non_negative(v, f"parts[{i}]") for i, v in enumerate(parts)]
    total = sum(values, ZERO)
    if total == ZERO:
        return NOT_APPLICABLE
    if chosen is ShareMethod.ROUND:
        percents = [_percent(v / total, digits) for v in values]
    else:
        percents = _largest_remainder(values, digits)
    if isinstance(parts, Mapping):
        return dict(zip(keys, percents, strict=True))
    return tuple(percents)


def _largest_remainder(values: Sequence[Decimal], places: int) -> list[Decimal]:
    """Shares of the values' sum in units of 10**-places percent, adding up to exactly 100."""
    # Exactly, in integers: each value as a fraction n / d, all over one common denominator.
    ratios = [v.as_integer_ratio() for v in values]
    common = math.lcm(*(d for _, d in ratios))
    whole = [n * (common // d) for n, d in ratios]
    denominator = sum(whole)  # the total over the same denominator
    scale = 100 * 10**places
    units, remainders = zip(*(divmod(w * scale, denominator) for w in whole), strict=True)
    counted = list(units)  # floor: every share is non-negative
    missing = scale - sum(counted)
    # Largest remainder first; on a tie, the earlier position first (sorted() is stable).
    order = sorted(range(len(values)), key=lambda i: remainders[i], reverse=True)
    for i in order[:missing]:
        counted[i] += 1
    return [Decimal(u).scaleb(-places) for u in counted]


def _percent(ratio: Decimal, places: int) -> Decimal:
    """The ratio as a percent, rounded half-up: the single rounding rule for stated figures."""
    return round_half_up(ratio * HUNDRED, places)


def _places(places: object) -> int:
    """Return *places* if it is a non-negative int, else raise ValueError."""
    if isinstance(places, bool) or not isinstance(places, int) or places < 0:
        raise ValueError(f"places: expected a non-negative int, got {places!r}")
    return places
