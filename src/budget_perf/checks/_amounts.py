"""Amounts of two tables compared in one unit (private; BP3xx).

A table prints its amounts in its own unit (万元 by convention, 元 in some provinces); a figure
compared across tables is brought to one unit exactly and compared as :func:`same_amount` says.
"""

from decimal import Decimal

import attrs

from budget_perf._decimal import decimal_places, round_half_up
from budget_perf.model import AmountUnit, convert_amount

__all__ = ["Amount", "amount_or_none", "same_amount"]


@attrs.frozen(kw_only=True)
class Amount:
    """An amount as printed, with the unit of the place that prints it."""

    value: Decimal
    unit: AmountUnit

    def in_wan_yuan(self) -> Decimal:
        """The amount in 万元, exactly (元 → 万元 moves the decimal point, never rounds)."""
        return convert_amount(self.value, self.unit, AmountUnit.WAN_YUAN)


def same_amount(a: Amount, b: Amount) -> bool:
    """Whether two amounts agree: exactly in one unit, at the coarser printed places across units.

    Across units both are brought to 万元 exactly and rounded half-up to the places of the one
    printed more coarsely (元 215457.6 is 21.54576 万元, which agrees with "21.55" 万元).  A 万元
    figure counts as printed to at least two places, since tables drop trailing zeros ("46.2" is
    46.20), and two figures in one unit must be equal: "46.2" and "46.24" disagree.

    >>> same_amount(Amount(value=Decimal("215457.6"), unit=AmountUnit.YUAN),
    ...             Amount(value=Decimal("21.55"), unit=AmountUnit.WAN_YUAN))
    True
    >>> same_amount(Amount(value=Decimal("215457.6"), unit=AmountUnit.YUAN),
    ...             Amount(value=Decimal("21.54"), unit=AmountUnit.WAN_YUAN))
    False
    >>> same_amount(Amount(value=Decimal("46.2"), unit=AmountUnit.WAN_YUAN),
    ...             Amount(value=Decimal("46.24"), unit=AmountUnit.WAN_YUAN))
    False
    """
    if a.unit is b.unit:
        return a.value == b.value
    places = min(_printed_places(a), _printed_places(b))
    return round_half_up(a.in_wan_yuan(), places) == round_half_up(b.in_wan_yuan(), places)


def _printed_places(amount: Amount) -> int:
    """The decimals of *amount* in 万元 as printed (a 万元 figure: at least two)."""
    places = decimal_places(amount.value)
    if amount.unit is AmountUnit.WAN_YUAN:
        return max(2, places)
    return places + 4  # 1 元 is 0.0001 万元


def amount_or_none(value: Decimal | None, unit: AmountUnit) -> Amount | None:
    """*value* in *unit*, or ``None`` where the cell is blank."""
    return None if value is None else Amount(value=value, unit=unit)
