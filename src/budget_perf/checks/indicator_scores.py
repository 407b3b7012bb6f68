"""三级 scores against the scoring rule (BP211): a reviewer's question, never an arithmetic error.

Wherever an indicator's target and actual are both figures in one unit
(:func:`~budget_perf.checks._reading.read_indicator`), rules.md §3 says what the actual earns:
分值 × min(B/A, 1) for a higher-is-better target, 分值 × min(A/B, 1) for a lower-is-better one
(B = 0 earns full marks).  The stated score is compared with it at the stated score's own
printed precision (:func:`~budget_perf.checks._walk.compare_stated`):

- above what the actual earns, or full marks the actual falls short of: overstated (a warning;
  full marks on a missed target also need a deviation note, which BP407 asks for);
- below full marks although the target was met: worth a note (info) — a target exceeded by far
  may be marked down, but that is a judgement the table should explain.

A score below what a missed target earns is the unit's own caution and is not reported.  Units
sometimes read a target differently (per period, per person), so these findings are for a
person to judge; the message says which way the target was read when the table does not say.
"""

from collections.abc import Iterator

from budget_perf._decimal import ZERO
from budget_perf.checks._reading import Reading, read_indicator
from budget_perf.checks._walk import (
    Agreement,
    IndicatorAt,
    compare_stated,
    evaluation_tables,
    indicators_at,
)
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily
from budget_perf.scoring import Direction

__all__ = ["RULES"]


def _formula(reading: Reading) -> tuple[str, str]:
    if reading.direction is Direction.HIGHER_IS_BETTER:
        zh, en = "分值 × min(完成值/指标值, 1)", "weight × min(actual / target, 1)"
    else:
        zh, en = "分值 × min(指标值/完成值, 1)", "weight × min(target / actual, 1)"
    if not reading.stated:
        side = "正向" if reading.direction is Direction.HIGHER_IS_BETTER else "反向"
        side_en = "higher" if reading.direction is Direction.HIGHER_IS_BETTER else "lower"
        zh += f"（指标值未写明方向，按{side}指标理解）"
        en += f" (the target states no direction; read as {side_en} is better)"
    return zh, en


def _indicator_scores(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table in evaluation_tables(context.evaluation):
        if table.indicators is None:
            continue
        for at in indicators_at(table.indicators, table.path):
            finding = _judge(rule, table.name, at)
            if finding is not None:
                yield finding


def _judge(rule: Rule, table: str, at: IndicatorAt) -> Finding | None:
    ind = at.indicator
    weight, score = ind.weight, ind.score
    if weight is None or score is None or weight <= ZERO or not ZERO <= score <= weight:
        return None  # blank, or outside its weight (BP403, BP405 report those)
    level1, level2 = at.categories
    reading = read_indicator(ind, level1=level1, level2=level2)
    if reading is None:
        return None
    earned = reading.earned(weight)
    if earned is None:
        return None  # a target of 0: the ratio is undefined
    comparison = compare_stated(earned, score, full=weight)
    if comparison.agreement is Agreement.AGREES:
        return None
    overstated = comparison.agreement is Agreement.CLAIMS_FULL or score > comparison.expected
    if not overstated and not reading.met:
        return None  # below what a missed target earns: the unit's caution, BP407 asks why
    formula_zh, formula_en = _formula(reading)
    unit = reading.unit
    facts_zh = f"指标值{reading.target}{unit}，完成值{reading.actual}{unit}"
    facts_en = f"target {reading.target}{unit}, actual {reading.actual}{unit}"
    if overstated:
        zh = f"得分{score}高于完成值所得{comparison.exact}分（{facts_zh}，{formula_zh}）"
        en = (
            f"the score {score} is above the {comparison.exact} the actual earns ({facts_en}; "
            f"{formula_en})"
        )
        severity = Severity.WARNING
    else:
        zh = f"指标值已达成，得分{score}低于满分{weight}，宜说明扣分理由（{facts_zh}）"
        en = (
            f"the target is met but the score {score} is below full marks {weight}; the "
            f"table should say why ({facts_en})"
        )
        severity = Severity.INFO
    return rule.finding(
        path=f"{at.path}.score",
        stated=score,
        expected=comparison.expected,
        formula=formula_zh,
        inputs=[
            (f"{at.path}.weight", weight),
            (f"{at.path}.target", ind.target),
            (f"{at.path}.actual", ind.actual),
        ],
        severity=severity,
        message_zh=f"「{table}」指标「{ind.name}」{zh}",
        message_en=f"'{table}': indicator '{ind.name}': {en}",
    )


_FAMILY = RuleFamily(name="stated", severity=Severity.WARNING)

RULES = (
    _FAMILY.rule(
        "BP211",
        "三级指标得分与评分规则相符",
        "Level-3 scores follow the scoring rule where target and actual are figures",
        "财预〔2020〕10号 scores a quantitative indicator 分值 × min(B/A, 1) (≥A) or "
        "分值 × min(A/B, 1) (≤A); units read targets differently, so a score above what the "
        "actual earns is a warning and a met target below full marks is info.",
        _indicator_scores,
    ),
)
