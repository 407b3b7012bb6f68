"""Opening a Word document safely: the checks made before python-docx parses anything (private).

A Word document (.docx) is a zip archive of XML parts, like a workbook, and python-docx builds
every XML part it knows as one lxml tree.  Before python-docx sees the file, this module:

1. reads the file into memory once (at most :data:`~budget_perf._limits.MAX_FILE_BYTES`) and
   refuses a damaged or truncated zip (:mod:`~budget_perf._readers._archive`);
2. from the archive's directory alone, refuses more than
   :data:`~budget_perf._limits.MAX_MEMBERS` parts, more than
   :data:`~budget_perf._limits.MAX_DOCX_UNCOMPRESSED_BYTES` unpacked in all, a part over 1 MiB
   compressed more than :data:`~budget_perf._limits.MAX_COMPRESSION_RATIO` times (a zip bomb)
   and an encrypted part;
3. refuses a package whose ``[Content_Types].xml`` declares no Word document part (a workbook
   renamed .docx);
4. streams every XML part python-docx could parse (``[Content_Types].xml``, every relationship
   part, every part declared with an XML content type) through expat, refusing a document type
   declaration (an XML bomb) before anything could be expanded, malformed XML, a part over
   :data:`~budget_perf._limits.MAX_DOCX_XML_PART_BYTES` and more than
   :data:`~budget_perf._limits.MAX_ELEMENTS` elements in all (counted at C speed, as the
   ``<`` of the parts' bytes that open no end tag).

Only then is python-docx asked to open the bytes that were checked.  Its trees are bounded by
the element count; the tables' own limits are kept while they are read
(:mod:`~budget_perf._readers._docx`).
"""

from __future__ import annotations

import zipfile
import zlib
from typing import IO
from xml.parsers import expat

from budget_perf._fileerrors import DocumentError
from budget_perf._limits import (
    MAX_DOCX_UNCOMPRESSED_BYTES,
    MAX_DOCX_XML_PART_BYTES,
    MAX_ELEMENTS,
)
from budget_perf._readers._archive import check_directory, open_zip
from budget_perf._readers._contenttypes import CONTENT_TYPES, ContentTypes, read_content_types

__all__ = ["check_document"]

_CHUNK = 1 << 20
_WORD_MAIN = "wordprocessingml.document.main+xml"


class _Count:
    """The elements counted so far, in all parts."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.elements = 0
        self.part = ""

    def add(self, chunk: bytes) -> None:
        """Count the elements of *chunk*: each ``<`` but those of end tags (a ``</`` split
        between two chunks counts once too many, never too few); expat parses the part without
        a Python call per element."""
        self.elements += chunk.count(b"<") - chunk.count(b"</")
        if self.elements > MAX_ELEMENTS:
            raise DocumentError(
                self.file,
                f"the document holds more than the limit of {MAX_ELEMENTS} XML elements "
                f"(passed in the part {self.part})",
                reason_zh=f"文档超过上限：多于{MAX_ELEMENTS}个XML元素（在部件{self.part}中超出）",
            )

    def doctype(self, *_: object) -> None:
        raise DocumentError(
            self.file,
            f"the part {self.part} declares a DOCTYPE or entities, which a .docx never does "
            "(an XML bomb?); refused before parsing",
            reason_zh=f"部件{self.part}含有DOCTYPE或实体声明（XML炸弹？），.docx文件从不如此，"
            "已在解析前拒绝",
        )


def check_document(file: str, data: bytes) -> None:
    """Check the Word document *data* (read from *file*) as described above.

    Raises:
        DocumentError: naming the file, and the part where it applies.
    """
    try:
        with open_zip(file, data, DocumentError) as archive:
            check_directory(
                file, archive, max_unpacked=MAX_DOCX_UNCOMPRESSED_BYTES, error=DocumentError
            )
            count = _Count(file)
            if CONTENT_TYPES not in archive.namelist():
                raise DocumentError(
                    file, "not a .docx document (the archive has no [Content_Types].xml)",
                    reason_zh="不是.docx文档（压缩包中没有[Content_Types].xml）",
                )  # fmt: skip
            _scan(archive, archive.getinfo(CONTENT_TYPES), count)
            types = read_content_types(archive)
            if types is None or not types.declares(_WORD_MAIN):
                raise DocumentError(
                    file, "not a .docx document (the archive declares no Word document part)",
                    reason_zh="不是.docx文档（压缩包未声明Word文档部件）",
                )  # fmt: skip
            for info in archive.infolist():
                if info.filename != CONTENT_TYPES and _is_xml(info.filename, types):
                    _scan(archive, info, count)
    except DocumentError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise DocumentError(
            file, f"corrupt zip archive ({exc})", reason_zh=f"zip压缩包已损坏（{exc}）"
        ) from None


def _is_xml(name: str, types: ContentTypes) -> bool:
    """Whether python-docx could parse the part *name* as XML."""
    kind = types.of(name)
    return name.endswith((".rels", ".xml")) or kind.endswith(("+xml", "/xml"))


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, count: _Count) -> None:
    """Stream one part through expat, counting it."""
    count.part = info.filename
    if info.file_size > MAX_DOCX_XML_PART_BYTES:
        raise DocumentError(
            count.file,
            f"the part {info.filename} would unpack to {info.file_size} bytes, more than the "
            f"limit of {MAX_DOCX_XML_PART_BYTES} for an XML part",
            reason_zh=f"部件{info.filename}解压后为{info.file_size}字节，超过XML部件上限"
            f"{MAX_DOCX_XML_PART_BYTES}字节",
        )
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = count.doctype
    parser.EntityDeclHandler = count.doctype
    with archive.open(info) as stream:
        _feed(parser, stream, count)


def _feed(parser: expat.XMLParserType, stream: IO[bytes], count: _Count) -> None:
    try:
        while chunk := stream.read(_CHUNK):
            count.add(chunk)
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        what = expat.ErrorString(exc.code) or str(exc)
        raise DocumentError(
            count.file, f"malformed XML in the part {count.part}: {what}",
            reason_zh=f"部件{count.part}的XML格式错误：{what}",
        ) from None  # fmt: skip
