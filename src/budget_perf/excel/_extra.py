"""The 报告其他内容 sheet: every part of a report that the standard tables do not print.

The three standard tables (项目支出 / 部门整体支出 / 基础数据表) have no cell for the narrative,
the report's title, region and unit, a table's own unit, the provincial indicator columns, the
execution rows, the score sheet, the not-shown marks and the rest (see
:data:`~budget_perf.excel._content.HELD` for what they do print).  So that a report survives a
trip through a workbook, :func:`write_extra` writes all of it to one extra sheet, and
:func:`read_extra` puts it back onto the report the tables gave.  A workbook without the sheet
(as offices send them) reads as before: those parts are absent.

The sheet: A1 says what the sheet is; A2, A3 … hold one JSON document, cut into pieces of at
most :data:`_CHUNK` characters, each prefixed with "|" so that a piece starting with "=" is
never taken for a formula.  The document (format 2)::

    {"format": "budget_perf.workbook-extra/2",
     "patches": [{"at": "$.projects[0].indicators.groups[0].groups[0].indicators[1]",
                  "set": {"nature": "≧", "measure_unit": "人次"}},
                 {"at": "$.projects[0]", "set": {"amount_unit": "元"}},
                 {"at": "$", "set": {"region": {"province": "云南省", "city": "", "county": ""},
                                     "narrative": {…}}}]}

Each patch names a record by its JSON path in the report (``$`` is the report, then its fields
and list positions as in the checker's paths) and sets some of its fields, in the library's JSON
(:mod:`budget_perf.serialization`: Decimals as strings, enums by their Chinese values, records
as objects).  The writer sets exactly what the tables do not give back: usually fields the
tables have no cell for; a list whose rows the tables cannot show one by one (a row holding
nothing but provincial columns) is set whole.  Patches apply in order, deeper parts first;
then the whole report is decoded once and checked as any JSON report is
(:func:`~budget_perf.serialization.from_data`).

Format 1 — a bare object with the report's ``title``, ``department``, ``general_budget``,
``other_budgets``, ``narrative``, ``stated_grade``, ``attachments`` and ``review_rubric``, as
budget_perf wrote it before — is still read.  Refused, naming the sheet (and the cell where one
is at fault): a cell not written by budget_perf, text that is not JSON, JSON nested more than
:data:`~._limits.MAX_JSON_DEPTH` levels, a key twice in one object, an integer of more than
:data:`~._limits.MAX_JSON_INTEGER_DIGITS` digits (and whatever
:func:`budget_perf._jsonload.loads_strict` refuses), an unknown format, a patch naming a part the
tables do not have (a fourth project of three) or a field its record does not have, and a value
the model refuses (a unit that is not 元 or 万元).
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

import attrs

from budget_perf._jsonload import loads_strict
from budget_perf._safety import shorten
from budget_perf.errors import BudgetPerfError
from budget_perf.excel._content import table_reading, workbook_content
from budget_perf.excel._grid import Cell, Grid
from budget_perf.excel._limits import MAX_JSON_DEPTH, MAX_JSON_INTEGER_DIGITS
from budget_perf.excel._patch import PatchError, apply, diff
from budget_perf.model import (
    AmountUnit,
    BasicDataTable,
    Department,
    DepartmentTable,
    GeneralBudgetSpending,
    Grade,
    Narrative,
    OtherBudgetStatement,
    Project,
    ReviewRubric,
    SelfEvaluation,
)
from budget_perf.model._fields import optional, records, text
from budget_perf.serialization import from_data, to_data

__all__ = ["EXTRA_FORMAT", "EXTRA_SHEET", "extra_patches", "read_extra", "write_extra"]

#: The name of the sheet that holds the parts of a report outside the standard tables.
EXTRA_SHEET = "报告其他内容"
#: The format of the JSON document the sheet holds (see the module docstring).
EXTRA_FORMAT = "budget_perf.workbook-extra/2"
_NOTICE = (
    "本表由 budget_perf 写入：表格中没有位置的报告内容（报告正文、地区、金额单位、省级指标列、"
    "评分表、未显示标记等），以 JSON 保存于 A 列，请勿编辑。 Written by budget_perf: the parts "
    "of the report that the standard tables cannot hold, as JSON in column A; do not edit."
)
_CHUNK = 30000


@attrs.frozen(kw_only=True)
class _Rest:
    """Format 1: the parts of a SelfEvaluation that budget_perf 0.x wrote beside the tables."""

    title: str = text()
    department: Department = attrs.field(validator=attrs.validators.instance_of(Department))
    general_budget: GeneralBudgetSpending | None = optional(GeneralBudgetSpending)
    other_budgets: tuple[OtherBudgetStatement, ...] = records(OtherBudgetStatement)
    narrative: Narrative | None = optional(Narrative)
    stated_grade: Grade | None = optional(Grade)
    attachments: tuple[str, ...] = records(str)
    review_rubric: ReviewRubric | None = optional(ReviewRubric)


_FIELDS = tuple(field.name for field in attrs.fields(_Rest))


def extra_patches(evaluation: SelfEvaluation) -> list[dict[str, Any]]:
    """The patches that bring what the tables give back to :func:`workbook_content`.

    >>> from budget_perf.model import AmountUnit, Department, Project, Region
    >>> table = Project(name="义务教育营养改善计划", amount_unit=AmountUnit.YUAN)
    >>> report = SelfEvaluation(year=2022, department=Department(name="永德县明朗中学"),
    ...                         region=Region(county="永德县"), projects=(table,))
    >>> for patch in extra_patches(report):
    ...     print(patch)
    {'at': '$.projects[0]', 'set': {'amount_unit': '元'}}
    {'at': '$', 'set': {'region': {'province': '', 'city': '', 'county': '永德县'}}}
    """
    patches = diff(to_data(table_reading(evaluation)), to_data(workbook_content(evaluation)))
    # A table printed in 元 says so in its block label; its own unit is set explicitly (even
    # None, "the report's"), whatever a reader makes of the label.
    tables: list[tuple[str, Project | DepartmentTable | BasicDataTable | None]] = [
        ("$.basic_data", evaluation.basic_data),
        ("$.department_table", evaluation.department_table),
        *((f"$.projects[{i}]", table) for i, table in enumerate(evaluation.projects)),
    ]
    for at, table in tables:
        if table is None or evaluation.unit_of(table) is AmountUnit.WAN_YUAN:
            continue
        unit = None if table.amount_unit is None else table.amount_unit.value
        patch = next((p for p in patches if p["at"] == at), None)
        if patch is None:
            patches.insert(0, {"at": at, "set": {"amount_unit": unit}})
        else:
            patch["set"]["amount_unit"] = unit
    return patches


def write_extra(workbook: Any, evaluation: SelfEvaluation) -> None:
    """Add the 报告其他内容 sheet to *workbook*, unless the tables hold the whole report."""
    patches = extra_patches(evaluation)
    if not patches:
        return
    sheet = workbook.create_sheet(EXTRA_SHEET)
    sheet["A1"] = _NOTICE
    document = {"format": EXTRA_FORMAT, "patches": patches}
    data = json.dumps(document, ensure_ascii=False)
    for row, start in enumerate(range(0, len(data), _CHUNK), start=2):
        sheet.cell(row=row, column=1, value="|" + data[start : start + _CHUNK])


def read_extra(grid: Grid | None, evaluation: SelfEvaluation) -> SelfEvaluation:
    """*evaluation* with the parts held in the 报告其他内容 sheet, read into *grid* (if any).

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
        return _restore(loads_strict(data), evaluation)
    except json.JSONDecodeError as error:
        at = _chunk_at(grid, chunks, error.pos)
        raise grid.error(
            at, f"its content is not JSON ({error.msg})", f"内容不是有效的JSON（{error.msg}）"
        ) from None
    except _NotStrict as error:
        raise grid.error(
            None, f"its content is refused: {error}", f"内容被拒绝：{error.zh}"
        ) from None
    except PatchError as error:
        raise grid.error(
            None, f"its content does not fit the tables: {error}", f"内容与表格不符：{error.zh}"
        ) from None
    except BudgetPerfError as error:
        what, what_zh = shorten(str(error), 500), shorten(error.message("zh"), 500)
        raise grid.error(
            None, f"its content does not fit: {what}", f"内容与报告结构不符：{what_zh}"
        ) from None
    except (RecursionError, ValueError, TypeError, OverflowError) as error:
        what = shorten(f"{type(error).__name__}: {error}", 300)
        raise grid.error(
            None, f"its content cannot be read ({what})", f"内容无法读取（{what}）"
        ) from None


def _restore(document: Any, evaluation: SelfEvaluation) -> SelfEvaluation:
    """*evaluation* with *document* (format 1 or 2) applied."""
    if isinstance(document, dict) and "format" not in document:  # format 1
        rest = from_data(document, _Rest)
        return attrs.evolve(evaluation, **{name: getattr(rest, name) for name in _FIELDS})
    if not isinstance(document, dict) or document.get("format") != EXTRA_FORMAT:
        stated = document.get("format") if isinstance(document, dict) else None
        raise PatchError(
            f"its format is {shorten(repr(stated), 80)}, not {EXTRA_FORMAT!r} "
            "(written by a newer budget_perf?)",
            f"其格式为{shorten(repr(stated), 80)}，而非{EXTRA_FORMAT!r}"
            "（由更新版本的budget_perf写入？）",
        )
    if set(document) != {"format", "patches"} or not isinstance(document["patches"], list):
        raise PatchError(
            "it is not an object with the keys 'format' and 'patches' (a list)",
            "它不是含“format”和“patches”（列表）两个键的对象",
        )
    data = apply(to_data(evaluation), document["patches"])
    return from_data(data, SelfEvaluation)


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
