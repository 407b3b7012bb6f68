"""Where a finding points, said with the report's own table and row names (private).

A finding's path (``$.projects[1].funding.stated_execution_rate``) is exact but long; a
reviewer reads the table and the row: ``运行维护经费 › funding.stated_execution_rate``.

>>> import budget_perf as bp
>>> report = bp.examples.load("yueyang-npc-2022")
>>> place("$.projects[1].funding.stated_execution_rate", report)
'运行维护经费 › funding.stated_execution_rate'
>>> place("$.basic_data.staffing.authorised", report, "en")
'basic data › staffing.authorised'
>>> place("$.projects[2].indicators.groups[1].groups[3].indicators[0].actual", report)
'人大监督 › 加强宗教场所的规范管理，防范境外传教 › actual'
>>> place("$.nowhere[7]", None)
'$.nowhere[7]'
"""

import re

from budget_perf.formatting import Language

__all__ = ["place", "places"]

_STEP = re.compile(r"\.([A-Za-z_]\w*)|\[(\d+)\]")
_TABLES = {
    "department_table": ("部门整体", "department table"),
    "basic_data": ("基础数据", "basic data"),
    "general_budget": ("一般公共预算", "general budget"),
    "other_budgets": ("其他预算", "other budgets"),
    "score_sheet": ("评分表", "score sheet"),
    "narrative": ("报告正文", "narrative"),
    "review_rubric": ("评审细则", "review rubric"),
}
_LABELS = ("name", "label", "item", "indicator", "title", "content")
_SEPARATOR = " › "


def _label(record: object) -> str | None:
    for attribute in _LABELS:
        value = getattr(record, attribute, None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def place(path: str, report: object, language: Language = "zh") -> str:
    """*path* in *report* as its table, its last named row and the field (the path if unknown)."""
    zh, en = places(path, report)
    return zh if language == "zh" else en


def places(path: str, report: object) -> tuple[str, str]:
    """:func:`place` in Chinese and in English, found in one walk along *path*.

    >>> import budget_perf as bp
    >>> places("$.basic_data.staffing.authorised", bp.examples.load("yueyang-npc-2022"))
    ('基础数据 › staffing.authorised', 'basic data › staffing.authorised')
    """
    if report is None or not path.startswith("$"):
        return path, path
    steps = _STEP.findall(path)
    if "".join(f".{f}" if f else f"[{i}]" for f, i in steps) != path[1:]:
        return path, path
    current: object = report
    table: tuple[str, str] | None = None
    row: str | None = None
    tail: list[str] = []
    for number, (field, index) in enumerate(steps):
        if field:
            current = getattr(current, field, None)
            if number == 0 and field in _TABLES:
                table = _TABLES[field]
            else:
                tail.append(field)
            continue
        position = int(index)
        items = current if isinstance(current, tuple) else ()
        current = items[position] if position < len(items) else None
        label = _label(current) or f"{tail[-1] if tail else ''}#{position + 1}"
        if number == 1 and steps[0][0] == "projects":
            table = (label, label)
        else:
            row = label
        tail = []
    rest = [p for p in (row, ".".join(tail)) if p]
    if table is None:
        said = _SEPARATOR.join(rest) or path
        return said, said
    return _SEPARATOR.join([table[0], *rest]), _SEPARATOR.join([table[1], *rest])
