"""Tests of budget_perf.rates: 执行率, 控制率, 变动率, 占比 and percentage shares."""

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget_perf._decimal import decimal_places
from budget_perf.errors import InvalidAmount
from budget_perf.rates import (
    NOT_APPLICABLE,
    NotApplicable,
    ShareMethod,
    change_rate,
    control_rate,
    execution_rate,
    percentage_shares,
    share,
    to_percent,
)

D = Decimal

#: The four two-amount ratios with their argument names, in order.
RATIOS: list[tuple[Callable[[Decimal, Decimal], Decimal | NotApplicable], str, str]] = [
    (execution_rate, "executed", "budget"),
    (control_rate, "actual", "limit"),
    (change_rate, "current", "previous"),
    (share, "part", "whole"),
]
RATIO_IDS = [fn.__name__ for fn, _, _ in RATIOS]

#: The seed's 2022 一般公共预算拨款支出 by function (万元) and the percentages the report states.
SEED_SPENDING = {
    "一般公共服务支出": D("3518.3"),
    "科学技术支出": D("20.3"),
    "社会保障和就业支出": D("413.96"),
    "卫生健康支出": D("48.74"),
    "节能环保支出": D("24"),
    "城乡社区支出": D("1"),
}
SEED_STATED = {
    "一般公共服务支出": D("87.38"),
    "科学技术支出": D("0.51"),
    "社会保障和就业支出": D("10.28"),
    "卫生健康支出": D("1.21"),
    "节能环保支出": D("0.6"),
    "城乡社区支出": D("0.02"),
}

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
positive = st.decimals(min_value=D("0.01"), max_value=10**9, places=2, allow_nan=False)


@pytest.mark.parametrize(
    ("function", "numerator", "denominator", "percent"),
    [
        (control_rate, D(85), D(111), D("76.58")),
        (execution_rate, D("394"), D("400.03"), D("98.49")),
        (share, D("3518.3"), D("4026.3"), D("87.38")),
        (change_rate, D("70.3"), D("67.03"), D("4.88")),
        (change_rate, D("3.49"), D("6.61"), D("-47.20")),
        (control_rate, D("70.3"), D("202"), D("34.80")),
    ],
    ids=[
        "staff 85/111",
        "运行维护经费 394/400.03",
        "一般公共服务 share",
        "三公 up",
        "公务接待 down",
        "三公 control",
    ],
)
def test_seed_rates_state_as_in_the_report(
    function: Callable[[Decimal, Decimal], Decimal | NotApplicable],
    numerator: Decimal,
    denominator: Decimal,
    percent: Decimal,
) -> None:
    """The seed's figures, rounded half-up to two decimals of a percent, come out as stated."""
    assert to_percent(function(numerator, denominator)) == percent


def test_rates_are_returned_unrounded() -> None:
    """85/111 is returned as the full ratio 0.7657…, not as 0.7658 or 76.58."""
    rate = control_rate(D(85), D(111))
    assert rate == D(85) / D(111)
    assert rate != D("0.7658")


@pytest.mark.parametrize(("function", "first", "second"), RATIOS, ids=RATIO_IDS)
def test_zero_denominator_is_not_applicable(
    function: Callable[[Decimal, Decimal], Decimal | NotApplicable], first: str, second: str
) -> None:
    """A zero budget, limit, previous figure or whole gives NOT_APPLICABLE, never 0 or 100 %."""
    assert function(D("5"), D("0")) is NOT_APPLICABLE
    assert function(D("0"), D("0.00")) is NOT_APPLICABLE


@pytest.mark.parametrize(("function", "first", "second"), RATIOS, ids=RATIO_IDS)
@pytest.mark.parametrize("bad", [0.5, True, 1, "1", None, D("NaN"), D("-1")], ids=repr)
def test_every_ratio_refuses_a_bad_amount_naming_the_argument(
    function: Callable[..., object], first: str, second: str, bad: object
) -> None:
    """A float, bool, int, str, None, NaN or negative amount is refused, naming the argument."""
    with pytest.raises(InvalidAmount, match=f"^{first}: "):
        function(bad, D(1))
    with pytest.raises(InvalidAmount, match=f"^{second}: "):
        function(D(1), bad)


def test_float_is_refused_with_a_message_a_reviewer_understands() -> None:
    """The message says what was expected, what arrived and why floats are refused."""
    with pytest.raises(InvalidAmount) as caught:
        execution_rate(394.0, D("400.03"))  # type: ignore[arg-type]
    assert str(caught.value) == (
        "executed: expected a Decimal, got float 394.0 (floats are not exact)"
    )
    assert caught.value.field == "executed"


def test_change_rate_is_negative_for_a_fall() -> None:
    """三公经费 falling from 100 to 80 is a change of −20 %."""
    assert change_rate(D(80), D(100)) == D("-0.2")


@pytest.mark.parametrize(
    ("ratio", "places", "percent"),
    [
        (D("0.765765"), 2, D("76.58")),
        (D("0.00125"), 2, D("0.13")),  # half-up, where half-even would give 0.12
        (D("0.00135"), 2, D("0.14")),
        (D("-0.00125"), 2, D("-0.13")),  # halves away from zero
        (D("0.9849261"), 0, D("98")),
        (D("0.9849261"), 3, D("98.493")),
        (D("1"), 2, D("100.00")),
    ],
    ids=["76.58", "half-up 0.125", "0.135", "negative half", "no decimals", "three", "100"],
)
def test_to_percent_rounds_half_up_once(ratio: Decimal, places: int, percent: Decimal) -> None:
    """to_percent rounds 四舍五入 at the requested decimals, keeping trailing zeros."""
    result = to_percent(ratio, places)
    assert result == percent
    assert str(result) == str(percent)


def test_to_percent_passes_not_applicable_through_and_refuses_float() -> None:
    """NOT_APPLICABLE stays NOT_APPLICABLE; a float ratio is refused."""
    assert to_percent(NOT_APPLICABLE) is NOT_APPLICABLE
    with pytest.raises(InvalidAmount, match=r"^ratio: "):
        to_percent(0.5)  # type: ignore[arg-type]


def test_seed_shares_by_plain_rounding_miss_the_stated_0_51_and_add_to_99_99() -> None:
    """Plain rounding gives 0.50 % for 科学技术支出 where the report states 0.51 %; sum 99.99.

    20.3 / 4026.3 = 0.5042 %: the report nudged this figure so the column adds up to 100.
    Every other stated share matches (0.6 is 0.60 written with one decimal).
    """
    shares = percentage_shares(SEED_SPENDING)
    assert shares == {
        "一般公共服务支出": D("87.38"),
        "科学技术支出": D("0.50"),
        "社会保障和就业支出": D("10.28"),
        "卫生健康支出": D("1.21"),
        "节能环保支出": D("0.60"),
        "城乡社区支出": D("0.02"),
    }
    assert sum(shares.values()) == D("99.99")
    mismatched = [key for key, stated in SEED_STATED.items() if shares[key] != stated]
    assert mismatched == ["科学技术支出"]
    assert sum(SEED_STATED.values()) == D("100.00")


def test_seed_shares_by_largest_remainder_add_to_100_and_bump_城乡社区() -> None:
    """Largest remainder gives the extra 0.01 to 城乡社区 (remainder 0.48), not 科学技术 (0.42)."""
    shares = percentage_shares(SEED_SPENDING, method=ShareMethod.LARGEST_REMAINDER)
    assert isinstance(shares, dict)
    assert list(shares) == list(SEED_SPENDING)
    assert sum(shares.values()) == D("100.00")
    assert shares["城乡社区支出"] == D("0.03")
    assert shares["科学技术支出"] == D("0.50")


def test_sequence_in_gives_tuple_out_and_method_may_be_its_value() -> None:
    """A list of parts gives a tuple; the method may be given as "largest_remainder"."""
    shares = percentage_shares([D(1), D(2)], 1, "largest_remainder")
    assert shares == (D("33.3"), D("66.7"))


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([D(1), D(1), D(1)], (D(34), D(33), D(33))),
        ([D(1), D(2), D(1), D(2)], (D(17), D(33), D(17), D(33))),
        ([D(0), D(1), D(1), D(1)], (D(0), D(34), D(33), D(33))),
    ],
    ids=["three equal", "pairs", "zero part never bumped"],
)
def test_largest_remainder_ties_go_to_the_earlier_part(
    parts: list[Decimal], expected: tuple[Decimal, ...]
) -> None:
    """On equal remainders the part that comes first gets the extra unit."""
    assert percentage_shares(parts, 0, ShareMethod.LARGEST_REMAINDER) == expected


def test_mapping_keeps_its_keys_and_order() -> None:
    """A mapping in gives a dict with the same keys in the same order, ties broken by that order."""
    shares = percentage_shares({"c": D(1), "a": D(1), "b": D(1)}, 0, "largest_remainder")
    assert shares == {"c": D(34), "a": D(33), "b": D(33)}
    assert isinstance(shares, dict)
    assert list(shares) == ["c", "a", "b"]


@pytest.mark.parametrize("parts", [[], [D(0), D("0.00")], {}], ids=["none", "zeros", "empty map"])
@pytest.mark.parametrize("method", list(ShareMethod), ids=lambda m: m.value)
def test_shares_of_a_zero_total_are_not_applicable(parts: object, method: ShareMethod) -> None:
    """Parts adding up to zero give one NOT_APPLICABLE, by either method."""
    assert percentage_shares(parts, method=method) is NOT_APPLICABLE  # type: ignore[call-overload]


def test_shares_refuse_bad_parts_places_and_methods() -> None:
    """A float or negative part names its position; bad places or method raise ValueError."""
    with pytest.raises(InvalidAmount, match=r"^parts\[1\]: expected a Decimal, got float"):
        percentage_shares([D(1), 2.0])  # type: ignore[list-item]
    with pytest.raises(InvalidAmount, match=r"^parts\['b'\]: must not be negative"):
        percentage_shares({"a": D(1), "b": D(-1)})
    with pytest.raises(ValueError, match="places"):
        percentage_shares([D(1)], places=-1)
    with pytest.raises(ValueError, match="places"):
        percentage_shares([D(1)], places=True)
    with pytest.raises(ValueError, match="'nearest'"):
        percentage_shares([D(1)], method="nearest")  # type: ignore[call-overload]


# Properties ---------------------------------------------------------------------------------


@settings(max_examples=200)
@given(numerator=amounts, denominator=positive)
def test_property_rates_are_decimals_equal_to_the_quotient(
    numerator: Decimal, denominator: Decimal
) -> None:
    """Each ratio is a finite Decimal equal to numerator / denominator, not rounded to cents."""
    for function in (execution_rate, control_rate, share):
        rate = function(numerator, denominator)
        assert isinstance(rate, Decimal)
        assert rate.is_finite()
        assert rate == numerator / denominator
    assert change_rate(numerator, denominator) == (numerator - denominator) / denominator


@settings(max_examples=100)
@given(amount=positive)
def test_property_no_change_is_a_zero_change_rate(amount: Decimal) -> None:
    """change_rate(x, x) is 0 for every positive x."""
    assert change_rate(amount, amount) == 0


@settings(max_examples=100)
@given(
    value=st.floats(allow_nan=True, allow_infinity=True),
    position=st.sampled_from([0, 1]),
    index=st.sampled_from(range(len(RATIOS))),
)
def test_property_every_ratio_rejects_any_float(value: float, position: int, index: int) -> None:
    """Whatever the float, in either position, every ratio refuses it."""
    function, *names = RATIOS[index]
    args = [D(1), D(1)]
    args[position] = value  # type: ignore[call-overload]
    with pytest.raises(InvalidAmount, match=f"^{names[position]}: .*float"):
        function(*args)


parts_lists = st.lists(amounts, min_size=1, max_size=12).filter(lambda xs: sum(xs) > 0)


@settings(max_examples=200)
@given(parts=parts_lists, places=st.integers(min_value=0, max_value=4))
def test_property_largest_remainder_adds_to_exactly_100_within_one_unit(
    parts: list[Decimal], places: int
) -> None:
    """Largest-remainder shares add to exactly 100, each within one unit of the exact share."""
    shares = percentage_shares(parts, places, ShareMethod.LARGEST_REMAINDER)
    assert isinstance(shares, tuple)
    assert sum(shares) == 100
    unit = Fraction(1, 10**places)
    total = Fraction(sum(parts))
    for part, percent in zip(parts, shares, strict=True):
        exact = Fraction(part) * 100 / total
        assert decimal_places(percent) == places
        assert abs(Fraction(percent) - exact) < unit


@settings(max_examples=200)
@given(parts=parts_lists, places=st.integers(min_value=0, max_value=4))
def test_property_rounded_shares_are_each_within_half_a_unit(
    parts: list[Decimal], places: int
) -> None:
    """Each plainly rounded share is within half a unit of the last place of the exact share."""
    shares = percentage_shares(parts, places)
    assert isinstance(shares, tuple)
    half = Fraction(1, 2 * 10**places)
    total = Fraction(sum(parts))
    for part, percent in zip(parts, shares, strict=True):
        assert abs(Fraction(percent) - Fraction(part) * 100 / total) <= half
        assert percent == to_percent(share(part, sum(parts, D(0))), places)
