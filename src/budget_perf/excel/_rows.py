"""Recognising the rows of a table: titles, headers, 总分, sign-off lines and notes (private)."""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Mapping

from budget_perf.cells import CellStatus, parse_date
from budget_perf.excel._grid import Cell, Grid
from budget_perf.excel._layout import (
    BUILDING_HEADER,
    FUNDS_HEADER,
    GOAL_HEADER,
    INDICATOR_HEADER,
    STAFFING_HEADER,
    label_key,
    table_kind_of_title,
)
from budget_perf.excel._values import text_of
from budget_perf.model import Signature

__all__ = ["Row", "classify", "header", "read_signature", "require", "row_cells", "row_text"]

_YEAR_PREFIX = re.compile(r"^(?:\d{4}年度?|上年|本年|当年)")
_UNIT_SUFFIX = re.compile(r"\((?:人|万元|元)\)$")


class Row(enum.Enum):
    """What a row of a table is."""

    BLANK = "blank"
    TITLE = "title"
    SIGNATURE = "signature"
    NOTE = "note"
    FUNDS = "funds header"
    INDICATORS = "indicator header"
    SPLITS = "splits header"
    GOAL = "goal header"
    TOTAL = "总分"
    PROJECT_NAME = "项目名称"
    DEPARTMENT_NAME = "部门名称"
    UNITS = "主管部门"
    STAFFING = "staffing header"
    EXPENSES = "expense header"
    BUILDINGS = "building header"
    AUSTERITY = "厉行节约保障措施"
    FILER = "填报单位"
    OTHER = "other"


_LABELS: dict[int, tuple[Mapping[str, tuple[str, ...]], dict[str, str]]] = {}


def _labels(spec: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Each accepted label of *spec* (as :func:`label_key` gives it) → its key, first key wins."""
    cached = _LABELS.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    labels: dict[str, str] = {}
    for key, aliases in spec.items():
        for alias in aliases:
            labels.setdefault(label_key(alias), key)
    _LABELS[id(spec)] = (spec, labels)
    return labels


def header(grid: Grid, row: int, spec: Mapping[str, tuple[str, ...]]) -> dict[str, Cell]:
    """The cells of *row* whose labels match *spec* (key → accepted labels), first match wins."""
    wanted = _labels(spec)
    found: dict[str, Cell] = {}
    for cell in grid.filled(row):
        if not isinstance(cell.value, str):
            continue
        key = label_key(cell.value)
        for candidate in (key, _YEAR_PREFIX.sub("", key), _UNIT_SUFFIX.sub("", key)):
            match = wanted.get(candidate)
            if match is not None and match not in found:
                if key.endswith("(元)"):  # every amount of the model is in 万元
                    raise grid.error(
                        cell,
                        f"column {cell.value!r} is in 元; give amounts in 万元 (÷ 10000)",
                        f"列{cell.value!r}以元为单位；金额请以万元填列（除以10000）",
                    )
                found[match] = cell
                break
    return found


def require(
    grid: Grid,
    row: int,
    found: Mapping[str, Cell],
    spec: Mapping[str, tuple[str, ...]],
    required: tuple[str, ...],
    table: str,
) -> None:
    """Raise naming the missing header labels of a *table* header row."""
    missing = [spec[key][0] for key in required if key not in found]
    if missing:
        first = next(grid.filled(row), None)
        labels = "、".join(f"「{label}」" for label in missing)
        raise grid.error(
            first, f"the {table} header in row {row} has no {labels} column (missing header)",
            f"第{row}行的{table}表头缺少{labels}列",
        )  # fmt: skip


def row_text(grid: Grid, row: int, separator: str = "  ") -> str:
    """The texts of a row's written cells, joined."""
    return separator.join(text_of(c) for c in grid.filled(row))


def row_cells(grid: Grid, row: int) -> list[Cell]:
    """The written cells of *row*, without a leading 序号 cell or row number."""
    cells = list(grid.filled(row))
    while cells and (
        label_key(text_of(cells[0])) == "序号" or label_key(text_of(cells[0])).isdigit()
    ):
        cells.pop(0)
    return cells


def classify(grid: Grid, row: int) -> Row:
    """What *row* is, from its labels (never from its position)."""
    cells = row_cells(grid, row)
    if not cells:
        return Row.BLANK
    first = label_key(text_of(cells[0]))
    if len(cells) == 1 and table_kind_of_title(text_of(cells[0])) is not None:
        return Row.TITLE
    if first.startswith(("填表人", "填报人")):
        return Row.SIGNATURE
    if first.startswith(("填报单位", "填报部门")):
        return Row.FILER
    if len(header(grid, row, INDICATOR_HEADER)) >= 3:
        return Row.INDICATORS
    funds = header(grid, row, FUNDS_HEADER)
    if len(set(funds) & {"initial_budget", "full_year_budget", "executed", "rate"}) >= 2:
        return Row.FUNDS
    keys = [label_key(text_of(c)) for c in cells]
    if any(k.startswith(("按收入性质分", "按支出性质分")) for k in keys):
        return Row.SPLITS
    if "expected" in header(grid, row, GOAL_HEADER):
        return Row.GOAL
    if len(header(grid, row, STAFFING_HEADER)) >= 2:
        return Row.STAFFING
    if sum(("决算数" in k or "预算数" in k) for k in keys) >= 2:
        return Row.EXPENSES
    if len(header(grid, row, BUILDING_HEADER)) >= 2:
        return Row.BUILDINGS
    if first.startswith("厉行节约"):
        return Row.AUSTERITY
    if first in ("总分", "合计总分", "总得分"):
        return Row.TOTAL
    if first in ("项目支出名称", "项目名称"):
        return Row.PROJECT_NAME
    if first.endswith("部门名称") or first in ("单位名称", "预算单位名称"):
        return Row.DEPARTMENT_NAME
    if first in ("主管部门", "实施单位"):
        return Row.UNITS
    if len(cells) == 1 and first.startswith(("备注", "说明", "注:")):
        return Row.NOTE
    return Row.OTHER


_SIGNATURE = re.compile(
    r"(填表人|填报人|填报日期|填表日期|联系电话|单位负责人签字|单位负责人)\s*[：:]"
)
_FIELDS = {
    "填表人": "prepared_by",
    "填报人": "prepared_by",
    "填报日期": "date",
    "填表日期": "date",
    "联系电话": "phone",
    "单位负责人签字": "head",
    "单位负责人": "head",
}


def read_signature(grid: Grid, row: int) -> Signature:
    """The sign-off line: "填表人：…  填报日期：2023.6.9  联系电话：…  单位负责人签字：…"."""
    cells = list(grid.filled(row))
    text = "  ".join(text_of(c) for c in cells)
    parts = _SIGNATURE.split(text)
    fields = {
        _FIELDS[key]: value.strip() for key, value in zip(parts[1::2], parts[2::2], strict=True)
    }
    filed: datetime.date | None = None
    if fields.get("date"):
        parsed = parse_date(fields["date"])
        if parsed.status is CellStatus.UNPARSED:
            raise grid.error(
                cells[0],
                f"cannot read 填报日期: {parsed.reason}",
                f"无法读取填报日期：{parsed.reason}",
            )
        filed = parsed.value
    return Signature(
        prepared_by=fields.get("prepared_by", ""), date_filed=filed,
        phone=fields.get("phone", ""), head_of_unit=fields.get("head", ""),
    )  # fmt: skip
