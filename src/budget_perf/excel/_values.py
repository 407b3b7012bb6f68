"""Reading a cell as an exact figure or as text (private).

- A number cell arrives from openpyxl as int or float; a float is converted with
  :func:`exact_decimal`, Excel's own 15 significant digits (``0.30000000000000004`` as pasted
  from a formula is 0.3), never ``Decimal(x)``.
- A text cell is read with :mod:`budget_perf.cells`: full-width digits, an ideographic space,
  "——" and "/" are handled there; a blank marker is ``None``, never zero.
- A rate cell formatted as a percentage (``0%``, ``0.00%``) holds a fraction: 1 with format
  ``0%`` is 100 percent points, 0.9849 with ``0.00%`` is 98.49, rounded half-up to the decimals
  the format shows (the figure the printed table states).  A number without a percent format
  is taken as percent points already, as :func:`budget_perf.cells.parse_percent` reads "100".
- A number cell with more decimals than a stated figure may have (six: pasted from a formula,
  9.85322580645161) is read as its number format shows it ("0.00" → 9.85, half-up), the figure
  the printed table states; without a format that fixes the decimals it is refused at its cell.
- Chinese text where a figure belongs (a remark such as "(实际支出为124，差额原因为…)") is
  returned as a note for the row; anything else that is not a figure is an error at the cell.
"""

from __future__ import annotations

import datetime
import math
import re
from decimal import ROUND_HALF_UP, Decimal

from budget_perf._celltext import normalise
from budget_perf._decimal import MAX_FRACTION_DIGITS
from budget_perf.cells import CellStatus, parse_amount, parse_percent
from budget_perf.excel._grid import Cell, Grid

__all__ = [
    "count_of",
    "exact_decimal",
    "figure_of",
    "fixed_places",
    "labelled_in_yuan",
    "percent_of",
    "percent_places",
    "text_of",
]

_PLACES = re.compile(r"\.([0#?]+)")
#: A rate cell without a percent format holding a fraction up to this is ambiguous (0.9853).
_FRACTION_LIKE = Decimal("1.5")
ZERO = Decimal(0)


def exact_decimal(value: float) -> Decimal:
    """A float from a cell as the decimal Excel shows: 15 significant digits, exactly.

    >>> exact_decimal(0.1 + 0.2), exact_decimal(394.0), exact_decimal(0.9849)
    (Decimal('0.3'), Decimal('394'), Decimal('0.9849'))
    """
    return Decimal(format(value, ".15g"))


def text_of(cell: Cell) -> str:
    """The cell as text, surrounding whitespace (including U+3000) removed; blank is ``""``."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = exact_decimal(value) if isinstance(value, float) else Decimal(value)
        places = percent_places(cell.number_format)
        if places is not None:  # "95%" typed into a target cell is stored as 0.95
            points = number.scaleb(2).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            return f"{points}%"
        return format(number, "f")
    if isinstance(value, datetime.datetime | datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        return f"{day.year}.{day.month}.{day.day}"  # as the tables write dates ("2023.6.9")
    return str(value).strip()


def _number(grid: Grid, cell: Cell) -> Decimal | None:
    """A number cell as an exact Decimal; ``None`` if the cell is not a number."""
    value = cell.value
    if isinstance(value, bool):
        raise grid.error(
            cell, f"expected a figure, got the boolean {value}", f"应为数字，实为布尔值{value}"
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise grid.error(cell, f"expected a figure, got {value!r}", f"应为数字，实为{value!r}")
        return _as_shown(grid, cell, exact_decimal(value))
    if value is not None and not isinstance(value, str):
        raise grid.error(
            cell, f"expected a figure, got the {type(value).__name__} {value}",
            f"应为数字，实为{type(value).__name__}类型的{value}",
        )  # fmt: skip
    return None


def _as_shown(grid: Grid, cell: Cell, number: Decimal) -> Decimal:
    """*number* as stated: itself, or as its format shows it if it has more than six decimals."""
    decimals = -int(number.as_tuple().exponent)
    if decimals <= MAX_FRACTION_DIGITS or percent_places(cell.number_format) is not None:
        return number  # a percent cell is rounded to its format's decimals by percent_of
    places = fixed_places(cell.number_format)
    if places is not None and places <= MAX_FRACTION_DIGITS:
        return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    raise grid.error(
        cell,
        f"{number} has {decimals} decimals, more than a stated figure may have "
        f"({MAX_FRACTION_DIGITS}): round it, or give the cell a number format such as 0.00",
        f"{number}有{decimals}位小数，超过数字允许的{MAX_FRACTION_DIGITS}位："
        "请四舍五入，或将单元格设为0.00等数字格式",
    )


def fixed_places(number_format: str) -> int | None:
    """The decimals a number format always shows ("0.00" → 2, "#,##0" → 0); ``None`` if none.

    >>> fixed_places("0.00"), fixed_places("#,##0_ "), fixed_places("General"), fixed_places("0.0#")
    (2, 0, None, None)
    """
    section = number_format.split(";")[0]
    if "0" not in section or "#." in section.replace(",", ""):
        return None
    match = _PLACES.search(section)
    if match is None:
        return 0
    shown = match.group(1)
    return len(shown) if set(shown) == {"0"} else None


def figure_of(
    grid: Grid, cell: Cell, what: str, *, negative: bool = False
) -> tuple[Decimal | None, str]:
    """An amount, weight or score: ``(value, "")``, ``(None, "")`` or ``(None, note)``.

    Raises:
        WorkbookError: for an unreadable cell, or a negative figure unless *negative*.
    """
    number = _number(grid, cell)
    if number is None and isinstance(cell.value, str):
        parsed = parse_amount(cell.value)
        if parsed.status is CellStatus.NOTE:
            return None, cell.value.strip()
        if parsed.status is CellStatus.UNPARSED:
            raise grid.error(
                cell, f"cannot read {what}: {parsed.reason}", f"无法读取{what}：{parsed.reason}"
            )
        number = parsed.value
    if number is not None and number < 0 and not negative:
        raise grid.error(
            cell, f"{what} must not be negative, got {number}", f"{what}不能为负数，实为{number}"
        )
    return number, ""


def percent_places(number_format: str) -> int | None:
    """The decimals a percentage format shows ("0.00%" → 2, "0%" → 0); ``None`` if not one.

    >>> percent_places("0.00%"), percent_places("0%"), percent_places("0.00")
    (2, 0, None)
    """
    section = number_format.split(";")[0]
    if "%" not in section:
        return None
    match = _PLACES.search(section)
    return 0 if match is None else len(match.group(1))


def percent_of(grid: Grid, cell: Cell, what: str) -> tuple[Decimal | None, str]:
    """A rate in percent points: ``(points, "")``, ``(None, "")`` or ``(None, note)``."""
    number = _number(grid, cell)
    if number is not None:
        places = percent_places(cell.number_format)
        if places is None:
            if ZERO < number <= _FRACTION_LIKE and number != number.to_integral_value():
                raise grid.error(
                    cell,
                    f"{what} {number} has no % format: is it {number.scaleb(2)}% or {number}%? "
                    "format the cell as a percentage or type the % sign",
                    f"{what}{number}没有百分比格式：是{number.scaleb(2)}%还是{number}%？"
                    "请将单元格设为百分比格式或输入%号",
                )
            return number, ""
        points = number.scaleb(2)
        return points.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), ""
    if not isinstance(cell.value, str):
        return None, ""
    parsed = parse_percent(cell.value)
    if parsed.status is CellStatus.NOTE:
        return None, cell.value.strip()
    if parsed.status is CellStatus.UNPARSED:
        raise grid.error(
            cell, f"cannot read {what}: {parsed.reason}", f"无法读取{what}：{parsed.reason}"
        )
    return parsed.points, ""


def count_of(grid: Grid, cell: Cell, what: str) -> int | None:
    """A headcount: a whole, non-negative number, or ``None`` where blank."""
    value, note = figure_of(grid, cell, what)
    if note:
        shown = repr(normalise(note))
        raise grid.error(
            cell, f"cannot read {what}: {shown} is not a number", f"无法读取{what}：{shown}不是数字"
        )
    if value is None:
        return None
    if value != value.to_integral_value():
        raise grid.error(
            cell, f"{what} must be a whole number, got {value}", f"{what}应为整数，实为{value}"
        )
    return int(value)


def labelled_in_yuan(grid: Grid, row: int) -> bool:
    """Whether the block label of *row* (项目资金 / 年度预算申请 / 经费控制情况) says its amounts
    are in 元 ("项目资金（元）"), as a table printed in 元 does; else they are in 万元."""
    return any(
        isinstance(cell.value, str) and _IN_YUAN.search(cell.value) is not None
        for cell in grid.filled(row)
    )


_IN_YUAN = re.compile(r"^(?:项目资金|年度预算申请|经费控制情况)\s*[(（]\s*元\s*[)）]\s*$")
