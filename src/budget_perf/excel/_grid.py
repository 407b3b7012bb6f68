"""A sheet as a grid of plain cells, merged ranges forward-filled (private).

A merged range holds its value in its top-left cell and nothing elsewhere.  :func:`grid_of`
copies the top-left value into every cell of the range, marking the copies as not the
``origin``, so that a row of an indicator table sees the 一级指标 written once above it, while a
reader that must not count a value twice looks at origin cells only.

Formulas and error values are refused here, for the whole sheet: a formula's cached value may
be absent or stale (budget_perf reads what a table states, so paste values first), and an error
value such as ``#DIV/0!`` states nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping

import attrs
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.cell import get_column_letter

from budget_perf.excel._cellxml import cell_value, formula_text
from budget_perf.excel._errors import WorkbookError, cell_address
from budget_perf.excel._package import Package, SheetPart
from budget_perf.excel._scan import check_size

__all__ = ["Cell", "CellValue", "Grid", "grid_of"]

#: What an openpyxl cell may hold once formulas and error values are refused.
CellValue = (
    str
    | int
    | float
    | bool
    | datetime.datetime
    | datetime.date
    | datetime.time
    | datetime.timedelta
    | None
)


@attrs.frozen(kw_only=True)
class Cell:
    """One cell: position, value, number format, indent and whether it is a merge's origin."""

    row: int
    column: int
    value: CellValue = None
    number_format: str = "General"
    origin: bool = True
    indent: int = 0
    #: Where the value was written: the cell itself, or the top-left cell of its merged range.
    source_row: int = 0
    source_column: int = 0

    @property
    def ref(self) -> str:
        """The cell's reference, such as ``C7``."""
        return f"{get_column_letter(self.column)}{self.row}"

    @property
    def blank(self) -> bool:
        """Whether the cell holds nothing (``None`` or only whitespace)."""
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@attrs.frozen(kw_only=True)
class Grid:
    """The cells of one sheet, with the file and sheet name for error messages."""

    file: str
    sheet: str
    n_rows: int
    n_columns: int
    cells: Mapping[tuple[int, int], Cell]
    #: The cells written in each row, left to right (rows without any are left out).
    by_row: Mapping[int, tuple[Cell, ...]] = attrs.field(init=False, repr=False, eq=False)

    @by_row.default
    def _index(self) -> Mapping[int, tuple[Cell, ...]]:
        rows: dict[int, list[Cell]] = {}
        for (row, _), cell in sorted(self.cells.items()):
            rows.setdefault(row, []).append(cell)
        return {row: tuple(cells) for row, cells in rows.items()}

    def cell(self, row: int, column: int) -> Cell:
        """The cell at (*row*, *column*), a blank one where nothing is written."""
        return self.cells.get((row, column)) or Cell(row=row, column=column)

    def row(self, row: int) -> tuple[Cell, ...]:
        """Every cell of *row*, blank or not, from column A to the last used column."""
        return tuple(self.cell(row, column) for column in range(1, self.n_columns + 1))

    def filled(self, row: int, *, origin_only: bool = True) -> Iterator[Cell]:
        """The non-blank cells of *row*, left to right (only merge origins by default)."""
        for cell in self.by_row.get(row, ()):
            if not cell.blank and (cell.origin or not origin_only):
                yield cell

    def address(self, cell: Cell) -> str:
        """``Sheet!C7`` for the cell *cell*'s value was written in (a merge's origin)."""
        row, column = (cell.source_row, cell.source_column) if cell.source_row else (0, 0)
        if not row:
            return cell_address(self.sheet, cell.ref)
        return cell_address(self.sheet, f"{get_column_letter(column)}{row}")

    def in_row(self, row: int, column: int) -> Cell:
        """The cell at (*row*, *column*), blank if it only repeats a merge origin in the same row.

        A value merged across columns belongs to its first column; a value merged down a column
        is seen by every row of the merge.
        """
        cell = self.cell(row, column)
        if not cell.origin and cell.source_row == row:
            return Cell(row=row, column=column)
        return cell

    def own(self, row: int, column: int) -> Cell:
        """The cell at (*row*, *column*), blank unless the value was written there (an origin)."""
        cell = self.cell(row, column)
        return cell if cell.origin else Cell(row=row, column=column)

    def error(self, cell: Cell | None, reason: str, reason_zh: str | None = None) -> WorkbookError:
        """A :class:`WorkbookError` at *cell* of this sheet (or the sheet, without a cell)."""
        return WorkbookError(
            self.file, reason, sheet=self.sheet, cell=None if cell is None else cell.ref,
            reason_zh=reason_zh,
        )  # fmt: skip


def grid_of(package: Package, part: SheetPart, file: str) -> Grid:
    """The worksheet *part* of *package* as a :class:`Grid`, refusing formulas and error values.

    Only the cells that hold something were kept (:mod:`~budget_perf.excel._scan`): empty
    formatted cells, however many, cost nothing, and the grid's extent comes from what the cells
    hold, never from the sheet's ``<dimension>`` (which one empty formatted cell at XFD1048576
    stretches to 17 billion cells).
    """
    sheet = part.title
    cells: dict[tuple[int, int], Cell] = {}
    for position, raw in sorted(part.cells.items()):
        value, data_type, style = cell_value(raw, package.workbook, package.strings, file, sheet)
        if value is None:
            continue
        row, column = position
        ref = f"{get_column_letter(column)}{row}"
        check_size(file, sheet, row, column, ref)  # cells with a value; borders do not count
        if data_type == "f":
            shown = formula_text(raw, part.cells)
            raise WorkbookError(
                file,
                f"the cell holds a formula ({shown}); budget_perf reads the figures a table "
                "states, and a formula's saved result may be missing or stale: "
                "copy the table and paste it as values",
                sheet=sheet, cell=ref,
                reason_zh=f"单元格含有公式（{shown}）；budget_perf读取表格填报的数字，公式保存的"
                "结果可能缺失或过时：请复制表格并“粘贴为数值”",
            )  # fmt: skip
        if data_type == "e":
            raise WorkbookError(
                file, f"the cell holds the error value {value}, not a figure",
                sheet=sheet, cell=ref, reason_zh=f"单元格为错误值{value}，不是数字",
            )  # fmt: skip
        plain = str | int | float | datetime.date | datetime.time | datetime.timedelta
        if not isinstance(value, plain):
            value = str(value)
        number_format, indent = _style(package, row, column, style, file, sheet)
        cells[position] = Cell(
            row=row, column=column, value=value, number_format=number_format,
            indent=indent, source_row=row, source_column=column,
        )  # fmt: skip
    for first_col, first_row, last_col, last_row in part.merged:
        top = cells.get((first_row, first_col))
        if top is None:
            continue
        for row in range(first_row, last_row + 1):
            for column in range(first_col, last_col + 1):
                if (row, column) != (first_row, first_col):
                    cells[(row, column)] = attrs.evolve(top, row=row, column=column, origin=False)
    return Grid(
        file=file, sheet=sheet, n_rows=max((row for row, _ in cells), default=0),
        n_columns=max((column for _, column in cells), default=0), cells=cells,
    )  # fmt: skip


def _style(
    package: Package, row: int, column: int, style: int, file: str, sheet: str
) -> tuple[str, int]:
    """The number format and indent of a cell with style id *style*, as an openpyxl cell of a
    loaded workbook gives them (``number_format``; ``alignment.indent`` where it has a style)."""
    book = package.workbook
    try:
        array = book._cell_styles[style]
        code = array.numFmtId
        if code < BUILTIN_FORMATS_MAX_SIZE:
            number_format = BUILTIN_FORMATS.get(code, "General")
        else:
            number_format = book._number_formats[code - BUILTIN_FORMATS_MAX_SIZE]
        indent = book._alignments[array.alignmentId].indent if any(array) else 0
        return str(number_format), int(indent or 0)
    except (IndexError, KeyError, TypeError, ValueError):
        ref = f"{get_column_letter(column)}{row}"
        raise WorkbookError(
            file, f"the cell refers to a style the workbook does not define ({style})",
            sheet=sheet, cell=ref, reason_zh=f"单元格引用了工作簿中不存在的样式（{style}）",
        ) from None  # fmt: skip
