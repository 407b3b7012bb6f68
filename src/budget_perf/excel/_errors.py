"""WorkbookError: an Excel workbook that cannot be read or written (工作簿错误).

Every problem with a workbook file — not a workbook at all, a corrupt or oversized archive, an
XML bomb, a missing header, a formula or an error value where a figure belongs — is raised as
one :class:`WorkbookError` naming the file and, where it applies, the sheet and the cell.  Like
every refusal it speaks English (``str(err)``) and, where the raiser gives ``reason_zh``,
Chinese (``err.message("zh")``).

>>> err = WorkbookError("自评.xlsx", "the cell holds the error value #DIV/0!",
...                     sheet="项目表", cell="G7", reason_zh="单元格为错误值#DIV/0!")
>>> print(err)
自评.xlsx: 项目表!G7: the cell holds the error value #DIV/0!
>>> print(err.message("zh"))
自评.xlsx：项目表!G7：单元格为错误值#DIV/0!
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
        reason_zh: the same in Chinese, or ``None`` where the raiser has no Chinese wording
            (then :meth:`message` answers in English for ``"zh"`` as well).
    """

    def __init__(
        self, file: str, reason: str, *, sheet: str | None = None, cell: str | None = None,
        reason_zh: str | None = None,
    ) -> None:  # fmt: skip
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.reason = reason
        self.reason_zh = reason_zh
        if sheet is not None and cell is not None:
            where = f"{file}: {cell_address(sheet, cell)}: "
            where_zh = f"{file}：{cell_address(sheet, cell)}："
        elif sheet is not None:
            where = f"{file}: sheet {sheet!r}: "
            where_zh = f"{file}：工作表「{sheet}」："
        else:
            where = f"{file}: "
            where_zh = f"{file}："
        message_zh = None if reason_zh is None else where_zh + reason_zh
        super().__init__(where + reason, message_zh=message_zh)
