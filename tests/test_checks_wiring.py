"""The checker honours the layouts' facts: what a copy does not show, the rate's basis, a 总分
without the execution part, ungrouped indicators, "其中" listings and tables in other units."""

from decimal import Decimal
from typing import Any

import budget_perf as bp
from budget_perf.checks._amounts import Amount, same_amount

D = Decimal
Finding3 = tuple[str, str, str]


def _codes(report: bp.SelfEvaluation, *codes: str) -> list[Finding3]:
    return [(f.code, f.severity.value, f.path) for f in bp.check(report) if f.code in codes]


def _report(*projects: bp.Project, **more: Any) -> bp.SelfEvaluation:
    return bp.SelfEvaluation(
        year=2022, department=bp.Department(name="x"), projects=projects, **more
    )


def _ind(name: str, weight: str | None, score: str | None, **more: Any) -> bp.Indicator:
    return bp.Indicator(
        name=name,
        target="≥90%",
        actual="95%",
        weight=None if weight is None else D(weight),
        score=None if score is None else D(score),
        **more,
    )


def _tree(*blocks: tuple[bp.Level1, str | None, list[bp.Indicator]], **more: Any) -> Any:
    level2 = {
        bp.Level1.OUTPUT: bp.Level2.QUANTITY,
        bp.Level1.BENEFIT: bp.Level2.SOCIAL_BENEFIT,
        bp.Level1.SATISFACTION: bp.Level2.BENEFICIARY_SATISFACTION,
    }
    return bp.IndicatorTree(
        groups=tuple(
            bp.Level1Group(
                category=category,
                stated_weight=None if weight is None else D(weight),
                groups=(bp.Level2Group(category=level2[category], indicators=tuple(rows)),),
            )
            for category, weight, rows in blocks
        ),
        **more,
    )


def _funding(budget: str = "100", executed: str = "100", score: str = "10") -> bp.Funding:
    return bp.Funding(
        total=bp.FundTotal(full_year_budget=D(budget), executed=D(executed)),
        weight=D(10),
        stated_execution_rate=D("100"),
        stated_score=D(score),
    )


def _whole(score_total: str = "100", **more: Any) -> Any:
    return _tree(
        (bp.Level1.OUTPUT, "50", [_ind("a", "50", "50")]),
        (bp.Level1.BENEFIT, "30", [_ind("b", "30", "30")]),
        (bp.Level1.SATISFACTION, "10", [_ind("c", "10", "10")]),
        stated_total_weight=D(100),
        stated_total_score=D(score_total),
        **more,
    )


# Rate basis ------------------------------------------------------------------------------------


def test_a_rate_on_the_initial_budget_is_checked_on_it() -> None:
    """Hubei's 执行率(B/A) divides by 预算数(A): 9 of 10 printed "90%" and scored 18 of 20 is
    right, and "100%" / 20 is wrong — both on the 年初预算数, the only budget the table prints."""
    funding = bp.Funding(
        total=bp.FundTotal(initial_budget=D(10), executed=D(9)),
        weight=D(20),
        stated_execution_rate=D(90),
        stated_score=D(18),
        rate_basis=bp.RateBasis.INITIAL_BUDGET,
    )
    sound = _report(bp.Project(name="p", funding=funding))
    assert _codes(sound, "BP201", "BP202") == []
    wrong = _report(
        bp.Project(
            name="p",
            funding=bp.Funding(
                total=funding.total,
                weight=D(20),
                stated_execution_rate=D(100),
                stated_score=D(20),
                rate_basis=bp.RateBasis.INITIAL_BUDGET,
            ),
        )
    )
    findings = [f for f in bp.check(wrong) if f.code in ("BP201", "BP202")]
    assert [(f.code, f.severity.value) for f in findings] == [
        ("BP201", "error"),
        ("BP202", "error"),
    ]
    assert "年初预算数" in findings[0].formula
    assert dict(findings[0].inputs)["$.projects[0].funding.total.initial_budget"] == D(10)


def test_low_execution_on_the_initial_budget_is_a_warning() -> None:
    """BP503 reads the rate on the table's basis: 7 of an initial 10 is 70%."""
    funding = bp.Funding(
        total=bp.FundTotal(initial_budget=D(10), executed=D(7)),
        rate_basis=bp.RateBasis.INITIAL_BUDGET,
    )
    assert _codes(_report(bp.Project(name="p", funding=funding)), "BP503") == [
        ("BP503", "warning", "$.projects[0].funding.total.executed")
    ]


# Totals: with or without the execution part, cut trees, totals not shown ----------------------


def test_a_total_that_adds_up_the_indicators_only_is_sound() -> None:
    """Sichuan: indicators weigh 100 and score 100, the 总分 row says 100/100, and the funds'
    10 are on top (total_includes_execution=False): no BP206, BP207 or BP402."""
    tree = _tree(
        (bp.Level1.OUTPUT, "60", [_ind("a", "60", "60")]),
        (bp.Level1.BENEFIT, "30", [_ind("b", "30", "30")]),
        (bp.Level1.SATISFACTION, "10", [_ind("c", "10", "10")]),
        stated_total_weight=D(100),
        stated_total_score=D(100),
        total_includes_execution=False,
    )
    report = _report(bp.Project(name="p", funding=_funding(), indicators=tree))
    assert _codes(report, "BP206", "BP207", "BP402") == []


def test_a_total_of_the_indicators_only_that_does_not_add_up_is_an_error() -> None:
    """The same table with a 总分 score of 98 against indicators scoring 100: an error, and the
    message says the total counts the indicators only."""
    tree = _tree(
        (bp.Level1.OUTPUT, "60", [_ind("a", "60", "60")]),
        (bp.Level1.BENEFIT, "40", [_ind("b", "40", "40")]),
        stated_total_weight=D(100),
        stated_total_score=D(98),
        total_includes_execution=False,
    )
    report = _report(bp.Project(name="p", funding=_funding(), indicators=tree))
    findings = [f for f in bp.check(report) if f.code == "BP207"]
    assert [(f.severity.value, f.expected) for f in findings] == [("error", D(100))]
    assert "三级指标得分合计" in findings[0].message_zh


def test_a_cut_tree_has_no_known_sums() -> None:
    """A tree cut after its first rows: the 总分 printed in the header (97.6) is not compared
    with the rows shown, nor the 100 of the weights, nor a last block that runs on."""
    tree = _tree(
        (bp.Level1.OUTPUT, "50", [_ind("a", "20", "20")]),
        stated_total_score=D("97.6"),
        cut=True,
        not_shown=("stated_total_weight",),
    )
    report = _report(bp.Project(name="p", funding=_funding(), indicators=tree))
    assert _codes(report, "BP205", "BP206", "BP207", "BP402", "BP406", "BP501") == []


def test_the_blocks_before_a_cut_are_still_checked() -> None:
    """Only the last block of a cut tree runs on: an earlier block stated as 50 whose rows add
    up to 40 is still an error."""
    tree = _tree(
        (bp.Level1.OUTPUT, "50", [_ind("a", "40", "40")]),
        (bp.Level1.BENEFIT, "30", [_ind("b", "10", "10")]),
        cut=True,
    )
    report = _report(bp.Project(name="p", funding=_funding(), indicators=tree))
    assert _codes(report, "BP205") == [
        ("BP205", "error", "$.projects[0].indicators.groups[0].stated_weight")
    ]


def test_a_whole_tree_is_still_summed() -> None:
    """The control: the same whole table with a 总分 score of 99 is an error (BP207)."""
    report = _report(bp.Project(name="p", funding=_funding(), indicators=_whole("99")))
    assert _codes(report, "BP207") == [
        ("BP207", "error", "$.projects[0].indicators.stated_total_score")
    ]


# Cells not shown and ungrouped indicators ------------------------------------------------------


def test_weights_not_shown_are_not_missing() -> None:
    """A layout without a 三级 分值 column (Hubei, Hebei): no "no level-3 weight" warning."""
    rows = [_ind("a", None, "50", not_shown=("weight",))]
    tree = _tree((bp.Level1.OUTPUT, None, rows))
    assert _codes(_report(bp.Project(name="p", indicators=tree)), "BP405") == []
    blank = _tree((bp.Level1.OUTPUT, None, [_ind("a", None, "50")]))
    assert _codes(_report(bp.Project(name="p", indicators=blank)), "BP405") == [
        ("BP405", "warning", "$.projects[0].indicators")
    ]


def test_a_block_whose_rows_are_cut_is_refined() -> None:
    """Shanghai's second table: rows named, their figures cut: the blocks are not "empty"."""
    cut = ("target", "actual", "weight", "score", "deviation_note")
    tree = _tree(
        (bp.Level1.OUTPUT, None, [bp.Indicator(name="经费使用率", not_shown=cut)]),
        not_shown=("stated_total_weight", "stated_total_score"),
    )
    report = _report(bp.Project(name="p", indicators=tree))
    assert _codes(report, "BP405", "BP406", "BP407") == []


def test_ungrouped_indicators_are_checked() -> None:
    """Chongqing's indicators without levels: a score above its weight is still an error, and
    the weights count in the table's total."""
    tree = bp.IndicatorTree(
        ungrouped=(_ind("a", "50", "60"), _ind("b", "40", "30")),
        stated_total_weight=D(100),
        stated_total_score=D(100),
    )
    report = _report(bp.Project(name="p", funding=_funding(), indicators=tree))
    assert _codes(report, "BP403", "BP206", "BP207") == [
        ("BP403", "error", "$.projects[0].indicators.ungrouped[0].score")
    ]


def test_no_deviation_note_is_asked_of_a_layout_without_the_column() -> None:
    """A missed target with the 偏差原因 cell not shown: BP407 stays silent."""
    row = _ind("a", "10", "5", not_shown=("deviation_note",))
    tree = _tree((bp.Level1.OUTPUT, None, [row]))
    assert _codes(_report(bp.Project(name="p", indicators=tree)), "BP407") == []


# BP104 "其中" listings ------------------------------------------------------------------------


def _operating(parent: str, *children: tuple[str, str]) -> bp.SelfEvaluation:
    rows = tuple(bp.ExpenseRow(label=label, current_final=D(v)) for label, v in children)
    row = bp.ExpenseRow(label="公用经费", current_final=D(parent), children=rows)
    return _report(basic_data=bp.BasicDataTable(operating_funds=row))


def test_a_parent_above_a_partial_listing_is_a_warning() -> None:
    """Hunan: 公用经费 118.31 over "其中:办公经费" 29.35 + 8.80 + 4.92: a row may be missing."""
    report = _operating("118.31", ("其中:办公经费", "29.35"), ("水电", "8.80"), ("会议", "4.92"))
    assert _codes(report, "BP104") == [
        ("BP104", "warning", "$.basic_data.operating_funds.current_final")
    ]


def test_a_listing_that_exceeds_its_parent_is_an_error() -> None:
    """The sub-rows of a 其中 listing can never add up to more than their parent."""
    report = _operating("30", ("其中:办公经费", "29.35"), ("水电", "8.80"))
    assert _codes(report, "BP104") == [
        ("BP104", "error", "$.basic_data.operating_funds.current_final")
    ]


def test_a_parent_above_sub_rows_that_are_not_a_listing_is_an_error() -> None:
    """The 2013 framework's full set of sub-rows must add up: above them is still an error."""
    report = _operating("118.31", ("办公经费", "29.35"), ("水电", "8.80"))
    assert _codes(report, "BP104") == [
        ("BP104", "error", "$.basic_data.operating_funds.current_final")
    ]


# Cross-table comparisons in one unit -----------------------------------------------------------


def test_amounts_agree_at_the_coarser_printed_places() -> None:
    """元 215457.6 is 21.54576 万元: "21.55" 万元 agrees, "21.54" does not."""
    yuan = Amount(value=D("215457.6"), unit=bp.AmountUnit.YUAN)
    assert same_amount(yuan, Amount(value=D("21.55"), unit=bp.AmountUnit.WAN_YUAN))
    assert not same_amount(yuan, Amount(value=D("21.54"), unit=bp.AmountUnit.WAN_YUAN))


def _yuan_project_and_basic_data(final: str) -> bp.SelfEvaluation:
    project = bp.Project(
        name="场馆结算",
        amount_unit=bp.AmountUnit.YUAN,
        funding=bp.Funding(
            total=bp.FundTotal(full_year_budget=D("250000.00"), executed=D("215457.6"))
        ),
    )
    row = bp.ExpenseRow(label="场馆结算", current_final=D(final))
    basic = bp.BasicDataTable(
        project_spending=bp.ExpenseRow(label="项目支出", current_final=D(final), children=(row,))
    )
    return _report(project, basic_data=basic)


def test_a_project_in_yuan_agrees_with_its_basic_data_row_in_wan_yuan() -> None:
    """The project table prints 215457.6 元, the basic data table 21.55 万元: the same money."""
    assert _codes(_yuan_project_and_basic_data("21.55"), "BP301", "BP304") == []


def test_two_tables_in_one_unit_must_agree_exactly() -> None:
    """46.2 万元 in the basic data table is 46.20 (tables drop trailing zeros), not 46.24."""
    project = bp.Project(
        name="人大立法",
        funding=bp.Funding(total=bp.FundTotal(full_year_budget=D("46.24"), executed=D("46.24"))),
    )
    row = bp.ExpenseRow(label="人大立法", current_final=D("46.2"))
    basic = bp.BasicDataTable(
        project_spending=bp.ExpenseRow(label="项目支出", current_final=D("46.2"), children=(row,))
    )
    assert _codes(_report(project, basic_data=basic), "BP301") == [
        ("BP301", "error", "$.projects[0].funding.total.executed")
    ]


def test_a_disagreement_across_units_names_both_units() -> None:
    """21.44 万元 against 215457.6 元 is an error whose message gives both figures as printed."""
    findings = [f for f in bp.check(_yuan_project_and_basic_data("21.44")) if f.code == "BP301"]
    assert [(f.severity.value, f.path) for f in findings] == [
        ("error", "$.projects[0].funding.total.executed")
    ]
    assert "215457.6元" in findings[0].message_zh and "21.44万元" in findings[0].message_zh
    assert "215457.6 yuan" in findings[0].message_en
    assert findings[0].expected == D("214400")


def test_project_tables_not_shown_are_not_added_up() -> None:
    """A copy without its project tables (Hunan's notice): the department table's 项目支出 is
    compared with the basic data table's, never with a sum of tables the copy does not show."""
    table = bp.DepartmentTable(
        department_name="x",
        spending_split=(bp.SpendingLine(kind=bp.SpendingKind.PROJECT, amount=D("1025.20")),),
    )
    basic = bp.BasicDataTable(
        project_spending=bp.ExpenseRow(label="项目支出", current_final=D("1000.00"))
    )
    report = _report(department_table=table, basic_data=basic, not_shown=("projects",))
    findings = [f for f in bp.check(report) if f.code == "BP304"]
    assert [(f.path, dict(f.inputs)) for f in findings] == [
        (
            "$.department_table.spending_split[0].amount",
            {
                "$.department_table.spending_split[0].amount": D("1025.20"),
                "$.basic_data.project_spending.current_final": D("1000.00"),
            },
        )
    ]


def test_a_rate_above_100_percent_printed_as_100_is_a_capped_warning_not_an_error() -> None:
    """Executed 108.2 of a budget of 100, printed "100%": templates cap the rate as the score
    caps it (分值 × min(执行率, 1)), so a reviewer sees it, but it is not a wrong figure."""
    project = bp.Project(
        name="人大会议",
        funding=bp.Funding(
            total=bp.FundTotal(full_year_budget=D("100"), executed=D("108.2")),
            weight=D("10"),
            stated_execution_rate=D("100"),
            stated_score=D("10"),
        ),
    )
    findings = [f for f in bp.check(_report(project)) if f.code in {"BP201", "BP202"}]
    assert [(f.code, f.severity.value, f.expected) for f in findings] == [
        ("BP201", "warning", D("108.20"))
    ]
    assert "caps it" in findings[0].message_en


def test_a_basic_data_table_in_yuan_is_quoted_in_yuan() -> None:
    """公用经费 over its budget in a table printed in 元: the message names 元, not 万元."""
    basic = bp.BasicDataTable(
        amount_unit=bp.AmountUnit.YUAN,
        operating_funds=bp.ExpenseRow(
            label="公用经费", current_budget=D("857600"), current_final=D("1934200")
        ),
    )
    findings = [f for f in bp.check(_report(basic_data=basic)) if f.code == "BP506"]
    assert [f.severity.value for f in findings] == ["warning"]
    assert "1934200元" in findings[0].message_zh and "万元" not in findings[0].message_zh
