"""The 报告其他内容 sheet: the parts of a report that the three standard tables cannot hold.

The narrative, the general-budget account, the grade, the attachments, the review rubric and
the department's description have no cell in 项目支出 / 部门整体支出 / 基础数据表.  So that a
report survives a trip through a workbook, :func:`write_extra` writes them, as the library's
JSON, down column A of one extra sheet, after a line saying what the sheet is; :func:`read_extra`
reads them back when the sheet is there.  A workbook without the sheet (as offices send them)
reads as before: those parts are absent.

Each cell holds at most :data:`_CHUNK` characters, prefixed with "|" so that a chunk starting
with "=" is never taken for a formula.
"""

from __future__ import annotations

from typing import Any

import attrs

from budget_perf.errors import InvalidDocument
from budget_perf.excel._errors import WorkbookError
from budget_perf.model import (
    Department,
    GeneralBudgetSpending,
    Grade,
    Narrative,
    OtherBudgetStatement,
    ReviewRubric,
    SelfEvaluation,
)
from budget_perf.model._fields import optional, records, text
from budget_perf.serialization import from_json, to_json

__all__ = ["EXTRA_SHEET", "read_extra", "write_extra"]

#: The name of the sheet that holds the parts of a report outside the standard tables.
EXTRA_SHEET = "报告其他内容"
_NOTICE = (
    "本表由 budget_perf 写入：报告正文、一般公共预算支出、自评等级、附件、考核评分表"
    "和部门基本情况，"
    "以 JSON 保存于 A 列，请勿编辑。 Written by budget_perf: the parts of the report that the "
    "standard tables cannot hold, as JSON in column A; do not edit."
)
_CHUNK = 30000


@attrs.frozen(kw_only=True)
class _Rest:
    """The parts of a SelfEvaluation that the standard tables do not hold."""

    title: str = text()
    department: Department = attrs.field(validator=attrs.validators.instance_of(Department))
    general_budget: GeneralBudgetSpending | None = optional(GeneralBudgetSpending)
    other_budgets: tuple[OtherBudgetStatement, ...] = records(OtherBudgetStatement)
    narrative: Narrative | None = optional(Narrative)
    stated_grade: Grade | None = optional(Grade)
    attachments: tuple[str, ...] = records(str)
    review_rubric: ReviewRubric | None = optional(ReviewRubric)


_FIELDS = tuple(field.name for field in attrs.fields(_Rest))


def write_extra(workbook: Any, evaluation: SelfEvaluation) -> None:
    """Add the 报告其他内容 sheet to *workbook*, unless the report has nothing for it."""
    rest = _Rest(**{name: getattr(evaluation, name) for name in _FIELDS})
    if rest == _Rest(department=Department(name=evaluation.department.name)):
        return
    sheet = workbook.create_sheet(EXTRA_SHEET)
    sheet["A1"] = _NOTICE
    data = to_json(rest, indent=None)
    for row, start in enumerate(range(0, len(data), _CHUNK), start=2):
        sheet.cell(row=row, column=1, value="|" + data[start : start + _CHUNK])


def read_extra(workbook: Any, evaluation: SelfEvaluation, file: str) -> SelfEvaluation:
    """*evaluation* with the parts held in the 报告其他内容 sheet, if *workbook* has one.

    Raises:
        WorkbookError: the sheet is there but its content is not what budget_perf wrote.
    """
    if EXTRA_SHEET not in workbook.sheetnames:
        return evaluation
    sheet = workbook[EXTRA_SHEET]
    chunks = []
    for (value,) in sheet.iter_rows(min_row=2, min_col=1, max_col=1, values_only=True):
        if value is None:
            continue
        if not isinstance(value, str) or not value.startswith("|"):
            raise WorkbookError(file, "not the content budget_perf wrote", sheet=EXTRA_SHEET)
        chunks.append(value[1:])
    try:
        rest = from_json("".join(chunks), _Rest)
    except InvalidDocument as error:
        raise WorkbookError(file, f"its content does not fit: {error}", sheet=EXTRA_SHEET) from None
    return attrs.evolve(evaluation, **{name: getattr(rest, name) for name in _FIELDS})
