"""What a file is, by its content, never by its name (判断文件类型).

:func:`sniff` looks at the bytes: an Office Open XML zip archive is a workbook or a Word
document by the main part its ``[Content_Types].xml`` declares (an .xlsx renamed .doc is still a
workbook), an OLE2 compound file (``D0 CF 11 E0 A1 B1 1A E1``) is an Excel 97-2003 workbook
unless its directory names a Word 97-2003 document or an encrypted (password-protected) Office
file, a JSON document starts with ``{`` or ``[``.  Everything else is :attr:`FileFormat.UNKNOWN`,
and :func:`identify` says in English and Chinese what it seems to be (a PDF, an HTML page saved
as .xls, a PowerPoint file ...), for the refusal.
"""

from __future__ import annotations

import codecs
import enum
import io
import zipfile
from pathlib import Path

from budget_perf._readers._archive import ZIP_MAGIC, read_bytes
from budget_perf._readers._contenttypes import read_content_types

__all__ = ["FileFormat", "identify", "sniff"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_XLSX_TYPES = (
    "spreadsheetml.sheet.main+xml",
    "spreadsheetml.template.main+xml",
    "ms-excel.sheet.macroEnabled.main+xml",
    "ms-excel.template.macroEnabled.main+xml",
)
_DOCX_TYPES = (
    "wordprocessingml.document.main+xml",
    "wordprocessingml.template.main+xml",
    "ms-word.document.macroEnabled.main+xml",
    "ms-word.template.macroEnabledTemplate.main+xml",
)


class FileFormat(enum.Enum):
    """The kinds of file told apart by :func:`sniff`."""

    XLSX = "xlsx"  #: an Excel workbook (Office Open XML), read with openpyxl
    DOCX = "docx"  #: a Word document (Office Open XML), its tables read with python-docx
    XLS = "xls"  #: an Excel 97-2003 workbook (an OLE2 compound file), read with xlrd
    JSON = "json"  #: a JSON document (a budget_perf report)
    UNKNOWN = "unknown"  #: anything else: :func:`identify` says what it seems to be


#: What each kind is, in English and Chinese (UNKNOWN's description comes from the content).
_KNOWN: dict[FileFormat, tuple[str, str]] = {
    FileFormat.XLSX: ("an Excel workbook (.xlsx)", "Excel工作簿（.xlsx）"),
    FileFormat.DOCX: ("a Word document (.docx)", "Word文档（.docx）"),
    FileFormat.XLS: ("an Excel 97-2003 workbook (.xls)", "Excel 97-2003工作簿（.xls）"),
    FileFormat.JSON: ("a JSON document", "JSON文档"),
}


def sniff(path: str | Path) -> FileFormat:
    """The kind of the file at *path*, by its content.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "report.xlsx"
    ...     _ = path.write_text('{"schema_version": "1"}')
    ...     sniff(path)
    <FileFormat.JSON: 'json'>

    Raises:
        WorkbookError: the file cannot be read, or is larger than the readers' limit.
    """
    return identify(read_bytes(path))[0]


def identify(data: bytes) -> tuple[FileFormat, str, str]:
    """The kind of *data*, and what it is in English and Chinese.

    >>> identify(b"%PDF-1.7 ...")[1:]
    ('a PDF document', 'PDF文档')
    """
    if data.startswith(ZIP_MAGIC) or zipfile.is_zipfile(io.BytesIO(data)):
        kind, english, chinese = _zip(data)
    elif data.startswith(OLE_MAGIC):
        kind, english, chinese = _ole(data)
    else:
        kind, english, chinese = _other(data)
    if kind is not FileFormat.UNKNOWN:
        english, chinese = _KNOWN[kind]
    return kind, english, chinese


def _zip(data: bytes) -> tuple[FileFormat, str, str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {name.casefold() for name in archive.namelist()}
            types = read_content_types(archive)
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception:  # a damaged archive: BadZipFile, zlib.error, OSError ...
        return (
            FileFormat.UNKNOWN,
            "a damaged or truncated zip archive (its directory cannot be read)",
            "已损坏或不完整的zip压缩包（无法读取其目录）",
        )
    if types is not None:
        if types.declares(*_XLSX_TYPES):
            return FileFormat.XLSX, "", ""
        if types.declares(*_DOCX_TYPES):
            return FileFormat.DOCX, "", ""
        if types.declares("presentationml.presentation.main+xml", "slideshow.main+xml"):
            return FileFormat.UNKNOWN, "a PowerPoint presentation", "PowerPoint演示文稿"
    if "xl/workbook.xml" in names:
        return FileFormat.XLSX, "", ""
    if "word/document.xml" in names:
        return FileFormat.DOCX, "", ""
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return (
            FileFormat.UNKNOWN,
            "an OpenDocument file (LibreOffice/WPS .ods or .odt); save it as .xlsx or .docx",
            "OpenDocument文件（LibreOffice/WPS的.ods或.odt），请另存为.xlsx或.docx",
        )
    return (
        FileFormat.UNKNOWN,
        "a zip archive that is neither an Excel workbook nor a Word document",
        "既不是Excel工作簿也不是Word文档的zip压缩包",
    )


def _ole(data: bytes) -> tuple[FileFormat, str, str]:
    """An OLE2 compound file by the streams its directory names (each directory entry is 128
    bytes, aligned on 128 in the file, and starts with its name in UTF-16LE followed, at byte
    64, by the name's length in bytes with its terminating zero)."""
    if _has_entry(data, "EncryptedPackage"):
        return (
            FileFormat.UNKNOWN,
            "a password-protected (encrypted) Office file; remove the password and save again",
            "加密（设置了密码）的Office文件，请取消密码后重新保存",
        )
    if _has_entry(data, "WordDocument"):
        return (
            FileFormat.UNKNOWN,
            "a Word 97-2003 document (.doc); save it as .docx",
            "Word 97-2003文档（.doc），请另存为.docx",
        )
    if _has_entry(data, "PowerPoint Document"):
        return FileFormat.UNKNOWN, "a PowerPoint 97-2003 presentation", "PowerPoint 97-2003演示文稿"
    return FileFormat.XLS, "", ""  # the .xls reader refuses one without a workbook stream


def _has_entry(data: bytes, name: str) -> bool:
    encoded = name.encode("utf-16-le")
    size = (len(name) + 1) * 2
    start = data.find(encoded, 512)
    while start != -1:
        if start % 128 == 0 and int.from_bytes(data[start + 64 : start + 66], "little") == size:
            return True
        start = data.find(encoded, start + 1)
    return False


def _other(data: bytes) -> tuple[FileFormat, str, str]:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = head.lower()
    if not data:
        return FileFormat.UNKNOWN, "an empty file", "空文件"
    if head.startswith(b"%PDF"):
        return FileFormat.UNKNOWN, "a PDF document", "PDF文档"
    if head.startswith(b"{\\rtf"):
        return FileFormat.UNKNOWN, "a rich-text (RTF) document", "RTF格式文档"
    if head[:1] in (b"{", b"["):
        return FileFormat.JSON, "", ""
    if head.startswith(b"<") and (b"<html" in lowered or b"<table" in lowered):
        return (
            FileFormat.UNKNOWN,
            "an HTML page (some systems save a web table as .xls); save it from Excel as .xlsx",
            "HTML网页（有些系统把网页表格存为.xls），请用Excel打开后另存为.xlsx",
        )
    if head.startswith(b"<") and b"urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        return (
            FileFormat.UNKNOWN,
            "an Excel 2003 XML spreadsheet; save it as .xlsx",
            "Excel 2003 XML电子表格，请另存为.xlsx",
        )
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return FileFormat.UNKNOWN, "an image", "图片"
    if b"\x00" not in data[:4096] and (_text(data, "utf-8") or _text(data, "gb18030")):
        return FileFormat.UNKNOWN, "a text file", "文本文件"
    return FileFormat.UNKNOWN, "a file of unknown kind", "未知类型的文件"


def _text(data: bytes, encoding: str) -> bool:
    """Whether the start of *data* reads as text in *encoding* (GB 18030: a Chinese text file
    saved by an old editor); a character cut at the end of the start does not count."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(data[:4096], final=False)
    except UnicodeDecodeError:
        return False
    return True
