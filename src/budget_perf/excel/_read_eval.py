"""Reading a project table (项目支出绩效自评表) or the department table (部门整体支出绩效自评表).

Sections are found by their header labels, in whatever rows and columns they sit (private):
the name rows, the funds block (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分), the
department table's splits (按收入性质分 / 按支出性质分), the annual goal (预期目标 / 实际完成情况),
the indicator table (一级指标 … 偏差原因分析及改进措施), the 总分 row, notes and the sign-off line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from budget_perf._celltext import is_blank, normalise
from budget_perf.cells import CellStatus, parse_amount
from budget_perf.excel._grid import Cell, Grid
from budget_perf.excel._layout import (
    FUND_TOTAL_LABELS,
    FUNDS_HEADER,
    FUNDS_REQUIRED,
    GOAL_HEADER,
    INDICATOR_HEADER,
    INDICATOR_REQUIRED,
    Kind,
    find_kind,
    label_key,
    level1_of,
    level2_of,
)
from budget_perf.excel._rows import (
    Row,
    classify,
    header,
    read_signature,
    require,
    row_cells,
    row_text,
)
from budget_perf.excel._values import figure_of, labelled_in_yuan, percent_of, text_of
from budget_perf.model import (
    AmountUnit,
    AnnualGoal,
    DepartmentTable,
    Funding,
    FundKind,
    FundSource,
    FundTotal,
    IncomeKind,
    IncomeLine,
    Indicator,
    IndicatorTree,
    Level1Group,
    Level2Group,
    Project,
    SpendingKind,
    SpendingLine,
)

__all__ = ["read_evaluation"]

_SECTION_ROWS = (Row.OTHER, Row.BLANK)
_PREFIX = re.compile(r"^其中\s*[:：]\s*")


@attrs.define
class _Reader:
    grid: Grid
    rows: Sequence[int]
    prefix: str
    sources: dict[str, str]
    at: int = 0

    def record(self, path: str, cell: Cell) -> None:
        self.sources[f"{self.prefix}.{path}"] = self.grid.address(cell)

    def section(self) -> list[int]:
        """The rows after the current one that belong to its section (OTHER or BLANK)."""
        taken = []
        while self.at + 1 < len(self.rows) and classify(self.grid, self.rows[self.at + 1]) in (
            _SECTION_ROWS
        ):
            self.at += 1
            taken.append(self.rows[self.at])
        return taken

    def figure(self, cell: Cell, path: str, what: str, *, negative: bool = False) -> Decimal | None:
        value, note = figure_of(self.grid, cell, what, negative=negative)
        if note:
            raise self.grid.error(
                cell, f"cannot read {what}: {note!r} is not a figure",
                f"无法读取{what}：{note!r}不是数字",
            )  # fmt: skip
        if value is not None:
            self.record(path, cell)
        return value


def read_evaluation(
    grid: Grid, rows: Sequence[int], kind: Kind, prefix: str, sources: dict[str, str]
) -> Project | DepartmentTable:
    """Read one evaluation table from *rows* of *grid*; figures' cells go into *sources*."""
    reader = _Reader(grid=grid, rows=rows, prefix=prefix, sources=sources)
    fields: dict[str, Any] = {}
    notes: list[str] = []
    total_columns: tuple[Cell, Cell] | None = None
    after_indicators = False
    while reader.at < len(rows):
        row = rows[reader.at]
        what = classify(grid, row)
        if what is Row.PROJECT_NAME or what is Row.DEPARTMENT_NAME:
            fields["name"] = _value_after_label(grid, row)
        elif what is Row.UNITS:
            fields.update(_units(grid, row))
        elif what is Row.FUNDS:
            fields["funding"] = _funding(reader, row)
            if labelled_in_yuan(grid, row):
                fields["amount_unit"] = AmountUnit.YUAN
        elif what is Row.SPLITS:
            fields["income_split"], fields["spending_split"] = _splits(reader, row)
        elif what is Row.GOAL:
            fields["goal"] = _goal(reader, row)
        elif what is Row.INDICATORS:
            found = header(grid, row, INDICATOR_HEADER)
            require(grid, row, found, INDICATOR_HEADER, INDICATOR_REQUIRED, "indicator (绩效指标)")
            fields["indicators"] = _tree(reader, found)
            total_columns = (found["weight"], found["score"])
            after_indicators = True
        elif what is Row.TOTAL:
            fields["indicators"] = _totals(reader, row, fields.get("indicators"), total_columns)
        elif what is Row.SIGNATURE:
            fields["signature"] = read_signature(grid, row)
        elif what is Row.NOTE or (what is Row.OTHER and after_indicators):
            if kind is Kind.DEPARTMENT:
                first = next(grid.filled(row))
                raise grid.error(
                    first, "the department table has no place for this text row",
                    "部门整体支出绩效自评表中没有容纳此文字行的位置",
                )  # fmt: skip
            notes.append(row_text(grid, row, " "))
        elif what not in (Row.BLANK, Row.TITLE, Row.OTHER, Row.FILER):
            raise grid.error(
                next(grid.filled(row)), f"unexpected {what.value} row in the table",
                f"表中出现了不应有的{what.value}行",
            )  # fmt: skip
        reader.at += 1
    return _build(kind, fields, notes)


def _build(kind: Kind, fields: dict[str, Any], notes: list[str]) -> Project | DepartmentTable:
    """Build the record; the values were typed by the functions that read them."""
    name = fields.pop("name", "")
    common: dict[str, Any] = {
        k: fields[k]
        for k in ("funding", "goal", "indicators", "signature", "amount_unit")
        if k in fields
    }
    if kind is Kind.DEPARTMENT:
        splits = {k: fields[k] for k in ("income_split", "spending_split") if k in fields}
        return DepartmentTable(department_name=name, **common, **splits)
    units = {k: fields[k] for k in ("supervising_department", "implementing_unit") if k in fields}
    return Project(name=name, notes=tuple(notes), **common, **units)


def _value_after_label(grid: Grid, row: int) -> str:
    cells = row_cells(grid, row)
    return text_of(cells[1]) if len(cells) > 1 else ""


def _units(grid: Grid, row: int) -> dict[str, str]:
    cells = row_cells(grid, row)
    fields = {"主管部门": "supervising_department", "实施单位": "implementing_unit"}
    found: dict[str, str] = {}
    for index, cell in enumerate(cells):
        key = label_key(text_of(cell))
        if key in fields:
            following = cells[index + 1] if index + 1 < len(cells) else None
            is_label = following is not None and label_key(text_of(following)) in fields
            found[fields[key]] = "" if following is None or is_label else text_of(following)
    return found


def _funding(reader: _Reader, row: int) -> Funding:
    grid = reader.grid
    found = header(grid, row, FUNDS_HEADER)
    require(grid, row, found, FUNDS_HEADER, FUNDS_REQUIRED, "funds (项目资金)")
    columns = {key: cell.column for key, cell in found.items()}
    amounts = [columns[key] for key in FUNDS_REQUIRED]
    total: FundTotal | None = None
    extra: dict[str, Decimal | None] = {}
    sources: list[FundSource] = []
    for r in reader.section():
        labels = [
            c
            for c in grid.row(r)[: min(amounts) - 1]
            if isinstance(c.value, str)
            and not c.blank
            and c.value != grid.cell(row, c.column).value
        ]
        figures = [grid.own(r, column) for column in amounts]
        if not labels:
            if all(c.blank for c in grid.filled(r, origin_only=False)):
                continue
            raise grid.error(
                next(grid.filled(r), None), "a funds row without a label", "资金行缺少名称"
            )
        label = labels[-1]
        is_total = any(label_key(t) in label_key(text_of(label)) for t in FUND_TOTAL_LABELS)
        path = "total" if is_total else f"sources[{len(sources)}]"
        values: dict[str, Any] = {}
        notes: list[str] = []
        for key, cell in zip(FUNDS_REQUIRED, figures, strict=True):
            value, note = figure_of(grid, cell, FUNDS_HEADER[key][0])
            values[key] = value
            if note:
                notes.append(note)
            elif value is not None:
                reader.record(f"funding.{path}.{key}", cell)
        owned = ("weight", "rate", "score") if is_total else ()
        for cell in grid.filled(r):
            if cell.column <= max(amounts) or any(columns.get(k) == cell.column for k in owned):
                continue
            if isinstance(cell.value, str) and not is_blank(normalise(cell.value)):
                notes.append(text_of(cell))
            elif not isinstance(cell.value, str):
                raise grid.error(
                    cell, "a figure where the funds row has no column for one",
                    "资金行在此处没有填数字的列",
                )  # fmt: skip
        if is_total:
            if total is not None:
                raise grid.error(
                    label, "a second 年度资金总额 row in the funds block",
                    "项目资金部分出现第二个年度资金总额行",
                )  # fmt: skip
            extra = _execution(reader, r, columns, notes)
            total = FundTotal(note="\n".join(notes), **values)
            continue
        kind = find_kind(text_of(label), "fund")
        if not isinstance(kind, FundKind):
            shown = repr(text_of(label))
            raise grid.error(
                label, f"unknown fund source {shown} in the funds block",
                f"项目资金部分中无法识别的资金来源{shown}",
            )  # fmt: skip
        sources.append(FundSource(kind=kind, label=text_of(label), note="\n".join(notes), **values))
    return Funding(
        total=total, sources=tuple(sources), weight=extra.get("weight"),
        stated_execution_rate=extra.get("rate"), stated_score=extra.get("score"),
    )  # fmt: skip


def _execution(
    reader: _Reader, row: int, columns: dict[str, int], notes: list[str]
) -> dict[str, Decimal | None]:
    grid = reader.grid
    result: dict[str, Decimal | None] = {}
    paths = {"weight": "weight", "rate": "stated_execution_rate", "score": "stated_score"}
    for key, path in paths.items():
        if key not in columns:
            continue
        cell = grid.own(row, columns[key])
        if key == "rate":
            value, note = percent_of(grid, cell, "执行率")
        else:
            value, note = figure_of(grid, cell, FUNDS_HEADER[key][0], negative=key == "score")
        if note:
            notes.append(note)
        elif value is not None:
            reader.record(f"funding.{path}", cell)
        result[key] = value
    return result


def _splits(reader: _Reader, row: int) -> tuple[tuple[IncomeLine, ...], tuple[SpendingLine, ...]]:
    grid = reader.grid
    heads = {label_key(text_of(c))[:6]: c.column for c in grid.filled(row)}
    income_at = heads.get("按收入性质分", 1)
    spending_at = heads.get("按支出性质分", grid.n_columns + 1)
    income: list[IncomeLine] = []
    spending: list[SpendingLine] = []
    for r in reader.section():
        cells = list(grid.filled(r))
        for start, stop, lines, table in (
            (income_at, spending_at, income, "income"),
            (spending_at, grid.n_columns + 1, spending, "spending"),
        ):
            region = [c for c in cells if start <= c.column < stop]
            path = f"{table}_split"
            for label, amount_cell, amount in _lines(grid, region):
                kind = find_kind(label, table)
                if kind is None:
                    raise grid.error(
                        region[0], f"unknown {table} line {label!r}",
                        f"无法识别的{'收入' if table == 'income' else '支出'}项{label!r}",
                    )  # fmt: skip
                if amount_cell is not None and amount is not None:
                    reader.record(f"{path}[{len(lines)}].amount", amount_cell)
                if isinstance(kind, IncomeKind):
                    income.append(IncomeLine(kind=kind, amount=amount, label=label))
                elif isinstance(kind, SpendingKind):
                    spending.append(SpendingLine(kind=kind, amount=amount, label=label))
    return tuple(income), tuple(spending)


def _lines(grid: Grid, cells: list[Cell]) -> list[tuple[str, Cell | None, Decimal | None]]:
    """Split-table lines: "label：amount" in one cell, or a label cell then an amount cell."""
    lines: list[tuple[str, Cell | None, Decimal | None]] = []
    index = 0
    while index < len(cells):
        cell = cells[index]
        index += 1
        if not isinstance(cell.value, str):
            raise grid.error(
                cell, "an amount without a label in the split", "收支构成中有金额缺少名称"
            )
        text = normalise(cell.value)
        label, colon, rest = text.rpartition(":")
        if colon and parse_amount(rest).status in (CellStatus.VALUE, CellStatus.BLANK):
            if rest.strip():
                value = parse_amount(rest).value
                if value is not None and value < 0:
                    raise grid.error(
                        cell, f"the amount must not be negative, got {value}",
                        f"金额不能为负数，实为{value}",
                    )  # fmt: skip
                lines.append((_PREFIX.sub("", label).strip(), cell, value))
                continue
            text = label
        amount_cell: Cell | None = None
        value = None
        if index < len(cells):
            following = cells[index]
            parsed = (
                parse_amount(following.value).status
                if isinstance(following.value, str)
                else CellStatus.VALUE
            )
            if parsed is CellStatus.VALUE:
                value, _ = figure_of(grid, following, "the amount")
                amount_cell = following
                index += 1
        lines.append((_PREFIX.sub("", text).strip(), amount_cell, value))
    return lines


def _goal(reader: _Reader, row: int) -> AnnualGoal:
    grid = reader.grid
    found = header(grid, row, GOAL_HEADER)
    expected: list[str] = []
    achieved: list[str] = []
    for r in reader.section():
        for key, parts in (("expected", expected), ("achieved", achieved)):
            if key in found:
                text = text_of(grid.in_row(r, found[key].column))
                if text:
                    parts.append(text)
    return AnnualGoal(expected="\n".join(expected), achieved="\n".join(achieved))


def _tree(reader: _Reader, found: dict[str, Cell]) -> IndicatorTree:
    grid = reader.grid
    col = {key: cell.column for key, cell in found.items()}
    level1: list[Level1Group] = []
    l1_text = l2_text = ""
    for r in reader.section():
        t1, t2 = (text_of(grid.cell(r, col[k])) for k in ("level1", "level2"))
        texts = {k: text_of(grid.in_row(r, col[k])) for k in ("name", "target", "actual")}
        note = text_of(grid.in_row(r, col["note"])) if "note" in col else ""
        weight_cell, score_cell = grid.own(r, col["weight"]), grid.own(r, col["score"])
        if not (t1 or t2 or any(texts.values()) or note) and weight_cell.blank and score_cell.blank:
            continue
        for cell in grid.filled(r):  # a figure in a column the table does not have is not lost
            if cell.column not in col.values() and isinstance(cell.value, int | float):
                raise grid.error(
                    cell, f"a figure ({cell.value}) in a column without a header",
                    f"没有表头的列中有数字（{cell.value}）",
                )  # fmt: skip
        new_group = bool(t1) and (t1 != l1_text or not level1)
        if new_group:
            category, weight = level1_of(t1)
            if category is None:
                raise grid.error(
                    grid.cell(r, col["level1"]),
                    f"unknown 一级指标 {t1!r}",
                    f"无法识别的一级指标{t1!r}",
                )
            path = f"indicators.groups[{len(level1)}].stated_weight"
            if weight is not None:
                reader.record(path, grid.cell(r, col["level1"]))
            stated = None if weight is None else Decimal(weight)
            level1.append(Level1Group(category=category, stated_weight=stated))
            l1_text, l2_text = t1, ""
        if not level1:
            raise grid.error(
                grid.cell(r, col["level1"]),
                "an indicator row without 一级指标",
                "指标行缺少一级指标",
            )
        group = level1[-1]
        if t2 and (t2 != l2_text or new_group):
            category2 = level2_of(t2)
            if category2 is None:
                raise grid.error(
                    grid.cell(r, col["level2"]),
                    f"unknown 二级指标 {t2!r}",
                    f"无法识别的二级指标{t2!r}",
                )
            group = attrs.evolve(group, groups=(*group.groups, Level2Group(category=category2)))
            l2_text = t2
        if any(texts.values()) or note or not weight_cell.blank or not score_cell.blank:
            if not group.groups:
                raise grid.error(
                    grid.cell(r, col["level2"]), "an indicator row without 二级指标",
                    "指标行缺少二级指标",
                )  # fmt: skip
            at = f"indicators.groups[{len(level1) - 1}].groups[{len(group.groups) - 1}]"
            at += f".indicators[{len(group.groups[-1].indicators)}]"
            indicator = Indicator(
                name=texts["name"], target=texts["target"], actual=texts["actual"],
                weight=reader.figure(weight_cell, f"{at}.weight", "分值"),
                score=reader.figure(score_cell, f"{at}.score", "得分", negative=True),
                deviation_note=note,
            )  # fmt: skip
            last = group.groups[-1]
            last = attrs.evolve(last, indicators=(*last.indicators, indicator))
            group = attrs.evolve(group, groups=(*group.groups[:-1], last))
        level1[-1] = group
    return IndicatorTree(groups=tuple(level1))


def _totals(
    reader: _Reader, row: int, tree: object, columns: tuple[Cell, Cell] | None
) -> IndicatorTree:
    grid = reader.grid
    if columns is None or not isinstance(tree, IndicatorTree):
        raise grid.error(
            next(grid.filled(row)), "a 总分 row without an indicator table above it",
            "总分行上方没有指标表",
        )  # fmt: skip
    wanted = {columns[0].column, columns[1].column}
    for cell in grid.filled(row):  # a figure elsewhere in the row would be silently dropped
        if cell.column not in wanted and isinstance(cell.value, int | float):
            raise grid.error(
                cell,
                f"a figure ({cell.value}) in the 总分 row outside the 分值 and 得分 columns",
                f"总分行在分值、得分列之外有数字（{cell.value}）",
            )
    weight = reader.figure(
        grid.own(row, columns[0].column), "indicators.stated_total_weight", "总分 (分值)"
    )
    score = reader.figure(
        grid.own(row, columns[1].column), "indicators.stated_total_score", "总分 (得分)",
        negative=True,
    )  # fmt: skip
    return attrs.evolve(tree, stated_total_weight=weight, stated_total_score=score)
