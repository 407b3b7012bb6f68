"""A cell's value from its XML, exactly as openpyxl reads it (private).

:func:`cell_value` does what openpyxl's sheet parser does with a ``<c>`` element (its
``WorkSheetParser.parse_cell``), from the :class:`~budget_perf.excel._scan.RawCell` the guard
kept: ``t="s"`` indexes the shared strings, ``t="b"`` is a boolean, ``t="str"`` a text, ``t="d"``
an ISO 8601 date, a number with a date format is a date or a time, a ``<f>`` makes a formula
(``"=C6"``), ``t="inlineStr"`` takes the text of ``<is>``.  Where openpyxl would stop with an
exception in the middle of its parsing (a shared-string index out of range, a number that is
no number), the refusal names the cell.
"""

from __future__ import annotations

from typing import Any

from openpyxl.formula.translate import Translator
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601

from budget_perf._safety import shorten
from budget_perf.excel._errors import WorkbookError
from budget_perf.excel._scan import RawCell

__all__ = ["cell_value", "formula_text"]


def _cast_number(value: str) -> int | float:
    """A number as openpyxl casts it (its ``_cast_number``)."""
    if "." in value or "E" in value or "e" in value:
        return float(value)  # float-ok: what openpyxl gives; exact_decimal reads it back
    return int(value)


def cell_value(
    raw: RawCell, workbook: Any, strings: list[str], file: str, sheet: str
) -> tuple[object, str, int]:
    """The value, data type and style id openpyxl gives the cell *raw*.

    *workbook* is openpyxl's workbook object after ``apply_stylesheet`` (its epoch and its date
    and time formats), *strings* the shared strings.

    Raises:
        WorkbookError: the cell's XML cannot be read (named by sheet and cell).
    """
    ref = f"{get_column_letter(raw.column)}{raw.row}"
    data_type = raw.type
    try:
        style = int(raw.style) if raw.style else 0
        value: object = None if data_type == "inlineStr" else (raw.value or None)
        if raw.formula is not None:
            return "=" + raw.formula, "f", style
        if isinstance(value, str):
            if data_type == "n":
                number = _cast_number(value)
                if style not in workbook._date_formats:
                    return number, "n", style
                return _date(number, style, workbook, file, sheet, ref), "d", style
            if data_type == "s":
                return strings[int(value)], "s", style
            if data_type == "b":
                return bool(int(value)), "b", style
            if data_type == "str":
                return value, "s", style
            if data_type == "d":
                return from_ISO8601(value), "d", style
            return value, data_type, style
        if data_type == "inlineStr" and raw.inline is not None:
            return raw.inline, "s", style
        return value, data_type, style
    except WorkbookError:
        raise
    except (ValueError, TypeError, IndexError, OverflowError):
        shown = shorten(repr(raw.value), 40)
        raise WorkbookError(
            file, f"the cell's XML cannot be read (type {data_type!r}, value {shown})",
            sheet=sheet, cell=ref, reason_zh=f"单元格的XML无法读取（类型{data_type!r}，值{shown}）",
        ) from None  # fmt: skip


def _date(number: int | float, style: int, workbook: Any, file: str, sheet: str, ref: str) -> Any:
    try:
        return from_excel(number, workbook.epoch, timedelta=style in workbook._timedelta_formats)
    except (OverflowError, ValueError):  # openpyxl makes it the error value #VALUE!
        raise WorkbookError(
            file, f"the cell is formatted as a date but holds {number}, no date Excel knows",
            sheet=sheet, cell=ref, reason_zh=f"单元格设为日期格式，但其值{number}不是有效日期",
        ) from None  # fmt: skip


def formula_text(raw: RawCell, cells: dict[tuple[int, int], RawCell]) -> str:
    """The formula of *raw* as openpyxl shows it ("=C6"); a cell sharing a formula written
    once in another cell shows it translated to its own position."""
    text = "=" + (raw.formula or "")
    attributes = raw.formula_attributes
    if text != "=" or attributes.get("t") != "shared":
        return text
    for other in cells.values():
        same = other.formula_attributes.get("si") == attributes.get("si")
        if same and other.formula and other.formula_attributes.get("t") == "shared":
            origin = f"{get_column_letter(other.column)}{other.row}"
            target = f"{get_column_letter(raw.column)}{raw.row}"
            try:
                return str(Translator("=" + other.formula, origin).translate_formula(target))
            except Exception:  # a formula openpyxl cannot translate: show it as written
                return "=" + other.formula
    return text
