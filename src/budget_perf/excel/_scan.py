"""One streaming pass through a part's XML: counting it, and keeping what the tables need.

:class:`Budget` keeps the running totals of a whole workbook against the limits of
:mod:`budget_perf.excel._limits` and refuses the workbook the moment one is passed;
:func:`scan_part` feeds one part through expat in bounded chunks, counting as it goes.  A part
with a document type declaration is refused at the declaration, before any entity could be
expanded.  Nothing is built but counters and, for a worksheet, the cells that hold something
(:class:`RawCell`) and the merged ranges; for the shared strings, the strings.  openpyxl never
parses a worksheet: an empty formatted cell costs a counter, a hyperlink or a data validation
costs nothing at all.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import IO
from xml.parsers import expat

import attrs
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter, range_boundaries

from budget_perf.excel import _limits as limits
from budget_perf.excel._errors import WorkbookError

__all__ = ["Budget", "PartScan", "RawCell", "check_size", "scan_part"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _C, _V, _F, _IS, _T, _R = (_MAIN + n for n in ("row", "c", "v", "f", "is", "t", "r"))
_SI, _MERGE, _SHEET_DATA = _MAIN + "si", _MAIN + "mergeCell", _MAIN + "sheetData"
_CHUNK = 1 << 20
_STYLE_RECORDS = frozenset(
    _MAIN + name for name in ("xf", "font", "fill", "border", "numFmt", "dxf", "cellStyle")
)

#: For each total: its limit and what it counts (English, Chinese).
_TOTALS: dict[str, tuple[int, str, str]] = {
    "sheets": (limits.MAX_SHEETS, "sheets", "个工作表"),
    "cells": (
        limits.MAX_CELLS,
        "cells in all sheets together (a cell that only carries a format counts too)",
        "个单元格（各工作表合计，仅有格式的空单元格也计算在内）",
    ),
    "value cells": (
        limits.MAX_VALUE_CELLS, "cells holding a value in all sheets together",
        "个有内容的单元格（各工作表合计）",
    ),
    "merged ranges": (
        limits.MAX_MERGED_RANGES, "merged ranges in all sheets together",
        "个合并区域（各工作表合计）",
    ),
    "merged cells": (
        limits.MAX_MERGED_CELLS, "cells covered by merged ranges in all sheets together",
        "个合并单元格（各工作表合并区域覆盖的单元格合计）",
    ),
    "style records": (
        limits.MAX_STYLE_RECORDS,
        "style records (cell formats, fonts, fills, borders, number formats, cell styles)",
        "条样式记录（单元格格式、字体、填充、边框、数字格式、单元格样式合计）",
    ),
    "shared strings": (limits.MAX_SHARED_STRINGS, "shared strings", "个共享字符串"),
    "text": (limits.MAX_TEXT_CHARACTERS, "characters of text", "个文本字符"),
    "elements": (limits.MAX_ELEMENTS, "XML elements", "个XML元素"),
    "tree elements": (
        limits.MAX_TREE_ELEMENTS,
        "XML elements in the parts read whole (styles, workbook, relationships, content types)",
        "个整体读取部件（样式、工作簿、关系、内容类型）中的XML元素",
    ),
}  # fmt: skip


def check_size(
    file: str, sheet: str, rows: int, columns: int, cell: str | None = None, what: str = "sheet"
) -> None:
    """Refuse a sheet that uses more than :data:`~._limits.MAX_ROWS` rows or
    :data:`~._limits.MAX_COLUMNS` columns (*what* says whether a value or a merged range)."""
    if rows > limits.MAX_ROWS:
        raise WorkbookError(
            file, f"the {what} uses {rows} rows, more than the limit of {limits.MAX_ROWS}",
            sheet=sheet, cell=cell,
            reason_zh=f"使用到第{rows}行，超过上限{limits.MAX_ROWS}行",
        )  # fmt: skip
    if columns > limits.MAX_COLUMNS:
        raise WorkbookError(
            file, f"the {what} uses {columns} columns, more than the limit of "
            f"{limits.MAX_COLUMNS}", sheet=sheet, cell=cell,
            reason_zh=f"使用到第{columns}列，超过上限{limits.MAX_COLUMNS}列",
        )  # fmt: skip


class Budget:
    """The running totals of one workbook; :meth:`add` refuses it once a total passes its limit."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.totals = dict.fromkeys(_TOTALS, 0)

    def add(self, total: str, amount: int, part: str, sheet: str | None = None) -> None:
        """Add *amount* to *total*, counted in *part* (of *sheet*, if it is a worksheet)."""
        value = self.totals[total] + amount
        self.totals[total] = value
        limit, english, chinese = _TOTALS[total]
        if value > limit:
            raise WorkbookError(
                self.file,
                f"the workbook holds more than the limit of {limit} {english} (passed in the "
                f"part {part})",
                sheet=sheet,
                reason_zh=f"工作簿超过上限：多于{limit}{chinese}（在部件{part}中超出）",
            )


@attrs.define(slots=True)
class RawCell:
    """A cell's XML, as written: what :mod:`~budget_perf.excel._cellxml` turns into a value."""

    row: int
    column: int
    type: str  # the t attribute ("n" when absent)
    style: str  # the s attribute ("" when absent)
    value: str | None = None  # the text of its <v>
    formula: str | None = None  # the text of its <f>, if it has one
    formula_attributes: dict[str, str] = attrs.Factory(dict)
    inline: str | None = None  # the text of its <is>, if it has one


class PartScan:
    """The expat handlers for one part, and what they keep.

    Attributes:
        cells: for a worksheet, each cell that has a ``<v>``, ``<f>`` or ``<is>``, by position.
        merged: for a worksheet, its merged ranges (first column, first row, last column,
            last row).
        strings: for the shared-strings part, the text of each ``<si>`` as openpyxl's
            ``read_string_table`` gives it (its ``<t>`` then the ``<t>`` of its runs, phonetic
            runs left out, "x005F_" removed); ``None`` for other parts.
    """

    def __init__(
        self, budget: Budget, part: str, *, sheet: str | None, tree: bool, styles: bool,
        strings: bool,
    ) -> None:  # fmt: skip
        self.budget = budget
        self.part = part
        self.sheet = sheet
        self.tree = tree
        self.styles = styles
        self.cells: dict[tuple[int, int], RawCell] = {}
        self.merged: list[tuple[int, int, int, int]] = []
        self.strings: list[str] | None = [] if strings else None
        self._row = self._column = 0
        self._cell: RawCell | None = None  # the cell open, if it has a value child yet
        self._attributes: dict[str, str] = {}  # the open cell's attributes
        self._child: str | None = None  # the child of the cell whose text is being kept
        self._in_cell = False
        self._in_data = False  # inside <sheetData>
        self._in_text = 0
        self._path: list[str] | None = None  # the elements open inside a <c> or an <si>
        self._plain: list[str] = []
        self._runs: list[str] = []
        self._target: list[str] | None = None  # where the characters go

    def _add(self, total: str, amount: int = 1) -> None:
        self.budget.add(total, amount, self.part, self.sheet)

    def malformed(self, what: str) -> WorkbookError:
        """A refusal of the part's XML."""
        return WorkbookError(
            self.budget.file, f"malformed workbook XML in the part {self.part}: {what}",
            sheet=self.sheet, reason_zh=f"部件{self.part}的XML格式错误：{what}",
        )  # fmt: skip

    def doctype(self, *_: object) -> None:
        """Refuse a DOCTYPE (or entity) declaration, before anything is declared or expanded."""
        raise WorkbookError(
            self.budget.file,
            f"the part {self.part} declares a DOCTYPE or entities, which an .xlsx never does "
            "(an XML bomb?); refused before parsing",
            reason_zh=f"部件{self.part}含有DOCTYPE或实体声明（XML炸弹？），.xlsx文件从不如此，"
            "已在解析前拒绝",
        )

    def start(self, name: str, attributes: dict[str, str]) -> None:
        """Count one element; keep what a cell or a shared string holds."""
        self._add("elements")
        if self.tree:
            self._add("tree elements")
        path = self._path
        if path is not None:
            self._inside(path, name, attributes)
            path.append(name)
        elif name == _ROW:
            self._row = self._number(attributes.get("r"), self._row + 1)
            self._column = 0
        elif name == _C:
            self._open_cell(attributes)
        elif name == _SI:
            self._add("shared strings")
            if self.strings is not None:
                self._path, self._plain, self._runs = [], [], []
        elif name == _MERGE:
            self._merge(attributes.get("ref", ""))
        elif name == _SHEET_DATA:
            self._in_data = True
        elif name == _T:
            self._in_text += 1
        elif self.styles and name in _STYLE_RECORDS:
            self._add("style records")

    def _inside(self, path: list[str], name: str, attributes: dict[str, str]) -> None:
        """An element inside a ``<c>`` or an ``<si>`` (*path*: the elements open within it)."""
        if name == _T:
            self._in_text += 1
            prefix = path[1:] if self._in_cell else path
            if self._in_cell and (not path or path[0] != _IS):
                self._target = None
            elif not prefix:
                self._target = self._plain
            else:
                self._target = self._runs if prefix == [_R] else None
            return
        if not self._in_cell or path or name not in (_V, _F, _IS):
            return
        # a direct child of the <c> that gives it a value: openpyxl reads the first of each
        cell = self._cell
        if cell is None:
            cell = self._cell = RawCell(
                row=self._row, column=self._column,
                type=self._attributes.get("t", "n"), style=self._attributes.get("s", ""),
            )  # fmt: skip
            self._check(self._row, self._column)
            self._add("value cells")
        first = {_V: cell.value, _F: cell.formula, _IS: cell.inline}[name] is None
        self._child = name if first else None
        self._plain, self._runs = [], []
        self._target = self._plain if first and name != _IS else None
        if first and name == _F:
            cell.formula_attributes = dict(attributes)

    def end(self, name: str) -> None:
        """Leave an element."""
        path = self._path
        if name == _T:
            self._in_text -= 1
            self._target = None
        if path is None:
            if name == _SHEET_DATA:
                self._in_data = False
            return
        if path:
            closed = path.pop()
            if self._in_cell and not path and self._cell is not None:
                self._close_child(closed, self._cell)
            return
        if self._in_cell:  # the end of the <c>
            if self._cell is not None:
                self.cells[(self._cell.row, self._cell.column)] = self._cell
            self._in_cell, self._cell = False, None
        elif self.strings is not None:  # the end of the <si>
            text = "".join(self._plain) + "".join(self._runs)
            self.strings.append(text.replace("x005F_", ""))
        self._path = None

    def _close_child(self, name: str, cell: RawCell) -> None:
        """A direct child of a cell with a value closes: keep its text if it is the first."""
        if name == self._child:
            if name == _V:
                cell.value = "".join(self._plain)
            elif name == _F:
                cell.formula = "".join(self._plain)
            else:
                cell.inline = "".join(self._plain) + "".join(self._runs)
        self._child = self._target = None

    def text(self, data: str) -> None:
        """Count the characters of a text element; keep those of a value or a string."""
        if self._in_text:
            self._add("text", len(data))
        if self._target is not None:
            self._target.append(data)

    def _open_cell(self, attributes: dict[str, str]) -> None:
        self._add("cells")
        ref = attributes.get("r")
        if ref:
            try:
                self._row, self._column = coordinate_to_tuple(ref)
            except Exception:  # openpyxl raises several kinds for a bad reference
                raise self.malformed(f"the cell reference {ref[:20]!r}") from None
        else:
            self._column += 1
        if self.sheet is not None and self._in_data:
            self._in_cell, self._cell, self._path = True, None, []
            self._attributes = attributes

    def _number(self, text: str | None, default: int) -> int:
        """A row number as openpyxl reads it ("7", or "7.0")."""
        if text is None:
            return default
        try:
            return int(text)
        except ValueError:
            try:
                number = float(text)  # float-ok: a row number ("7.0"), not money
            except ValueError:
                number = 0.5
            if not number.is_integer():
                raise self.malformed(f"the row number {text[:20]!r}") from None
            return int(number)

    def _merge(self, ref: str) -> None:
        try:
            first_col, first_row, last_col, last_row = range_boundaries(ref)
        except Exception:  # a malformed range
            raise self.malformed(f"the merged range {ref[:40]!r}") from None
        if None in (first_col, first_row, last_col, last_row):  # a whole row or column
            raise self.malformed(f"the merged range {ref[:40]!r}")
        if self.sheet is not None:
            check_size(self.budget.file, self.sheet, last_row, last_col, ref, "merged range")
        self._add("merged ranges")
        self._add("merged cells", (last_row - first_row + 1) * (last_col - first_col + 1))
        self.merged.append((first_col, first_row, last_col, last_row))

    def _check(self, row: int, column: int) -> None:
        if self.sheet is not None and (row > limits.MAX_ROWS or column > limits.MAX_COLUMNS):
            ref = f"{get_column_letter(column)}{row}" if column <= 18_278 else None
            check_size(self.budget.file, self.sheet, row, column, ref, "value")


def scan_part(
    budget: Budget,
    archive: zipfile.ZipFile,
    part: str,
    *,
    tree: bool,
    sheet: str | None = None,
    styles: bool = False,
    strings: bool = False,
) -> PartScan | None:
    """Count *part* of *archive* (and keep what it holds); ``None`` if there is no such part.

    *tree* says that openpyxl builds the part as one tree (so the smaller
    :data:`~._limits.MAX_TREE_PART_BYTES` applies and its elements count as tree elements),
    *sheet* that it is that worksheet's XML, *styles* that it is the stylesheet, *strings* that
    it is the shared strings.

    Raises:
        WorkbookError: a limit is passed, the part declares a DOCTYPE, or its XML is malformed.
        zipfile.BadZipFile: the part's data is corrupt (the caller words the refusal).
    """
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    cap = limits.MAX_TREE_PART_BYTES if tree else limits.MAX_PART_BYTES
    if info.file_size > cap:
        raise WorkbookError(
            budget.file,
            f"the part {part} would unpack to {info.file_size} bytes, more than the limit of "
            f"{cap} for it",
            sheet=sheet,
            reason_zh=f"部件{part}解压后为{info.file_size}字节，超过上限{cap}字节",
        )
    scan = PartScan(budget, part, sheet=sheet, tree=tree, styles=styles, strings=strings)
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = scan.doctype
    parser.EntityDeclHandler = scan.doctype
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    with archive.open(info) as stream:
        _feed(parser.Parse, stream, scan)
    return scan


def _feed(parse: Callable[[bytes, bool], object], stream: IO[bytes], scan: PartScan) -> None:
    try:
        while chunk := stream.read(_CHUNK):
            parse(chunk, False)
        parse(b"", True)
    except expat.ExpatError as error:
        raise scan.malformed(expat.ErrorString(error.code) or str(error)) from None
