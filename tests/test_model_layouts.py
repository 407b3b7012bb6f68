"""The model holds the tables of every common layout: report facts, units, indicator columns,
not-shown parts and execution rows, as other provinces print them."""

from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import budget_perf as bp
from budget_perf.model import Department, Region, SelfEvaluation
from budget_perf.strategies import self_evaluations

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


# Indicator rows -------------------------------------------------------------------------------


def _row(nature: str, target: str, unit: str) -> bp.Indicator:
    return bp.Indicator(name="指标", nature=nature, target=target, measure_unit=unit)


@pytest.mark.parametrize(
    ("indicator", "text"),
    [
        (_row("≧", "735", "人次"), "≥735人次"),
        (_row("═", "100", "%"), "=100%"),
        (_row(">=", "98", "%(百分比)"), "≥98%"),
        (_row("", "有效", ""), "有效"),
        (_row("定量指标", "26次", "次"), "26次"),
        (_row("定量指标", "100%", "%"), "100%"),
        (_row("≥", ">=90%", "%"), ">=90%"),
        (bp.Indicator(name="按时召开会议", target="按时顺利"), "按时顺利"),
        (_row("≥", "", "%"), ""),
    ],
    ids=["yunnan", "equals-sign", "hebei-gloss", "no-columns", "word-nature", "unit-in-value",
         "comparator-in-value", "national", "blank"],
)  # fmt: skip
def test_target_text_joins_nature_value_and_unit(indicator: bp.Indicator, text: str) -> None:
    """指标性质 (where it is a comparator) + 指标值 + 度量单位 give the text parse_target reads."""
    assert indicator.target_text() == text


def test_a_joined_target_is_read_as_a_measurable_target() -> None:
    """Yunnan's ≧ | 95 | % reads as ≥ 95 %, a measurable target, like a national "≥95%"."""
    target = bp.parse_target(
        bp.Indicator(name="学生满意度", nature="≧", target="95", measure_unit="%").target_text()
    )
    assert target.comparator is bp.Comparator.GE
    assert (target.numbers, target.unit) == ((Decimal(95),), "%")


def test_the_adjusted_target_is_the_one_in_force_where_stated() -> None:
    """年初 and 调整 targets are both kept; the adjusted one is read unless 年初 is asked for."""
    row = bp.Indicator(name="x", target="26次", adjusted_target="20次", measure_unit="次")
    assert (row.target_text(), row.target_text(adjusted=False)) == ("20次", "26次")
    plain = bp.Indicator(name="y", target="26次")
    assert plain.target_text() == "26次"


def test_weighted_and_coefficient_scores_are_derived_beside_the_stated_ones() -> None:
    """Hebei: 折算得分 = 单项得分 × 权重占比; Chongqing: 得分 = 权重 × 得分系数."""
    hebei = bp.Indicator(
        name="服务对象满意度",
        score=Decimal("10.00"),
        proportion=Decimal("10.00"),
        stated_weighted_score=Decimal("1.00"),
    )
    assert hebei.weighted_score() == Decimal("1")
    assert hebei.stated_weighted_score == Decimal("1.00")
    chongqing = bp.Indicator(
        name="预算完成率", weight=Decimal("2"), score_coefficient=Decimal("100")
    )
    assert chongqing.coefficient_score() == Decimal("2")
    assert bp.Indicator(name="z").weighted_score() is None


def test_indicators_without_levels_belong_to_the_tree() -> None:
    """Chongqing lists indicators without 一级/二级; they are the tree's indicators all the same."""
    tree = bp.IndicatorTree(
        ungrouped=(
            bp.Indicator(name="财政供养人员控制率", weight=Decimal("2"), score=Decimal("2")),
            bp.Indicator(name="基础信息完善", weight=Decimal("1"), score=Decimal("1")),
        )
    )
    assert [i.name for i in tree.indicators()] == ["财政供养人员控制率", "基础信息完善"]
    assert tree.weight_of_indicators() == Decimal("3")


def test_a_total_of_the_indicators_only_is_derived_without_the_execution_score() -> None:
    """Sichuan's 总分 adds up the indicators (100) and leaves the execution score (10) out."""
    indicator = bp.Indicator(name="验收合格率", weight=Decimal("100"), score=Decimal("100"))
    tree = bp.IndicatorTree(
        groups=(
            bp.Level1Group(
                category=bp.Level1.OUTPUT,
                label="产出指标(100分)",
                groups=(bp.Level2Group(category=bp.Level2.QUALITY, indicators=(indicator,)),),
            ),
        ),
        total_includes_execution=False,
    )
    funding = bp.Funding(
        total=bp.FundTotal(full_year_budget=Decimal("20"), executed=Decimal("20")),
        weight=Decimal("10"),
    )
    assert bp.Project(name="p", funding=funding, indicators=tree).derived_total_score() == 100


def test_project_text_rows_are_kept() -> None:
    """评价结论, 存在问题 and 改进措施 printed under the indicators are text of the table."""
    project = bp.Project(name="水土保持监测", problems="", improvements="加强资料整编")
    assert (project.conclusion, project.improvements) == ("", "加强资料整编")


def test_new_indicator_columns_survive_json_and_old_documents_load() -> None:
    """Every new column round-trips; an indicator written by 0.1 loads with blank new columns."""
    row = bp.Indicator(
        name="完成率",
        nature=">=",
        measure_unit="%(百分比)",
        target="99",
        adjusted_target="98",
        description="每月按时审批符合条件对象的比例(%)",
        proportion=Decimal("25.00"),
        score=Decimal("25.00"),
        stated_weighted_score=Decimal("6.25"),
        score_coefficient=Decimal("100"),
        completion="完成",
        core="否",
    )
    assert bp.from_json(bp.to_json(row), bp.Indicator) == row
    old = bp.from_json('{"name": "x", "target": "≥95%"}', bp.Indicator)
    assert (old.nature, old.proportion, old.target_text()) == ("", None, "≥95%")


def test_a_flag_must_be_a_json_boolean() -> None:
    """A flag in JSON is true or false; "否" or 0 is refused, not taken for one."""
    with pytest.raises(bp.InvalidDocument, match="expected true or false"):
        bp.from_json('{"total_includes_execution": "否"}', bp.IndicatorTree)


# Not shown versus blank -----------------------------------------------------------------------


def test_a_part_cut_from_an_excerpt_is_not_shown_while_a_blank_cell_is_shown() -> None:
    """Guizhou's excerpt ends at the indicator header: the tree is not shown, the goal is blank."""
    table = bp.DepartmentTable(department_name="绥阳县太白镇人民政府", not_shown=("indicators",))
    assert table.indicators is None
    assert not table.is_shown("indicators")
    assert table.is_shown("goal")


@pytest.mark.parametrize(
    "record",
    [
        SelfEvaluation(department=Department(name="x"), not_shown=("projects", "narrative")),
        bp.Project(name="p", not_shown=("indicators", "signature")),
        bp.DepartmentTable(not_shown=("indicators",)),
        bp.BasicDataTable(not_shown=("buildings",)),
        bp.Funding(not_shown=("weight", "stated_score")),
        bp.FundTotal(not_shown=("initial_budget", "full_year_budget", "executed")),
        bp.FundSource(kind=bp.FundKind.OTHER_FUNDS, not_shown=("executed",)),
        bp.IndicatorTree(cut=True, not_shown=("stated_total_weight", "stated_total_score")),
        bp.Indicator(name="经费使用率", not_shown=("target", "actual", "weight", "score")),
        bp.AnnualGoal(expected="督促政府各职能部门完成工作任务", not_shown=("achieved",)),
    ],
    ids=lambda record: type(record).__name__,
)
def test_partly_shown_records_survive_json(record: object) -> None:
    """Every record that can be partly shown keeps its not-shown parts through JSON."""
    assert bp.from_json(bp.to_json(record), type(record)) == record


def test_a_not_shown_part_must_hold_nothing() -> None:
    """A part both stated and not shown is a contradiction, refused by name."""
    with pytest.raises(ValueError, match=r"Funding.weight is not shown, so it must hold nothing"):
        bp.Funding(weight=Decimal("10"), not_shown=("weight",))


def test_a_stated_zero_is_not_nothing() -> None:
    """Zero is a figure the table states; it cannot be marked not shown."""
    with pytest.raises(ValueError, match="must hold nothing"):
        bp.FundTotal(executed=Decimal("0"), not_shown=("executed",))


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("wieght",), "Funding has no part 'wieght'"),
        (("not_shown",), "Funding has no part 'not_shown'"),
        (("weight", "weight"), "a part is named twice"),
    ],
    ids=["misspelt", "itself", "twice"],
)
def test_not_shown_names_real_parts_once(parts: tuple[str, ...], message: str) -> None:
    """A misspelt or repeated part name is refused rather than silently ignored."""
    with pytest.raises(ValueError, match=message):
        bp.Funding(not_shown=parts)


def test_not_shown_must_be_a_tuple_of_names() -> None:
    """A list or a bare string is refused: a string would be read letter by letter."""
    with pytest.raises(TypeError, match="expected a tuple of field names"):
        bp.Funding(not_shown="weight")  # type: ignore[arg-type]


def test_asking_about_a_part_that_does_not_exist_is_an_error() -> None:
    """is_shown("wieght") raises: a misspelt part must not read as shown."""
    with pytest.raises(ValueError, match="no part 'wieght'"):
        bp.Funding().is_shown("wieght")


def test_a_bad_not_shown_part_in_json_is_reported_at_its_path() -> None:
    """A document naming an unknown part is refused with the path of the field."""
    with pytest.raises(
        bp.InvalidDocument, match=r"no part 'colour'.* @ \$.projects\[0\].not_shown"
    ):
        bp.from_json(
            '{"department": {"name": "x"}, "projects": [{"name": "p", "not_shown": ["colour"]}]}',
            SelfEvaluation,
        )


# Execution rows and the rate's basis ----------------------------------------------------------


def _guizhou() -> bp.Funding:
    """Guizhou's 总体资金 block: 年初预算数(A) / 全年执行数(B) / 分值 / 得分 per row."""
    return bp.Funding(
        total=bp.FundTotal(initial_budget=Decimal("1172.55"), executed=Decimal("1268.72")),
        weight=Decimal("10"),
        stated_score=Decimal("10"),
        rate_basis=bp.RateBasis.INITIAL_BUDGET,
        spending_rows=(
            bp.SpendingRow(
                kind=bp.SpendingKind.BASIC,
                initial_budget=Decimal("985.19"),
                executed=Decimal("914.97"),
                weight=Decimal("10"),
                stated_score=Decimal("10"),
            ),
            bp.SpendingRow(
                kind=bp.SpendingKind.PROJECT,
                initial_budget=Decimal("187.36"),
                executed=Decimal("353.75"),
                weight=Decimal("10"),
                stated_score=Decimal("10"),
            ),
            bp.SpendingRow(kind=bp.SpendingKind.OTHER),
        ),
        scoring_method="执行率×该项分值,以分值为上限",
    )


def test_a_table_says_which_budget_its_rate_divides_by() -> None:
    """Guizhou divides by 年初预算数: 1268.72 / 1172.55, not by a 全年预算数 it does not print."""
    funding = _guizhou()
    assert funding.execution_rate() == Decimal("1268.72") / Decimal("1172.55")
    national = attrs.evolve(funding, rate_basis=bp.RateBasis.FULL_YEAR_BUDGET)
    assert national.execution_rate() is None  # no 全年预算数 printed


def test_the_national_basis_is_the_default() -> None:
    """A 0.1 document's funds block divides by 全年预算数, as 财预〔2020〕10号 does."""
    funding = bp.from_json(
        '{"total": {"full_year_budget": "400.03", "executed": "394"}}', bp.Funding
    )
    assert funding.rate_basis is bp.RateBasis.FULL_YEAR_BUDGET
    rate = funding.execution_rate()
    assert rate is not None
    assert bp.to_percent(rate) == Decimal("98.49")


def test_each_execution_row_has_its_own_rate_and_score() -> None:
    """基本支出 914.97 of 985.19 scores 10 × 92.87% = 9.29; 项目支出 above its budget scores 10."""
    rows = list(_guizhou().execution_rows())
    assert [(field, index) for field, index, _ in rows] == [
        ("spending_rows", 0),
        ("spending_rows", 1),
        ("spending_rows", 2),
    ]
    basis = bp.RateBasis.INITIAL_BUDGET
    basic, project, other = (row for _, _, row in rows)
    score = basic.execution_score(basis)
    assert isinstance(score, Decimal)
    assert bp.round_half_up(score) == Decimal("9.29")
    assert project.execution_score(basis) == Decimal("10")
    assert other.execution_rate(basis) is None


def test_a_weight_of_twenty_fits_the_funds_block() -> None:
    """Hubei weighs 预算执行 at 20: 得分 = 20 × 执行率."""
    hubei = bp.Funding(
        total=bp.FundTotal(initial_budget=Decimal("10"), executed=Decimal("10")),
        weight=Decimal("20"),
        rate_basis=bp.RateBasis.INITIAL_BUDGET,
    )
    assert hubei.execution_score() == Decimal("20")


def test_source_rows_may_carry_their_own_scores_and_hebeis_received_amount() -> None:
    """A source row keeps 到位数, 分值, 执行率 and 得分 where its layout prints them."""
    row = bp.FundSource(
        kind=bp.FundKind.FISCAL_FUNDS,
        full_year_budget=Decimal("6.84"),
        received=Decimal("6.84"),
        executed=Decimal("6.84"),
        weight=Decimal("10"),
        stated_execution_rate=Decimal("100.00"),
        stated_score=Decimal("10"),
    )
    assert row.execution_rate() == 1
    assert bp.from_json(bp.to_json(row), bp.FundSource) == row


def test_execution_rows_and_split_totals_survive_json() -> None:
    """Spending rows, the basis, the scoring method and printed split totals round-trip."""
    table = bp.DepartmentTable(
        funding=_guizhou(), income_split_total=Decimal("2030.12"), spending_split_total=None
    )
    assert bp.from_json(bp.to_json(table), bp.DepartmentTable) == table


# Generated reports of every layout ------------------------------------------------------------

LAYOUTS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@LAYOUTS
@given(self_evaluations(layouts=True))
def test_a_generated_report_of_any_layout_round_trips_through_json(
    evaluation: bp.SelfEvaluation,
) -> None:
    """from_json(to_json(x)) == x with regions, units, execution rows, score sheets, not-shown."""
    assert bp.from_json(bp.to_json(evaluation), bp.SelfEvaluation) == evaluation


@LAYOUTS
@given(self_evaluations(partial=True))
def test_a_generated_partial_copy_round_trips_through_json(evaluation: bp.SelfEvaluation) -> None:
    """Unknown years, cut trees and sheets, tables in the other unit survive JSON too."""
    assert bp.from_json(bp.to_json(evaluation), bp.SelfEvaluation) == evaluation


@LAYOUTS
@given(self_evaluations(layouts=True))
def test_a_generated_report_of_any_layout_has_no_error(evaluation: bp.SelfEvaluation) -> None:
    """The provincial parts are drawn consistent: the checker finds no error in them."""
    errors = [f for f in bp.check(evaluation) if f.severity is bp.Severity.ERROR]
    assert errors == []


@LAYOUTS
@given(self_evaluations(layouts=True))
def test_generated_layout_parts_are_consistent_by_the_models_own_figures(
    evaluation: bp.SelfEvaluation,
) -> None:
    """Execution rows add up to their total; 折算得分 and 得分系数 agree with the row's figures."""
    for table in (*evaluation.projects, evaluation.department_table):
        if table is None or table.funding is None or table.funding.total is None:
            continue
        funding, total = table.funding, table.funding.total
        if funding.spending_rows:
            executed = [r.executed for r in funding.spending_rows if r.executed is not None]
            assert sum(executed) == total.executed
        if table.indicators is None:
            continue
        for indicator in table.indicators.indicators():
            if indicator.stated_weighted_score is not None:
                assert indicator.weighted_score() == indicator.stated_weighted_score
            if indicator.score_coefficient is not None:
                assert indicator.coefficient_score() == indicator.score


def test_a_wrong_not_shown_is_refused_as_the_library_s_error_in_both_languages() -> None:
    """A wrong ``not_shown`` is an InvalidValue naming the field, said in Chinese as well."""
    with pytest.raises(bp.errors.InvalidValue) as caught:
        bp.Funding(weight=Decimal("10"), not_shown=("weight",))
    assert caught.value.field == "not_shown"
    assert "标为未显示，不应有内容" in caught.value.message("zh")
