"""Stated-vs-recomputed rules (BP2xx): every stated rate, share, score and total is recomputed.

A stated figure is compared with the recomputed one rounded half-up to two decimals, or to more
if the report states more: a stated "0.6%" is 0.60%, a stated "100%" is 100.00% (so 99.52% does
not pass for it), and a stated execution score of "10" is 10.00 (so 9.85 does not either).
Weights and totals, which are sums of stated figures, are compared exactly.

- BP201 执行率 = 全年执行数 / 全年预算数;  BP202 执行率得分 = 分值 × min(执行率, 1);
- BP203 在职人员控制率 = 实际在职人数 / 编制数;
- BP204 each functional share (in :mod:`budget_perf.checks.shares`);
- BP205 a 一级 block's stated weight = Σ its 三级 weights;
- BP206 a table's 总分 weight = 分值 of the execution rate + Σ 三级 weights;
- BP207 a table's 总分 score = 执行率得分 + Σ 三级 scores;
- BP208 the stated grade = the grade of the department table's total, by the profile's bands;
- BP209 building area and investment control rates (规模控制率, 投资概算控制率).
"""

from collections.abc import Iterator
from decimal import Decimal

from budget_perf._decimal import ZERO, round_half_up
from budget_perf.checks._walk import (
    as_compared,
    evaluation_tables,
    fmt,
    indicators_at,
)
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily, RuleFunction
from budget_perf.rates import (
    NOT_APPLICABLE,
    Ratio,
    control_rate,
    execution_rate,
)

__all__ = ["RULES"]


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
) -> Iterator[Finding]:
    if stated is None:
        return
    if ratio is NOT_APPLICABLE:
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
    expected = as_compared(ratio * 100, stated)
    if expected == stated:
        return
    exact = round_half_up(ratio * 100, 2)
    yield rule.finding(
        path=path,
        stated=stated,
        expected=expected,
        formula=formula,
        inputs=inputs,
        message_zh=f"{what_zh}表中为{stated}%，按{formula}计算应为{exact}%",
        message_en=f"{what_en} is stated as {stated}%; {formula_en} gives {exact}%",
    )


def _execution_rate(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table in evaluation_tables(context.evaluation):
        figures = table.executed_and_budget()
        if figures is None or table.funding is None:
            continue
        (executed, budget), funding = figures, table.funding
        base = f"{table.path}.funding.total"
        yield from _percent_finding(
            rule,
            path=f"{table.path}.funding.stated_execution_rate",
            stated=funding.stated_execution_rate,
            ratio=execution_rate(executed, budget),
            formula="全年执行数 / 全年预算数",
            formula_en="executed / full-year budget",
            inputs=[(f"{base}.executed", executed), (f"{base}.full_year_budget", budget)],
            what_zh=f"「{table.name}」执行率",
            what_en=f"the execution rate of '{table.name}'",
        )


def _execution_score(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table in evaluation_tables(context.evaluation):
        figures, funding = table.executed_and_budget(), table.funding
        if figures is None or funding is None or funding.stated_score is None:
            continue
        executed, budget = figures
        exact = funding.execution_score()  # the model's own derivation, 分值 × min(执行率, 1)
        if not isinstance(exact, Decimal):
            continue  # no weight stated, or a zero budget: the rate does not apply
        expected = as_compared(exact, funding.stated_score)
        if expected == funding.stated_score:
            continue
        base = f"{table.path}.funding"
        yield rule.finding(
            path=f"{base}.stated_score",
            stated=funding.stated_score,
            expected=expected,
            formula="分值 × min(全年执行数 / 全年预算数, 1)",
            inputs=[
                (f"{base}.weight", funding.weight),
                (f"{base}.total.executed", executed),
                (f"{base}.total.full_year_budget", budget),
            ],
            message_zh=f"「{table.name}」执行率得分表中为{funding.stated_score}，"
            f"按分值×执行率应为{round_half_up(exact, 2)}",
            message_en=f"the execution score of '{table.name}' is stated as "
            f"{funding.stated_score}; weight × rate gives {round_half_up(exact, 2)}",
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
    )


def _level1_weights(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table in evaluation_tables(context.evaluation):
        if table.indicators is None:
            continue
        for i, group in enumerate(table.indicators.groups):
            weights = [ind.weight for ind in group.indicators()]
            if group.stated_weight is None or not weights:
                continue
            expected = sum((w for w in weights if w is not None), ZERO)
            if expected == group.stated_weight:
                continue
            path = f"{table.path}.indicators.groups[{i}]"
            yield rule.finding(
                path=f"{path}.stated_weight",
                stated=group.stated_weight,
                expected=expected,
                formula="Σ 三级指标分值",
                inputs=[
                    (a.path + ".weight", a.indicator.weight)
                    for a in indicators_at(table.indicators, table.path)
                    if a.level1 is group
                ],
                message_zh=f"「{table.name}」{group.category.value}标明{group.stated_weight}分，"
                f"其三级指标分值合计{expected}分",
                message_en=f"'{table.name}': {group.category.english} is stated as "
                f"{group.stated_weight} points, its level-3 weights add up to {expected}",
            )


def _total_row(column: str) -> RuleFunction:
    weight_column = column == "weight"

    def check(context: CheckContext, rule: Rule) -> Iterator[Finding]:
        for table in evaluation_tables(context.evaluation):
            tree = table.indicators
            if tree is None:
                continue
            stated = tree.stated_total_weight if weight_column else tree.stated_total_score
            if stated is None:
                continue
            funding = table.funding
            if funding is None:
                continue  # the 总分 row includes the execution part, which is not stated here
            execution = funding.weight if weight_column else funding.stated_score
            if execution is None:
                continue
            items = [
                (a.path + f".{column}", getattr(a.indicator, column))
                for a in indicators_at(tree, table.path)
            ]
            expected = execution + sum((v for _, v in items if v is not None), ZERO)
            if expected == stated:
                continue
            attr = "weight" if weight_column else "stated_score"
            zh, en = ("分值", "weight") if weight_column else ("得分", "score")
            yield rule.finding(
                path=f"{table.path}.indicators.stated_total_{column}",
                stated=stated,
                expected=expected,
                formula=f"执行率{zh} + Σ 三级指标{zh}",
                inputs=[(f"{table.path}.funding.{attr}", execution), *items],
                message_zh=f"「{table.name}」总分{zh}为{stated}，执行率{zh}{fmt(execution)}加三级指标{zh}合计应为{expected}",
                message_en=f"'{table.name}': the total {en} is stated as {stated}; the execution "
                f"{en} ({fmt(execution)}) plus the level-3 {en}s gives {expected}",
            )

    return check


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
            )


_FAMILY = RuleFamily(name="stated", severity=Severity.ERROR)

RULES = (
    _FAMILY.rule(
        "BP201",
        "执行率与执行数/预算数相符",
        "The stated execution rate is executed / budget",
        "A rate printed as 100% for a project that left money unspent overstates it.",
        _execution_rate,
    ),
    _FAMILY.rule(
        "BP202",
        "执行率得分与分值×执行率相符",
        "The execution score is weight × min(rate, 1)",
        "财预〔2020〕10号 scores budget execution in proportion to the rate.",
        _execution_score,
    ),
    _FAMILY.rule(
        "BP203",
        "在职人员控制率与在职/编制相符",
        "The staff control rate is in post / authorised",
        "The control rate is scored (Hunan: −0.5 per point above 100%).",
        _staff_control_rate,
    ),
    _FAMILY.rule(
        "BP205",
        "一级指标分值等于其三级指标分值之和",
        "A level-1 weight is the sum of its level-3 weights",
        "The 一级 weight printed in the table must be what its indicators carry.",
        _level1_weights,
    ),
    _FAMILY.rule(
        "BP206",
        "总分分值等于执行率分值加三级指标分值",
        "The total weight is execution weight + level-3 weights",
        "The table's weights must add up to its stated total.",
        _total_row("weight"),
    ),
    _FAMILY.rule(
        "BP207",
        "总分得分等于执行率得分加三级指标得分",
        "The total score is execution score + level-3 scores",
        "The stated total decides the grade; it must be the sum of the scores.",
        _total_row("score"),
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
        "Area and investment control rates are scored by the Hunan template.",
        _buildings,
    ),
)
