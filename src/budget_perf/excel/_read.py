"""read_workbook: import a self-evaluation from an Excel workbook (导入 Excel 自评表).

A workbook may hold the basic data table, the department table and any number of project
tables, one per sheet or several on one sheet, in any order.  Tables are found by their titles
("2022年度项目支出绩效自评表") or, without a title, by their first label row (项目支出名称,
预算部门名称, 财政供养人员 / 经费控制情况).  Rows above the first table of a sheet ("单位：万元")
and sheets without a table (a cover sheet) are skipped.  Within a table every section is found
by its header labels, never by fixed coordinates; see :mod:`budget_perf.excel`.

The year comes from the titles ("2022年度…") or from the basic data table's "2022年预算数"
header; the department's name from a "填报单位：…" line, else the department table's
预算部门名称, else the first project's 主管部门.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from budget_perf._celltext import normalise
from budget_perf._decimal import in_library_context
from budget_perf.excel._errors import WorkbookError
from budget_perf.excel._extra import EXTRA_SHEET, read_extra
from budget_perf.excel._grid import Grid, grid_of
from budget_perf.excel._guard import open_workbook
from budget_perf.excel._layout import Kind, label_key, table_kind_of_title
from budget_perf.excel._read_basic import read_basic
from budget_perf.excel._read_eval import read_evaluation
from budget_perf.excel._rows import Row, classify
from budget_perf.excel._sources import SourceMap
from budget_perf.excel._values import text_of
from budget_perf.model import (
    BasicDataTable,
    Department,
    DepartmentTable,
    Project,
    SelfEvaluation,
)

__all__ = ["read_workbook", "read_workbook_with_sources"]

_STARTS = {
    Row.PROJECT_NAME: Kind.PROJECT,
    Row.DEPARTMENT_NAME: Kind.DEPARTMENT,
    Row.STAFFING: Kind.BASIC,
    Row.EXPENSES: Kind.BASIC,
}
_Table = Project | DepartmentTable | BasicDataTable
_HEADER_YEAR = re.compile(r"^([0-9]{4})年度?预算数$")


class _Block:
    def __init__(self, kind: Kind, grid: Grid, started_by_label: bool) -> None:
        self.kind = kind
        self.grid = grid
        self.rows: list[int] = []
        self.labelled = started_by_label


@in_library_context
def read_workbook(path: str | Path, *, year: int | None = None) -> SelfEvaluation:
    """Read the self-evaluation tables of the workbook at *path*.

    *year* is the budget year for tables whose titles do not state one ("2022年度…"); where
    they do, it must agree.

    >>> import tempfile, pathlib
    >>> from budget_perf.examples import load
    >>> from budget_perf.excel import workbook_content, write_workbook
    >>> report = load("yueyang-npc-2022")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "自评.xlsx"
    ...     write_workbook(report, path)
    ...     read_workbook(path) == workbook_content(report)
    True
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "notes.xlsx"
    ...     _ = path.write_text("not a workbook")
    ...     read_workbook(path)
    Traceback (most recent call last):
    ...
    budget_perf.excel._errors.WorkbookError: .../notes.xlsx: not an .xlsx workbook (...)

    Raises:
        WorkbookError: the file is not a readable workbook, is too large or hostile, or a table
            in it cannot be read; the message names the file, sheet and cell.
    """
    return read_workbook_with_sources(path, year=year)[0]


@in_library_context
def read_workbook_with_sources(
    path: str | Path, *, year: int | None = None
) -> tuple[SelfEvaluation, SourceMap]:
    """Read the workbook at *path*, and where each figure came from (*year* as for
    :func:`read_workbook`).

    Returns:
        The report, and a :class:`SourceMap` from each figure's model path (as in
        ``"$.projects[0].funding.total.executed"``) to its cell (``"业务工作经费!E6"``).

    >>> import tempfile, pathlib
    >>> from budget_perf.examples import load
    >>> from budget_perf.excel import write_workbook
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "自评.xlsx"
    ...     write_workbook(load("yueyang-npc-2022"), path)
    ...     report, sources = read_workbook_with_sources(path)
    >>> report.projects[1].funding.total.executed
    Decimal('394')
    >>> sources["$.projects[1].funding.total.executed"]
    '运行维护经费!E5'
    >>> sources["$.basic_data.three_public.children[0].current_final"]
    '基础数据表!D7'
    """
    file = str(path)
    package = open_workbook(path)
    return read_grids_as_workbook(
        file, [grid_of(package, sheet, file) for sheet in package.sheets], year
    )


def read_grids_as_workbook(
    file: str, grids: Sequence[Grid], year: int | None
) -> tuple[SelfEvaluation, SourceMap]:
    """:func:`read_workbook_with_sources` for the *grids* already read from the file named
    *file* (its sheets, in workbook order)."""
    extra = next((grid for grid in grids if grid.sheet == EXTRA_SHEET), None)
    blocks: list[_Block] = []
    years: list[tuple[int, str]] = []
    filers: list[str] = []
    for grid in grids:
        if grid is not extra:  # read after the tables, by read_extra
            blocks.extend(_segment(grid, years, filers))
    if not blocks:
        raise WorkbookError(
            file,
            "no self-evaluation table found (expected a title such as "
            "'2022年度项目支出绩效自评表' or a row labelled 项目支出名称 / 预算部门名称 / 编制数)",
            reason_zh="未找到自评表（应有“2022年度项目支出绩效自评表”之类的标题，"
            "或以项目支出名称、预算部门名称、编制数开头的行）",
        )
    if year is not None:
        years.append((year, "the year= argument"))
    distinct = sorted({stated for stated, _ in years})
    if not distinct:
        raise WorkbookError(
            file,
            "no year found: give the tables titles such as '2022年度…', or pass year=",
            reason_zh="未找到年度：请给表格加上“2022年度……”之类的标题，或传入year=",
        )
    if len(distinct) > 1:
        where = ", ".join(f"{stated} ({at})" for stated, at in years)
        raise WorkbookError(
            file, f"the tables state different years: {where}", reason_zh=f"各表年度不一致：{where}"
        )
    sources: dict[str, str] = {}
    tables: list[_Table] = []
    for block in blocks:
        try:
            _read_block(block, sources, tables)
        except WorkbookError:
            raise
        except (TypeError, ValueError) as error:  # a value the model refuses
            raise block.grid.error(
                None, f"cannot read the table: {error}", f"无法读取该表：{error}"
            ) from None
    department = next((t for t in tables if isinstance(t, DepartmentTable)), None)
    basic = next((t for t in tables if isinstance(t, BasicDataTable)), None)
    projects = [t for t in tables if isinstance(t, Project)]
    if filers:
        name = filers[0]
    elif department is not None:
        name = department.department_name
    else:
        name = projects[0].supervising_department if projects else ""
    try:
        evaluation = SelfEvaluation(
            year=distinct[0], department=Department(name=name), department_table=department,
            projects=tuple(projects), basic_data=basic,
        )  # fmt: skip
    except (TypeError, ValueError) as error:
        raise WorkbookError(file, str(error), reason_zh=f"无法组成自评报告：{error}") from None
    return read_extra(extra, evaluation), SourceMap(sources.items())


def _read_block(block: _Block, sources: dict[str, str], tables: list[_Table]) -> None:
    """Read one table into *tables* (in workbook order); at most one department / basic table."""
    first = block.grid.cell(block.rows[0], 1) if block.rows else None
    if block.kind is Kind.PROJECT:
        index = sum(isinstance(t, Project) for t in tables)
        tables.append(
            read_evaluation(block.grid, block.rows, block.kind, f"$.projects[{index}]", sources)
        )
    elif block.kind is Kind.DEPARTMENT:
        if any(isinstance(t, DepartmentTable) for t in tables):
            raise block.grid.error(
                first, "a second department table (部门整体支出绩效自评表)",
                "第二张部门整体支出绩效自评表",
            )  # fmt: skip
        tables.append(
            read_evaluation(block.grid, block.rows, block.kind, "$.department_table", sources)
        )
    else:
        if any(isinstance(t, BasicDataTable) for t in tables):
            raise block.grid.error(
                first, "a second basic data table (基础数据表)", "第二张基础数据表"
            )
        tables.append(read_basic(block.grid, block.rows, sources))


def _segment(grid: Grid, years: list[tuple[int, str]], filers: list[str]) -> list[_Block]:
    """Split a sheet into its tables; collect the years and 填报单位 lines on the way."""
    blocks: list[_Block] = []
    current: _Block | None = None
    for row in range(1, grid.n_rows + 1):
        what = classify(grid, row)
        if what is Row.TITLE:
            cell = next(grid.filled(row))
            found = table_kind_of_title(text_of(cell))
            if found is not None:
                kind, year = found
                if year is not None:
                    years.append((year, grid.address(cell)))
                current = _Block(kind, grid, started_by_label=False)
                blocks.append(current)
        elif what is Row.FILER:
            filers.append(_filer(grid, row))
            continue
        elif what in _STARTS:
            kind = _STARTS[what]
            fresh = current is None or current.kind is not kind
            if not fresh and current is not None and current.labelled and kind is not Kind.BASIC:
                fresh = True
            if fresh:
                current = _Block(kind, grid, started_by_label=True)
                blocks.append(current)
            elif current is not None:
                current.labelled = True
            if what is Row.EXPENSES:
                for cell in grid.filled(row):
                    match = _HEADER_YEAR.match(label_key(text_of(cell)))
                    if match:
                        years.append((int(match.group(1)), grid.address(cell)))
        if current is not None:
            current.rows.append(row)
    return blocks


def _filer(grid: Grid, row: int) -> str:
    cells = list(grid.filled(row))
    text = normalise(text_of(cells[0]))
    _, _, rest = text.partition(":")
    if rest.strip():
        return text_of(cells[0]).split("：", 1)[-1].split(":", 1)[-1].strip()
    return text_of(cells[1]) if len(cells) > 1 else ""
