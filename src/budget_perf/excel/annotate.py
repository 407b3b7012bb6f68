"""Findings on the unit's own workbook (在原表上标注核查结果).

:func:`annotate` writes a copy of the workbook a unit sent, with each finding of the checker
on the cell it concerns — a comment in Chinese and English with the rule's code, the stated
and the expected value, and a fill by severity (red for an error, amber for a warning, blue
for a note) — and a sheet, 核查结果, listing every finding, those the map of cells cannot
place included (a sum over several rows, the whole indicator tree).  A figure's cell is the
one :func:`~budget_perf.excel.read_workbook_with_sources` read it from; an indicator's text
(its target, actual …) is the cell of the indicator's row under the header of that column.

The unit's file is only read, never written: the copy must be another file (the same file
under another spelling, through a symbolic or a hard link, is refused), and it is written
under a temporary name first, then moved into place.  Every text the copy adds is a text
cell, quoted where a spreadsheet would run it as a formula, with characters a workbook cannot
hold written as ``\\x1b``.

>>> import pathlib, tempfile
>>> import budget_perf as bp
>>> from budget_perf.excel import read_workbook, write_workbook
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_workbook(bp.examples.load("yueyang-npc-2022"), folder / "岳阳.xlsx")
>>> findings = bp.check(read_workbook(folder / "岳阳.xlsx"))
>>> placed = annotate(folder / "岳阳.xlsx", findings, folder / "岳阳-核查.xlsx")
>>> placed.on_cells > 0, placed.listed == len(findings)
(True, True)
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from budget_perf._safety import neutralise_formula, shorten
from budget_perf.checks import Finding, Severity, check
from budget_perf.excel._errors import WorkbookError, cell_address
from budget_perf.excel._read import read_workbook_with_sources

__all__ = ["Annotated", "annotate"]

#: The sheet listing every finding (a number is added if the workbook has one of that name).
FINDINGS_SHEET = "核查结果"
#: Fills by severity: the colours of Excel's "bad", "neutral" and a light blue.
_FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
#: The most characters of one text the copy writes in a cell or a comment.
_TEXT_LIMIT = 2000
_HEADERS = (
    "序号 No.", "严重程度 Severity", "代码 Code", "单元格 Cell", "路径 Path",
    "表中数 Stated", "应为 Expected", "说明", "Description",
)  # fmt: skip
_QUOTED = re.compile(r"^'((?:[^']|'')+)'!([A-Z]+[0-9]+)$")


@attrs.frozen(kw_only=True)
class Annotated:
    """What :func:`annotate` wrote: the copy, how many findings sit on a cell, how many listed."""

    path: Path
    on_cells: int
    listed: int


def annotate(
    source: str | os.PathLike[str], findings: Iterable[Finding] | None, out: str | os.PathLike[str]
) -> Annotated:
    """Write *source* to *out* with *findings* on their cells and on a findings sheet.

    *findings* are those of :func:`~budget_perf.check` on the report read from *source*
    (``None`` checks it with the profile the report's region and year select).

    Raises:
        WorkbookError: *out* is *source* (however spelt or linked), *source* cannot be read
            as :func:`~budget_perf.excel.read_workbook` reads, or *out* cannot be written.
    """
    source_path, out_path = Path(source), Path(out)
    _refuse_same_file(source_path, out_path)
    report, cells = read_workbook_with_sources(source_path)  # the guard runs first
    found = tuple(check(report) if findings is None else findings)
    book = openpyxl.load_workbook(source_path, keep_links=False)
    on_cells = 0
    located: list[str] = []
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for finding in found:
        place = _place(cells.get(finding.path), book.sheetnames) or _text_place(
            finding.path, cells, book
        )
        located.append("" if place is None else cell_address(*place))
        if place is not None:
            by_cell.setdefault(place, []).append(finding)
            on_cells += 1
    for (sheet, ref), notes in by_cell.items():
        _mark(book[sheet][ref], notes, book[sheet])
    _findings_sheet(book, found, located)
    _save(book, out_path)
    return Annotated(path=out_path, on_cells=on_cells, listed=len(found))


def _refuse_same_file(source: Path, out: Path) -> None:
    same = source.resolve() == out.resolve()
    if not same and out.exists():
        try:
            same = os.path.samefile(source, out)
        except OSError:
            same = False
    if same:
        raise WorkbookError(
            str(out),
            f"the annotated copy would overwrite the workbook it annotates ({source}); "
            "write it to another file",
            reason_zh=f"标注后的副本会覆盖原工作簿（{source}），请另存为其他文件",
        )


def _place(reference: str | None, sheets: list[str]) -> tuple[str, str] | None:
    """(sheet, cell) of a reference such as ``运行维护经费!G5`` or ``'Sheet 1'!A1``."""
    if reference is None:
        return None
    quoted = _QUOTED.match(reference)
    if quoted:
        sheet, cell = quoted.group(1).replace("''", "'"), quoted.group(2)
    else:
        sheet, _, cell = reference.rpartition("!")
    return (sheet, cell) if sheet in sheets and cell else None


#: An indicator's text columns, by the header that titles them (compared without whitespace).
_TEXT_COLUMNS = {
    "name": ("三级指标",),
    "target": ("年度指标值", "指标值"),
    "actual": ("实际完成值",),
    "deviation_note": ("偏差原因分析及改进措施", "偏差原因分析", "偏差原因"),
}
_INDICATOR_TEXT = re.compile(r"(.*\.indicators\[[0-9]+\])\.(name|target|actual|deviation_note)")
#: How far above an indicator's row its header row is looked for.
_HEADER_REACH = 60


def _text_place(path: str, cells: Mapping[str, str], book: Any) -> tuple[str, str] | None:
    """The cell of an indicator's text (target, actual …), which the map of figures lacks.

    It is the cell of the indicator's row (where its 分值 or 得分 was read) under the header
    that titles the column (年度指标值, 实际完成值 …); ``None`` where either is not found.
    """
    match = _INDICATOR_TEXT.fullmatch(path)
    if match is None:
        return None
    record, field = match.groups()
    figure = next(
        (place for name in ("weight", "score")
         if (place := _place(cells.get(f"{record}.{name}"), book.sheetnames)) is not None),
        None,
    )  # fmt: skip
    if figure is None:
        return None
    sheet = book[figure[0]]
    row = sheet[figure[1]].row
    titles = _TEXT_COLUMNS[field]
    for header in range(row - 1, max(0, row - _HEADER_REACH), -1):
        for cell in sheet[header]:
            if isinstance(cell.value, str) and "".join(cell.value.split()) in titles:
                return figure[0], f"{cell.column_letter}{row}"
    return None


def _clean(text: str) -> str:
    """*text* as a cell or comment can hold it: cut, with control characters written out."""
    cut = shorten(text, _TEXT_LIMIT)
    clean: str = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", cut)
    return clean


def _value(value: object) -> str:
    if value is None:
        return ""
    return format(value, "f") if not isinstance(value, str | int) else str(value)


def _note(finding: Finding) -> str:
    severity = finding.severity
    lines = [
        f"[{severity.zh} {finding.code}] {finding.message_zh}",
        f"[{severity.value} {finding.code}] {finding.message_en}",
    ]
    if finding.stated is not None or finding.expected is not None:
        lines.append(f"表中数 stated: {_value(finding.stated)}；应为 expected: "
                     f"{_value(finding.expected)}")  # fmt: skip
    return "\n".join(lines)


def _mark(cell: Any, findings: list[Finding], sheet: Any) -> None:
    """Put *findings* on *cell* (the top-left cell of its merged range): a comment and a fill."""
    if isinstance(cell, MergedCell):
        for merged in sheet.merged_cells.ranges:
            if cell.coordinate in merged:
                cell = sheet.cell(row=merged.min_row, column=merged.min_col)
                break
    text = "\n\n".join(_note(finding) for finding in findings)
    if cell.comment is not None:
        text = f"{cell.comment.text}\n\n{text}"
    comment = Comment(_clean(text), "budget_perf")
    comment.width, comment.height = 420, 60 + 60 * len(findings)
    cell.comment = comment
    worst = min(finding.severity for finding in findings)
    cell.fill = PatternFill(fill_type="solid", start_color=_FILLS[worst], end_color=_FILLS[worst])


def _text_cell(sheet: Any, row: int, column: int, value: str) -> Any:
    cell = sheet.cell(row=row, column=column)
    text = _clean(value)
    cell.value = text
    cell.data_type = "s"  # a text, never a formula
    if neutralise_formula(text) != text:
        cell.quotePrefix = True
    return cell


def _findings_sheet(book: Any, findings: tuple[Finding, ...], located: list[str]) -> None:
    title, number = FINDINGS_SHEET, 1
    while title in book.sheetnames:
        number += 1
        title = f"{FINDINGS_SHEET}{number}"
    sheet = book.create_sheet(title)
    for column, header in enumerate(_HEADERS, start=1):
        _text_cell(sheet, 1, column, header).font = Font(bold=True)
    for index, (finding, reference) in enumerate(zip(findings, located, strict=True), start=1):
        row = index + 1
        sheet.cell(row=row, column=1, value=index)
        severity = finding.severity
        fill = PatternFill(
            fill_type="solid", start_color=_FILLS[severity], end_color=_FILLS[severity]
        )
        _text_cell(sheet, row, 2, f"{severity.zh} {severity.value}").fill = fill
        texts = (finding.code, reference, finding.path, _value(finding.stated),
                 _value(finding.expected), finding.message_zh, finding.message_en)  # fmt: skip
        for column, text in enumerate(texts, start=3):
            _text_cell(sheet, row, column, text)
        if reference:
            sheet.cell(row=row, column=4).hyperlink = f"#{reference}"
    for letter, width in zip("ABCDEFGHI", (6, 14, 9, 22, 50, 14, 14, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def _save(book: Any, out: Path) -> None:
    """Save *book* to *out* through a temporary file in the same folder, then move it there."""
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=".annotate-", suffix=".xlsx", dir=out.parent or "."
        )
        os.close(handle)
        try:
            book.save(temporary)
            os.replace(temporary, out)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError as error:
        raise WorkbookError(
            str(out), f"cannot write the annotated copy: {error.strerror or error}",
            reason_zh=f"无法写入标注后的副本：{error.strerror or error}",
        ) from None  # fmt: skip
