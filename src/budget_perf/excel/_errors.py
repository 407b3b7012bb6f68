"""WorkbookError: an Excel workbook that cannot be read or written (工作簿错误).

Every problem with a workbook file — not a workbook at all, a corrupt or oversized archive, an
XML bomb, a missing header, a formula or an error value where a figure belongs — is raised as
one :class:`WorkbookError` naming the file and, where it applies, the sheet and the cell.  Like
every refusal it speaks English (``str(err)``) and, where the raiser gives ``reason_zh``,
Chinese (``err.message("zh")``).

The class lives in :mod:`budget_perf._fileerrors`, which imports no optional package, so that
the Word and .xls readers raise it without openpyxl; it is re-exported here, its documented home.

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

from budget_perf._fileerrors import WorkbookError, cell_address

__all__ = ["WorkbookError", "cell_address"]
