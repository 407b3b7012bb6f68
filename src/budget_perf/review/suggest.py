"""Suggested scores: what the library can score from a report and the facts, with evidence.

Each item of a sheet whose rule is not ``judged`` gets a :class:`Suggestion`: a score and the
evidence for it (which parts were missing, which indicators were not refined, how many working
days late), and a :class:`Basis` saying how far it goes:

- ``evidence``: the sheet's own rule applied to what is known; the score stands;
- ``discretion``: the sheet says 酌情 (partly refined indicators, measurable targets), or the
  copy does not show every part it counts: the reviewer confirms it or gives another score
  with a reason;
- ``no_facts``: a fact the item needs was not given: no score, until it is;
- ``not_shown``: the copy shows nothing to score the item by: the reviewer scores it.

>>> from budget_perf.examples import load
>>> sheet = load_sheet("yueyang-2022")
>>> found = suggest(load("yueyang-npc-2022"), sheet)
>>> found["main_text"].score, found["main_text"].basis.value
(Decimal('8'), 'evidence')
>>> found["submission"].basis.value, found["submission"].evidence[0].en
('no_facts', 'not given: the deadline, the submission date, the working calendar')
"""

from collections.abc import Callable
from decimal import Decimal

from budget_perf._decimal import ZERO, in_library_context, round_half_up
from budget_perf._targets import TargetKind, parse_target
from budget_perf.checks._walk import evaluation_tables, filled, unseen, whole_blocks
from budget_perf.checks.structure import _level1_checks  # one reading of 一级 weights (BP401)
from budget_perf.model import SelfEvaluation
from budget_perf.profiles import BUDGET_EXECUTION, load_profile
from budget_perf.review._errors import InvalidReviewInput
from budget_perf.review.facts import ReviewFacts
from budget_perf.review.parts import PartState, attachment_state, part_state
from budget_perf.review.sheet import ReviewSheet, RuleKind, SheetItem
from budget_perf.review.sheet_files import load_sheet  # noqa: F401 - doctest
from budget_perf.review.suggestion import Basis, Evidence, Suggestion

__all__ = ["suggest"]

_Rule = Callable[[SelfEvaluation, ReviewFacts, ReviewSheet, SheetItem], Suggestion]


def _deduct(item: SheetItem, count: int) -> Decimal:
    """The item's points less the rule's deduction per count, at most its maximum, not below 0."""
    per, most = item.rule.deduction or ZERO, item.rule.max_deduction or item.points
    return max(ZERO, item.points - min(most, per * count))


def _missing_facts(item: SheetItem, names: list[tuple[str, str]]) -> Suggestion:
    return Suggestion(
        item=item.key,
        basis=Basis.NO_FACTS,
        evidence=(
            Evidence(
                zh="未提供：" + "、".join(zh for zh, _ in names),
                en="not given: " + ", ".join(en for _, en in names),
            ),
        ),
    )


_FACT_NAMES = {
    "notice_issued": ("是否印发自评通知", "whether the notice was issued"),
    "working_group": ("是否成立工作小组", "whether a working group was set up"),
}


def _fact(
    report: SelfEvaluation, facts: ReviewFacts, sheet: ReviewSheet, item: SheetItem
) -> Suggestion:
    name = item.rule.fact or ""
    value: bool | None = getattr(facts, name)
    if value is None:
        return _missing_facts(item, [_FACT_NAMES[name]])
    zh, en = _FACT_NAMES[name]
    return Suggestion(
        item=item.key,
        score=item.points if value else ZERO,
        basis=Basis.EVIDENCE,
        evidence=(
            Evidence(zh=f"{zh}：{'是' if value else '否'}", en=f"{en}: {'yes' if value else 'no'}"),
        ),
    )


def _notice(
    report: SelfEvaluation, facts: ReviewFacts, sheet: ReviewSheet, item: SheetItem
) -> Suggestion:
    if facts.notice_issued is False:
        missing = list(sheet.notice_contents)
        said = Evidence(
            zh="未印发自评通知，各项内容均缺", en="no notice was issued: every content is missing"
        )
    elif facts.notice_issued is None or facts.notice_contents is None:
        return _missing_facts(item, [("自评通知及其内容", "the notice and its contents")])
    else:
        unknown = [c for c in facts.notice_contents if c not in sheet.notice_contents]
        if unknown:
            raise InvalidReviewInput(
                f"facts: the notice contents {', '.join(unknown)} are not on sheet {sheet.key} "
                f"(it asks for {', '.join(sheet.notice_contents)}) @ $.notice.contents",
                message_zh=f"facts：通知内容「{'、'.join(unknown)}」不在评分表 {sheet.key} 所列之中"
                f"（应为：{'、'.join(sheet.notice_contents)}） @ $.notice.contents",
            )
        missing = [c for c in sheet.notice_contents if c not in facts.notice_contents]
        said = Evidence(
            zh=f"通知缺{len(missing)}项：{'、'.join(missing) or '无'}",
            en=f"the notice lacks {len(missing)}: {', '.join(missing) or 'none'}",
        )
    return Suggestion(
        item=item.key, score=_deduct(item, len(missing)), basis=Basis.EVIDENCE, evidence=(said,)
    )


def _units(
    report: SelfEvaluation, facts: ReviewFacts, sheet: ReviewSheet, item: SheetItem
) -> Suggestion:
    units = facts.units_not_self_checked
    if units is None:
        return _missing_facts(item, [("未开展自查的单位", "the units that did not self-check")])
    said = Evidence(
        zh=f"未开展自查的单位{len(units)}个：{'、'.join(units) or '无'}",
        en=f"{len(units)} unit(s) did not self-check: {', '.join(units) or 'none'}",
    )
    return Suggestion(
        item=item.key, score=_deduct(item, len(units)), basis=Basis.EVIDENCE, evidence=(said,)
    )


def _lateness(
    report: SelfEvaluation, facts: ReviewFacts, sheet: ReviewSheet, item: SheetItem
) -> Suggestion:
    names = [
        name
        for value, name in (
            (facts.deadline, ("截止日期", "the deadline")),
            (facts.submitted, ("报送日期", "the submission date")),
            (facts.calendar, ("工作日历", "the working calendar")),
        )
        if value is None
    ]
    if facts.deadline is None or facts.submitted is None or facts.calendar is None:
        return _missing_facts(item, names)
    counts = item.rule.deadline_day_counts
    days = facts.calendar.working_days_late(
        facts.deadline, facts.submitted, deadline_day_counts=counts
    )
    listed = facts.calendar.late_days(facts.deadline, facts.submitted, deadline_day_counts=counts)
    make_up = facts.calendar.make_up_days
    shown = [f"{d}{'（调休上班）' if d in make_up else ''}" for d in listed or ()]
    shown_en = [f"{d}{' (make-up working day)' if d in make_up else ''}" for d in listed or ()]
    rule_zh = "截止日当天计入" if counts else "截止日当天报送为按时"
    rule_en = "the deadline day counts as late" if counts else "the deadline day is on time"
    said = Evidence(
        zh=f"截止{facts.deadline}，报送{facts.submitted}，推迟{days}个工作日"
        f"（{rule_zh}；日历 {facts.calendar.key}）",
        en=f"deadline {facts.deadline}, submitted {facts.submitted}: {days} working day(s) late "
        f"({rule_en}; calendar {facts.calendar.key})",
    )
    lines = [said]
    if shown:
        lines.append(
            Evidence(
                zh="计为迟报的工作日：" + "、".join(shown),
                en="working days late: " + ", ".join(shown_en),
            )
        )
    return Suggestion(
        item=item.key, score=_deduct(item, days), basis=Basis.EVIDENCE, evidence=tuple(lines)
    )


def _completeness(
    report: SelfEvaluation, facts: ReviewFacts, sheet: ReviewSheet, item: SheetItem
) -> Suggestion:
    attachments = item.rule.kind is RuleKind.ATTACHMENTS
    parts = sheet.attachments if attachments else sheet.report_parts
    state = attachment_state if attachments else part_state
    found = {s: [p for p in parts if state(report, p.key) is s] for s in PartState}
    absent, unseen_parts = found[PartState.ABSENT], found[PartState.NOT_SHOWN]
    what = ("附件", "attachment(s)") if attachments else ("正文部分", "part(s) of the main text")
    evidence = [
        Evidence(
            zh=f"齐备{what[0]}{len(found[PartState.PRESENT])}个，缺{len(absent)}个"
            + (f"：{'、'.join(p.name for p in absent)}" if absent else ""),
            en=f"{len(found[PartState.PRESENT])} {what[1]} present, {len(absent)} missing"
            + (f": {'; '.join(p.en for p in absent)}" if absent else ""),
        )
    ]
    if unseen_parts:
        evidence.append(
            Evidence(
                zh=f"本副本未显示、未计为缺少的{len(unseen_parts)}个："
                f"{'、'.join(p.name for p in unseen_parts)}；请评审确认",
                en=f"{len(unseen_parts)} not shown by this copy, not counted as missing: "
                f"{'; '.join(p.en for p in unseen_parts)}; the reviewer confirms",
            )
        )
    return Suggestion(
        item=item.key,
        score=_deduct(item, len(absent)),
        basis=Basis.DISCRETION if unseen_parts else Basis.EVIDENCE,
        evidence=tuple(evidence),
    )


def _proportion(item: SheetItem, good: int, total: int) -> Decimal:
    """The item's points × good / total, to two decimals (四舍五入), whole where it is whole."""
    value = round_half_up(item.points * good / total)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


#: A clause states a figure a result can be held against: a number, a range, "十余次".
_FIGURES = (TargetKind.QUANTITATIVE, TargetKind.RANGE, TargetKind.APPROXIMATE)


def _measurable_target(text: str) -> bool:
    target = parse_target(text)
    return bool(target.clauses) and all(c.kind in _FIGURES for c in target.clauses)


def _not_shown(item: SheetItem, zh: str, en: str) -> Suggestion:
    return Suggestion(item=item.key, basis=Basis.NOT_SHOWN, evidence=(Evidence(zh=zh, en=en),))


def _weights(
    report: SelfEvaluation, facts: ReviewFacts, sheet: ReviewSheet, item: SheetItem
) -> Suggestion:
    profile = load_profile(sheet.profile)
    weights = dict(profile.level1_weights)
    checked, deviating = 0, []
    for table in evaluation_tables(report):
        rows: list[tuple[str, Decimal | None, str, str]] = []
        funding = table.funding
        if funding is not None and funding.is_shown("weight"):
            rows.append(("", funding.weight, BUDGET_EXECUTION, "预算执行率"))
        if table.indicators is not None:
            rows += _level1_checks(table, table.indicators, weights)
        for _, stated, key, label in rows:
            if stated is None or key not in weights:
                continue
            checked += 1
            if stated != weights[key]:
                deviating.append(
                    Evidence(
                        zh=f"「{table.name}」{label}权重{stated}分，规定{weights[key]}分",
                        en=f"'{table.name}': {key.replace('_', ' ')} weighs {stated}, "
                        f"the rules {weights[key]}",
                    )
                )
    if not checked:
        return _not_shown(item, "本副本未列出可核对的权重", "this copy states no weight to check")
    good = checked - len(deviating)
    head = Evidence(
        zh=f"{checked}项权重中{good}项符合{profile.title}（按比例：{item.points}×{good}/{checked}）",
        en=f"{good} of {checked} weights follow {profile.key} "
        f"(in proportion: {item.points} × {good}/{checked})",
    )
    return Suggestion(
        item=item.key,
        score=_proportion(item, good, checked),
        basis=Basis.EVIDENCE,
        evidence=(head, *deviating),
    )


def _refined(
    report: SelfEvaluation, facts: ReviewFacts, sheet: ReviewSheet, item: SheetItem
) -> Suggestion:
    blocks, unrefined = 0, []
    for table in evaluation_tables(report):
        tree = table.indicators
        if tree is None:
            continue
        for i in whole_blocks(tree):
            group = tree.groups[i]
            blocks += 1
            if not any(filled(ind) or unseen(ind) for ind in group.indicators()):
                unrefined.append(
                    Evidence(
                        zh=f"「{table.name}」{group.category.value}未细化到三级指标",
                        en=f"'{table.name}': {group.category.english} not refined to level 3",
                    )
                )
    if not blocks:
        return _not_shown(item, "本副本未显示一级指标", "this copy shows no level-1 block")
    good = blocks - len(unrefined)
    head = Evidence(
        zh=f"{blocks}个一级指标中{good}个细化到三级指标",
        en=f"{good} of {blocks} level-1 blocks refined to level 3",
    )
    partly = 0 < good < blocks  # 部分细化的，酌情扣分
    return Suggestion(
        item=item.key,
        score=_proportion(item, good, blocks),
        basis=Basis.DISCRETION if partly else Basis.EVIDENCE,
        evidence=(head, *unrefined),
    )


def _measurable(
    report: SelfEvaluation, facts: ReviewFacts, sheet: ReviewSheet, item: SheetItem
) -> Suggestion:
    total, vague = 0, []
    for table in evaluation_tables(report):
        if table.indicators is None:
            continue
        for ind in table.indicators.indicators():
            if not filled(ind) or not ind.is_shown("target"):
                continue
            total += 1
            if not _measurable_target(ind.target_text()):
                vague.append(
                    Evidence(
                        zh=f"「{table.name}」{ind.name}：{ind.target or '空'}",
                        en=f"'{table.name}' {ind.name}: {ind.target or 'blank'}",
                    )
                )
    if not total:
        return _not_shown(item, "本副本未显示三级指标的指标值", "this copy shows no level-3 target")
    good = total - len(vague)
    head = Evidence(
        zh=f"{total}个三级指标中{good}个指标值可衡量（每一句都有数字、区间或约数）；"
        f"以下{len(vague)}个不可衡量，每项酌情扣分",
        en=f"{good} of {total} level-3 targets are measurable (every clause states a figure, "
        "a range or an approximate figure); "
        f"the {len(vague)} below are not, each at the reviewer's discretion",
    )
    return Suggestion(
        item=item.key,
        score=_proportion(item, good, total),
        basis=Basis.DISCRETION,
        evidence=(head, *vague),
    )


_RULES: dict[RuleKind, _Rule] = {
    RuleKind.FACT: _fact,
    RuleKind.NOTICE_CONTENTS: _notice,
    RuleKind.UNITS_NOT_SELF_CHECKED: _units,
    RuleKind.LATENESS: _lateness,
    RuleKind.REPORT_PARTS: _completeness,
    RuleKind.ATTACHMENTS: _completeness,
    RuleKind.PROFILE_WEIGHTS: _weights,
    RuleKind.REFINED: _refined,
    RuleKind.MEASURABLE: _measurable,
}


@in_library_context
def suggest(
    report: SelfEvaluation, sheet: ReviewSheet, facts: ReviewFacts | None = None
) -> dict[str, Suggestion]:
    """A suggestion for each item of *sheet* that is not judged, by item key.

    Raises:
        InvalidReviewInput: a fact does not fit the sheet (a notice content it does not list).
    """
    facts = facts or ReviewFacts()
    return {
        item.key: _RULES[item.rule.kind](report, facts, sheet, item)
        for item in sheet.items
        if not item.judged
    }
