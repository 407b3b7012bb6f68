"""Weighted-score rules: indicator scores that provincial layouts weight or scale.

- BP212 Hebei's 折算得分 = 单项指标得分 × 权重占比 (a percent: 25.00 × 25.00% = 6.25);
- BP213 Chongqing's 指标得分 = 指标权重 × 得分系数 (a percent: 2 × 100% = 2), and the
  coefficient as printed = 得分 / 权重.

A stated figure is compared with the derived one at the precision it is printed with
(rules.md's opening): a disagreement there is an error; full marks that agree only at the
printed precision claim what the coefficient does not give (a warning).  Where the score
agrees with 权重 × 系数 but the coefficient printed is not 得分 / 权重, the coefficient is named.
Indicators in a tree printed without levels (``IndicatorTree.ungrouped``) are checked like the
others; a part the copy does not show is never called wrong.
"""

from collections.abc import Iterator
from decimal import Decimal

from budget_perf._decimal import HUNDRED, decimal_places, round_half_up
from budget_perf.checks._walk import Agreement, compare_stated, evaluation_tables, indicators_at
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily
from budget_perf.model import Indicator

__all__ = ["RULES"]


def _indicators(context: CheckContext) -> Iterator[tuple[str, str, Indicator]]:
    for table in evaluation_tables(context.evaluation):
        if table.indicators is not None:
            for at in indicators_at(table.indicators, table.path):
                yield at.path, table.name, at.indicator


def _expected(exact: Decimal, stated: Decimal) -> Decimal:
    return round_half_up(exact, max(2, decimal_places(stated)))


def _weighted(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for path, table, indicator in _indicators(context):
        stated, exact = indicator.stated_weighted_score, indicator.weighted_score()
        if stated is None or exact is None:
            continue
        if compare_stated(exact, stated).agreement is Agreement.AGREES:
            continue
        shown = round_half_up(exact, 2)
        yield rule.finding(
            path=f"{path}.stated_weighted_score",
            stated=stated,
            expected=_expected(exact, stated),
            formula="单项指标得分 × 权重占比",
            inputs=[
                (f"{path}.score", indicator.score),
                (f"{path}.proportion", indicator.proportion),
            ],
            message_zh=f"「{table}」指标「{indicator.name}」折算得分表中为{stated}，"
            f"按单项得分×权重占比应为{shown}",
            message_en=f"'{table}': the weighted score of '{indicator.name}' is stated as "
            f"{stated}; score × proportion gives {shown}",
        )


def _coefficient(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for path, table, indicator in _indicators(context):
        weight, score, coefficient = indicator.weight, indicator.score, indicator.score_coefficient
        if weight is None or score is None or coefficient is None:
            continue
        inputs = [
            (f"{path}.weight", weight),
            (f"{path}.score_coefficient", coefficient),
            (f"{path}.score", score),
        ]
        exact = weight * coefficient / HUNDRED
        by_score = compare_stated(exact, score, full=weight).agreement
        ratio = None if weight == 0 else score / weight * HUNDRED
        by_ratio = (
            Agreement.AGREES if ratio is None else compare_stated(ratio, coefficient).agreement
        )
        name = indicator.name
        if by_score is Agreement.DISAGREES or (
            by_score is Agreement.CLAIMS_FULL and by_ratio is Agreement.AGREES
        ):
            full = by_score is Agreement.CLAIMS_FULL
            shown = round_half_up(exact, 2)
            yield rule.finding(
                path=f"{path}.score",
                severity=Severity.WARNING if full else Severity.ERROR,
                stated=score,
                expected=_expected(exact, score),
                formula="指标权重 × 得分系数",
                inputs=inputs,
                message_zh=f"「{table}」指标「{name}」得分表中为{score}，按权重×得分系数应为{shown}"
                + ("，表作满分" if full else ""),
                message_en=f"'{table}': the score of '{name}' is stated as {score}; "
                f"weight × coefficient gives {shown}" + (" — it claims full marks" if full else ""),
            )
        elif ratio is not None and by_ratio is Agreement.DISAGREES:
            yield rule.finding(
                path=f"{path}.score_coefficient",
                stated=coefficient,
                expected=_expected(ratio, coefficient),
                formula="得分 / 指标权重",
                inputs=inputs,
                message_zh=f"「{table}」指标「{name}」得分系数表中为{coefficient}%，"
                f"按得分÷权重应为{round_half_up(ratio, 2)}%",
                message_en=f"'{table}': the score coefficient of '{name}' is stated as "
                f"{coefficient}%; score / weight gives {round_half_up(ratio, 2)}%",
            )


_FAMILY = RuleFamily(name="stated", severity=Severity.ERROR)

RULES: tuple[Rule, ...] = (
    _FAMILY.rule(
        "BP212",
        "折算得分等于单项得分×权重占比",
        "A weighted score is the indicator's score × its proportion",
        "Hebei's table weights each indicator's score; the weighted scores make up the total.",
        _weighted,
    ),
    _FAMILY.rule(
        "BP213",
        "指标得分等于权重×得分系数",
        "An indicator's score is its weight × its score coefficient",
        "Chongqing's table scores an indicator as a share (得分系数) of its weight.",
        _coefficient,
    ),
)
