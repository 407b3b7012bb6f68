"""Tests of budget_perf.review.filled and .facts: the reviewer's scores, their bands, and when a
sheet is complete."""

import decimal
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from budget_perf.examples import load
from budget_perf.review import (
    InvalidReviewInput,
    ItemStatus,
    ReviewFacts,
    facts_from_json,
    fill_sheet,
    load_sheet,
)

D = Decimal
REPORT = load("yueyang-npc-2022")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "review-facts.json"


def example_facts(**reviewer: Any) -> ReviewFacts:
    """The example facts file with its reviewer entries changed (None removes one)."""
    data = json.loads(EXAMPLE.read_text("utf-8"))
    for key, entry in reviewer.items():
        if entry is None:
            del data["reviewer"][key]
        else:
            data["reviewer"][key] = entry
    return facts_from_json(json.dumps(data, ensure_ascii=False))


def refusal(**reviewer: Any) -> InvalidReviewInput:
    """The refusal of the example facts with these reviewer entries."""
    with pytest.raises(InvalidReviewInput) as caught:
        fill_sheet(REPORT, example_facts(**reviewer))
    return caught.value


def test_the_example_facts_complete_the_sheet() -> None:
    """Every item has a final score: the total is their sum, 84 of 100."""
    filled = fill_sheet(REPORT, example_facts())
    assert filled.complete and filled.open_items == ()
    assert filled.total == D(84) == sum(item.score or D(0) for item in filled.items)
    statuses = {item.item.key: item.status for item in filled.items}
    assert statuses["problems"] is ItemStatus.JUDGED
    assert statuses["measurable"] is ItemStatus.OVERRIDDEN
    assert statuses["attachments"] is ItemStatus.SUGGESTED


def test_without_facts_the_sheet_is_incomplete_and_has_no_total() -> None:
    """The judged items and the process facts are missing; the score so far is 25 (8 + 7 + 5
    + 5), the measurable targets wait for confirmation, and there is no total."""
    filled = fill_sheet(REPORT)
    assert not filled.complete and filled.total is None
    assert filled.scored == D(25)
    assert filled.item("measurable").status is ItemStatus.TO_CONFIRM
    assert filled.item("measurable").score is None
    assert [i.item.key for i in filled.open_items] == [
        "notice_issued", "notice_contents", "working_group", "self_check", "submission",
        "measurable", "core_indicators", "relevant_indicators", "problems", "suggestions",
    ]  # fmt: skip


def test_a_missing_judged_item_keeps_the_sheet_open() -> None:
    """One judged item left out: not complete, and that item shows its bands to the reviewer."""
    filled = fill_sheet(REPORT, example_facts(suggestions=None))
    assert not filled.complete
    open_item = filled.item("suggestions")
    assert open_item.status is ItemStatus.MISSING and open_item.score is None
    assert open_item.why()[-1].zh.startswith("待评审打分，分数段：15（建议与问题对应且全面）")


def test_confirming_a_discretionary_suggestion_keeps_its_score() -> None:
    """ "confirm": true on the measurable targets takes the suggested 1.47."""
    filled = fill_sheet(REPORT, example_facts(measurable={"confirm": True}))
    assert filled.item("measurable").status is ItemStatus.CONFIRMED
    assert filled.item("measurable").score == D("1.47")
    assert filled.total == D("82.47")


def test_a_score_inside_a_band_is_taken_with_its_reason() -> None:
    """16–18 is a band of 反映问题情况: 17 is taken, and the reason is the first line of why."""
    filled = fill_sheet(REPORT, example_facts(problems={"score": "17", "reason": "较全面"}))
    assert filled.item("problems").score == D(17)
    assert filled.item("problems").why()[0].en == "reviewer's reason: 较全面"


def test_a_score_between_two_bands_is_refused_with_the_bands_shown() -> None:
    """19 lies between 16–18 and 20: refused, listing every band, in English and Chinese."""
    err = refusal(problems={"score": "19", "reason": "接近全面"})
    assert str(err).startswith("problems (反映问题情况): 19 is in none of the sheet's bands: 20 (")
    assert "16–18 (fairly comprehensive); 13–15" in str(err)
    assert err.message("zh").startswith(
        "problems（反映问题情况）：19分不在评分表的任何分数段内：20（归纳问题、分析原因全面）；16–18（"
    )


def test_the_sheet_s_other_cases_allow_a_score_outside_the_bands() -> None:
    """ "其他情况酌情扣分": marked as such, with a reason, 19 is taken."""
    entry = {"score": "19", "reason": "原因分析全面但未涉及政府采购", "other_case": True}
    filled = fill_sheet(REPORT, example_facts(problems=entry))
    assert filled.item("problems").score == D(19)


def test_other_cases_are_refused_where_the_sheet_has_none() -> None:
    """The example county sheet prints no 其他情况: 5 is between 1–4 and 6–8, and stays refused."""
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["sheet"] = "example-county"
    data["reviewer"] = {"problems": {"score": "5", "reason": "x", "other_case": True}}
    with pytest.raises(InvalidReviewInput, match="the sheet has no 其他情况 for this item"):
        fill_sheet(REPORT, facts_from_json(json.dumps(data, ensure_ascii=False)))


@pytest.mark.parametrize(
    ("entry", "english", "chinese"),
    [
        ({"score": "21", "reason": "x"}, "21 is outside 0 to the item's 20", "超出本项0至20分"),
        ({"score": "-1", "reason": "x"}, "-1 is outside 0 to", "超出本项"),
        ({"score": "16.125", "reason": "x"}, "to at most two decimals", "最多保留两位小数"),
        ({"confirm": True}, "has no suggestion to confirm", "没有建议分可确认"),
    ],
)  # fmt: skip
def test_an_impossible_judged_score_is_refused(entry: Any, english: str, chinese: str) -> None:
    """Above the points, below zero, finer than a cent, or a confirmation of nothing."""
    err = refusal(problems=entry)
    assert english in str(err)
    assert chinese in err.message("zh")


@pytest.mark.parametrize(
    ("reviewer", "english", "chinese"),
    [
        ({"problems": {"score": "16"}}, "a reviewer's score needs a reason", "须说明理由"),
        ({"problems": {}}, 'give either a "score" with a "reason" or "confirm": true', "二者取一"),
        ({"problems": {"score": 16, "reason": "x"}}, "got the JSON number 16", "实际为JSON数字 16"),
        ({"problems": {"score": "十六", "reason": "x"}}, "'十六' is not a decimal", "不是小数"),
    ],
)  # fmt: skip
def test_a_malformed_reviewer_entry_is_refused_at_its_path(
    reviewer: Any, english: str, chinese: str
) -> None:
    """A score without a reason, an empty entry, a float, a number in words: refused where."""
    with pytest.raises(InvalidReviewInput) as caught:
        facts_from_json(json.dumps({"reviewer": reviewer}, ensure_ascii=False))
    assert english in str(caught.value) and "@ $.reviewer.problems" in str(caught.value)
    assert chinese in caught.value.message("zh")


def test_a_unit_named_twice_is_refused() -> None:
    """ "每发现一个单位…扣1分": a unit listed twice is one unit, so the list is refused rather
    than counted twice."""
    with pytest.raises(InvalidReviewInput) as caught:
        facts_from_json('{"units_not_self_checked": ["甲", "乙", "甲"]}')
    assert "a unit is named twice" in str(caught.value)
    assert "有单位重复列出" in caught.value.message("zh")


def test_an_evidence_item_cannot_be_overridden() -> None:
    """The attachments are scored from the report: a reviewer's score there is refused (the
    facts or the report are what to correct)."""
    err = refusal(attachments={"score": "5", "reason": "附件不清晰"})
    assert "scored from the evidence, not by the reviewer" in str(err)
    assert "本项按证据计分，不由评审打分" in err.message("zh")


def test_an_item_the_sheet_does_not_have_is_refused() -> None:
    """A misspelt item key is refused, listing the sheet's keys."""
    err = refusal(problem={"score": "16", "reason": "x"})
    assert "sheet yueyang-2022 has no item 'problem'" in str(err)
    assert "没有评分项 'problem'" in err.message("zh")


def test_the_example_sheet_is_filled_by_the_same_code() -> None:
    """The made-up county sheet: other points, a deadline day that counts, other parts."""
    county = load_sheet("example-county")
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["sheet"] = "example-county"
    data["reviewer"] = {"measurable": {"confirm": True}}
    filled = fill_sheet(REPORT, facts_from_json(json.dumps(data, ensure_ascii=False)))
    assert filled.sheet == county
    # due 21 June, the deadline day counts: 21st, 25th (调休), 26th = 3 days × 3 points
    assert filled.item("submission").score == D(6)
    assert filled.item("main_text").score == D(20)
    assert filled.item("measurable").score == D("2.94")  # 10 × 25/85


def test_the_caller_s_decimal_context_changes_nothing() -> None:
    """A caller's two-digit precision does not change a proportion or a total."""
    with decimal.localcontext() as context:
        context.prec = 2
        filled = fill_sheet(REPORT, example_facts(measurable={"confirm": True}))
        total = filled.total
    assert filled.item("measurable").score == D("1.47")
    assert total == D("82.47")


def test_a_score_is_judged_by_its_value_not_by_its_written_decimals() -> None:
    """ "16.500" is 16.5, which has at most two decimals: taken, inside the 16–18 band (also
    under a caller's two-digit precision); a score of 16.125 is still refused (see above)."""
    entry = {"score": "16.500", "reason": "较全面"}
    assert fill_sheet(REPORT, example_facts(problems=entry)).item("problems").score == D("16.5")
    with decimal.localcontext() as context:
        context.prec = 2
        filled = fill_sheet(REPORT, example_facts(problems=entry))
    assert filled.item("problems").score == D("16.5")
