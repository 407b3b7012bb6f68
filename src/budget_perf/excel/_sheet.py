"""Writing cells: exact numbers, number formats, merges and styles (private).

An amount is written as a number only if it reads back exactly: openpyxl writes a number as
``"%.16g" % value`` and reads it back as ``float`` (or ``int``), and the reader converts with
Excel's 15 significant digits (``_values.exact_decimal``); :func:`exact_number` runs that
path and answers ``None`` when the amount would not survive it, and the amount is then written
as text ("12345678901234.5678").
Every amount in 万元 with at most 15 significant digits survives (four decimals up to 千亿万元).
A rate is written as the fraction with the format showing its stated decimals: 98.49 →
0.9849 with ``0.00%``, 100 → 1 with ``0%``.

>>> exact_number(Decimal("4026.3")), exact_number(Decimal("1496.70")), exact_number(Decimal("0"))
(4026.3, 1496.7, 0)
>>> exact_number(Decimal("12345678901234.5678")) is None
True
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils.cell import get_column_letter

from budget_perf._decimal import decimal_places
from budget_perf._safety import neutralise_formula
from budget_perf.excel._errors import WorkbookError
from budget_perf.excel._values import exact_decimal

__all__ = ["SheetWriter", "exact_number"]

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def exact_number(value: Decimal) -> int | float | None:
    """*value* as an int or float that reads back as exactly *value*; else ``None``."""
    whole = value == value.to_integral_value()
    number: int | float = int(value) if whole else float(value)  # float-ok: Excel stores floats
    written = f"{number:.16g}"  # what openpyxl writes ("%.16g" % value)
    is_float = any(c in written for c in ".eE")
    read: int | float = float(written) if is_float else int(written)  # float-ok: as read back
    back = exact_decimal(read) if isinstance(read, float) else Decimal(read)
    return number if back == value else None


#: The most characters an Excel cell holds.
_EXCEL_TEXT_LIMIT = 32_767


class SheetWriter:
    """Writes one sheet, row by row, *width* columns wide."""

    def __init__(self, worksheet: Any, width: int, file: str) -> None:
        self.ws = worksheet
        self.width = width
        self.file = file
        self.row = 1
        #: The department's name, for a "填报单位：…" line under the title (first sheet only).
        self.filer: str | None = None

    def _put(self, row: int, column: int, value: object) -> Any:
        cell = self.ws.cell(row=row, column=column)
        if isinstance(value, str) and len(value) > _EXCEL_TEXT_LIMIT:  # Excel would cut it
            raise WorkbookError(
                self.file,
                f"a text of {len(value)} characters is longer than an Excel cell holds "
                f"({_EXCEL_TEXT_LIMIT}): {value[:20]!r}…",
                sheet=str(self.ws.title), cell=f"{get_column_letter(column)}{row}",
                reason_zh=f"文本长{len(value)}个字符，超过Excel单元格的容量（{_EXCEL_TEXT_LIMIT}）："
                f"{value[:20]!r}…",
            )  # fmt: skip
        try:
            cell.value = value
        except Exception as error:  # openpyxl refuses control characters in text
            raise WorkbookError(
                self.file, f"cannot write {value!r}: {error}", sheet=str(self.ws.title),
                cell=f"{get_column_letter(column)}{row}",
                reason_zh=f"无法写入{value!r}：{error}",
            ) from None  # fmt: skip
        if isinstance(value, str):
            # Report text is text: never a formula (openpyxl makes "=…" one), and a text a
            # spreadsheet would run once edited ("=…", "+…", "-…", "@…", a leading tab or line
            # break) carries the quote prefix, as if typed with a leading apostrophe.  The
            # cell's value stays the exact text, so that it reads back unchanged.
            cell.data_type = "s"
            if neutralise_formula(value) != value:
                cell.quotePrefix = True
        return cell

    def merge(self, row: int, column: int, end_row: int, end_column: int) -> None:
        """Merge a range (nothing to do for a single cell)."""
        if (row, column) != (end_row, end_column):
            for r in range(row, end_row + 1):
                for c in range(column, end_column + 1):
                    self.ws.cell(row=r, column=c).border = _BORDER
            self.ws.merge_cells(
                start_row=row, start_column=column, end_row=end_row, end_column=end_column
            )

    def text(
        self, row: int, column: int, value: str, *, to: int | None = None, bold: bool = False,
        indent: int = 0, center: bool = False, border: bool = True,
    ) -> None:  # fmt: skip
        """Write a text cell (merged to column *to*); blank text leaves the cell empty."""
        cell = self._put(row, column, value if value else None)
        cell.alignment = Alignment(
            wrap_text=True, vertical="center", indent=indent,
            horizontal="center" if center else ("left" if indent else None),
        )  # fmt: skip
        if bold:
            cell.font = Font(bold=True)
        if border:
            cell.border = _BORDER
        if to is not None and to != column:
            self.merge(row, column, row, to)

    def _number(self, row: int, column: int, value: Decimal | None, fmt: str, text: str) -> None:
        number = None if value is None else exact_number(value)
        cell = self._put(row, column, number if number is not None else (text or None))
        if number is not None:
            cell.number_format = fmt
        cell.alignment = Alignment(horizontal="right", vertical="center")
        cell.border = _BORDER

    def amount(self, row: int, column: int, value: Decimal | None) -> None:
        """An amount in 万元: format 0.00 (more zeros where more decimals are stated)."""
        places = 0 if value is None else decimal_places(value)
        fmt = "0.00" if places <= 2 else "0." + "0" * places
        self._number(row, column, value, fmt, "" if value is None else format(value, "f"))

    def points(self, row: int, column: int, value: Decimal | None) -> None:
        """A weight or score, in the General format."""
        self._number(row, column, value, "General", "" if value is None else format(value, "f"))

    def count(self, row: int, column: int, value: int | None) -> None:
        """A headcount."""
        text = "" if value is None else str(value)
        self._number(row, column, None if value is None else Decimal(value), "0", text)

    def percent(self, row: int, column: int, points: Decimal | None) -> None:
        """A rate stated in percent points, written as a fraction with a percent format."""
        if points is None:
            self._number(row, column, None, "0%", "")
            return
        places = decimal_places(points)
        fmt = "0%" if places == 0 else "0." + "0" * places + "%"
        self._number(row, column, points.scaleb(-2), fmt, format(points, "f") + "%")

    def line(self, value: str, *, bold: bool = False, center: bool = False) -> None:
        """A row of one text merged across the sheet's width, without borders."""
        self.text(self.row, 1, value, to=self.width, bold=bold, center=center, border=False)
        self.row += 1

    def title(self, value: str) -> None:
        """The table's title, and the "填报单位：…" line under it if this sheet carries it."""
        self.line(value, bold=True, center=True)
        if self.filer is not None:
            self.line(f"填报单位：{self.filer}")

    def widths(self, widths: tuple[int, ...]) -> None:
        """Set the column widths (in characters)."""
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
