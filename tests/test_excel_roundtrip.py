"""Round trips through a workbook: what write_workbook writes, read_workbook gives back whole.

The standard tables print the national columns; everything else a report holds — its region
and unit, a table printed in 元, the provincial indicator columns, execution rows, the score
sheet, the parts a partial copy does not show — travels in the 报告其他内容 sheet and comes
back in its place.  The only differences are the ones ``workbook_content`` documents (texts in
the tables' cells lose surrounding whitespace, blank rows are dropped, a blank fund-source label
is printed as its kind).
"""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings

from budget_perf._family_strategies import FAMILIES
from budget_perf.errors import BudgetPerfError
from budget_perf.examples import load
from budget_perf.excel import WorkbookError, read_workbook, workbook_content, write_workbook
from budget_perf.excel._content import HELD
from budget_perf.excel._patch import diff
from budget_perf.model import (
    AmountUnit,
    AnnualGoal,
    BudgetType,
    Funding,
    FundKind,
    FundSource,
    FundTotal,
    Grade,
    Indicator,
    IndicatorTree,
    Level1,
    Level1Group,
    Level2,
    Level2Group,
    RateBasis,
    Region,
    ScoreGroup,
    ScoreItem,
    ScoreSheet,
    ScoreSubgroup,
    SelfEvaluation,
    SpendingKind,
    SpendingRow,
)
from budget_perf.serialization import to_data
from budget_perf.strategies import self_evaluations

SEED = "yueyang-npc-2022"
EXTRA = "报告其他内容"


def _round_trip(report: SelfEvaluation, folder: Path | None = None) -> SelfEvaluation:
    """*report* written with write_workbook and read back with read_workbook."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(folder or tmp) / "自评.xlsx"
        write_workbook(report, path)
        return read_workbook(path)


def _labels(sheet: Any) -> set[str]:
    """The texts in column A of a written sheet (the block labels)."""
    return {cell.value for cell in sheet["A"] if isinstance(cell.value, str)}


def _at(record: Any, path: str) -> Any:
    """The part of *record* at a JSON path such as ``$.projects[0].funding``."""
    for step in path.removeprefix("$").removeprefix(".").split("."):
        if not step:
            continue
        name, _, index = step.partition("[")
        record = getattr(record, name)
        if index:
            record = record[int(index.rstrip("]"))]
    return record


def _only_table_cells_differ(report: SelfEvaluation, back: SelfEvaluation) -> None:
    """Every difference between *report* and what came back lies in a field the tables print
    (where workbook_content normalises); the parts outside the tables come back exactly."""
    for patch in diff(to_data(back), to_data(report)):
        record = _at(report, patch["at"])
        held = HELD.get(type(record))
        if held is not None:
            outside = set(patch["set"]) - held
            assert not outside, f"{patch['at']}: {sorted(outside)} changed on the way"


def _known_year(report: SelfEvaluation) -> SelfEvaluation:
    """A workbook's titles need the year: a report without one is given 2022 (see below)."""
    return report if report.year is not None else attrs.evolve(report, year=2022)


_QUICK = settings(
    max_examples=6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_QUICK
@given(self_evaluations(layouts=True, partial=True))
def test_any_report_comes_back_as_workbook_content_says(report: SelfEvaluation) -> None:
    """Any consistent report — with regions, units, provincial columns, execution rows, score
    sheets and not-shown parts — written and read back is workbook_content of it, and differs
    from the report itself only in the tables' own cells."""
    report = _known_year(report)
    back = _round_trip(report)
    assert back == workbook_content(report)
    _only_table_cells_differ(report, back)


@pytest.mark.parametrize("family", FAMILIES)
def test_each_layout_family_comes_back(family: str) -> None:
    """One report in each layout family of the corpus (national, Yunnan/Chongqing columns,
    Sichuan, Hubei, Hebei, Guizhou rows, basic data, score sheet) survives the round trip."""
    quick = settings(phases=[Phase.generate], database=None, derandomize=True)
    report = _known_year(find(self_evaluations(family=family), lambda _: True, settings=quick))
    back = _round_trip(report)
    assert back == workbook_content(report)
    _only_table_cells_differ(report, back)


# The bundled report and small variations of it, one new part each.


def _seed() -> SelfEvaluation:
    """The bundled report with its first two project tables (enough, and quicker to write)."""
    report = load(SEED)
    return attrs.evolve(report, projects=report.projects[:2])


def _with_project(report: SelfEvaluation, index: int = 0, **changes: Any) -> SelfEvaluation:
    projects = list(report.projects)
    projects[index] = attrs.evolve(projects[index], **changes)
    return attrs.evolve(report, projects=tuple(projects))


def test_the_bundled_report_comes_back_exactly(tmp_path: Path) -> None:
    """The 岳阳市人大常委会 2022 report comes back unchanged, and its 报告其他内容 sheet holds
    only the report-level parts (the narrative and the rest): the tables hold every table."""
    report = load(SEED)
    assert _round_trip(report, tmp_path) == report
    sheet = openpyxl.load_workbook(tmp_path / "自评.xlsx")[EXTRA]
    document = json.loads("".join(str(c.value)[1:] for c in sheet["A"][1:] if c.value))
    assert document["format"] == "budget_perf.workbook-extra/2"
    tables = ("$.projects", "$.department_table", "$.basic_data")
    assert not [patch["at"] for patch in document["patches"] if patch["at"].startswith(tables)]


def test_the_region_comes_back() -> None:
    """云南省临沧市永德县, as the report prints it, comes back."""
    report = attrs.evolve(_seed(), region=Region(province="云南省", city="临沧市", county="永德县"))
    assert _round_trip(report).region == report.region


def test_a_report_in_yuan_comes_back_in_yuan(tmp_path: Path) -> None:
    """A report printed in 元 keeps its unit, and its tables say 元 in their block labels."""
    report = attrs.evolve(_seed(), amount_unit=AmountUnit.YUAN)
    back = _round_trip(report, tmp_path)
    assert back == report
    book = openpyxl.load_workbook(tmp_path / "自评.xlsx")
    assert "项目资金\n（元）" in _labels(book["业务工作经费"])
    assert "经费控制情况（元）" in _labels(book["基础数据表"])


def test_one_table_printed_in_yuan_keeps_its_own_unit(tmp_path: Path) -> None:
    """A project table printed in 元 in a report in 万元 comes back in 元 (387664.62 元 stays
    387664.62, never 38.766462), and its label says 元."""
    report = _with_project(_seed(), amount_unit=AmountUnit.YUAN)
    back = _round_trip(report, tmp_path)
    assert back.projects[0].amount_unit is AmountUnit.YUAN
    assert back.projects[1].amount_unit is None
    assert back == report
    book = openpyxl.load_workbook(tmp_path / "自评.xlsx")
    assert "项目资金\n（元）" in _labels(book["业务工作经费"])
    assert "项目资金\n（万元）" in _labels(book["运行维护经费"])


def test_the_provincial_indicator_columns_come_back() -> None:
    """指标性质, 度量单位, 调整指标值, 权重占比, 折算得分, 得分系数, 指标解释, 完成情况 and
    是否核心指标 of one indicator come back on that indicator."""
    report = _seed()
    tree = report.projects[0].indicators
    assert tree is not None
    first = tree.groups[0].groups[0].indicators[0]
    dressed = attrs.evolve(
        first, nature="≧", measure_unit="人次", adjusted_target="30", proportion=Decimal("5.00"),
        stated_weighted_score=Decimal("0.25"), score_coefficient=Decimal("100"),
        description="全年召开会议次数", completion="已完成", core="是",
    )  # fmt: skip
    level2 = attrs.evolve(
        tree.groups[0].groups[0], indicators=(dressed, *tree.groups[0].groups[0].indicators[1:])
    )
    level1 = attrs.evolve(tree.groups[0], groups=(level2, *tree.groups[0].groups[1:]))
    changed = _with_project(
        report, indicators=attrs.evolve(tree, groups=(level1, *tree.groups[1:]))
    )
    back = _round_trip(changed)
    back_tree = back.projects[0].indicators
    assert back_tree is not None
    assert back_tree.groups[0].groups[0].indicators[0] == dressed
    assert back == changed


def test_a_row_of_provincial_columns_only_keeps_its_place() -> None:
    """An indicator row whose national cells are all blank (only its 指标解释 is printed) prints
    as a blank row, yet comes back, in its place between its neighbours."""
    report = _seed()
    tree = report.projects[0].indicators
    assert tree is not None
    level2 = tree.groups[0].groups[0]
    blank = Indicator(name="", description="本行仅有指标解释")
    rows = (level2.indicators[0], blank, *level2.indicators[1:])
    level1 = attrs.evolve(
        tree.groups[0], groups=(attrs.evolve(level2, indicators=rows), *tree.groups[0].groups[1:])
    )
    changed = _with_project(
        report, indicators=attrs.evolve(tree, groups=(level1, *tree.groups[1:]))
    )
    assert _round_trip(changed) == changed


def test_indicators_without_levels_and_the_totals_basis_come_back() -> None:
    """Chongqing's indicators printed without 一级/二级 levels, a 总分 of the indicators only
    (Sichuan) and a tree cut short in an excerpt all come back as they were."""
    tree = IndicatorTree(
        ungrouped=(
            Indicator(name="预算完成率", weight=Decimal("2"), score_coefficient=Decimal("100")),
        ),
        total_includes_execution=False,
        cut=True,
        not_shown=("stated_total_weight", "stated_total_score"),
    )
    changed = _with_project(_seed(), indicators=tree)
    assert _round_trip(changed).projects[0].indicators == tree


def test_group_labels_and_goal_blocks_come_back() -> None:
    """A 一级 label as printed ("产出指标(70分)"), Hubei's goal block and a 二级 label come back."""
    tree = IndicatorTree(
        groups=(
            Level1Group(
                category=Level1.OUTPUT, stated_weight=Decimal("40"), label="产出指标(40分)",
                goal="年度绩效目标1(40分)",
                groups=(Level2Group(category=Level2.QUANTITY, label="数量", indicators=(
                    Indicator(name="培训人次", target="≥100", actual="120",
                              weight=Decimal("40"), score=Decimal("40")),)),),
            ),
        ),
    )  # fmt: skip
    changed = _with_project(_seed(), indicators=tree)
    assert _round_trip(changed).projects[0].indicators == tree


def test_parts_a_copy_does_not_show_stay_not_shown() -> None:
    """Not-shown marks come back: a department table whose indicators the copy does not show,
    a funds block without its 分值, and a fund-source row whose label is illegible (printed in
    the table as its kind, yet read back as not shown, not as "当年财政拨款")."""
    report = _seed()
    assert report.department_table is not None and report.projects[0].funding is not None
    department = attrs.evolve(report.department_table, indicators=None, not_shown=("indicators",))
    funding = report.projects[0].funding
    source = attrs.evolve(funding.sources[0], label="", not_shown=("label",))
    hidden = attrs.evolve(
        funding, weight=None, sources=(source, *funding.sources[1:]), not_shown=("weight",)
    )
    changed = _with_project(attrs.evolve(report, department_table=department), funding=hidden)
    changed = attrs.evolve(changed, not_shown=("basic_data",), basic_data=None)
    back = _round_trip(changed)
    assert back == changed
    assert back.projects[0].funding is not None
    assert back.projects[0].funding.sources[0].label == ""


def test_scored_fund_sources_and_spending_rows_come_back() -> None:
    """Fund-source rows with their own 分值/执行率/得分, 到位数 (Hebei's, on the total row too)
    and budget type, Guizhou's 基本支出 and 项目支出 execution rows, a rate on the 年初预算数
    and a printed 得分计算方法 come back."""
    report = _seed()
    assert report.department_table is not None and report.department_table.funding is not None
    funding = report.department_table.funding
    source = FundSource(
        kind=FundKind.CURRENT_YEAR_APPROPRIATION, label="当年财政拨款",
        full_year_budget=Decimal("2030.12"), executed=Decimal("2030.12"), weight=Decimal("10"),
        stated_execution_rate=Decimal("100"), stated_score=Decimal("10"), received=Decimal("1"),
        budget_type=BudgetType.GENERAL_PUBLIC,
    )  # fmt: skip
    rows = (
        SpendingRow(kind=SpendingKind.BASIC, initial_budget=Decimal("985.19"),
                    executed=Decimal("914.97"), weight=Decimal("10"),
                    stated_execution_rate=Decimal("92.87"), stated_score=Decimal("9.29")),
        SpendingRow(kind=SpendingKind.PROJECT, label="项目支出", weight=Decimal("10")),
    )  # fmt: skip
    total = attrs.evolve(funding.total or FundTotal(), received=Decimal("2030.12"))
    changed_funding = attrs.evolve(
        funding, total=total, sources=(source,), spending_rows=rows,
        rate_basis=RateBasis.INITIAL_BUDGET, scoring_method="执行率×分值",
    )  # fmt: skip
    changed = attrs.evolve(
        report, department_table=attrs.evolve(report.department_table, funding=changed_funding)
    )
    back = _round_trip(changed)
    assert back.department_table is not None
    assert back.department_table.funding == changed_funding


def test_the_score_sheet_comes_back() -> None:
    """The department's 部门整体支出绩效评价指标表, levels, rows, texts and stated scores, and
    cut short as in an excerpt, comes back whole."""
    item = ScoreItem(number="1", name="基础信息完整性", weight=Decimal("3"),
                     explanation="基础数据信息是否真实", criteria="真实、完整、准确各1分",
                     stated_value="完整", stated_score=Decimal("3"))  # fmt: skip
    sheet = ScoreSheet(
        title="2022年度部门整体支出绩效评价自评表", unit_name="岳阳市人大常委会", cut=True,
        groups=(ScoreGroup(label="规划(15分)", stated_weight=Decimal("15"), groups=(
            ScoreSubgroup(label="基础信息(3分)", stated_weight=Decimal("3"), items=(item,)),)),),
        not_shown=("stated_total_weight", "stated_total_score"),
    )  # fmt: skip
    changed = attrs.evolve(_seed(), score_sheet=sheet)
    assert _round_trip(changed).score_sheet == sheet


def test_a_project_tables_conclusion_and_grade_come_back() -> None:
    """评价结论, 存在问题, 改进措施 and the table's own grade (Yunnan's "优") come back."""
    changed = _with_project(
        _seed(), conclusion="项目实施总体良好", problems="绩效目标不够细化",
        improvements="细化绩效指标", stated_grade=Grade.EXCELLENT,
    )  # fmt: skip
    assert _round_trip(changed) == changed


def test_the_adjusted_goal_and_completion_rate_come_back() -> None:
    """Chongqing's 全年(调整)绩效目标 and Hebei's 总体完成率 beside the annual goal come back."""
    report = _seed()
    goal = report.projects[0].goal or AnnualGoal()
    changed_goal = attrs.evolve(goal, adjusted="调整后目标", stated_completion_rate=Decimal("98.5"))
    changed = _with_project(report, goal=changed_goal)
    assert _round_trip(changed).projects[0].goal == changed_goal


def test_the_split_totals_come_back() -> None:
    """The totals the department table prints beside its splits (按收入性质分:2030.12) come back."""
    report = _seed()
    assert report.department_table is not None
    table = attrs.evolve(
        report.department_table,
        income_split_total=Decimal("2030.12"),
        spending_split_total=Decimal("2030.12"),
    )
    assert _round_trip(attrs.evolve(report, department_table=table)).department_table == table


def test_a_figure_edited_in_the_table_is_read_from_the_table(tmp_path: Path) -> None:
    """The tables are the statement: a figure corrected in its cell after the workbook was
    written is read from the cell, and 报告其他内容 adds only what the tables cannot print."""
    report = _with_project(_seed(), amount_unit=AmountUnit.YUAN)
    path = tmp_path / "edited.xlsx"
    write_workbook(report, path)
    book = openpyxl.load_workbook(path)
    book["运行维护经费"]["E5"] = 395
    book.save(path)
    back = read_workbook(path)
    assert back.projects[1].funding is not None and back.projects[1].funding.total is not None
    assert back.projects[1].funding.total.executed == Decimal("395")
    assert back.projects[0].amount_unit is AmountUnit.YUAN


def test_a_workbook_written_by_the_previous_version_still_reads(tmp_path: Path) -> None:
    """A 报告其他内容 sheet in the first format (a bare object with the title, department,
    narrative …) is still read."""
    report = _seed()
    path = tmp_path / "old.xlsx"
    write_workbook(report, path)
    book = openpyxl.load_workbook(path)
    sheet = book[EXTRA]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=1).value = None
    old = {"title": "旧版标题", "department": to_data(report.department)}
    sheet["A2"] = "|" + json.dumps(old, ensure_ascii=False)
    book.save(path)
    back = read_workbook(path)
    assert back.title == "旧版标题" and back.department == report.department
    assert back.narrative is None


def test_the_canonical_layout_is_the_default(tmp_path: Path) -> None:
    """layout=None and layout="canonical" write the same tables."""
    report = attrs.evolve(_seed(), projects=(), basic_data=None)
    write_workbook(report, tmp_path / "a.xlsx")
    write_workbook(report, tmp_path / "b.xlsx", layout="canonical")
    assert read_workbook(tmp_path / "a.xlsx") == read_workbook(tmp_path / "b.xlsx") == report


def test_a_layout_this_version_cannot_write_is_refused(tmp_path: Path) -> None:
    """Asking for a layout not written yet is refused, in English and Chinese, listing what can
    be written; no file is left behind."""
    path = tmp_path / "hebei.xlsx"
    with pytest.raises(WorkbookError) as caught:
        write_workbook(_seed(), path, layout="hebei")
    assert isinstance(caught.value, BudgetPerfError)
    assert "'canonical'" in str(caught.value) and "'hebei'" in str(caught.value)
    assert "本版本可写的版式为'canonical'" in caught.value.message("zh")
    assert not path.exists()


def test_a_report_without_a_year_is_refused_not_guessed(tmp_path: Path) -> None:
    """The tables' titles name the year ("2022年度…"), and nothing else tells a reader which
    year a workbook is: a report that states none is refused rather than given one."""
    report = attrs.evolve(_seed(), year=None)
    with pytest.raises(WorkbookError, match="states no year"):
        write_workbook(report, tmp_path / "x.xlsx")


def test_a_fund_source_of_any_kind_comes_back() -> None:
    """A fund-source row of each kind, printed under its kind's name, reads back as that kind."""
    sources = tuple(FundSource(kind=kind, executed=Decimal("1")) for kind in FundKind)
    changed = _with_project(_seed(), funding=Funding(sources=sources))
    back = _round_trip(changed).projects[0].funding
    assert back is not None
    assert [source.kind for source in back.sources] == list(FundKind)


def test_a_report_without_any_table_still_comes_back() -> None:
    """A report holding only its narrative has no table to print: the workbook gets an empty
    basic data table, whose title names the year, and reads back as the report, without it."""
    report = attrs.evolve(_seed(), department_table=None, projects=(), basic_data=None)
    assert _round_trip(report) == report


def test_a_workbook_in_yuan_without_its_extra_sheet_still_reads_in_yuan(tmp_path: Path) -> None:
    """Offices send the tables without the 报告其他内容 sheet: a table labelled 项目资金（元）,
    年度预算申请（元） or 经费控制情况（元） is read in 元, never taken for 万元 (228.97 元 is not
    228.97 万元)."""
    report = attrs.evolve(load("yueyang-npc-2022"), amount_unit=AmountUnit.YUAN)
    path = tmp_path / "元.xlsx"
    write_workbook(report, path)
    book = openpyxl.load_workbook(path)
    del book["报告其他内容"]
    book.save(path)
    back = read_workbook(path)
    tables = (*back.projects, back.department_table, back.basic_data)
    assert all(table is not None and back.unit_of(table) is AmountUnit.YUAN for table in tables)
    funding = back.projects[0].funding
    assert funding is not None and funding.total is not None
    assert funding.total.full_year_budget == Decimal("228.97")
