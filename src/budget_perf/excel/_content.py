"""workbook_content: the part of a report that the three workbook tables hold (工作簿内容).

``read_workbook(p)`` after ``write_workbook(x, p)`` gives back ``workbook_content(x)``:

- kept: ``year``, the department table, the project tables and the basic data table, with
  every figure, text, note and sign-off line; and, through the extra 报告其他内容 sheet, the
  ``title``, ``department``, ``general_budget``, ``other_budgets``, ``narrative``,
  ``stated_grade``, ``attachments`` and ``review_rubric`` unchanged;
- dropped: ``FundSource.budget_type`` (the tables print no budget type);
- normalised as the tables print them: a blank ``label`` of a fund source, income line or
  spending line becomes its kind's name ("其他资金"); texts lose surrounding whitespace;
  a funds block with a weight, rate or score but no total row gets an empty total row; an
  austerity measure with line breaks becomes one measure per line; empty notes, and indicators,
  expense rows and building rows with nothing stated, are dropped.

>>> from budget_perf.examples import load
>>> report = load("yueyang-npc-2022")
>>> workbook_content(report) == report
True
"""

from __future__ import annotations

from typing import Any

import attrs

from budget_perf.model import (
    BasicDataTable,
    BuildingRow,
    ExpenseRow,
    Funding,
    FundSource,
    FundTotal,
    IncomeLine,
    Indicator,
    SelfEvaluation,
    SpendingLine,
)

__all__ = ["workbook_content"]


def workbook_content(evaluation: SelfEvaluation) -> SelfEvaluation:
    """The part of *evaluation* that :func:`~budget_perf.excel.write_workbook` writes."""
    return attrs.evolve(
        evaluation,
        department_table=_normal(evaluation.department_table),
        projects=_normal(evaluation.projects),
        basic_data=_normal(evaluation.basic_data),
    )


def _normal(value: Any) -> Any:
    """Normalise *value* and everything inside it as the workbook tables print it."""
    result: Any = value
    if isinstance(value, str):
        result = value.strip()
    elif isinstance(value, tuple):
        result = tuple(_normal(item) for item in value if not _empty(item))
    elif attrs.has(type(value)):
        changes = {
            field.name: _normal(getattr(value, field.name))
            for field in attrs.fields(type(value))
            if field.init
        }
        result = _special(attrs.evolve(value, **changes))
    return result


def _empty(item: object) -> bool:
    """Rows that state nothing, which a reader skips as blank."""
    if isinstance(item, str):
        return not item.strip()
    if isinstance(item, Indicator):
        return item == Indicator(name=item.name) and not item.name.strip()
    if isinstance(item, ExpenseRow):
        return not item.label.strip() and item == ExpenseRow(label=item.label)
    if isinstance(item, BuildingRow):
        return not item.label.strip() and item == BuildingRow(label=item.label)
    return False


def _special(value: Any) -> Any:
    if isinstance(value, FundSource):
        return attrs.evolve(value, label=value.label or value.kind.value, budget_type=None)
    if isinstance(value, IncomeLine | SpendingLine):
        return attrs.evolve(value, label=value.label or value.kind.value)
    if isinstance(value, Funding) and value.total is None:
        stated = (value.weight, value.stated_execution_rate, value.stated_score)
        if any(figure is not None for figure in stated):
            return attrs.evolve(value, total=FundTotal())
    if isinstance(value, BasicDataTable):
        lines = (line.strip() for item in value.austerity_measures for line in item.splitlines())
        return attrs.evolve(value, austerity_measures=tuple(line for line in lines if line))
    return value
