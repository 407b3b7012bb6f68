"""Which 正文 parts and 附件 a report holds, lacks, or does not show.

The completeness items deduct "每少一个部分" (per missing part), so a part counts as missing
only when the report is known to lack it.  A copy without the 正文 at all (a workbook of tables,
an excerpt: ``narrative`` is ``None``) does not show its parts, and a part a reader marked
``not_shown`` is not shown; neither is ever counted as missing.  In a report that holds its
正文, a part is present when it states something (the other budgets' parts: a statement, even
"我单位无政府性基金预算支出。", of that budget), and absent otherwise.  A table (附件) is present
when the report holds it; it is known to be absent only in a report that holds its 正文 and does
not mark the table ``not_shown``.

>>> from budget_perf.examples import load
>>> report = load("yueyang-npc-2022")
>>> [p.value for p in (part_state(report, "problems"), attachment_state(report, "basic_data"))]
['present', 'present']
>>> import attrs
>>> part_state(attrs.evolve(report, narrative=None), "problems")
<PartState.NOT_SHOWN: 'not shown'>
"""

import enum

from budget_perf.model import BudgetType, SelfEvaluation

__all__ = ["PartState", "attachment_state", "part_state"]


class PartState(enum.Enum):
    """Whether a part is present, known to be absent, or not shown by this copy."""

    PRESENT = "present"
    ABSENT = "absent"
    NOT_SHOWN = "not shown"


_OTHER_BUDGETS = {
    "government_fund": BudgetType.GOVERNMENT_FUND,
    "state_capital": BudgetType.STATE_CAPITAL,
    "social_insurance": BudgetType.SOCIAL_INSURANCE,
}


def _stated(text: str) -> bool:
    """Whether a section states anything; "无" (none) under its heading is a statement."""
    return bool(text.strip())


def _holds_main_text(report: SelfEvaluation) -> bool:
    return report.narrative is not None and report.is_shown("narrative")


def part_state(report: SelfEvaluation, key: str) -> PartState:
    """The state of the 正文 part *key* (one of :data:`~.sheet.REPORT_PART_KEYS`)."""
    narrative = report.narrative
    if narrative is None or not report.is_shown("narrative"):
        return PartState.NOT_SHOWN
    department = report.department
    present: bool
    if key == "basic_info":
        present = _stated(department.functions) or department.organisation is not None
    elif key == "general_budget":
        if not report.is_shown("general_budget"):
            return PartState.NOT_SHOWN
        present = report.general_budget is not None
    elif key in _OTHER_BUDGETS:
        if not report.is_shown("other_budgets"):
            return PartState.NOT_SHOWN
        present = any(o.budget_type is _OTHER_BUDGETS[key] for o in report.other_budgets)
    elif key == "performance":
        present = any(_stated(p) for p in narrative.performance)
    elif key == "problems":
        present = bool(narrative.problems)
    elif key == "improvements":
        present = any(_stated(p) for p in narrative.improvements)
    elif key == "results_use":
        present = _stated(narrative.results_use)
    elif key == "other_matters":
        present = _stated(narrative.other_matters)
    else:
        raise ValueError(f"no report part {key!r}")
    return PartState.PRESENT if present else PartState.ABSENT


def attachment_state(report: SelfEvaluation, key: str) -> PartState:
    """The state of the 附件 *key* (one of :data:`~.sheet.ATTACHMENT_KEYS`)."""
    field = {"basic_data": "basic_data", "department_table": "department_table"}.get(
        key, "projects"
    )
    if key not in ("basic_data", "department_table", "project_tables"):
        raise ValueError(f"no attachment {key!r}")
    if getattr(report, field):
        return PartState.PRESENT
    if not _holds_main_text(report) or not report.is_shown(field):
        return PartState.NOT_SHOWN
    return PartState.ABSENT
