"""Every figure rules.md derives from the seed, recomputed from the bundled example itself.

These tests read the figures out of ``budget_perf.examples.load("yueyang-npc-2022")`` — not out
of literals — so they show the library computing the seed's rates, shares, scores and grade.
"""

from decimal import Decimal

import pytest

import budget_perf as bp

SEED = bp.examples.load("yueyang-npc-2022")
DATA = SEED.basic_data
assert DATA is not None


def _percent(ratio: bp.Ratio | None) -> Decimal:
    assert isinstance(ratio, Decimal)
    percent = bp.to_percent(ratio)
    assert isinstance(percent, Decimal)
    return percent


def test_staff_control_rate_is_76_58_percent_as_stated() -> None:
    """在职人员控制率 = 85 / 111 = 76.58%, which is what the basic data table states."""
    assert DATA is not None and DATA.staffing is not None
    assert (
        _percent(SEED.staff_control_rate()) == Decimal("76.58") == DATA.staffing.stated_control_rate
    )


@pytest.mark.parametrize(
    ("project", "rate", "score"),
    [
        ("业务工作经费", "100.00", "10.00"),
        ("运行维护经费", "98.49", "9.85"),  # 394 / 400.03; the table states 100% and 10
        ("人大监督", "98.53", "9.85"),  # 122.18 / 124
        ("人大立法", "100.00", "10.00"),
        ("人大会议", "100.00", "10.00"),
        ("人大代表", "99.52", "9.95"),  # 256.97 / 258.2
        ("市人大系统干部履职培训班", "100.00", "10.00"),
        ("人大环保世纪行", "100.00", "10.00"),
    ],
)
def test_each_project_execution_rate_and_score(project: str, rate: str, score: str) -> None:
    """执行率 = 全年执行数 / 全年预算数 and 执行率得分 = 10 × min(执行率, 1), from each table."""
    table = SEED.project(project)
    assert _percent(table.execution_rate()) == Decimal(rate)
    derived = table.execution_score()
    assert isinstance(derived, Decimal)
    assert bp.round_half_up(derived) == Decimal(score)


def test_plain_rounding_reproduces_five_of_the_six_functional_shares() -> None:
    """87.38, 10.28, 1.21, 0.6, 0.02 are reproduced; 科学技术支出 is 0.50, the report says 0.51."""
    spending = SEED.general_budget
    assert spending is not None
    amounts = [row.amount for row in spending.by_function if row.amount is not None]
    plain = bp.percentage_shares(amounts, 2, bp.ShareMethod.ROUND)
    assert isinstance(plain, tuple)
    stated = [row.stated_share for row in spending.by_function]
    assert [p == s for p, s in zip(plain, stated, strict=True)] == [
        True,
        False,
        True,
        True,
        True,
        True,
    ]
    assert (plain[1], stated[1]) == (Decimal("0.50"), Decimal("0.51"))
    assert sum(plain) == Decimal("99.99")


def test_the_three_public_expenses() -> None:
    """三公经费: control rate 70.3 / 202 = 34.80%; change on finals (70.3 − 67.03) / 67.03."""
    assert DATA is not None and DATA.three_public is not None
    row = DATA.three_public
    assert row.current_final is not None and row.current_budget is not None
    assert row.previous_final is not None
    assert _percent(bp.three_public_control_rate(row.current_final, row.current_budget)) == Decimal(
        "34.80"
    )
    assert _percent(bp.three_public_change_rate(row.current_final, row.previous_final)) == Decimal(
        "4.88"
    )


def test_operating_funds_and_procurement() -> None:
    """公用经费控制率 450.81 / 271.19 = 166.23%; 政府采购执行率 292.75 / 1285 = 22.78%."""
    assert DATA is not None and DATA.operating_funds is not None and DATA.procurement is not None
    funds, buying = DATA.operating_funds, DATA.procurement
    assert funds.current_final is not None and funds.current_budget is not None
    assert buying.current_final is not None and buying.current_budget is not None
    assert _percent(
        bp.operating_funds_control_rate(funds.current_final, funds.current_budget)
    ) == Decimal("166.23")
    assert _percent(
        bp.procurement_execution_rate(buying.current_final, buying.current_budget)
    ) == Decimal("22.78")


def test_no_building_project_means_the_control_rates_do_not_apply() -> None:
    """The seed's 楼堂馆所 row is all "——": no building, so nothing to compute."""
    assert DATA is not None
    assert DATA.buildings == ()


def test_the_department_table_total_grades_excellent() -> None:
    """部门整体: 10 for execution (4280.31 of 4280.31) + 90 from the indicators = 100 → 优."""
    table = SEED.department_table
    assert table is not None and table.funding is not None and table.indicators is not None
    assert table.funding.execution_score() == Decimal(10)
    assert table.indicators.score_of_indicators() == Decimal(90)
    assert SEED.derived_grade() is bp.Grade.EXCELLENT is SEED.stated_grade


@pytest.mark.parametrize(
    ("profile", "rule", "rate", "points"),
    [
        ("hunan-departmental", "staff_control_rate", "85/111", "5"),  # ≤ 100%: full marks
        (
            "yueyang-departmental",
            "three_public_control_rate",
            "70.3/202",
            "6",
        ),  # ≤ 100%: full marks
    ],
)
def test_the_seed_rates_score_under_the_hunan_and_yueyang_profiles(
    profile: str, rule: str, rate: str, points: str
) -> None:
    """The seed's departmental rates score full marks under the regional profiles."""
    numerator, denominator = (Decimal(x) for x in rate.split("/"))
    assert bp.load_profile(profile).score_rate(rule, numerator / denominator) == Decimal(points)
