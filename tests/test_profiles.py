"""Tests of budget_perf.profiles: the bundled rule profiles, their rules and their validation."""

import json
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget_perf.errors import InvalidAmount, InvalidProfile
from budget_perf.model.grade import Grade
from budget_perf.profiles import (
    NATIONAL_2020,
    BandRule,
    DeductionSide,
    GradeBand,
    LinearDeduction,
    RateBand,
    RuleProfile,
    list_profiles,
    load_profile,
    load_profile_file,
    profile_from_json,
)
from budget_perf.rates import NOT_APPLICABLE

D = Decimal
HUNAN = load_profile("hunan-departmental")
YUEYANG = load_profile("yueyang-departmental")


def bundled(key: str) -> dict[str, Any]:
    """The bundled profile *key* as parsed JSON, ready to be altered."""
    text = resources.files("budget_perf.profiles").joinpath(f"{key}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def problem(data: object) -> str:
    """The InvalidProfile message for the profile *data*."""
    with pytest.raises(InvalidProfile) as caught:
        profile_from_json(json.dumps(data, ensure_ascii=False))
    return str(caught.value)


def test_three_profiles_are_bundled() -> None:
    """national-2020, hunan-departmental and yueyang-departmental ship with the library."""
    assert list_profiles() == ("hunan-departmental", "national-2020", "yueyang-departmental")
    for key in list_profiles():
        assert load_profile(key).key == key


def test_national_2020_holds_the_rules_of_财预2020_10号() -> None:
    """Weights 10/50/30/10, execution capped at 100 %, grades 优/良/中/差 at 90/80/60."""
    assert NATIONAL_2020 is load_profile("national-2020")
    assert NATIONAL_2020.source.title == "项目支出绩效评价管理办法"
    assert NATIONAL_2020.source.document_number == "财预〔2020〕10号"
    assert NATIONAL_2020.level1_weights == (
        ("budget_execution", D(10)),
        ("output", D(50)),
        ("benefit", D(30)),
        ("satisfaction", D(10)),
    )
    assert (NATIONAL_2020.execution.weight, NATIONAL_2020.execution.cap) == (D(10), D(1))
    bands = {band.grade: (band.lower, band.upper) for band in NATIONAL_2020.grade_bands}
    assert bands == {
        Grade.EXCELLENT: (D(90), D(100)),
        Grade.GOOD: (D(80), D(90)),
        Grade.FAIR: (D(60), D(80)),
        Grade.POOR: (D(0), D(60)),
    }
    assert NATIONAL_2020.rate_rules == ()
    assert NATIONAL_2020.applies_to(2022)
    assert not NATIONAL_2020.applies_to(2019)


def test_local_profiles_cite_their_sources() -> None:
    """Hunan's and Yueyang's profiles name their jurisdiction and source document."""
    assert HUNAN.jurisdiction == "湖南省"
    assert "部门整体支出绩效评价" in HUNAN.source.title
    assert YUEYANG.source.title == "岳阳市市级预算部门绩效自评操作规程"


def test_yueyang_keeps_hunans_rules_and_adds_two() -> None:
    """Yueyang's sheet = Hunan's six rules + 预算调整率 + 三公经费控制率."""
    hunan, yueyang = dict(HUNAN.rate_rules), dict(YUEYANG.rate_rules)
    assert {key: yueyang[key] for key in hunan} == hunan
    assert set(yueyang) - set(hunan) == {"budget_adjustment_rate", "three_public_control_rate"}


def test_profiles_are_immutable() -> None:
    """A profile cannot be changed in place; its collections are tuples."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        NATIONAL_2020.key = "other"  # type: ignore[misc]
    assert isinstance(HUNAN.rate_rules, tuple)
    assert isinstance(HUNAN.grade_bands, tuple)


# The Hunan and Yueyang rules, rate by rate -------------------------------------------------

SCORES = [
    # 在职人员控制率, 5 分: ≤ 100 % full; −0.5 per point above; floor 0.
    (HUNAN, "staff_control_rate", "0.7658", "5"),
    (HUNAN, "staff_control_rate", "1", "5"),
    (HUNAN, "staff_control_rate", "1.04", "3"),
    (HUNAN, "staff_control_rate", "1.015", "4.25"),
    (HUNAN, "staff_control_rate", "1.10", "0"),
    (HUNAN, "staff_control_rate", "1.20", "0"),
    # 三公经费变动率, 8 分: ≤ 0 full; −0.8 per point above; floor 0.
    (HUNAN, "three_public_change_rate", "-0.05", "8"),
    (HUNAN, "three_public_change_rate", "0", "8"),
    (HUNAN, "three_public_change_rate", "0.025", "6"),
    (HUNAN, "three_public_change_rate", "0.0488", "4.096"),
    (HUNAN, "three_public_change_rate", "0.12", "0"),
    # 预算完成率, 5 分: 100 % full; −2 for every whole 5 points below.
    (HUNAN, "budget_completion_rate", "1", "5"),
    (HUNAN, "budget_completion_rate", "0.9501", "5"),
    (HUNAN, "budget_completion_rate", "0.95", "3"),
    (HUNAN, "budget_completion_rate", "0.928", "3"),
    (HUNAN, "budget_completion_rate", "0.90", "1"),
    (HUNAN, "budget_completion_rate", "0.85", "0"),
    # 预算控制率, 5 分: 0 → 5; (0, 10 %] → 4; (10, 20 %] → 3; (20, 30 %] → 2; above → 0.
    (HUNAN, "hunan_budget_control_rate", "0", "5"),
    (HUNAN, "hunan_budget_control_rate", "0.0001", "4"),
    (HUNAN, "hunan_budget_control_rate", "0.10", "4"),
    (HUNAN, "hunan_budget_control_rate", "0.1001", "3"),
    (HUNAN, "hunan_budget_control_rate", "0.20", "3"),
    (HUNAN, "hunan_budget_control_rate", "0.30", "2"),
    (HUNAN, "hunan_budget_control_rate", "0.3001", "0"),
    # 规模/投资概算控制率, 5 分: ≤ 100 % full; −2 per whole 5 % above.
    (HUNAN, "area_control_rate", "1", "5"),
    (HUNAN, "area_control_rate", "1.0499", "5"),
    (HUNAN, "area_control_rate", "1.05", "3"),
    (HUNAN, "investment_control_rate", "1.12", "1"),
    (HUNAN, "investment_control_rate", "1.15", "0"),
    # Yueyang 预算调整率, 3 分: 0 → 3; ≤ 10 % → 2; ≤ 20 % → 1; ≤ 30 % → 0.5; above → 0.
    (YUEYANG, "budget_adjustment_rate", "0", "3"),
    (YUEYANG, "budget_adjustment_rate", "0.05", "2"),
    (YUEYANG, "budget_adjustment_rate", "0.10", "2"),
    (YUEYANG, "budget_adjustment_rate", "0.15", "1"),
    (YUEYANG, "budget_adjustment_rate", "0.20", "1"),
    (YUEYANG, "budget_adjustment_rate", "0.25", "0.5"),
    (YUEYANG, "budget_adjustment_rate", "0.30", "0.5"),
    (YUEYANG, "budget_adjustment_rate", "0.31", "0"),
    # Yueyang 三公经费控制率, 6 分: ≤ 100 % full; −1 per point above.
    (YUEYANG, "three_public_control_rate", "0.348", "6"),
    (YUEYANG, "three_public_control_rate", "1.025", "3.5"),
    (YUEYANG, "three_public_control_rate", "1.07", "0"),
]


@pytest.mark.parametrize(
    ("profile", "key", "rate", "points"),
    SCORES,
    ids=[f"{p.key.split('-')[0]} {k} {r}" for p, k, r, _ in SCORES],
)
def test_departmental_rate_scores(profile: RuleProfile, key: str, rate: str, points: str) -> None:
    """Each tiered rule of rules.md §5 scores the rate (a ratio: "1.04" is 104 %) as listed."""
    assert profile.score_rate(key, D(rate)) == D(points)


def test_not_applicable_rates_are_unscored_unless_the_rule_says_otherwise() -> None:
    """No previous 三公经费 leaves the rate unscored; no building project earns full marks."""
    assert HUNAN.score_rate("three_public_change_rate", NOT_APPLICABLE) is NOT_APPLICABLE
    assert HUNAN.score_rate("area_control_rate", NOT_APPLICABLE) == D(5)


def test_unknown_rate_and_category_keys_raise_key_error() -> None:
    """Asking a profile for a rule or weight it does not have is a KeyError."""
    with pytest.raises(KeyError):
        NATIONAL_2020.rate_rule("staff_control_rate")
    with pytest.raises(KeyError):
        NATIONAL_2020.level1_weight("cost")
    assert NATIONAL_2020.level1_weight("output") == D(50)


def test_a_rate_in_no_band_is_refused() -> None:
    """A negative 预算控制率 lies in none of Hunan's bands and is refused, listing them."""
    with pytest.raises(
        InvalidAmount, match=r"rate: -0.01 falls in no band of 预算控制率 \(\[0, 0\]"
    ):
        HUNAN.score_rate("hunan_budget_control_rate", D("-0.01"))
    with pytest.raises(InvalidAmount, match="rate: expected a Decimal, got float"):
        HUNAN.score_rate("staff_control_rate", 1.04)  # type: ignore[arg-type]


# Loading and validation ---------------------------------------------------------------------


@pytest.mark.parametrize("key", list_profiles())
def test_json_text_builds_the_same_profile_as_load_profile(key: str) -> None:
    """profile_from_json of a bundled file equals the bundled profile."""
    assert profile_from_json(json.dumps(bundled(key))) == load_profile(key)


def test_a_province_can_be_added_as_a_file(tmp_path: Path) -> None:
    """A new province's JSON file loads without code changes."""
    data = bundled("hunan-departmental")
    data.update(key="example-province", jurisdiction="某省", valid_from=2023)
    data["rate_rules"]["staff_control_rate"]["points_per_unit"] = "1"
    path = tmp_path / "example-province.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    profile = load_profile_file(path)
    assert profile.key == "example-province"
    assert profile.score_rate("staff_control_rate", D("1.04")) == D(1)
    assert not profile.applies_to(2022)


def test_a_bad_file_names_itself_in_the_message(tmp_path: Path) -> None:
    """The message for a bad file starts with the file's path."""
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(InvalidProfile, match=f"^{path}: not valid JSON"):
        load_profile_file(path)


def test_unknown_bundled_profile_lists_the_bundled_ones() -> None:
    """Asking for a profile that is not bundled says which are."""
    with pytest.raises(InvalidProfile) as caught:
        load_profile("guangdong")
    assert str(caught.value) == (
        "no bundled profile 'guangdong'; bundled: "
        "hunan-departmental, national-2020, yueyang-departmental"
    )


def _set(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    """Yueyang's profile as JSON data, the item at *path* set to *value* (``...`` removes it)."""
    data = bundled("yueyang-departmental")
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


_RULES = "rate_rules"
_ADJ = (_RULES, "budget_adjustment_rate")
_BAND1 = (*_ADJ, "bands", 1)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("level1_weights", "output"),
            0.5,
            (
                'expected a decimal string such as "0.5", got the JSON number 0.5 '
                "@ $.level1_weights.output"
            ),
        ),
        (
            (_RULES, "staff_control_rate", "weight"),
            5,
            (
                'expected a decimal string such as "0.5", got the JSON number 5 '
                "@ $.rate_rules.staff_control_rate.weight"
            ),
        ),
        (("valid_from",), "2020", "expected a year (an integer), got str '2020' @ $.valid_from"),
        (("surprise",), 1, "unknown key(s) surprise @ $"),
        (("title",), ..., "missing key(s) title @ $"),
        (
            ("level1_weights", "output"),
            "40",
            (
                "level1_weights: must add up to 100, got budget_execution 10 + output 40 + "
                "benefit 30 + satisfaction 10 = 90 @ $"
            ),
        ),
        (
            ("grade_bands", 1, "lower"),
            "85",
            "grade_bands: a gap between 中 [60, 80) and 良 [85, 90) @ $",
        ),
        (
            ("grade_bands", 1, "lower"),
            "75",
            "grade_bands: an overlap between 中 [60, 80) and 良 [75, 90) @ $",
        ),
        (("grade_bands", 3, "lower"), "10", "grade_bands: the lowest band starts at 10, not 0 @ $"),
        (("grade_bands", 0, "upper"), "99", "grade_bands: the top band ends at 99, not 100 @ $"),
        (
            ("grade_bands", 0, "grade"),
            "良",
            "grade_bands: each grade may have only one band @ $",
        ),
        (
            ("grade_bands", 0, "grade"),
            "A",
            "expected one of '优', '良', '中', '差', got str 'A' @ $.grade_bands[0].grade",
        ),
        (
            ("execution", "weight"),
            "8",
            (
                "yueyang-departmental: execution.weight 8 differs from "
                "level1_weights.budget_execution 10 @ $"
            ),
        ),
        (("valid_to",), 2019, "yueyang-departmental: valid_to 2019 is before valid_from 2022 @ $"),
        (("key",), "Yue Yang", "key: expected lowercase words joined by '-', got 'Yue Yang' @ $"),
        (
            (*_ADJ, "kind"),
            "steps",
            (
                "expected 'linear' or 'bands', got str 'steps' "
                "@ $.rate_rules.budget_adjustment_rate.kind"
            ),
        ),
        (
            (*_BAND1, "lower_inclusive"),
            True,
            (
                "预算调整率: bands [0, 0] and [0, 0.1] overlap at 0 "
                "@ $.rate_rules.budget_adjustment_rate"
            ),
        ),
        (
            (*_BAND1, "lower"),
            "0.01",
            (
                "预算调整率: band (0.01, 0.1] does not start where [0, 0] ends "
                "@ $.rate_rules.budget_adjustment_rate"
            ),
        ),
        (
            (*_BAND1, "points"),
            "4",
            (
                "预算调整率: band (0, 0.1]: 4 points exceed the rule's weight 3 "
                "@ $.rate_rules.budget_adjustment_rate"
            ),
        ),
        (
            (_RULES, "three_public_control_rate", "unit"),
            "0",
            "三公经费控制率: unit must be positive, got 0 @ $.rate_rules.three_public_control_rate",
        ),
        (
            (_RULES, "three_public_control_rate", "side"),
            "over",
            (
                "expected one of 'above', 'below', got str 'over' "
                "@ $.rate_rules.three_public_control_rate.side"
            ),
        ),
        (
            (_RULES, "three_public_control_rate", "floor"),
            "-1",
            "floor: must not be negative, got -1 @ $.rate_rules.three_public_control_rate",
        ),
    ],
    ids=[
        "float weight",
        "integer weight",
        "year as string",
        "unknown key",
        "missing key",
        "weights not 100",
        "grade gap",
        "grade overlap",
        "grades not from 0",
        "grades not to 100",
        "grade twice",
        "unknown grade",
        "execution weight",
        "years reversed",
        "bad key",
        "unknown rule kind",
        "band overlap",
        "band gap",
        "band points",
        "zero unit",
        "unknown side",
        "negative floor",
    ],
)
def test_invalid_profiles_say_what_and_where(
    path: tuple[str | int, ...], value: object, message: str
) -> None:
    """Each inconsistency is refused with a message naming the problem and its JSON path."""
    assert problem(_set(path, value)) == message


def test_duplicate_json_keys_are_refused() -> None:
    """A key given twice in one JSON object is refused rather than silently overwritten."""
    text = json.dumps(bundled("national-2020"))[:-1] + ', "title": "again"}'
    with pytest.raises(InvalidProfile, match="duplicate key 'title' in a JSON object"):
        profile_from_json(text)


def test_grade_for_the_top_band_includes_100_only() -> None:
    """The top grade band includes its upper bound 100; the others exclude theirs."""
    assert NATIONAL_2020.grade_for(D(100)) is Grade.EXCELLENT
    with pytest.raises(InvalidProfile, match="lower 90 is not below upper 90"):
        GradeBand(grade=Grade.EXCELLENT, lower=D(90), upper=D(90))


# Properties of the rule shapes --------------------------------------------------------------

ratios = st.decimals(min_value=-1, max_value=3, places=4, allow_nan=False)


@settings(max_examples=200)
@given(
    low=ratios,
    high=ratios,
    side=st.sampled_from(DeductionSide),
    whole=st.booleans(),
    per_unit=st.decimals(min_value=0, max_value=5, places=1),
)
def test_property_linear_deduction_is_monotone_within_floor_and_weight(
    low: Decimal, high: Decimal, side: DeductionSide, whole: bool, per_unit: Decimal
) -> None:
    """Scores stay in [floor, weight] and fall (never rise) as the rate moves past the threshold."""
    rule = LinearDeduction(
        label="test",
        weight=D(5),
        threshold=D(1),
        side=side,
        points_per_unit=per_unit,
        unit=D("0.05"),
        whole_units=whole,
        floor=D(1),
    )
    low, high = sorted((low, high))
    low_score, high_score = rule.score(low), rule.score(high)
    assert isinstance(low_score, Decimal)
    assert isinstance(high_score, Decimal)
    assert D(1) <= low_score <= D(5)
    assert D(1) <= high_score <= D(5)
    if side is DeductionSide.ABOVE:
        assert high_score <= low_score
    else:
        assert low_score <= high_score


@settings(max_examples=200)
@given(rate=st.decimals(min_value=0, max_value=3, places=4, allow_nan=False))
def test_property_band_rules_score_within_their_weight(rate: Decimal) -> None:
    """Every rate ≥ 0 falls in exactly one band of Hunan's 预算控制率 and Yueyang's 预算调整率."""
    for rule in (
        HUNAN.rate_rule("hunan_budget_control_rate"),
        YUEYANG.rate_rule("budget_adjustment_rate"),
    ):
        assert isinstance(rule, BandRule)
        assert sum(band.contains(rate) for band in rule.bands) == 1
        score = rule.score(rate)
        assert isinstance(score, Decimal)
        assert 0 <= score <= rule.weight


def test_rate_band_describes_itself_in_interval_notation() -> None:
    """Band bounds print as intervals, for messages a reviewer can read."""
    band = RateBand(
        lower=D("0.1"), lower_inclusive=False, upper=D("0.2"), upper_inclusive=True, points=D(3)
    )
    assert band.describe() == "(0.1, 0.2]"
