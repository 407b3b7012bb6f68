"""Writing a project table or the department table in the standard layout (private).

Nine columns, as in the Yueyang tables: A holds the block labels (项目资金（万元）, or （元）
for a table in 元; 年度总体目标, 绩效指标) merged down their blocks; the funds block uses B (row
label) to H (得分), with a source row's note merged across F:I and the total row's note in I;
the indicator table uses B (一级指标) to I (偏差原因分析及改进措施), 一级 and 二级 cells merged
down their rows.
"""

from __future__ import annotations

from budget_perf.excel._layout import FUNDS_HEADER, INDICATOR_HEADER
from budget_perf.excel._sheet import SheetWriter
from budget_perf.model import (
    AmountUnit,
    AnnualGoal,
    DepartmentTable,
    Funding,
    IndicatorTree,
    Project,
    Signature,
)

__all__ = ["WIDTHS", "signature_text", "write_evaluation"]

#: Column widths of an evaluation table, A to I.
WIDTHS = (12, 16, 14, 28, 26, 26, 10, 10, 24)
_WIDTH = len(WIDTHS)


def signature_text(signature: Signature) -> str:
    """The sign-off line as the tables print it.

    >>> from datetime import date
    >>> signature_text(Signature(prepared_by="卢玉婷", date_filed=date(2023, 6, 9)))
    '填表人：卢玉婷  填报日期：2023.6.9  联系电话：  单位负责人签字：'
    """
    filed = signature.date_filed
    day = "" if filed is None else f"{filed.year}.{filed.month}.{filed.day}"
    return (
        f"填表人：{signature.prepared_by}  填报日期：{day}  "
        f"联系电话：{signature.phone}  单位负责人签字：{signature.head_of_unit}"
    )


def write_evaluation(
    out: SheetWriter, table: Project | DepartmentTable, title: str, unit: AmountUnit
) -> None:
    """Write *table* below ``out.row``, starting with its *title*; its amounts are in *unit*."""
    out.widths(WIDTHS)
    out.title(title)
    if isinstance(table, Project):
        out.text(out.row, 1, "项目支出名称", bold=True)
        out.text(out.row, 2, table.name, to=_WIDTH)
        out.row += 1
        out.text(out.row, 1, "主管部门", bold=True)
        out.text(out.row, 2, table.supervising_department, to=5)
        out.text(out.row, 6, "实施单位", bold=True)
        out.text(out.row, 7, table.implementing_unit, to=_WIDTH)
        out.row += 1
    else:
        out.text(out.row, 1, "预算部门名称", bold=True)
        out.text(out.row, 2, table.department_name, to=_WIDTH)
        out.row += 1
    if table.funding is not None:
        start = out.row
        block = "项目资金" if isinstance(table, Project) else "年度预算申请"
        label = f"{block}\n（{unit.value}）"
        out.text(out.row, 1, label, bold=True, center=True)
        _funding(out, table.funding)
        if isinstance(table, DepartmentTable) and (table.income_split or table.spending_split):
            _splits(out, table)
        out.merge(start, 1, out.row - 1, 1)
    if table.goal is not None:
        _goal(out, table.goal)
    if table.indicators is not None:
        _indicators(out, table.indicators)
    if isinstance(table, Project):
        for note in table.notes:
            out.line(note)
    if table.signature is not None:
        out.line(signature_text(table.signature))
    out.row += 1


def _funding(out: SheetWriter, funding: Funding) -> None:
    keys = ("initial_budget", "full_year_budget", "executed", "weight", "rate", "score")
    for column, key in enumerate(keys, start=3):
        out.text(out.row, column, FUNDS_HEADER[key][0], bold=True, center=True)
    out.text(out.row, 2, "")
    out.text(out.row, 9, "")
    out.row += 1
    total = funding.total
    stated = (funding.weight, funding.stated_execution_rate, funding.stated_score)
    if total is not None or any(figure is not None for figure in stated):
        out.text(out.row, 2, "年度资金总额")
        out.amount(out.row, 3, None if total is None else total.initial_budget)
        out.amount(out.row, 4, None if total is None else total.full_year_budget)
        out.amount(out.row, 5, None if total is None else total.executed)
        out.points(out.row, 6, funding.weight)
        out.percent(out.row, 7, funding.stated_execution_rate)
        out.points(out.row, 8, funding.stated_score)
        out.text(out.row, 9, "" if total is None else total.note)
        out.row += 1
    for source in funding.sources:
        out.text(out.row, 2, source.label or source.kind.value)
        out.amount(out.row, 3, source.initial_budget)
        out.amount(out.row, 4, source.full_year_budget)
        out.amount(out.row, 5, source.executed)
        out.text(out.row, 6, source.note, to=_WIDTH)
        out.row += 1


def _splits(out: SheetWriter, table: DepartmentTable) -> None:
    out.text(out.row, 2, "按收入性质分：", to=5, bold=True)
    out.text(out.row, 6, "按支出性质分：", to=_WIDTH, bold=True)
    out.row += 1
    for index in range(max(len(table.income_split), len(table.spending_split))):
        if index < len(table.income_split):
            income = table.income_split[index]
            out.text(out.row, 2, income.label or income.kind.value, to=4)
            out.amount(out.row, 5, income.amount)
        if index < len(table.spending_split):
            spending = table.spending_split[index]
            out.text(out.row, 6, spending.label or spending.kind.value, to=8)
            out.amount(out.row, 9, spending.amount)
        out.row += 1


def _goal(out: SheetWriter, goal: AnnualGoal) -> None:
    out.text(out.row, 1, "年度总体目标", bold=True, center=True)
    out.merge(out.row, 1, out.row + 1, 1)
    out.text(out.row, 2, "预期目标", to=5, bold=True, center=True)
    out.text(out.row, 6, "实际完成情况", to=_WIDTH, bold=True, center=True)
    out.row += 1
    out.text(out.row, 2, goal.expected, to=5)
    out.text(out.row, 6, goal.achieved, to=_WIDTH)
    out.row += 1


def _indicators(out: SheetWriter, tree: IndicatorTree) -> None:
    start = out.row
    out.text(out.row, 1, "绩效指标", bold=True, center=True)
    keys = ("level1", "level2", "name", "target", "actual", "weight", "score", "note")
    for column, key in enumerate(keys, start=2):
        out.text(out.row, column, INDICATOR_HEADER[key][0], bold=True, center=True)
    out.row += 1
    for group in tree.groups:
        first_of_group = out.row
        weight = (
            "" if group.stated_weight is None else f"\n（{format(group.stated_weight, 'f')}分）"
        )
        out.text(out.row, 2, group.category.value + weight, center=True)
        if not group.groups:
            out.row += 1
        for level2 in group.groups:
            first_of_level2 = out.row
            out.text(out.row, 3, level2.category.value, center=True)
            if not level2.indicators:
                out.row += 1
            for indicator in level2.indicators:
                out.text(out.row, 4, indicator.name)
                out.text(out.row, 5, indicator.target)
                out.text(out.row, 6, indicator.actual)
                out.points(out.row, 7, indicator.weight)
                out.points(out.row, 8, indicator.score)
                out.text(out.row, 9, indicator.deviation_note)
                out.row += 1
            out.merge(first_of_level2, 3, out.row - 1, 3)
        out.merge(first_of_group, 2, out.row - 1, 2)
    out.merge(start, 1, out.row - 1, 1)
    out.text(out.row, 1, "总分", to=6, bold=True, center=True)
    out.points(out.row, 7, tree.stated_total_weight)
    out.points(out.row, 8, tree.stated_total_score)
    out.text(out.row, 9, "")
    out.row += 1
