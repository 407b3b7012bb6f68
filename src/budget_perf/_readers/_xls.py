"""The worksheets of an Excel 97-2003 workbook (.xls) as grids (读取.xls工作簿).

Needs the ``xls`` extra (``pip install 'budget_perf[xls]'``: xlrd 2, which reads .xls only,
pure Python); importing this module without it raises an ImportError that says what to
install.  xlrd was chosen over python-calamine because it gives each cell's number format
(``formatting_info=True``), which the layouts engine needs to read ``0.8619`` formatted
``0.00%`` as 86.19%, and the merged ranges; calamine gives neither.

:func:`read_xls` reads the file once (at most :data:`~budget_perf._limits.MAX_FILE_BYTES`),
finds the ``Workbook`` stream with xlrd's compound-file reader, walks its records before xlrd
builds anything (:mod:`~budget_perf._readers._biff`: the .xlsx limits, an encrypted workbook,
a pre-97 one, a formula refused), then lets xlrd read it and makes one
:class:`~budget_perf._grid.Grid` per worksheet (chart and macro sheets hold no cells), as
:func:`~budget_perf.excel._grid.grid_of` does for an .xlsx sheet:

* numbers keep their number format (``0.00``, ``0.00%``) and indent; a whole number is an
  ``int``, as openpyxl gives it; a number with a date format is a ``datetime`` (a ``time``
  below 1); text is text, a boolean a ``bool``; an error value (``#DIV/0!``) is refused at its
  cell;
* a formula is refused at its cell (xlrd gives only the result Excel saved, which may be
  missing or stale): paste values first, as for an .xlsx workbook;
* merged ranges are forward-filled: the top-left value at every position, ``origin=False``
  on the copies.
"""

from __future__ import annotations

try:
    import xlrd
    from xlrd.compdoc import CompDoc
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("reading .xls workbooks needs xlrd: pip install 'budget_perf[xls]'") from exc

import datetime
import io
from typing import Any

import attrs

from budget_perf._fileerrors import WorkbookError
from budget_perf._grid import Cell, CellValue, Grid, column_letter
from budget_perf._limits import MAX_TEXT_CHARACTERS
from budget_perf._readers._biff import check_stream

__all__ = ["read_xls"]


def read_xls(file: str, data: bytes) -> tuple[Grid, ...]:
    """The worksheets of the .xls workbook *data*, read from *file*, as grids (see above).

    Raises:
        WorkbookError: naming the file, and the sheet and cell where they apply.
    """
    check_stream(file, _workbook_stream(file, data))
    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, ragged_rows=True, on_demand=True,
            logfile=io.StringIO(),
        )  # fmt: skip
    except Exception as exc:  # xlrd's reading of a broken file raises many kinds
        raise _cannot(file, exc) from None
    try:
        text = sum(len(string) for string in book._sharedstrings or ())
        if text > MAX_TEXT_CHARACTERS:
            raise WorkbookError(
                file, f"the workbook holds {text} characters of text, more than the limit of "
                f"{MAX_TEXT_CHARACTERS}", reason_zh=f"工作簿含有{text}个文本字符，超过上限"
                f"{MAX_TEXT_CHARACTERS}个",
            )  # fmt: skip
        try:
            sheets = book.sheets()  # loads each worksheet, on demand
        except Exception as exc:  # xlrd's reading of a broken sheet raises many kinds
            raise _cannot(file, exc) from None
        return tuple(_grid(file, book, sheet) for sheet in sheets)
    finally:
        book.release_resources()


def _cannot(file: str, exc: BaseException) -> WorkbookError:
    what = f"{type(exc).__name__}: {exc}"[:300]
    return WorkbookError(
        file, f"xlrd cannot read the workbook ({what})", reason_zh=f"xlrd无法读取该工作簿（{what}）"
    )


def _workbook_stream(file: str, data: bytes) -> bytes:
    """The ``Workbook`` stream of the compound file *data*."""
    try:
        document = CompDoc(data, logfile=io.StringIO())
        if document.get_named_stream("Book") is not None and (
            document.get_named_stream("Workbook") is None
        ):
            raise WorkbookError(
                file, "an Excel 5.0/95 workbook, older than budget_perf reads; save it as .xlsx",
                reason_zh="Excel 5.0/95工作簿，版本过旧，请另存为.xlsx",
            )  # fmt: skip
        stream = document.get_named_stream("Workbook")
    except WorkbookError:
        raise
    except Exception as exc:  # xlrd's compound-file reader raises CompDocError and others
        raise _cannot(file, exc) from None
    if stream is None:
        raise WorkbookError(
            file, "an OLE2 compound file (an old Office format) that holds no Excel workbook",
            reason_zh="OLE2复合文件（旧版Office格式），其中没有Excel工作簿",
        )  # fmt: skip
    return bytes(stream)


def _grid(file: str, book: Any, sheet: Any) -> Grid:
    name = str(sheet.name)
    cells: dict[tuple[int, int], Cell] = {}
    for row in range(sheet.nrows):
        types = sheet.row_types(row)
        values = sheet.row_values(row)
        for column, (kind, raw) in enumerate(zip(types, values, strict=True)):
            if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            ref = f"{column_letter(column + 1)}{row + 1}"
            xf = book.xf_list[sheet.cell_xf_index(row, column)]
            shown = book.format_map.get(xf.format_key)
            number_format = str(shown.format_str) if shown is not None else ""
            value = _value(file, book, name, ref, kind, raw)
            cells[(row + 1, column + 1)] = Cell(
                row=row + 1, column=column + 1, value=value, source_row=row + 1,
                source_column=column + 1, number_format=number_format or "General",
                indent=int(xf.alignment.indent_level or 0),
            )  # fmt: skip
    for first_row, end_row, first_col, end_col in sheet.merged_cells:
        top = cells.get((first_row + 1, first_col + 1))
        if top is None:
            continue
        for row in range(first_row + 1, end_row + 1):
            for column in range(first_col + 1, end_col + 1):
                if (row, column) != (first_row + 1, first_col + 1):
                    cells[(row, column)] = attrs.evolve(top, row=row, column=column, origin=False)
    return Grid(
        file=file, sheet=name, n_rows=max((row for row, _ in cells), default=0),
        n_columns=max((column for _, column in cells), default=0), cells=cells,
    )  # fmt: skip


def _value(file: str, book: Any, sheet: str, ref: str, kind: int, raw: Any) -> CellValue:
    if kind == xlrd.XL_CELL_TEXT:
        return str(raw)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(raw)
    if kind == xlrd.XL_CELL_ERROR:
        shown = xlrd.error_text_from_code.get(raw, f"#{raw}")
        raise WorkbookError(
            file, f"the cell holds the error value {shown}, not a figure", sheet=sheet,
            cell=ref, reason_zh=f"单元格为错误值{shown}，不是数字",
        )  # fmt: skip
    number = float(raw)  # float-ok: what xlrd gives; the layouts engine reads it exactly
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment: datetime.datetime = xlrd.xldate.xldate_as_datetime(number, book.datemode)
            return moment.time() if 0 <= number < 1 else moment
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            raise WorkbookError(
                file, f"the cell is formatted as a date but holds {number}, no date Excel knows",
                sheet=sheet, cell=ref, reason_zh=f"单元格设为日期格式，但其值{number}不是有效日期",
            ) from None  # fmt: skip
    if number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number
