"""Tests of budget_perf.review.suggest and .parts: the scores the library suggests, each with its
evidence, argued from the wording of the 考核评分表 itself."""

import datetime
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from budget_perf.examples import load
from budget_perf.model import IndicatorTree, Level1Group, Narrative, Project, SelfEvaluation
from budget_perf.review import (
    Basis,
    InvalidReviewInput,
    ReviewFacts,
    Suggestion,
    facts_from_json,
    load_calendar,
    load_sheet,
    suggest,
)

D = Decimal
SHEET = load_sheet("yueyang-2022")
REPORT = load("yueyang-npc-2022")
EXAMPLE_FACTS = facts_from_json(
    (Path(__file__).resolve().parent.parent / "examples" / "review-facts.json").read_bytes()
)


def narrative() -> Narrative:
    """The bundled report's 正文."""
    assert REPORT.narrative is not None
    return REPORT.narrative


def tree(project: Project) -> IndicatorTree:
    """A project table's indicator tree."""
    assert project.indicators is not None
    return project.indicators


def suggested(
    report: SelfEvaluation = REPORT, facts: ReviewFacts | None = None
) -> dict[str, Suggestion]:
    """The suggestions for *report* on the Yueyang sheet."""
    return suggest(report, SHEET, facts)


def said(suggestion: Suggestion) -> list[str]:
    """The evidence of a suggestion, in Chinese."""
    return [line.zh for line in suggestion.evidence]


# --- the bundled report: every suggested score pinned with its evidence ---------------------


def test_bundled_main_text_is_complete() -> None:
    """完整性 1: "正文部分内容齐全的，得8分；否则每少一个部分扣2分" — all ten headings of the
    report are there (其他需要说明的情况 says "无", which is a statement, not a gap): 8."""
    found = suggested()["main_text"]
    assert (found.score, found.basis) == (D(8), Basis.EVIDENCE)
    assert said(found) == ["齐备正文部分10个，缺0个"]


def test_bundled_attachments_are_complete() -> None:
    """完整性 2: "附件部分内容齐全的，得7分" — the basic data table, the department table and
    the project tables (eight) are all in the report: 7."""
    found = suggested()["attachments"]
    assert (found.score, found.basis) == (D(7), Basis.EVIDENCE)
    assert said(found) == ["齐备附件3个，缺0个"]


def test_bundled_weights_follow_the_yueyang_rules() -> None:
    """绩效自评表 1: "…和预算执行率的权重符合《岳阳市市级预算部门绩效自评操作规程》要求的，得5分"
    — in all nine tables 预算执行率 weighs 10, 产出 50, 效益 30, 满意度 10 (36 weights): 5."""
    found = suggested()["weights"]
    assert (found.score, found.basis) == (D(5), Basis.EVIDENCE)
    assert said(found) == ["36项权重中36项符合岳阳市市级预算部门绩效自评（按比例：5×36/36）"]


def test_bundled_indicators_are_all_refined() -> None:
    """绩效自评表 2: "全部细化到三级指标的，得5分" — each of the 27 一级 blocks (3 in each of
    nine tables) has filled 三级 rows: 5, and no discretion is needed."""
    found = suggested()["refined"]
    assert (found.score, found.basis) == (D(5), Basis.EVIDENCE)
    assert said(found) == ["27个一级指标中27个细化到三级指标"]


def test_bundled_measurable_targets_are_a_suggestion_at_discretion() -> None:
    """绩效自评表 3: "三级绩效指标内涵明确、具体、可衡量的得5分；…否则，每项酌情扣分" — 25 of
    the 85 targets state a figure in every clause ("100%", "24-26次维修", "十余次专项督查");
    60 do not ("预算内资金", "满意", "每年…n+1次"): 5 × 25/85 = 1.47, which the reviewer must
    confirm or replace, since the sheet leaves each deduction to their discretion."""
    found = suggested()["measurable"]
    assert (found.score, found.basis) == (D("1.47"), Basis.DISCRETION)
    lines = said(found)
    assert lines[0] == (
        "85个三级指标中25个指标值可衡量（每一句都有数字、区间或约数）；以下60个不可衡量，每项酌情扣分"
    )
    assert len(lines) == 1 + 60
    assert "「运行维护经费」机关全体职工干部满意：满意" in lines
    assert not any("十余次专项督查" in line for line in lines)  # an approximate figure counts


def test_bundled_process_items_wait_for_their_facts() -> None:
    """布置工作 and 实施评价 score the process, which the report does not record: without facts
    the library suggests nothing and says which fact is missing."""
    found = suggested()
    for key in ("notice_issued", "notice_contents", "working_group", "self_check", "submission"):
        assert (found[key].score, found[key].basis) == (None, Basis.NO_FACTS)
    assert said(found["submission"]) == ["未提供：截止日期、报送日期、工作日历"]


def test_bundled_process_items_with_the_example_facts() -> None:
    """With examples/review-facts.json (illustrative): "印发绩效自评通知的得2分" → 2; the notice
    has five of the six contents, "缺1项扣1分" → 5; "成立绩效自评工作小组的得2分" → 2; no unit
    failed to self-check → 10; due 21 June, handed in on the 26th: Sunday 25th is a make-up
    working day (调休) and Monday 26th a working day, "每推迟一个工作日…扣1分" → 8."""
    found = suggested(facts=EXAMPLE_FACTS)
    keys = ("notice_issued", "notice_contents", "working_group", "self_check", "submission")
    scores = {key: found[key].score for key in keys}
    assert scores == {
        "notice_issued": D(2), "notice_contents": D(5), "working_group": D(2),
        "self_check": D(10), "submission": D(8),
    }  # fmt: skip
    assert said(found["notice_contents"]) == ["通知缺1项：附件"]
    assert said(found["submission"]) == [
        "截止2023-06-21，报送2023-06-26，推迟2个工作日（截止日当天报送为按时；日历 cn-2023）",
        "计为迟报的工作日：2023-06-25（调休上班）、2023-06-26",
    ]


# --- completeness: only parts known to be absent are counted --------------------------------


def test_a_missing_part_of_the_main_text_costs_two_points() -> None:
    """ "每少一个部分扣2分": a report whose 正文 names no problems lacks one part: 6."""
    text = attrs.evolve(narrative(), problems=())
    found = suggested(attrs.evolve(REPORT, narrative=text))["main_text"]
    assert (found.score, found.basis) == (D(6), Basis.EVIDENCE)
    assert said(found) == ["齐备正文部分9个，缺1个：七、存在的问题及原因分析"]


def test_the_main_text_deduction_stops_at_eight() -> None:
    """ "最多扣8分": five parts missing would be 10 points, but the item has only 8: 0."""
    text = attrs.evolve(
        narrative(), problems=(), improvements=(), performance=(), results_use="",
        other_matters="",
    )  # fmt: skip
    assert suggested(attrs.evolve(REPORT, narrative=text))["main_text"].score == D(0)


def test_a_copy_without_the_main_text_counts_nothing_missing() -> None:
    """A workbook of tables (no 正文) does not show the headings: none is counted missing; the
    suggestion stays 8 and asks the reviewer to confirm it against the whole report."""
    found = suggested(attrs.evolve(REPORT, narrative=None))["main_text"]
    assert (found.score, found.basis) == (D(8), Basis.DISCRETION)
    assert said(found)[0] == "齐备正文部分0个，缺0个"
    assert said(found)[1].startswith("本副本未显示、未计为缺少的10个：一、部门（单位）基本情况")


def test_a_part_marked_not_shown_is_not_missing() -> None:
    """An excerpt whose reader marks the 一般公共预算 section not shown: not a missing part."""
    copy = attrs.evolve(REPORT, general_budget=None, not_shown=("general_budget",))
    found = suggested(copy)["main_text"]
    assert (found.score, found.basis) == (D(8), Basis.DISCRETION)
    assert "二、一般公共预算支出情况" in said(found)[1]


def test_missing_attachments_cost_two_points_each_to_at_most_seven() -> None:
    """ "每少一个部分扣2分，最多扣7分": without the basic data table 5; without all three 1."""
    no_basic = attrs.evolve(REPORT, basic_data=None)
    assert suggested(no_basic)["attachments"].score == D(5)
    bare = attrs.evolve(REPORT, basic_data=None, department_table=None, projects=())
    found = suggested(bare)["attachments"]
    assert (found.score, found.basis) == (D(1), Basis.EVIDENCE)


def test_tables_a_copy_does_not_show_are_not_missing_attachments() -> None:
    """A copy without the 正文 that holds only the project tables: the other two tables may be
    in the full report, so nothing is deducted and the reviewer confirms."""
    copy = attrs.evolve(REPORT, narrative=None, basic_data=None, department_table=None)
    found = suggested(copy)["attachments"]
    assert (found.score, found.basis) == (D(7), Basis.DISCRETION)


# --- the indicator tables ------------------------------------------------------------------


def _with_first_project(groups: tuple[Level1Group, ...]) -> SelfEvaluation:
    """The bundled report with the first project's 一级 blocks replaced by *groups*."""
    project = REPORT.projects[0]
    changed = attrs.evolve(project, indicators=attrs.evolve(tree(project), groups=groups))
    return attrs.evolve(REPORT, projects=(changed, *REPORT.projects[1:]))


def test_a_weight_off_the_rules_costs_its_share() -> None:
    """ "否则按比例扣除相应的分数": one 产出 block weighing 40 instead of 50 leaves 35 of 36
    weights right: 5 × 35/36 = 4.86, and the evidence names the table and the weight."""
    groups = tree(REPORT.projects[0]).groups
    moved = (attrs.evolve(groups[0], stated_weight=D(40)), *groups[1:])
    found = suggested(_with_first_project(groups=moved))["weights"]
    assert (found.score, found.basis) == (D("4.86"), Basis.EVIDENCE)
    assert said(found)[1] == "「业务工作经费」产出指标权重40分，规定50分"


def test_partly_refined_indicators_are_left_to_discretion() -> None:
    """ "部分细化的，酌情扣分": a 满意度 block with no 三级 row leaves 26 of 27 refined; the
    proportion 4.81 is only a suggestion for the reviewer to confirm."""
    groups = tree(REPORT.projects[0]).groups
    emptied = (*groups[:2], Level1Group(category=groups[2].category, stated_weight=D(10)))
    found = suggested(_with_first_project(groups=emptied))["refined"]
    assert (found.score, found.basis) == (D("4.81"), Basis.DISCRETION)
    assert said(found)[1] == "「业务工作经费」满意度指标未细化到三级指标"


def test_indicators_not_refined_at_all_score_nothing() -> None:
    """ "没有细化的，不得分": tables whose blocks hold no 三级 row at all: 0, on the evidence."""
    bare = [
        Level1Group(category=group.category) for p in REPORT.projects for group in tree(p).groups
    ]
    tables = tuple(
        attrs.evolve(p, indicators=attrs.evolve(tree(p), groups=tuple(bare[:3])))
        for p in REPORT.projects
    )
    copy = attrs.evolve(REPORT, projects=tables, department_table=None)
    found = suggested(copy)["refined"]
    assert (found.score, found.basis) == (D(0), Basis.EVIDENCE)


def test_a_copy_without_indicator_tables_leaves_them_to_the_reviewer() -> None:
    """No table shown: nothing to suggest from; the reviewer scores these items."""
    copy = attrs.evolve(REPORT, department_table=None, projects=())
    found = suggested(copy)
    for key in ("weights", "refined", "measurable"):
        assert (found[key].score, found[key].basis) == (None, Basis.NOT_SHOWN)


# --- the process facts ---------------------------------------------------------------------


def test_no_notice_scores_neither_notice_item() -> None:
    """ "印发绩效自评通知的得2分，否则不得分", and a notice never issued contains nothing."""
    found = suggested(facts=ReviewFacts(notice_issued=False))
    assert (found["notice_issued"].score, found["notice_contents"].score) == (D(0), D(0))


def test_each_unit_that_did_not_self_check_costs_a_point_to_at_most_ten() -> None:
    """ "每发现一个单位没有做相应工作的，扣1分，最多扣10分"."""
    three = suggested(facts=ReviewFacts(units_not_self_checked=("甲", "乙", "丙")))["self_check"]
    assert three.score == D(7) and said(three) == ["未开展自查的单位3个：甲、乙、丙"]
    many = ReviewFacts(units_not_self_checked=tuple(str(i) for i in range(12)))
    assert suggested(facts=many)["self_check"].score == D(0)


def test_lateness_stops_at_ten_points() -> None:
    """ "每推迟一个工作日…扣1分，最多扣10分": two months late (42 working days:
    22 in March from the 2nd, 20 in April with the 调休 Sunday 23rd and without 清明) scores 0."""
    facts = ReviewFacts(
        deadline=datetime.date(2023, 3, 1), submitted=datetime.date(2023, 5, 1),
        calendar=load_calendar("cn-2023"),
    )  # fmt: skip
    found = suggested(facts=facts)["submission"]
    assert found.score == D(0)
    assert "推迟42个工作日" in said(found)[0] and len(found.evidence) == 1  # too many to list


def test_a_notice_content_the_sheet_does_not_list_is_refused() -> None:
    """A content name the sheet does not ask for is a typo, not a 7th content: refused."""
    facts = ReviewFacts(notice_issued=True, notice_contents=("自评范畴",))
    with pytest.raises(InvalidReviewInput) as caught:
        suggested(facts=facts)
    assert "not on sheet yueyang-2022" in str(caught.value)
    assert "不在评分表 yueyang-2022 所列之中" in caught.value.message("zh")
