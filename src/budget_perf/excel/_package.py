"""Reading a workbook's package the way openpyxl does, each part counted before it is read.

openpyxl does not look for ``xl/workbook.xml``: it takes the workbook part that
``[Content_Types].xml`` declares, the sheets that part lists through its relationships, the
shared strings the content types declare and the styles in ``xl/styles.xml``.
:func:`open_package` takes the same steps with openpyxl's own functions, so a renamed or decoy
part cannot lead it elsewhere, and before each step counts the part it is about to read with
:func:`~budget_perf.excel._scan.scan_part`; every worksheet is counted as well,
in the same pass, which keeps the cells holding something and the merged ranges (openpyxl never
parses a worksheet).  The shared strings are read by their count too, as openpyxl's
``read_string_table`` reads them.  Nothing else in the archive is ever parsed (comments,
drawings, charts, pivot tables, external links: the tables do not need them).

A package whose ``_rels/.rels`` names another workbook part than its content types is refused
(Excel would show one workbook and budget_perf read another), as is one that lists two sheets
on one part.
"""

from __future__ import annotations

import posixpath
import zipfile
from typing import Any
from urllib.parse import unquote

import attrs
from openpyxl.packaging.manifest import Manifest
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.reader.excel import _find_workbook_part
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_ROOT_RELS, ARC_STYLE, SHARED_STRINGS
from openpyxl.xml.functions import fromstring

from budget_perf.excel._errors import WorkbookError
from budget_perf.excel._scan import Budget, RawCell, scan_part

__all__ = ["Package", "SheetPart", "open_package"]

_OFFICE_DOCUMENT = "/officeDocument"


@attrs.frozen(kw_only=True)
class SheetPart:
    """A worksheet: its name, the archive part holding its XML, and what that XML holds."""

    title: str
    part: str
    #: Each cell that has a value, formula or inline text, by (row, column).
    cells: dict[tuple[int, int], RawCell] = attrs.field(factory=dict, repr=False)
    #: Its merged ranges: (first column, first row, last column, last row).
    merged: tuple[tuple[int, int, int, int], ...] = ()


@attrs.frozen(kw_only=True)
class Package:
    """What the tables are read from: the worksheets in workbook order, the shared strings, and
    openpyxl's workbook object carrying the styles (number formats, alignments, date formats)."""

    workbook: Any
    strings: list[str]
    sheets: tuple[SheetPart, ...]


def open_package(file: str, archive: zipfile.ZipFile) -> Package:
    """Count and read the package parts of *archive* (see above).

    Raises:
        WorkbookError: not a workbook, a decoy workbook part, two sheets on one part, or a
            limit of :mod:`budget_perf.excel._limits` passed.
        KeyError, TypeError, ValueError, zipfile.BadZipFile: from openpyxl's own reading of a
            broken package (the caller words the refusal).
    """
    budget = Budget(file)
    names = set(archive.namelist())

    def refuse(reason: str, reason_zh: str) -> WorkbookError:
        return WorkbookError(file, reason, reason_zh=reason_zh)

    if ARC_CONTENT_TYPES not in names:
        raise refuse(
            "not an .xlsx workbook (the archive has no [Content_Types].xml)",
            "不是.xlsx工作簿（压缩包中没有[Content_Types].xml）",
        )
    scan_part(budget, archive, ARC_CONTENT_TYPES, tree=True)
    manifest = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
    try:
        book = _find_workbook_part(manifest).PartName[1:]
    except OSError:
        raise refuse(
            "not an .xlsx workbook (the archive declares no workbook part: a Word or "
            "PowerPoint file?)",
            "不是.xlsx工作簿（压缩包未声明工作簿部件，可能是Word或PowerPoint文件）",
        ) from None
    if book not in names:
        raise refuse(
            f"not an .xlsx workbook (the archive has no {book})",
            f"不是.xlsx工作簿（压缩包中没有{book}）",
        )
    _one_workbook(budget, archive, names, book)
    scan_part(budget, archive, book, tree=True)
    parser = WorkbookParser(archive, book, keep_links=False)
    parser.parse()
    budget.add("sheets", len(parser.sheets), book)
    rels = get_rels_path(book)
    if rels in names:
        scan_part(budget, archive, rels, tree=True)
    sheets = []
    for sheet in _worksheets(file, parser, names):
        scan = scan_part(budget, archive, sheet.part, tree=False, sheet=sheet.title)
        if scan is not None:
            sheets.append(attrs.evolve(sheet, cells=scan.cells, merged=tuple(scan.merged)))
    strings: list[str] = []
    declared = manifest.find(SHARED_STRINGS)
    if declared is not None:
        scan = scan_part(budget, archive, declared.PartName[1:], tree=False, strings=True)
        if scan is None or scan.strings is None:  # openpyxl would fail on the missing part
            raise KeyError(f"there is no item named {declared.PartName[1:]!r} in the archive")
        strings = scan.strings
    workbook = parser.wb
    if scan_part(budget, archive, ARC_STYLE, tree=True, styles=True) is not None:
        apply_stylesheet(archive, workbook)
    return Package(workbook=workbook, strings=strings, sheets=tuple(sheets))


def _one_workbook(budget: Budget, archive: zipfile.ZipFile, names: set[str], book: str) -> None:
    """Refuse a package whose ``_rels/.rels`` points Excel at another workbook part."""
    if ARC_ROOT_RELS not in names:
        return
    scan_part(budget, archive, ARC_ROOT_RELS, tree=True)
    for rel in get_dependents(archive, ARC_ROOT_RELS):
        if str(rel.Type).endswith(_OFFICE_DOCUMENT) and rel.TargetMode != "External":
            target = posixpath.normpath(rel.target)
            if _part_name(target) != _part_name(book):
                raise WorkbookError(
                    budget.file,
                    f"the archive declares two workbooks: {book} in [Content_Types].xml, "
                    f"which budget_perf would read, and {target} in _rels/.rels, which Excel "
                    "would show (a decoy?)",
                    reason_zh=f"压缩包声明了两个工作簿：[Content_Types].xml中的{book}"
                    f"（budget_perf读取）和_rels/.rels中的{target}（Excel显示），疑为伪装文件",
                )


def _part_name(name: str) -> str:
    """A part name as a package compares them: percent-escapes decoded, case ignored."""
    return unquote(name).casefold()


def _worksheets(file: str, parser: Any, names: set[str]) -> tuple[SheetPart, ...]:
    """The worksheets openpyxl would read, in order (chart sheets hold no cells: left out)."""
    sheets: list[SheetPart] = []
    read_from: dict[str, str] = {}
    for sheet, rel in parser.find_sheets():
        target, name = str(rel.target), str(sheet.name)
        if target not in names or "chartsheet" in str(rel.Type):
            continue  # openpyxl skips a missing part as well
        if target in read_from:
            raise WorkbookError(
                file,
                f"the sheets {read_from[target]!r} and {name!r} are both read from the part "
                f"{target}",
                reason_zh=f"工作表「{read_from[target]}」和「{name}」读取同一个部件{target}",
            )
        read_from[target] = name
        sheets.append(SheetPart(title=name, part=target))
    return tuple(sheets)
