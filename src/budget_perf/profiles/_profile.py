"""RuleProfile: one named, dated set of scoring rules, checked for consistency when built."""

import itertools
import re
from decimal import Decimal
from typing import Any

import attrs

from budget_perf._decimal import HUNDRED, ZERO, check_decimal, in_library_context
from budget_perf.errors import InvalidAmount, InvalidProfile
from budget_perf.model.grade import Grade
from budget_perf.model.region import Region
from budget_perf.profiles._rules import (
    BandRule,
    ExecutionRule,
    GradeBand,
    LinearDeduction,
    RateRule,
    Source,
)
from budget_perf.rates import Ratio

__all__ = ["BUDGET_EXECUTION", "RuleProfile"]

#: The key of the 预算执行 (budget execution) weight among a profile's 一级 weights.
BUDGET_EXECUTION = "budget_execution"

_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _check_key(_instance: object, _attribute: object, key: Any) -> None:
    if not isinstance(key, str) or not _KEY.match(key):
        raise InvalidProfile(f"key: expected lowercase words joined by '-', got {key!r}")


def _check_pairs(name: str, pairs: object) -> tuple[tuple[str, object], ...]:
    """Return *pairs* if it is a tuple of (non-empty str key, value) pairs with unique keys."""
    if not isinstance(pairs, tuple) or not all(
        isinstance(pair, tuple) and len(pair) == 2 for pair in pairs
    ):
        raise InvalidProfile(f"{name}: expected a tuple of (key, value) pairs, got {pairs!r}")
    keys = [pair[0] for pair in pairs]
    for key in keys:
        if not isinstance(key, str) or not key:
            raise InvalidProfile(f"{name}: expected non-empty string keys, got {key!r}")
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise InvalidProfile(f"{name}: duplicate key(s) {', '.join(duplicates)}")
    return pairs


@in_library_context
def _check_weights(_instance: object, _attribute: object, pairs: object) -> None:
    checked = _check_pairs("level1_weights", pairs)
    total = ZERO
    for key, weight in checked:
        if not isinstance(weight, Decimal) or not weight.is_finite() or weight < ZERO:
            raise InvalidProfile(f"level1_weights.{key}: expected points >= 0, got {weight!r}")
        total += weight
    if total != HUNDRED:
        listed = " + ".join(f"{key} {weight}" for key, weight in checked)
        raise InvalidProfile(f"level1_weights: must add up to 100, got {listed} = {total}")


def _check_grades(_instance: object, _attribute: object, bands: object) -> None:
    if not (isinstance(bands, tuple) and bands and all(isinstance(b, GradeBand) for b in bands)):
        raise InvalidProfile(f"grade_bands: expected a non-empty tuple of GradeBand, got {bands!r}")
    grades = [band.grade for band in bands]
    if len(set(grades)) != len(grades):
        raise InvalidProfile("grade_bands: each grade may have only one band")
    ordered = sorted(bands, key=lambda band: band.lower)
    if ordered[0].lower != ZERO:
        raise InvalidProfile(f"grade_bands: the lowest band starts at {ordered[0].lower}, not 0")
    if ordered[-1].upper != HUNDRED:
        raise InvalidProfile(f"grade_bands: the top band ends at {ordered[-1].upper}, not 100")
    for below, above in itertools.pairwise(ordered):
        if below.upper != above.lower:
            what = "a gap" if below.upper < above.lower else "an overlap"
            raise InvalidProfile(
                f"grade_bands: {what} between {below.grade.value} [{below.lower}, {below.upper}) "
                f"and {above.grade.value} [{above.lower}, {above.upper})"
            )


def _check_rules(_instance: object, _attribute: object, pairs: object) -> None:
    for key, rule in _check_pairs("rate_rules", pairs):
        if not isinstance(rule, LinearDeduction | BandRule):
            raise InvalidProfile(f"rate_rules.{key}: expected a LinearDeduction or BandRule")


@attrs.frozen(kw_only=True)
class RuleProfile:
    """A named, dated set of rules: 一级 weights, grade bands, execution and departmental rules.

    Built from data (see :func:`budget_perf.profiles.profile_from_json`); the constructor checks
    that the weights add up to 100 and the grade bands cover [0, 100] without gap or overlap,
    raising :class:`~budget_perf.errors.InvalidProfile` saying what is wrong and where.
    """

    key: str = attrs.field(validator=_check_key)
    title: str = attrs.field(validator=attrs.validators.instance_of(str))
    jurisdiction: str = attrs.field(validator=attrs.validators.min_len(1))
    valid_from: int = attrs.field(validator=attrs.validators.instance_of(int))
    valid_to: int | None = attrs.field(
        validator=attrs.validators.optional(attrs.validators.instance_of(int))
    )
    source: Source = attrs.field(validator=attrs.validators.instance_of(Source))
    level1_weights: tuple[tuple[str, Decimal], ...] = attrs.field(validator=_check_weights)
    execution: ExecutionRule = attrs.field(validator=attrs.validators.instance_of(ExecutionRule))
    grade_bands: tuple[GradeBand, ...] = attrs.field(validator=_check_grades)
    rate_rules: tuple[tuple[str, RateRule], ...] = attrs.field(default=(), validator=_check_rules)
    notes: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    region: Region | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Region))
    )

    def __attrs_post_init__(self) -> None:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise InvalidProfile(
                f"{self.key}: valid_to {self.valid_to} is before valid_from {self.valid_from}"
            )
        weights = dict(self.level1_weights)
        if BUDGET_EXECUTION in weights and weights[BUDGET_EXECUTION] != self.execution.weight:
            raise InvalidProfile(
                f"{self.key}: execution.weight {self.execution.weight} differs from "
                f"level1_weights.{BUDGET_EXECUTION} {weights[BUDGET_EXECUTION]}"
            )

    def applies_to(self, year: int) -> bool:
        """Whether the profile is in force for *year*.

        >>> from budget_perf.profiles import NATIONAL_2020
        >>> NATIONAL_2020.applies_to(2022), NATIONAL_2020.applies_to(2019)
        (True, False)
        """
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)

    def applies_to_place(self, region: Region | None) -> bool:
        """Whether the profile is made for the place *region*: a national profile (no region) is
        made for everywhere; a regional one for the places that print every level it names.

        >>> from budget_perf.profiles import load_profile
        >>> hunan = load_profile("hunan-departmental")
        >>> hunan.applies_to_place(Region(province="湖南省", city="衡阳市"))
        True
        >>> hunan.applies_to_place(Region(city="衡阳市")), hunan.applies_to_place(None)
        (False, False)
        """
        if self.region is None:
            return True
        return region is not None and region.within(self.region)

    def level1_weight(self, key: str) -> Decimal:
        """The weight of the 一级 category *key* ("output", "benefit", ...).

        >>> from budget_perf.profiles import NATIONAL_2020
        >>> NATIONAL_2020.level1_weight("output")
        Decimal('50')

        Raises:
            KeyError: the profile has no such category.
        """
        return dict(self.level1_weights)[key]

    def rate_rule(self, key: str) -> RateRule:
        """The rule scoring the departmental rate *key* ("staff_control_rate", ...).

        >>> from budget_perf.profiles import load_profile
        >>> load_profile("hunan-departmental").rate_rule("staff_control_rate").weight
        Decimal('5')

        Raises:
            KeyError: the profile has no rule for that rate.
        """
        return dict(self.rate_rules)[key]

    @in_library_context
    def score_rate(self, key: str, rate: Ratio) -> Ratio:
        """Points for the departmental rate *key* at *rate* (a ratio), by this profile's rule.

        >>> from budget_perf.profiles import load_profile
        >>> yueyang = load_profile("yueyang-departmental")
        >>> yueyang.score_rate("budget_adjustment_rate", Decimal("0.15"))
        Decimal('1')
        """
        return self.rate_rule(key).score(rate)

    def grade_for(self, total: Decimal) -> Grade:
        """The grade whose band holds *total*; the top band includes its upper bound.

        >>> from budget_perf.profiles import NATIONAL_2020
        >>> NATIONAL_2020.grade_for(Decimal("89.99")), NATIONAL_2020.grade_for(Decimal("100"))
        (<Grade.GOOD: '良'>, <Grade.EXCELLENT: '优'>)

        Raises:
            InvalidAmount: *total* is not a Decimal or lies outside [0, 100].
        """
        score = check_decimal(total, field="total")
        for band in self.grade_bands:
            if band.lower <= score < band.upper or score == band.upper == HUNDRED:
                return band.grade
        raise InvalidAmount(f"total: expected a score in [0, 100], got {score}", field="total")
