"""Weights, scores and totals (BP205–BP207, BP210): every printed sum is held against its parts.

- BP205 a 一级 block's stated weight = Σ its 三级 weights;
- BP206 a table's 总分 weight = the execution weight (分值 of the funds block) + Σ 三级 weights,
  or Σ 三级 weights alone where the 总分 row adds up the indicators only
  (``IndicatorTree.total_includes_execution`` is False, Sichuan);
- BP207 a table's 总分 score = 执行率得分 + Σ 三级 scores (Σ 三级 scores alone, likewise);
- BP210 the review sheet (考核评分表): each 一级 item's points = Σ its 二级 points, and its 合计 =
  Σ the 一级 points.

Tables differ: a funds block may be absent (an excerpt, a layout without one), 一级 rows may
carry no weight, 预算执行 may weigh 20 (Hubei), 成本指标 may be a 一级 of its own.  Each sum is
judged by :func:`~budget_perf.checks._sums.judge_sum`: a blank cell is unknown, not zero, so
a sum that a blank could complete is a warning; a part the table does not show (the execution
part of a table without a funds block) may hold the rest of the total.  Unfilled template rows
(no weight, score, target or actual) are not parts.  Where a block's 三级 weights are blank,
the block's stated 一级 weight stands for them in the table's total.

What the copy does not show is never summed or called wrong: a tree that is ``cut`` has no
known sums (BP206/BP207 skip it, BP205 skips its last block, whose rows run on), a 总分 cell
not shown is not compared, and a weight or score not shown is a part not shown.  Indicators
printed without levels (``IndicatorTree.ungrouped``, Chongqing) count with the others.
"""

from collections.abc import Iterator, Sequence
from decimal import Decimal

from budget_perf._decimal import ZERO
from budget_perf.checks._memo import per_check
from budget_perf.checks._sums import Part, judge_sum, known_sum
from budget_perf.checks._walk import (
    EvaluationTable,
    IndicatorAt,
    block_indicators_at,
    evaluation_tables,
    filled,
    fmt,
    indicators_at,
    sums_known,
    unseen,
    whole_blocks,
)
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily, RuleFunction
from budget_perf.model import IndicatorTree
from budget_perf.model.rubric import RubricItem

__all__ = ["RULES", "weight_parts"]


def _weight_part(at: IndicatorAt) -> Part:
    ind = at.indicator
    return Part(path=f"{at.path}.weight", value=ind.weight, shown=ind.is_shown("weight"))


def _counted(at: IndicatorAt) -> bool:
    """Whether a 三级 row is a part of the sums: filled, or with cells the copy hides."""
    return filled(at.indicator) or unseen(at.indicator)


def weight_parts(tree: IndicatorTree, base: str) -> list[Part]:
    """The weights a table's 三级 indicators carry, block by block, as parts of its total.

    A block whose filled 三级 rows all state a weight gives those weights; one with a blank
    weight gives its stated 一级 weight instead, if it states one, else the weights with blanks
    (a weight the copy does not show is a part not shown).  Ungrouped indicators follow.
    """
    return list(per_check(_weight_parts, tree, base))


def _block_weights(tree: IndicatorTree, base: str, i: int) -> tuple[Part, ...]:
    """The weights of the counted 三级 rows of the *i*-th block, as parts (once per check)."""
    return tuple(_weight_part(a) for a in block_indicators_at(tree, base, i) if _counted(a))


def _weight_parts(tree: IndicatorTree, base: str) -> tuple[Part, ...]:
    parts: list[Part] = []
    for i, group in enumerate(tree.groups):
        rows = list(per_check(_block_weights, tree, base, i))
        if any(p.value is None for p in rows) and group.stated_weight is not None:
            rows = [
                Part(path=f"{base}.indicators.groups[{i}].stated_weight", value=group.stated_weight)
            ]
        parts += rows
    parts += [
        _weight_part(a) for a in indicators_at(tree, base) if a.level1 is None and _counted(a)
    ]
    return tuple(parts)


def _level1_weights(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for table in evaluation_tables(context.evaluation):
        if table.indicators is None:
            continue
        for i in whole_blocks(table.indicators):  # a cut tree's last block runs on unseen
            group = table.indicators.groups[i]
            if group.stated_weight is None:
                continue
            parts = per_check(_block_weights, table.indicators, table.path, i)
            severity = judge_sum(group.stated_weight, parts) if parts else None
            if severity is None:
                continue
            expected = known_sum(parts)
            yield rule.finding(
                path=f"{table.path}.indicators.groups[{i}].stated_weight",
                stated=group.stated_weight,
                expected=expected,
                formula="Σ 三级指标分值",
                inputs=[(p.path, p.value) for p in parts],
                severity=severity,
                message_zh=f"「{table.name}」{group.category.value}标明{group.stated_weight}分，"
                f"其三级指标分值合计{expected}分{_blank_zh(parts, severity)}",
                message_en=f"'{table.name}': {group.category.english} is stated as "
                f"{group.stated_weight} points, its level-3 weights add up to {expected}"
                f"{_blank_en(parts, severity)}",
            )


def _blank_zh(parts: Sequence[Part], severity: Severity) -> str:
    blanks = sum(1 for p in parts if p.value is None and p.shown)
    return f"（另有{blanks}项为空）" if blanks and severity is Severity.WARNING else ""


def _blank_en(parts: Sequence[Part], severity: Severity) -> str:
    blanks = sum(1 for p in parts if p.value is None and p.shown)
    if not blanks or severity is not Severity.WARNING:
        return ""
    return f" ({blanks} blank cell(s) would have to hold the difference)"


def _execution_part(
    context: CheckContext, table: EvaluationTable, tree: IndicatorTree, weight_column: bool
) -> Part:
    """The execution part of a table's 总分: its weight or score, or a part not shown."""
    funding = table.funding
    attr = "weight" if weight_column else "stated_score"
    path = f"{table.path}.funding.{attr}"
    if funding is None:  # no funds block: the total may include an execution part unseen
        cap = None if weight_column else _implied_execution_weight(context, table, tree)
        return Part(path=path, value=None, cap=cap, shown=False)
    shown = funding.is_shown(attr)  # a row the copy cuts: its part is unseen, not blank
    if weight_column:
        return Part(path=path, value=funding.weight, shown=shown)
    return Part(path=path, value=funding.stated_score, cap=funding.weight, shown=shown)


def _implied_execution_weight(
    context: CheckContext, table: EvaluationTable, tree: IndicatorTree
) -> Decimal:
    """The execution weight a table without a funds block implies: total weight − Σ 三级."""
    weights = weight_parts(tree, table.path)
    total = tree.stated_total_weight
    if total is not None and all(p.value is not None for p in weights):
        implied = total - known_sum(weights)
        if implied >= ZERO:
            return implied
    return context.profile.execution.weight


def _total_row(column: str) -> RuleFunction:
    weight_column = column == "weight"
    zh, en = ("分值", "weight") if weight_column else ("得分", "score")
    attr = f"stated_total_{column}"

    def check(context: CheckContext, rule: Rule) -> Iterator[Finding]:
        for table in evaluation_tables(context.evaluation):
            tree = table.indicators
            if tree is None or not sums_known(tree) or not tree.is_shown(attr):
                continue  # a cut tree's rows run on unseen: its sums are not known
            stated = getattr(tree, attr)
            if stated is None:
                continue
            if weight_column:
                items = weight_parts(tree, table.path)
            else:
                items = [
                    Part(
                        path=f"{a.path}.score",
                        value=a.indicator.score,
                        cap=a.indicator.weight,
                        shown=a.indicator.is_shown("score"),
                    )
                    for a in indicators_at(tree, table.path)
                    if _counted(a)
                ]
            if tree.total_includes_execution:
                part = _execution_part(context, table, tree, weight_column)
                execution: Part | None = part
                parts = [part, *items]
            else:  # the 总分 row adds up the indicators only (Sichuan)
                execution, parts = None, items
            severity = judge_sum(stated, parts)
            if severity is None:
                continue
            expected = known_sum(parts)
            if execution is None:
                what_zh, what_en = f"三级指标{zh}合计", f"the level-3 {en}s give"
            else:
                shown = "" if execution.shown else "（表中无资金部分）"
                shown_en = "" if execution.shown else " (the table shows no funds block)"
                what_zh = f"执行率{zh}{fmt(execution.value)}{shown}加三级指标{zh}合计"
                what_en = (
                    f"the execution {en} ({fmt(execution.value)}){shown_en} plus the level-3 "
                    f"{en}s give"
                )
            yield rule.finding(
                path=f"{table.path}.indicators.{attr}",
                stated=stated,
                expected=expected,
                formula=f"执行率{zh} + Σ 三级指标{zh}"
                if execution is not None
                else f"Σ 三级指标{zh}",
                inputs=[(p.path, p.value) for p in parts],
                severity=severity,
                message_zh=f"「{table.name}」总分{zh}为{stated}，{what_zh}应为{expected}"
                f"{_blank_zh(parts, severity)}",
                message_en=f"'{table.name}': the total {en} is stated as {stated}; {what_en} "
                f"{expected}{_blank_en(parts, severity)}",
            )

    return check


def _rubric(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    rubric = context.evaluation.review_rubric
    if rubric is None or not rubric.items:
        return
    blocks: dict[str, list[tuple[int, RubricItem]]] = {}
    for index, item in enumerate(rubric.items):
        blocks.setdefault(item.level1, []).append((index, item))
    level1_parts: list[Part] = []
    for name, rows in blocks.items():
        first, head = rows[0]
        level1_parts.append(
            Part(path=f"$.review_rubric.items[{first}].level1_points", value=head.level1_points)
        )
        stated = head.level1_points
        parts = [
            Part(path=f"$.review_rubric.items[{i}].level2_points", value=item.level2_points)
            for i, item in rows
            if item.level2
        ]
        severity = None if stated is None or not parts else judge_sum(stated, parts)
        if stated is not None and severity is not None:
            yield _rubric_finding(
                rule, f"$.review_rubric.items[{first}].level1_points", stated, parts, severity, name
            )
    if rubric.stated_total is not None:
        severity = judge_sum(rubric.stated_total, level1_parts)
        if severity is not None:
            yield _rubric_finding(
                rule, "$.review_rubric.stated_total", rubric.stated_total, level1_parts, severity
            )


def _rubric_finding(
    rule: Rule, path: str, stated: Decimal, parts: list[Part], severity: Severity, name: str = ""
) -> Finding:
    expected = known_sum(parts)
    what_zh = f"考核评分表「{name}」分值" if name else "考核评分表合计"
    what_en = f"the review sheet's points for '{name}'" if name else "the review sheet's total"
    return rule.finding(
        path=path,
        stated=stated,
        expected=expected,
        formula="Σ 二级分值" if name else "Σ 一级分值",
        inputs=[(p.path, p.value) for p in parts],
        severity=severity,
        message_zh=f"{what_zh}为{stated}，各项合计{expected}{_blank_zh(parts, severity)}",
        message_en=f"{what_en} is stated as {stated}; its items add up to {expected}"
        f"{_blank_en(parts, severity)}",
    )


_FAMILY = RuleFamily(name="stated", severity=Severity.ERROR)

RULES = (
    _FAMILY.rule(
        "BP205",
        "一级指标分值等于其三级指标分值之和",
        "A level-1 weight is the sum of its level-3 weights",
        "The 一级 weight printed in the table must be what its indicators carry; where a 三级 "
        "weight is blank the sum cannot be confirmed (a warning).",
        _level1_weights,
    ),
    _FAMILY.rule(
        "BP206",
        "总分分值等于执行率分值加三级指标分值",
        "The total weight is execution weight + level-3 weights",
        "The table's weights must add up to its stated total; a table without a funds block "
        "may count an execution weight it does not show.",
        _total_row("weight"),
    ),
    _FAMILY.rule(
        "BP207",
        "总分得分等于执行率得分加三级指标得分",
        "The total score is execution score + level-3 scores",
        "The stated total decides the grade; it must be the sum of the scores (a warning where "
        "a blank score could make it add up).",
        _total_row("score"),
    ),
    _FAMILY.rule(
        "BP210",
        "考核评分表各级分值合计相符",
        "The review sheet's points add up",
        "Each 一级 item of the 考核评分表 is the sum of its 二级 items, and the 合计 their sum.",
        _rubric,
    ),
)
