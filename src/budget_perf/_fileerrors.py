"""WorkbookError and DocumentError: a file of tables that cannot be read (文件读取错误).

Every problem with a workbook or a Word document — not a file budget_perf reads, a corrupt
or oversized archive, an XML bomb, a formula or an error value where a figure belongs — is
raised as one :class:`WorkbookError` naming the file and, where it applies, the sheet (or the
Word table) and the cell.  Like every refusal it speaks English (``str(err)``) and, where the
raiser gives ``reason_zh``, Chinese (``err.message("zh")``).

This module imports no optional package: ``budget_perf.excel`` re-exports
:class:`WorkbookError`, and the Word and .xls readers raise it without openpyxl installed.

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

A Word table is named 表N (the N-th table of the document) and its cells RrowCcolumn:

>>> print(DocumentError("自评.docx", "too many rows", sheet="表2"))
自评.docx: 表2: too many rows
>>> print(DocumentError("自评.docx", "空", sheet="表2", cell="R5C3", reason_zh="空").message("zh"))
自评.docx：表2!R5C3：空
>>> isinstance(DocumentError("a.docx", "x"), WorkbookError)
True
"""

from __future__ import annotations

import re

from budget_perf.errors import BudgetPerfError

__all__ = ["DocumentError", "WorkbookError", "cell_address"]

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
    """A file of tables cannot be read or written; names the file, sheet and cell where known.

    Attributes:
        file: the path of the file, as given.
        sheet: the sheet's name (for a Word document, the table's: ``表2``), or ``None`` when
            the problem concerns the whole file.
        cell: the cell reference (``"C7"``; in a Word table ``"R5C3"``), or ``None``.
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
        where, where_zh = self._where(file, sheet, cell)
        message_zh = None if reason_zh is None else where_zh + reason_zh
        super().__init__(where + reason, message_zh=message_zh)

    @staticmethod
    def _where(file: str, sheet: str | None, cell: str | None) -> tuple[str, str]:
        """The location the message starts with, in English and Chinese."""
        if sheet is not None and cell is not None:
            where = cell_address(sheet, cell)
            return f"{file}: {where}: ", f"{file}：{where}："
        if sheet is not None:
            return f"{file}: sheet {sheet!r}: ", f"{file}：工作表「{sheet}」："
        return f"{file}: ", f"{file}："


# The class's documented home (tracebacks and doctests name it there); it lives here so that
# readers without openpyxl can raise it.
WorkbookError.__module__ = "budget_perf.excel._errors"


class DocumentError(WorkbookError):
    """A Word document cannot be read: a :class:`WorkbookError` whose *sheet* is a table
    (``表2``, the document's second table) and whose *cell* is ``R5C3`` (row 5, column 3)."""

    @staticmethod
    def _where(file: str, sheet: str | None, cell: str | None) -> tuple[str, str]:
        if sheet is not None and cell is not None:
            return f"{file}: {sheet}!{cell}: ", f"{file}：{sheet}!{cell}："
        if sheet is not None:
            return f"{file}: {sheet}: ", f"{file}：{sheet}："
        return f"{file}: ", f"{file}："
