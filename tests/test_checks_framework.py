"""The checker by the framework's rules, on tables laid out the way other provinces and years do.

The bundled report is one city's layout.  The tables here are built after the real ones in
``shared/corpus`` (Hubei 2020 with 预算执行 weighed 20 and no 三级 weights, Yunnan 2022 with
≧ targets and bare actuals, Anhui 2022 with template placeholder rows, Hebei 2019 printing "86%"
and a score of "9", Shanghai 2022 with an unfilled second table, Chongqing 2021 with bare
targets) and check that a sound figure is never an error, that a blank cell is a warning, and
that the faults the framework scores are still found.
"""

from collections.abc import Sequence
from decimal import Decimal

import pytest

import budget_perf as bp
from budget_perf.checks import Finding, Severity, check
from budget_perf.checks._names import match_projects
from budget_perf.checks._walk import Agreement, compare_stated
from budget_perf.model import (
    DepartmentTable,
    Funding,
    FundKind,
    FundSource,
    FundTotal,
    GeneralBudgetSpending,
    Indicator,
    IndicatorTree,
    Level1,
    Level1Group,
    Level2,
    Level2Group,
    NarrativeFigure,
    Project,
    ReviewRubric,
    RubricItem,
    SelfEvaluation,
    SpendingKind,
    SpendingLine,
)

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
D = Decimal
OUT, BEN, SAT, COST = Level1.OUTPUT, Level1.BENEFIT, Level1.SATISFACTION, Level1.COST


def ind(
    name: str,
    target: str = "",
    actual: str = "",
    weight: str | None = None,
    score: str | None = None,
    note: str = "",
) -> Indicator:
    """A 三级 row as printed (blank weight or score: None)."""
    return Indicator(
        name=name,
        target=target,
        actual=actual,
        weight=None if weight is None else D(weight),
        score=None if score is None else D(score),
        deviation_note=note,
    )


Block = tuple[Level1, str | None, Sequence[tuple[Level2, Sequence[Indicator]]]]


def tree(
    blocks: Sequence[Block], total_weight: str | None = None, total_score: str | None = None
) -> IndicatorTree:
    """A tree of (一级, its stated weight, [(二级, [三级 rows])]) blocks and a 总分 row."""
    return IndicatorTree(
        groups=tuple(
            Level1Group(
                category=category,
                stated_weight=None if weight is None else D(weight),
                groups=tuple(Level2Group(category=c, indicators=tuple(rows)) for c, rows in groups),
            )
            for category, weight, groups in blocks
        ),
        stated_total_weight=None if total_weight is None else D(total_weight),
        stated_total_score=None if total_score is None else D(total_score),
    )


def funds(
    budget: str, executed: str, weight: str | None, rate: str | None, score: str | None
) -> Funding:
    """A funds block: its total row with 分值, 执行率 and 得分 as printed."""
    return Funding(
        total=FundTotal(full_year_budget=D(budget), executed=D(executed)),
        weight=None if weight is None else D(weight),
        stated_execution_rate=None if rate is None else D(rate),
        stated_score=None if score is None else D(score),
    )


def report(
    *projects: Project,
    general_budget: GeneralBudgetSpending | None = None,
    department_table: DepartmentTable | None = None,
    basic_data: bp.BasicDataTable | None = None,
    review_rubric: ReviewRubric | None = None,
) -> SelfEvaluation:
    """A report of these project tables (and any other parts given)."""
    return SelfEvaluation(
        year=2022,
        department=bp.Department(name="某单位"),
        projects=projects,
        general_budget=general_budget,
        department_table=department_table,
        basic_data=basic_data,
        review_rubric=review_rubric,
    )


def findings(evaluation: SelfEvaluation) -> list[tuple[str, Severity, str]]:
    """(code, severity, path) of every finding, paths without the leading "$."."""
    return [(f.code, f.severity, f.path.removeprefix("$.")) for f in check(evaluation)]


def errors(evaluation: SelfEvaluation) -> list[Finding]:
    """The error findings of a report."""
    return [f for f in check(evaluation) if f.severity is ERROR]


# The comparison rule ----------------------------------------------------------------------------

COMPARISONS = [
    # (derived, stated, full, scored_above, agreement, expected)
    ("9.91", "9", None, False, Agreement.DISAGREES, "10"),
    ("98.4926", "100", "100", False, Agreement.DISAGREES, "98"),
    ("99.5238", "100", "100", False, Agreement.CLAIMS_FULL, "99.52"),
    ("9.9524", "10", "10", False, Agreement.CLAIMS_FULL, "9.95"),
    ("99.10", "99", "100", False, Agreement.AGREES, "99"),
    ("99.996", "100", "100", False, Agreement.AGREES, "100"),  # 100.00 at two decimals
    ("98.49", "98.5", "100", False, Agreement.AGREES, "98.5"),
    ("0.5961", "0.6", None, False, Agreement.AGREES, "0.6"),
    ("100.4", "100", "100", True, Agreement.CLAIMS_FULL, "100.40"),  # a control rate over 100%
    ("99.6", "100", "100", True, Agreement.AGREES, "100"),  # under 100% is not scored down
    ("86.18304", "86.19", "100", False, Agreement.DISAGREES, "86.18"),
]


@pytest.mark.parametrize(
    ("derived", "stated", "full", "above", "agreement", "expected"),
    COMPARISONS,
    ids=[f"{c[1]}-for-{c[0]}" for c in COMPARISONS],
)
def test_a_stated_figure_is_compared_at_its_printed_precision(
    derived: str,
    stated: str,
    full: str | None,
    above: bool,
    agreement: Agreement,
    expected: str,
) -> None:
    """rules.md's opening: "9" for 9.91 and "100%" for 98.49% are wrong; "100%" for 99.52% and
    full marks "10" for 9.95 hide a shortfall; "99%" for 99.10% is right."""
    comparison = compare_stated(
        D(derived), D(stated), full=None if full is None else D(full), scored_above=above
    )
    assert (comparison.agreement, str(comparison.expected)) == (agreement, expected)


def test_a_rate_and_score_printed_at_whole_numbers_are_not_errors() -> None:
    """Hebei 2019: 37.24 / 43.2 = 86.20%, printed "86%"; its score 8.62, printed "9". Both are
    right at the precision they are printed with."""
    table = Project(name="暖通改造", funding=funds("43.2", "37.24", "10", "86", "9"))
    assert findings(report(table)) == []


def test_a_hundred_percent_for_a_shortfall_is_a_warning_and_names_both_figures() -> None:
    """ "100%" printed for 99.52% agrees at whole percent but claims full execution: a warning
    whose message gives the exact figure; its full marks "10" for 9.95 likewise."""
    table = Project(name="人大代表", funding=funds("258.2", "256.97", "10", "100", "10"))
    found = check(report(table))
    assert [(f.code, f.severity, f.expected) for f in found] == [
        ("BP201", WARNING, D("99.52")),
        ("BP202", WARNING, D("9.95")),
    ]
    assert "99.52%" in found[0].message_en
    assert "claims full execution" in found[0].message_en
    assert "满分" in found[1].message_zh


def test_a_hundred_percent_for_a_clear_shortfall_is_an_error() -> None:
    """ "100%" printed for 98.49% is wrong even at whole percent: an error expecting 98."""
    table = Project(name="运行维护经费", funding=funds("400.03", "394", "10", "100", "9.85"))
    assert [(f.code, f.severity, f.expected) for f in check(report(table))] == [
        ("BP201", ERROR, D("98"))
    ]


# Weights and totals of other layouts -------------------------------------------------------------


def hubei() -> Project:
    """Hubei 2020 (corpus 04): 预算执行 20 分, two 40-point goal blocks, no 三级 weights."""
    return Project(
        name="水土保持监测",
        funding=funds("10", "10", "20", "100", "20"),
        indicators=tree(
            [
                (
                    OUT,
                    None,
                    [
                        (Level2.QUALITY, [ind("监测数据必须合格", "100%", "100%", None, "10")]),
                        (Level2.TIMELINESS, [ind("取得监测资料", "100%", "100%", None, "10")]),
                    ],
                ),
                (BEN, None, []),
                (
                    SAT,
                    None,
                    [
                        (
                            Level2.BENEFICIARY_SATISFACTION,
                            [ind("整编资料审核", "98%", "98%", None, "19.6")],
                        )
                    ],
                ),
                (
                    OUT,
                    None,
                    [
                        (Level2.QUALITY, [ind("监测数据资料整编", "100%", "100%", None, "20")]),
                        (Level2.TIMELINESS, [ind("完成年度资料上报", "100%", "100%", None, "20")]),
                    ],
                ),
            ],
            total_score="99.6",
        ),
    )


def test_hubei_execution_weighed_20_without_level3_weights_has_no_error() -> None:
    """20 + 10 + 10 + 19.6 + 20 + 20 = 99.6 holds; 20 points for 预算执行 is a permitted deviation
    (warning); the missing 三级 weights are one warning for the table, not one error a row."""
    assert findings(report(hubei())) == [
        ("BP401", WARNING, "projects[0].funding.weight"),
        ("BP405", WARNING, "projects[0].indicators"),
        ("BP406", WARNING, "projects[0].indicators.groups[1]"),
    ]


def test_hubei_total_score_off_by_a_tenth_is_an_error() -> None:
    """The same table printing 总分 99.7 is caught: the scores add up to 99.6."""
    table = hubei()
    assert table.indicators is not None
    wrong = bp.SelfEvaluation(
        year=2020,
        department=bp.Department(name="x"),
        projects=(
            Project(
                name=table.name,
                funding=table.funding,
                indicators=IndicatorTree(
                    groups=table.indicators.groups, stated_total_score=D("99.7")
                ),
            ),
        ),
    )
    assert [(f.code, f.expected) for f in errors(wrong)] == [("BP207", D("99.6"))]


def ninety_points(scores: Sequence[str | None] = ("50", "30", "10")) -> IndicatorTree:
    """Three 三级 rows weighing 50, 30 and 10 with the given scores, and a 总分 row of 100."""
    rows = [
        (OUT, "50", [(Level2.QUANTITY, [ind("产出", "按时完成", "已完成", "50", scores[0])])]),
        (BEN, "30", [(Level2.SOCIAL_BENEFIT, [ind("效益", "有效", "有效", "30", scores[1])])]),
        (
            SAT,
            "10",
            [(Level2.BENEFICIARY_SATISFACTION, [ind("满意度", "满意", "满意", "10", scores[2])])],
        ),
    ]
    total = sum((D(s) for s in scores if s is not None), D(0)) + 10
    return tree(rows, total_weight="100", total_score=str(total))


def test_a_table_without_a_funds_block_counts_an_execution_part_it_does_not_show() -> None:
    """No funds block: 总分 100 of weights 90 + an unseen 10 is fine, and so is 总分 98 of scores 90
    + 8; a 总分 the scores alone exceed is an error."""
    table = Project(name="x", indicators=ninety_points())
    assert errors(report(table)) == []
    low = Project(
        name="x",
        indicators=IndicatorTree(groups=ninety_points().groups, stated_total_score=D("89")),
    )
    assert [(f.code, f.path) for f in errors(report(low))] == [
        ("BP207", "$.projects[0].indicators.stated_total_score")
    ]


def test_a_table_without_a_funds_block_scoring_more_than_its_execution_weight_is_a_warning() -> (
    None
):
    """总分 105 on scores of 90 and total weight 100 leaves 15 for an unseen execution score of at
    most 10: a warning, since the funds block is not there to say."""
    high = Project(
        name="x",
        indicators=IndicatorTree(
            groups=ninety_points().groups, stated_total_weight=D(100), stated_total_score=D(105)
        ),
    )
    assert ("BP207", WARNING, "projects[0].indicators.stated_total_score") in findings(report(high))
    assert errors(report(high)) == []


def test_a_blank_score_is_a_warning_and_leaves_the_total_open() -> None:
    """A blank 得分 beside its weight is asked for (BP405, warning); the 总分 of 100 it belongs to
    cannot be confirmed (BP207, warning: the blank would have to hold 30) — neither is an error."""
    blank = Project(
        name="x",
        funding=funds("100", "100", "10", "100", "10"),
        indicators=IndicatorTree(
            groups=ninety_points(("50", None, "10")).groups,
            stated_total_weight=D(100),
            stated_total_score=D(100),
        ),
    )
    found = findings(report(blank))
    assert (
        "BP405",
        WARNING,
        "projects[0].indicators.groups[1].groups[0].indicators[0].score",
    ) in found
    assert ("BP207", WARNING, "projects[0].indicators.stated_total_score") in found
    assert errors(report(blank)) == []


def test_a_blank_score_cannot_hide_more_than_its_weight() -> None:
    """A 总分 of 110 with a 30-point score blank: even full marks there give 100 — an error."""
    blank = Project(
        name="x",
        funding=funds("100", "100", "10", "100", "10"),
        indicators=IndicatorTree(
            groups=ninety_points(("50", None, "10")).groups,
            stated_total_weight=D(100),
            stated_total_score=D(110),
        ),
    )
    assert [(f.code, f.path) for f in errors(report(blank))] == [
        ("BP207", "$.projects[0].indicators.stated_total_score")
    ]


def test_template_placeholder_rows_are_not_indicators() -> None:
    """Anhui 2022 keeps the template's "指标2:" and "……" rows, and "/" for a category that does
    not apply: they are not asked for cells, and the sums hold without them."""
    table = Project(
        name="水旱灾害防御经费",
        funding=funds("880", "880", "10", "100", "10"),
        indicators=tree(
            [
                (
                    OUT,
                    "50",
                    [
                        (
                            Level2.QUANTITY,
                            [
                                ind("指标1:完成改造项目数量", "1", "1", "25", "25"),
                                ind("指标2:完成水价改革项目", "1", "1", "25", "25"),
                                ind("……"),
                            ],
                        )
                    ],
                ),
                (
                    BEN,
                    "30",
                    [
                        (
                            Level2.SOCIAL_BENEFIT,
                            [ind("指标1:保护人口财产", "有效", "有效", "30", "30")],
                        ),
                        (Level2.ECOLOGICAL_BENEFIT, [ind("指标1:/", "/", "/"), ind("指标2:")]),
                    ],
                ),
                (
                    SAT,
                    "10",
                    [
                        (
                            Level2.BENEFICIARY_SATISFACTION,
                            [ind("指标1:服务对象满意度", "90%", "100%", "10", "10")],
                        )
                    ],
                ),
            ],
            total_weight="100",
            total_score="100",
        ),
    )
    assert findings(report(table)) == []


def test_a_table_whose_indicators_are_all_blank_has_no_error() -> None:
    """Shanghai 2022's second table names its indicators and fills in nothing: each block is
    reported as not refined (warning), not as a string of errors."""
    table = Project(
        name="援滇",
        funding=funds("20000", "9034", "10", "45.17", "4.52"),
        indicators=tree(
            [
                (
                    OUT,
                    None,
                    [
                        (Level2.QUANTITY, [ind("经费使用率")]),
                        (Level2.QUALITY, [ind("经费完成情况")]),
                    ],
                ),
                (BEN, None, [(Level2.SOCIAL_BENEFIT, [ind("经费使用完成情况")])]),
                (SAT, None, [(Level2.BENEFICIARY_SATISFACTION, [ind("满意度")])]),
            ]
        ),
    )
    assert errors(report(table)) == []
    assert {code for code, _, _ in findings(report(table))} == {"BP406", "BP503"}


def cost_block(output: str, cost: str) -> Project:
    """A table with 成本指标 as a 一级 of its own beside 产出指标."""
    return Project(
        name="x",
        funding=funds("100", "100", "10", "100", "10"),
        indicators=tree(
            [
                (
                    OUT,
                    output,
                    [(Level2.QUANTITY, [ind("产出", "按时完成", "已完成", output, output)])],
                ),
                (
                    COST,
                    cost,
                    [(Level2.ECONOMIC_COST, [ind("成本", "≤100万元", "98万元", cost, cost)])],
                ),
                (BEN, "30", [(Level2.SOCIAL_BENEFIT, [ind("效益", "有效", "有效", "30", "30")])]),
                (
                    SAT,
                    "10",
                    [
                        (
                            Level2.BENEFICIARY_SATISFACTION,
                            [ind("满意度", "满意", "满意", "10", "10")],
                        )
                    ],
                ),
            ],
            total_weight="100",
            total_score="100",
        ),
    )


def test_cost_as_a_level1_counts_with_output_against_the_profile() -> None:
    """产出 30 + 成本 20 is the national 50 for output: no deviation; 产出 35 + 成本 15 likewise."""
    assert findings(report(cost_block("30", "20"))) == []
    assert findings(report(cost_block("35", "15"))) == []


def test_a_blank_weight_is_a_warning_not_an_error() -> None:
    """A 三级 row without its 分值 is asked for (BP405) and leaves its block's sum open (BP205),
    both warnings; the table's total still holds through the block's stated weight."""
    table = Project(
        name="x",
        funding=funds("100", "100", "10", "100", "10"),
        indicators=tree(
            [
                (
                    OUT,
                    "50",
                    [
                        (
                            Level2.QUANTITY,
                            [
                                ind("甲", "按时完成", "已完成", "30", "30"),
                                ind("乙", "按时完成", "已完成", None, "20"),
                            ],
                        )
                    ],
                ),
                (BEN, "30", [(Level2.SOCIAL_BENEFIT, [ind("效益", "有效", "有效", "30", "30")])]),
                (
                    SAT,
                    "10",
                    [
                        (
                            Level2.BENEFICIARY_SATISFACTION,
                            [ind("满意度", "满意", "满意", "10", "10")],
                        )
                    ],
                ),
            ],
            total_weight="100",
            total_score="100",
        ),
    )
    assert errors(report(table)) == []
    found = findings(report(table))
    assert (
        "BP405",
        WARNING,
        "projects[0].indicators.groups[0].groups[0].indicators[1].weight",
    ) in found
    assert ("BP205", WARNING, "projects[0].indicators.groups[0].stated_weight") in found


def test_the_review_sheet_points_add_up() -> None:
    """考核评分表: 布置工作 10 = 自评通知 8 + 工作小组 2, and 合计 100 = 10 + 20 + 70."""
    items = (
        RubricItem(level1="布置工作", level1_points=D(10), level2="自评通知", level2_points=D(8)),
        RubricItem(level1="布置工作", level1_points=D(10), level2="工作小组", level2_points=D(2)),
        RubricItem(level1="实施评价", level1_points=D(20), level2="单位自查", level2_points=D(20)),
        RubricItem(level1="自评报告", level1_points=D(70), level2="完整性", level2_points=D(70)),
    )
    sound = report(review_rubric=ReviewRubric(items=items, stated_total=D(100)))
    assert findings(sound) == []
    off = report(review_rubric=ReviewRubric(items=items, stated_total=D(90)))
    assert findings(off) == [("BP210", ERROR, "review_rubric.stated_total")]


# Blank cells in amounts --------------------------------------------------------------------------


def test_a_blank_fund_source_leaves_the_total_open_and_all_blank_children_are_not_checked() -> None:
    """A total of 100 over 当年财政拨款 80 and a blank 上年结转 could add up: a warning. A
    basic-data row whose sub-rows are all blank (the template's "1、业务工作经费" left empty) is
    not checked."""
    funding = Funding(
        total=FundTotal(full_year_budget=D(100), executed=D(100)),
        sources=(
            FundSource(
                kind=FundKind.CURRENT_YEAR_APPROPRIATION, full_year_budget=D(80), executed=D(80)
            ),
            FundSource(kind=FundKind.PRIOR_YEAR_CARRYOVER),
        ),
        weight=D(10),
        stated_execution_rate=D(100),
        stated_score=D(10),
    )
    found = check(report(Project(name="x", funding=funding)))
    assert [(f.code, f.severity) for f in found] == [("BP101", WARNING), ("BP101", WARNING)]
    basic = bp.BasicDataTable(
        project_spending=bp.ExpenseRow(
            label="项目支出",
            current_final=D("1025.20"),
            children=(
                bp.ExpenseRow(label="1、业务工作经费"),
                bp.ExpenseRow(label="2、运行维护经费"),
            ),
        )
    )
    assert findings(report(basic_data=basic)) == []


def test_a_split_with_a_blank_line_is_a_warning_unless_the_lines_already_exceed_it() -> None:
    """The department table's spending split with a blank 项目支出 line: open (warning); with
    基本支出 alone above the total: an error whatever the blank holds."""

    def department(basic: str) -> SelfEvaluation:
        table = DepartmentTable(
            funding=Funding(total=FundTotal(full_year_budget=D(100), executed=D(100))),
            spending_split=(
                SpendingLine(kind=SpendingKind.BASIC, amount=D(basic)),
                SpendingLine(kind=SpendingKind.PROJECT),
            ),
        )
        return report(department_table=table)

    assert findings(department("60")) == [("BP103", WARNING, "department_table.spending_split")]
    assert findings(department("120")) == [("BP103", ERROR, "department_table.spending_split")]


# Matching projects by name -----------------------------------------------------------------------


def named(name: str, executed: str) -> Project:
    """A project table with only its executed amount."""
    return Project(name=name, funding=Funding(total=FundTotal(executed=D(executed))))


def narrative(*figures: tuple[str, str]) -> GeneralBudgetSpending:
    """The text's per-project amounts."""
    return GeneralBudgetSpending(
        projects=tuple(NarrativeFigure(label=label, amount=D(amount)) for label, amount in figures)
    )


def test_two_projects_one_name_beginning_the_other_are_never_cross_compared() -> None:
    """ "信息化建设" and "信息化建设运维" are two projects: each text figure is held against the
    table of its own name only (two false BP303 errors before)."""
    evaluation = report(
        named("信息化建设", "100"),
        named("信息化建设运维", "30"),
        general_budget=narrative(("信息化建设", "100"), ("信息化建设运维", "30")),
    )
    assert findings(evaluation) == []


def test_generated_names_beginning_one_another_are_paired_exactly() -> None:
    """The suite's generated projects '业业' and '业业人' (a known failure of the prefix rule)."""
    evaluation = report(
        named("业业", "1"),
        named("业业人", "2"),
        general_budget=narrative(("业业人", "2"), ("业业", "1")),
    )
    assert findings(evaluation) == []


def test_a_unique_prefix_pairing_is_compared_and_reported_as_info() -> None:
    """ "人大监督经费" in the text is the table "人大监督": paired (BP310, info) and compared.
    Paired only by the start of a name, the two could be different projects with similar names,
    so the difference is a warning for the reviewer to confirm, not an error."""
    evaluation = report(
        named("人大监督", "122.18"), general_budget=narrative(("人大监督经费", "124"))
    )
    assert findings(evaluation) == [
        ("BP303", WARNING, "general_budget.projects[0].amount"),
        ("BP310", INFO, "general_budget.projects[0].label"),
    ]


def test_an_ambiguous_prefix_is_not_paired() -> None:
    """The text's "信息化建设运维经费" begins with both "信息化建设" and "信息化建设运维": neither
    pairing is assumed, and nothing is compared."""
    evaluation = report(
        named("信息化建设", "100"),
        named("信息化建设运维", "30"),
        general_budget=narrative(("信息化建设运维经费", "31")),
    )
    assert findings(evaluation) == []
    assert match_projects(["甲乙", "甲乙"], ["甲乙"]) == [(0, 0, True)]


# 三级 scores against the scoring rule -----------------------------------------------------------


def scored(*rows: Indicator, level2: Level2 = Level2.QUANTITY) -> SelfEvaluation:
    """A report of one table holding *rows* under one 二级 category (sums not stated; the table's
    weights fall short of 100, which BP402 reports and these tests leave aside)."""
    table = Project(name="x", indicators=tree([(OUT, None, [(level2, rows)])]))
    return report(table)


def bp211(evaluation: SelfEvaluation) -> list[tuple[Severity, object, object]]:
    """(severity, stated, expected) of the BP211 findings."""
    return [(f.severity, f.stated, f.expected) for f in check(evaluation) if f.code == "BP211"]


def test_full_marks_on_a_missed_count_is_overstated() -> None:
    """Chongqing 2021: 26 次 of party training planned, 12 held, full marks 5: 5 × 12/26 = 2.31
    is what it earns — a warning (and BP407 asks for the deviation note)."""
    evaluation = scored(ind("党性教育培训次数", "26次", "12次", "5", "5"))
    assert bp211(evaluation) == [(WARNING, D(5), D(2))]
    assert "BP407" in {f.code for f in check(evaluation)}
    assert "read as higher is better" in next(
        f.message_en for f in check(evaluation) if f.code == "BP211"
    )


def test_a_met_target_below_full_marks_is_worth_a_note() -> None:
    """Yunnan 2022: ≧100% 资金到位及时率 reached 100%, scored 7 of 10: info."""
    assert bp211(scored(ind("资金到位及时率", "≧100%", "100%", "10", "7"))) == [(INFO, D(7), D(10))]


def test_a_score_agreeing_at_its_printed_precision_is_fine() -> None:
    """Hebei 2019: 43.2 万元 planned, 37.24 spent, weight 10: 8.62 earned, printed "9"."""
    assert bp211(scored(ind("工程资金金额", "43.2", "37.24", "10", "9", note="尾款未付"))) == []


def test_full_marks_hiding_a_small_shortfall_is_a_warning() -> None:
    """≥95% reached 94.5%: 10 × 94.5/95 = 9.95, printed "10" — full marks it falls short of."""
    assert bp211(scored(ind("满意度", "≥95%", "94.5%", "10", "10"))) == [
        (WARNING, D(10), D("9.95"))
    ]


def test_a_missed_target_scored_below_what_it_earns_is_the_units_caution() -> None:
    """≥95% reached 90% earns 9.47 of 10; a score of 8 is not reported by BP211 (BP407 asks why)."""
    evaluation = scored(ind("满意度", "≥95%", "90%", "10", "8"))
    assert bp211(evaluation) == []
    assert "BP407" in {f.code for f in check(evaluation)}


@pytest.mark.parametrize(
    ("name", "target", "actual"),
    [
        ("公用经费控制率", "100%", "97%"),
        ("结转结余率", "2%", "0"),
        ("预算调整率", "3%", "0"),
        ("投诉次数", "≤3次", "1次"),
        ("安全事故", "≤0起", "0"),
    ],
)
def test_a_lower_is_better_target_met_is_not_flagged(name: str, target: str, actual: str) -> None:
    """A control rate, a carry-over rate, complaints: under the target is met; full marks stand."""
    assert bp211(scored(ind(name, target, actual, "2", "2"))) == []


def test_a_lower_is_better_target_exceeded_earns_a_over_b() -> None:
    """≤3天 took 4 天: 6 × 3/4 = 4.5 earned (5 at whole points), full marks 6 overstated."""
    assert bp211(scored(ind("办结时间", "≤3天", "4天", "6", "6"))) == [(WARNING, D(6), D(5))]


def test_a_cost_without_a_comparator_is_read_as_lower_is_better() -> None:
    """Under a 成本 category a bare "20万元" is a ceiling: 19 万元 spent meets it."""
    row = ind("项目计划总投资", "20万元", "19万元", "10", "10")
    assert bp211(scored(row, level2=Level2.COST)) == []


# Bare figures -------------------------------------------------------------------------------------


def test_a_bare_actual_is_a_figure() -> None:
    """Yunnan: ≧735人次 met by a bare "735" — not 'an actual without a figure' (BP504)."""
    evaluation = scored(ind("学生受资助人数", "≧735人次", "735", "10", "10"))
    assert [code for code, _, _ in findings(evaluation) if code != "BP402"] == []


def test_a_bare_target_is_measurable() -> None:
    """A bare target "1" against "已完成" at full marks: the table does not show it was met."""
    evaluation = scored(ind("完成项目数量", "1", "已完成", "10", "10"))
    assert [code for code, _, _ in findings(evaluation) if code != "BP402"] == ["BP504"]


def test_a_reduction_achieved_is_read_as_higher_is_better() -> None:
    """ "成本降低率" names a reduction achieved: 8% against a bare 5% meets it; 3% misses it."""
    assert bp211(scored(ind("成本降低率", "5%", "8%", "10", "10"))) == []
    assert bp211(scored(ind("成本降低率", "5%", "3%", "10", "10"))) == [(WARNING, D(10), D(6))]


def test_a_bare_fraction_under_a_percent_target_is_not_read() -> None:
    """ "0.98" under "≥95%" may mean 98%: the checker does not read it as 0.98%."""
    assert bp211(scored(ind("满意度", "≥95%", "0.98", "10", "10"))) == []
