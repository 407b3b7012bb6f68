"""The model holds the tables of every common layout: report facts, units, indicator columns,
not-shown parts and execution rows, as other provinces print them."""

from decimal import Decimal

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


# Units ----------------------------------------------------------------------------------------


def test_amounts_are_kept_in_the_unit_their_table_prints() -> None:
    """A Yunnan table in 元 keeps 387664.62 as printed; the report's unit stays 万元."""
    project = bp.Project(
        name="义务教育营养改善计划专项资金",
        amount_unit=bp.AmountUnit.YUAN,
        funding=bp.Funding(total=bp.FundTotal(executed=Decimal("387664.62"))),
    )
    report = SelfEvaluation(department=Department(name="x"), projects=(project,))
    assert project.funding is not None and project.funding.total is not None
    assert project.funding.total.executed == Decimal("387664.62")
    assert report.unit_of(project) is bp.AmountUnit.YUAN
    assert report.amount_in(project, Decimal("387664.62")) == Decimal("38.766462")


def test_a_table_without_its_own_unit_has_the_reports() -> None:
    """amount_unit None on a table means the report's unit, whatever that is."""
    report = SelfEvaluation(department=Department(name="x"), amount_unit=bp.AmountUnit.YUAN)
    for table in (bp.Project(name="p"), bp.DepartmentTable(), bp.BasicDataTable()):
        assert report.unit_of(table) is bp.AmountUnit.YUAN


@pytest.mark.parametrize(
    ("amount", "unit", "to", "expected"),
    [
        ("215457.6", "元", "万元", "21.54576"),
        ("9034", "元", "万元", "0.9034"),
        ("0.01", "元", "万元", "0.000001"),
        ("43.2", "万元", "元", "432000"),
        ("2030.12", "万元", "万元", "2030.12"),
        ("1234567890123456789012345678.9", "元", "万元", "123456789012345678901234.56789"),
    ],
    ids=["yuan-to-wan", "whole", "one-fen", "wan-to-yuan", "same", "beyond-28-digits"],
)
def test_unit_conversion_is_exact(amount: str, unit: str, to: str, expected: str) -> None:
    """元 → 万元 is ÷ 10 000 exactly: no digit is lost, even beyond the context precision."""
    result = bp.convert_amount(Decimal(amount), bp.AmountUnit(unit), bp.AmountUnit(to))
    assert str(result) == expected


def test_unit_conversion_refuses_a_float() -> None:
    """A float is not an exact amount and is refused by name."""
    with pytest.raises(bp.InvalidAmount, match="amount: expected a Decimal, got float"):
        bp.convert_amount(1.5, bp.AmountUnit.YUAN, bp.AmountUnit.WAN_YUAN)  # type: ignore[arg-type]


def test_table_units_survive_json_and_old_documents_load() -> None:
    """A table's unit round-trips; a 0.1 document, without the field, reads as the report's."""
    report = SelfEvaluation(
        department=Department(name="x"),
        projects=(bp.Project(name="p", amount_unit=bp.AmountUnit.YUAN),),
        basic_data=bp.BasicDataTable(amount_unit=bp.AmountUnit.WAN_YUAN),
    )
    assert bp.from_json(bp.to_json(report), SelfEvaluation) == report
    old = bp.from_json('{"department": {"name": "x"}, "projects": [{"name": "p"}]}', SelfEvaluation)
    assert old.projects[0].amount_unit is None
