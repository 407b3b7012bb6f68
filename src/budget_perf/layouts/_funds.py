"""Reading a layout's funding, goal and income/spending split blocks (private)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs

from budget_perf.excel._values import text_of
from budget_perf.layouts._cells import Sheet
from budget_perf.layouts._columns import Columns, columns_of
from budget_perf.layouts._description import RowRule, label_key
from budget_perf.layouts._segments import Segment
from budget_perf.model.filing import AnnualGoal
from budget_perf.model.funds import (
    FundKind,
    FundSource,
    FundTotal,
    IncomeKind,
    IncomeLine,
    SpendingKind,
    SpendingLine,
    SpendingRow,
)

__all__ = ["Cut", "read_funding", "read_goal", "read_split", "weight_in"]

_WEIGHT_IN_LABEL = re.compile(r"\(\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*\)")
_TOTAL_FIELDS = ("initial_budget", "full_year_budget", "received", "executed")
_RATES = {"rate"}
_ROLE_FIELD = {"rate": "stated_execution_rate", "score": "stated_score"}


def weight_in(label: str) -> Decimal | None:
    """The 分值 a label prints ("产出指标(70分)" → 70), None if it prints none.

    >>> weight_in("预算执行情况（万元）（20分）"), weight_in("产出指标")
    (Decimal('20'), None)
    """
    match = _WEIGHT_IN_LABEL.search(label_key(label))
    return None if match is None else Decimal(match[1])


class Cut:
    """Where the grid ends inside a table: its last row, whose blank cells at the end are not
    shown (the page was cut there), or no row when the table ends whole."""

    def __init__(self, row: int | None, last_column: int) -> None:
        self.row = row
        self.last_column = last_column

    def hides(self, row: int, column: int) -> bool:
        """Whether the cell (*row*, *column*) lies beyond the cut."""
        return self.row is not None and row == self.row and column > self.last_column


def _values(
    sheet: Sheet, row: int, columns: Columns, roles: tuple[str, ...], path: str, cut: Cut
) -> tuple[dict[str, Any], list[str]]:
    """The figures of *row* in the columns of *roles*, and the fields not shown."""
    values: dict[str, Any] = {}
    hidden: list[str] = []
    for role in roles:
        field = _ROLE_FIELD.get(role, role)
        column = columns.get(role)
        if column is None:
            continue
        where = f"{path}.{field}"
        if sheet.is_hidden(where) or cut.hides(row, column):
            sheet.used.add((row, column))
            hidden.append(field)
        elif role == "scoring_method":
            values[field] = sheet.text(row, column, where)
        else:
            values[field] = sheet.figure(row, column, where, field, rate=role in _RATES)
    return values, hidden


def _rule_for(
    sheet: Sheet, segment: Segment, row: int, columns: Columns, taken: set[int]
) -> tuple[RowRule, str] | None:
    """The row rule of a body row, by its label (the first written cell outside the figure
    columns), else the first unlabelled rule not yet used."""
    figure_columns = set(columns.at.values())
    label_cell = next((c for c in sheet.grid.filled(row) if c.column not in figure_columns), None)
    label = "" if label_cell is None else text_of(label_cell)
    for index, rule in enumerate(segment.block.rows):
        if rule.labels is not None and label and rule.labels.match(label) and index not in taken:
            taken.add(index)
            if label_cell is not None:
                sheet.used.add((row, label_cell.column))
            return rule, label
    for index, rule in enumerate(segment.block.rows):
        if rule.labels is None and index not in taken:
            taken.add(index)
            return rule, label
    return None


def read_funding(sheet: Sheet, segment: Segment, path: str, cut: Cut) -> dict[str, Any]:
    """The fields of a :class:`~budget_perf.model.Funding` from its block."""
    block = segment.block
    columns = columns_of(sheet, segment)
    fields: dict[str, Any] = {"rate_basis": block.rate_basis}
    hidden: list[str] = []
    if block.weight_from_start:
        start = sheet.own(segment.start, segment.start_column)
        fields["weight"] = weight_in(text_of(start))
        if fields["weight"] is not None:
            sheet.sources[f"{path}.weight"] = sheet.grid.address(start)
    sources: list[FundSource] = []
    spending: list[SpendingRow] = []
    taken: set[int] = set()
    for row in segment.body:
        found = _rule_for(sheet, segment, row, columns, taken)
        if found is None:
            continue
        rule, label = found
        if rule.is_ == "total":
            total, total_hidden = _values(sheet, row, columns, _TOTAL_FIELDS, f"{path}.total", cut)
            fields["total"] = FundTotal(**total, not_shown=tuple(total_hidden))
            rest = ("weight", "rate", "score", "scoring_method")
            more, more_hidden = _values(sheet, row, columns, rest, path, cut)
            fields.update(more)
            hidden.extend(more_hidden)
        elif rule.is_.startswith("source:"):
            where = f"{path}.sources[{len(sources)}]"
            roles = (*_TOTAL_FIELDS, "weight", "rate", "score")
            values, shown = _values(sheet, row, columns, roles, where, cut)
            fund = FundKind[rule.is_.partition(":")[2].upper()]
            sources.append(FundSource(kind=fund, label=label, **values, not_shown=tuple(shown)))
        else:
            where = f"{path}.spending_rows[{len(spending)}]"
            spend = ("initial_budget", "full_year_budget", "executed", "weight", "rate", "score")
            values, shown = _values(sheet, row, columns, spend, where, cut)
            kind = SpendingKind[rule.is_.partition(":")[2].upper()]
            spending.append(SpendingRow(kind=kind, label=label, **values, not_shown=tuple(shown)))
    fields["sources"] = tuple(sources)
    fields["spending_rows"] = tuple(spending)
    fields["not_shown"] = tuple(hidden)
    return fields


def read_goal(sheet: Sheet, segment: Segment, path: str, cut: Cut) -> AnnualGoal:
    """The 年度总体目标 block: each text column's rows joined by line breaks."""
    columns = columns_of(sheet, segment)
    fields: dict[str, Any] = {}
    hidden: list[str] = []
    for role, field in (
        ("expected", "expected"),
        ("adjusted", "adjusted"),
        ("achieved", "achieved"),
    ):
        column = columns.get(role)
        if column is None:
            continue
        where = f"{path}.{field}"
        texts = []
        for row in segment.body:
            if sheet.is_hidden(where) or cut.hides(row, column):
                sheet.used.add((row, column))
                if field not in hidden:
                    hidden.append(field)
                continue
            text = sheet.text(row, column, where)
            if text:
                texts.append(text)
        if field not in hidden:
            fields[field] = "\n".join(texts)
    column = columns.get("completion_rate")
    if column is not None:
        where = f"{path}.stated_completion_rate"
        for row in segment.body:
            if sheet.own(row, column).blank:
                sheet.used.add((row, column))
                continue
            if "stated_completion_rate" not in fields:
                fields["stated_completion_rate"] = sheet.figure(
                    row, column, where, "rate", rate=True
                )
    return AnnualGoal(**fields, not_shown=tuple(hidden))


def read_split(sheet: Sheet, segment: Segment, path: str) -> dict[str, Any]:
    """The 按收入性质分 / 按支出性质分 columns: "label:amount" cells under each heading."""
    block = segment.block
    columns = columns_of(sheet, segment)
    fields: dict[str, Any] = {}
    enums: dict[str, Any] = {"income": IncomeKind, "spending": SpendingKind}
    makers: dict[str, Any] = {"income": IncomeLine, "spending": SpendingLine}
    for side in ("income", "spending"):
        column = columns.get(side)
        if column is None:
            continue
        head = sheet.own(segment.start, column)
        fields[f"{side}_split_total"] = _labelled(sheet, head, f"{path}.{side}_split_total")[1]
        lines: list[Any] = []
        for row in segment.body:
            cell = sheet.own(row, column)
            if cell.blank:
                continue
            sheet.used.add((row, column))
            where = f"{path}.{side}_split[{len(lines)}]"
            label, amount = _labelled(sheet, cell, f"{where}.amount")
            key = label_key(label)
            kind = next(
                (k for text, k in block.kinds.get(side, ()) if label_key(text) in key), None
            )
            if kind is None:
                raise sheet.grid.error(
                    cell, f"{label!r} names no {side} line the layout knows",
                    f"“{label}”不是版式中已知的{'收入' if side == 'income' else '支出'}项目",
                )  # fmt: skip
            lines.append(makers[side](kind=enums[side][kind.upper()], label=label, amount=amount))
        fields[f"{side}_split"] = tuple(lines)
    return fields


def _labelled(sheet: Sheet, cell: Any, path: str) -> tuple[str, Decimal | None]:
    """A "label:figure" cell ("政府性基金拨款:118.82") as its label and figure."""
    text = text_of(cell).replace("：", ":")
    sheet.used.add((cell.row, cell.column))
    label, _, figure = text.rpartition(":")
    if not figure.strip():
        return label.strip(), None
    part = attrs.evolve(cell, value=figure.strip())
    return label.strip(), sheet.figure_in(part, path, "amount")
