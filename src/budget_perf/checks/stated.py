"""Stated-vs-recomputed rules (BP2xx): every stated rate and score is recomputed.

A stated figure is compared with the recomputed one at its own printed precision
(:func:`~budget_perf.checks._walk.compare_stated`, rules.md's opening): the recomputed figure is
rounded half-up to the stated figure's decimals.  A stated figure that differs from it is an
error ("9" for 9.91, "100%" for 98.49%).  One that agrees only at its precision is fine ("99%"
for 99.10%), except where it claims full execution or full marks the figure at two decimals falls
short of ("100%" for 99.52%, "10" for 9.95): a warning, since the framework scores that
shortfall.  For a control rate the shortfall is above 100% ("100%" for 100.4%).

- BP201 执行率 = 全年执行数 / 全年预算数 (年初预算数 where the table's ``rate_basis`` says so);
  BP202 执行率得分 = 分值 × min(执行率, 1);
- BP203 在职人员控制率 = 实际在职人数 / 编制数;
- BP204 each functional share (in :mod:`budget_perf.checks.shares`);
- BP205–BP207, BP210 weights, scores and totals (in :mod:`budget_perf.checks.totals`);
- BP208 the stated grade = the grade of the department table's total, by the profile's bands;
- BP209 building area and investment control rates (规模控制率, 投资概算控制率);
- BP211 三级 scores against the scoring rule (in :mod:`budget_perf.checks.indicator_scores`).
"""

from collections.abc import Iterator
from decimal import Decimal

from budget_perf._decimal import HUNDRED, ZERO
from budget_perf.checks._walk import (
    Agreement,
    Comparison,
    basis_of,
    compare_percent,
    compare_stated,
    evaluation_tables,
)
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily
from budget_perf.rates import Ratio, control_rate

__all__ = ["RULES"]


def _claims(comparison: Comparison, claim_zh: str, claim_en: str) -> tuple[str, str]:
    """What a message adds for a figure that agrees at its precision but claims full marks, or
    that prints the full mark for a figure above it."""
    if comparison.agreement is Agreement.CAPPED:
        return "（表中按满额封顶列示）", " (the table caps it at the full mark)"
    if comparison.agreement is not Agreement.CLAIMS_FULL:
        return "", ""
    return (
        f"（按表中精度相符，但{claim_zh}，掩盖了差额）",
        f" (it agrees at its printed precision, but {claim_en})",
    )


def _percent_finding(
    rule: Rule,
    *,
    path: str,
    stated: Decimal | None,
    ratio: Ratio,
    formula: str,
    formula_en: str,
    inputs: list[tuple[str, Decimal | int | None]],
    what_zh: str,
    what_en: str,
    scored_above: bool = False,
    capped: bool = False,
) -> Iterator[Finding]:
    if stated is None:
        return
    comparison = compare_percent(
        ratio, stated, full=HUNDRED, scored_above=scored_above, capped=capped
    )
    if comparison is None:
        yield rule.finding(
            path=path,
            stated=stated,
            expected=None,
            formula=formula,
            inputs=inputs,
            message_zh=f"{what_zh}表中为{stated}%，但分母为零，该比率不适用",
            message_en=f"{what_en} is stated as {stated}%, but its denominator is zero: "
            "the rate is not applicable",
        )
        return
    if comparison.severity is None:
        return
    exact = comparison.exact
    if scored_above:
        claim = (f"{stated}%显示为未超出", f"{stated}% hides a figure above 100%")
    else:
        claim = (f"{stated}%显示为足额执行", f"{stated}% claims full execution")
    claims_zh, claims_en = _claims(comparison, *claim)
    yield rule.finding(
        path=path,
        stated=stated,
        expected=comparison.expected,
        formula=formula,
        inputs=inputs,
        severity=comparison.severity,
        message_zh=f"{what_zh}表中为{stated}%，按{formula}计算应为{exact}%{claims_zh}",
        message_en=f"{what_en} is stated as {stated}%; {formula_en} gives {exact}%{claims_en}",
    )


def _execution_rate(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table in evaluation_tables(context.evaluation):
        funding = table.funding
        figures = table.executed_and_budget()
        if figures is None or funding is None:
            continue
        ratio = funding.execution_rate()  # on the table's rate basis
        if ratio is None:
            continue
        (executed, budget), (column, formula, formula_en) = figures, basis_of(funding)
        base = f"{table.path}.funding.total"
        yield from _percent_finding(
            rule,
            path=f"{table.path}.funding.stated_execution_rate",
            stated=funding.stated_execution_rate,
            ratio=ratio,
            formula=formula,
            formula_en=formula_en,
            inputs=[(f"{base}.executed", executed), (f"{base}.{column}", budget)],
            what_zh=f"「{table.name}」执行率",
            what_en=f"the execution rate of '{table.name}'",
            capped=True,  # executed above the budget, printed as 100%: the score caps it too
        )


def _execution_score(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table in evaluation_tables(context.evaluation):
        figures, funding = table.executed_and_budget(), table.funding
        if figures is None or funding is None or funding.stated_score is None:
            continue
        executed, budget = figures
        derived = funding.execution_score()  # 分值 × min(执行率, 1), on the table's rate basis
        if not isinstance(derived, Decimal) or funding.weight is None:
            continue  # no weight stated, or a zero budget: the rate does not apply
        comparison = compare_stated(derived, funding.stated_score, full=funding.weight)
        if comparison.severity is None:
            continue
        base = f"{table.path}.funding"
        column, formula, _formula_en = basis_of(funding)
        claims_zh, claims_en = _claims(
            comparison,
            f"{funding.stated_score}分显示为满分",
            f"{funding.stated_score} claims full marks",
        )
        yield rule.finding(
            path=f"{base}.stated_score",
            stated=funding.stated_score,
            expected=comparison.expected,
            formula=f"分值 × min({formula}, 1)",
            inputs=[
                (f"{base}.weight", funding.weight),
                (f"{base}.total.executed", executed),
                (f"{base}.total.{column}", budget),
            ],
            severity=comparison.severity,
            message_zh=f"「{table.name}」执行率得分表中为{funding.stated_score}，"
            f"按分值×执行率应为{comparison.exact}{claims_zh}",
            message_en=f"the execution score of '{table.name}' is stated as "
            f"{funding.stated_score}; weight × rate gives {comparison.exact}{claims_en}",
        )


def _staff_control_rate(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    data = context.evaluation.basic_data
    if data is None or data.staffing is None:
        return
    staffing = data.staffing
    ratio = staffing.control_rate()
    if ratio is None:
        return  # a headcount is blank
    yield from _percent_finding(
        rule,
        path="$.basic_data.staffing.stated_control_rate",
        stated=staffing.stated_control_rate,
        ratio=ratio,
        formula="实际在职人数 / 编制数",
        formula_en="staff in post / authorised headcount",
        inputs=[
            ("$.basic_data.staffing.in_post", staffing.in_post),
            ("$.basic_data.staffing.authorised", staffing.authorised),
        ],
        what_zh="在职人员控制率",
        what_en="the staff control rate",
        scored_above=True,
    )


def _grade(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    evaluation = context.evaluation
    table = evaluation.department_table
    if evaluation.stated_grade is None or table is None or table.indicators is None:
        return
    total = table.indicators.stated_total_score
    if total is None or not ZERO <= total <= 100:
        return
    expected = context.profile.grade_for(total)
    if expected is evaluation.stated_grade:
        return
    yield rule.finding(
        path="$.stated_grade",
        stated=evaluation.stated_grade.value,
        expected=expected.value,
        formula=f"评价等级({context.profile.key})",
        inputs=[("$.department_table.indicators.stated_total_score", total)],
        message_zh=f"报告自评等级为「{evaluation.stated_grade.value}」，总分{total}应为「{expected.value}」",
        message_en=f"the report states the grade {evaluation.stated_grade.english}; a total of "
        f"{total} is {expected.english}",
    )


def _buildings(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    data = context.evaluation.basic_data
    if data is None or not data.buildings:
        return
    for index, row in enumerate(data.buildings):
        path = f"$.basic_data.buildings[{index}]"
        pairs = (
            (
                "stated_area_control_rate",
                "actual_area",
                "approved_area",
                "规模控制率",
                "area control rate",
            ),
            (
                "stated_investment_control_rate",
                "actual_investment",
                "budgeted_investment",
                "投资概算控制率",
                "investment control rate",
            ),
        )
        for stated_attr, actual_attr, limit_attr, zh, en in pairs:
            actual, limit = getattr(row, actual_attr), getattr(row, limit_attr)
            if actual is None or limit is None:
                continue
            yield from _percent_finding(
                rule,
                path=f"{path}.{stated_attr}",
                stated=getattr(row, stated_attr),
                ratio=control_rate(actual, limit),
                formula=f"{actual_attr} / {limit_attr}",
                formula_en=f"{actual_attr} / {limit_attr}",
                inputs=[(f"{path}.{actual_attr}", actual), (f"{path}.{limit_attr}", limit)],
                what_zh=zh,
                what_en=f"the {en}",
                scored_above=True,
            )


_FAMILY = RuleFamily(name="stated", severity=Severity.ERROR)

RULES = (
    _FAMILY.rule(
        "BP201",
        "执行率与执行数/预算数相符",
        "The stated execution rate is executed / budget",
        "A rate printed as 100% for a project that left money unspent overstates it: an error "
        "where it differs at its printed precision (98.49%), a warning where it agrees but hides "
        "a shortfall (99.52%).",
        _execution_rate,
    ),
    _FAMILY.rule(
        "BP202",
        "执行率得分与分值×执行率相符",
        "The execution score is weight × min(rate, 1)",
        "财预〔2020〕10号 scores budget execution in proportion to the rate; compared at the "
        "printed precision, so full marks '10' for 9.95 is a warning, '9' for 9.91 an error.",
        _execution_score,
    ),
    _FAMILY.rule(
        "BP203",
        "在职人员控制率与在职/编制相符",
        "The staff control rate is in post / authorised",
        "The control rate is scored (Hunan: −0.5 per point above 100%); compared at its "
        "printed precision, '100%' hiding a rate above 100% is a warning.",
        _staff_control_rate,
    ),
    _FAMILY.rule(
        "BP208",
        "自评等级与总分相符",
        "The stated grade is the grade of the total score",
        "Grades are bands of the total (优 ≥ 90 in the national rule).",
        _grade,
    ),
    _FAMILY.rule(
        "BP209",
        "楼堂馆所控制率与实际/批复相符",
        "Building control rates are actual / approved",
        "Area and investment control rates are scored by the Hunan template; compared at "
        "their printed precision like every stated rate.",
        _buildings,
    ),
)
