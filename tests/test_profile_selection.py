"""Each report is checked by the rule profile of its place and year, unless the caller names one."""

import json
import re
from decimal import Decimal
from importlib import resources

import pytest

import budget_perf as bp
from budget_perf.profiles import select_profile

HUNAN = bp.Region(province="湖南省", city="衡阳市", county="衡山县")


@pytest.mark.parametrize(
    ("region", "year", "key"),
    [
        (HUNAN, 2023, "hunan-departmental"),
        (bp.Region(province="湖南", city="岳阳"), 2022, "yueyang-departmental"),
        (bp.Region(province="湖南", city="岳阳市", county="岳阳县"), 2024, "yueyang-departmental"),
        (HUNAN, 2021, "national-2020"),
        (bp.Region(city="衡阳市", county="衡山县"), 2023, "national-2020"),
        (bp.Region(province="贵州省"), 2021, "national-2020"),
        (HUNAN, None, "national-2020"),
        (None, 2023, "national-2020"),
        (None, 2017, "national-2020"),
    ],
    ids=[
        "province", "city-without-suffixes", "county-of-the-city", "before-in-force",
        "province-not-printed", "no-profile-for-the-place", "no-year", "no-place", "old-year",
    ],
)  # fmt: skip
def test_the_most_specific_profile_in_force_is_selected(
    region: bp.Region | None, year: int | None, key: str
) -> None:
    """A city's profile beats its province's; a place or year not printed gets the national one."""
    assert select_profile(region, year).key == key


def test_selection_among_a_callers_own_profiles() -> None:
    """A caller's own provincial profile is chosen for its place the same way."""
    text = resources.files("budget_perf.profiles").joinpath("hunan-departmental.json")
    data = json.loads(text.read_text("utf-8"))
    data.update(key="guizhou-test", jurisdiction="贵州省", region={"province": "贵州省"})
    data["valid_from"] = 2020
    guizhou = bp.profile_from_json(json.dumps(data, ensure_ascii=False))
    chosen = select_profile(bp.Region(province="贵州省"), 2021, among=(bp.NATIONAL_2020, guizhou))
    assert chosen.key == "guizhou-test"
    assert select_profile(bp.Region(province="云南省"), 2021, among=(guizhou,)).key == (
        "national-2020"
    )


def _report(region: bp.Region | None, year: int | None) -> bp.SelfEvaluation:
    """A department table whose 产出 block weighs 40, not the profiles' 50 (a BP401 warning)."""
    indicator = bp.Indicator(name="x", weight=Decimal(40), score=Decimal(40))
    group = bp.Level1Group(
        category=bp.Level1.OUTPUT,
        stated_weight=Decimal(40),
        groups=(bp.Level2Group(category=bp.Level2.QUANTITY, indicators=(indicator,)),),
    )
    table = bp.DepartmentTable(indicators=bp.IndicatorTree(groups=(group,)))
    return bp.SelfEvaluation(
        year=year, region=region, department=bp.Department(name="x"), department_table=table
    )


def _profiles_used(findings: tuple[bp.Finding, ...]) -> set[str]:
    return {f.formula.split(":")[0] for f in findings if f.code == "BP401"}


def test_check_uses_the_profile_of_the_reports_place_and_year() -> None:
    """A 2023 report from 衡山县 gets the Hunan rules; one that prints no place, the national."""
    assert _profiles_used(bp.check(_report(HUNAN, 2023))) == {"hunan-departmental"}
    assert _profiles_used(bp.check(_report(None, 2023))) == {"national-2020"}


def test_a_profile_named_by_the_caller_is_used_as_given() -> None:
    """Naming a profile overrides the selection."""
    findings = bp.check(_report(HUNAN, 2023), bp.NATIONAL_2020)
    assert _profiles_used(findings) == {"national-2020"}


def test_a_profiles_region_is_read_from_its_file() -> None:
    """The bundled Hunan and Yueyang profiles name their place; the national one names none."""
    assert bp.load_profile("hunan-departmental").region == bp.Region(province="湖南省")
    assert bp.load_profile("yueyang-departmental").region == bp.Region(
        province="湖南省", city="岳阳市"
    )
    assert bp.NATIONAL_2020.region is None


@pytest.mark.parametrize(
    ("region", "message"),
    [
        ({}, "a region names at least one of province, city, county @ $.region"),
        ({"town": "贯塘乡"}, "unknown key(s) town @ $.region"),
        ({"province": 43}, "expected a string, got the JSON number 43 @ $.region.province"),
    ],
    ids=["empty", "unknown-level", "not-text"],
)
def test_a_bad_profile_region_is_refused_at_its_path(region: object, message: str) -> None:
    """A profile's region names printed levels as text, at least one."""
    data = json.loads(
        resources.files("budget_perf.profiles").joinpath("national-2020.json").read_text("utf-8")
    )
    data["region"] = region
    with pytest.raises(bp.InvalidProfile, match=re.escape(message)):
        bp.profile_from_json(json.dumps(data))
