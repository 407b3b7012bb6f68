"""Opening a workbook safely: the checks made before openpyxl parses anything (private).

A workbook (.xlsx) is a zip archive of XML parts.  Before openpyxl sees the file, this module:

1. refuses what is not a zip archive (a text file renamed .xlsx, an old .xls or an encrypted
   workbook, both OLE files) and a zip without ``xl/workbook.xml``;
2. refuses an archive of more than :data:`MAX_MEMBERS` parts, or whose parts would unpack to
   more than :data:`MAX_UNCOMPRESSED_BYTES` in all (a zip bomb); the sizes come from the
   archive's directory, and Python's zipfile never unpacks more than the stated size;
3. refuses any XML part with a document type declaration (``<!DOCTYPE`` or ``<!ENTITY``): an
   .xlsx never has one, and entity expansion is how XML bombs work.  defusedxml, which openpyxl
   uses when it is installed, would refuse entities as well; this check refuses them first;
4. scans each worksheet's XML, streaming, and refuses a cell beyond :data:`MAX_ROWS` rows or
   :data:`MAX_COLUMNS` columns, or merged ranges covering more than :data:`MAX_MERGED_CELLS`
   cells, before openpyxl would build them in memory.

Every failure, including any error openpyxl itself raises, is a :class:`WorkbookError`.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any

import openpyxl
from defusedxml.ElementTree import fromstring, iterparse
from openpyxl.utils.cell import coordinate_from_string, get_column_letter, range_boundaries

from budget_perf.excel._errors import WorkbookError

__all__ = [
    "MAX_CELL_ELEMENTS",
    "MAX_COLUMNS",
    "MAX_MEMBERS",
    "MAX_MERGED_CELLS",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED_BYTES",
    "check_size",
    "open_workbook",
]

#: The most rows a sheet may use (self-evaluation tables use a few dozen per table).
MAX_ROWS = 5_000
#: The most columns a sheet may use (the standard tables use 7 to 9).
MAX_COLUMNS = 64
#: The most bytes the parts of a workbook may unpack to, in all.
MAX_UNCOMPRESSED_BYTES = 32 * 1024 * 1024
#: The most parts (files) a workbook archive may hold.
MAX_MEMBERS = 1_000
#: The most cells that a sheet's merged ranges may cover, in all.
MAX_MERGED_CELLS = MAX_ROWS * MAX_COLUMNS
#: The most cell elements (with or without a value) a sheet may hold.
MAX_CELL_ELEMENTS = MAX_ROWS * MAX_COLUMNS

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_CHUNK = 1 << 20
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def check_size(file: str, sheet: str, rows: int, columns: int, cell: str | None = None) -> None:
    """Refuse a sheet that uses more than :data:`MAX_ROWS` rows or :data:`MAX_COLUMNS` columns."""
    if rows > MAX_ROWS:
        raise WorkbookError(
            file, f"the sheet uses {rows} rows, more than the limit of {MAX_ROWS}",
            sheet=sheet, cell=cell,
        )  # fmt: skip
    if columns > MAX_COLUMNS:
        raise WorkbookError(
            file, f"the sheet uses {columns} columns, more than the limit of {MAX_COLUMNS}",
            sheet=sheet, cell=cell,
        )  # fmt: skip


def open_workbook(path: str | Path) -> Any:
    """Check *path* as described above, then load it with openpyxl (formulas kept as formulas).

    Raises:
        WorkbookError: naming the file, and the sheet and cell where they apply.
    """
    file = str(path)
    try:
        with open(path, "rb") as stream:
            head = stream.read(8)
    except OSError as error:
        raise WorkbookError(file, f"cannot open the file: {error.strerror or error}") from None
    if head == _OLE_MAGIC:
        raise WorkbookError(
            file, "an Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx"
        )
    if not zipfile.is_zipfile(path):
        raise WorkbookError(file, "not an .xlsx workbook (the file is not a zip archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(file, archive)
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise WorkbookError(file, f"corrupt zip archive ({error})") from None
    except (ValueError, SyntaxError) as error:  # malformed XML, refused by defusedxml, bad refs
        raise WorkbookError(
            file, f"malformed workbook XML ({type(error).__name__}: {error})"
        ) from None
    try:
        return openpyxl.load_workbook(path, data_only=False, keep_links=False)
    except Exception as error:  # any failure inside openpyxl is a broken workbook
        raise WorkbookError(
            file, f"openpyxl cannot read the workbook ({type(error).__name__}: {error})"
        ) from None


def _check_archive(file: str, archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise WorkbookError(file, f"the archive holds {len(infos)} parts (limit {MAX_MEMBERS})")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookError(
            file,
            f"the archive would unpack to {total} bytes, more than the limit of "
            f"{MAX_UNCOMPRESSED_BYTES} (a zip bomb?)",
        )
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        raise WorkbookError(file, "not an .xlsx workbook (the archive has no xl/workbook.xml)")
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            _refuse_declarations(file, archive, info.filename)
    for part, sheet in _sheet_parts(archive, names).items():
        with archive.open(part) as stream:
            _scan_sheet(file, sheet, stream)


def _refuse_declarations(file: str, archive: zipfile.ZipFile, part: str) -> None:
    """Refuse a part with a DOCTYPE or ENTITY declaration, reading it in bounded chunks."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _DECLARATIONS):
                raise WorkbookError(
                    file,
                    f"the part {part} declares a DOCTYPE or entities, which an .xlsx never "
                    "does (an XML bomb?); refused before parsing",
                )
            tail = window[-32:]


def _sheet_parts(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Map each worksheet part (``xl/worksheets/sheet1.xml``) to its sheet's name."""
    parts: dict[str, str] = {}
    try:
        workbook = fromstring(archive.read("xl/workbook.xml"))
        rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        workbook = rels = None
    if workbook is not None and rels is not None:
        targets = {
            rel.get("Id"): str(rel.get("Target", ""))
            for rel in rels.iter(f"{_PKG_REL}Relationship")
        }
        for sheet in workbook.iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(f"{_REL}id"), "")
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            parts[posixpath.normpath(part)] = str(sheet.get("name", part))
    for name in names:  # worksheets the workbook does not list are scanned too
        if name.startswith("xl/worksheets/") and name.endswith(".xml") and name not in parts:
            parts[name] = name
    return {part: sheet for part, sheet in parts.items() if part in names}


def _scan_sheet(file: str, sheet: str, stream: IO[bytes]) -> None:
    """Refuse cells beyond the limits and oversized merged ranges, streaming the sheet's XML.

    A cell's position comes from its ``r`` attribute or, where the file leaves it out (the
    format allows that), from the cell before it; only cells holding a value count against
    the row and column limits (a border drawn down to row 6000 is no table), while the number
    of cell elements of any kind is capped so that openpyxl is never asked to build millions.
    """
    merged = elements = row = column = 0
    for event, element in iterparse(stream, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_MAIN}row":
                row = int(element.get("r") or row + 1)
                column = 0
            elif tag == f"{_MAIN}c":
                elements += 1
                if elements > MAX_CELL_ELEMENTS:
                    raise WorkbookError(
                        file, f"the sheet has more than {MAX_CELL_ELEMENTS} cells", sheet=sheet
                    )
                ref = element.get("r")
                if ref:
                    letters, row = coordinate_from_string(str(ref))
                    column = range_boundaries(f"{letters}1")[0]
                else:
                    column += 1
            elif tag == f"{_MAIN}mergeCell" and element.get("ref"):
                ref = str(element.get("ref"))
                first_col, first_row, last_col, last_row = range_boundaries(ref)
                check_size(file, sheet, last_row, last_col, ref)
                merged += (last_row - first_row + 1) * (last_col - first_col + 1)
                if merged > MAX_MERGED_CELLS:
                    raise WorkbookError(
                        file, f"merged ranges cover more than {MAX_MERGED_CELLS} cells",
                        sheet=sheet, cell=ref,
                    )  # fmt: skip
            continue
        if tag == f"{_MAIN}c" and len(element):  # holds <v>, <is> or <f>: a value
            ref = f"{get_column_letter(column)}{row}"
            check_size(file, sheet, row, column, ref)
        element.clear()
