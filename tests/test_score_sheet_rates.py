"""BP608: score-sheet rows that are rates of the basic data table, recomputed and scored.

The 2013 framework's score sheet scores 在职人员控制率 and other rates whose figures the basic
data table states; the Hunan profile scores 在职人员控制率 5 分, −0.5 per point above 100%.
"""

from decimal import Decimal

import budget_perf as bp

D = Decimal
#: The rule these tests exercise (tests/test_checks.py checks every rule is exercised somewhere).
CODES = {"BP608"}


def _report(
    value: str, score: str, weight: str = "5", profile_place: bool = True
) -> bp.SelfEvaluation:
    item = bp.ScoreItem(
        name="在职人员控制率", weight=D(weight), stated_value=value, stated_score=D(score)
    )
    sheet = bp.ScoreSheet(
        groups=(
            bp.ScoreGroup(
                label="投入",
                groups=(bp.ScoreSubgroup(label="预算配置", items=(item,)),),
            ),
        )
    )
    basic = bp.BasicDataTable(
        staffing=bp.StaffingRow(authorised=46, in_post=50, stated_control_rate=D("108.70"))
    )
    region = bp.Region(province="湖南省") if profile_place else None
    return bp.SelfEvaluation(
        year=2023,
        region=region,
        department=bp.Department(name="衡山县贯塘乡人民政府"),
        basic_data=basic,
        score_sheet=sheet,
    )


def _bp608(report: bp.SelfEvaluation) -> list[tuple[str, str, object, object]]:
    return [
        (f.severity.value, f.path.rsplit(".", 1)[-1], f.stated, f.expected)
        for f in bp.check(report)
        if f.code == "BP608"
    ]


def test_a_row_that_states_the_rate_and_the_hunan_score_is_fine() -> None:
    """50 in post of 46 posts is 108.70%; Hunan: 5 − 0.5 × 8.70 = 0.65 分."""
    assert _bp608(_report("108.70%", "0.65")) == []


def test_full_marks_for_a_rate_above_100_percent_is_pointed_out() -> None:
    """A unit over its headcount scoring itself the full 5 分: a warning, Hunan gives 0.65."""
    assert _bp608(_report("108.70%", "5")) == [("warning", "stated_score", D("5"), D("1"))]


def test_a_stated_value_off_the_basic_data_table_is_pointed_out() -> None:
    """The row states 92% where the basic data table gives 50 / 46 = 108.70%."""
    assert _bp608(_report("92%", "0.65")) == [("warning", "stated_value", D("92"), D("109"))]


def test_a_row_scored_out_of_other_points_follows_another_rule() -> None:
    """A sheet that gives 在职人员控制率 3 分 is not scored by Hunan's 5-point rule."""
    assert _bp608(_report("108.70%", "3", weight="3")) == []


def test_without_a_profile_scoring_the_rate_only_the_stated_value_is_checked() -> None:
    """The national profile has no rule for 在职人员控制率: the sheet's own score is left alone."""
    assert _bp608(_report("108.70%", "5", profile_place=False)) == []
