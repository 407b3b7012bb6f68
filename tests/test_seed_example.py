"""Cross-check: the bundled example ``yueyang-npc-2022`` says what the seed report's text says.

The example was transcribed by hand from the seed report (2022 self-evaluation of 岳阳市人大常委会).
These tests read the seed text again, independently (``tests/seed_tables.py`` never imports the
library), and compare every figure of the evaluation tables, the basic data table and the
narrative's spending paragraphs with the example, so that a slip in the transcription — a
wrong weight, a swapped column, a lost row — fails a test that names the table and the row.

Figures are compared as Decimals *and* as printed ("12.5" is not "12.50"); texts after removing
the whitespace around a cell (ideographic spaces "　" included).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

import seed_tables as seed  # tests/ is on pytest's pythonpath (pyproject.toml)
from budget_perf import examples
from budget_perf.model import (
    DepartmentTable,
    ExpenseRow,
    FundKind,
    Indicator,
    Level2Group,
    Project,
    SelfEvaluation,
)
from budget_perf.model.spending import NarrativeFigure
from budget_perf.serialization import from_json, to_json

EXAMPLE = "yueyang-npc-2022"

TABLES = seed.evaluation_tables()
TABLE_NAMES = [table.name for table in TABLES]
# Parametrize ids are ASCII (pytest would print Chinese as \uXXXX); messages name the table.
TABLE_IDS = ["department", *(f"project{i}" for i in range(1, len(TABLES)))]
INDICATOR_ROWS = [
    (t, r, row) for t, table in enumerate(TABLES) for r, row in enumerate(table.indicators)
]
INDICATOR_IDS = [f"{TABLE_IDS[t]}-row{r + 1:02d}" for t, r, _ in INDICATOR_ROWS]
PROJECTS = [table for table in TABLES if table.title == seed.PROJECT_TITLE]
BASIC = seed.basic_data()
EXPENSE_IDS = [f"row{i + 1:02d}" for i in range(len(BASIC.expenses))]
BUDGET = seed.general_budget()

SOURCE_KINDS = {
    "其中：当年财政拨款": FundKind.CURRENT_YEAR_APPROPRIATION,
    "上年结转资金": FundKind.PRIOR_YEAR_CARRYOVER,
    "其他资金": FundKind.OTHER_FUNDS,
}


@pytest.fixture(scope="session")
def example() -> SelfEvaluation:
    """The bundled example report, loaded once."""
    return examples.load(EXAMPLE)


def as_printed(value: Decimal | None) -> tuple[Decimal | None, str]:
    """A figure with the way it is written, so that 12.5 and 12.50 are told apart."""
    return value, str(value)


def words(text: str) -> str:
    """A long text without any whitespace, to compare paragraphs however they were broken."""
    return "".join(text.split())


def evaluation_table(example: SelfEvaluation, index: int) -> DepartmentTable | Project:
    """The example's *index*-th evaluation table in seed order: the department table first."""
    tables: list[DepartmentTable | Project] = []
    if example.department_table is not None:
        tables.append(example.department_table)
    tables.extend(example.projects)
    if index >= len(tables):
        pytest.fail(f"the example has {len(tables)} evaluation tables, the seed has {len(TABLES)}")
    return tables[index]


def table_name(table: DepartmentTable | Project) -> str:
    """The name a table is printed under: the department's or the project's."""
    return table.department_name if isinstance(table, DepartmentTable) else table.name


def indicators(table: DepartmentTable | Project) -> list[Indicator]:
    """Every 三级 indicator of a table, in table order."""
    return [] if table.indicators is None else list(table.indicators.indicators())


def expense_rows(example: SelfEvaluation) -> Iterator[ExpenseRow]:
    """The example's 经费控制情况 rows, depth first, in the order the seed prints them."""
    data = example.basic_data
    assert data is not None, "the example has no basic data table"
    for top in (
        data.three_public,
        data.project_spending,
        data.operating_funds,
        data.procurement,
        data.basic_budget_adjustment,
    ):
        if top is not None:
            yield from top.walk()


# The parser itself -----------------------------------------------------------------------------


def test_the_parser_finds_every_table_of_the_seed() -> None:
    """The seed holds the basic data table, 1 department table, 8 project tables and the rubric."""
    titles = [table.title for table in seed.seed_tables()]
    assert titles == [
        seed.BASIC_DATA_TITLE,
        seed.DEPARTMENT_TITLE,
        *[seed.PROJECT_TITLE] * 8,
        "部门整体支出绩效自评工作考核评分表",
    ]


def test_the_parser_reads_the_nine_evaluation_tables_by_name() -> None:
    """The parser names the 9 evaluation tables as printed, department table first."""
    assert TABLE_NAMES == [
        "岳阳市人民代表大会常务委员会",
        "业务工作经费",
        "运行维护经费",
        "人大监督",
        "人大立法",
        "人大会议",
        "人大代表",
        "市人大系统干部履职培训班",
        "人大环保世纪行",
    ]


def test_the_parser_reads_every_indicator_row() -> None:
    """The parser finds the 85 三级 rows (≥ 80), each with a name, a weight and a score."""
    counts = [len(table.indicators) for table in TABLES]
    assert counts == [13, 10, 10, 12, 8, 7, 10, 6, 9]
    assert sum(counts) >= 80
    for _, _, row in INDICATOR_ROWS:
        assert row.name
        assert row.weight is not None
        assert row.score is not None
    first = TABLES[1].indicators[0]
    assert (first.name, first.weight, first.score) == (
        "服务每年需召开常委会、主任会议等",
        Decimal("8"),
        Decimal("8"),
    )


def test_the_parser_reads_the_funds_and_the_basic_data() -> None:
    """Spot checks that the parser reads figures, not blanks: totals, rows and the narrative."""
    assert TABLES[0].total.initial_budget == Decimal("2811.69")
    assert [len(p.sources) for p in PROJECTS] == [3] * 8
    assert (BASIC.authorised, BASIC.in_post, BASIC.control_rate) == (111, 85, Decimal("76.58"))
    assert len(BASIC.expenses) == 22
    assert len(BUDGET.by_function) == 6
    assert len(BUDGET.projects) == 8


def test_the_parser_refuses_a_row_of_an_unexpected_shape() -> None:
    """A malformed indicator row raises instead of being skipped, so no row is lost silently."""
    text = seed.seed_text().replace("\t服务每年需召开常委会、主任会议等\n", "", 1)
    broken = next(t for t in seed.split_tables(text) if t.title == seed.PROJECT_TITLE)
    with pytest.raises(ValueError, match="indicator row"):
        seed.parse_evaluation_table(broken)


# Which tables, in which order --------------------------------------------------------------------


def test_the_example_has_the_nine_evaluation_tables_in_seed_order(example: SelfEvaluation) -> None:
    """One department table and 8 project tables, named and ordered as in the seed."""
    assert example.department_table is not None
    assert len(example.projects) == len(PROJECTS) == 8
    tables: list[DepartmentTable | Project] = [example.department_table, *example.projects]
    assert [table_name(table) for table in tables] == TABLE_NAMES


@pytest.mark.parametrize("index", range(len(TABLES)), ids=TABLE_IDS)
def test_project_header(example: SelfEvaluation, index: int) -> None:
    """Each project table's 主管部门 and 实施单位 are as printed."""
    text = TABLES[index]
    table = evaluation_table(example, index)
    if isinstance(table, Project):
        assert (table.supervising_department, table.implementing_unit) == (
            text.supervising_department,
            text.implementing_unit,
        )
    else:
        assert text.supervising_department == text.implementing_unit == ""


# Funds blocks ------------------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(TABLES)), ids=TABLE_IDS)
def test_funds_total_row(example: SelfEvaluation, index: int) -> None:
    """年度资金总额: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率 and 得分 as printed."""
    text = TABLES[index].total
    funding = evaluation_table(example, index).funding
    assert funding is not None
    assert funding.total is not None
    where = TABLE_NAMES[index]
    assert as_printed(funding.total.initial_budget) == as_printed(text.initial_budget), where
    assert as_printed(funding.total.full_year_budget) == as_printed(text.full_year_budget), where
    assert as_printed(funding.total.executed) == as_printed(text.executed), where
    assert as_printed(funding.weight) == as_printed(text.weight), where
    assert as_printed(funding.stated_execution_rate) == as_printed(text.execution_rate), where
    assert as_printed(funding.stated_score) == as_printed(text.score), where


@pytest.mark.parametrize("index", range(len(TABLES)), ids=TABLE_IDS)
def test_fund_source_rows(example: SelfEvaluation, index: int) -> None:
    """Each fund-source row in order: its kind, its label, its three amounts and its note."""
    text = TABLES[index].sources
    funding = evaluation_table(example, index).funding
    assert funding is not None
    assert len(funding.sources) == len(text)
    for source, row in zip(funding.sources, text, strict=True):
        where = f"{TABLE_NAMES[index]}, {row.label}"
        assert (source.kind, source.label) == (SOURCE_KINDS[row.label], row.label), where
        assert as_printed(source.initial_budget) == as_printed(row.initial_budget), where
        assert as_printed(source.full_year_budget) == as_printed(row.full_year_budget), where
        assert as_printed(source.executed) == as_printed(row.executed), where
        assert source.note == row.note, where


def test_department_income_and_spending_split(example: SelfEvaluation) -> None:
    """The department table's split by income type (4 lines) and by spending type (2 lines)."""
    text = TABLES[0]
    table = example.department_table
    assert table is not None
    income = [(line.kind.value, as_printed(line.amount)) for line in table.income_split]
    assert income == [(label, as_printed(amount)) for label, amount in text.income_split]
    spending = [(line.kind.value, as_printed(line.amount)) for line in table.spending_split]
    assert spending == [(label, as_printed(amount)) for label, amount in text.spending_split]
    labels = [(line.label, line.kind.value) for line in table.income_split]
    labels += [(line.label, line.kind.value) for line in table.spending_split]
    for label, kind in labels:
        assert words(label).removeprefix("其中：").rstrip("：") == kind


# Goals, indicator trees and totals ----------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(TABLES)), ids=TABLE_IDS)
def test_annual_goal(example: SelfEvaluation, index: int) -> None:
    """年度总体目标: the 预期目标 and 实际完成情况 texts (compared without line breaks)."""
    goal = evaluation_table(example, index).goal
    assert goal is not None
    assert words(goal.expected) == words(TABLES[index].goal_expected)
    assert words(goal.achieved) == words(TABLES[index].goal_achieved)


@pytest.mark.parametrize("index", range(len(TABLES)), ids=TABLE_IDS)
def test_indicator_count(example: SelfEvaluation, index: int) -> None:
    """The table has as many 三级 indicator rows as the seed prints."""
    assert len(indicators(evaluation_table(example, index))) == len(TABLES[index].indicators)


@pytest.mark.parametrize("index", range(len(TABLES)), ids=TABLE_IDS)
def test_indicator_tree_shape(example: SelfEvaluation, index: int) -> None:
    """一级 blocks with their stated weights, their 二级 rows, and how many 三级 rows each holds."""
    tree = evaluation_table(example, index).indicators
    assert tree is not None

    def shape(groups: tuple[Level2Group, ...]) -> list[tuple[str, int]]:
        return [(group.category.value, len(group.indicators)) for group in groups]

    actual = [(b.category.value, as_printed(b.stated_weight), shape(b.groups)) for b in tree.groups]
    expected = [
        (
            block.category,
            as_printed(block.stated_weight),
            [(group.category, len(group.indicators)) for group in block.groups],
        )
        for block in TABLES[index].groups
    ]
    assert actual == expected


@pytest.mark.parametrize(("index", "row", "text"), INDICATOR_ROWS, ids=INDICATOR_IDS)
def test_indicator_row(
    example: SelfEvaluation, index: int, row: int, text: seed.IndicatorRow
) -> None:
    """One 三级 row: name, 年度指标值, 实际完成值, 分值, 得分 and 偏差原因 exactly as printed."""
    rows = indicators(evaluation_table(example, index))
    if row >= len(rows):
        pytest.fail(f"the example's table has only {len(rows)} indicator rows")
    indicator = rows[row]
    where = f"{TABLE_NAMES[index]}, 三级 row {row + 1}: {text.name}"
    assert indicator.name == text.name, where
    assert indicator.target == text.target, where
    assert indicator.actual == text.actual, where
    assert as_printed(indicator.weight) == as_printed(text.weight), where
    assert as_printed(indicator.score) == as_printed(text.score), where
    assert indicator.deviation_note == text.deviation_note, where


@pytest.mark.parametrize("index", range(len(TABLES)), ids=TABLE_IDS)
def test_total_row(example: SelfEvaluation, index: int) -> None:
    """The 总分 row's stated weight and score."""
    tree = evaluation_table(example, index).indicators
    assert tree is not None
    assert as_printed(tree.stated_total_weight) == as_printed(TABLES[index].total_weight)
    assert as_printed(tree.stated_total_score) == as_printed(TABLES[index].total_score)


# Sign-off lines and notes ----------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(TABLES)), ids=TABLE_IDS)
def test_signature(example: SelfEvaluation, index: int) -> None:
    """填表人, 填报日期, 联系电话 and 单位负责人签字 under each table."""
    text = TABLES[index].signature
    signature = evaluation_table(example, index).signature
    assert text is not None
    assert signature is not None
    assert (
        signature.prepared_by,
        signature.date_filed,
        signature.phone,
        signature.head_of_unit,
    ) == (text.prepared_by, text.date_filed, text.phone, text.head_of_unit)


@pytest.mark.parametrize("index", range(1, len(TABLES)), ids=TABLE_IDS[1:])
def test_project_notes(example: SelfEvaluation, index: int) -> None:
    """The "备注：…" line under each project table (with or without its "备注：" label)."""
    table = evaluation_table(example, index)
    assert isinstance(table, Project)
    assert [note.removeprefix("备注：") for note in table.notes] == [
        note.removeprefix("备注：") for note in TABLES[index].notes
    ]


# The basic data table ----------------------------------------------------------------------------


def test_basic_data_staffing(example: SelfEvaluation) -> None:
    """财政供养人员: 编制数 111, 实际在职人数 85 and 控制率 76.58% as printed."""
    assert example.basic_data is not None
    staffing = example.basic_data.staffing
    assert staffing is not None
    assert (staffing.authorised, staffing.in_post) == (BASIC.authorised, BASIC.in_post)
    assert as_printed(staffing.stated_control_rate) == as_printed(BASIC.control_rate)


def test_basic_data_has_every_expense_row(example: SelfEvaluation) -> None:
    """经费控制情况 has as many rows as the seed prints (22), in the seed's order."""
    labels = [row.label for row in expense_rows(example)]
    assert labels == [row.label for row in BASIC.expenses]


@pytest.mark.parametrize(("row", "text"), list(enumerate(BASIC.expenses)), ids=EXPENSE_IDS)
def test_basic_data_expense_row(
    example: SelfEvaluation, row: int, text: seed.ExpenseFigures
) -> None:
    """One 经费控制情况 row: 2021年决算数, 2022年预算数, 2022年决算数 (blank and "——" are None)."""
    rows = list(expense_rows(example))
    if row >= len(rows):
        pytest.fail(f"the example has only {len(rows)} expense rows")
    expense = rows[row]
    assert expense.label == text.label
    assert as_printed(expense.previous_final) == as_printed(text.previous_final), text.label
    assert as_printed(expense.current_budget) == as_printed(text.current_budget), text.label
    assert as_printed(expense.current_final) == as_printed(text.current_final), text.label


def test_basic_data_row_tree(example: SelfEvaluation) -> None:
    """How the rows nest: 三公经费 over its 3 items (公务用车 over 公车购置 and 公车运行维护),
    项目支出 over the 8 projects, 公用经费 over its 4 items; 采购 and 预算调整 stand alone."""
    data = example.basic_data
    assert data is not None
    labels = [row.label for row in BASIC.expenses]

    def tree(row: ExpenseRow | None) -> object:
        return None if row is None else (row.label, [tree(child) for child in row.children])

    assert [
        tree(data.three_public),
        tree(data.project_spending),
        tree(data.operating_funds),
        tree(data.procurement),
        tree(data.basic_budget_adjustment),
    ] == [
        (
            labels[0],
            [(labels[1], [(labels[2], []), (labels[3], [])]), (labels[4], []), (labels[5], [])],
        ),
        (labels[6], [(label, []) for label in labels[7:15]]),
        (labels[15], [(label, []) for label in labels[16:20]]),
        (labels[20], []),
        (labels[21], []),
    ]


def test_basic_data_buildings_austerity_and_notes(example: SelfEvaluation) -> None:
    """No building completed (every 楼堂馆所 cell "——"), the 3 厉行节约 measures, the 说明 line."""
    data = example.basic_data
    assert data is not None
    assert BASIC.building_cells
    assert set(BASIC.building_cells) == {"——"}
    assert data.buildings == ()
    assert list(data.austerity_measures) == list(BASIC.austerity_measures)
    assert [n.removeprefix("说明：") for n in data.notes] == [
        n.removeprefix("说明：") for n in BASIC.notes
    ]


def test_basic_data_signature(example: SelfEvaluation) -> None:
    """The sign-off line under the basic data table."""
    assert example.basic_data is not None
    assert BASIC.signature is not None
    signature = example.basic_data.signature
    assert signature is not None
    assert (
        signature.prepared_by,
        signature.date_filed,
        signature.phone,
        signature.head_of_unit,
    ) == (
        BASIC.signature.prepared_by,
        BASIC.signature.date_filed,
        BASIC.signature.phone,
        BASIC.signature.head_of_unit,
    )


# The narrative's spending figures --------------------------------------------------------------


def test_general_budget_total_basic_and_project(example: SelfEvaluation) -> None:
    """一般公共预算拨款支出 4026.3; 基本支出 2559.6; 项目支出 1466.7 (实际 1496.7, 其他资金 30)."""
    spending = example.general_budget
    assert spending is not None
    assert spending.basic is not None
    assert spending.project is not None
    assert as_printed(spending.total) == as_printed(BUDGET.total)
    assert as_printed(spending.basic.amount) == as_printed(BUDGET.basic)
    assert as_printed(spending.project.amount) == as_printed(BUDGET.project)
    assert as_printed(spending.project.stated_actual) == as_printed(BUDGET.project_actual)
    assert as_printed(spending.project.of_which_other_funds) == as_printed(
        BUDGET.project_other_funds
    )


@pytest.mark.parametrize(
    ("index", "line"),
    list(enumerate(BUDGET.by_function)),
    ids=[f"function{i}" for i in range(1, len(BUDGET.by_function) + 1)],
)
def test_functional_breakdown(
    example: SelfEvaluation, index: int, line: tuple[str, Decimal, Decimal]
) -> None:
    """One functional class: its amount (万元) and its stated share (%) as printed."""
    assert example.general_budget is not None
    by_function = example.general_budget.by_function
    assert len(by_function) == len(BUDGET.by_function)
    name, amount, share = line
    item = by_function[index]
    assert (item.function.value, as_printed(item.amount), as_printed(item.stated_share)) == (
        name,
        as_printed(amount),
        as_printed(share),
    )


@pytest.mark.parametrize(
    ("index", "text"),
    list(enumerate(BUDGET.projects)),
    ids=[f"project{i}" for i in range(1, len(BUDGET.projects) + 1)],
)
def test_narrative_project_amount(
    example: SelfEvaluation, index: int, text: seed.NarrativeProject
) -> None:
    """One project the narrative names: label, amount, the bracketed correction, its purpose."""
    assert example.general_budget is not None
    projects: tuple[NarrativeFigure, ...] = example.general_budget.projects
    assert len(projects) == len(BUDGET.projects)
    figure = projects[index]
    assert figure.label == text.label
    assert as_printed(figure.amount) == as_printed(text.amount)
    assert as_printed(figure.stated_actual) == as_printed(text.stated_actual)
    assert as_printed(figure.of_which_other_funds) == as_printed(text.of_which_other_funds)
    assert figure.purpose.rstrip("。") == text.purpose.rstrip("。")


def test_other_budgets(example: SelfEvaluation) -> None:
    """政府性基金, 国有资本经营 and 社会保险基金: the report states it has none, in these words."""
    text = seed.parse_other_budgets(seed.seed_text())
    assert len(text) == 3
    stated = [(s.budget_type.value, s.amount, s.statement) for s in example.other_budgets]
    assert stated == [(budget, None, sentence) for budget, sentence in text]


def test_stated_grade(example: SelfEvaluation) -> None:
    """The grade the report gives itself ("绩效自评结果为优秀等级" is 优)."""
    short = {"优秀": "优", "良好": "良", "合格": "中", "差": "差"}
    assert example.stated_grade is not None
    assert example.stated_grade.value == short[seed.parse_grade(seed.seed_text())]


# The whole example -------------------------------------------------------------------------------


def test_the_example_round_trips_through_json(example: SelfEvaluation) -> None:
    """Writing the example to JSON and reading it back gives the same report."""
    assert from_json(to_json(example), SelfEvaluation) == example
