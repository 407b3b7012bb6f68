"""A sheet as a grid of plain cells, merged ranges forward-filled (private).

openpyxl reads a merged range as its top-left value and ``None`` elsewhere.  :func:`grid_of`
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
from typing import Any

import attrs
from openpyxl.utils.cell import get_column_letter

from budget_perf.excel._errors import WorkbookError, cell_address
from budget_perf.excel._guard import check_size

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

    def cell(self, row: int, column: int) -> Cell:
        """The cell at (*row*, *column*), a blank one where nothing is written."""
        return self.cells.get((row, column)) or Cell(row=row, column=column)

    def row(self, row: int) -> tuple[Cell, ...]:
        """Every cell of *row*, blank or not, from column A to the last used column."""
        return tuple(self.cell(row, column) for column in range(1, self.n_columns + 1))

    def filled(self, row: int, *, origin_only: bool = True) -> Iterator[Cell]:
        """The non-blank cells of *row*, left to right (only merge origins by default)."""
        for cell in self.row(row):
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

    def error(self, cell: Cell | None, reason: str) -> WorkbookError:
        """A :class:`WorkbookError` at *cell* of this sheet (or the sheet, without a cell)."""
        return WorkbookError(
            self.file, reason, sheet=self.sheet, cell=None if cell is None else cell.ref
        )


def grid_of(worksheet: Any, file: str) -> Grid:
    """Read an openpyxl worksheet into a :class:`Grid`, refusing formulas and error values."""
    sheet = str(worksheet.title)
    cells: dict[tuple[int, int], Cell] = {}
    # openpyxl keeps the written cells in ``_cells``; iter_rows() would create every empty one.
    for (row, column), source in sorted(worksheet._cells.items()):
        value = source.value
        if value is None or type(source).__name__ == "MergedCell":
            continue
        ref = f"{get_column_letter(column)}{row}"
        check_size(file, sheet, row, column, ref)  # cells with a value; borders do not count
        if source.data_type == "f":
            shown = getattr(value, "text", value)
            raise WorkbookError(
                file,
                f"the cell holds a formula ({shown}); budget_perf reads the figures a table "
                "states, and a formula's saved result may be missing or stale: "
                "copy the table and paste it as values",
                sheet=sheet, cell=ref,
            )  # fmt: skip
        if source.data_type == "e":
            raise WorkbookError(
                file, f"the cell holds the error value {value}, not a figure",
                sheet=sheet, cell=ref,
            )  # fmt: skip
        plain = str | int | float | datetime.date | datetime.time | datetime.timedelta
        if not isinstance(value, plain):
            value = str(value)  # rich text and other objects: their text
        indent = source.alignment.indent if source.has_style else 0
        cells[(row, column)] = Cell(
            row=row, column=column, value=value, number_format=str(source.number_format),
            indent=int(indent or 0), source_row=row, source_column=column,
        )  # fmt: skip
    for merged in worksheet.merged_cells.ranges:
        top = cells.get((merged.min_row, merged.min_col))
        if top is None:
            continue
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                if (row, column) != (merged.min_row, merged.min_col):
                    cells[(row, column)] = attrs.evolve(top, row=row, column=column, origin=False)
    return Grid(
        file=file, sheet=sheet, n_rows=int(worksheet.max_row),
        n_columns=int(worksheet.max_column), cells=cells,
    )  # fmt: skip
