"""One pass over the records of an .xls workbook stream, before xlrd reads it (private).

An Excel 97-2003 workbook is an OLE2 compound file whose ``Workbook`` stream is a sequence of
BIFF8 records: a 2-byte type, a 2-byte length, the data.  xlrd builds a Python object for every
cell record, merged range, format and string, so :func:`check_stream` walks the records exactly
as xlrd will (the workbook globals from the start to their EOF record, then each worksheet from
the offset its BOUNDSHEET record gives, to its EOF) and counts them against the limits of
:mod:`budget_perf._limits`, the same as an .xlsx workbook's.  It also refuses what xlrd reads
without a word: an encrypted workbook (a FILEPASS record), a workbook older than Excel 97
(BIFF5, the ``Book`` stream), and a formula (xlrd gives only its cached result, which may be
missing or stale, so it is refused as the .xlsx reader refuses it: paste values first).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from budget_perf._fileerrors import WorkbookError
from budget_perf._grid import column_letter
from budget_perf._limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_MERGED_CELLS,
    MAX_MERGED_RANGES,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_SHEETS,
    MAX_STYLE_RECORDS,
    MAX_VALUE_CELLS,
    MAX_XLS_RECORDS,
)

__all__ = ["check_stream"]

_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _SST = 0x0809, 0x000A, 0x002F, 0x0085, 0x00FC
_FORMULA, _MERGED = 0x0006, 0x00E5
_MULRK, _MULBLANK, _BLANK = 0x00BD, 0x00BE, 0x0201
#: Records of one cell holding a value: NUMBER, RK, LABELSST, LABEL, RSTRING, BOOLERR, FORMULA.
_VALUE_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, _FORMULA})
_STYLES = frozenset({0x00E0, 0x0031, 0x041E})  # XF, FONT, FORMAT

#: Each total: its limit, and what it counts (English, Chinese).
_TOTALS: dict[str, tuple[int, str, str]] = {
    "records": (MAX_XLS_RECORDS, "BIFF records", "条BIFF记录"),
    "sheets": (MAX_SHEETS, "sheets", "个工作表"),
    "cells": (
        MAX_CELLS, "cell records (blank formatted cells included)", "个单元格记录（含空白单元格）"
    ),
    "value cells": (MAX_VALUE_CELLS, "cells holding a value", "个有内容的单元格"),
    "merged ranges": (MAX_MERGED_RANGES, "merged ranges", "个合并区域"),
    "merged cells": (MAX_MERGED_CELLS, "cells covered by merged ranges", "个合并单元格"),
    "style records": (
        MAX_STYLE_RECORDS, "style records (XF, FONT, FORMAT)", "条样式记录（XF、FONT、FORMAT）"
    ),
    "shared strings": (MAX_SHARED_STRINGS, "shared strings", "个共享字符串"),
}  # fmt: skip


class _Walk:
    def __init__(self, file: str, stream: bytes) -> None:
        self.file = file
        self.stream = stream
        self.totals = dict.fromkeys(_TOTALS, 0)

    def refuse(self, reason: str, reason_zh: str, sheet: str | None = None,
               cell: str | None = None) -> WorkbookError:  # fmt: skip
        return WorkbookError(self.file, reason, sheet=sheet, cell=cell, reason_zh=reason_zh)

    def add(self, total: str, amount: int = 1, sheet: str | None = None) -> None:
        self.totals[total] += amount
        limit, english, chinese = _TOTALS[total]
        if self.totals[total] > limit:
            raise self.refuse(
                f"the workbook holds more than the limit of {limit} {english}",
                f"工作簿超过上限：多于{limit}{chinese}", sheet=sheet,
            )  # fmt: skip

    def records(self, position: int, sheet: str | None) -> Iterator[tuple[int, bytes]]:
        """The records from *position* to the EOF record (included)."""
        stream = self.stream
        while True:
            if position + 4 > len(stream):
                raise self.refuse(
                    "the workbook stream ends before its EOF record (a truncated file?)",
                    "工作簿数据流在结束记录之前中断（文件不完整？）", sheet=sheet,
                )  # fmt: skip
            kind, length = struct.unpack_from("<HH", stream, position)
            data = stream[position + 4 : position + 4 + length]
            if len(data) < length:
                raise self.refuse(
                    "the workbook stream ends inside a record (a truncated file?)",
                    "工作簿数据流在记录中途中断（文件不完整？）", sheet=sheet,
                )  # fmt: skip
            self.add("records", sheet=sheet)
            yield kind, data
            position += 4 + length
            if kind == _EOF:
                return


def check_stream(file: str, stream: bytes) -> None:
    """Walk the BIFF8 workbook *stream* (of the file *file*) as xlrd will, counting it.

    Raises:
        WorkbookError: a limit passed, an encrypted or pre-97 workbook, a formula, a malformed
            or truncated stream; naming the file, and the sheet and cell where they apply.
    """
    walk = _Walk(file, stream)
    records = walk.records(0, None)
    kind, data = next(records)
    if kind != _BOF or len(data) < 2 or struct.unpack_from("<H", data)[0] != 0x0600:
        raise walk.refuse(
            "not an Excel 97-2003 (BIFF8) workbook stream: an older Excel file? save it as .xlsx",
            "不是Excel 97-2003（BIFF8）工作簿数据流，可能是更早版本的Excel文件，请另存为.xlsx",
        )  # fmt: skip
    sheets: list[tuple[int, str]] = []
    for kind, data in records:
        if kind == _FILEPASS:
            raise walk.refuse(
                "the workbook is password-protected (encrypted); remove the password and save "
                "it again", "工作簿已加密（设置了密码），请取消密码后重新保存",
            )  # fmt: skip
        if kind == _BOUNDSHEET:
            walk.add("sheets")
            if len(data) >= 8 and data[5] == 0:  # a worksheet: xlrd reads no other kind
                sheets.append((struct.unpack_from("<I", data)[0], _name(data)))
        elif kind in _STYLES:
            walk.add("style records")
        elif kind == _SST and len(data) >= 8:
            walk.add("shared strings", struct.unpack_from("<I", data, 4)[0])
    for offset, name in sheets:
        for kind, data in walk.records(offset, name):
            _cell(walk, kind, data, name)


def _name(data: bytes) -> str:
    """The sheet name of a BOUNDSHEET record (for messages)."""
    count, wide = data[6], data[7] & 1
    raw = data[8 : 8 + count * (2 if wide else 1)]
    return raw.decode("utf-16-le" if wide else "latin-1", errors="replace")


def _cell(walk: _Walk, kind: int, data: bytes, sheet: str) -> None:
    """Count one record of a worksheet."""
    if kind == _MERGED:
        _merged(walk, data, sheet)
        return
    if kind not in _VALUE_CELLS and kind not in (_MULRK, _MULBLANK, _BLANK):
        return
    if len(data) < 6:
        raise walk.refuse(
            f"malformed cell record (type 0x{kind:04X})", f"单元格记录格式错误（类型0x{kind:04X}）",
            sheet=sheet,
        )  # fmt: skip
    row, column = struct.unpack_from("<HH", data)
    if kind in (_MULRK, _MULBLANK):
        cells = (len(data) - 6) // (6 if kind == _MULRK else 2)
        walk.add("cells", cells, sheet)
        if kind == _MULBLANK:
            return
        walk.add("value cells", cells, sheet)
        column += cells - 1
    else:
        walk.add("cells", 1, sheet)
        if kind == _BLANK:
            return
        walk.add("value cells", 1, sheet)
    ref = f"{column_letter(column + 1)}{row + 1}"
    _within(walk, row + 1, column + 1, sheet, ref, "value")
    if kind == _FORMULA:
        raise walk.refuse(
            "the cell holds a formula; budget_perf reads the figures a table states, and a "
            "formula's saved result may be missing or stale: copy the table and paste it as "
            "values",
            "单元格含有公式；budget_perf读取表格填报的数字，公式保存的结果可能缺失或过时："
            "请复制表格并“粘贴为数值”", sheet=sheet, cell=ref,
        )  # fmt: skip


def _merged(walk: _Walk, data: bytes, sheet: str) -> None:
    count = struct.unpack_from("<H", data)[0] if len(data) >= 2 else 0
    for index in range(min(count, (len(data) - 2) // 8)):
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", data, 2 + 8 * index)
        ref = f"{column_letter(first_col + 1)}{first_row + 1}"
        _within(walk, last_row + 1, last_col + 1, sheet, ref, "merged range")
        walk.add("merged ranges", 1, sheet)
        covered = max(last_row - first_row + 1, 0) * max(last_col - first_col + 1, 0)
        walk.add("merged cells", covered, sheet)


def _within(walk: _Walk, row: int, column: int, sheet: str, ref: str, what: str) -> None:
    if row > MAX_ROWS:
        raise walk.refuse(
            f"the {what} uses {row} rows, more than the limit of {MAX_ROWS}",
            f"使用到第{row}行，超过上限{MAX_ROWS}行", sheet=sheet, cell=ref,
        )  # fmt: skip
    if column > MAX_COLUMNS:
        raise walk.refuse(
            f"the {what} uses {column} columns, more than the limit of {MAX_COLUMNS}",
            f"使用到第{column}列，超过上限{MAX_COLUMNS}列", sheet=sheet, cell=ref,
        )  # fmt: skip
