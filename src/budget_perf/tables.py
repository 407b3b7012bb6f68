"""Tables for analysts (分析用数据表): a report's figures as flat records, one dict a row.

:func:`to_records` lays one report, or many, out as the rows of one table:

- ``"indicators"``: every 三级 indicator, with its 一级/二级 labels, the project's name and index
  (the department table's indicators have ``table`` "department" and no project index);
- ``"funding"``: every line of every funds block (年度资金总额, each fund source, each spending
  row), with the table's unit;
- ``"projects"``: one row per project table: its totals, stated rate and score, stated 总分;
- ``"basic_data"``: the rows of the basic data table (财政供养人员, 三公经费 and its sub-rows …);
- ``"findings"``: what :func:`~budget_perf.checks.check` finds, with the report's source,
  department and year.

Figures stay exact Decimals as stated; categories are their Chinese value ("数量指标");
blank cells are ``None``.  Derived figures (``derived_*``) are percent points or points,
rounded half up to 2 decimals as a table states them.  Every row starts with the report's
``source`` (the name given with it, or ``""``), ``department`` and ``year``.

>>> from budget_perf.examples import load
>>> rows = to_records(load("yueyang-npc-2022"), "indicators")
>>> row = next(r for r in rows if r["project"] == "人大会议")
>>> row["project_index"], row["level1"], row["level2"], row["name"], row["weight"]
(4, '产出指标', '数量指标', '每年至少1次召开全市人民代表会议', Decimal('12.5'))
>>> [r["executed"] for r in to_records(load("yueyang-npc-2022"), "funding")
...  if r["project"] == "运行维护经费"]
[Decimal('394'), Decimal('364'), None, Decimal('30')]

:func:`budget_perf.arrow.to_arrow`, ``to_pandas`` and ``to_polars`` give the same tables as
Arrow tables and DataFrames with a fixed schema (:data:`COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, Literal, TypeAlias

from budget_perf._decimal import in_library_context, round_half_up
from budget_perf.errors import InvalidValue
from budget_perf.model import (
    BasicDataTable,
    ExpenseRow,
    Funding,
    Indicator,
    IndicatorTree,
    Project,
    SelfEvaluation,
)

__all__ = ["COLUMNS", "TABLES", "Reports", "Table", "to_records"]

#: The tables :func:`to_records` lays out.
Table: TypeAlias = Literal["indicators", "funding", "projects", "basic_data", "findings"]
#: One report, or many: reports, or (source, report) pairs naming where each came from.
Reports: TypeAlias = SelfEvaluation | Iterable[SelfEvaluation | tuple[object, SelfEvaluation]]

_REPORT = (("source", "text"), ("department", "text"), ("year", "int"))
_TABLE = (("table", "text"), ("project_index", "int"), ("project", "text"))
_AMOUNTS = (("initial_budget", "figure"), ("full_year_budget", "figure"), ("executed", "figure"))

#: Each table's columns in order, with their kind: ``text``, ``int``, ``figure`` (a stated
#: Decimal: at most 15 digits before the point and 6 after), ``derived`` (a Decimal rounded to
#: 2 decimals) or ``value`` (a finding's stated or expected value: a figure or a text).
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "indicators": (
        *_REPORT, *_TABLE,
        ("level1", "text"), ("level1_weight", "figure"), ("level2", "text"), ("position", "int"),
        ("name", "text"), ("target", "text"), ("actual", "text"), ("weight", "figure"),
        ("score", "figure"), ("deviation_note", "text"), ("nature", "text"),
        ("measure_unit", "text"), ("adjusted_target", "text"), ("proportion", "figure"),
        ("stated_weighted_score", "figure"), ("score_coefficient", "figure"),
    ),
    "funding": (
        *_REPORT, *_TABLE, ("amount_unit", "text"), ("line", "text"), ("kind", "text"),
        ("label", "text"), *_AMOUNTS, ("received", "figure"), ("weight", "figure"),
        ("stated_execution_rate", "figure"), ("stated_score", "figure"),
        ("derived_execution_rate", "derived"), ("note", "text"),
    ),
    "projects": (
        *_REPORT, ("project_index", "int"), ("project", "text"),
        ("supervising_department", "text"), ("implementing_unit", "text"),
        ("amount_unit", "text"), *_AMOUNTS, ("weight", "figure"),
        ("stated_execution_rate", "figure"), ("stated_score", "figure"),
        ("derived_execution_rate", "derived"), ("indicator_count", "int"),
        ("stated_total_weight", "figure"), ("stated_total_score", "figure"),
        ("derived_total_score", "derived"), ("stated_grade", "text"),
    ),
    "basic_data": (
        *_REPORT, ("amount_unit", "text"), ("section", "text"), ("depth", "int"),
        ("label", "text"), ("previous_final", "figure"), ("current_budget", "figure"),
        ("current_final", "figure"), ("authorised", "int"), ("in_post", "int"),
        ("stated_control_rate", "figure"), ("note", "text"),
    ),
    "findings": (
        *_REPORT, ("code", "text"), ("severity", "text"), ("path", "text"),
        ("stated", "value"), ("expected", "value"), ("formula", "text"),
        ("message_zh", "text"), ("message_en", "text"),
    ),
}  # fmt: skip
#: The tables' names.
TABLES: tuple[Table, ...] = ("indicators", "funding", "projects", "basic_data", "findings")


@in_library_context
def to_records(reports: Reports, table: Table) -> list[dict[str, Any]]:
    """The rows of *table* for *reports* (one report, reports, or (source, report) pairs).

    Raises:
        InvalidValue: *table* is not one of :data:`TABLES`, or an item of *reports* is neither a
            report nor a (source, report) pair.
    """
    if table not in COLUMNS:
        raise InvalidValue(
            f"table: {table!r} is not a table; expected one of {', '.join(TABLES)}",
            field="table",
            message_zh=f"table：{table!r} 不是数据表；应为其中之一：{', '.join(TABLES)}",
        )
    rows = _ROWS[table]
    names = [name for name, _ in COLUMNS[table]]
    return [
        {name: row.get(name) for name in names}
        for source, report in report_pairs(reports)
        for row in rows(_head(source, report), report)
    ]


def _head(source: str, report: SelfEvaluation) -> dict[str, Any]:
    return {"source": source, "department": report.department.name, "year": report.year}


def report_pairs(reports: Reports) -> Iterator[tuple[str, SelfEvaluation]]:
    """(source, report) for each report of *reports*; a report given alone has source ``""``."""
    if isinstance(reports, SelfEvaluation):
        yield "", reports
        return
    for index, item in enumerate(reports):
        if isinstance(item, SelfEvaluation):
            yield "", item
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], SelfEvaluation):
            yield str(item[0]), item[1]
        else:
            raise InvalidValue(
                f"reports: item {index} is {type(item).__name__}, neither a SelfEvaluation nor "
                "a (source, report) pair",
                field="reports",
                message_zh=f"reports：第 {index + 1} 项为 {type(item).__name__}，"
                "既不是 SelfEvaluation 也不是 (来源, 报告) 对",
            )


_Row: TypeAlias = dict[str, Any]


def _tables(report: SelfEvaluation) -> Iterator[tuple[_Row, Project | None]]:
    """The department table, then each project, with the columns that name the table."""
    if report.department_table is not None:
        yield {"table": "department", "project_index": None, "project": ""}, None
    for index, project in enumerate(report.projects):
        yield {"table": "project", "project_index": index, "project": project.name}, project


def _indicators(head: _Row, report: SelfEvaluation) -> Iterator[_Row]:
    for where, project in _tables(report):
        owner = project if project is not None else report.department_table
        tree = None if owner is None else owner.indicators
        if tree is not None:
            yield from _tree_rows({**head, **where}, tree)


def _tree_rows(head: _Row, tree: IndicatorTree) -> Iterator[_Row]:
    placed: list[tuple[str | None, Decimal | None, str | None, Indicator]] = [
        (group.category.value, group.stated_weight, sub.category.value, indicator)
        for group in tree.groups
        for sub in group.groups
        for indicator in sub.indicators
    ]
    placed += [(None, None, None, indicator) for indicator in tree.ungrouped]
    for position, (level1, level1_weight, level2, indicator) in enumerate(placed):
        yield {
            **head, "level1": level1, "level1_weight": level1_weight, "level2": level2,
            "position": position,
            **{name: getattr(indicator, name) for name, _ in COLUMNS["indicators"][10:]},
        }  # fmt: skip


def _funding(head: _Row, report: SelfEvaluation) -> Iterator[_Row]:
    for where, project in _tables(report):
        owner = project if project is not None else report.department_table
        if owner is None or owner.funding is None:
            continue
        row = {**head, **where, "amount_unit": report.unit_of(owner).value}
        yield from _funding_rows(row, owner.funding)


def _funding_rows(head: _Row, funding: Funding) -> Iterator[_Row]:
    total = funding.total
    if total is not None:
        yield {
            **head, "line": "total", "kind": None, "label": "年度资金总额",
            **_amounts(total), "received": total.received, "weight": funding.weight,
            "stated_execution_rate": funding.stated_execution_rate,
            "stated_score": funding.stated_score,
            "derived_execution_rate": _percent(funding.execution_rate()), "note": total.note,
        }  # fmt: skip
    for line, _index, row in funding.execution_rows():
        yield {
            **head, "line": "source" if line == "sources" else "spending",
            "kind": row.kind.value, "label": row.label, **_amounts(row),
            "received": getattr(row, "received", None), "weight": row.weight,
            "stated_execution_rate": row.stated_execution_rate, "stated_score": row.stated_score,
            "derived_execution_rate": _percent(row.execution_rate(funding.rate_basis)),
            "note": row.note,
        }  # fmt: skip


def _amounts(row: Any) -> _Row:
    return {name: getattr(row, name) for name, _ in _AMOUNTS}


def _percent(ratio: object) -> Decimal | None:
    """A derived ratio in percent points, rounded half up to 2 decimals; blank if undefined."""
    return round_half_up(ratio * 100, 2) if isinstance(ratio, Decimal) else None


def _points(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, 2)


def _projects(head: _Row, report: SelfEvaluation) -> Iterator[_Row]:
    for index, project in enumerate(report.projects):
        funding, tree = project.funding, project.indicators
        total = None if funding is None else funding.total
        yield {
            **head, "project_index": index, "project": project.name,
            "supervising_department": project.supervising_department,
            "implementing_unit": project.implementing_unit,
            "amount_unit": report.unit_of(project).value,
            **({} if total is None else _amounts(total)),
            **({} if funding is None else {
                "weight": funding.weight, "stated_execution_rate": funding.stated_execution_rate,
                "stated_score": funding.stated_score,
                "derived_execution_rate": _percent(funding.execution_rate()),
            }),
            "indicator_count": 0 if tree is None else sum(1 for _ in tree.indicators()),
            "stated_total_weight": None if tree is None else tree.stated_total_weight,
            "stated_total_score": None if tree is None else tree.stated_total_score,
            "derived_total_score": _points(project.derived_total_score()),
            "stated_grade": None if project.stated_grade is None else project.stated_grade.value,
        }  # fmt: skip


_SECTIONS = ("three_public", "project_spending", "operating_funds", "procurement",
             "basic_budget_adjustment")  # fmt: skip


def _basic_data(head: _Row, report: SelfEvaluation) -> Iterator[_Row]:
    table: BasicDataTable | None = report.basic_data
    if table is None:
        return
    head = {**head, "amount_unit": report.unit_of(table).value}
    staffing = table.staffing
    if staffing is not None:
        yield {
            **head, "section": "staffing", "depth": 0, "label": "财政供养人员情况",
            "authorised": staffing.authorised, "in_post": staffing.in_post,
            "stated_control_rate": staffing.stated_control_rate, "note": "",
        }  # fmt: skip
    for section in _SECTIONS:
        row: ExpenseRow | None = getattr(table, section)
        if row is not None:
            yield from _expense_rows({**head, "section": section}, row, 0)


def _expense_rows(head: _Row, row: ExpenseRow, depth: int) -> Iterator[_Row]:
    yield {
        **head, "depth": depth, "label": row.label, "previous_final": row.previous_final,
        "current_budget": row.current_budget, "current_final": row.current_final,
        "note": row.note,
    }  # fmt: skip
    for child in row.children:
        yield from _expense_rows(head, child, depth + 1)


def _findings(head: _Row, report: SelfEvaluation) -> Iterator[_Row]:
    from budget_perf.checks import check

    for finding in check(report):
        yield {
            **head, "code": finding.code, "severity": finding.severity.value,
            "path": finding.path, "stated": finding.stated, "expected": finding.expected,
            "formula": finding.formula, "message_zh": finding.message_zh,
            "message_en": finding.message_en,
        }  # fmt: skip


_ROWS = {
    "indicators": _indicators,
    "funding": _funding,
    "projects": _projects,
    "basic_data": _basic_data,
    "findings": _findings,
}
