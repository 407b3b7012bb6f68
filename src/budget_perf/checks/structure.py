"""Structure rules (BP4xx): weights, scores and required cells of the indicator tree.

- BP401 a 一级 block's stated weight (and the execution weight) follows the rule profile — a
  deviation is a warning, since 财预〔2020〕10号 allows one "如有特殊情况";
- BP402 the 三级 weights and the execution weight add up to the profile's total (100);
- BP403 no score is above its weight or below zero;
- BP404 a 二级 category sits under its own 一级 category (数量指标 under 产出指标 ...);
- BP405 every 三级 row has its weight and score (error) and its target and actual (warning);
- BP406 every 一级 block is refined into 三级 indicators;
- BP407 a score below its weight, or a quantitative target visibly missed, has a deviation note
  (偏差原因分析及改进措施).
"""

from collections.abc import Iterator
from decimal import Decimal

from budget_perf._decimal import ZERO
from budget_perf.cells import Comparator, TargetKind, parse_target
from budget_perf.checks._walk import EvaluationTable, evaluation_tables, fmt, indicators_at
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily
from budget_perf.model import Indicator, IndicatorTree, Level1, Level2
from budget_perf.profiles import BUDGET_EXECUTION

__all__ = ["RULES", "missed_target"]

_PROFILE_KEYS = {
    Level1.OUTPUT: "output",
    Level1.BENEFIT: "benefit",
    Level1.SATISFACTION: "satisfaction",
    Level1.COST: "cost",
}
_COST_LEVEL2 = frozenset(
    {Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST, Level2.COST}
)


def _trees(context: CheckContext) -> Iterator[tuple[EvaluationTable, IndicatorTree]]:
    for table in evaluation_tables(context.evaluation):
        if table.indicators is not None:
            yield table, table.indicators


def _profile_weights(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    profile = context.profile
    weights = dict(profile.level1_weights)
    for table, tree in _trees(context):
        checks: list[tuple[str, Decimal | None, str, str]] = []
        if table.funding is not None:
            checks.append(
                (
                    f"{table.path}.funding.weight",
                    table.funding.weight,
                    BUDGET_EXECUTION,
                    "预算执行率",
                )
            )
        for i, group in enumerate(tree.groups):
            key = _PROFILE_KEYS[group.category]
            checks.append(
                (
                    f"{table.path}.indicators.groups[{i}].stated_weight",
                    group.stated_weight,
                    key,
                    group.category.value,
                )
            )
        for path, stated, key, label in checks:
            if stated is None or key not in weights or stated == weights[key]:
                continue
            yield rule.finding(
                path=path,
                stated=stated,
                expected=weights[key],
                formula=f"{profile.key}: {key}",
                message_zh=f"「{table.name}」{label}权重为{stated}分，{profile.title}规定为{weights[key]}分",
                message_en=f"'{table.name}': {key.replace('_', ' ')} weighs {stated} points; "
                f"profile {profile.key} sets {weights[key]}",
            )


def _weights_add_up(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    full = sum((w for _, w in context.profile.level1_weights), ZERO)
    for table, tree in _trees(context):
        items = [(a.path + ".weight", a.indicator.weight) for a in indicators_at(tree, table.path)]
        if not items:
            continue
        execution = table.funding.weight if table.funding is not None else None
        execution_input = (f"{table.path}.funding.weight", execution)
        if execution is None:  # no funds block stated: the profile's execution weight applies
            execution = context.profile.execution.weight
            execution_input = (f"{context.profile.key}: execution.weight", execution)
        total = execution + sum((w for _, w in items if w is not None), ZERO)
        if total == full:
            continue
        yield rule.finding(
            path=f"{table.path}.indicators",
            stated=total,
            expected=full,
            formula="执行率分值 + Σ 三级指标分值",
            inputs=[execution_input, *items],
            message_zh=f"「{table.name}」执行率分值与三级指标分值合计{total}分，应为{full}分",
            message_en=f"'{table.name}': the execution weight and level-3 weights add up to "
            f"{total}, not {full}",
        )


def _score_bounds(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table, tree in _trees(context):
        rows: list[tuple[str, str, Decimal | None, Decimal | None]] = []
        if table.funding is not None:
            rows.append(
                (
                    f"{table.path}.funding",
                    "执行率",
                    table.funding.weight,
                    table.funding.stated_score,
                )
            )
        rows += [
            (a.path, a.indicator.name, a.indicator.weight, a.indicator.score)
            for a in indicators_at(tree, table.path)
        ]
        for path, name, weight, score in rows:
            if score is None:
                continue
            if score < ZERO:
                expected: Decimal = ZERO
            elif weight is not None and score > weight:
                expected = weight
            else:
                continue
            yield rule.finding(
                path=f"{path}.{'stated_score' if path.endswith('funding') else 'score'}",
                stated=score,
                expected=expected,
                formula="0 ≤ 得分 ≤ 分值",
                inputs=[(f"{path}.weight", weight)],
                message_zh=f"「{table.name}」「{name}」得分{score}超出[0, {fmt(weight)}]",
                message_en=f"'{table.name}': the score of '{name}' ({score}) "
                f"is outside [0, {fmt(weight)}]",
            )


def _level2_placement(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table, tree in _trees(context):
        for i, group in enumerate(tree.groups):
            for j, level2 in enumerate(group.groups):
                parent = level2.category.level1
                if parent is group.category or (
                    group.category is Level1.COST and level2.category in _COST_LEVEL2
                ):
                    continue
                yield rule.finding(
                    path=f"{table.path}.indicators.groups[{i}].groups[{j}].category",
                    stated=level2.category.value,
                    expected=parent.value,
                    formula="二级指标所属一级指标",
                    message_zh=f"「{table.name}」{level2.category.value}应属{parent.value}，表中列在{group.category.value}下",
                    message_en=f"'{table.name}': {level2.category.english} belongs under "
                    f"{parent.english}, not {group.category.english}",
                )


def _required_cells(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table, tree in _trees(context):
        for at in indicators_at(tree, table.path):
            ind = at.indicator
            blanks = [
                ("weight", ind.weight is None, Severity.ERROR, "分值"),
                ("score", ind.score is None, Severity.ERROR, "得分"),
                ("target", not ind.target.strip(), Severity.WARNING, "年度指标值"),
                ("actual", not ind.actual.strip(), Severity.WARNING, "实际完成值"),
            ]
            for field, blank, severity, label in blanks:
                if not blank:
                    continue
                yield rule.finding(
                    path=f"{at.path}.{field}",
                    severity=severity if rule.severity is Severity.ERROR else rule.severity,
                    message_zh=f"「{table.name}」指标「{ind.name}」的{label}为空",
                    message_en=f"'{table.name}': indicator '{ind.name}' has no {field}",
                )


def _refined(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table, tree in _trees(context):
        for i, group in enumerate(tree.groups):
            if any(True for _ in group.indicators()):
                continue
            yield rule.finding(
                path=f"{table.path}.indicators.groups[{i}]",
                message_zh=f"「{table.name}」{group.category.value}未细化到三级指标",
                message_en=f"'{table.name}': {group.category.english} has no level-3 indicator",
            )


def missed_target(indicator: Indicator) -> bool:
    """Whether a one-figure target is visibly missed by the figures of the actual in its unit.

    An approximate target ("十余次") counts as its lower bound.  Counts in the actual are added
    up ("集中视察3次、专题询问1次" is 4 次); a percentage is met only if every one stated is.

    >>> missed_target(Indicator(name="x", target="≥95%", actual="90%"))
    True
    >>> missed_target(Indicator(name="x", target="≤3天", actual="2天"))
    False
    >>> ten_or_more = Indicator(name="x", target="十余次专项督查", actual="视察3次、询问1次")
    >>> missed_target(ten_or_more)
    True
    """
    target, actual = parse_target(indicator.target), parse_target(indicator.actual)
    if len(target.clauses) != 1:
        return False
    goal_clause = target.clauses[0]
    if goal_clause.kind not in _COUNTABLE or len(goal_clause.numbers) != 1:
        return False
    values = [
        c.numbers[0]
        for c in actual.clauses
        if c.kind in _COUNTABLE and c.unit == goal_clause.unit and len(c.numbers) == 1
    ]
    if not values:
        return False
    goal = goal_clause.numbers[0]
    if goal_clause.comparator in (Comparator.LE, Comparator.LT):
        return max(values) > goal
    if goal_clause.unit == "%":
        return min(values) < goal
    return sum(values, ZERO) < goal


_COUNTABLE = (TargetKind.QUANTITATIVE, TargetKind.APPROXIMATE)


def _deviation_notes(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table, tree in _trees(context):
        for at in indicators_at(tree, table.path):
            ind = at.indicator
            if ind.deviation_note.strip():
                continue
            below = ind.weight is not None and ind.score is not None and ind.score < ind.weight
            if not below and not missed_target(ind):
                continue
            yield rule.finding(
                path=f"{at.path}.deviation_note",
                stated=ind.score,
                expected=ind.weight,
                message_zh=f"「{table.name}」指标「{ind.name}」未达目标或未得满分，缺少偏差原因分析",
                message_en=f"'{table.name}': indicator '{ind.name}' missed its target or full "
                "marks but has no deviation note",
            )


_FAMILY = RuleFamily(name="structure", severity=Severity.ERROR)

RULES = (
    _FAMILY.rule(
        "BP401",
        "一级指标权重符合规则配置",
        "Level-1 weights follow the rule profile",
        "财预〔2020〕10号 sets 10/50/30/10 but allows deviations in special cases.",
        _profile_weights,
        severity=Severity.WARNING,
    ),
    _FAMILY.rule(
        "BP402",
        "执行率分值与三级指标分值合计为100",
        "Execution and level-3 weights add up to 100",
        "A total out of anything but 100 cannot be graded on the 优/良/中/差 bands.",
        _weights_add_up,
        severity=Severity.ERROR,
    ),
    _FAMILY.rule(
        "BP403",
        "得分不高于分值且不低于零",
        "No score above its weight or below zero",
        "A score is a share of the indicator's weight.",
        _score_bounds,
        severity=Severity.ERROR,
    ),
    _FAMILY.rule(
        "BP404",
        "二级指标列在所属一级指标下",
        "Level-2 categories sit under their level-1 category",
        "The national table fixes which 二级 category belongs to which 一级.",
        _level2_placement,
        severity=Severity.ERROR,
    ),
    _FAMILY.rule(
        "BP405",
        "三级指标分值、得分、指标值、完成值不为空",
        "Level-3 rows have weight, score, target and actual",
        "A blank weight or score cannot be added up; a blank target cannot be checked.",
        _required_cells,
        severity=Severity.ERROR,
    ),
    _FAMILY.rule(
        "BP406",
        "绩效指标细化到三级指标",
        "Every level-1 block is refined to level-3 indicators",
        "The Yueyang review sheet scores 'all indicators refined to 三级' (5 points).",
        _refined,
        severity=Severity.ERROR,
    ),
    _FAMILY.rule(
        "BP407",
        "未达目标或未得满分须说明偏差原因",
        "A missed target or lost points has a deviation note",
        "The table's last column exists to explain every shortfall.",
        _deviation_notes,
        severity=Severity.WARNING,
    ),
)
