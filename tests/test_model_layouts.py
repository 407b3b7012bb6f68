"""The model holds the tables of every common layout: report facts, units, indicator columns,
not-shown parts and execution rows, as other provinces print them."""

import pytest

import budget_perf as bp
from budget_perf.model import Department, Region, SelfEvaluation

# Report facts -------------------------------------------------------------------------------


def test_a_report_may_print_no_year() -> None:
    """An excerpt that prints no budget year is held with year None, not a guessed year."""
    report = SelfEvaluation(department=Department(name="某县某单位"))
    assert report.year is None
    assert "year unknown" in str(report)


def test_a_report_with_a_year_prints_it() -> None:
    """A stated year is shown as stated."""
    report = SelfEvaluation(year=2021, department=Department(name="绥阳县太白镇人民政府"))
    assert str(report) == "SelfEvaluation 2021 绥阳县太白镇人民政府: 0 project tables"


@pytest.mark.parametrize("year", [1949, 2200, -5])
def test_an_implausible_year_is_refused(year: int) -> None:
    """A year outside 1950–2199 is a typing slip, refused rather than kept."""
    with pytest.raises(ValueError, match="not a plausible budget year"):
        SelfEvaluation(year=year, department=Department(name="x"))


def test_the_region_is_kept_as_printed() -> None:
    """省/市/县 are kept as the report prints them; nothing is filled in."""
    region = Region(city="临沧市", county="永德县")
    report = SelfEvaluation(year=2022, department=Department(name="永德县明朗中学"), region=region)
    assert report.region == Region(province="", city="临沧市", county="永德县")
    assert str(report.region) == "临沧市永德县"
    assert "(临沧市永德县)" in str(report)


def test_an_unknown_region_prints_as_unknown() -> None:
    """A region that prints no level says 'unknown' rather than guessing."""
    assert str(Region()) == "unknown"
    assert SelfEvaluation(department=Department(name="x")).region is None


@pytest.mark.parametrize(
    ("place", "area", "inside"),
    [
        (Region(province="湖南省", city="衡阳市"), Region(province="湖南省"), True),
        (Region(province="湖南", city="衡阳市"), Region(province="湖南省"), True),
        (Region(province="湖南省", city="岳阳市"), Region(province="湖南省", city="岳阳"), True),
        (Region(province="湖南省", city="衡阳市"), Region(province="湖南省", city="岳阳市"), False),
        (Region(city="岳阳市"), Region(province="湖南省", city="岳阳市"), False),
        (Region(county="衡山县"), Region(), True),
    ],
    ids=["province", "suffix", "city-suffix", "other-city", "unprinted-province", "anywhere"],
)
def test_a_region_lies_within_an_area_only_by_what_it_prints(
    place: Region, area: Region, inside: bool
) -> None:
    """Every level the area names must be printed, the same (with or without 省/市/县)."""
    assert place.within(area) is inside


def test_region_and_missing_year_survive_json() -> None:
    """A report without a year and with a region round-trips; a 0.1 document still loads."""
    report = SelfEvaluation(department=Department(name="x"), region=Region(province="贵州省"))
    assert bp.from_json(bp.to_json(report), SelfEvaluation) == report
    old = bp.from_json('{"year": 2022, "department": {"name": "x"}}', SelfEvaluation)
    assert (old.year, old.region) == (2022, None)
