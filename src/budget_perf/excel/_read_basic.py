"""Reading the basic data table (部门整体支出绩效评价基础数据表) (private).

Sections are found by their header labels: 财政供养人员 (编制数 / 实际在职人数 / 控制率),
经费控制情况 (上年决算数 / 本年预算数 / 本年决算数, the years written as "2021年决算数" …),
楼堂馆所 (批复规模 … 投资概算控制率) and 厉行节约保障措施, then notes (说明：…) and the sign-off.

The nesting of 经费控制情况 rows is read from the cells' indent (Excel's 增加缩进量, as
:func:`~budget_perf.excel.write_workbook` writes it) when any row has one; otherwise from the
labels as offices type them: a top-level row is one of 三公经费 / 项目支出 / 公用经费 /
政府采购金额 / 部门基本支出预算调整; a numbered row ("1、公务用车购置和维护经费") is one level
below; a row "其中：…" is below the last numbered row (or directly below the top-level row),
and a row with neither prefix stays at the level of the row above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from budget_perf._celltext import is_blank, normalise
from budget_perf.excel._grid import Cell, Grid
from budget_perf.excel._layout import BUILDING_HEADER, STAFFING_HEADER, label_key
from budget_perf.excel._rows import Row, classify, header, read_signature, require, row_text
from budget_perf.excel._values import count_of, figure_of, labelled_in_yuan, percent_of, text_of
from budget_perf.model import AmountUnit, BasicDataTable, BuildingRow, ExpenseRow, StaffingRow

__all__ = ["ANCHORS", "read_basic"]

#: The top-level rows of 经费控制情况: a keyword of the label → the BasicDataTable field.
ANCHORS = (
    ("三公", "three_public"),
    ("政府采购", "procurement"),
    ("预算调整", "basic_budget_adjustment"),
    ("公用经费", "operating_funds"),
    ("项目支出", "project_spending"),
)
#: The whole labels a top-level row may have when only its label says it is one (no indent).
_TOP_LABELS = {
    "三公经费": "three_public",
    "“三公”经费": "three_public",
    "三公经费支出": "three_public",
    "项目支出": "project_spending",
    "公用经费": "operating_funds",
    "政府采购金额": "procurement",
    "政府采购": "procurement",
    "部门基本支出预算调整": "basic_budget_adjustment",
    "基本支出预算调整": "basic_budget_adjustment",
}
#: "1、", "1.", "（1）", "(一)", "①", "一、": the numbering of a first-level sub-row.
_NUMBERED = re.compile(
    r"^\s*(?:[0-9]+\s*[、.．]|[（(]\s*[0-9一二三四五六七八九十]+\s*[)）]|[①-⑳]"
    r"|[一二三四五六七八九十]+\s*、)\s*"
)
_OF_WHICH = re.compile(r"^\s*其中\s*[:：]\s*")
_YEAR = re.compile(r"^([0-9]{4})年度?")
_EXPENSE_COLUMNS = ("previous_final", "current_budget", "current_final")


@attrs.define
class _Node:
    depth: int
    label: str
    label_cell: Cell
    values: dict[str, tuple[Decimal | None, Cell]]
    note: str
    children: list[_Node] = attrs.field(factory=list)


@attrs.define
class _Basic:
    grid: Grid
    rows: Sequence[int]
    sources: dict[str, str]
    at: int = 0

    def record(self, path: str, cell: Cell) -> None:
        self.sources[f"$.basic_data.{path}"] = self.grid.address(cell)

    def section(self) -> list[int]:
        taken = []
        while self.at + 1 < len(self.rows) and classify(self.grid, self.rows[self.at + 1]) in (
            Row.OTHER,
            Row.BLANK,
        ):
            self.at += 1
            taken.append(self.rows[self.at])
        return taken


def read_basic(grid: Grid, rows: Sequence[int], sources: dict[str, str]) -> BasicDataTable:
    """Read the basic data table from *rows* of *grid*; figures' cells go into *sources*."""
    reader = _Basic(grid=grid, rows=rows, sources=sources)
    fields: dict[str, Any] = {}
    notes: list[str] = []
    while reader.at < len(rows):
        row = rows[reader.at]
        what = classify(grid, row)
        if what is Row.STAFFING:
            fields["staffing"] = _staffing(reader, row)
        elif what is Row.EXPENSES:
            fields.update(_expenses(reader, row, fields))
            if labelled_in_yuan(grid, row):
                fields["amount_unit"] = AmountUnit.YUAN
        elif what is Row.BUILDINGS:
            fields["buildings"] = _buildings(reader, row)
        elif what is Row.AUSTERITY:
            fields["austerity_measures"] = _austerity(reader, row)
        elif what is Row.NOTE:
            notes.append(row_text(grid, row, " "))
        elif what is Row.SIGNATURE:
            fields["signature"] = read_signature(grid, row)
        elif what not in (Row.BLANK, Row.TITLE, Row.OTHER, Row.FILER):
            raise grid.error(
                next(grid.filled(row)), f"unexpected {what.value} row in the table",
                f"表中出现了不应有的{what.value}行",
            )  # fmt: skip
        reader.at += 1
    return BasicDataTable(notes=tuple(notes), **fields)


def _staffing(reader: _Basic, row: int) -> StaffingRow:
    grid = reader.grid
    found = header(grid, row, STAFFING_HEADER)
    require(grid, row, found, STAFFING_HEADER, ("authorised", "in_post"), "staffing (财政供养人员)")
    values: dict[str, Any] = {}
    for r in reader.section():
        if all(grid.own(r, c.column).blank for c in found.values()):
            continue
        if values:
            raise grid.error(
                next(grid.filled(r)), "a second row of staffing figures", "第二行人员编制数字"
            )
        for key, path in (("authorised", "authorised"), ("in_post", "in_post")):
            cell = grid.own(r, found[key].column)
            values[path] = count_of(grid, cell, STAFFING_HEADER[key][0])
            if values[path] is not None:
                reader.record(f"staffing.{path}", cell)
        if "rate" in found:
            cell = grid.own(r, found["rate"].column)
            rate, note = percent_of(grid, cell, "控制率")
            if note:
                raise grid.error(cell, f"cannot read 控制率: {note!r}", f"无法读取控制率：{note!r}")
            values["stated_control_rate"] = rate
            if rate is not None:
                reader.record("staffing.stated_control_rate", cell)
    return StaffingRow(**values)


def _expense_columns(grid: Grid, row: int) -> dict[str, Cell]:
    finals: list[tuple[int, Cell]] = []
    budget: Cell | None = None
    for cell in grid.filled(row):
        key = label_key(text_of(cell))
        year = _YEAR.match(key)
        rank = int(year.group(1)) if year else (0 if key.startswith("上年") else 9999)
        if key.endswith("决算数"):
            finals.append((rank, cell))
        elif key.endswith("预算数") and budget is None:
            budget = cell
    finals.sort(key=lambda pair: (pair[0], pair[1].column))
    missing = [
        label
        for label, present in (
            ("上年决算数", len(finals) >= 1),
            ("本年预算数", budget is not None),
            ("本年决算数", len(finals) >= 2),
        )
        if not present
    ]
    if missing or budget is None:
        labels = "、".join(f"「{m}」" for m in missing)
        raise grid.error(
            next(grid.filled(row), None),
            f"the 经费控制情况 header in row {row} has no {labels} column (missing header)",
            f"第{row}行的经费控制情况表头缺少{labels}列",
        )
    return {"previous_final": finals[0][1], "current_budget": budget, "current_final": finals[1][1]}


def _expenses(reader: _Basic, row: int, fields: dict[str, Any]) -> dict[str, ExpenseRow]:
    grid = reader.grid
    columns = {key: cell.column for key, cell in _expense_columns(grid, row).items()}
    first, last = min(columns.values()), max(columns.values())
    nodes: list[_Node] = []
    for r in reader.section():
        labels = [
            c
            for c in grid.row(r)[: first - 1]
            if c.origin and not c.blank and c.value != grid.cell(row, c.column).value
        ]
        values: dict[str, tuple[Decimal | None, Cell]] = {}
        notes: list[str] = []
        for key in _EXPENSE_COLUMNS:
            cell = grid.own(r, columns[key])
            value, note = figure_of(grid, cell, key)
            values[key] = (value, cell)
            if note:
                notes.append(note)
        for cell in grid.filled(r):
            if cell.column > last:
                if not isinstance(cell.value, str):
                    raise grid.error(
                        cell, "a figure where the row has no column for one",
                        "该行在此处没有填数字的列",
                    )  # fmt: skip
                if not is_blank(normalise(cell.value)):
                    notes.append(text_of(cell))
        if not labels and all(v is None for v, _ in values.values()) and not notes:
            continue
        label_cell = labels[0] if labels else grid.cell(r, 1)
        raw = label_cell.value if isinstance(label_cell.value, str) else text_of(label_cell)
        nodes.append(
            _Node(
                depth=label_cell.indent,
                label=raw,
                label_cell=label_cell,
                values=values,
                note="\n".join(notes),
            )
        )
    if not any(node.depth for node in nodes):
        _depth_from_labels(nodes)
    else:
        for node in nodes:
            node.label = node.label.strip()
    result: dict[str, ExpenseRow] = {}
    stack: list[_Node] = []
    tops: list[tuple[str, _Node]] = []
    for node in nodes:
        if node.depth == 0:
            field = _anchor(node.label)
            if field is None:
                raise grid.error(
                    node.label_cell, f"unknown top-level row {node.label!r}",
                    f"无法识别的一级行{node.label!r}",
                )  # fmt: skip
            if field in fields or any(f == field for f, _ in tops):
                raise grid.error(
                    node.label_cell, f"a second {node.label!r} row", f"第二个{node.label!r}行"
                )
            tops.append((field, node))
            stack = [node]
            continue
        if not stack:
            raise grid.error(
                node.label_cell, "a sub-row before any top-level row", "明细行出现在一级行之前"
            )
        del stack[min(node.depth, len(stack)) :]
        stack[-1].children.append(node)
        node.depth = len(stack)
        stack.append(node)
    for field, node in tops:
        result[field] = _build(reader, node, field)
    return result


def _anchor(label: str) -> str | None:
    key = label_key(label)
    return next((field for word, field in ANCHORS if word in key), None)


def _depth_from_labels(nodes: list[_Node]) -> None:
    numbered_depth: int | None = None
    previous = 1
    for node in nodes:
        raw = node.label
        numbered = _NUMBERED.match(raw) is not None
        of_which = _OF_WHICH.match(raw) is not None
        label = _OF_WHICH.sub("", _NUMBERED.sub("", raw)).strip().rstrip(":：").strip()
        if not numbered and not of_which and label_key(label) in _TOP_LABELS:
            node.depth, numbered_depth, previous = 0, None, 1
        elif numbered:
            node.depth = numbered_depth = previous = 1
        elif of_which:
            node.depth = previous = 2 if numbered_depth is not None else 1
        else:
            node.depth = previous
        node.label = label


def _build(reader: _Basic, node: _Node, path: str) -> ExpenseRow:
    values: dict[str, Decimal | None] = {}
    for key, (value, cell) in node.values.items():
        values[key] = value
        if value is not None:
            reader.record(f"{path}.{key}", cell)
    children = tuple(
        _build(reader, child, f"{path}.children[{index}]")
        for index, child in enumerate(node.children)
    )
    return ExpenseRow(label=node.label, children=children, note=node.note, **values)


def _buildings(reader: _Basic, row: int) -> tuple[BuildingRow, ...]:
    grid = reader.grid
    found = header(grid, row, BUILDING_HEADER)
    require(
        grid, row, found, BUILDING_HEADER, ("approved_area", "actual_area", "budgeted", "actual"),
        "buildings (楼堂馆所)",
    )  # fmt: skip
    first = min(cell.column for cell in found.values())
    paths = {
        "approved_area": "approved_area", "actual_area": "actual_area",
        "area_rate": "stated_area_control_rate", "budgeted": "budgeted_investment",
        "actual": "actual_investment", "investment_rate": "stated_investment_control_rate",
    }  # fmt: skip
    buildings: list[BuildingRow] = []
    for r in reader.section():
        labels = [
            text_of(c)
            for c in grid.row(r)[: first - 1]
            if c.origin and not c.blank and c.value != grid.cell(row, c.column).value
        ]
        at = f"buildings[{len(buildings)}]"
        values: dict[str, Decimal | None] = {}
        cells: dict[str, Cell] = {}
        for key, cell_header in found.items():
            cell = grid.own(r, cell_header.column)
            reader_fn = percent_of if key.endswith("rate") else figure_of
            value, note = reader_fn(grid, cell, BUILDING_HEADER[key][0])
            if note:
                label = BUILDING_HEADER[key][0]
                raise grid.error(
                    cell, f"cannot read {label}: {note!r}", f"无法读取{label}：{note!r}"
                )
            values[paths[key]] = value
            cells[paths[key]] = cell
        if not labels and all(v is None for v in values.values()):
            continue
        for path, value in values.items():
            if value is not None:
                reader.record(f"{at}.{path}", cells[path])
        buildings.append(BuildingRow(label=" ".join(labels), **values))
    return tuple(buildings)


def _austerity(reader: _Basic, row: int) -> tuple[str, ...]:
    grid = reader.grid
    texts = [text_of(c) for c in list(grid.filled(row))[1:]]
    for r in reader.section():
        texts.extend(text_of(c) for c in grid.filled(r))
    lines = [line.strip() for text in texts for line in text.splitlines()]
    return tuple(_NUMBERED.sub("", line, count=1).strip() for line in lines if line)
