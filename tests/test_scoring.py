"""Tests of budget_perf.scoring: execution score, indicator scores, rescaling, totals and grade."""

from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget_perf.errors import InvalidAmount
from budget_perf.model.grade import Grade
from budget_perf.profiles import load_profile
from budget_perf.rates import NOT_APPLICABLE, execution_rate
from budget_perf.scoring import (
    Direction,
    QualitativeBand,
    ScoredItem,
    ScoreRange,
    band_of,
    band_range,
    execution_score,
    grade,
    indicator_score,
    total_score,
    weighted_score,
)

D = Decimal
HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER

rates = st.decimals(min_value=0, max_value=5, places=4, allow_nan=False)
values = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)
weights = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False)


@pytest.mark.parametrize(
    ("rate", "weight", "expected"),
    [
        (D("1"), D(10), D(10)),
        (D("1.2"), D(10), D(10)),
        (D("0.5"), D(10), D(5)),
        (D("0"), D(10), D(0)),
        (D("0.5"), D(20), D(10)),
    ],
    ids=["fully spent", "overspent is capped", "half spent", "nothing spent", "weight 20"],
)
def test_execution_score_is_weight_times_capped_rate(
    rate: Decimal, weight: Decimal, expected: Decimal
) -> None:
    """执行率得分 = 分值 × min(执行率, 1)."""
    assert execution_score(rate, weight) == expected


def test_execution_score_of_the_seed_is_not_the_stated_10() -> None:
    """394 of 400.03 spent (98.49 %) earns 9.85 of 10, not the 10 the seed's table states."""
    score = execution_score(execution_rate(D("394"), D("400.03")))
    assert score == D(10) * D(394) / D("400.03")
    assert isinstance(score, Decimal)
    assert score.quantize(D("0.01")) == D("9.85")


def test_execution_score_passes_not_applicable_and_honours_the_cap() -> None:
    """A zero budget leaves the score NOT_APPLICABLE; a cap of 1.1 lets 110 % count in full."""
    assert execution_score(NOT_APPLICABLE) is NOT_APPLICABLE
    assert execution_score(D("1.2"), D(10), cap=D("1.1")) == D(11)


@pytest.mark.parametrize(
    ("actual", "target", "weight", "direction", "expected"),
    [
        (D(12), D(8), D(7), HIGHER, D(7)),
        (D(8), D(8), D(7), HIGHER, D(7)),
        (D(6), D(8), D(7), HIGHER, D("5.25")),
        (D(0), D(8), D(7), HIGHER, D(0)),
        (D(2), D(3), D(6), LOWER, D(6)),
        (D(4), D(3), D(6), LOWER, D("4.5")),
        (D(0), D(3), D(6), LOWER, D(6)),
    ],
    ids=[
        "≥8, did 12",
        "≥8, did 8",
        "≥8, did 6",
        "≥8, did 0",
        "≤3, was 2",
        "≤3, was 4",
        "≤3, was 0",
    ],
)
def test_indicator_score_by_direction(
    actual: Decimal, target: Decimal, weight: Decimal, direction: Direction, expected: Decimal
) -> None:
    """正向: 分值 × min(B/A, 1); 反向: 分值 × min(A/B, 1), B = 0 earning full marks."""
    assert indicator_score(actual, target, weight, direction) == expected


@pytest.mark.parametrize("direction", list(Direction), ids=lambda d: d.name)
def test_a_target_of_zero_is_flagged_not_scored(direction: Direction) -> None:
    """A target of 0 leaves the ratio undefined: NOT_APPLICABLE, whatever the actual value."""
    assert indicator_score(D(5), D(0), D(10), direction) is NOT_APPLICABLE
    assert indicator_score(D(0), D(0), D(10), direction) is NOT_APPLICABLE


@pytest.mark.parametrize(
    ("band", "weight", "expected"),
    [
        (
            QualitativeBand.ACHIEVED,
            D(10),
            ScoreRange(lower=D(8), upper=D(10), upper_inclusive=True),
        ),
        (QualitativeBand.PARTLY, D(10), ScoreRange(lower=D(6), upper=D(8), upper_inclusive=False)),
        (
            QualitativeBand.NOT_ACHIEVED,
            D(5),
            ScoreRange(lower=D(0), upper=D(3), upper_inclusive=False),
        ),
    ],
    ids=["达成 of 10", "部分达成 of 10", "未达成 of 5"],
)
def test_band_range_gives_the_allowed_scores(
    band: QualitativeBand, weight: Decimal, expected: ScoreRange
) -> None:
    """达成 [80 %, 100 %], 部分达成 [60 %, 80 %), 未达成 [0, 60 %) of the weight."""
    assert band_range(band, weight) == expected


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (D(10), QualitativeBand.ACHIEVED),
        (D(8), QualitativeBand.ACHIEVED),
        (D("7.99"), QualitativeBand.PARTLY),
        (D(6), QualitativeBand.PARTLY),
        (D("5.99"), QualitativeBand.NOT_ACHIEVED),
        (D(0), QualitativeBand.NOT_ACHIEVED),
    ],
    ids=str,
)
def test_band_of_puts_80_and_60_percent_in_the_upper_band(
    score: Decimal, expected: QualitativeBand
) -> None:
    """80 % of the weight is 达成, 60 % is 部分达成; just below either falls one band lower."""
    assert band_of(score, D(10)) is expected


def test_band_of_refuses_a_score_outside_the_weight_and_skips_zero_weight() -> None:
    """A score above the weight or below 0 is refused; a weight of 0 has no bands."""
    with pytest.raises(InvalidAmount, match=r"score: expected a score in \[0, 10\], got 10.5"):
        band_of(D("10.5"), D(10))
    with pytest.raises(InvalidAmount, match="score"):
        band_of(D(-1), D(10))
    assert band_of(D(0), D(0)) is NOT_APPLICABLE


def test_scored_item_checks_its_score_against_its_weight() -> None:
    """A score above the weight, a negative weight or a float score is refused."""
    with pytest.raises(InvalidAmount, match="score: 6 exceeds the weight 5"):
        ScoredItem(weight=D(5), score=D(6))
    with pytest.raises(InvalidAmount, match="weight: must not be negative"):
        ScoredItem(weight=D(-5), score=D(0))
    with pytest.raises(InvalidAmount, match="score: expected a Decimal, got float"):
        ScoredItem(weight=D(5), score=4.0)  # type: ignore[arg-type]
    item = ScoredItem(weight=D(5), score=NOT_APPLICABLE)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        item.score = D(1)  # type: ignore[misc]


def test_weighted_score_is_the_plain_sum_when_all_apply() -> None:
    """With every indicator applicable, the weighted score is Σ 得分 unchanged."""
    items = [ScoredItem(weight=D(20), score=D(18)), ScoredItem(weight=D(30), score=D("27.5"))]
    assert weighted_score(items) == D("45.5")


def test_weighted_score_rescales_the_applicable_to_the_full_weight() -> None:
    """18 of 20 applicable, with 10 more not applicable: 18 × 30 / 20 = 27."""
    items = [ScoredItem(weight=D(20), score=D(18)), ScoredItem(weight=D(10), score=NOT_APPLICABLE)]
    assert weighted_score(items) == D(27)


def test_weighted_score_with_nothing_applicable_is_not_applicable() -> None:
    """No applicable indicator, or none at all, leaves nothing to score."""
    assert weighted_score([ScoredItem(weight=D(10), score=NOT_APPLICABLE)]) is NOT_APPLICABLE
    assert weighted_score([]) is NOT_APPLICABLE
    with pytest.raises(TypeError, match="expected ScoredItem"):
        weighted_score([(D(10), D(5))])  # type: ignore[list-item]


def test_total_score_adds_execution_and_indicators_and_rescales_a_missing_budget() -> None:
    """9.85 + 85 = 94.85; with no budget, 81 of 90 counts for 100 as 90."""
    indicators = [ScoredItem(weight=D(50), score=D(45)), ScoredItem(weight=D(40), score=D(40))]
    assert total_score(D("9.85"), indicators) == D("94.85")
    assert total_score(NOT_APPLICABLE, [ScoredItem(weight=D(90), score=D(81))]) == D(90)
    with pytest.raises(InvalidAmount, match="score: 11 exceeds the weight 10"):
        total_score(D(11), indicators)


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (D(100), Grade.EXCELLENT),
        (D(90), Grade.EXCELLENT),
        (D("89.99"), Grade.GOOD),
        (D(80), Grade.GOOD),
        (D("79.99"), Grade.FAIR),
        (D(60), Grade.FAIR),
        (D("59.99"), Grade.POOR),
        (D(0), Grade.POOR),
    ],
    ids=str,
)
def test_grade_uses_half_open_national_bands(total: Decimal, expected: Grade) -> None:
    """优 [90, 100], 良 [80, 90), 中 [60, 80), 差 [0, 60)."""
    assert grade(total) is expected


@pytest.mark.parametrize("total", [D("100.01"), D("-0.01")], ids=str)
def test_grade_refuses_a_total_outside_0_to_100(total: Decimal) -> None:
    """A total outside [0, 100] is a broken contract, not a grade."""
    with pytest.raises(InvalidAmount, match=r"total: expected a score in \[0, 100\]"):
        grade(total)


def test_grade_takes_another_profile() -> None:
    """grade() reads the bands of the profile it is given."""
    assert grade(D("95"), load_profile("yueyang-departmental")) is Grade.EXCELLENT


@pytest.mark.parametrize(
    "call",
    [
        lambda: execution_score(0.9),  # type: ignore[arg-type]
        lambda: execution_score(D("0.9"), 10.0),  # type: ignore[arg-type]
        lambda: indicator_score(1.0, D(1), D(1)),  # type: ignore[arg-type]
        lambda: indicator_score(D(1), 1.0, D(1)),  # type: ignore[arg-type]
        lambda: indicator_score(D(1), D(1), 1.0),  # type: ignore[arg-type]
        lambda: band_of(8.0, D(10)),  # type: ignore[arg-type]
        lambda: band_range(QualitativeBand.PARTLY, 10.0),  # type: ignore[arg-type]
        lambda: grade(90.0),  # type: ignore[arg-type]
        lambda: total_score(9.0, []),  # type: ignore[arg-type]
    ],
    ids=[
        "execution rate",
        "execution weight",
        "actual",
        "target",
        "weight",
        "band score",
        "band weight",
        "grade total",
        "total execution",
    ],
)
def test_every_scoring_function_refuses_float(call: object) -> None:
    """No scoring function accepts a float anywhere."""
    with pytest.raises(InvalidAmount, match="float"):
        call()  # type: ignore[operator]


# Properties ---------------------------------------------------------------------------------


@settings(max_examples=200)
@given(low=rates, high=rates, weight=weights)
def test_property_execution_score_is_monotone_and_within_the_weight(
    low: Decimal, high: Decimal, weight: Decimal
) -> None:
    """Spending more never lowers the execution score, which stays within [0, weight]."""
    low, high = sorted((low, high))
    low_score, high_score = execution_score(low, weight), execution_score(high, weight)
    assert isinstance(low_score, Decimal)
    assert isinstance(high_score, Decimal)
    assert 0 <= low_score <= high_score <= weight


@settings(max_examples=200)
@given(actual=values, target=values, weight=weights, direction=st.sampled_from(Direction))
def test_property_indicator_scores_lie_within_the_weight(
    actual: Decimal, target: Decimal, weight: Decimal, direction: Direction
) -> None:
    """Every quantitative score lies in [0, weight], full exactly when the target is met."""
    score = indicator_score(actual, target, weight, direction)
    if target == 0:
        assert score is NOT_APPLICABLE
        return
    assert isinstance(score, Decimal)
    assert 0 <= score <= weight
    met = actual >= target if direction is HIGHER else actual <= target
    assert (score == weight) == met or weight == 0


@settings(max_examples=200)
@given(
    items=st.lists(
        st.tuples(weights, st.decimals(min_value=0, max_value=1, places=2), st.booleans()),
        max_size=8,
    )
)
def test_property_weighted_score_stays_within_the_total_weight(
    items: list[tuple[Decimal, Decimal, bool]],
) -> None:
    """The rescaled score lies in [0, Σ weights]; with all applicable it is the plain sum."""
    scored = [
        ScoredItem(weight=w, score=w * fraction if applies else NOT_APPLICABLE)
        for w, fraction, applies in items
    ]
    result = weighted_score(scored)
    if not any(w > 0 and applies for w, _, applies in items):
        assert result is NOT_APPLICABLE
        return
    total_weight = sum(w for w, _, _ in items)
    assert isinstance(result, Decimal)
    assert 0 <= result <= total_weight * (1 + D("1e-20"))
    if all(applies for _, _, applies in items):
        assert result == sum(w * f for w, f, _ in items)


@settings(max_examples=200)
@given(a=st.decimals(min_value=0, max_value=100, places=2), b=st.decimals(0, 100, places=2))
def test_property_grade_is_monotone_in_the_total(a: Decimal, b: Decimal) -> None:
    """A higher total never earns a worse grade."""
    order = [Grade.POOR, Grade.FAIR, Grade.GOOD, Grade.EXCELLENT]
    low, high = sorted((a, b))
    assert order.index(grade(low)) <= order.index(grade(high))
