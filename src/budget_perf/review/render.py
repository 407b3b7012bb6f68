"""The filled review sheet as text, HTML, Markdown (Chinese or English) and JSON.

Every row shows the item, its points, its score (or what it waits for) and why: the evidence
and the reviewer's reason.  Text from a report (a unit's or an indicator's name) is escaped
for each medium by :mod:`budget_perf._safety`.

>>> from budget_perf.examples import load
>>> filled = fill_sheet(load("yueyang-npc-2022"))
>>> print(render_text(filled, "en").splitlines()[0])
Review sheet of a department's self-evaluation work — 岳阳市人大常委会
>>> print(render_text(filled, "en").splitlines()[8].split())  # doctest: +ELLIPSIS
['The', 'self-evaluation', 'report', 'Completeness', '[attachments]', '7', '7', 'suggested', ...]
"""

import json
from decimal import Decimal
from typing import Any

from budget_perf._safety import escape_html, escape_markdown
from budget_perf._texttable import one_line, table
from budget_perf.checks.render import _json_visible  # one JSON escaping for all output
from budget_perf.formatting import Language
from budget_perf.review.filled import FilledItem, FilledSheet, ItemStatus, fill_sheet

__all__ = ["filled_to_data", "filled_to_json", "render_html", "render_markdown", "render_text"]

_ = fill_sheet  # the doctest above uses it

_STATUS = {
    ItemStatus.SUGGESTED: ("建议分（依据证据）", "suggested from the evidence"),
    ItemStatus.TO_CONFIRM: ("建议分，待确认（酌情）", "suggested, to confirm (discretion)"),
    ItemStatus.CONFIRMED: ("评审确认", "confirmed by the reviewer"),
    ItemStatus.OVERRIDDEN: ("评审改分", "overridden by the reviewer"),
    ItemStatus.JUDGED: ("评审打分", "scored by the reviewer"),
    ItemStatus.MISSING: ("待补", "missing"),
}


def _score(filled: FilledItem) -> str:
    if filled.score is not None:
        return str(filled.score)
    suggested = filled.suggestion.score if filled.suggestion else None
    if filled.status is ItemStatus.TO_CONFIRM and suggested is not None:
        return f"({suggested})"
    return "—"


def _rows(filled: FilledSheet, language: Language) -> list[tuple[str, ...]]:
    zh = language == "zh"
    rows: list[tuple[str, ...]] = []
    for entry in filled.items:
        item = entry.item
        rows.append(
            (
                item.level1 if zh else item.level1_en,
                (item.level2 if zh else item.level2_en) + f" [{item.key}]",
                str(item.points),
                _score(entry),
                _STATUS[entry.status][0 if zh else 1],
                ("；" if zh else "; ").join(line.text(language) for line in entry.why()),
            )
        )
    return rows


def _header(language: Language) -> tuple[str, ...]:
    if language == "zh":
        return ("一级指标", "二级指标", "分值", "得分", "状态", "依据")
    return ("Level 1", "Level 2", "Points", "Score", "Status", "Why")


def _summary(filled: FilledSheet, language: Language) -> str:
    sheet = filled.sheet
    if language == "zh":
        if filled.complete:
            return f"合计：{filled.total}分（满分{sheet.total}分）"
        keys = "、".join(i.item.key for i in filled.open_items)
        return f"未完成：已得{filled.scored}分（满分{sheet.total}分），待补或待确认：{keys}"
    if filled.complete:
        return f"Total: {filled.total} of {sheet.total}"
    keys = ", ".join(i.item.key for i in filled.open_items)
    return f"Incomplete: {filled.scored} of {sheet.total} so far; open: {keys}"


def _title(filled: FilledSheet, language: Language) -> str:
    sheet = filled.sheet
    title = sheet.title if language == "zh" else sheet.title_en
    return f"{title} — {filled.unit}"


def render_text(filled: FilledSheet, language: Language = "zh") -> str:
    """The filled sheet as a plain-text table, then every item's reasons in full.

    The table's last column shows the first reason; the lines below it give them all.  Every
    cell and line is made safe for a terminal.
    """
    rows = [
        (*row[:5], entry.why()[0].text(language) if entry.why() else "")
        for row, entry in zip(_rows(filled, language), filled.items, strict=True)
    ]
    lines = [one_line(_title(filled, language)), *table(_header(language), rows), ""]
    lines.append("依据明细" if language == "zh" else "Reasons in full")
    for entry in filled.items:
        lines.append(f"[{entry.item.key}]")
        lines += [f"  - {one_line(line.text(language))}" for line in entry.why()]
    return "\n".join([*lines, "", one_line(_summary(filled, language))])


def render_markdown(filled: FilledSheet, language: Language = "zh") -> str:
    """The filled sheet as a Markdown table (cells escaped)."""
    header = _header(language)
    lines = [
        f"## {escape_markdown(_title(filled, language))}",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for row in _rows(filled, language):
        lines.append("| " + " | ".join(escape_markdown(cell) for cell in row) + " |")
    return "\n".join([*lines, "", escape_markdown(_summary(filled, language))]) + "\n"


def render_html(filled: FilledSheet, language: Language = "zh") -> str:
    """The filled sheet as an HTML table (text escaped)."""
    head = "".join(f"<th>{escape_html(cell)}</th>" for cell in _header(language))
    body = "".join(
        "<tr>" + "".join(f"<td>{escape_html(cell)}</td>" for cell in row) + "</tr>\n"
        for row in _rows(filled, language)
    )
    return (
        '<table class="review-sheet">\n'
        f"<caption>{escape_html(_title(filled, language))}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n"
        f'<tfoot><tr><td colspan="6">{escape_html(_summary(filled, language))}</td></tr></tfoot>\n'
        "</table>\n"
    )


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def filled_to_data(filled: FilledSheet) -> dict[str, Any]:
    """The filled sheet as plain JSON data (numbers as decimal strings)."""
    return {
        "sheet": filled.sheet.key,
        "title": filled.sheet.title,
        "example_sheet": filled.sheet.example,
        "unit": filled.unit,
        "complete": filled.complete,
        "total": _decimal(filled.total),
        "scored": str(filled.scored),
        "points": str(filled.sheet.total),
        "items": [
            {
                "key": entry.item.key,
                "level1": entry.item.level1,
                "level2": entry.item.level2,
                "points": str(entry.item.points),
                "criteria": entry.item.criteria,
                "evidence_required": entry.item.evidence,
                "status": entry.status.value,
                "score": _decimal(entry.score),
                "suggested": _decimal(entry.suggestion.score if entry.suggestion else None),
                "basis": entry.suggestion.basis.value if entry.suggestion else None,
                "why": [{"zh": line.zh, "en": line.en} for line in entry.why()],
                "reason": entry.reason,
            }
            for entry in filled.items
        ],
    }


def filled_to_json(filled: FilledSheet) -> str:
    """The filled sheet as JSON text (see :func:`filled_to_data`).

    A character a terminal would act on is written as a ``\\uXXXX`` escape, as for findings.
    """
    return _json_visible(json.dumps(filled_to_data(filled), ensure_ascii=False, indent=2))
