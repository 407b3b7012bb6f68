"""Execution-row rules: rows that carry their own 分值, 执行率 and 得分, and printed split totals.

Some layouts score each row of the funds block — each fund source, or 基本支出 and 项目支出
(Guizhou's department table) — beside the 年度资金总额 row; some print the total of a split
("按收入性质分:2030.12", Hunan).  Each such figure is recomputed:

- BP109 the execution rows by spending type add up to the 年度资金总额 row, in each column
  (年初预算数, 全年预算数, 全年执行数) where a row states a figure;
- BP110 the department table's split by income type (按收入性质分) and by spending type
  (按支出性质分) add up to the total each split prints;
- BP214 each execution row's stated 执行率 = 全年执行数 / 预算数, on the budget the table
  divides by (``Funding.rate_basis``: 全年预算数 nationally, 年初预算数 where printed so);
- BP215 each execution row's stated 得分 = its 分值 × min(执行率, 1).

Rates and scores are compared at their printed precision (rules.md's opening): disagreeing there
is an error; agreeing only there while claiming full execution ("100%" for 99.52%, "10" for
9.95) is a warning, and so is a rate printed capped at 100% or one whose budget is zero.  Sums of
stated amounts are compared exactly; a blank part is unknown, not zero, so a sum it could
complete is a warning (:func:`~budget_perf.checks._sums.judge_sum`).  A part the copy does not
show is never summed or called wrong; the total row's own rate and score are BP201 / BP202.
"""

from collections.abc import Iterator
from decimal import Decimal

from budget_perf._decimal import HUNDRED, ZERO, decimal_places, round_half_up
from budget_perf.checks._sums import Part, judge_sum
from budget_perf.checks._walk import Agreement, EvaluationTable, compare_stated, evaluation_tables
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily
from budget_perf.model import ExecutionRow, Funding, RateBasis
from budget_perf.rates import NOT_APPLICABLE

__all__ = ["RULES"]

_COLUMNS = (
    ("initial_budget", "年初预算数", "initial budget"),
    ("full_year_budget", "全年预算数", "full-year budget"),
    ("executed", "全年执行数", "executed"),
)
_BASIS = {
    RateBasis.FULL_YEAR_BUDGET: (
        "full_year_budget", "全年执行数 / 全年预算数", "executed / full-year budget"
    ),
    RateBasis.INITIAL_BUDGET: (
        "initial_budget", "全年执行数 / 年初预算数", "executed / initial budget"
    ),
}  # fmt: skip


def _fundings(context: CheckContext) -> Iterator[tuple[EvaluationTable, Funding]]:
    for table in evaluation_tables(context.evaluation):
        if table.funding is not None:
            yield table, table.funding


def _rows(funding: Funding, base: str) -> Iterator[tuple[str, str, ExecutionRow]]:
    """(path, label, row) of each execution row of a funds block."""
    for field, index, row in funding.execution_rows():
        yield f"{base}.funding.{field}[{index}]", row.label or row.kind.value, row


def _judged(stated: Decimal, parts: list[tuple[str, Decimal | None]]) -> Severity | None:
    """How a stated total stands against its parts: a blank part is unknown, not zero (_sums)."""
    return judge_sum(stated, [Part(path=path, value=value) for path, value in parts])


def _spending_rows_total(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table, funding in _fundings(context):
        total = funding.total
        if not funding.spending_rows or total is None or not funding.is_shown("total"):
            continue
        base = f"{table.path}.funding"
        for column, zh, en in _COLUMNS:
            stated = getattr(total, column)
            parts = [
                (f"{base}.spending_rows[{i}].{column}", getattr(row, column))
                for i, row in enumerate(funding.spending_rows)
            ]
            hidden = not total.is_shown(column) or any(
                not row.is_shown(column) for row in funding.spending_rows
            )
            severity = None if hidden or stated is None else _judged(stated, parts)
            if severity is None or stated is None:
                continue
            expected = sum((value for _, value in parts if value is not None), ZERO)
            yield rule.finding(
                path=f"{base}.total.{column}",
                stated=stated,
                expected=expected,
                formula=" + ".join(path for path, _ in parts),
                inputs=parts,
                severity=severity,
                message_zh=f"「{table.name}」年度资金总额的{zh}为{stated}，"
                f"按支出性质各行合计为{expected}",
                message_en=f"the {en} of the total funds of '{table.name}' is stated as {stated}; "
                f"its rows by spending type add up to {expected}",
            )


def _split_totals(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    table = context.evaluation.department_table
    if table is None:
        return
    income = [line.amount for line in table.income_split]
    spending = [line.amount for line in table.spending_split]
    splits = (
        ("income", income, table.income_split_total, "按收入性质分", "income-type"),
        ("spending", spending, table.spending_split_total, "按支出性质分", "spending-type"),
    )
    for kind, amounts, stated, zh, en in splits:
        if stated is None or not table.is_shown(f"{kind}_split"):
            continue
        parts = [(f"$.department_table.{kind}_split[{i}].amount", a) for i, a in enumerate(amounts)]
        severity = _judged(stated, parts)
        if severity is None:
            continue
        expected = sum((value for _, value in parts if value is not None), ZERO)
        yield rule.finding(
            path=f"$.department_table.{kind}_split_total",
            stated=stated,
            expected=expected,
            formula=" + ".join(path for path, _ in parts),
            inputs=parts,
            severity=severity,
            message_zh=f"部门整体支出表{zh}合计表中为{stated}，各项之和为{expected}",
            message_en=f"the department table's {en} split states a total of {stated}; "
            f"its lines add up to {expected}",
        )


def _row_rates(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table, funding in _fundings(context):
        column, formula, formula_en = _BASIS[funding.rate_basis]
        for path, label, row in _rows(funding, table.path):
            stated, rate = row.stated_execution_rate, row.execution_rate(funding.rate_basis)
            if stated is None or rate is None:
                continue
            inputs = [
                (f"{path}.executed", row.executed),
                (f"{path}.{column}", getattr(row, column)),
            ]
            what_zh = f"「{table.name}」{label}行执行率"
            what_en = f"the rate of row '{label}' of '{table.name}'"
            if rate is NOT_APPLICABLE:
                yield rule.finding(
                    path=f"{path}.stated_execution_rate",
                    severity=Severity.WARNING,
                    stated=stated,
                    formula=formula,
                    inputs=inputs,
                    message_zh=f"{what_zh}表中为{stated}%，但预算数为零，该比率不适用",
                    message_en=f"{what_en} is stated as {stated}%, but its budget is zero: "
                    "the rate does not apply",
                )
                continue
            exact = rate * HUNDRED
            verdict = compare_stated(exact, stated, full=HUNDRED, capped=True).agreement
            if verdict is Agreement.AGREES:
                continue
            shown = round_half_up(exact, 2)
            yield rule.finding(
                path=f"{path}.stated_execution_rate",
                severity=Severity.ERROR if verdict is Agreement.DISAGREES else Severity.WARNING,
                stated=stated,
                expected=round_half_up(exact, max(2, decimal_places(stated))),
                formula=formula,
                inputs=inputs,
                message_zh=f"{what_zh}表中为{stated}%，按{formula}计算为{shown}%"
                + _note_zh(verdict),
                message_en=f"{what_en} is stated as {stated}%; {formula_en} gives {shown}%"
                + _note_en(verdict),
            )


def _row_scores(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table, funding in _fundings(context):
        column, formula, _ = _BASIS[funding.rate_basis]
        for path, label, row in _rows(funding, table.path):
            stated, exact = row.stated_score, row.execution_score(funding.rate_basis)
            if stated is None or not isinstance(exact, Decimal) or row.weight is None:
                continue
            verdict = compare_stated(exact, stated, full=row.weight).agreement
            if verdict is Agreement.AGREES:
                continue
            shown = round_half_up(exact, 2)
            yield rule.finding(
                path=f"{path}.stated_score",
                severity=Severity.ERROR if verdict is Agreement.DISAGREES else Severity.WARNING,
                stated=stated,
                expected=round_half_up(exact, max(2, decimal_places(stated))),
                formula=f"分值 × min({formula}, 1)",
                inputs=[
                    (f"{path}.weight", row.weight),
                    (f"{path}.executed", row.executed),
                    (f"{path}.{column}", getattr(row, column)),
                ],
                message_zh=f"「{table.name}」{label}行得分表中为{stated}，按分值×执行率应为{shown}"
                + _note_zh(verdict),
                message_en=f"the score of row '{label}' of '{table.name}' is stated as {stated}; "
                f"weight × rate gives {shown}" + _note_en(verdict),
            )


def _note_zh(verdict: Agreement) -> str:
    if verdict is Agreement.CLAIMS_FULL:
        return "，按表中精度相符，但表作满分（全额执行），掩盖了差额"
    if verdict is Agreement.CAPPED:
        return "，表中按100%封顶列示"
    return ""


def _note_en(verdict: Agreement) -> str:
    if verdict is Agreement.CLAIMS_FULL:
        return " — it agrees at the printed precision but claims full execution"
    if verdict is Agreement.CAPPED:
        return " — the table caps it at 100%"
    return ""


_ARITHMETIC = RuleFamily(name="arithmetic", severity=Severity.ERROR)
_STATED = RuleFamily(name="stated", severity=Severity.ERROR)

RULES: tuple[Rule, ...] = (
    _ARITHMETIC.rule(
        "BP109",
        "按支出性质分的执行行合计等于年度资金总额（三列）",
        "Execution rows by spending type add up to the total funds, in each column",
        "基本支出 and 项目支出 rows split the year's money; their sum is the total row "
        "(a warning where a blank row could hold the difference).",
        _spending_rows_total,
    ),
    _ARITHMETIC.rule(
        "BP110",
        "部门整体表收入、支出性质分项合计等于表中所列合计",
        "The department table's splits add up to the totals they print",
        "A printed split total (按收入性质分:2030.12) is a figure; its lines make it up "
        "(a warning where a blank line could hold the difference).",
        _split_totals,
    ),
    _STATED.rule(
        "BP214",
        "各执行行执行率与执行数/预算数相符",
        "Each execution row's rate is executed / budget, on the table's basis",
        "Rows scored on their own state rates that must follow from their amounts.",
        _row_rates,
    ),
    _STATED.rule(
        "BP215",
        "各执行行得分与分值×执行率相符",
        "Each execution row's score is its weight × min(rate, 1)",
        "Each row's score is the table's own formula (执行率×该项分值，以分值为上限).",
        _row_scores,
    ),
)
