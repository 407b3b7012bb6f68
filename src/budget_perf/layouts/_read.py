"""read: any self-evaluation table, in any described layout, onto the model (private).

The file is turned into grids (one per sheet or table); each grid is read with the layout that
matches it (or the one named) and the tables are put together into one report.  A sheet that
matches no layout and holds no figure (a cover, a page of notes) is passed over; one that holds
a figure is refused, as is a file where no sheet matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from budget_perf.errors import BudgetPerfError, UnknownLayout
from budget_perf.excel._errors import WorkbookError
from budget_perf.excel._grid import Grid
from budget_perf.excel._sources import SourceMap
from budget_perf.layouts._cells import is_figure
from budget_perf.layouts._description import Layout
from budget_perf.layouts._match import choose
from budget_perf.layouts._table import TableRead, read_table
from budget_perf.model import Department, Region, SelfEvaluation

__all__ = ["read_grids_with_sources"]

_PREFIX = {
    "department": "$.department_table",
    "score_sheet": "$.score_sheet",
    "basic_data": "$.basic_data",
}
_FIELD = {
    "department": "department_table",
    "score_sheet": "score_sheet",
    "basic_data": "basic_data",
}


def read_grids_with_sources(
    grids: Sequence[Grid],
    layouts: Sequence[Layout],
    *,
    year: int | None = None,
    region: Region | None = None,
    forced: Layout | None = None,
    not_shown: Iterable[str] = (),
) -> tuple[SelfEvaluation, SourceMap]:
    """Read *grids* into one report (see :func:`budget_perf.read`)."""
    hidden = frozenset(not_shown)
    tables: list[tuple[Layout, TableRead]] = []
    counts: dict[str, int] = {}
    file = grids[0].file if grids else ""
    unmatched: UnknownLayout | None = None
    for grid in grids:
        if not any(not c.blank for c in grid.cells.values()):
            continue  # an empty sheet
        try:
            layout = choose(grid, [forced] if forced else layouts)
        except UnknownLayout as error:
            if not any(is_figure(cell) for cell in grid.cells.values()):
                unmatched = unmatched or error  # a cover or notes sheet: it holds no figure
                continue
            if forced is None:
                raise
            layout = forced  # layout= reads a table whose labels it would not pick
        kind = layout.table
        if kind == "project":
            prefix = f"$.projects[{counts.get(kind, 0)}]"
        else:
            prefix = _PREFIX[kind]
            if counts.get(kind):
                raise grid.error(
                    None, f"a second {kind.replace('_', ' ')} table", f"第二张{kind}表"
                )
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "basic_data":
            tables.append((layout, _basic(grid)))
        else:
            try:
                tables.append((layout, read_table(grid, layout, prefix, hidden)))
            except BudgetPerfError:
                raise
            except (TypeError, ValueError) as error:  # a value the model refuses
                raise grid.error(
                    None, f"cannot read the table: {error}", f"无法读取该表：{error}"
                ) from None
    if not tables and unmatched is not None:
        raise unmatched
    if not tables:
        raise WorkbookError(file, "no table found", reason_zh="未找到表格")
    years = sorted({t.year for _, t in tables if t.year is not None})
    if year is not None:
        years = sorted({*years, year})
    if len(years) > 1:
        shown = ", ".join(str(y) for y in years)
        raise WorkbookError(
            file, f"the tables state different years: {shown}", reason_zh=f"各表年度不一致：{shown}"
        )
    fields: dict[str, Any] = {
        "projects": tuple(t.record for layout, t in tables if layout.table == "project")
    }
    for layout, table in tables:
        if layout.table != "project":
            fields[_FIELD[layout.table]] = table.record
    main = [t for layout, t in tables if layout.table != "basic_data"] or [t for _, t in tables]
    department = next((t.department for t in main if t.department is not None), "")
    wanted = {part for layout, _ in tables for part in layout.report_parts}
    present = {"projects" if fields["projects"] else "", *(f for f in fields if f != "projects")}
    report_hidden: list[str] = [
        p
        for p in ("projects", "department_table", "basic_data")
        if p in wanted and p not in present
    ]
    for path in hidden:  # a whole table the copy does not show: "$.basic_data"
        part = path.removeprefix("$.")
        whole = part in ("projects", "department_table", "basic_data", "score_sheet")
        if whole and part not in report_hidden and part not in present:
            report_hidden.append(part)
    _check_marks(hidden, {m for _, t in tables for m in t.hidden_found}, file)
    evaluation = SelfEvaluation(
        year=years[0] if years else None,
        department=Department(name=department),
        region=region,
        title=main[0].title,
        not_shown=tuple(report_hidden),
        **fields,
    )
    sources: dict[str, str] = {}
    for _, table in tables:
        sources.update(table.sources)
    return evaluation, SourceMap(sources.items())


def _basic(grid: Grid) -> TableRead:
    """A basic data table (基础数据表), read by the bundled report's reader: its rows are found
    by their labels (编制数, 三公经费, 公用经费 …), which every province's form shares."""
    from budget_perf.excel._read_basic import read_basic

    sources: dict[str, str] = {}
    rows = list(range(1, grid.n_rows + 1))
    record = read_basic(grid, rows, sources)
    return TableRead(
        record=record,
        title="",
        year=None,
        hidden_found=frozenset(),
        department=None,
        sources=sources,
    )


_WHOLE = ("$.projects", "$.department_table", "$.basic_data", "$.score_sheet")


def _check_marks(hidden: frozenset[str], found: set[str], file: str) -> None:
    """Refuse a not-shown path that names nothing the tables have (a typo must not pass)."""
    unknown = sorted(hidden - found - set(_WHOLE))
    if unknown:
        shown = ", ".join(unknown)
        raise WorkbookError(
            file,
            f"not_shown names no value of the tables read: {shown}",
            reason_zh=f"not_shown中的路径在所读表格中不存在：{shown}",
        )
