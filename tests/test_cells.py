"""Tests for budget_perf.cells: reading amount, percent, target and date cells of a report.

Each table below is a list of cells as they appear in real 自评 tables and what the library must
read from them.  The seed report's targets live in ``tests/data/cells/seed_targets.tsv``.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget_perf._decimal import decimal_places
from budget_perf.cells import (
    AmountCell,
    CellStatus,
    Comparator,
    MoneyUnit,
    Target,
    TargetClause,
    TargetDirection,
    TargetKind,
    parse_amount,
    parse_date,
    parse_percent,
    parse_target,
)
from budget_perf.checks import check
from budget_perf.model import (
    Department,
    Indicator,
    IndicatorTree,
    Level1,
    Level1Group,
    Level2,
    Level2Group,
    Project,
    SelfEvaluation,
)

DATA = Path(__file__).parent / "data" / "cells"
VALUE, BLANK, NOTE, UNPARSED = CellStatus
D = Decimal

# --- amounts --------------------------------------------------------------------------------

AMOUNTS = [
    pytest.param("4026.3", VALUE, D("4026.3"), None, id="plain"),
    pytest.param("4,026.30", VALUE, D("4026.30"), None, id="thousands-separator"),
    pytest.param("4026.3万元", VALUE, D("4026.3"), MoneyUnit.WAN_YUAN, id="wan-yuan"),
    pytest.param("6.03万", VALUE, D("6.03"), MoneyUnit.WAN_YUAN, id="wan"),
    pytest.param("4026.3 万元", VALUE, D("4026.3"), MoneyUnit.WAN_YUAN, id="space-before-unit"),
    pytest.param("850000元", VALUE, D("85.0000"), MoneyUnit.YUAN, id="yuan-converted-exactly"),
    pytest.param("1.5亿元", VALUE, D("15000"), MoneyUnit.YI_YUAN, id="yi-yuan-converted"),
    pytest.param("１２３．４", VALUE, D("123.4"), None, id="full-width-digits"),
    pytest.param("１，２３４．５０", VALUE, D("1234.50"), None, id="full-width-comma"),
    pytest.param("85\u3000", VALUE, D("85"), None, id="ideographic-space"),
    pytest.param("\u3000238.49", VALUE, D("238.49"), None, id="leading-ideographic-space"),
    pytest.param("\xa020.3\xa0", VALUE, D("20.3"), None, id="no-break-spaces"),
    pytest.param("0", VALUE, D("0"), None, id="zero"),
    pytest.param("-12.5", VALUE, D("-12.5"), None, id="negative-adjustment"),
    pytest.param("", BLANK, None, None, id="empty"),
    pytest.param("\u3000\u3000", BLANK, None, None, id="ideographic-spaces-only"),
    pytest.param(" \t ", BLANK, None, None, id="whitespace"),
    pytest.param("——", BLANK, None, None, id="double-em-dash"),
    pytest.param("\u3000——", BLANK, None, None, id="spaced-double-em-dash"),
    pytest.param("—", BLANK, None, None, id="em-dash"),
    pytest.param("-", BLANK, None, None, id="hyphen"),
    pytest.param("／", BLANK, None, None, id="full-width-slash"),
    pytest.param("无", BLANK, None, None, id="none-stated"),
    pytest.param(
        "(实际支出为124，差额原因为业务科室报账不及时）\u3000", NOTE, None, None, id="note"
    ),
    pytest.param(
        "全年预算数与执行数差额的原因是支付天然气借款6.03万。", NOTE, None, None, id="note-sentence"
    ),
    pytest.param("约85万元", NOTE, None, None, id="approximate-amount-is-a-note"),
    pytest.param("4026,3", UNPARSED, None, None, id="decimal-comma"),
    pytest.param("40,26.3", UNPARSED, None, None, id="bad-grouping"),
    pytest.param("(12.5)", UNPARSED, None, None, id="parenthesised-figure"),
    pytest.param("1E+3", UNPARSED, None, None, id="exponent"),
    pytest.param("12.3.4", UNPARSED, None, None, id="two-points"),
    pytest.param("¥85", UNPARSED, None, None, id="currency-sign"),
    pytest.param("NaN", UNPARSED, None, None, id="nan"),
    pytest.param("①", UNPARSED, None, None, id="circled-one-is-not-1"),
]


@pytest.mark.parametrize(("text", "status", "value", "unit"), AMOUNTS)
def test_parse_amount(
    text: str, status: CellStatus, value: Decimal | None, unit: MoneyUnit | None
) -> None:
    """Each amount cell is read as the exact figure in 万元, a blank, a note or unparsed text."""
    cell = parse_amount(text)
    assert (status, value, unit, text) == (cell.status, cell.value, cell.stated_unit, cell.raw)
    if value is not None:
        assert str(value) == str(cell.value)  # the decimals as written are kept
    assert (cell.reason == "") == (status is VALUE)


def test_unparsed_amount_says_why() -> None:
    """An amount that cannot be read carries a reason a reviewer can act on."""
    assert parse_amount("4026,3").reason == "misplaced thousands separator in '4026,3'"
    assert parse_amount("≥100万元").reason == (
        "'≥100万元' states a target with a comparator; use parse_target"
    )


# --- percentages ----------------------------------------------------------------------------

PERCENTS = [
    pytest.param("76.58%", VALUE, D("76.58"), 2, True, id="two-decimals"),
    pytest.param("0.6%", VALUE, D("0.6"), 1, True, id="one-decimal"),
    pytest.param("100%", VALUE, D("100"), 0, True, id="hundred"),
    pytest.param("１００％", VALUE, D("100"), 0, True, id="full-width"),
    pytest.param("76.58 %", VALUE, D("76.58"), 2, True, id="space-before-sign"),
    pytest.param("\u3000100%", VALUE, D("100"), 0, True, id="ideographic-space"),
    pytest.param("90.20%", VALUE, D("90.20"), 2, True, id="trailing-zero-kept"),
    pytest.param("100", VALUE, D("100"), 0, False, id="bare-number-is-points"),
    pytest.param("", BLANK, None, None, False, id="empty"),
    pytest.param("——", BLANK, None, None, False, id="dashes"),
    pytest.param("满意度已达要求", NOTE, None, None, False, id="note"),
    pytest.param("≥95%", UNPARSED, None, None, False, id="target-not-a-rate"),
    pytest.param("5‰", UNPARSED, None, None, False, id="per-mille"),
    pytest.param("76.58%%", UNPARSED, None, None, False, id="double-sign"),
]


@pytest.mark.parametrize(("text", "status", "points", "places", "has_sign"), PERCENTS)
def test_parse_percent(
    text: str, status: CellStatus, points: Decimal | None, places: int | None, has_sign: bool
) -> None:
    """A rate is read in percent points with the number of decimals it was written with."""
    cell = parse_percent(text)
    assert (status, points, places, has_sign) == (
        cell.status,
        cell.points,
        cell.places,
        cell.has_sign,
    )


# --- dates ----------------------------------------------------------------------------------

DATES = [
    pytest.param("2023.6.9", VALUE, datetime.date(2023, 6, 9), id="dotted"),
    pytest.param("2023.6.26", VALUE, datetime.date(2023, 6, 26), id="dotted-two-digit-day"),
    pytest.param("2023-06-09", VALUE, datetime.date(2023, 6, 9), id="iso"),
    pytest.param("2023/6/9", VALUE, datetime.date(2023, 6, 9), id="slashes"),
    pytest.param("2023年6月9日", VALUE, datetime.date(2023, 6, 9), id="chinese"),
    pytest.param("２０２３年６月９日\u3000", VALUE, datetime.date(2023, 6, 9), id="full-width"),
    pytest.param("", BLANK, None, id="empty"),
    pytest.param("——", BLANK, None, id="dashes"),
    pytest.param("2023.2.30", UNPARSED, None, id="impossible-day"),
    pytest.param("2023.13.1", UNPARSED, None, id="impossible-month"),
    pytest.param("2023.6-9", UNPARSED, None, id="mixed-separators"),
    pytest.param("2023年6月", UNPARSED, None, id="no-day"),
    pytest.param("填报日期：2023.6.9", UNPARSED, None, id="label-included"),
]


@pytest.mark.parametrize(("text", "status", "value"), DATES)
def test_parse_date(text: str, status: CellStatus, value: datetime.date | None) -> None:
    """A 填报日期 is read as a calendar date; anything else is reported, never raised."""
    cell = parse_date(text)
    assert (status, value, text) == (cell.status, cell.value, cell.raw)


def test_impossible_date_reason() -> None:
    """February 30th is reported with the reason, not raised."""
    assert parse_date("2023.2.30").reason == (
        "'2023.2.30' is not a calendar date (day is out of range for month)"
    )


# --- targets --------------------------------------------------------------------------------

GE, LE, EQ, GT, LT, APPROX = Comparator
K = TargetKind
HIGHER, LOWER, EXACT, WITHIN, UNSTATED = TargetDirection
TARGETS = [
    pytest.param("≥95%", K.QUANTITATIVE, GE, ("95",), "%", HIGHER, id="ge-percent"),
    pytest.param("＞90％", K.QUANTITATIVE, GT, ("90",), "%", HIGHER, id="full-width-gt"),
    pytest.param(">=90%", K.QUANTITATIVE, GE, ("90",), "%", HIGHER, id="ascii-ge"),
    pytest.param("≤5天", K.QUANTITATIVE, LE, ("5",), "天", LOWER, id="le-days"),
    pytest.param("<3次", K.QUANTITATIVE, LT, ("3",), "次", LOWER, id="lt"),
    pytest.param("=100%", K.QUANTITATIVE, EQ, ("100",), "%", EXACT, id="equals"),
    pytest.param("不低于90%", K.QUANTITATIVE, GE, ("90",), "%", HIGHER, id="not-lower-than"),
    pytest.param("不少于3次", K.QUANTITATIVE, GE, ("3",), "次", HIGHER, id="not-fewer-than"),
    pytest.param("至少1次", K.QUANTITATIVE, GE, ("1",), "次", HIGHER, id="at-least"),
    pytest.param("不超过100万元", K.QUANTITATIVE, LE, ("100",), "万元", LOWER, id="not-over"),
    pytest.param("不高于5%", K.QUANTITATIVE, LE, ("5",), "%", LOWER, id="not-higher-than"),
    pytest.param("3个月以内", K.QUANTITATIVE, LE, ("3",), "个月", LOWER, id="within-months"),
    pytest.param("两个月内办结", K.QUANTITATIVE, LE, ("2",), "个月", LOWER, id="chinese-within"),
    pytest.param("95%以上", K.QUANTITATIVE, GE, ("95",), "%", HIGHER, id="and-above"),
    pytest.param("满意度达到95%", K.QUANTITATIVE, GE, ("95",), "%", HIGHER, id="reach-is-ge"),
    pytest.param("8次", K.QUANTITATIVE, None, ("8",), "次", UNSTATED, id="bare-count"),
    pytest.param("100%", K.QUANTITATIVE, None, ("100",), "%", UNSTATED, id="bare-percent"),
    pytest.param("3,800本", K.QUANTITATIVE, None, ("3800",), "本", UNSTATED, id="thousands"),
    pytest.param("１２次", K.QUANTITATIVE, None, ("12",), "次", UNSTATED, id="full-width-count"),
    pytest.param("2台空调机组", K.QUANTITATIVE, None, ("2",), "台", UNSTATED, id="machines"),
    pytest.param("50", K.QUANTITATIVE, None, ("50",), "", UNSTATED, id="bare-number"),
    pytest.param("43.2", K.QUANTITATIVE, None, ("43.2",), "", UNSTATED, id="bare-decimal"),
    pytest.param("3,800", K.QUANTITATIVE, None, ("3800",), "", UNSTATED, id="bare-thousands"),
    pytest.param("≥95", K.QUANTITATIVE, GE, ("95",), "", HIGHER, id="bare-with-comparator"),
    pytest.param("不低于95", K.QUANTITATIVE, GE, ("95",), "", HIGHER, id="bare-in-words"),
    pytest.param("100以上", K.QUANTITATIVE, GE, ("100",), "", HIGHER, id="bare-and-above"),
    pytest.param("1-2", K.RANGE, None, ("1", "2"), "", WITHIN, id="bare-range"),
    pytest.param("═100%", K.QUANTITATIVE, EQ, ("100",), "%", EXACT, id="box-drawing-equals"),
    pytest.param("≥50厘米", K.QUANTITATIVE, GE, ("50",), "厘米", HIGHER, id="centimetres"),
    pytest.param("两部", K.QUANTITATIVE, None, ("2",), "部", UNSTATED, id="chinese-two"),
    pytest.param("每年立一部法", K.QUANTITATIVE, None, ("1",), "部", UNSTATED, id="one-law"),
    pytest.param("二十四次", K.QUANTITATIVE, None, ("24",), "次", UNSTATED, id="chinese-24"),
    pytest.param("一百零五人", K.QUANTITATIVE, None, ("105",), "人", UNSTATED, id="chinese-105"),
    pytest.param("24-26次", K.RANGE, None, ("24", "26"), "次", WITHIN, id="range"),
    pytest.param("3-4项", K.RANGE, None, ("3", "4"), "项", WITHIN, id="range-items"),
    pytest.param("1-2次", K.RANGE, None, ("1", "2"), "次", WITHIN, id="range-small"),
    pytest.param("4-6次", K.RANGE, None, ("4", "6"), "次", WITHIN, id="range-4-6"),
    pytest.param("4—6次", K.RANGE, None, ("4", "6"), "次", WITHIN, id="range-em-dash"),
    pytest.param("2至3次", K.RANGE, None, ("2", "3"), "次", WITHIN, id="range-word"),
    pytest.param("95%-100%", K.RANGE, None, ("95", "100"), "%", WITHIN, id="range-percent"),
    pytest.param("十余次", K.APPROXIMATE, None, ("10",), "次", None, id="ten-odd"),
    pytest.param("200余人次", K.APPROXIMATE, None, ("200",), "人次", None, id="200-odd"),
    pytest.param("两百多件", K.APPROXIMATE, None, ("200",), "件", None, id="two-hundred-odd"),
    pytest.param("约50人", K.APPROXIMATE, APPROX, ("50",), "人", None, id="about"),
    pytest.param("50人左右", K.APPROXIMATE, APPROX, ("50",), "人", None, id="or-so"),
    pytest.param("n+1次", K.SYMBOLIC, None, (), "次", None, id="n-plus-one"),
    pytest.param("约n次", K.SYMBOLIC, APPROX, (), "次", None, id="about-n"),
    pytest.param("满意", K.QUALITATIVE, None, (), "", None, id="satisfied"),
    pytest.param("已完成", K.QUALITATIVE, None, (), "", None, id="done"),
    pytest.param("达成预期指标", K.QUALITATIVE, None, (), "", None, id="as-expected"),
    pytest.param("预算内资金", K.QUALITATIVE, None, (), "", None, id="within-budget"),
    pytest.param("及时落实反馈", K.QUALITATIVE, None, (), "", None, id="timely-feedback"),
    pytest.param("第一次全体会议", K.QUALITATIVE, None, (), "", None, id="ordinal-not-count"),
    pytest.param("坚定两个确立", K.QUALITATIVE, None, (), "", None, id="slogan-not-count"),
    pytest.param("十分重要", K.QUALITATIVE, None, (), "", None, id="very-not-ten-points"),
    pytest.param("每年8月开展调研", K.QUALITATIVE, None, (), "", None, id="month-not-count"),
    pytest.param("统一部署，一部分完成", K.QUALITATIVE, None, (), "", None, id="not-units"),
    pytest.param(
        "完成2项内容", K.QUANTITATIVE, None, ("2",), "项", UNSTATED, id="content-not-within"
    ),
    pytest.param("①保障安全", K.QUALITATIVE, None, (), "", None, id="circled-one-not-1"),
    pytest.param("", K.BLANK, None, (), "", None, id="empty"),
    pytest.param("——", K.BLANK, None, (), "", None, id="dashes"),
    pytest.param("\u3000", K.BLANK, None, (), "", None, id="ideographic-space"),
    pytest.param("达到10水平", K.UNPARSED, None, (), "", None, id="number-without-unit"),
    pytest.param("8次2项", K.UNPARSED, None, (), "", None, id="two-figures-one-clause"),
    pytest.param("5-3次", K.UNPARSED, None, (), "", None, id="reversed-range"),
    pytest.param("二百五次", K.UNPARSED, None, (), "", None, id="colloquial-numeral"),
    pytest.param(";;", K.UNPARSED, None, (), "", None, id="separators-only"),
]


@pytest.mark.parametrize(("text", "kind", "comparator", "numbers", "unit", "direction"), TARGETS)
def test_parse_target(
    text: str,
    kind: TargetKind,
    comparator: Comparator | None,
    numbers: tuple[str, ...],
    unit: str,
    direction: TargetDirection | None,
) -> None:
    """Each single target is read into its kind, comparator, number(s), unit and direction."""
    target = parse_target(text)
    expected = (kind, comparator, tuple(D(n) for n in numbers), unit, direction, text)
    assert expected == (
        target.kind,
        target.comparator,
        target.numbers,
        target.unit,
        target.direction,
        target.raw,
    )
    assert target.measurable is (kind in (K.QUANTITATIVE, K.RANGE))


def test_unparsed_target_says_why() -> None:
    """A clause that is not read carries its reason; the text is kept."""
    (clause,) = parse_target("8次2项").clauses
    assert (clause.text, clause.reason) == ("8次2项", "several figures in one clause: '8次', '2项'")
    assert parse_target("达到10水平").clauses[0].reason == "figure without a recognised unit: '10'"


def describe(clause: TargetClause) -> str:
    """One clause in the notation of seed_targets.tsv: KIND comparator+numbers+unit /period."""
    if clause.kind is TargetKind.QUALITATIVE:
        return "QUALITATIVE"
    comparator = clause.comparator.value if clause.comparator else ""
    text = f"{clause.kind.name} {comparator}{'-'.join(map(str, clause.numbers))}{clause.unit}"
    return f"{text} /{clause.per}" if clause.per else text


COMPOUNDS = [
    pytest.param(
        "8次常委会、24次主任会议、大型会议2次、中型会议8次",
        "QUANTITATIVE 8次 ; QUANTITATIVE 24次 ; QUANTITATIVE 2次 ; QUANTITATIVE 8次",
        id="list-with-dunhao",
    ),
    pytest.param(
        "组织专题咨询活动至少1次；开展预算编制及执行、审计工作等方面调研至少4次",
        "QUANTITATIVE ≥1次 ; QUANTITATIVE ≥4次",
        id="dunhao-inside-prose-does-not-split",
    ),
    pytest.param(
        "编印人大导刊6期，3800本；保障1,538个代表平台正常运行",
        "QUANTITATIVE 6期 ; QUANTITATIVE 3800本 ; QUANTITATIVE 1538个",
        id="comma-splits-but-thousands-do-not",
    ),
    pytest.param(
        "每年立一部法；每年需起草条例草案n+1次；每年征求意见约n次",
        "QUANTITATIVE 1部 /每年 ; SYMBOLIC 次 /每年 ; SYMBOLIC ≈次 /每年",
        id="law-per-year-and-symbols",
    ),
    pytest.param(
        "《岳阳人大》每2个月1期；每年11月中下旬召开年会",
        "QUANTITATIVE 1期 /每2个月 ; QUALITATIVE",
        id="period-and-calendar",
    ),
]


@pytest.mark.parametrize(("text", "clauses"), COMPOUNDS)
def test_compound_target_keeps_each_clause(text: str, clauses: str) -> None:
    """A cell with several commitments keeps each one instead of guessing a single figure."""
    target = parse_target(text)
    assert (TargetKind.COMPOUND, clauses) == (
        target.kind,
        " ; ".join(describe(c) for c in target.clauses),
    )
    assert (target.numbers, target.comparator, target.unit) == ((), None, "")


def test_compound_direction() -> None:
    """A compound target has a direction only when every clause is measurable and agrees."""
    assert parse_target("满意度达到95%，办理满意度达到97%").direction is TargetDirection.HIGHER
    assert parse_target("至少1次；不超过3天").direction is None
    assert parse_target("完成3-4项调研；开展质量安全行").direction is None


def _seed_targets() -> list[object]:
    rows: list[object] = []
    text = (DATA / "seed_targets.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    for line in lines[1:]:
        table, row, _indicator, target, kind, clauses = line.split("\t")
        rows.append(pytest.param(target, kind, clauses, id=f"{table}-{row}"))
    return rows


SEED_TARGETS = _seed_targets()


@pytest.mark.parametrize(("text", "kind", "clauses"), SEED_TARGETS)
def test_seed_report_targets(text: str, kind: str, clauses: str) -> None:
    """Every 年度指标值 of the seed report is read into the kind and clauses listed in the TSV."""
    target = parse_target(text)
    assert (kind, clauses) == (target.kind.name, " ; ".join(describe(c) for c in target.clauses))
    assert target.kind not in (TargetKind.BLANK, TargetKind.UNPARSED)


def test_seed_report_has_all_indicator_rows() -> None:
    """The TSV holds all 85 indicator rows of the seed report's nine evaluation tables."""
    assert len(SEED_TARGETS) == 85


@pytest.mark.parametrize("text", ["100%", "\u3000100%"], ids=["plain", "ideographic-space"])
def test_seed_report_actuals(text: str) -> None:
    """The bare actual values (实际完成值) of the seed report are read as 100 percent points."""
    assert (VALUE, D("100"), 0) == (
        parse_percent(text).status,
        parse_percent(text).points,
        parse_percent(text).places,
    )
    assert parse_target(text).numbers == (D("100"),)


def test_results_are_frozen_records() -> None:
    """Parsed cells cannot be changed after the fact; a change goes through attrs.evolve."""
    cell = parse_amount("85")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cell.value = D("86")  # type: ignore[misc]
    assert attrs.evolve(cell, value=D("86")).value == D("86")
    assert isinstance(parse_target("8次"), Target)
    assert isinstance(cell, AmountCell)


# --- properties -----------------------------------------------------------------------------

TWO_PLACES = st.builds(
    lambda n, p: D(n).scaleb(-p),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.integers(min_value=0, max_value=2),
)
FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


@settings(max_examples=200)
@given(st.text())
def test_parsers_never_raise(text: str) -> None:
    """Whatever text a cell holds, every parser returns a result and keeps the raw text."""
    for parse in (parse_amount, parse_percent, parse_date, parse_target):
        assert parse(text).raw == text


@settings(max_examples=200)
@given(TWO_PLACES)
def test_amount_round_trip(amount: Decimal) -> None:
    """An amount written plainly, with thousands separators or in full width reads back exactly."""
    for text in (str(amount), f"{amount:,}", str(amount).translate(FULL_WIDTH)):
        cell = parse_amount(text)
        assert (VALUE, amount, str(amount)) == (cell.status, cell.value, str(cell.value))


@settings(max_examples=200)
@given(TWO_PLACES.map(abs))
def test_percent_round_trip(points: Decimal) -> None:
    """A rate reads back as the same percent points and remembers how many decimals it had."""
    cell = parse_percent(f"{points}%")
    assert (points, decimal_places(points)) == (cell.points, cell.places)


@pytest.mark.parametrize("text", ["0.952380952380952", "12345678901234567890", "0.1234567"])
def test_a_bare_figure_beyond_the_bounds_is_unparsed_not_an_error(text: str) -> None:
    """A spreadsheet's float pasted as a target or an actual ("0.952380952380952") is a figure
    no table prints: the cell is kept UNPARSED with the bound as the reason, never a failure of
    the checker's rules (parse_target never raises)."""
    parsed = parse_target(text)
    assert parsed.kind is TargetKind.UNPARSED
    assert "at most" in parsed.clauses[0].reason
    row = Indicator(name="满意度", target=text, actual=text, weight=Decimal(10), score=Decimal(10))
    tree = IndicatorTree(
        groups=(
            Level1Group(
                category=Level1.OUTPUT,
                groups=(Level2Group(category=Level2.QUANTITY, indicators=(row,)),),
            ),
        )
    )
    report = SelfEvaluation(
        year=2022, department=Department(name="x"), projects=(Project(name="p", indicators=tree),)
    )
    assert [f for f in check(report) if f.code == "BP900"] == []
