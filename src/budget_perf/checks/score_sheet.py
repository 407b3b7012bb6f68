"""Score-sheet rules (BP6xx): the department score sheet's sums and bounds (rules.md §8).

- BP601 no stated 得分 above its 分值 or below zero (rows, printed subtotals, the 总分);
- BP602 a 二级 分值 = Σ its 三级 分值;
- BP603 a 一级 分值 = Σ its 二级 分值 (a 二级 that prints none counts with Σ its rows);
- BP604 the 总分 分值 = Σ the 一级 分值;
- BP605 the 总分 得分 = Σ the 三级 得分 (a level scored without rows counts with its own 得分);
- BP606 a 三级 row printed without a 得分 (a warning, never an error: nothing can be added up);
- BP607 a printed 一级 or 二级 subtotal 得分 = Σ its 三级 得分 (likewise).

Weights and scores are sums of stated figures and are compared exactly.  What the copy does not
show is never summed or called wrong: a sum that takes in a part not shown is skipped, and in a
sheet that is cut (``ScoreSheet.cut``) the last 一级 (whose rows run on beyond the copy), the last
二级 in it and the 总分 are not summed; the groups before it are whole and are checked.  A sum
over a blank figure is skipped too (the blank is BP606's business).  Items that are rates of the
basic data table are recomputed and scored by the profile in
:mod:`budget_perf.checks.score_sheet_rates` (BP608).
"""

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

import attrs

from budget_perf._decimal import ZERO
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily
from budget_perf.model import ScoreGroup, ScoreItem, ScoreSheet, ScoreSubgroup

__all__ = ["RULES"]

_BASE = "$.score_sheet"
_Part = tuple[str, Decimal | None]


@attrs.frozen(kw_only=True)
class _SubAt:
    path: str
    group: ScoreSubgroup
    whole: bool  # every row of it is in the copy


@attrs.frozen(kw_only=True)
class _GroupAt:
    path: str
    group: ScoreGroup
    whole: bool
    subgroups: tuple[_SubAt, ...]


def _sheet(context: CheckContext) -> ScoreSheet | None:
    evaluation = context.evaluation
    return evaluation.score_sheet if evaluation.is_shown("score_sheet") else None


def _groups(sheet: ScoreSheet) -> Iterator[_GroupAt]:
    last = len(sheet.groups) - 1
    for i, group in enumerate(sheet.groups):
        whole = not (sheet.cut and i == last)
        path = f"{_BASE}.groups[{i}]"
        subs = tuple(
            _SubAt(
                path=f"{path}.groups[{j}]",
                group=sub,
                whole=whole or j < len(group.groups) - 1,
            )
            for j, sub in enumerate(group.groups)
        )
        yield _GroupAt(path=path, group=group, whole=whole, subgroups=subs)


def _items(sub: _SubAt) -> Iterator[tuple[str, ScoreItem]]:
    for k, item in enumerate(sub.group.items):
        yield f"{sub.path}.items[{k}]", item


def _weights(sub: _SubAt) -> list[_Part] | None:
    """The rows' 分值 of a whole 二级, or None where one is blank or not shown."""
    parts = [(f"{path}.weight", item.weight) for path, item in _items(sub)]
    if not sub.whole or not parts or any(value is None for _, value in parts):
        return None
    return parts


def _scores(items: Iterable[tuple[str, ScoreItem]]) -> list[_Part] | None:
    """The rows' 得分, or None where one is blank or not shown (nothing to add up then)."""
    parts = [(f"{path}.stated_score", item.stated_score) for path, item in items]
    if not parts or any(value is None for _, value in parts):
        return None
    return parts


def _printed(path: str, value: Decimal | None) -> list[_Part] | None:
    """A level's own printed figure as the one part standing for it, or None if it prints none."""
    return None if value is None else [(path, value)]


def _joined(parts: Iterable[list[_Part] | None]) -> list[_Part] | None:
    """The parts of several levels together, or None if any is unknown (or there are none)."""
    joined: list[_Part] = []
    for part in parts:
        if part is None:
            return None
        joined.extend(part)
    return joined or None


def _sub_scores(sub: _SubAt) -> list[_Part] | None:
    """A 二级's 得分 as rows: its 三级 得分, or its own 得分 where it is scored without rows."""
    if sub.group.items:
        return _scores(_items(sub))
    return _printed(f"{sub.path}.stated_score", sub.group.stated_score)


def _group_scores(at: _GroupAt) -> list[_Part] | None:
    """A 一级's 得分 as rows (Σ of its 二级 as :func:`_sub_scores` gives them)."""
    return _joined(_sub_scores(sub) for sub in at.subgroups)


def _total(parts: Sequence[_Part]) -> Decimal:
    return sum((value for _, value in parts if value is not None), ZERO)


def _sum_finding(
    rule: Rule, *, path: str, stated: Decimal, parts: Sequence[_Part], zh: str, en: str
) -> Iterator[Finding]:
    expected = _total(parts)
    if stated == expected:
        return
    yield rule.finding(
        path=path,
        stated=stated,
        expected=expected,
        formula=" + ".join(p for p, _ in parts),
        inputs=parts,
        message_zh=f"评分表{zh}为{stated}，各项合计为{expected}",
        message_en=f"the score sheet's {en} is stated as {stated}; its parts add up to {expected}",
    )


_Bound = tuple[str, str, str, Decimal | None, Decimal | None]


def _bounds(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    sheet = _sheet(context)
    if sheet is None:
        return
    checks: list[_Bound] = [
        (
            f"{_BASE}.stated_total_score",
            f"{_BASE}.stated_total_weight",
            "总分",
            sheet.stated_total_weight,
            sheet.stated_total_score,
        )
    ]
    for at in _groups(sheet):
        group = at.group
        checks.append(_level_bound(at.path, group.label, group.stated_weight, group.stated_score))
        for sub in at.subgroups:
            level = sub.group
            checks.append(
                _level_bound(sub.path, level.label, level.stated_weight, level.stated_score)
            )
            for path, item in _items(sub):
                score_path, weight_path = f"{path}.stated_score", f"{path}.weight"
                checks.append((score_path, weight_path, item.name, item.weight, item.stated_score))
    for score_path, weight_path, name, weight, score in checks:
        if score is None or (score >= ZERO and (weight is None or score <= weight)):
            continue
        bound = "—" if weight is None else f"{weight}"
        yield rule.finding(
            path=score_path,
            stated=score,
            expected=weight,
            formula="0 ≤ 得分 ≤ 分值",
            inputs=[(weight_path, weight)],
            message_zh=f"评分表「{name}」得分{score}不在0至分值{bound}之间",
            message_en=f"the score sheet's '{name}' scores {score}, outside [0, {bound}]",
        )


def _level_bound(path: str, label: str, weight: Decimal | None, score: Decimal | None) -> _Bound:
    return (f"{path}.stated_score", f"{path}.stated_weight", label, weight, score)


def _level2_weights(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    sheet = _sheet(context)
    if sheet is None:
        return
    for at in _groups(sheet):
        for sub in at.subgroups:
            stated, parts = sub.group.stated_weight, _weights(sub)
            if stated is None or parts is None:
                continue
            yield from _sum_finding(
                rule,
                path=f"{sub.path}.stated_weight",
                stated=stated,
                parts=parts,
                zh=f"「{sub.group.label}」分值",
                en=f"weight of '{sub.group.label}'",
            )


def _stated_weight_or(
    path: str, stated: Decimal | None, rows: list[_Part] | None
) -> list[_Part] | None:
    return rows if stated is None else [(f"{path}.stated_weight", stated)]


def _level2_parts(at: _GroupAt) -> list[_Part] | None:
    """The 二级 分值 of a whole 一级 (Σ rows where a 二级 prints none), or None if unknown."""
    if not at.whole:
        return None
    return _joined(
        _stated_weight_or(sub.path, sub.group.stated_weight, _weights(sub)) for sub in at.subgroups
    )


def _level1_weights(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    sheet = _sheet(context)
    if sheet is None:
        return
    for at in _groups(sheet):
        stated, parts = at.group.stated_weight, _level2_parts(at)
        if stated is None or parts is None:
            continue
        yield from _sum_finding(
            rule,
            path=f"{at.path}.stated_weight",
            stated=stated,
            parts=parts,
            zh=f"「{at.group.label}」分值",
            en=f"weight of '{at.group.label}'",
        )


def _total_weight(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    sheet = _sheet(context)
    if sheet is None or sheet.cut or sheet.stated_total_weight is None:
        return
    parts = _joined(
        _stated_weight_or(at.path, at.group.stated_weight, _level2_parts(at))
        for at in _groups(sheet)
    )
    if parts is None:
        return
    yield from _sum_finding(
        rule,
        path=f"{_BASE}.stated_total_weight",
        stated=sheet.stated_total_weight,
        parts=parts,
        zh="总分分值",
        en="total weight",
    )


def _total_score(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    sheet = _sheet(context)
    if sheet is None or sheet.cut or sheet.stated_total_score is None:
        return
    parts = _joined(
        _group_scores(at)
        if at.subgroups
        else _printed(f"{at.path}.stated_score", at.group.stated_score)
        for at in _groups(sheet)
    )
    if parts is None:
        return
    yield from _sum_finding(
        rule,
        path=f"{_BASE}.stated_total_score",
        stated=sheet.stated_total_score,
        parts=parts,
        zh="总分得分",
        en="total score",
    )


def _blank_scores(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    sheet = _sheet(context)
    if sheet is None:
        return
    for at in _groups(sheet):
        for sub in at.subgroups:
            for path, item in _items(sub):
                if item.stated_score is not None or not item.is_shown("stated_score"):
                    continue
                yield rule.finding(
                    path=f"{path}.stated_score",
                    message_zh=f"评分表「{item.name}」未填得分",
                    message_en=f"the score sheet's '{item.name}' states no score",
                )


def _subtotals(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    sheet = _sheet(context)
    if sheet is None:
        return
    for at in _groups(sheet):
        levels = [(at.path, at.group.label, at.group.stated_score, at.whole, _group_scores(at))]
        levels += [
            (sub.path, sub.group.label, sub.group.stated_score, sub.whole, _scores(_items(sub)))
            for sub in at.subgroups
        ]
        for path, label, stated, whole, parts in levels:
            if stated is None or not whole or parts is None:
                continue
            yield from _sum_finding(
                rule,
                path=f"{path}.stated_score",
                stated=stated,
                parts=parts,
                zh=f"「{label}」得分小计",
                en=f"subtotal score of '{label}'",
            )


_FAMILY = RuleFamily(name="score sheet", severity=Severity.ERROR)

RULES: tuple[Rule, ...] = (
    _FAMILY.rule(
        "BP601",
        "评分表得分不高于分值且不低于零",
        "No score-sheet score above its weight or below zero",
        "A score is a share of its row's 分值; the sheet's bands cannot exceed it.",
        _bounds,
    ),
    _FAMILY.rule(
        "BP602",
        "评分表二级指标分值等于其三级指标分值之和",
        "A score sheet's level-2 weight is the sum of its rows' weights",
        "The 2013 framework nests its weights; a 二级 is what its rows carry.",
        _level2_weights,
    ),
    _FAMILY.rule(
        "BP603",
        "评分表一级指标分值等于其二级指标分值之和",
        "A score sheet's level-1 weight is the sum of its level-2 weights",
        "投入 15 = 目标设定 5 + 预算配置 10 in the framework: a 一级 is its 二级 together.",
        _level1_weights,
    ),
    _FAMILY.rule(
        "BP604",
        "评分表总分分值等于一级指标分值之和",
        "A score sheet's total weight is the sum of its level-1 weights",
        "The sheet scores out of its 总分; the 一级 weights make it up.",
        _total_weight,
    ),
    _FAMILY.rule(
        "BP605",
        "评分表总分得分等于三级指标得分之和",
        "A score sheet's total score is the sum of its rows' scores",
        "The 总分 decides the unit's grade; it must be the sum of the scores.",
        _total_score,
    ),
    _FAMILY.rule(
        "BP606",
        "评分表三级指标未填得分",
        "A score-sheet row states no score",
        "A blank score cannot be added up; a reviewer should ask for it (never an error).",
        _blank_scores,
        severity=Severity.WARNING,
    ),
    _FAMILY.rule(
        "BP607",
        "评分表一级、二级得分小计等于其三级指标得分之和",
        "A printed level-1 or level-2 subtotal score is the sum of its rows' scores",
        "A subtotal printed beside a level is a figure of its own; its rows make it up.",
        _subtotals,
    ),
)
