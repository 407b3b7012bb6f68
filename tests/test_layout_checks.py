"""The rules of the provincial layouts: execution rows, printed split totals, weighted scores
(BP109, BP110, BP212–BP215), each compared at its printed precision."""

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import budget_perf as bp
from budget_perf.checks import execution_rows, score_sheet, weighted_scores
from budget_perf.strategies import self_evaluations

D = Decimal
NEW_RULES = (*execution_rows.RULES, *weighted_scores.RULES, *score_sheet.RULES)
NEW_CODES = {rule.code for rule in NEW_RULES}


def _findings(report: bp.SelfEvaluation) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity.value, f.path) for f in bp.check(report, rules=NEW_RULES)]


def _department(funding: bp.Funding, **more: Any) -> bp.SelfEvaluation:
    table = bp.DepartmentTable(department_name="x", funding=funding, **more)
    return bp.SelfEvaluation(year=2021, department=bp.Department(name="x"), department_table=table)


def _row(kind: bp.SpendingKind, initial: str, executed: str, score: str) -> bp.SpendingRow:
    return bp.SpendingRow(
        kind=kind,
        initial_budget=D(initial),
        executed=D(executed),
        weight=D(10),
        stated_score=D(score),
    )


def _guizhou(basic_score: str = "10") -> bp.Funding:
    """Guizhou 2021 as printed: 年初预算数(A) / 全年执行数(B) / 分值 / 得分 on each row."""
    return bp.Funding(
        total=bp.FundTotal(initial_budget=D("1172.55"), executed=D("1268.72")),
        weight=D(10),
        stated_score=D(10),
        rate_basis=bp.RateBasis.INITIAL_BUDGET,
        spending_rows=(
            _row(bp.SpendingKind.BASIC, "985.19", "914.97", basic_score),
            _row(bp.SpendingKind.PROJECT, "187.36", "353.75", "10"),
            bp.SpendingRow(kind=bp.SpendingKind.OTHER, label="其他"),
        ),
    )


# Execution rows -------------------------------------------------------------------------------


def test_guizhous_basic_spending_row_claims_full_marks_it_did_not_earn() -> None:
    """基本支出 914.97 of 985.19 is 92.87%: 10 × 92.87% = 9.29, and "10" is an error."""
    findings = bp.check(_department(_guizhou()), rules=NEW_RULES)
    assert [(f.code, f.severity.value, f.path) for f in findings] == [
        ("BP215", "error", "$.department_table.funding.spending_rows[0].stated_score")
    ]
    (finding,) = findings
    assert (finding.stated, finding.expected) == (D(10), D("9.29"))
    assert finding.formula == "分值 × min(全年执行数 / 年初预算数, 1)"


def test_a_row_scored_right_at_its_printed_precision_is_fine() -> None:
    """ "9" for 9.29 agrees at whole points and does not claim full marks."""
    assert _findings(_department(_guizhou(basic_score="9"))) == []


def test_rows_must_add_up_to_the_total_row() -> None:
    """基本支出 + 项目支出 = 年度资金总额 in each column where the rows state figures."""
    funding = _guizhou(basic_score="9.29")
    total = bp.FundTotal(initial_budget=D("1172.55"), executed=D("1268.70"))
    funding = attrs.evolve(funding, total=total)
    assert _findings(_department(funding)) == [
        ("BP109", "error", "$.department_table.funding.total.executed")
    ]


def test_a_column_not_shown_is_not_summed() -> None:
    """A total whose 全年执行数 the copy does not show is not held against the rows."""
    funding = _guizhou(basic_score="9.29")
    total = bp.FundTotal(initial_budget=D("1172.55"), not_shown=("executed",))
    assert _findings(_department(attrs.evolve(funding, total=total))) == []


@pytest.mark.parametrize(
    ("stated_rate", "stated_score", "expected"),
    [
        ("99.52", "9.95", []),
        ("100", "9.95", [("BP214", "warning")]),
        ("99.52", "10", [("BP215", "warning")]),
        ("98", "9.95", [("BP214", "error")]),
        ("99.52", "9", [("BP215", "error")]),
    ],
    ids=["exact", "rate-claims-full", "score-claims-full", "wrong", "too-low"],
)
def test_rates_and_scores_are_compared_at_their_printed_precision(
    stated_rate: str, stated_score: str, expected: list[tuple[str, str]]
) -> None:
    """99.52%: "100%" or "10" claim full execution (warning); "98%" or "9" are wrong (error)."""
    source = bp.FundSource(
        kind=bp.FundKind.CURRENT_YEAR_APPROPRIATION,
        full_year_budget=D("1000"),
        executed=D("995.2"),
        weight=D(10),
        stated_execution_rate=D(stated_rate),
        stated_score=D(stated_score),
    )
    report = _department(bp.Funding(sources=(source,)))
    assert [(code, severity) for code, severity, _ in _findings(report)] == expected


def test_a_rate_short_of_full_printed_at_whole_percent_is_fine() -> None:
    """99.10% printed as "99%" agrees at its precision and claims nothing."""
    source = bp.FundSource(
        kind=bp.FundKind.OTHER_FUNDS,
        full_year_budget=D("1000"),
        executed=D("991"),
        stated_execution_rate=D(99),
    )
    assert _findings(_department(bp.Funding(sources=(source,)))) == []


def test_a_rate_above_100_percent_printed_capped_is_a_warning() -> None:
    """项目支出 353.75 of 187.36 (188.81%) printed as "100%" is capped, not miscounted."""
    row = _row(bp.SpendingKind.PROJECT, "187.36", "353.75", "10")
    row = attrs.evolve(row, stated_execution_rate=D(100))
    funding = bp.Funding(rate_basis=bp.RateBasis.INITIAL_BUDGET, spending_rows=(row,))
    findings = bp.check(_department(funding), rules=NEW_RULES)
    assert [(f.code, f.severity.value) for f in findings] == [("BP214", "warning")]
    assert "caps it at 100%" in findings[0].message("en")


def test_a_rate_on_a_zero_budget_does_not_apply() -> None:
    """上年结转资金 0 / 0 printed with a rate: the rate does not apply (a warning)."""
    source = bp.FundSource(
        kind=bp.FundKind.PRIOR_YEAR_CARRYOVER,
        full_year_budget=D(0),
        executed=D(0),
        stated_execution_rate=D(100),
    )
    report = _department(bp.Funding(sources=(source,)))
    assert _findings(report) == [
        ("BP214", "warning", "$.department_table.funding.sources[0].stated_execution_rate")
    ]


def test_a_rate_is_recomputed_on_the_basis_the_table_states() -> None:
    """Hubei's 预算数(A): 10 of 10 is 100% on the 年初 basis, whatever the 全年 column says."""
    source = bp.FundSource(
        kind=bp.FundKind.FISCAL_FUNDS,
        initial_budget=D(10),
        full_year_budget=D(20),
        executed=D(10),
        stated_execution_rate=D(100),
    )
    initial = bp.Funding(sources=(source,), rate_basis=bp.RateBasis.INITIAL_BUDGET)
    assert _findings(_department(initial)) == []
    assert _findings(_department(attrs.evolve(initial, rate_basis=bp.RateBasis.FULL_YEAR_BUDGET)))


def test_printed_split_totals_must_be_the_sum_of_their_lines() -> None:
    """Hunan 2023: 按支出性质分:1925.67 = 900.47 + 1025.20; a slip to 1925.76 is an error."""
    spending = (
        bp.SpendingLine(kind=bp.SpendingKind.BASIC, amount=D("900.47")),
        bp.SpendingLine(kind=bp.SpendingKind.PROJECT, amount=D("1025.20")),
    )
    good = _department(bp.Funding(), spending_split=spending, spending_split_total=D("1925.67"))
    assert _findings(good) == []
    table = good.department_table
    assert table is not None
    bad = attrs.evolve(
        good, department_table=attrs.evolve(table, spending_split_total=D("1925.76"))
    )
    assert _findings(bad) == [("BP110", "error", "$.department_table.spending_split_total")]


def test_a_split_total_over_a_blank_line_is_a_warning_not_an_error() -> None:
    """按支出性质分:1925.67 with 基本支出 900.47 and 项目支出 left blank: the blank may hold
    1025.20, so the reviewer is asked (a warning); a total below the lines shown is an error."""
    spending = (
        bp.SpendingLine(kind=bp.SpendingKind.BASIC, amount=D("900.47")),
        bp.SpendingLine(kind=bp.SpendingKind.PROJECT, amount=None),
    )
    blank = _department(bp.Funding(), spending_split=spending, spending_split_total=D("1925.67"))
    assert _findings(blank) == [("BP110", "warning", "$.department_table.spending_split_total")]
    table = blank.department_table
    assert table is not None
    short = attrs.evolve(blank, department_table=attrs.evolve(table, spending_split_total=D(900)))
    assert _findings(short) == [("BP110", "error", "$.department_table.spending_split_total")]


# Weighted scores ------------------------------------------------------------------------------


def _hebei(weighted: str) -> bp.SelfEvaluation:
    indicator = bp.Indicator(
        name="符合条件申报对象覆盖率",
        score=D("25.00"),
        proportion=D("25.00"),
        stated_weighted_score=D(weighted),
    )
    tree = bp.IndicatorTree(
        groups=(
            bp.Level1Group(
                category=bp.Level1.OUTPUT,
                groups=(bp.Level2Group(category=bp.Level2.QUALITY, indicators=(indicator,)),),
            ),
        )
    )
    project = bp.Project(name="19名百岁老人高龄津贴", indicators=tree)
    return bp.SelfEvaluation(year=2020, department=bp.Department(name="x"), projects=(project,))


def test_hebeis_weighted_score_is_score_times_proportion() -> None:
    """25.00 × 25.00% = 6.25 as printed; 6.30 is an error."""
    assert _findings(_hebei("6.25")) == []
    path = "$.projects[0].indicators.groups[0].groups[0].indicators[0].stated_weighted_score"
    assert _findings(_hebei("6.30")) == [("BP212", "error", path)]


def _chongqing(score: str, coefficient: str) -> bp.SelfEvaluation:
    indicator = bp.Indicator(
        name="预算完成率", weight=D(2), score=D(score), score_coefficient=D(coefficient)
    )
    table = bp.DepartmentTable(indicators=bp.IndicatorTree(ungrouped=(indicator,), cut=True))
    return bp.SelfEvaluation(year=2021, department=bp.Department(name="x"), department_table=table)


@pytest.mark.parametrize(
    ("score", "coefficient", "expected"),
    [
        ("2", "100", []),
        ("1.6", "80", []),
        ("1", "80", [("BP213", "error", "$.department_table.indicators.ungrouped[0].score")]),
        (
            "2",
            "80",
            [("BP213", "error", "$.department_table.indicators.ungrouped[0].score_coefficient")],
        ),
        (
            "2",
            "100.01",
            [("BP213", "error", "$.department_table.indicators.ungrouped[0].score_coefficient")],
        ),
    ],
    ids=["full", "eighty", "score-wrong", "full-marks-for-80", "coefficient-wrong"],
)
def test_chongqings_score_is_weight_times_coefficient(
    score: str, coefficient: str, expected: list[tuple[str, str, str]]
) -> None:
    """得分 = 权重 × 得分系数, even for indicators printed without levels."""
    assert _findings(_chongqing(score, coefficient)) == expected


# The catalogue and generated reports ----------------------------------------------------------


def test_the_new_rules_are_in_the_library_rule_set_once() -> None:
    """BP109, BP110, BP212–BP215 and BP601–BP607 run with every check."""
    codes = [rule.code for rule in bp.RULES]
    assert set(codes) >= NEW_CODES
    assert len(codes) == len(set(codes))
    assert {
        "BP109", "BP110", "BP214", "BP215", "BP212", "BP213",
        "BP601", "BP602", "BP603", "BP604", "BP605", "BP606", "BP607",
    } == NEW_CODES  # fmt: skip


PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(self_evaluations(partial=True))
def test_a_partial_copy_gets_no_error_from_the_layout_rules(evaluation: bp.SelfEvaluation) -> None:
    """Cut trees and sheets, rates on 年初, tables in 元: the layout rules find nothing wrong."""
    errors = [f for f in bp.check(evaluation, rules=NEW_RULES) if f.severity is bp.Severity.ERROR]
    assert errors == []


@PROPERTY
@given(self_evaluations(partial=True))
def test_no_rule_fails_on_a_partial_copy(evaluation: bp.SelfEvaluation) -> None:
    """Every rule of the library runs on every layout without a BP900."""
    assert not [f for f in bp.check(evaluation) if f.code == "BP900"]


def _new_figures(data: object, path: str = "$") -> list[str]:
    """Paths of the stated figures that only the layout rules check."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _new_figures(value, f"{path}.{key}")]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _new_figures(value, f"{path}[{i}]")]
    if not isinstance(data, str) or data == "":
        return []
    last = path.rsplit(".", 1)[-1]
    checked = last in _CHECKED or (
        ".score_sheet" in path and last in ("weight", "stated_weight", "stated_score")
    ) or (
        ".spending_rows[" in path and last in _AMOUNTS
    )  # fmt: skip
    return [path] if checked else []


_CHECKED = {
    "stated_weighted_score",
    "proportion",
    "score_coefficient",
    "income_split_total",
    "spending_split_total",
    "stated_total_weight",
    "stated_total_score",
}
_AMOUNTS = {"initial_budget", "full_year_budget", "executed", "stated_execution_rate"}


@PROPERTY
@given(self_evaluations(layouts=True), st.data())
def test_moving_a_layout_figure_by_a_cent_is_caught(
    evaluation: bp.SelfEvaluation, data: st.DataObject
) -> None:
    """Move one figure that only a layout rule checks by ≥ 0.01: an error names that figure."""
    document = bp.to_data(evaluation)
    figures = [p for p in _new_figures(document) if ".indicators.stated_total_" not in p]
    assume(figures)
    path = data.draw(st.sampled_from(figures), label="figure")
    old = Decimal(_get(document, path))
    delta = data.draw(st.sampled_from([D("0.01"), D("1"), D("-0.01"), D("-1")]), label="delta")
    assume(old + delta >= 0)
    _set(document, path, str(old + delta))
    changed = bp.from_data(document, bp.SelfEvaluation)
    errors = [f for f in bp.check(changed) if f.severity is bp.Severity.ERROR]
    assert any(f.path == path or path in {p for p, _ in f.inputs} for f in errors), (path, errors)


def _steps(path: str) -> list[str | int]:
    parts = path.removeprefix("$.").replace("]", "").replace("[", ".").split(".")
    return [int(part) if part.isdigit() else part for part in parts]


def _get(data: Any, path: str) -> Any:
    for step in _steps(path):
        data = data[step]
    return data


def _set(data: Any, path: str, value: str) -> None:
    *head, last = _steps(path)
    for step in head:
        data = data[step]
    data[last] = value


def _broken_reports() -> list[tuple[str, bp.SelfEvaluation]]:
    """One report per layout rule, each breaking that rule once."""
    from test_score_sheet import broken_sheets

    spending = (bp.SpendingLine(kind=bp.SpendingKind.BASIC, amount=D("900.47")),)
    rows_off = attrs.evolve(
        _guizhou("9.29"),
        total=bp.FundTotal(initial_budget=D("1172.55"), executed=D("1")),
    )
    rate_off = bp.FundSource(
        kind=bp.FundKind.OTHER_FUNDS,
        full_year_budget=D(2),
        executed=D(1),
        stated_execution_rate=D(60),
    )
    department = bp.Department(name="x")
    sheets = [
        (code, bp.SelfEvaluation(year=2023, department=department, score_sheet=sheet))
        for code, sheet in broken_sheets()
    ]
    return [
        ("BP109", _department(rows_off)),
        ("BP110", _department(bp.Funding(), spending_split=spending, spending_split_total=D(1))),
        ("BP214", _department(bp.Funding(sources=(rate_off,)))),
        ("BP215", _department(_guizhou())),
        ("BP212", _hebei("6.30")),
        ("BP213", _chongqing("1", "80")),
        *sheets,
    ]


def test_every_layout_rule_fires_on_a_report_that_breaks_it() -> None:
    """Each of the layout rules is exercised: it reports the one figure broken for it."""
    cases = _broken_reports()
    assert {code for code, _ in cases} == NEW_CODES
    for code, report in cases:
        assert code in {f.code for f in bp.check(report, rules=NEW_RULES)}, code
