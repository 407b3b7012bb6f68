"""Opening a workbook safely: the checks made before openpyxl parses anything (private).

A workbook (.xlsx) is a zip archive of XML parts.  Before openpyxl sees the file, this module:

1. reads the file into memory (at most :data:`~._limits.MAX_FILE_BYTES`), and refuses what is
   not a file, not a zip archive (a text file renamed .xlsx, an old .xls or an
   encrypted workbook, both OLE files), a truncated or damaged zip, and a zip that declares no
   workbook part (a Word document renamed .xlsx);
2. from the archive's directory alone, refuses more than :data:`~._limits.MAX_MEMBERS` parts,
   more than :data:`~._limits.MAX_UNCOMPRESSED_BYTES` unpacked in all, a large part compressed
   more than :data:`~._limits.MAX_COMPRESSION_RATIO` times (a zip bomb; Python's zipfile never
   unpacks more than the stated size either) and an encrypted part;
3. walks the parts openpyxl would read, found the way openpyxl finds them
   (:mod:`~budget_perf.excel._package`: a decoy ``xl/workbook.xml`` cannot hide the real one),
   and streams each through expat before anything else reads it
   (:mod:`~budget_perf.excel._scan`), refusing a document type declaration (an XML bomb) and
   any limit of :mod:`~budget_perf.excel._limits` passed: cells, merged ranges, styles, shared
   strings, text, sheets, part sizes, a value or merged range beyond row 5 000 or column 64.
   That same pass keeps each worksheet's cells holding something and its merged ranges, so
   openpyxl never parses a worksheet; it reads only the content types, the workbook part and
   its relationships, and the styles (with its own functions, once each has been counted).

Every failure, including any error openpyxl itself raises, is a :class:`WorkbookError` naming
the file, and the sheet or part where it applies, in English and Chinese.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from budget_perf._readers._archive import check_directory, read_bytes
from budget_perf.excel._errors import WorkbookError
from budget_perf.excel._limits import MAX_UNCOMPRESSED_BYTES
from budget_perf.excel._package import Package, open_package

__all__ = ["open_workbook", "open_workbook_bytes"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
#: What a damaged archive, or openpyxl's reading of a broken package, may raise.
_CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)


def open_workbook(path: str | Path) -> Package:
    """Check *path* as described above and read its package: its worksheets' cells and merged
    ranges, shared strings and styles, ready for :func:`~budget_perf.excel._grid.grid_of`.

    The file is read into memory once (at most :data:`~._limits.MAX_FILE_BYTES`), so that what
    was checked is what is read.

    Raises:
        WorkbookError: naming the file, and the sheet or part where they apply.
    """
    file = str(path)
    return open_workbook_bytes(file, read_bytes(path))


def open_workbook_bytes(file: str, data: bytes) -> Package:
    """:func:`open_workbook` for the bytes *data* already read from the file named *file*
    (by :func:`~budget_perf._readers._archive.read_bytes`, within its size limit)."""
    _check_bytes(file, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_directory(file, archive)
            return open_package(file, archive)
    except WorkbookError:
        raise
    except RecursionError:
        raise WorkbookError(
            file, "malformed workbook XML (nested too deeply)",
            reason_zh="工作簿XML格式错误（嵌套过深）",
        ) from None  # fmt: skip
    except _CORRUPT as error:
        raise _corrupt(file, error) from None
    except Exception as error:  # openpyxl's reading of a broken package raises many kinds
        what = f"{type(error).__name__}: {error}"[:300]
        raise WorkbookError(
            file, f"openpyxl cannot read the workbook ({what})",
            reason_zh=f"openpyxl无法读取该工作簿（{what}）",
        ) from None  # fmt: skip


def _corrupt(file: str, error: BaseException) -> WorkbookError:
    return WorkbookError(
        file, f"corrupt zip archive ({error})", reason_zh=f"zip压缩包已损坏（{error}）"
    )


def _check_bytes(file: str, data: bytes) -> None:
    """Refuse an OLE file (.xls or encrypted) and what is not a (whole) zip archive."""
    if data.startswith(_OLE_MAGIC):
        raise WorkbookError(
            file, "an Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx",
            reason_zh="这是Excel 97-2003（.xls）或加密的工作簿，请另存为.xlsx",
        )  # fmt: skip
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(_ZIP_MAGIC):
            raise WorkbookError(
                file, "corrupt zip archive (truncated: the archive's directory is missing)",
                reason_zh="zip压缩包已损坏（文件不完整，缺少目录）",
            )  # fmt: skip
        raise WorkbookError(
            file, "not an .xlsx workbook (the file is not a zip archive)",
            reason_zh="不是.xlsx工作簿（文件不是zip压缩包）",
        )  # fmt: skip


def _check_directory(file: str, archive: zipfile.ZipFile) -> None:
    """Refuse what the archive's directory alone shows to be too large or a zip bomb."""
    check_directory(file, archive, max_unpacked=MAX_UNCOMPRESSED_BYTES, error=WorkbookError)
