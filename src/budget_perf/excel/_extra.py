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

import json
import re
from itertools import accumulate
from typing import Any

import attrs

from budget_perf._safety import shorten
from budget_perf.errors import BudgetPerfError
from budget_perf.excel._grid import Cell, Grid
from budget_perf.excel._limits import MAX_JSON_DEPTH, MAX_JSON_INTEGER_DIGITS
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


def read_extra(grid: Grid | None, evaluation: SelfEvaluation) -> SelfEvaluation:
    """*evaluation* with the parts held in the 报告其他内容 sheet, read into *grid* (if any).

    The JSON is checked before it is decoded: at most :data:`~._limits.MAX_JSON_DEPTH` levels
    of nesting, no key twice in one object, no integer of more than
    :data:`~._limits.MAX_JSON_INTEGER_DIGITS` digits.

    Raises:
        WorkbookError: the sheet is there but its content is not what budget_perf wrote, is not
            JSON, or does not fit the report; naming the sheet (and the cell where known).
    """
    if grid is None:
        return evaluation
    chunks: list[tuple[int, str]] = []  # (row, text) of each chunk
    for row in range(2, grid.n_rows + 1):
        cell = grid.own(row, 1)
        if cell.value is None:
            continue
        if not isinstance(cell.value, str) or not cell.value.startswith("|"):
            raise grid.error(cell, "not the content budget_perf wrote", "不是budget_perf写入的内容")
        chunks.append((row, cell.value[1:]))
    data = "".join(text for _, text in chunks)
    try:
        _check_json(data)
        rest = from_json(data, _Rest)
    except json.JSONDecodeError as error:
        at = _chunk_at(grid, chunks, error.pos)
        raise grid.error(
            at, f"its content is not JSON ({error.msg})", f"内容不是有效的JSON（{error.msg}）"
        ) from None
    except _NotStrict as error:
        raise grid.error(
            None, f"its content is refused: {error}", f"内容被拒绝：{error.zh}"
        ) from None
    except BudgetPerfError as error:
        what = shorten(str(error), 500)
        raise grid.error(
            None, f"its content does not fit: {what}", f"内容与报告结构不符：{what}"
        ) from None
    except (RecursionError, ValueError, TypeError, OverflowError) as error:
        what = shorten(f"{type(error).__name__}: {error}", 300)
        raise grid.error(
            None, f"its content cannot be read ({what})", f"内容无法读取（{what}）"
        ) from None
    return attrs.evolve(evaluation, **{name: getattr(rest, name) for name in _FIELDS})


class _NotStrict(ValueError):
    """JSON that the strict check refuses, with the reason in Chinese as well."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh


# A string, its closing quote optional so that an unterminated one matches in one pass (a
# mandatory quote would make the search quadratic on '"\\"\\"\\"…').
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _check_json(text: str) -> None:
    """Refuse deep nesting, repeated keys and huge integers, whatever ``from_json`` does."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    depths = accumulate(1 if c in "[{" else -1 for c in brackets)
    if any(depth > MAX_JSON_DEPTH for depth in depths):
        raise _NotStrict(
            f"it nests more than {MAX_JSON_DEPTH} levels deep, the limit",
            f"JSON嵌套超过上限{MAX_JSON_DEPTH}层",
        )
    json.loads(text, object_pairs_hook=_unique_keys, parse_int=_small_int)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        twice = next(key for key in keys if keys.count(key) > 1)
        raise _NotStrict(
            f"the key {shorten(twice, 40)!r} appears twice in one object",
            f"同一对象中键「{shorten(twice, 40)}」出现两次",
        )
    return dict(pairs)


def _small_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_JSON_INTEGER_DIGITS:
        raise _NotStrict(
            f"an integer of {len(digits)} digits, more than the limit of {MAX_JSON_INTEGER_DIGITS}",
            f"整数有{len(digits)}位，超过上限{MAX_JSON_INTEGER_DIGITS}位",
        )
    return int(digits)


def _chunk_at(grid: Grid, chunks: list[tuple[int, str]], position: int) -> Cell | None:
    """The cell holding character *position* of the joined chunks."""
    for row, chunk in chunks:
        if position < len(chunk):
            return grid.own(row, 1)
        position -= len(chunk)
    return grid.own(chunks[-1][0], 1) if chunks else None
