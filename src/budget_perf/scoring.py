"""Scores and grade (得分与评价等级) of a self-evaluation, per 财预〔2020〕10号 (rules.md §1–4).

- 执行率得分 (execution score) = 分值 × min(执行率, 1), 分值 normally 10 — :func:`execution_score`.
- 三级指标得分 (score of a quantitative level-3 indicator), B the actual value, A the target —
  :func:`indicator_score`:

  - 正向指标 (higher is better, target "≥A"): 分值 × min(B / A, 1);
  - 反向指标 (lower is better, target "≤A"): 分值 × min(A / B, 1), and B = 0 earns full marks;
  - a target of 0 leaves the ratio undefined: the indicator is flagged :data:`NOT_APPLICABLE`.

- 定性指标 (qualitative indicator): the score must lie in the band of the 分值 its verdict names —
  达成年度指标 [80 %, 100 %], 部分达成并具有一定效果 [60 %, 80 %), 未达成且效果较差 [0, 60 %) —
  :func:`band_range`, :func:`band_of`.
- A set of indicators — :func:`weighted_score`: indicators that do not apply are left out and the
  others rescaled so that they count for the full weight:
  Σ applicable scores × Σ all weights / Σ applicable weights.
- 总分 (total) = 执行率得分 + Σ 三级得分, rescaled the same way — :func:`total_score`.
- 评价等级 (grade) — :func:`grade`: by the profile's bands, nationally 优 [90, 100], 良 [80, 90),
  中 [60, 80), 差 [0, 60).

Scores are returned unrounded; round them (:func:`~budget_perf._decimal.round_half_up`) only
where a figure is stated or compared.

>>> from decimal import Decimal
>>> from budget_perf.rates import execution_rate
>>> execution_score(execution_rate(Decimal("394"), Decimal("400.03")))  # seed: 98.49 %
Decimal('9.849261305402094842886783491')
>>> grade(Decimal("92.5"))
<Grade.EXCELLENT: '优'>
>>> execution_score(0.98)
Traceback (most recent call last):
...
budget_perf.errors.InvalidAmount: rate: expected a Decimal, got float 0.98 (floats are not exact)
"""

import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from budget_perf._decimal import ONE, ZERO, check_decimal, check_non_negative, in_library_context
from budget_perf.errors import InvalidAmount
from budget_perf.model.grade import Grade
from budget_perf.profiles import NATIONAL_2020, RuleProfile
from budget_perf.rates import NOT_APPLICABLE, NotApplicable, Ratio

__all__ = [
    "Direction",
    "QualitativeBand",
    "ScoreRange",
    "ScoredItem",
    "band_of",
    "band_range",
    "execution_score",
    "grade",
    "indicator_score",
    "total_score",
    "weighted_score",
]

_TEN = Decimal(10)


class Direction(enum.Enum):
    """Whether a quantitative indicator is better higher (正向) or lower (反向)."""

    HIGHER_IS_BETTER = "正向指标"  # target written "≥A"
    LOWER_IS_BETTER = "反向指标"  # target written "≤A"


class QualitativeBand(enum.Enum):
    """The verdict on a qualitative indicator, which fixes the band its score must lie in."""

    ACHIEVED = "达成年度指标"  # [80 %, 100 %] of the weight
    PARTLY = "部分达成并具有一定效果"  # [60 %, 80 %)
    NOT_ACHIEVED = "未达成且效果较差"  # [0, 60 %)


@attrs.frozen(kw_only=True)
class ScoreRange:
    """The scores from *lower* (included) to *upper* (included only if *upper_inclusive*)."""

    lower: Decimal
    upper: Decimal
    upper_inclusive: bool

    def contains(self, score: Decimal) -> bool:
        """Whether *score* lies in the range.

        >>> band_range(QualitativeBand.PARTLY, Decimal(10)).contains(Decimal(8))
        False
        """
        return self.lower <= score < self.upper or (self.upper_inclusive and score == self.upper)


# Share of the weight at each band's bounds, and whether the upper bound is included.
_BANDS: dict[QualitativeBand, tuple[Decimal, Decimal, bool]] = {
    QualitativeBand.ACHIEVED: (Decimal("0.8"), ONE, True),
    QualitativeBand.PARTLY: (Decimal("0.6"), Decimal("0.8"), False),
    QualitativeBand.NOT_ACHIEVED: (ZERO, Decimal("0.6"), False),
}


def _score(value: object, field: str) -> Ratio:
    return NOT_APPLICABLE if value is NOT_APPLICABLE else check_non_negative(value, field)


def _score_within_weight(instance: "ScoredItem", _attribute: object, value: Any) -> None:
    score = _score(value, "score")
    if score is not NOT_APPLICABLE and score > instance.weight:
        raise InvalidAmount(f"score: {score} exceeds the weight {instance.weight}", field="score")


@attrs.frozen(kw_only=True)
class ScoredItem:
    """One scored indicator: its weight (分值) and its score (得分), or NOT_APPLICABLE.

    >>> ScoredItem(weight=Decimal(5), score=Decimal(6))
    Traceback (most recent call last):
    ...
    budget_perf.errors.InvalidAmount: score: 6 exceeds the weight 5
    """

    weight: Decimal = attrs.field(
        validator=lambda _i, _a, value: check_non_negative(value, "weight")
    )
    score: Ratio = attrs.field(validator=_score_within_weight)


@in_library_context
def execution_score(rate: Ratio, weight: Decimal = _TEN, *, cap: Decimal = ONE) -> Ratio:
    """执行率得分: ``weight × min(rate, cap)``; NOT_APPLICABLE (budget 0) passes through.

    Use ``profile.execution.weight`` and ``profile.execution.cap`` for another profile.

    Raises:
        InvalidAmount: an argument is not a Decimal, or is negative.

    >>> execution_score(Decimal("1.2")), execution_score(Decimal("0.5"), Decimal(20))
    (Decimal('10'), Decimal('10.0'))
    """
    points = check_non_negative(weight, "weight")
    ceiling = check_non_negative(cap, "cap")
    if rate is NOT_APPLICABLE:
        return NOT_APPLICABLE
    return points * min(check_non_negative(rate, "rate"), ceiling)


@in_library_context
def indicator_score(
    actual: Decimal,
    target: Decimal,
    weight: Decimal,
    direction: Direction = Direction.HIGHER_IS_BETTER,
) -> Ratio:
    """得分 of a quantitative 三级 indicator, capped at its weight.

    Args:
        actual: 实际完成值 B.
        target: 年度指标值 A.
        weight: 分值.
        direction: higher-is-better (≥A: weight × min(B/A, 1)) or lower-is-better
            (≤A: weight × min(A/B, 1), full marks for B = 0).

    Returns:
        The score, unrounded; NOT_APPLICABLE for a target of 0 (flag it, do not score it).

    Raises:
        InvalidAmount: an argument is not a Decimal, or is negative.
        TypeError: *direction* is not a :class:`Direction`.

    >>> indicator_score(Decimal("12"), Decimal("8"), Decimal("7"))  # 12 meetings for ≥8
    Decimal('7')
    >>> indicator_score(Decimal("90"), Decimal("95"), Decimal("5"))
    Decimal('4.736842105263157894736842105')
    >>> indicator_score(Decimal("4"), Decimal("3"), Decimal("6"), Direction.LOWER_IS_BETTER)
    Decimal('4.5')
    """
    if not isinstance(direction, Direction):
        raise TypeError(
            f"direction: expected budget_perf.scoring.Direction, got {direction!r} "
            "(a parsed target's TargetDirection says which way it points; map it explicitly)"
        )
    b = check_non_negative(actual, "actual")
    a = check_non_negative(target, "target")
    points = check_non_negative(weight, "weight")
    if a == ZERO:
        return NOT_APPLICABLE
    # weight × min(B/A, 1) or weight × min(A/B, 1), written to round only once.
    if direction is Direction.HIGHER_IS_BETTER:
        return points if b >= a else points * b / a
    return points if a >= b else points * a / b


@in_library_context
def band_range(band: QualitativeBand, weight: Decimal) -> ScoreRange:
    """The scores a qualitative indicator of *weight* may get under the verdict *band*.

    >>> band_range(QualitativeBand.ACHIEVED, Decimal(10))
    ScoreRange(lower=Decimal('8.0'), upper=Decimal('10'), upper_inclusive=True)
    """
    points = check_non_negative(weight, "weight")
    low, high, inclusive = _BANDS[QualitativeBand(band)]
    return ScoreRange(lower=points * low, upper=points * high, upper_inclusive=inclusive)


@in_library_context
def band_of(score: Decimal, weight: Decimal) -> QualitativeBand | NotApplicable:
    """The qualitative band *score* falls in, for an indicator of *weight*.

    Returns:
        The band; NOT_APPLICABLE when the weight is 0 (there are no bands).

    Raises:
        InvalidAmount: an argument is not a Decimal, or the score is outside [0, weight].

    >>> band_of(Decimal(8), Decimal(10)), band_of(Decimal("7.99"), Decimal(10))
    (<QualitativeBand.ACHIEVED: '达成年度指标'>, <QualitativeBand.PARTLY: '部分达成并具有一定效果'>)
    """
    value = check_decimal(score, field="score")
    points = check_non_negative(weight, "weight")
    if points == ZERO:
        return NOT_APPLICABLE
    for band in QualitativeBand:
        if band_range(band, points).contains(value):
            return band
    raise InvalidAmount(f"score: expected a score in [0, {points}], got {value}", field="score")


@in_library_context
def weighted_score(items: Iterable[ScoredItem]) -> Ratio:
    """Σ of the scores, leaving out not-applicable items and rescaling the rest.

    rescaled = Σ applicable scores × Σ all weights / Σ applicable weights, so the applicable
    indicators count for the full weight; when every item applies this is the plain sum.

    Returns:
        The score, unrounded; NOT_APPLICABLE when no item of positive weight applies.

    >>> items = [ScoredItem(weight=Decimal(20), score=Decimal(18)),
    ...          ScoredItem(weight=Decimal(10), score=NOT_APPLICABLE)]
    >>> weighted_score(items)  # 18 of 20 applicable, counting for 30
    Decimal('27')
    """
    applicable_scores = applicable_weights = all_weights = ZERO
    for item in items:
        if not isinstance(item, ScoredItem):
            raise TypeError(f"expected ScoredItem, got {type(item).__name__} {item!r}")
        all_weights += item.weight
        if item.score is not NOT_APPLICABLE:
            applicable_scores += item.score
            applicable_weights += item.weight
    if applicable_weights == ZERO:
        return NOT_APPLICABLE
    if applicable_weights == all_weights:
        return applicable_scores
    return applicable_scores * all_weights / applicable_weights


@in_library_context
def total_score(
    execution_score: Ratio,
    indicator_scores: Iterable[ScoredItem],
    *,
    execution_weight: Decimal = _TEN,
) -> Ratio:
    """总分: 执行率得分 + Σ 三级得分, rescaled as :func:`weighted_score` if some do not apply.

    >>> total_score(Decimal("9.85"), [ScoredItem(weight=Decimal(90), score=Decimal(85))])
    Decimal('94.85')
    >>> total_score(NOT_APPLICABLE, [ScoredItem(weight=Decimal(90), score=Decimal(81))])
    Decimal('90')
    """
    execution = ScoredItem(weight=execution_weight, score=execution_score)
    return weighted_score((execution, *indicator_scores))


@in_library_context
def grade(total: Decimal, profile: RuleProfile = NATIONAL_2020) -> Grade:
    """评价等级 of *total* by the profile's half-open bands (the top band includes 100).

    Raises:
        InvalidAmount: *total* is not a Decimal or lies outside [0, 100].

    >>> grade(Decimal("89.99")), grade(Decimal("60")), grade(Decimal("100"))
    (<Grade.GOOD: '良'>, <Grade.FAIR: '中'>, <Grade.EXCELLENT: '优'>)
    """
    return profile.grade_for(total)
