"""The filled review sheet: suggestions, the reviewer's scores, and why each score is what it is.

:func:`fill_sheet` puts together the library's suggestions (:mod:`.suggest`) and the reviewer's
input (:mod:`.facts`).  Each item ends in one :class:`ItemStatus`:

- ``suggested``: scored from the evidence by the sheet's own rule;
- ``to_confirm``: suggested at the reviewer's discretion (酌情), not yet confirmed;
- ``confirmed`` / ``overridden``: the reviewer confirmed the suggestion, or gave another score
  with a reason;
- ``judged``: the reviewer's score of a judged item (or of one the copy cannot show), with a
  reason, inside one of the sheet's bands;
- ``missing``: no score yet (a judged item without a score, or a fact not given).

The sheet is complete when no item is ``to_confirm`` or ``missing``; only then has it a total.
A reviewer's score is refused, never bent: above the item's points, between two bands, on an
item the evidence scores (correct the facts instead), or for an item the sheet does not have.

>>> from budget_perf.examples import load
>>> filled = fill_sheet(load("yueyang-npc-2022"))
>>> filled.complete, filled.item("attachments").score, filled.item("problems").status.value
(False, Decimal('7'), 'missing')
>>> facts = facts_from_json('{"reviewer": {"problems": {"score": "19", "reason": "较全面"}}}')
>>> fill_sheet(load("yueyang-npc-2022"), facts)
Traceback (most recent call last):
...
budget_perf.review._errors.InvalidReviewInput: problems (反映问题情况): 19 is in none of the
    sheet's bands: 20 (problems summed up and causes analysed comprehensively); 16–18 (fairly
    comprehensive); 13–15 (not comprehensive); 10–12 (not summed up and too brief); 0 (only a
    lack of funds is named); for "其他情况酌情扣分" add "other_case": true
"""

import enum
from decimal import Decimal

import attrs

from budget_perf._decimal import ZERO, library_context
from budget_perf._wording import show
from budget_perf.model import SelfEvaluation
from budget_perf.review._errors import InvalidReviewInput
from budget_perf.review.facts import ReviewerInput, ReviewFacts, facts_from_json
from budget_perf.review.sheet import ReviewSheet, SheetItem
from budget_perf.review.sheet_files import load_sheet
from budget_perf.review.suggest import suggest
from budget_perf.review.suggestion import Basis, Evidence, Suggestion

__all__ = ["DEFAULT_SHEET", "FilledItem", "FilledSheet", "ItemStatus", "fill_sheet"]

#: The sheet used when neither the caller nor the facts name one.
DEFAULT_SHEET = "yueyang-2022"
_ = facts_from_json  # the doctest above uses it


class ItemStatus(enum.Enum):
    """Where an item's score stands (see the module docstring)."""

    SUGGESTED = "suggested"
    TO_CONFIRM = "to_confirm"
    CONFIRMED = "confirmed"
    OVERRIDDEN = "overridden"
    JUDGED = "judged"
    MISSING = "missing"


#: Statuses whose score counts towards the total.
FINAL = frozenset(
    {ItemStatus.SUGGESTED, ItemStatus.CONFIRMED, ItemStatus.OVERRIDDEN, ItemStatus.JUDGED}
)


@attrs.frozen(kw_only=True)
class FilledItem:
    """One item of the filled sheet: its score (``None`` while open) and why."""

    item: SheetItem
    status: ItemStatus
    score: Decimal | None = None
    suggestion: Suggestion | None = None
    reason: str = ""

    def why(self) -> tuple[Evidence, ...]:
        """The reasons for the score: the reviewer's reason, the evidence, and what is open."""
        lines = []
        if self.reason:  # the reviewer's word first: it is what decided the score
            lines.append(
                Evidence(zh=f"评审理由：{self.reason}", en=f"reviewer's reason: {self.reason}")
            )
        if self.status is ItemStatus.CONFIRMED:
            lines.append(
                Evidence(zh="评审已确认建议分", en="the reviewer confirmed the suggestion")
            )
        if self.status is ItemStatus.OVERRIDDEN and self.suggestion is not None:
            lines.append(
                Evidence(
                    zh=f"建议分{self.suggestion.score}分，依据如下",
                    en=f"the suggestion was {self.suggestion.score}, on this evidence",
                )
            )
        lines += self.suggestion.evidence if self.suggestion else ()
        if self.status is ItemStatus.TO_CONFIRM:
            lines.append(
                Evidence(
                    zh="酌情项：待评审确认或改分并说明理由",
                    en="at discretion: awaiting the reviewer's confirmation or score with a reason",
                )
            )
        if self.status is ItemStatus.MISSING and self.item.judged:
            bands = "；".join(f"{b}（{b.zh}）" if b.zh else str(b) for b in self.item.rule.bands)
            bands_en = "; ".join(f"{b} ({b.en})" if b.en else str(b) for b in self.item.rule.bands)
            lines.append(
                Evidence(
                    zh=f"待评审打分，分数段：{bands}",
                    en=f"awaiting the reviewer's score; bands: {bands_en}",
                )
            )
        return tuple(lines)


@attrs.frozen(kw_only=True)
class FilledSheet:
    """A review sheet filled in for one report, complete or not."""

    sheet: ReviewSheet
    unit: str
    items: tuple[FilledItem, ...]

    @property
    def complete(self) -> bool:
        """Whether every item has a final score."""
        return all(item.status in FINAL for item in self.items)

    @property
    def open_items(self) -> tuple[FilledItem, ...]:
        """The items still waiting for a score or a confirmation."""
        return tuple(item for item in self.items if item.status not in FINAL)

    @property
    def scored(self) -> Decimal:
        """The sum of the final scores so far."""
        with library_context():  # the caller's precision must not round the sum
            scores = (i.score for i in self.items if i.status in FINAL and i.score is not None)
            return sum(scores, ZERO)

    @property
    def total(self) -> Decimal | None:
        """The sheet's total score, or ``None`` while an item is open."""
        return self.scored if self.complete else None

    def item(self, key: str) -> FilledItem:
        """The filled item called *key* (``KeyError`` if the sheet has none)."""
        for filled in self.items:
            if filled.item.key == key:
                return filled
        raise KeyError(key)


_CENT = Decimal("0.01")


def _label(item: SheetItem) -> tuple[str, str]:
    return f"{item.key} ({item.level2})", f"{item.key}（{item.level2}）"


def _refuse(item: SheetItem, en: str, zh: str) -> InvalidReviewInput:
    label_en, label_zh = _label(item)
    return InvalidReviewInput(f"{label_en}: {en}", message_zh=f"{label_zh}：{zh}")


def _check_score(item: SheetItem, entry: ReviewerInput, *, banded: bool) -> Decimal:
    score = entry.score
    if score is None:
        raise _refuse(
            item,
            "a judged item has no suggestion to confirm: give a score and a reason",
            "评判项没有建议分可确认：请给出分数及理由",
        )
    if not ZERO <= score <= item.points:
        raise _refuse(
            item,
            f"{score} is outside 0 to the item's {item.points} points",
            f"{score}分超出本项0至{item.points}分的范围",
        )
    with library_context():  # a caller's precision must not make the quantize fail
        finer = score != score.quantize(_CENT)  # by value: "16.50" and "16.500" are 16.5
    if finer:
        raise _refuse(
            item, f"{score}: give a score to at most two decimals", f"{score}：分数最多保留两位小数"
        )
    rule = item.rule
    if entry.other_case and not rule.other_cases:
        raise _refuse(
            item, "the sheet has no 其他情况 for this item", "评分表本项没有“其他情况酌情扣分”"
        )
    if banded and not entry.other_case and not any(b.holds(score) for b in rule.bands):
        en = "; ".join(f"{b} ({b.en})" if b.en else str(b) for b in rule.bands)
        zh = "；".join(f"{b}（{b.zh}）" if b.zh else str(b) for b in rule.bands)
        hint = (
            ' for "其他情况酌情扣分" add "other_case": true',
            '属“其他情况酌情扣分”的，请加 "other_case": true',
        )
        more = hint if rule.other_cases else ("", "")
        raise _refuse(
            item,
            f"{score} is in none of the sheet's bands: {en};{more[0]}".removesuffix(";"),
            f"{score}分不在评分表的任何分数段内：{zh}；{more[1]}".removesuffix("；"),
        )
    return score


def _fill(
    item: SheetItem, suggestion: Suggestion | None, entry: ReviewerInput | None
) -> FilledItem:
    if suggestion is None or suggestion.basis is Basis.NOT_SHOWN:  # the reviewer scores it
        if entry is None:
            return FilledItem(item=item, status=ItemStatus.MISSING, suggestion=suggestion)
        score = _check_score(item, entry, banded=item.judged)
        return FilledItem(
            item=item,
            status=ItemStatus.JUDGED,
            score=score,
            suggestion=suggestion,
            reason=entry.reason,
        )
    if suggestion.basis is Basis.DISCRETION:
        if entry is None:
            return FilledItem(
                item=item, status=ItemStatus.TO_CONFIRM, score=None, suggestion=suggestion
            )
        if entry.confirm:
            return FilledItem(
                item=item,
                status=ItemStatus.CONFIRMED,
                score=suggestion.score,
                suggestion=suggestion,
            )
        score = _check_score(item, entry, banded=False)
        return FilledItem(
            item=item,
            status=ItemStatus.OVERRIDDEN,
            score=score,
            suggestion=suggestion,
            reason=entry.reason,
        )
    if entry is not None:
        needs = (
            "give the missing facts"
            if suggestion.basis is Basis.NO_FACTS
            else "correct the facts or the report"
        )
        needs_zh = (
            "请补充所缺事实" if suggestion.basis is Basis.NO_FACTS else "如有误请更正事实或报告数据"
        )
        raise _refuse(
            item,
            f"this item is scored from the evidence, not by the reviewer: {needs}",
            f"本项按证据计分，不由评审打分：{needs_zh}",
        )
    if suggestion.basis is Basis.NO_FACTS:
        return FilledItem(item=item, status=ItemStatus.MISSING, suggestion=suggestion)
    return FilledItem(
        item=item, status=ItemStatus.SUGGESTED, score=suggestion.score, suggestion=suggestion
    )


def fill_sheet(
    report: SelfEvaluation, facts: ReviewFacts | None = None, sheet: ReviewSheet | None = None
) -> FilledSheet:
    """The review sheet filled in for *report* with *facts* (none by default).

    The sheet is *sheet*, else the one the facts name, else :data:`DEFAULT_SHEET`.

    Raises:
        InvalidReviewInput: a reviewer's score or a fact does not fit the sheet.
    """
    facts = facts or ReviewFacts()
    if sheet is None:
        sheet = load_sheet(facts.sheet or DEFAULT_SHEET)
    keys = {item.key for item in sheet.items}
    unknown = [entry.item for entry in facts.reviewer if entry.item not in keys]
    if unknown:
        raise InvalidReviewInput(
            f"facts: sheet {sheet.key} has no item {show(unknown[0])} (its items: "
            f"{', '.join(item.key for item in sheet.items)}) @ $.reviewer",
            message_zh=f"facts：评分表 {sheet.key} 没有评分项 {show(unknown[0])}（可用："
            f"{'、'.join(item.key for item in sheet.items)}） @ $.reviewer",
        )
    suggestions = suggest(report, sheet, facts)
    items = tuple(
        _fill(item, suggestions.get(item.key), facts.input_for(item.key)) for item in sheet.items
    )
    return FilledSheet(sheet=sheet, unit=report.department.name, items=items)
