"""Reading self-evaluation workbooks, and writing them back (budget_perf.excel).

The fixture workbooks are built by ``excel_fixtures`` in each test's temporary directory, in the
layouts offices use; each test states the figures a reviewer would read off the printed table.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings

import excel_fixtures as fx
from budget_perf.examples import load
from budget_perf.excel import (
    SourceMap,
    read_workbook,
    read_workbook_with_sources,
    workbook_content,
    write_workbook,
)
from budget_perf.model import (
    BudgetType,
    FundKind,
    IncomeKind,
    Level1,
    Level2,
    SelfEvaluation,
    SpendingKind,
)
from budget_perf.strategies import self_evaluations

SEED = "yueyang-npc-2022"


def test_seed_round_trip(tmp_path: Path) -> None:
    """The 岳阳市人大常委会 2022 report, exported and imported, is the same report: the tables
    through the three standard sheets, the narrative and the rest through 报告其他内容."""
    report = load(SEED)
    path = tmp_path / "自评.xlsx"
    write_workbook(report, path)
    assert read_workbook(path) == report
    assert workbook_content(report) == report


def test_workbook_content_keeps_the_budget_type(tmp_path: Path) -> None:
    """The tables print no budget type (一般公共预算 …) beside a fund source; it comes back
    through 报告其他内容, so the workbook keeps it."""
    report = load(SEED)
    project = report.projects[0]
    assert project.funding is not None
    typed = attrs.evolve(project.funding.sources[0], budget_type=BudgetType.GENERAL_PUBLIC)
    funding = attrs.evolve(project.funding, sources=(typed, *project.funding.sources[1:]))
    changed = attrs.evolve(
        report, projects=(attrs.evolve(project, funding=funding), *report.projects[1:])
    )
    assert workbook_content(changed) == changed
    path = tmp_path / "typed.xlsx"
    write_workbook(changed, path)
    assert read_workbook(path) == changed


def test_sources_point_at_the_cells_written(tmp_path: Path) -> None:
    """Every figure imported carries the cell it came from: the 运行维护经费 table's executed
    total is cell E5 of its sheet, and the sources are kept beside the model, not in it."""
    path = tmp_path / "自评.xlsx"
    write_workbook(load(SEED), path)
    report, sources = read_workbook_with_sources(path)
    assert isinstance(sources, SourceMap)
    assert sources["$.projects[1].funding.total.executed"] == "运行维护经费!E5"
    assert sources["$.basic_data.staffing.stated_control_rate"] == "基础数据表!D4"
    score = "$.projects[0].indicators.groups[0].groups[0].indicators[2].score"
    assert sources[score].startswith("业务工作经费!H")
    assert report == read_workbook(path)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(self_evaluations())
def test_generated_reports_round_trip(report: SelfEvaluation) -> None:
    """Any consistent report, written to a workbook and read back, is unchanged in every part
    that the workbook holds."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.xlsx"
        write_workbook(report, path)
        assert workbook_content(report) == read_workbook(path)


def test_project_table_as_an_office_types_it(tmp_path: Path) -> None:
    """A 人大监督 table with merged labels, ideographic spaces, "——", full-width digits and a
    rate stored as 1 with the format 0% reads as the printed table states it."""
    report, sources = read_workbook_with_sources(fx.yueyang_project(tmp_path))
    (project,) = report.projects
    assert report.year == 2022
    assert report.department.name == "岳阳市人民代表大会常务委员会"
    assert project.name == "人大监督"
    assert project.implementing_unit == "岳阳市人民代表大会常务委员会"
    funding = project.funding
    assert funding is not None and funding.total is not None
    assert funding.total.executed == Decimal("122.18")
    assert funding.weight == Decimal("10")  # typed as "　10"
    assert funding.stated_execution_rate == Decimal("100")  # 1 with format 0%
    first, carryover, other = funding.sources
    assert first.kind is FundKind.CURRENT_YEAR_APPROPRIATION
    assert first.initial_budget == Decimal("124")  # typed as "１２４"
    assert first.note == "(实际支出为124，差额原因为业务科室报账不及时）"
    assert carryover.kind is FundKind.PRIOR_YEAR_CARRYOVER
    assert (carryover.initial_budget, carryover.full_year_budget) == (None, None)  # "　", "——"
    assert other.kind is FundKind.OTHER_FUNDS
    assert sources["$.projects[0].funding.total.executed"] == "项目表!E6"


def test_indicator_tree_of_a_typed_table(tmp_path: Path) -> None:
    """The indicator rows under merged 一级/二级 cells form the tree, with weights from
    "(50分)", label variants such as "年度\\n指标值", the deviation note and the 总分 row."""
    (project,) = read_workbook(fx.yueyang_project(tmp_path)).projects
    tree = project.indicators
    assert tree is not None
    output, benefit, satisfaction = tree.groups
    assert (output.category, output.stated_weight) == (Level1.OUTPUT, Decimal("50"))
    assert [g.category for g in output.groups] == [Level2.QUANTITY]
    checks, reports = output.groups[0].indicators
    assert (checks.target, checks.weight, checks.score) == ("４次", Decimal("25"), Decimal("25"))
    assert (reports.score, reports.deviation_note) == (Decimal("20"), "一项报告顺延至下一年度")
    assert benefit.groups[0].category is Level2.SOCIAL_BENEFIT  # "社会效\n\n益指标"
    assert satisfaction.stated_weight == Decimal("10")
    assert (tree.stated_total_weight, tree.stated_total_score) == (Decimal("100"), Decimal("95"))
    assert project.notes == ("备注：一个一级项目支出一张表。",)
    assert project.signature is not None
    assert project.signature.date_filed == date(2023, 6, 15)


def test_template_with_moved_and_extra_columns(tmp_path: Path) -> None:
    """A template shifted one column right, with 全年预算数 before 年初预算数, an extra 备注
    column, spaced labels and a full-width year in the title still reads by its labels."""
    report = read_workbook(fx.drifted_project(tmp_path))
    assert report.year == 2023
    (project,) = report.projects
    assert project.name == "人大立法"
    funding = project.funding
    assert funding is not None and funding.total is not None
    assert funding.total.initial_budget == Decimal("40")
    assert funding.total.full_year_budget == Decimal("46.2")
    assert funding.stated_execution_rate == Decimal("100.00")  # 1 with format 0.00%
    assert funding.sources[0].kind is FundKind.FISCAL_FUNDS
    tree = project.indicators
    assert tree is not None
    assert tree.groups[0].stated_weight == Decimal("50")  # "（５０分）"
    last = tree.groups[2].groups[0].indicators[0]
    assert (last.score, last.deviation_note) == (Decimal("9.5"), "个别代表建议办理不及时")
    assert tree.stated_total_score == Decimal("99.5")


def test_two_tables_on_one_sheet(tmp_path: Path) -> None:
    """Two project tables stacked on one sheet are two projects, in order."""
    report = read_workbook(fx.two_projects_one_sheet(tmp_path))
    assert [p.name for p in report.projects] == ["人大监督", "人大立法"]
    assert report.projects[0].indicators == report.projects[1].indicators


def test_basic_data_table_as_typed_equals_the_seed(tmp_path: Path) -> None:
    """The seed's basic data table, typed with nesting by spaces and numbering ("1、", "其中："),
    figures as text with ideographic spaces and "——" blanks, reads exactly as the bundled
    example states it."""
    basic = read_workbook(fx.basic_data_like_seed(tmp_path)).basic_data
    assert basic == load(SEED).basic_data
    assert basic is not None and basic.staffing is not None
    assert basic.staffing.stated_control_rate == Decimal("76.58")  # 0.7658 with 0.00%
    assert basic.procurement is not None
    assert basic.procurement.previous_final is None  # "——"


def test_department_splits_typed_in_one_cell(tmp_path: Path) -> None:
    """The splits typed as "其中：  一般公共预算：4030.75" give each line's kind and amount."""
    table = read_workbook(fx.department_like_seed(tmp_path)).department_table
    seed = load(SEED).department_table
    assert table is not None and seed is not None
    assert table.department_name == "岳阳市人民代表大会常务委员会"
    assert table.income_split == seed.income_split
    assert table.spending_split == seed.spending_split
    assert table.income_split[0].kind is IncomeKind.GENERAL_PUBLIC_BUDGET
    assert table.spending_split[1].kind is SpendingKind.PROJECT


def test_import_budget_perf_without_openpyxl() -> None:
    """Without openpyxl, ``import budget_perf`` still works and ``budget_perf.excel`` says what
    to install."""
    code = (
        "import sys; sys.modules['openpyxl'] = None\n"
        "import budget_perf\n"
        "try:\n"
        "    import budget_perf.excel\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert "pip install 'budget_perf[excel]'" in result.stdout
