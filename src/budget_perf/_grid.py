"""A table as a grid of plain cells, whatever file it came from (private).

Every reader (:mod:`budget_perf._readers`: .xlsx, .xls, .docx) gives each table it finds as a
:class:`Grid`: cells by (row, column), 1-based, merged ranges forward-filled.  A merged range
holds its value in its top-left cell; the reader copies that value into every cell of the range,
marking the copies as not the ``origin``, so that a row of an indicator table sees the 一级指标
written once above it, while a reader that must not count a value twice looks at origin cells
only.

A grid names its cells the way its source does (:class:`GridKind`): a worksheet cell as
``Sheet!C7``, the cell in row 5, column 3 of a Word document's second table as ``表2!R5C3``.

>>> grid = Grid(file="自评.docx", sheet="表2", n_rows=5, n_columns=3, kind=GridKind.TABLE,
...             cells={(5, 3): Cell(row=5, column=3, value="85", source_row=5, source_column=3)})
>>> grid.address(grid.cell(5, 3)), grid.ref(grid.cell(5, 3))
('表2!R5C3', 'R5C3')
>>> print(grid.error(grid.cell(5, 3), "not a score"))
自评.docx: 表2!R5C3: not a score
>>> sheet = attrs.evolve(grid, file="自评.xlsx", sheet="项目表", kind=GridKind.SHEET)
>>> sheet.address(sheet.cell(5, 3)), column_letter(28)
('项目表!C5', 'AB')

This module imports no optional package; ``budget_perf.excel._grid`` re-exports its names
beside ``grid_of``, which builds a grid from a worksheet.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterator, Mapping

import attrs

from budget_perf._fileerrors import DocumentError, WorkbookError, cell_address

__all__ = ["Cell", "CellValue", "Grid", "GridKind", "column_letter"]

#: What a cell may hold once formulas and error values are refused.
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


def column_letter(column: int) -> str:
    """The spreadsheet letters of the 1-based *column*: 1 is ``A``, 27 ``AA``.

    >>> [column_letter(n) for n in (1, 26, 27, 64, 16384)]
    ['A', 'Z', 'AA', 'BL', 'XFD']
    """
    if column < 1:
        raise ValueError(f"a column number starts at 1, not {column}")
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class GridKind(enum.Enum):
    """What a grid was read from, which decides how its cells are named."""

    #: A worksheet (.xlsx, .xls): the grid's ``sheet`` is the sheet's name, a cell ``C7``.
    SHEET = "sheet"
    #: A table of a Word document: the grid's ``sheet`` is ``表N`` (the N-th table of the
    #: document, counted from 1 in reading order), a cell ``R5C3`` (row 5, column 3).
    TABLE = "table"


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
        """The cell's spreadsheet reference, such as ``C7`` (:meth:`Grid.ref` names it as its
        grid's source does)."""
        return f"{column_letter(self.column)}{self.row}"

    @property
    def blank(self) -> bool:
        """Whether the cell holds nothing (``None`` or only whitespace)."""
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@attrs.frozen(kw_only=True)
class Grid:
    """The cells of one sheet or table, with the file and sheet name for error messages."""

    file: str
    #: The sheet's name; for a Word table ``表N``.
    sheet: str
    n_rows: int
    n_columns: int
    cells: Mapping[tuple[int, int], Cell]
    #: The cells written in each row, left to right (rows without any are left out).
    by_row: Mapping[int, tuple[Cell, ...]] = attrs.field(init=False, repr=False, eq=False)
    #: What the grid was read from: how its cells are named.
    kind: GridKind = GridKind.SHEET
    #: A Word table's title: the nearest paragraph above the table that names a table (holds
    #: 表, at most 60 characters), else the nearest non-blank paragraph above it; ``""`` when
    #: none, and for a worksheet, whose title is a row of the grid itself.
    title: str = ""
    #: The non-blank paragraphs just above a Word table (at most five, since the previous
    #: table, in document order, stripped); ``()`` for a worksheet.
    preamble: tuple[str, ...] = ()

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

    def ref(self, cell: Cell) -> str:
        """The name of *cell*'s position in its source: ``C7`` on a sheet, ``R7C3`` in a Word
        table."""
        return self._ref(cell.row, cell.column)

    def _ref(self, row: int, column: int) -> str:
        if self.kind is GridKind.TABLE:
            return f"R{row}C{column}"
        return f"{column_letter(column)}{row}"

    def address(self, cell: Cell) -> str:
        """``Sheet!C7`` (``表2!R7C3``) for the cell *cell*'s value was written in (a merge's
        origin)."""
        row, column = (cell.source_row, cell.source_column) if cell.source_row else (0, 0)
        ref = self.ref(cell) if not row else self._ref(row, column)
        if self.kind is GridKind.TABLE:
            return f"{self.sheet}!{ref}"
        return cell_address(self.sheet, ref)

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
        """A :class:`WorkbookError` at *cell* of this sheet (or the sheet, without a cell); for a
        Word table a :class:`~budget_perf._fileerrors.DocumentError` (``表2!R5C3``)."""
        kind = DocumentError if self.kind is GridKind.TABLE else WorkbookError
        return kind(
            self.file, reason, sheet=self.sheet, cell=None if cell is None else self.ref(cell),
            reason_zh=reason_zh,
        )  # fmt: skip
