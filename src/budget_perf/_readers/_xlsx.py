"""The worksheets of an .xlsx workbook as grids: the guarded workbook reader (private).

Needs the ``excel`` extra (openpyxl and defusedxml).  :func:`read_xlsx` is
:func:`~budget_perf.excel._guard.open_workbook_bytes` (every check and limit of the workbook guard)
then :func:`~budget_perf.excel._grid.grid_of` for each worksheet, in workbook order.
"""

from __future__ import annotations

from budget_perf._grid import Grid
from budget_perf.excel._grid import grid_of
from budget_perf.excel._guard import open_workbook_bytes

__all__ = ["read_xlsx"]


def read_xlsx(file: str, data: bytes) -> tuple[Grid, ...]:
    """The worksheets of the workbook *data* (read from the file named *file*), as grids.

    Raises:
        WorkbookError: naming the file, and the sheet and cell where they apply.
    """
    package = open_workbook_bytes(file, data)
    return tuple(grid_of(package, part, file) for part in package.sheets)
