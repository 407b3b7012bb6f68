"""Plausibility rules (BP5xx, warnings): figures that add up but deserve a reviewer's question.

- BP501 every 三级 indicator at full marks although the execution rate is below 100%;
- BP502 a high indicator score next to low spending: the 三级 indicators earn at least
  :data:`HIGH_SCORE` of their weight while less than :data:`LOW_EXECUTION` of the budget was spent;
- BP503 more than 20% of the full-year budget unspent (execution rate below :data:`LOW_EXECUTION`);
- BP504 a target with a measurable clause ("24-26次", "≥95%") whose actual states no figure
  ("已完成") yet scored in full: the table does not show that the target was met;
- BP505 a target that cannot be measured ("十余次", "两百多件", "n+1次"): flagged, not scored;
- BP506 a 三公经费 or 公用经费 final account above its budget (control rate over 100%);
- BP507 a procurement execution rate (政府采购执行率) below :data:`LOW_EXECUTION`.

Execution rates are on each table's basis (``Funding.rate_basis``).  A tree that is ``cut`` is
not judged as a whole (BP501, BP502): the indicators beyond the copy are not known.
"""

from collections.abc import Iterator
from decimal import Decimal

from budget_perf._decimal import ZERO
from budget_perf.cells import TargetKind
from budget_perf.checks._reading import parsed
from budget_perf.checks._walk import basis_of, evaluation_tables, filled, indicators_at, sums_known
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily
from budget_perf.rates import NOT_APPLICABLE, control_rate, execution_rate, to_percent

__all__ = ["HIGH_SCORE", "LOW_EXECUTION", "RULES"]

#: Execution below this ratio means more than 20% of the budget was left unspent.
LOW_EXECUTION = Decimal("0.8")
#: Indicator scores at or above this share of their weights count as high.
HIGH_SCORE = Decimal("0.9")
_UNMEASURABLE = (TargetKind.APPROXIMATE, TargetKind.SYMBOLIC)


def _rates(
    context: CheckContext,
) -> Iterator[tuple[str, str, Decimal, Decimal, Decimal, tuple[str, str]]]:
    """(path, name, executed, budget, rate, (budget column, formula)) of each table with a rate.

    The rate is on the table's basis (``Funding.rate_basis``: 全年预算数 or 年初预算数).
    """
    for table in evaluation_tables(context.evaluation):
        figures = table.executed_and_budget()
        if figures is None or table.funding is None:
            continue
        executed, budget = figures
        funding = table.funding
        rate = funding.execution_rate()  # on the table's rate basis
        if rate is None or rate is NOT_APPLICABLE:
            continue
        column, formula, _en = basis_of(funding)
        yield table.path, table.name, executed, budget, rate, (column, formula)


def _percent(rate: Decimal) -> Decimal:
    percent = to_percent(rate)
    return percent if isinstance(percent, Decimal) else ZERO


def _full_marks_below_full_execution(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    trees = {t.path: t.indicators for t in evaluation_tables(context.evaluation)}
    for path, name, executed, budget, rate, (column, formula) in _rates(context):
        tree = trees.get(path)
        if tree is None or not sums_known(tree) or rate >= 1:
            continue  # a cut tree: the indicators beyond the copy are not known
        rows = [i for i in tree.indicators() if filled(i)]  # template rows left empty are not rows
        if not rows or any(i.weight is None or i.score is None or i.score < i.weight for i in rows):
            continue
        yield rule.finding(
            path=f"{path}.indicators",
            stated=tree.score_of_indicators(),
            expected=tree.weight_of_indicators(),
            formula=f"{formula} < 100% 且 三级指标全部满分",
            inputs=[
                (f"{path}.funding.total.executed", executed),
                (f"{path}.funding.total.{column}", budget),
            ],
            message_zh=f"「{name}」执行率为{_percent(rate)}%，全部绩效指标却得满分",
            message_en=f"'{name}': every indicator scores full marks although the execution "
            f"rate is {_percent(rate)}%",
        )


def _high_score_low_spend(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    trees = {t.path: t.indicators for t in evaluation_tables(context.evaluation)}
    for path, name, executed, budget, rate, (column, _formula) in _rates(context):
        tree = trees.get(path)
        if tree is None or not sums_known(tree) or rate >= LOW_EXECUTION:
            continue
        weights = sum((i.weight for i in tree.indicators() if i.weight is not None), ZERO)
        scores = sum((i.score for i in tree.indicators() if i.score is not None), ZERO)
        if weights == ZERO or scores < HIGH_SCORE * weights:
            continue
        yield rule.finding(
            path=f"{path}.indicators",
            stated=scores,
            expected=weights,
            formula="Σ 三级指标得分 / Σ 三级指标分值 vs 执行率",
            inputs=[
                (f"{path}.funding.total.executed", executed),
                (f"{path}.funding.total.{column}", budget),
            ],
            message_zh=f"「{name}」执行率仅{_percent(rate)}%，绩效指标却得{scores}/{weights}分",
            message_en=f"'{name}': indicators score {scores} of {weights} although only "
            f"{_percent(rate)}% of the budget was spent",
        )


def _unspent(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for path, name, executed, budget, rate, (column, formula) in _rates(context):
        if rate >= LOW_EXECUTION:
            continue
        yield rule.finding(
            path=f"{path}.funding.total.executed",
            stated=executed,
            expected=budget,
            formula=f"{formula} < 80%",
            inputs=[(f"{path}.funding.total.{column}", budget)],
            message_zh=f"「{name}」执行率{_percent(rate)}%，超过20%的预算未支出",
            message_en=f"'{name}': execution rate {_percent(rate)}%, more than 20% of the "
            "budget unspent",
        )


def _unsupported_full_marks(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table in evaluation_tables(context.evaluation):
        if table.indicators is None:
            continue
        for at in indicators_at(table.indicators, table.path):
            ind = at.indicator
            if ind.weight is None or ind.score is None or ind.score < ind.weight:
                continue
            if not ind.is_shown("actual"):
                continue  # an actual the copy does not show is not "no figure"
            if not any(c.measurable for c in parsed(ind.target).clauses):
                continue  # the actual is read only where the target states a figure
            if any(c.numbers for c in parsed(ind.actual).clauses):
                continue
            yield rule.finding(
                path=f"{at.path}.actual",
                stated=ind.actual,
                expected=ind.target,
                formula="定量指标的实际完成值应有数值",
                message_zh=f"「{table.name}」指标「{ind.name}」目标为「{ind.target}」，"
                f"完成值「{ind.actual}」无数值却得满分",
                message_en=f"'{table.name}': indicator '{ind.name}' has a measurable target "
                f"({ind.target}), its actual ({ind.actual}) states no figure, yet full marks",
            )


def _unmeasurable_targets(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table in evaluation_tables(context.evaluation):
        if table.indicators is None:
            continue
        for at in indicators_at(table.indicators, table.path):
            target = parsed(at.indicator.target)
            vague = [c.text for c in target.clauses if c.kind in _UNMEASURABLE]
            if not vague:
                continue
            yield rule.finding(
                path=f"{at.path}.target",
                stated=at.indicator.target,
                formula="年度指标值应明确、可衡量",
                message_zh=f"「{table.name}」指标「{at.indicator.name}」的指标值不可衡量：{'；'.join(vague)}",
                message_en=f"'{table.name}': the target of '{at.indicator.name}' cannot be "
                f"measured: {'; '.join(vague)}",
            )


def _over_control(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    data = context.evaluation.basic_data
    if data is None:
        return
    rows = (("three_public", data.three_public), ("operating_funds", data.operating_funds))
    for part, row in rows:
        if row is None or row.current_final is None or row.current_budget is None:
            continue
        rate = control_rate(row.current_final, row.current_budget)
        if rate is NOT_APPLICABLE or rate <= 1:
            continue
        path = f"$.basic_data.{part}"
        unit = context.evaluation.unit_of(data).value
        yield rule.finding(
            path=f"{path}.current_final",
            stated=row.current_final,
            expected=row.current_budget,
            formula="本年决算数 / 本年预算数 ≤ 100%",
            inputs=[(f"{path}.current_budget", row.current_budget)],
            message_zh=f"{row.label}决算{row.current_final}{unit}，为预算{row.current_budget}{unit}的"
            f"{_percent(rate)}%，超出预算",
            message_en=f"{row.label}: the final account of {row.current_final} is "
            f"{_percent(rate)}% of the budget of {row.current_budget}",
        )


def _low_procurement(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    data = context.evaluation.basic_data
    row = None if data is None else data.procurement
    if data is None or row is None or row.current_final is None or row.current_budget is None:
        return
    rate = execution_rate(row.current_final, row.current_budget)
    if rate is NOT_APPLICABLE or rate >= LOW_EXECUTION:
        return
    yield rule.finding(
        path="$.basic_data.procurement.current_final",
        stated=row.current_final,
        expected=row.current_budget,
        formula="实际政府采购金额 / 政府采购预算 < 80%",
        inputs=[("$.basic_data.procurement.current_budget", row.current_budget)],
        message_zh=f"政府采购执行率{_percent(rate)}%（{row.current_final}/{row.current_budget}"
        f"{context.evaluation.unit_of(data).value}），"
        "超过20%的采购预算未执行",
        message_en=f"procurement execution rate {_percent(rate)}% ({row.current_final} of "
        f"{row.current_budget}): more than 20% of the procurement budget unspent",
    )


_FAMILY = RuleFamily(name="plausibility", severity=Severity.WARNING)

RULES = (
    _FAMILY.rule(
        "BP501",
        "执行率未达100%而绩效指标全部满分",
        "Every indicator at full marks below 100% execution",
        "Money left unspent while every target is met in full suggests targets set too low.",
        _full_marks_below_full_execution,
    ),
    _FAMILY.rule(
        "BP502",
        "低执行率配高指标得分",
        "High indicator score next to low spending",
        "Targets met in full with most of the money unspent suggest targets set too low.",
        _high_score_low_spend,
    ),
    _FAMILY.rule(
        "BP503",
        "超过20%预算未执行",
        "More than 20% of the budget unspent",
        "Large unspent balances are what budget performance management exists to find.",
        _unspent,
    ),
    _FAMILY.rule(
        "BP504",
        "定量指标完成值无数值却得满分",
        "Measurable target, no figure in the actual, full marks",
        "'已完成' does not show that '24-26次' was achieved.",
        _unsupported_full_marks,
    ),
    _FAMILY.rule(
        "BP505",
        "指标值不可衡量",
        "Target cannot be measured",
        "The Yueyang review sheet asks for targets that are 明确、具体、可衡量.",
        _unmeasurable_targets,
    ),
    _FAMILY.rule(
        "BP506",
        "三公经费、公用经费决算不超过预算",
        "三公 and operating-funds final accounts within their budgets",
        "Control rates above 100% are scored down (Yueyang: −1 per point for 三公经费).",
        _over_control,
    ),
    _FAMILY.rule(
        "BP507",
        "政府采购执行率不低于80%",
        "Procurement execution rate of at least 80%",
        "A procurement budget mostly unspent means the budget was set without a plan.",
        _low_procurement,
    ),
)
