"""workbook_content: what a report gives back after a trip through a workbook (工作簿内容).

``read_workbook(p)`` after ``write_workbook(x, p)`` gives back ``workbook_content(x)``: the
report itself, every part of it, but for what the printed tables normalise in their own cells:

- texts in the tables' cells lose surrounding whitespace, and notes, austerity measures and
  indicator, expense and building rows with nothing at all stated are dropped (a reader skips a
  blank row); an austerity measure with line breaks becomes one measure per line;
- a blank ``label`` of a fund source, income line or spending line becomes its kind's name
  ("其他资金"), as the table prints it;
- a funds block with a weight, rate or score but no total row gets an empty total row.

A part marked not shown (``not_shown``) is never filled in by these rules.  Everything the
tables print comes back from their cells; everything else — the report's own facts (title,
region, unit, department, narrative, grade, score sheet …), each table's unit,
the provincial indicator columns, execution rows, not-shown marks and the rest — comes back
through the 报告其他内容 sheet (:mod:`budget_perf.excel._extra`), exactly as it was.

:func:`table_reading` is the other half: what the tables alone give back, the parts they have
no cell for left at their defaults.  The writer puts into 报告其他内容 exactly the difference.

>>> from budget_perf.examples import load
>>> report = load("yueyang-npc-2022")
>>> workbook_content(report) == report
True
>>> table_reading(report).narrative is None, table_reading(report).projects == report.projects
(True, True)
"""

from __future__ import annotations

from typing import Any

import attrs

from budget_perf.model import (
    AnnualGoal,
    BasicDataTable,
    BuildingRow,
    Department,
    DepartmentTable,
    ExpenseRow,
    Funding,
    FundSource,
    FundTotal,
    IncomeLine,
    Indicator,
    IndicatorTree,
    Level1Group,
    Level2Group,
    Project,
    SelfEvaluation,
    SpendingLine,
)

__all__ = ["HELD", "table_reading", "workbook_content"]

#: The fields of each record that the standard tables print in their cells.  A record not
#: listed (Signature, IncomeLine, SpendingLine, StaffingRow, ExpenseRow, BuildingRow) is
#: printed whole; a field not listed travels in the 报告其他内容 sheet.
HELD: dict[type, frozenset[str]] = {
    SelfEvaluation: frozenset({"year", "projects", "department_table", "basic_data"}),
    Project: frozenset({
        "name", "supervising_department", "implementing_unit", "funding", "goal", "indicators",
        "notes", "signature",
    }),
    DepartmentTable: frozenset({
        "department_name", "funding", "income_split", "spending_split", "goal", "indicators",
        "signature",
    }),
    BasicDataTable: frozenset({
        "staffing", "three_public", "project_spending", "operating_funds", "procurement",
        "basic_budget_adjustment", "buildings", "austerity_measures", "notes", "signature",
    }),
    Funding: frozenset({"total", "sources", "weight", "stated_execution_rate", "stated_score"}),
    FundTotal: frozenset({"initial_budget", "full_year_budget", "executed", "note"}),
    FundSource: frozenset({
        "kind", "label", "initial_budget", "full_year_budget", "executed", "note",
    }),
    AnnualGoal: frozenset({"expected", "achieved"}),
    IndicatorTree: frozenset({"groups", "stated_total_weight", "stated_total_score"}),
    Level1Group: frozenset({"category", "stated_weight", "groups"}),
    Level2Group: frozenset({"category", "indicators"}),
    Indicator: frozenset({"name", "target", "actual", "weight", "score", "deviation_note"}),
}  # fmt: skip


def workbook_content(evaluation: SelfEvaluation) -> SelfEvaluation:
    """What :func:`~budget_perf.excel.read_workbook` gives back for a workbook that
    :func:`~budget_perf.excel.write_workbook` wrote from *evaluation* (see the module)."""
    result: SelfEvaluation = _walk(evaluation, tables_only=False)
    return result


def table_reading(evaluation: SelfEvaluation) -> SelfEvaluation:
    """What the standard tables alone give back: :func:`workbook_content`, with every part the
    tables have no cell for at its default (and the department named by the 填报单位 line).

    A report without a table is written as an empty basic data table (its title names the
    year), and the tables give that back.
    """
    result: SelfEvaluation = _walk(workbook_content(evaluation), tables_only=True)
    if result.basic_data is None and result.department_table is None and not result.projects:
        # a report without a table is written as an empty basic data table, which names the year
        result = attrs.evolve(result, basic_data=BasicDataTable())
    return result


def _walk(value: Any, *, tables_only: bool) -> Any:
    """Normalise *value* as the tables print it; with *tables_only*, drop what they cannot."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, tuple):
        items = (_walk(item, tables_only=tables_only) for item in value)
        return tuple(item for item in items if not _empty(item))
    if not attrs.has(type(value)):
        return value
    held = HELD.get(type(value))
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        if held is None or field.name in held:
            changes[field.name] = _walk(getattr(value, field.name), tables_only=tables_only)
        elif tables_only:
            changes[field.name] = _default(value, field)
    return _special(attrs.evolve(value, **changes), tables_only=tables_only)


def _default(record: Any, field: attrs.Attribute[Any]) -> Any:
    """A field's value when the tables have no cell for it."""
    if isinstance(record, SelfEvaluation) and field.name == "department":
        return Department(name=record.department.name.strip())  # the 填报单位 line
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return default.factory()
    return default


def _empty(item: object) -> bool:
    """Rows that state nothing at all, which a reader skips as blank."""
    if isinstance(item, str):
        return not item
    if isinstance(item, Indicator):
        return not item.name and item == Indicator(name=item.name)
    if isinstance(item, ExpenseRow):
        return not item.label and item == ExpenseRow(label=item.label)
    if isinstance(item, BuildingRow):
        return not item.label and item == BuildingRow(label=item.label)
    return False


def _hidden(record: Any, part: str) -> bool:
    return part in getattr(record, "not_shown", ())


def _special(value: Any, *, tables_only: bool) -> Any:
    """The rules by which the tables fill in a blank (never a part marked not shown)."""
    fill = tables_only or not _hidden(value, "label")
    if isinstance(value, FundSource | IncomeLine | SpendingLine) and not value.label and fill:
        return attrs.evolve(value, label=value.kind.value)
    fill = tables_only or not _hidden(value, "total")
    if isinstance(value, Funding) and value.total is None and fill:
        stated = (value.weight, value.stated_execution_rate, value.stated_score)
        if any(figure is not None for figure in stated):
            return attrs.evolve(value, total=FundTotal())
    if isinstance(value, BasicDataTable):
        lines = (line.strip() for item in value.austerity_measures for line in item.splitlines())
        return attrs.evolve(value, austerity_measures=tuple(line for line in lines if line))
    return value
