"""Tests of budget_perf.departmental: the rates of the 部门整体支出绩效评价基础数据表."""

from collections.abc import Callable
from decimal import Decimal
from inspect import signature

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget_perf import departmental
from budget_perf.departmental import (
    area_control_rate,
    budget_adjustment_rate,
    budget_completion_rate,
    carryover_rate,
    hunan_budget_completion_rate,
    hunan_budget_control_rate,
    investment_control_rate,
    key_spending_rate,
    operating_funds_control_rate,
    procurement_execution_rate,
    staff_control_rate,
    three_public_change_rate,
    three_public_control_rate,
)
from budget_perf.errors import InvalidAmount
from budget_perf.profiles import load_profile
from budget_perf.rates import NOT_APPLICABLE, change_rate, control_rate, share, to_percent

D = Decimal

#: The two-amount rates, numerator first.
AMOUNT_RATES: list[Callable[[Decimal, Decimal], object]] = [
    three_public_change_rate,
    three_public_control_rate,
    operating_funds_control_rate,
    procurement_execution_rate,
    budget_completion_rate,
    budget_adjustment_rate,
    hunan_budget_control_rate,
    carryover_rate,
    area_control_rate,
    investment_control_rate,
    key_spending_rate,
]
AMOUNT_IDS = [fn.__name__ for fn in AMOUNT_RATES]


@pytest.mark.parametrize(
    ("rate", "percent"),
    [
        (lambda: staff_control_rate(85, 111), D("76.58")),
        (lambda: three_public_change_rate(D("70.3"), D("67.03")), D("4.88")),
        (lambda: three_public_control_rate(D("70.3"), D("202")), D("34.80")),
        (lambda: operating_funds_control_rate(D("450.81"), D("271.19")), D("166.23")),
        (lambda: procurement_execution_rate(D("292.75"), D("1285")), D("22.78")),
        (lambda: budget_completion_rate(D("394"), D("400.03")), D("98.49")),
        (
            lambda: hunan_budget_completion_rate(D("0"), D("238.49"), D("161.54"), D("6.03")),
            D("98.49"),
        ),
    ],
    ids=[
        "在职人员控制率 85/111",
        "三公经费变动率 决算 2022 vs 2021",
        "三公经费控制率 2022",
        "公用经费控制率",
        "政府采购执行率",
        "预算完成率 运行维护经费",
        "预算完成率 Hunan",
    ],
)
def test_seed_basic_data_table_rates(rate: Callable[[], D], percent: Decimal) -> None:
    """The seed's basic data table gives these rates, rounded half-up to two decimals of a %."""
    assert to_percent(rate()) == percent


def test_rates_delegate_to_the_generic_ratios() -> None:
    """Each departmental rate is the generic ratio it names, with no formula of its own."""
    assert staff_control_rate(85, 111) == control_rate(D(85), D(111))
    assert three_public_change_rate(D("70.3"), D("67.03")) == change_rate(D("70.3"), D("67.03"))
    assert key_spending_rate(D("404.08"), D("1496.7")) == share(D("404.08"), D("1496.7"))
    assert hunan_budget_completion_rate(D(10), D(80), D(10), D(5)) == D("0.95")


@pytest.mark.parametrize("rate", AMOUNT_RATES, ids=AMOUNT_IDS)
def test_zero_denominator_is_not_applicable(rate: Callable[[Decimal, Decimal], object]) -> None:
    """A zero budget, limit, previous year or approved figure gives NOT_APPLICABLE."""
    assert rate(D(3), D(0)) is NOT_APPLICABLE


def test_zero_counts_and_zero_available_funds_are_not_applicable() -> None:
    """No authorised posts, or no funds available at all, leave the rate undefined."""
    assert staff_control_rate(3, 0) is NOT_APPLICABLE
    assert hunan_budget_completion_rate(D(0), D(0), D(0), D(0)) is NOT_APPLICABLE


@pytest.mark.parametrize("rate", AMOUNT_RATES, ids=AMOUNT_IDS)
@pytest.mark.parametrize("position", [0, 1], ids=["numerator", "denominator"])
def test_float_is_refused_naming_the_argument(
    rate: Callable[[Decimal, Decimal], object], position: int
) -> None:
    """A float amount is refused, and the message names the departmental argument."""
    name = list(signature(rate).parameters)[position]
    args: list[object] = [D(1), D(1)]
    args[position] = 1.5
    with pytest.raises(InvalidAmount, match=f"^{name}: expected a Decimal, got float 1.5"):
        rate(*args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name", ["carryover", "initial", "supplementary", "year_end_balance"], ids=str
)
def test_hunan_completion_refuses_float_or_negative_naming_the_argument(name: str) -> None:
    """Each of the four amounts of the Hunan formula is checked under its own name."""
    good = {"carryover": D(1), "initial": D(1), "supplementary": D(1), "year_end_balance": D(1)}
    with pytest.raises(InvalidAmount, match=f"^{name}: expected a Decimal, got float"):
        hunan_budget_completion_rate(**{**good, name: 1.0})  # type: ignore[arg-type]
    with pytest.raises(InvalidAmount, match=f"^{name}: must not be negative"):
        hunan_budget_completion_rate(**{**good, name: D(-1)})


def test_hunan_completion_refuses_a_balance_above_the_funds_available() -> None:
    """A year-end balance larger than carry-over + initial + supplementary cannot be right."""
    with pytest.raises(InvalidAmount, match=r"^year_end_balance: 31 exceeds the funds available"):
        hunan_budget_completion_rate(D(10), D(10), D(10), D(31))


@pytest.mark.parametrize(
    ("in_post", "authorised", "message"),
    [
        (85.0, 111, "in_post: expected a whole number, got float 85.0"),
        (85, D(111), "authorised: expected a whole number, got Decimal"),
        (True, 111, "in_post: expected a whole number, got bool True"),
        (-1, 111, "in_post: must not be negative, got -1"),
    ],
    ids=["float", "Decimal", "bool", "negative"],
)
def test_staff_counts_must_be_whole_non_negative_ints(
    in_post: object, authorised: object, message: str
) -> None:
    """Staff are counted in whole people: only non-negative ints are accepted."""
    with pytest.raises(InvalidAmount) as caught:
        staff_control_rate(in_post, authorised)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


def test_seed_staff_rate_scores_full_marks_in_hunan() -> None:
    """85 in post of 111 authorised (76.58 %) is within 100 %: 5 of 5 under Hunan's rule."""
    hunan = load_profile("hunan-departmental")
    assert hunan.score_rate("staff_control_rate", staff_control_rate(85, 111)) == D(5)


def test_no_building_project_scores_full_marks_in_hunan() -> None:
    """With nothing approved and nothing built the rates are not applicable: full 5 points."""
    hunan = load_profile("hunan-departmental")
    rate = area_control_rate(D(0), D(0))
    assert rate is NOT_APPLICABLE
    assert hunan.score_rate("area_control_rate", rate) == D(5)
    assert hunan.score_rate("investment_control_rate", investment_control_rate(D(0), D(0))) == 5


def test_every_profile_rate_key_names_a_departmental_function() -> None:
    """The keys of the bundled profiles' rate rules are the names of the functions here."""
    keys = dict(load_profile("yueyang-departmental").rate_rules)
    assert set(keys) <= set(departmental.__all__)


@settings(max_examples=100)
@given(count=st.integers(min_value=1, max_value=10**6))
def test_property_full_staffing_is_a_control_rate_of_one(count: int) -> None:
    """As many staff in post as authorised is a control rate of exactly 1."""
    assert staff_control_rate(count, count) == 1


@settings(max_examples=100)
@given(amount=st.decimals(min_value=D("0.01"), max_value=10**9, places=2))
def test_property_unchanged_three_public_spending_is_a_zero_change(amount: Decimal) -> None:
    """The same 三公经费 two years running is a change rate of 0."""
    assert three_public_change_rate(amount, amount) == 0
