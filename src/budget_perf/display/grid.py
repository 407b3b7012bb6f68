"""Cell, Table and Marks: the plain data every view of a table (text, HTML, Markdown) is made of,
and the labels of the tables in Chinese and English.

A cell holding a stated figure that disagrees with the derived one carries a *mark* (the
severity) and a *note* (why).  :class:`Marks` decides: with the report's findings, by the
findings that point at the figure (their path); without them — an object shown on its own —
by comparing the stated figure with the derived one at the stated precision, the rule every
check uses (:func:`budget_perf.checks._walk.compare_stated`).

>>> from decimal import Decimal
>>> Marks(None).cell("100%", [], Decimal("100"), Decimal("98.4926"), Decimal(100)).mark
<Severity.ERROR: 'error'>
>>> Marks(None).cell("100%", [], Decimal("100"), Decimal("108.2"), Decimal(100), capped=True).mark
<Severity.WARNING: 'warning'>
>>> t("budget", "en")
'budget'
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from budget_perf.checks._walk import compare_stated
from budget_perf.checks.finding import Finding, Severity
from budget_perf.formatting import Language

__all__ = ["Cell", "Marks", "Table", "t"]

_LABELS: dict[str, tuple[str, str]] = {
    "execution": ("资金执行情况", "Execution of funds"),
    "scores": ("得分情况", "Scores"),
    "table": ("表", "table"),
    "budget": ("预算数", "budget"),
    "executed": ("执行数", "executed"),
    "rate_stated": ("执行率 自评", "rate stated"),
    "rate_derived": ("执行率 复核", "rate derived"),
    "score_stated": ("得分 自评", "score stated"),
    "score_derived": ("得分 复核", "score derived"),
    "weight": ("指标分值", "ind. weight"),
    "ind_score": ("指标得分", "ind. score"),
    "total_stated": ("总分 自评", "total stated"),
    "total_derived": ("总分 复核", "total derived"),
    "department": ("部门整体", "department"),
    "indicators": ("绩效指标", "Indicators"),
    "level1": ("一级指标", "level 1"),
    "level2": ("二级指标", "level 2"),
    "indicator": ("三级指标", "indicator"),
    "target": ("指标值", "target"),
    "actual": ("完成值", "actual"),
    "points": ("分值", "weight"),
    "score": ("得分", "score"),
    "total": ("合计", "total"),
    "basic": ("基础数据表", "Basic data table"),
    "item": ("项目", "item"),
    "previous": ("上年决算", "last year"),
    "current_budget": ("本年预算", "budget"),
    "current_final": ("本年决算", "final"),
    "rate_stated_c": ("控制率 自评", "rate stated"),
    "rate": ("控制率 复核", "rate derived"),
    "staff": ("在职人员控制率", "staff control rate"),
    "stated": ("自评", "stated"),
    "derived": ("复核", "derived"),
    "shares": ("功能分类占比", "Functional shares"),
    "function": ("功能分类", "function"),
    "amount": ("金额", "amount"),
    "share_stated": ("占比 自评", "share stated"),
    "share_derived": ("占比 复核", "share derived"),
    "findings": ("检查结果", "Findings"),
    "severity": ("级别", "severity"),
    "code": ("代码", "code"),
    "where": ("位置", "where"),
    "message": ("说明", "message"),
    "grade": ("评价等级", "Grade"),
}


def t(key: str, lang: Language) -> str:
    """The label *key* in *lang*."""
    zh, en = _LABELS[key]
    return zh if lang == "zh" else en


@attrs.frozen
class Cell:
    """One cell: its text, whether it is a figure, and a mark where it disagrees."""

    text: str
    numeric: bool = False
    mark: Severity | None = None
    note: str = ""
    codes: tuple[str, ...] = ()


@attrs.frozen
class Table:
    """A titled table; *findings* are those about its figures, shown beside it."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    findings: tuple[Finding, ...] = ()


class Marks:
    """Marks disagreeing figures: by the findings at a path, or by comparing the figures."""

    def __init__(self, findings: Sequence[Finding] | None, lang: Language = "zh") -> None:
        self.findings = findings
        self.lang = lang
        self._by_path: dict[str, list[Finding]] = {}
        for finding in findings or ():
            self._by_path.setdefault(finding.path, []).append(finding)

    def under(self, prefix: str) -> tuple[Finding, ...]:
        """The findings whose figure lies in the part at *prefix* (a table's path)."""
        return tuple(
            f for f in self.findings or () if f.path == prefix or f.path.startswith(prefix + ".")
        )

    def cell(
        self,
        text: str,
        paths: Iterable[str],
        stated: Decimal | int | None = None,
        derived: object = None,
        full: Decimal | None = None,
        *,
        capped: bool = False,
    ) -> Cell:
        """A figure's cell, marked by the findings at *paths* or by *stated* vs *derived*.

        *full* and *capped* are :func:`~budget_perf.checks._walk.compare_stated`'s: *capped*
        only for an execution rate, whose score caps it at 100%, as the execution-rate check has it.
        """
        if self.findings is not None:
            found = [f for p in paths for f in self._by_path.get(p, ())]
            if not found:
                return Cell(text, numeric=True)
            note = "; ".join(f"{f.code} {f.message(self.lang)}" for f in found)
            codes = tuple(dict.fromkeys(f.code for f in found))
            return Cell(text, True, min(f.severity for f in found), note, codes)
        if isinstance(stated, Decimal) and isinstance(derived, Decimal):
            comparison = compare_stated(derived, stated, full=full, capped=capped)
            if comparison.severity is not None:
                should = "应为" if self.lang == "zh" else "should be"
                return Cell(text, True, comparison.severity, f"{should} {comparison.exact}")
        return Cell(text, numeric=True)
