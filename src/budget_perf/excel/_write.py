"""write_workbook: export a self-evaluation to an Excel workbook (导出 Excel 自评表).

One sheet for the basic data table ("基础数据表"), one for the department table
("部门整体支出绩效自评表") and one per project table, named after the project (truncated to
Excel's 31 characters, characters Excel forbids replaced by "_", made unique with "(2)", "(3)"
…).  Each sheet opens with its title ("2022年度项目支出绩效自评表"); the first sheet also carries
a "填报单位：…" line with the department's name.  Labels are the standard Chinese ones, header
cells are merged as in the printed tables, amounts have the format ``0.00`` and rates ``0%`` /
``0.00%`` with the decimals they were stated with.  A table's amounts are written in its own
unit, which its block label names ("项目资金（元）", "经费控制情况（元）").

Every part of the report the tables do not print goes to one more sheet, 报告其他内容
(:mod:`budget_perf.excel._extra`), so that :func:`~budget_perf.excel.read_workbook` gives the
report back whole (:func:`~budget_perf.excel.workbook_content` says exactly how).

``layout=`` names the layout the tables are written in.  This version writes one, the canonical
layout above (the national tables of 财预〔2020〕10号 as Yueyang prints them), called
``"canonical"``; ``None`` means it.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from budget_perf._decimal import in_library_context
from budget_perf._safety import shorten
from budget_perf.excel._errors import WorkbookError
from budget_perf.excel._extra import write_extra
from budget_perf.excel._layout import BASIC_TITLE, DEPARTMENT_TITLE, PROJECT_TITLE
from budget_perf.excel._sheet import SheetWriter
from budget_perf.excel._write_basic import write_basic
from budget_perf.excel._write_eval import write_evaluation
from budget_perf.model import BasicDataTable, SelfEvaluation

__all__ = ["LAYOUTS", "sheet_names", "write_workbook"]

#: The layouts :func:`write_workbook` writes, by name; ``layout=None`` is the first.
LAYOUTS = ("canonical",)

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_MAX_NAME = 31


def sheet_names(wanted: list[str]) -> list[str]:
    """Excel sheet names for *wanted*: legal, at most 31 characters, unique ignoring case.

    >>> sheet_names(["人大会议", "人大会议", "a/b", "x" * 40])
    ['人大会议', '人大会议(2)', 'a_b', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']
    """
    names: list[str] = []
    taken: set[str] = set()
    for name in wanted:
        base = _FORBIDDEN.sub("_", name).strip("'").strip() or "项目"
        base = base[:_MAX_NAME]
        candidate, number = base, 1
        while candidate.casefold() in taken:
            number += 1
            suffix = f"({number})"
            candidate = base[: _MAX_NAME - len(suffix)] + suffix
        taken.add(candidate.casefold())
        names.append(candidate)
    return names


@in_library_context
def write_workbook(
    evaluation: SelfEvaluation, path: str | Path, *, layout: str | None = None
) -> None:
    """Write the tables of *evaluation* to a new workbook at *path* (overwritten if present).

    What the tables have no place for (the narrative, the region, a table's unit, provincial
    indicator columns, the score sheet, not-shown marks …) goes to one more sheet, 报告其他内容,
    as JSON; :func:`~budget_perf.excel.workbook_content` says exactly what comes back.  *layout*
    is ``None`` or ``"canonical"`` (see the module).

    >>> import tempfile, pathlib, openpyxl
    >>> from budget_perf.examples import load
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "自评.xlsx"
    ...     write_workbook(load("yueyang-npc-2022"), path)
    ...     book = openpyxl.load_workbook(path)
    ...     sheet = book["运行维护经费"]
    >>> book.sheetnames[:3]
    ['基础数据表', '部门整体支出绩效自评表', '业务工作经费']
    >>> sheet["A1"].value, sheet["E5"].value, sheet["E5"].number_format
    ('2022年度项目支出绩效自评表', 394, '0.00')

    >>> write_workbook(load("yueyang-npc-2022"), "x.xlsx", layout="hebei")
    Traceback (most recent call last):
    ...
    budget_perf.excel._errors.WorkbookError: x.xlsx: cannot write the layout 'hebei': ...

    Raises:
        WorkbookError: *layout* is not one this version writes, a text holds a character Excel
            cannot store, the report states no year, or the file cannot be saved.
    """
    file = str(path)
    if layout is not None and layout not in LAYOUTS:
        known = ", ".join(repr(name) for name in LAYOUTS)
        shown = shorten(repr(layout), 80)
        from budget_perf.layouts import list_layouts

        read_only = layout in list_layouts()
        raise WorkbookError(
            file,
            f"cannot write the layout {shown}"
            + (" (a described layout this version reads, but does not write)" if read_only else "")
            + f": the layouts this version writes are {known} (or None, the canonical layout)",
            reason_zh=f"无法按版式{shown}写入"
            + ("（本版本可读取该版式，但不能按其写入）" if read_only else "")
            + f"：本版本可写的版式为{known}（或None，即标准版式）",
        )
    year = evaluation.year
    if year is None:  # the standard titles and column headers name the year
        raise WorkbookError(
            file,
            "the report states no year; the workbook's titles need one",
            reason_zh="报告未注明年度，工作簿的表名需要年度",
        )
    basic, department = evaluation.basic_data, evaluation.department_table
    if basic is None and department is None and not evaluation.projects:
        # no table at all: an empty basic data table names the year and the department, so
        # that the workbook reads back (as table_reading says); 报告其他内容 says there is none
        basic = BasicDataTable()
    wanted: list[str] = []
    if basic is not None:
        wanted.append("基础数据表")
    if department is not None:
        wanted.append("部门整体支出绩效自评表")
    wanted.extend(project.name for project in evaluation.projects)
    names = iter(sheet_names(wanted))
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)

    def sheet(width: int) -> SheetWriter:
        writer = SheetWriter(workbook.create_sheet(next(names)), width, file)
        if len(workbook.worksheets) == 1:  # the first sheet names the department
            writer.filer = evaluation.department.name
        return writer

    if basic is not None:
        title = BASIC_TITLE.format(year=year)
        write_basic(sheet(7), basic, year, title, evaluation.unit_of(basic))
    if department is not None:
        title = DEPARTMENT_TITLE.format(year=year)
        write_evaluation(sheet(9), department, title, evaluation.unit_of(department))
    for project in evaluation.projects:
        title = PROJECT_TITLE.format(year=year)
        write_evaluation(sheet(9), project, title, evaluation.unit_of(project))
    write_extra(workbook, evaluation)
    try:
        workbook.save(path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise WorkbookError(
            file, f"cannot save the workbook: {reason}", reason_zh=f"无法保存工作簿：{reason}"
        ) from None
