"""Writing the basic data table in the standard layout (private).

Seven columns: A holds the row labels (经费控制情况（万元）, or （元） for a table in 元);
财政供养人员 uses B–D (编制数, 实际在职人数, 控制率);
经费控制情况 uses B–D (上年决算数, 本年预算数, 本年决算数), with a row's note merged across E:G
and a sub-row's depth written as the label cell's indent (Excel's 增加缩进量); 楼堂馆所 uses B–G.
"""

from __future__ import annotations

from budget_perf.excel._layout import BUILDING_HEADER, STAFFING_HEADER
from budget_perf.excel._sheet import SheetWriter
from budget_perf.excel._write_eval import signature_text
from budget_perf.model import AmountUnit, BasicDataTable, ExpenseRow

__all__ = ["write_basic"]

_WIDTHS = (34, 14, 16, 14, 16, 16, 16)
_WIDTH = len(_WIDTHS)


def write_basic(
    out: SheetWriter, table: BasicDataTable, year: int, title: str, unit: AmountUnit
) -> None:
    """Write *table* below ``out.row``, starting with its *title*; its amounts are in *unit*."""
    out.widths(_WIDTHS)
    out.title(title)
    if table.staffing is not None:
        out.text(out.row, 1, "财政供养人员情况（人）", bold=True)
        for column, key in enumerate(("authorised", "in_post", "rate"), start=2):
            label = STAFFING_HEADER[key][0]
            out.text(out.row, column, f"{year}年{label}" if key == "in_post" else label, bold=True)
        out.row += 1
        out.text(out.row, 1, "")
        out.count(out.row, 2, table.staffing.authorised)
        out.count(out.row, 3, table.staffing.in_post)
        out.percent(out.row, 4, table.staffing.stated_control_rate)
        out.row += 1
    rows = [
        table.three_public, table.project_spending, table.operating_funds, table.procurement,
        table.basic_budget_adjustment,
    ]  # fmt: skip
    if any(row is not None for row in rows):
        out.text(out.row, 1, f"经费控制情况（{unit.value}）", bold=True)
        headers = (f"{year - 1}年决算数", f"{year}年预算数", f"{year}年决算数")
        for column, label in enumerate(headers, start=2):
            out.text(out.row, column, label, bold=True, center=True)
        out.row += 1
        for row in rows:
            if row is not None:
                _expense(out, row, 0)
    if table.buildings is not None:
        out.text(out.row, 1, f"楼堂馆所控制情况\n（{year}年完工项目）", bold=True)
        for column, (key, labels) in enumerate(BUILDING_HEADER.items(), start=2):
            # "预算投资(万元)" names its unit; in 元 the label goes without one ("预算投资")
            money = key in ("budgeted", "actual") and unit is not AmountUnit.WAN_YUAN
            label = labels[1] if money else labels[0]
            out.text(out.row, column, label, bold=True, center=True)
        out.row += 1
        for building in table.buildings:
            out.text(out.row, 1, building.label)
            out.amount(out.row, 2, building.approved_area)
            out.amount(out.row, 3, building.actual_area)
            out.percent(out.row, 4, building.stated_area_control_rate)
            out.amount(out.row, 5, building.budgeted_investment)
            out.amount(out.row, 6, building.actual_investment)
            out.percent(out.row, 7, building.stated_investment_control_rate)
            out.row += 1
        if not table.buildings:
            out.text(out.row, 1, "")
            for column in range(2, _WIDTH + 1):
                out.text(out.row, column, "——", center=True)
            out.row += 1
    out.text(out.row, 1, "厉行节约保障措施", bold=True)
    measures = "\n".join(f"{i}.{m}" for i, m in enumerate(table.austerity_measures, start=1))
    out.text(out.row, 2, measures, to=_WIDTH)
    out.row += 1
    for note in table.notes:
        out.line(note)
    if table.signature is not None:
        out.line(signature_text(table.signature))
    out.row += 1


def _expense(out: SheetWriter, row: ExpenseRow, depth: int) -> None:
    out.text(out.row, 1, row.label, indent=depth)
    out.amount(out.row, 2, row.previous_final)
    out.amount(out.row, 3, row.current_budget)
    out.amount(out.row, 4, row.current_final)
    out.text(out.row, 5, row.note, to=_WIDTH)
    out.row += 1
    for child in row.children:
        _expense(out, child, depth + 1)
