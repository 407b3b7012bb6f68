"""Files of tables as grids, whatever their format (读取表格文件).

:func:`read_grids` reads a file into :class:`~budget_perf._grid.Grid` s — one per worksheet of
a workbook, one per table of a Word document — which a layout description maps onto the model.
The reader is chosen by the file's content (:func:`sniff`), never by its name: an .xlsx renamed
.doc is read as a workbook.

=========  =======================================  ==========================================
format     what is read                             needs the extra
=========  =======================================  ==========================================
.xlsx      every worksheet (openpyxl, guarded)      ``excel``: openpyxl, defusedxml
.xls       every worksheet (xlrd, guarded)          ``xls``: xlrd
.docx      every table of the body (python-docx)    ``docx``: python-docx, defusedxml
=========  =======================================  ==========================================

Anything else — a JSON report (read it with the JSON reader), a PDF, an old Word .doc, an
encrypted Office file, an HTML page saved as .xls, a damaged zip — is refused with a
:class:`~budget_perf._fileerrors.WorkbookError` saying what the file seems to be and what is
read.  A format whose extra is not installed raises an ImportError naming the extra.
"""

from __future__ import annotations

from pathlib import Path

from budget_perf._fileerrors import DocumentError, WorkbookError
from budget_perf._grid import Grid
from budget_perf._readers._archive import read_bytes
from budget_perf._readers._sniff import FileFormat, identify, sniff

__all__ = ["DocumentError", "FileFormat", "WorkbookError", "grids_of_bytes", "read_grids", "sniff"]


def read_grids(path: str | Path) -> tuple[Grid, ...]:
    """The grids of the file at *path*: its worksheets or its Word tables (see above).

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "自评.xlsx"
    ...     _ = path.write_bytes(b"%PDF-1.7 ...")
    ...     read_grids(path)
    Traceback (most recent call last):
    ...
    budget_perf.excel._errors.WorkbookError: .../自评.xlsx: a PDF document, not a file ...

    Raises:
        WorkbookError: the file is not one budget_perf reads, cannot be read, passes a limit, or
            holds a formula or an error value; a :class:`DocumentError` for a Word document.
        ImportError: the extra the file's format needs is not installed.
    """
    return grids_of_bytes(str(path), read_bytes(path))


def grids_of_bytes(file: str, data: bytes) -> tuple[Grid, ...]:
    """:func:`read_grids` for the bytes *data* already read from the file named *file* (by
    :func:`~budget_perf._readers._archive.read_bytes`, within its size limit)."""
    kind, english, chinese = identify(data)
    if kind is FileFormat.XLSX:
        from budget_perf._readers._xlsx import read_xlsx

        return read_xlsx(file, data)
    if kind is FileFormat.DOCX:
        from budget_perf._readers._docx import read_docx

        return read_docx(file, data)
    if kind is FileFormat.XLS:
        from budget_perf._readers._xls import read_xls

        return read_xls(file, data)
    if kind is FileFormat.JSON:
        english, chinese = (
            "a JSON document (read it as a JSON report)",
            "JSON文档（请按JSON报告读取）",
        )
    raise WorkbookError(
        file,
        f"{english}, not a file of tables budget_perf reads (an Excel workbook, .xlsx or .xls, "
        "or a Word document, .docx)",
        reason_zh=f"{chinese}，不是budget_perf可读取的表格文件（Excel工作簿.xlsx或.xls，"
        "或Word文档.docx）",
    )
