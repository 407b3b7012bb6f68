"""金额单位: the unit a table prints its amounts in, 万元 or 元, and the one exact conversion.

Most tables print amounts in 万元 (ten thousand yuan); some provinces print 元 (Yunnan's
公开14表, Shanghai's 财政项目支出绩效自评表).  The model keeps every amount as printed, in its
table's unit: a report states its unit (``SelfEvaluation.amount_unit``) and a table printed in
another unit says so (``Project.amount_unit``, ``DepartmentTable.amount_unit``,
``BasicDataTable.amount_unit``; ``None`` there means the report's unit).

Figures of one table are compared as they stand; figures of two tables are compared after
:func:`convert_amount` brings them to one unit.  The conversion is exact: 元 → 万元 divides by
10 000 by moving the decimal point, never rounding, whatever the decimal context.

>>> from decimal import Decimal
>>> convert_amount(Decimal("387664.62"), AmountUnit.YUAN, AmountUnit.WAN_YUAN)
Decimal('38.766462')
>>> convert_amount(Decimal("43.2"), AmountUnit.WAN_YUAN, AmountUnit.YUAN)
Decimal('432000')
>>> convert_amount(215457.6, AmountUnit.YUAN, AmountUnit.WAN_YUAN)
Traceback (most recent call last):
...
budget_perf.errors.InvalidAmount: amount: expected a Decimal, got float 215457.6 (...)
"""

import enum
from decimal import Decimal

from budget_perf._decimal import check_decimal

__all__ = ["AmountUnit", "convert_amount"]


class AmountUnit(enum.Enum):
    """The unit a report's or a table's amounts are printed in."""

    WAN_YUAN = "万元"
    YUAN = "元"

    @property
    def exponent(self) -> int:
        """The power of ten of one unit in 元 (万元 → 4, 元 → 0)."""
        return 4 if self is AmountUnit.WAN_YUAN else 0


def convert_amount(amount: Decimal, unit: AmountUnit, to: AmountUnit) -> Decimal:
    """*amount* printed in *unit*, expressed exactly in *to* (元 → 万元 is ÷ 10 000).

    The result keeps every digit: no rounding happens here, so a comparison can round it
    to the precision the other figure was printed with.

    >>> convert_amount(Decimal("9034"), AmountUnit.YUAN, AmountUnit.YUAN)
    Decimal('9034')

    Raises:
        InvalidAmount: *amount* is not a finite Decimal.
    """
    number = check_decimal(amount, field="amount")
    places = unit.exponent - to.exponent
    if places == 0:
        return number
    sign, digits, stated = number.as_tuple()
    exponent = int(stated)
    if places > 0 and exponent >= 0:  # a whole number stays one: "43" 万元 → 430000 元
        return Decimal((sign, digits + (0,) * places, exponent))
    if places > 0 and exponent + places > 0:  # "43.2" 万元 → 432000 元, not 4.32E+5
        return Decimal((sign, digits + (0,) * (exponent + places), 0))
    return Decimal((sign, digits, exponent + places))
