"""Arithmetic rules (BP1xx): every parent figure equals the sum of its children, column by column.

- BP101 a funds block's 年度资金总额 row equals the sum of its fund-source rows, in each of the
  three columns (年初预算数, 全年预算数, 全年执行数);
- BP102 / BP103 the department table's split by income type and by spending type each add up
  to its total (全年预算数);
- BP104 every basic-data row (三公经费, 项目支出, 公用经费 ...) equals the sum of its sub-rows in
  each of its three columns; where the sub-rows are a "其中" listing (the first one's label
  starts with 其中, as printed) a parent above their sum is a warning, since the listing may
  be partial, while a sum above the parent stays an error;
- BP105 the functional breakdown adds up to the general-budget total;
- BP106 basic + project spending equals the general-budget total;
- BP107 a narrative figure's "实际为" amount equals its amount plus the other funds it includes;
- BP108 the narrative's per-project amounts add up to its project-spending figure.

A blank cell is unknown, not zero: a set whose parts are all blank is not checked, and a total
that blank parts could make add up is a warning, not an error (see
:mod:`budget_perf.checks._sums`).

>>> from decimal import Decimal
>>> _sum([Decimal("364"), None, Decimal("30")])
Decimal('394')
"""

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from budget_perf._decimal import ZERO
from budget_perf.checks._sums import Part, judge_sum
from budget_perf.checks._walk import evaluation_tables, expense_rows, fmt
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily, RuleFunction
from budget_perf.model import ExpenseRow

__all__ = ["RULES", "is_listing"]

_COLUMNS = (
    ("initial_budget", "年初预算数", "initial budget"),
    ("full_year_budget", "全年预算数", "full-year budget"),
    ("executed", "全年执行数", "executed"),
)
_ROW_COLUMNS = (
    ("previous_final", "上年决算数", "previous year's final account"),
    ("current_budget", "本年预算数", "budget for the year"),
    ("current_final", "本年决算数", "final account for the year"),
)


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), ZERO)


def _sum_finding(
    rule: Rule,
    *,
    path: str,
    stated: Decimal | None,
    parts: Sequence[tuple[str, Decimal | None]],
    what_zh: str,
    what_en: str,
    listing: bool = False,
) -> Iterator[Finding]:
    """A finding if *stated* is not the sum of *parts* (see :mod:`budget_perf.checks._sums`).

    Parts that are all blank are not judged; a blank total beside stated parts is a warning.
    Where the parts are a "其中" listing (*listing*), a total above them is a warning: the
    listing may name only some of what the total holds.
    """
    if stated is None:
        severity = None if all(v is None for _, v in parts) else Severity.WARNING
    else:
        severity = judge_sum(stated, [Part(path=p, value=v) for p, v in parts])
    if severity is None:
        return
    expected = _sum(value for _, value in parts)
    blank_zh, blank_en = _blank_note(parts, severity)
    if listing and stated is not None and stated > expected:
        severity = Severity.WARNING
        blank_zh += "（“其中”所列分项可能不全）"
        blank_en += " (the 其中 listing may leave a sub-row out)"
    yield rule.finding(
        path=path,
        stated=stated,
        expected=expected,
        formula=" + ".join(p for p, _ in parts) or "0",
        inputs=parts,
        severity=severity,
        message_zh=f"{what_zh}为{fmt(stated)}，各分项合计为{expected}{blank_zh}",
        message_en=f"{what_en} is stated as {fmt(stated)}, its parts add up to {expected}"
        f"{blank_en}",
    )


def _blank_note(parts: Sequence[tuple[str, Decimal | None]], severity: Severity) -> tuple[str, str]:
    """What a message adds when blank parts leave the sum open (a warning)."""
    blanks = sum(1 for _, value in parts if value is None)
    if not blanks or severity is not Severity.WARNING:
        return "", ""
    return (
        f"（另有{blanks}项为空，须由空项补足差额）",
        f" ({blanks} blank part(s) would have to hold the difference)",
    )


def _funds_total(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table in evaluation_tables(context.evaluation):
        funding = table.funding
        if funding is None or funding.total is None or not funding.sources:
            continue
        for column, zh, en in _COLUMNS:
            if not funding.total.is_shown(column) or any(
                not source.is_shown(column) for source in funding.sources
            ):
                continue  # a cell the copy does not show: the sum is not known
            yield from _sum_finding(
                rule,
                path=f"{table.path}.funding.total.{column}",
                stated=getattr(funding.total, column),
                parts=[
                    (f"{table.path}.funding.sources[{i}].{column}", getattr(source, column))
                    for i, source in enumerate(funding.sources)
                ],
                what_zh=f"「{table.name}」年度资金总额的{zh}",
                what_en=f"the {en} of the total funds of '{table.name}'",
            )


def _department_split(kind: str) -> RuleFunction:
    attribute = f"{kind}_split"
    zh, en = (
        ("按收入性质分", "income-type") if kind == "income" else ("按支出性质分", "spending-type")
    )

    def check(context: CheckContext, rule: Rule) -> Iterator[Finding]:
        table = context.evaluation.department_table
        if table is None or table.funding is None or table.funding.total is None:
            return
        lines = getattr(table, attribute)
        total = table.funding.total.full_year_budget
        if not lines or total is None:
            return
        path = "$.department_table"
        parts = [(f"{path}.{attribute}[{i}].amount", line.amount) for i, line in enumerate(lines)]
        severity = judge_sum(total, [Part(path=p, value=v) for p, v in parts])
        if severity is None:
            return
        expected = _sum(value for _, value in parts)
        blank_zh, blank_en = _blank_note(parts, severity)
        yield rule.finding(
            path=f"{path}.{attribute}",
            stated=expected,
            expected=total,
            formula=f"Σ {attribute} = funding.total.full_year_budget",
            inputs=[(f"{path}.funding.total.full_year_budget", total), *parts],
            severity=severity,
            message_zh=f"部门整体支出表{zh}各项合计{expected}，与全年预算数{total}不符{blank_zh}",
            message_en=f"the department table's {en} split adds up to {expected}, "
            f"not to its full-year budget of {total}{blank_en}",
        )

    return check


def _expense_rows(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    data = context.evaluation.basic_data
    if data is None:
        return
    for part in ("three_public", "project_spending", "operating_funds"):
        top = getattr(data, part)
        if top is None:
            continue
        for path, row in expense_rows(top, f"$.basic_data.{part}"):
            if not row.children:
                continue
            for column, zh, en in _ROW_COLUMNS:
                yield from _sum_finding(
                    rule,
                    path=f"{path}.{column}",
                    stated=getattr(row, column),
                    parts=[
                        (f"{path}.children[{i}].{column}", getattr(child, column))
                        for i, child in enumerate(row.children)
                    ],
                    what_zh=f"基础数据表「{row.label}」的{zh}",
                    what_en=f"the {en} of basic-data row '{row.label}'",
                    listing=is_listing(row),
                )


def is_listing(row: ExpenseRow) -> bool:
    """Whether *row*'s sub-rows are a "其中" listing, as printed: the first one's label says so.

    >>> is_listing(ExpenseRow(label="公用经费", children=(ExpenseRow(label="其中:办公经费"),)))
    True
    >>> is_listing(ExpenseRow(label="公用经费", children=(ExpenseRow(label="办公经费"),)))
    False
    """
    return bool(row.children) and row.children[0].label.lstrip().startswith("其中")


def _functional_breakdown(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    spending = context.evaluation.general_budget
    if spending is None or not spending.by_function:
        return
    yield from _sum_finding(
        rule,
        path="$.general_budget.total",
        stated=spending.total,
        parts=[
            (f"$.general_budget.by_function[{i}].amount", row.amount)
            for i, row in enumerate(spending.by_function)
        ],
        what_zh="一般公共预算拨款支出",
        what_en="the general-budget spending total",
    )


def _basic_plus_project(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    spending = context.evaluation.general_budget
    if spending is None or spending.basic is None or spending.project is None:
        return
    yield from _sum_finding(
        rule,
        path="$.general_budget.total",
        stated=spending.total,
        parts=[
            ("$.general_budget.basic.amount", spending.basic.amount),
            ("$.general_budget.project.amount", spending.project.amount),
        ],
        what_zh="一般公共预算拨款支出（基本支出＋项目支出）",
        what_en="the general-budget spending total (basic + project)",
    )


def _narrative_actual(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    spending = context.evaluation.general_budget
    if spending is None:
        return
    figures = [("$.general_budget.project", spending.project)]
    figures += [(f"$.general_budget.projects[{i}]", f) for i, f in enumerate(spending.projects)]
    for path, figure in figures:
        if figure is None or figure.stated_actual is None or figure.of_which_other_funds is None:
            continue
        yield from _sum_finding(
            rule,
            path=f"{path}.stated_actual",
            stated=figure.stated_actual,
            parts=[
                (f"{path}.amount", figure.amount),
                (f"{path}.of_which_other_funds", figure.of_which_other_funds),
            ],
            what_zh=f"正文「{figure.label}」的实际数",
            what_en=f"the narrative's actual figure for '{figure.label}'",
        )


def _narrative_projects(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    spending = context.evaluation.general_budget
    if spending is None or spending.project is None or not spending.projects:
        return
    yield from _sum_finding(
        rule,
        path="$.general_budget.project.amount",
        stated=spending.project.amount,
        parts=[
            (f"$.general_budget.projects[{i}].amount", figure.amount)
            for i, figure in enumerate(spending.projects)
        ],
        what_zh="正文项目支出",
        what_en="the narrative's project spending",
    )


_FAMILY = RuleFamily(name="arithmetic", severity=Severity.ERROR)

RULES = (
    _FAMILY.rule(
        "BP101",
        "年度资金总额等于各资金来源之和（三列）",
        "Total funds equal the sum of the fund sources, in each column",
        "The total row is typed in by hand; a slip there changes the execution rate and score "
        "(a warning where a blank source cell could hold the difference).",
        _funds_total,
    ),
    _FAMILY.rule(
        "BP102",
        "部门整体表按收入性质分合计等于全年预算数",
        "The department table's income-type split adds up to its total",
        "财预〔2020〕10号's department table splits the total; both parts describe the same money "
        "(a warning where a blank line could hold the difference).",
        _department_split("income"),
    ),
    _FAMILY.rule(
        "BP103",
        "部门整体表按支出性质分合计等于全年预算数",
        "The department table's spending-type split adds up to its total",
        "Basic plus project spending is the whole of the department's money (a warning where "
        "a blank line could hold the difference).",
        _department_split("spending"),
    ),
    _FAMILY.rule(
        "BP104",
        "基础数据表各行等于其分项之和（三列）",
        "Each basic-data row equals the sum of its sub-rows, in each column",
        "The 2013 framework nests 三公经费, 项目支出 and 公用经费 rows; a parent is their sum "
        "(sub-rows left all blank are not checked; a blank one makes a difference a warning, "
        "and so does a parent above a 其中 listing, which may be partial).",
        _expense_rows,
    ),
    _FAMILY.rule(
        "BP105",
        "功能分类支出合计等于一般公共预算拨款支出",
        "The functional breakdown adds up to the general-budget total",
        "The breakdown divides the total; the percentages are meaningless if it does not add up.",
        _functional_breakdown,
    ),
    _FAMILY.rule(
        "BP106",
        "基本支出＋项目支出等于一般公共预算拨款支出",
        "Basic plus project spending equals the general-budget total",
        "Every yuan of spending is either basic or project spending.",
        _basic_plus_project,
    ),
    _FAMILY.rule(
        "BP107",
        "正文实际数等于金额加其他资金",
        "A narrative 'actual' figure equals the amount plus the other funds it includes",
        "The text explains the gap between two figures; the explanation must add up.",
        _narrative_actual,
    ),
    _FAMILY.rule(
        "BP108",
        "正文各项目金额合计等于项目支出",
        "The narrative's project amounts add up to its project spending",
        "The text lists every project of the year's project spending.",
        _narrative_projects,
    ),
)
