"""write_workbook: export a self-evaluation to an Excel workbook (导出 Excel 自评表).

One sheet for the basic data table ("基础数据表"), one for the department table
("部门整体支出绩效自评表") and one per project table, named after the project (truncated to
Excel's 31 characters, characters Excel forbids replaced by "_", made unique with "(2)", "(3)"
…).  Each sheet opens with its title ("2022年度项目支出绩效自评表"); the first sheet also carries
a "填报单位：…" line with the department's name.  Labels are the standard Chinese ones, header
cells are merged as in the printed tables, amounts have the format ``0.00`` and rates ``0%`` /
``0.00%`` with the decimals they were stated with.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from budget_perf._decimal import in_library_context
from budget_perf.excel._errors import WorkbookError
from budget_perf.excel._extra import write_extra
from budget_perf.excel._layout import BASIC_TITLE, DEPARTMENT_TITLE, PROJECT_TITLE
from budget_perf.excel._sheet import SheetWriter
from budget_perf.excel._write_basic import write_basic
from budget_perf.excel._write_eval import write_evaluation
from budget_perf.model import SelfEvaluation

__all__ = ["sheet_names", "write_workbook"]

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
def write_workbook(evaluation: SelfEvaluation, path: str | Path) -> None:
    """Write the tables of *evaluation* to a new workbook at *path* (overwritten if present).

    What the three tables have no place for (the narrative, the organisation, the review
    rubric …) goes to one more sheet, 报告其他内容, as JSON; :func:`~budget_perf.excel.
    workbook_content` says exactly what comes back.

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

    Raises:
        WorkbookError: a text holds a character Excel cannot store, the report states no year,
            or the file cannot be saved.
    """
    file = str(path)
    year = evaluation.year
    if year is None:  # the standard titles and column headers name the year
        raise WorkbookError(
            file,
            "the report states no year; the workbook's titles need one",
            reason_zh="报告未注明年度，工作簿的表名需要年度",
        )
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    wanted: list[str] = []
    if evaluation.basic_data is not None:
        wanted.append("基础数据表")
    if evaluation.department_table is not None:
        wanted.append("部门整体支出绩效自评表")
    wanted.extend(project.name for project in evaluation.projects)
    names = iter(sheet_names(wanted))
    writers: list[SheetWriter] = []

    def sheet(width: int) -> SheetWriter:
        writer = SheetWriter(workbook.create_sheet(next(names)), width, file)
        if not writers:  # the first sheet names the department
            writer.filer = evaluation.department.name
        writers.append(writer)
        return writer

    if evaluation.basic_data is not None:
        write_basic(sheet(7), evaluation.basic_data, year, BASIC_TITLE.format(year=year))
    if evaluation.department_table is not None:
        out = sheet(9)
        write_evaluation(out, evaluation.department_table, DEPARTMENT_TITLE.format(year=year))
    for project in evaluation.projects:
        write_evaluation(sheet(9), project, PROJECT_TITLE.format(year=year))
    if not writers:  # no table at all: a sheet that names the year and the department only
        out = SheetWriter(workbook.create_sheet("自评"), 9, file)
        out.filer = evaluation.department.name
        out.title(f"{year}年度绩效自评")
    write_extra(workbook, evaluation)
    try:
        workbook.save(path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise WorkbookError(
            file, f"cannot save the workbook: {reason}", reason_zh=f"无法保存工作簿：{reason}"
        ) from None
