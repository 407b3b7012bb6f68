"""The building blocks of a rule profile: sources, grade bands and departmental-rate rules.

Two shapes of rule cover the tiered scoring of the departmental rates (rules.md §5):

- :class:`LinearDeduction` — full marks up to a threshold, then points off per unit beyond it
  (Hunan 在职人员控制率: ≤ 100 % full, −0.5 per percentage point above, floor 0);
- :class:`BandRule` — consecutive bands of the rate, each worth a fixed number of points
  (Hunan 预算控制率: 0 → 5; (0, 10 %] → 4; …; above 30 % → 0).

Rates are ratios (``Decimal("1.04")`` for 104 %); thresholds, units and band bounds are too.

>>> from decimal import Decimal
>>> staff = LinearDeduction(label="在职人员控制率", weight=Decimal(5), threshold=Decimal(1),
...     side=DeductionSide.ABOVE, points_per_unit=Decimal("0.5"), unit=Decimal("0.01"))
>>> staff.score(Decimal("1.04")), staff.score(Decimal("0.7658")), staff.score(Decimal("1.2"))
(Decimal('3.0'), Decimal('5'), Decimal('0'))
"""

import enum
import itertools
from decimal import ROUND_FLOOR, Decimal
from typing import Any, TypeAlias

import attrs

from budget_perf._decimal import ZERO, check_decimal, in_library_context
from budget_perf.errors import InvalidAmount, InvalidProfile
from budget_perf.model.grade import Grade
from budget_perf.rates import NOT_APPLICABLE, Ratio

__all__ = [
    "BandRule",
    "DeductionSide",
    "ExecutionRule",
    "GradeBand",
    "LinearDeduction",
    "RateBand",
    "RateRule",
    "Source",
]


def _decimal(_instance: Any, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """attrs validator: a finite Decimal, reported as a profile problem."""
    try:
        check_decimal(value, field=attribute.name)
    except InvalidAmount as exc:
        raise InvalidProfile(str(exc)) from None


def _points(_instance: Any, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """attrs validator: a finite, non-negative Decimal number of points."""
    _decimal(_instance, attribute, value)
    if value < ZERO:  # type: ignore[operator]
        raise InvalidProfile(f"{attribute.name}: must not be negative, got {value}")


def _optional(validator: Any) -> Any:
    return attrs.validators.optional(validator)


def _within_weight(name: str, points: Decimal | None, weight: Decimal) -> None:
    if points is not None and points > weight:
        raise InvalidProfile(f"{name}: {points} points exceed the rule's weight {weight}")


@attrs.frozen(kw_only=True)
class Source:
    """The document a profile's rules come from: its title and 文号 (None where it has none)."""

    title: str = attrs.field(validator=attrs.validators.min_len(1))
    document_number: str | None = attrs.field(
        default=None, validator=_optional(attrs.validators.instance_of(str))
    )


@attrs.frozen(kw_only=True)
class ExecutionRule:
    """执行率得分: ``weight × min(rate, cap)``; nationally weight 10, cap 1."""

    weight: Decimal = attrs.field(validator=_points)
    cap: Decimal = attrs.field(validator=_points)


@attrs.frozen(kw_only=True)
class GradeBand:
    """A grade and its score band: *lower* inclusive, *upper* exclusive except for the top band."""

    grade: Grade = attrs.field(validator=attrs.validators.instance_of(Grade))
    lower: Decimal = attrs.field(validator=_points)
    upper: Decimal = attrs.field(validator=_points)

    def __attrs_post_init__(self) -> None:
        if self.lower >= self.upper:
            raise InvalidProfile(
                f"grade band {self.grade.value}: lower {self.lower} is not below upper {self.upper}"
            )


class DeductionSide(enum.Enum):
    """On which side of its threshold a :class:`LinearDeduction` takes points off."""

    ABOVE = "above"  # a rate above the threshold loses points (控制率, 变动率)
    BELOW = "below"  # a rate below the threshold loses points (完成率)


@attrs.frozen(kw_only=True)
class LinearDeduction:
    """Full *weight* within the threshold, then *points_per_unit* off per *unit* beyond it.

    The score never goes below *floor*.

    ``whole_units=True`` counts only whole units ("−2 for every whole 5 points below": 92.8 % is
    7.2 points below, one whole unit, so 5 − 2 = 3); otherwise a part unit counts pro rata.
    *not_applicable_points* is awarded when the rate is not applicable (no building project →
    full marks); ``None`` leaves such a rate unscored.
    """

    label: str = attrs.field(validator=attrs.validators.min_len(1))
    weight: Decimal = attrs.field(validator=_points)
    threshold: Decimal = attrs.field(validator=_decimal)
    side: DeductionSide = attrs.field(validator=attrs.validators.instance_of(DeductionSide))
    points_per_unit: Decimal = attrs.field(validator=_points)
    unit: Decimal = attrs.field(validator=_points)
    whole_units: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    floor: Decimal = attrs.field(default=ZERO, validator=_points)
    not_applicable_points: Decimal | None = attrs.field(default=None, validator=_optional(_points))

    def __attrs_post_init__(self) -> None:
        if self.unit == ZERO:
            raise InvalidProfile(f"{self.label}: unit must be positive, got {self.unit}")
        _within_weight(f"{self.label}: floor", self.floor, self.weight)
        _within_weight(
            f"{self.label}: not_applicable_points", self.not_applicable_points, self.weight
        )

    @in_library_context
    def score(self, rate: Ratio) -> Ratio:
        """Points for *rate* (a ratio); NOT_APPLICABLE scores *not_applicable_points* if set.

        >>> completion = LinearDeduction(label="预算完成率", weight=Decimal(5),
        ...     threshold=Decimal(1), side=DeductionSide.BELOW, points_per_unit=Decimal(2),
        ...     unit=Decimal("0.05"), whole_units=True)
        >>> completion.score(Decimal("0.928")), completion.score(Decimal("0.90"))
        (Decimal('3'), Decimal('1'))
        """
        if rate is NOT_APPLICABLE:
            return _not_applicable(self.not_applicable_points)
        value = check_decimal(rate, field="rate")
        above = self.side is DeductionSide.ABOVE
        beyond = value - self.threshold if above else self.threshold - value
        if beyond <= ZERO:
            return self.weight
        units = beyond / self.unit
        if self.whole_units:
            units = units.to_integral_value(rounding=ROUND_FLOOR)
        return max(self.weight - units * self.points_per_unit, self.floor)


@attrs.frozen(kw_only=True)
class RateBand:
    """A band of rates worth *points*; a bound of None is unbounded on that side."""

    lower: Decimal | None = attrs.field(validator=_optional(_decimal))
    lower_inclusive: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    upper: Decimal | None = attrs.field(validator=_optional(_decimal))
    upper_inclusive: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    points: Decimal = attrs.field(validator=_points)

    def __attrs_post_init__(self) -> None:
        if self.lower is None or self.upper is None:
            return
        if self.lower > self.upper or (
            self.lower == self.upper and not (self.lower_inclusive and self.upper_inclusive)
        ):
            raise InvalidProfile(f"band {self.describe()} is empty")

    def contains(self, rate: Decimal) -> bool:
        """Whether *rate* falls in this band.

        >>> RateBand(lower=Decimal(0), lower_inclusive=False, upper=Decimal("0.1"),
        ...          upper_inclusive=True, points=Decimal(4)).contains(Decimal("0.1"))
        True
        """
        if self.lower is not None and (
            rate < self.lower or (rate == self.lower and not self.lower_inclusive)
        ):
            return False
        if self.upper is None or rate < self.upper:
            return True
        return rate == self.upper and self.upper_inclusive

    def describe(self) -> str:
        """The band in interval notation, e.g. ``(0.1, 0.2]``.

        >>> RateBand(lower=Decimal("0.3"), lower_inclusive=False, upper=None,
        ...          upper_inclusive=False, points=Decimal(0)).describe()
        '(0.3, ∞)'
        """
        left = "[" if self.lower_inclusive and self.lower is not None else "("
        right = "]" if self.upper_inclusive and self.upper is not None else ")"
        low = "−∞" if self.lower is None else str(self.lower)
        high = "∞" if self.upper is None else str(self.upper)
        return f"{left}{low}, {high}{right}"


def _check_bands(instance: "BandRule", _attribute: Any, bands: tuple[RateBand, ...]) -> None:
    """The bands are consecutive, ascending, without gap or overlap."""
    if not bands:
        raise InvalidProfile(f"{instance.label}: needs at least one band")
    for band in bands:
        if not isinstance(band, RateBand):
            raise InvalidProfile(f"{instance.label}: expected RateBand, got {band!r}")
        _within_weight(f"{instance.label}: band {band.describe()}", band.points, instance.weight)
    for before, after in itertools.pairwise(bands):
        if before.upper is None or after.lower is None or before.upper != after.lower:
            raise InvalidProfile(
                f"{instance.label}: band {after.describe()} does not start where "
                f"{before.describe()} ends"
            )
        if before.upper_inclusive == after.lower_inclusive:
            what = "overlap" if before.upper_inclusive else "leave a gap"
            raise InvalidProfile(
                f"{instance.label}: bands {before.describe()} and {after.describe()} {what} "
                f"at {before.upper}"
            )


@attrs.frozen(kw_only=True)
class BandRule:
    """Consecutive, ascending bands of the rate, each worth a fixed number of points.

    >>> control = BandRule(label="预算控制率", weight=Decimal(5), bands=(
    ...     RateBand(lower=Decimal(0), lower_inclusive=True, upper=Decimal(0),
    ...              upper_inclusive=True, points=Decimal(5)),
    ...     RateBand(lower=Decimal(0), lower_inclusive=False, upper=None,
    ...              upper_inclusive=False, points=Decimal(4))))
    >>> control.score(Decimal(0)), control.score(Decimal("0.01"))
    (Decimal('5'), Decimal('4'))
    """

    label: str = attrs.field(validator=attrs.validators.min_len(1))
    weight: Decimal = attrs.field(validator=_points)
    bands: tuple[RateBand, ...] = attrs.field(
        validator=[attrs.validators.instance_of(tuple), _check_bands]
    )
    not_applicable_points: Decimal | None = attrs.field(default=None, validator=_optional(_points))

    def __attrs_post_init__(self) -> None:
        _within_weight(
            f"{self.label}: not_applicable_points", self.not_applicable_points, self.weight
        )

    @in_library_context
    def score(self, rate: Ratio) -> Ratio:
        """Points of the band *rate* falls in; NOT_APPLICABLE scores *not_applicable_points*.

        >>> from budget_perf.profiles import load_profile
        >>> rule = load_profile("hunan-departmental").rate_rule("hunan_budget_control_rate")
        >>> rule.score(Decimal("0")), rule.score(Decimal("0.15")), rule.score(Decimal("0.31"))
        (Decimal('5'), Decimal('3'), Decimal('0'))

        Raises:
            InvalidAmount: *rate* is not a Decimal, or falls in no band.
        """
        if rate is NOT_APPLICABLE:
            return _not_applicable(self.not_applicable_points)
        value = check_decimal(rate, field="rate")
        for band in self.bands:
            if band.contains(value):
                return band.points
        covered = ", ".join(band.describe() for band in self.bands)
        raise InvalidAmount(f"rate: {value} falls in no band of {self.label} ({covered})")


#: A rule that scores one departmental rate.
RateRule: TypeAlias = LinearDeduction | BandRule


def _not_applicable(points: Decimal | None) -> Ratio:
    return NOT_APPLICABLE if points is None else points
