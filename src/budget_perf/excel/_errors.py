"""WorkbookError: an Excel workbook that cannot be read or written (工作簿错误).

Every problem with a workbook file — not a workbook at all, a corrupt or oversized archive, an
XML bomb, a missing header, a formula or an error value where a figure belongs — is raised as
one :class:`WorkbookError` naming the file and, where it applies, the sheet and the cell.

>>> err = WorkbookError("自评.xlsx", "the cell holds the error value #DIV/0!",
...                     sheet="项目表", cell="G7")
>>> print(err)
自评.xlsx: 项目表!G7: the cell holds the error value #DIV/0!
>>> err.file, err.sheet, err.cell
('自评.xlsx', '项目表', 'G7')
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

import re

from budget_perf.errors import BudgetPerfError

__all__ = ["WorkbookError", "cell_address"]

_PLAIN_SHEET = re.compile(r"\w+")


def cell_address(sheet: str, cell: str) -> str:
    """Return an Excel reference such as ``项目表!C7`` (quoted when the name needs it).

    >>> cell_address("项目表", "C7"), cell_address("Sheet 1", "A1")
    ('项目表!C7', "'Sheet 1'!A1")
    """
    if _PLAIN_SHEET.fullmatch(sheet):
        return f"{sheet}!{cell}"
    return "'" + sheet.replace("'", "''") + f"'!{cell}"


class WorkbookError(BudgetPerfError, ValueError):
    """An Excel workbook cannot be read or written; names the file, sheet and cell where known.

    Attributes:
        file: the path of the workbook, as given.
        sheet: the sheet's name, or ``None`` when the problem concerns the whole file.
        cell: the cell reference (``"C7"``), or ``None``.
        reason: what is wrong, without the location.
    """

    def __init__(
        self, file: str, reason: str, *, sheet: str | None = None, cell: str | None = None
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.reason = reason
        if sheet is not None and cell is not None:
            where = f"{file}: {cell_address(sheet, cell)}: "
        elif sheet is not None:
            where = f"{file}: sheet {sheet!r}: "
        else:
            where = f"{file}: "
        super().__init__(where + reason)
