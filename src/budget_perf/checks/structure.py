"""Structure rules (BP4xx): weights, scores and required cells of the indicator tree.

- BP401 a 一级 block's stated weight (and the execution weight) follows the rule profile — a
  deviation is a warning, since 财预〔2020〕10号 allows one "如有特殊情况"; 成本指标 printed as
  a 一级 of its own counts with 产出指标 where the profile gives it no weight;
- BP402 the 三级 weights and the execution weight add up to the profile's total (100); a
  blank weight leaves the sum open (a warning), and a table without a funds block may have its
  indicators carry 100 or 100 less the execution weight;
- BP403 no score is above its weight or below zero;
- BP404 a 二级 category sits under its own 一级 category (数量指标 under 产出指标 ...);
- BP405 every filled 三级 row has its weight, a score beside its weight, its target and an
  actual beside its target (warnings: a blank cell is missing, not wrong);
- BP406 every 一级 block is refined into filled 三级 indicators (a warning);
- BP407 a score below its weight, or a quantitative target visibly missed, has a deviation note
  (偏差原因分析及改进措施).

Unfilled template rows (no weight, score, target or actual: "指标2:", "……") are skipped.
What the copy does not show is never called missing or wrong: a cell not shown is not blank
(BP405, BP407), a cut tree has no known sum (BP402) and its last block runs on (BP406), and a
row whose cells are not shown still refines its block.  Indicators printed without levels
(``IndicatorTree.ungrouped``) are checked like the others; where the 总分 row adds up the
indicators only (``total_includes_execution`` False), they alone carry the 100 (BP402).
"""

from collections.abc import Iterator
from decimal import Decimal

from budget_perf._decimal import ZERO
from budget_perf.checks._reading import read_indicator
from budget_perf.checks._sums import Part, judge_sum, known_sum
from budget_perf.checks._walk import (
    EvaluationTable,
    blank_text,
    evaluation_tables,
    filled,
    fmt,
    indicators_at,
    sums_known,
    unseen,
    whole_blocks,
)
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily
from budget_perf.checks.totals import weight_parts
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


def _level1_checks(
    table: EvaluationTable, tree: IndicatorTree, weights: dict[str, Decimal]
) -> list[tuple[str, Decimal | None, str, str]]:
    """(path, stated weight, profile key, label) of each 一级 category of a table, once each.

    A category printed in several blocks is summed; 成本指标 printed as a 一级 of its own, where
    the profile has no weight for it, is counted with 产出指标 (the 2020 table's cost indicators
    are output indicators).
    """
    stated: dict[Level1, list[tuple[int, Decimal | None]]] = {}
    for i, group in enumerate(tree.groups):
        category = group.category
        if category is Level1.COST and "cost" not in weights:
            category = Level1.OUTPUT
        stated.setdefault(category, []).append((i, group.stated_weight))
    checks: list[tuple[str, Decimal | None, str, str]] = []
    for category, blocks in stated.items():
        values = [w for _, w in blocks]
        total = None if None in values else sum((w for w in values if w is not None), ZERO)
        label = category.value
        if category is Level1.OUTPUT and any(
            tree.groups[i].category is Level1.COST for i, _ in blocks
        ):
            label = "产出指标与成本指标"
        path = f"{table.path}.indicators.groups[{blocks[0][0]}].stated_weight"
        checks.append((path, total, _PROFILE_KEYS[category], label))
    return checks


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
        checks += _level1_checks(table, tree, weights)
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
    profile_execution = context.profile.execution.weight
    for table, tree in _trees(context):
        if not sums_known(tree):
            continue  # a cut tree: the rows beyond the copy carry weights unseen
        items = weight_parts(tree, table.path)
        if all(p.value is None for p in items):
            continue  # no weight to add up (BP405 reports a table without 三级 weights)
        funding = table.funding
        if not tree.total_includes_execution:  # the indicators alone carry 100 (Sichuan)
            execution = Part(path=f"{table.path}.funding.weight", value=None, shown=False)
            severity = judge_sum(full, items)
        elif funding is not None:
            execution = Part(
                path=f"{table.path}.funding.weight",
                value=funding.weight,
                shown=funding.is_shown("weight"),
            )
            severity = judge_sum(full, [execution, *items])
        else:  # no funds block: the indicators carry 100, or 100 less the execution weight
            execution = Part(path=f"{table.path}.funding.weight", value=None, shown=False)
            known = known_sum(items)
            complete = all(p.value is not None for p in items)
            severity = judge_sum(full, items) if known > full else None
            if severity is None and complete and known not in (full, full - profile_execution):
                severity = Severity.WARNING
        if severity is None:
            continue
        total = known_sum([execution, *items])
        blanks = sum(1 for p in items if p.value is None)
        note_zh = f"（另有{blanks}项分值为空）" if blanks else ""
        note_en = f" ({blanks} blank weight(s))" if blanks else ""
        if not tree.total_includes_execution:
            note_zh += "（总分只计三级指标）"
            note_en += " (the table's total counts the indicators only)"
        elif not execution.shown:
            note_zh += "（表中无资金部分）"
            note_en += " (the table shows no funds block)"
        yield rule.finding(
            path=f"{table.path}.indicators",
            stated=total,
            expected=full,
            formula="执行率分值 + Σ 三级指标分值",
            inputs=[(p.path, p.value) for p in (execution, *items)],
            severity=severity,
            message_zh=f"「{table.name}」执行率分值与三级指标分值合计{total}分，应为{full}分"
            f"{note_zh}",
            message_en=f"'{table.name}': the execution weight and level-3 weights add up to "
            f"{total}, not {full}{note_en}",
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
        rows = [at for at in indicators_at(tree, table.path) if filled(at.indicator)]
        weighed = [at for at in rows if at.indicator.is_shown("weight")]
        no_weights = bool(weighed) and all(at.indicator.weight is None for at in weighed)
        if no_weights:  # a layout without a 分值 column for 三级 rows: one finding, not one a row
            yield rule.finding(
                path=f"{table.path}.indicators",
                message_zh=f"「{table.name}」三级指标均未标明分值",
                message_en=f"'{table.name}': no level-3 indicator states a weight",
            )
        for at in rows:
            ind = at.indicator
            target = not blank_text(ind.target)
            blanks = [
                ("weight", ind.weight is None and not no_weights, "分值"),
                ("score", ind.score is None and ind.weight is not None, "得分"),
                ("target", not target, "年度指标值"),
                ("actual", target and blank_text(ind.actual), "实际完成值"),
            ]
            for field, blank, label in blanks:
                if not blank or not ind.is_shown(field):  # not shown is not missing
                    continue
                yield rule.finding(
                    path=f"{at.path}.{field}",
                    message_zh=f"「{table.name}」指标「{ind.name}」的{label}为空",
                    message_en=f"'{table.name}': indicator '{ind.name}' has no {field}",
                )


def _refined(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table, tree in _trees(context):
        for i in whole_blocks(tree):  # a cut tree's last block runs on beyond the copy
            group = tree.groups[i]
            if any(filled(indicator) or unseen(indicator) for indicator in group.indicators()):
                continue  # refined, or its rows' cells are not shown
            yield rule.finding(
                path=f"{table.path}.indicators.groups[{i}]",
                message_zh=f"「{table.name}」{group.category.value}未细化到三级指标",
                message_en=f"'{table.name}': {group.category.english} has no level-3 indicator",
            )


def missed_target(
    indicator: Indicator, *, level1: Level1 | None = None, level2: Level2 | None = None
) -> bool:
    """Whether a one-figure target is visibly missed by the figures of the actual in its unit.

    An approximate target ("十余次") counts as its lower bound.  Counts in the actual are added
    up ("集中视察3次、专题询问1次" is 4 次); a percentage is met only if every one stated is.  A
    target without a comparator is read as :mod:`budget_perf.checks._reading` says.

    >>> missed_target(Indicator(name="x", target="≥95%", actual="90%"))
    True
    >>> missed_target(Indicator(name="x", target="≤3天", actual="2天"))
    False
    >>> ten_or_more = Indicator(name="x", target="十余次专项督查", actual="视察3次、询问1次")
    >>> missed_target(ten_or_more)
    True
    """
    reading = read_indicator(indicator, level1=level1, level2=level2, approximate=True)
    return reading is not None and not reading.met


def _deviation_notes(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table, tree in _trees(context):
        for at in indicators_at(tree, table.path):
            ind = at.indicator
            if ind.deviation_note.strip() or not ind.is_shown("deviation_note"):
                continue
            below = ind.weight is not None and ind.score is not None and ind.score < ind.weight
            if not below:  # full marks: is the target visibly missed all the same?
                level1, level2 = at.categories
                if not missed_target(ind, level1=level1, level2=level2):
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
        "财预〔2020〕10号 sets 10/50/30/10 but allows deviations in special cases (a warning: "
        "Hubei weighs 预算执行 20).",
        _profile_weights,
        severity=Severity.WARNING,
    ),
    _FAMILY.rule(
        "BP402",
        "执行率分值与三级指标分值合计为100",
        "Execution and level-3 weights add up to 100",
        "A total out of anything but 100 cannot be graded on the 优/良/中/差 bands (a warning "
        "where blank weights or an unshown funds block leave the sum open).",
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
        "The framework asks for each cell; a blank one is missing, not wrong (a warning), and "
        "leaves the sums it belongs to open.",
        _required_cells,
        severity=Severity.WARNING,
    ),
    _FAMILY.rule(
        "BP406",
        "绩效指标细化到三级指标",
        "Every level-1 block is refined to level-3 indicators",
        "The Yueyang review sheet scores 'all indicators refined to 三级' (5 points); an empty "
        "block is a gap in the table, not an inconsistency (a warning).",
        _refined,
        severity=Severity.WARNING,
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
