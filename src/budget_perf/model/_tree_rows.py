"""An indicator tree from flat rows, as a spreadsheet holds them (private).

A self-evaluation table prints its indicators one 三级 row under another, with the 一级 and
二级 cells merged down the rows they cover.  :func:`tree_from_rows` reads such rows — each a
mapping (by column title or field name) or a tuple in the national table's column order — and
carries a blank 一级 or 二级 cell down from the row above, as a merged cell would.

A tuple row is read in the national order: 一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值,
分值, 得分, 偏差原因分析及改进措施 (shorter rows leave the rest blank).  A 一级 cell may state its
weight ("产出指标 (50分)"); a row whose 一级 cell is 总分 gives the table's stated totals.

>>> tree = tree_from_rows([
...     ("产出指标 (50分)", "数量指标", "召开常委会会议", "12次", "12次", 10, 10),
...     (None, None, "开展执法检查", "4次", "4次", 10, 9),
...     ("效益指标 (30分)", "社会效益指标", "促进依法行政", "有效", "有效", 30, 30),
...     ("总分", None, None, None, None, 100, 99),
... ])
>>> [(g.category.value, g.stated_weight, [i.name for i in g.indicators()]) for g in tree.groups]
[('产出指标', Decimal('50'), ['召开常委会会议', '开展执法检查']),
 ('效益指标', Decimal('30'), ['促进依法行政'])]
>>> tree.stated_total_score, tree.score_of_indicators()
(Decimal('99'), Decimal('49'))
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from budget_perf._safety import shorten
from budget_perf.errors import BudgetPerfError, InvalidValue
from budget_perf.model.indicators import (
    Indicator,
    IndicatorTree,
    Level1,
    Level1Group,
    Level2,
    Level2Group,
)

__all__ = ["COLUMNS", "tree_from_rows"]

#: The columns of a tuple row, in the national table's order.
COLUMNS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation_note")

#: Column titles a mapping row may use, beside the field names.
_TITLES = {
    "一级指标": "level1",
    "一级": "level1",
    "二级指标": "level2",
    "二级": "level2",
    "三级指标": "name",
    "三级": "name",
    "年度指标值": "target",
    "指标值": "target",
    "实际完成值": "actual",
    "分值": "weight",
    "得分": "score",
    "偏差原因分析及改进措施": "deviation_note",
    "偏差原因": "deviation_note",
}
_INDICATOR_FIELDS = {f.name: f for f in attrs.fields(Indicator) if f.name != "not_shown"}
_KEYS = {**{name: name for name in ("level1", "level2", *_INDICATOR_FIELDS)}, **_TITLES}
_TEXTS = frozenset(name for name, f in _INDICATOR_FIELDS.items() if f.default == "")
_TOTAL = ("总分", "合计", "总计")
_WEIGHT = re.compile(
    r"^(.*?)\s*(?:[(（]\s*([0-9]+(?:\.[0-9]+)?)\s*分?\s*[)）]|([0-9]+(?:\.[0-9]+)?)分)$"
)


def tree_from_rows(rows: Iterable[Mapping[str, Any] | Sequence[Any]], **tree: Any) -> IndicatorTree:
    """The indicator tree of *rows* (see the module docstring); *tree* adds IndicatorTree fields.

    Raises:
        InvalidValue: a row is not a mapping or a tuple, names an unknown column, has too many
            cells, an unknown 一级 or 二级 category, or a 三级 row before any 一级/二级 cell.
        InvalidAmount: a figure is not exact (a float); the message starts ``rows[3]:``.
    """
    level1: list[Level1Group] = []
    level2: list[list[Level2Group]] = []  # the level-2 groups of each level-1 group
    indicators: list[list[list[Indicator]]] = []
    l1_text: object = None
    l2_text: object = None
    for number, row in enumerate(rows):
        cells = _cells(row, number)
        t1, t2 = cells.pop("level1", None), cells.pop("level2", None)
        if isinstance(t1, str) and t1.strip() in _TOTAL:
            tree.setdefault("stated_total_weight", cells.get("weight"))
            tree.setdefault("stated_total_score", cells.get("score"))
            continue
        if not _blank(t1) and (t1 != l1_text or not level1):
            category, weight = _level1(t1, number)
            level1.append(_build(Level1Group, number, category=category, stated_weight=weight))
            level2.append([])
            indicators.append([])
            l1_text, l2_text = t1, None
        if not level1:
            raise _refused(number, "level1", "a row before any 一级指标 cell", "在任何一级指标之前")
        if not _blank(t2) and (t2 != l2_text or not level2[-1]):
            category2 = _category(Level2, t2, number, "level2")
            level2[-1].append(_build(Level2Group, number, category=category2))
            indicators[-1].append([])
            l2_text = t2
        if _blank(cells.get("name")):
            continue
        if not level2[-1]:
            raise _refused(
                number, "level2", "a 三级指标 row without 二级指标", "三级指标行缺少二级指标"
            )
        fields = {k: ("" if v is None and k in _TEXTS else v) for k, v in cells.items()}
        indicators[-1][-1].append(_build(Indicator, number, **fields))
    groups = [
        attrs.evolve(
            group,
            groups=tuple(
                attrs.evolve(sub, indicators=tuple(rows_))
                for sub, rows_ in zip(subs, inds, strict=True)
            ),
        )
        for group, subs, inds in zip(level1, level2, indicators, strict=True)
    ]
    built: IndicatorTree = _build(IndicatorTree, None, groups=groups, **tree)
    return built


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cells(row: object, number: int) -> dict[str, Any]:
    if isinstance(row, Mapping):
        cells: dict[str, Any] = {}
        for key, value in row.items():
            name = _KEYS.get(key) if isinstance(key, str) else None
            if name is None:
                known = ", ".join(COLUMNS) + " (or 一级指标, 分值 …)"
                en, zh = f"an unknown column; columns are {known}", f"未知的列；列为 {known}"
                raise _refused(number, shorten(repr(key), 40), en, zh)
            cells[name] = value
        return cells
    if isinstance(row, Sequence) and not isinstance(row, str | bytes):
        if len(row) > len(COLUMNS):
            en = f"{len(row)} cells; a row has at most {len(COLUMNS)}: {', '.join(COLUMNS)}"
            raise _refused(number, "row", en, f"有 {len(row)} 个单元格，最多 {len(COLUMNS)} 个")
        return dict(zip(COLUMNS, row, strict=False))
    raise _refused(
        number,
        "row",
        f"expected a mapping or a tuple, got {type(row).__name__}",
        f"应为映射或元组，实际为 {type(row).__name__}",
    )


def _level1(value: object, number: int) -> tuple[Level1, Decimal | None]:
    """The category of a 一级 cell and the weight it states ("产出指标 (50分)" → OUTPUT, 50)."""
    if isinstance(value, str):
        match = _WEIGHT.match(value.strip())
        if match:
            weight = match.group(2) or match.group(3)
            return _category(Level1, match.group(1), number, "level1"), Decimal(weight)
    return _category(Level1, value, number, "level1"), None


def _category(cls: Any, value: object, number: int, column: str) -> Any:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        text = value.strip()
        for member in cls:
            if text in (member.value, member.name, member.value.removesuffix("指标")):
                return member
    allowed = ", ".join(member.value for member in cls)
    shown = shorten(repr(value), 40)
    en = f"{shown} is not {cls.__name__}; expected one of {allowed}"
    return _raise(number, column, en, f"{shown} 无法识别；应为其中之一：{allowed}")


def _raise(number: int, column: str, en: str, zh: str) -> Any:
    raise _refused(number, column, en, zh)


def _refused(number: int, column: str, en: str, zh: str) -> InvalidValue:
    return InvalidValue(
        f"rows[{number}].{column}: {en}", field=column, message_zh=f"rows[{number}].{column}：{zh}"
    )


def _build(cls: Any, number: int | None, **fields: Any) -> Any:
    """``cls(**fields)``, a refusal saying which row it came from."""
    try:
        return cls(**fields)
    except BudgetPerfError as exc:
        if number is None:
            raise
        field = getattr(exc, "field", None)
        zh = exc.message("zh")
        kind: Any = type(exc)
        raised = kind(f"rows[{number}].{exc}", field=field, message_zh=f"rows[{number}].{zh}")
        raise raised from None
