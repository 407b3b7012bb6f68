"""A worksheet as a grid of plain cells, merged ranges forward-filled (private).

:class:`~budget_perf._grid.Grid`, :class:`~budget_perf._grid.Cell` and ``CellValue`` live in
the format-neutral :mod:`budget_perf._grid` (which every reader uses) and are re-exported here.
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

import attrs
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.cell import get_column_letter

from budget_perf._grid import Cell, CellValue, Grid
from budget_perf.excel._cellxml import cell_value, formula_text
from budget_perf.excel._errors import WorkbookError
from budget_perf.excel._package import Package, SheetPart
from budget_perf.excel._scan import check_size

__all__ = ["Cell", "CellValue", "Grid", "grid_of"]


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
