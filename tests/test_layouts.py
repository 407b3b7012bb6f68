"""Layouts as data: each corpus table form is one JSON description, read onto the one model.

The reference answers are the hand-built models of tests/corpus_reports.py (``BUILDERS``): a
corpus table read through its layout must give the model its builder states, cell by cell.
"""

from __future__ import annotations

import json
import pathlib
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs
import openpyxl
import pytest

import budget_perf as bp
from budget_perf.excel._grid import Grid
from budget_perf.layouts import layout_from_json, list_layouts, load_layout
from budget_perf.layouts._read import read_grids_with_sources
from corpus_reports import BUILDERS, FILES, load, values
from layout_grids import corpus_grids, text_grid

#: What the excerpt prints only inside names (a place) or not at all (a year).
REGION = {
    1: bp.Region(city="临沧市", county="永德县"),
    2: bp.Region(county="中江县"),
    3: bp.Region(county="天长市"),
    4: bp.Region(city="黄冈市"),
    5: bp.Region(province="上海市", county="普陀区"),
    6: bp.Region(city="廊坊市"),
    7: bp.Region(county="成安县"),
    8: bp.Region(county="衡山县"),
    9: bp.Region(county="绥阳县"),
}
YEAR = {9: 2021, 11: 2021, 12: 2017}
#: 11 is OCR text whose three budget amounts are illegible ("O"): the caller says so.
NOT_SHOWN = {
    11: tuple(
        f"$.department_table.funding.total.{f}"
        for f in ("initial_budget", "full_year_budget", "executed")
    )
}
LAYOUT = {
    1: "yunnan-project", 2: "sichuan-project", 3: "national-project", 4: "hubei-project",
    5: "national-project", 6: "national-project", 7: "hebei-project",
    9: "guizhou-department", 10: "anhui-scoresheet", 11: "chongqing-department",
    12: "hunan-indicator-scoresheet",
}  # fmt: skip
LAYOUTS = tuple(load_layout(key) for key in list_layouts())


def canonical(record: Any) -> Any:
    """*record* with every ``not_shown`` sorted: the order parts are named in says nothing."""
    if isinstance(record, tuple):
        return tuple(canonical(item) for item in record)
    if attrs.has(type(record)):
        changes = {
            f.name: tuple(sorted(v)) if f.name == "not_shown" else canonical(v)
            for f in attrs.fields(type(record))
            if (v := getattr(record, f.name)) is not None or True
        }
        return attrs.evolve(record, **changes)
    return record


def expected(number: int) -> Any:
    """The builder's model, with the differences the reader cannot avoid (documented here)."""
    report: Any = BUILDERS[FILES[number - 1]]()
    if number == 5:  # the builder also states the report's unit; the reader states each table's
        report = attrs.evolve(report, amount_unit=bp.AmountUnit.WAN_YUAN)
    if number == 11:  # the last row is cut after its name: its 指标性质 cell is not shown either
        tree = report.department_table.indicators
        last = tree.ungrouped[-1]
        last = attrs.evolve(last, not_shown=(*last.not_shown, "nature"))
        tree = attrs.evolve(tree, ungrouped=(*tree.ungrouped[:-1], last))
        table = attrs.evolve(report.department_table, indicators=tree)
        report = attrs.evolve(report, department_table=table)
    return report


def read_corpus(number: int, **options: Any) -> tuple[Any, Any]:
    """Corpus table *number* read from its text grids, with the caller's arguments it needs."""
    return read_grids_with_sources(
        corpus_grids(FILES[number - 1]), LAYOUTS, year=YEAR.get(number),
        region=REGION.get(number), not_shown=NOT_SHOWN.get(number, ()), **options,
    )  # fmt: skip


# Descriptions ---------------------------------------------------------------------------------


def test_every_bundled_layout_loads_names_its_source_and_is_listed() -> None:
    """Each bundled description validates, declares its own key and cites where it was seen."""
    assert len(list_layouts()) == 13
    for key in list_layouts():
        layout = load_layout(key)
        assert layout.key == key
        assert layout.source and layout.title
        assert layout.table in ("project", "department", "score_sheet", "basic_data", "workbook")


def _bundled(key: str) -> dict[str, Any]:
    text = resources.files("budget_perf.layouts").joinpath(f"{key}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.pop("match"), "missing key(s) match @ $"),
        (lambda d: d.update(colour="red"), "unknown key(s) colour @ $"),
        (lambda d: d.update(table="invoice"), "@ $.table"),
        (
            lambda d: d["blocks"][0]["columns"][0].update(role="amount"),
            "@ $.blocks[0].columns[0].role",
        ),
        (lambda d: d["blocks"][0]["rows"][1].update(is_="x"), "unknown key(s) is_"),
        (
            lambda d: d["blocks"][0]["rows"][1].update({"is": "source:gift"}),
            "@ $.blocks[0].rows[1].is",
        ),
        (lambda d: d.update(placeholder="(unclosed"), "not a regular expression"),
        (lambda d: d["blocks"][2].update(header_rows=9), "@ $.blocks[2].header_rows"),
        (lambda d: d.update(key="National Project"), "@ $.key"),
    ],
)
def test_a_broken_description_is_refused_naming_the_path(change: Any, where: str) -> None:
    """A typo in a description is refused with the path of the bad entry, in zh and en."""
    data = _bundled("national-project")
    change(data)
    with pytest.raises(bp.InvalidLayout) as refused:
        layout_from_json(json.dumps(data, ensure_ascii=False))
    assert where in str(refused.value)
    assert "版式描述有误" in refused.value.message("zh")


def test_an_unknown_layout_name_is_refused_listing_the_bundled_ones() -> None:
    """layout= with a name no description has lists those there are."""
    with pytest.raises(bp.InvalidLayout, match="national-project"):
        load_layout("martian-project")


# The corpus read through its layouts ----------------------------------------------------------


@pytest.mark.parametrize("number", [n for n in range(1, 13) if n != 8])
def test_a_corpus_table_reads_into_the_model_its_builder_states(number: int) -> None:
    """Every corpus table but 08's basic data table reads into exactly the builder's model."""
    report, _ = read_corpus(number)
    assert canonical(report) == canonical(expected(number))


def test_the_hunan_department_table_and_basic_data_table_read_together() -> None:
    """08: the department table equals the builder's; the basic data table, read by the bundled
    report's reader, holds every printed figure, under the labels that reader cleans
    ("1、出国经费" → "出国经费"), without the "……" rows' labels and with an empty 楼堂馆所 header
    row read as a note (differences the builder, reading cell by cell, does not have)."""
    report, sources = read_corpus(8)
    want = expected(8)
    assert canonical(report.department_table) == canonical(want.department_table)
    assert (report.year, report.department, report.region, report.not_shown, report.title) == (
        want.year, want.department, want.region, want.not_shown, want.title,
    )  # fmt: skip
    figures = [v for v in values(want.basic_data) if isinstance(v, Decimal | int)]
    got = [v for v in values(report.basic_data) if isinstance(v, Decimal | int)]
    assert sorted(map(str, figures)) == sorted(map(str, (v for v in got if v is not True)))
    assert sources["$.department_table.income_split[1].amount"] == "表2!B7"


def test_every_printed_figure_of_the_corpus_is_in_the_model() -> None:
    """Cell by cell: each figure a corpus table prints is a figure of the report read."""
    for number in range(1, 13):
        report, _ = read_corpus(number)
        held = {str(v) for v in values(report)}
        for table in load(FILES[number - 1])["tables"]:
            for row in table["rows"]:
                for text in row:
                    cell = bp.parse_amount(text)
                    if cell.status is bp.CellStatus.VALUE and number != 8:
                        assert (
                            str(cell.value) in held
                            or text in held
                            or any(text in str(h) for h in held)
                        ), (number, text)


def test_the_source_map_names_the_cell_of_each_figure() -> None:
    """read_with_sources maps a model path to the cell the figure was printed in."""
    _, sources = read_corpus(1)
    assert sources["$.projects[0].funding.total.executed"] == "表1!G6"
    assert sources["$.projects[0].indicators.groups[0].groups[0].indicators[0].score"] == "表1!I14"
    _, sources = read_corpus(10)
    assert sources["$.score_sheet.groups[1].groups[0].items[0].weight"] == "表1!E9"


# Partial files -------------------------------------------------------------------------------


def test_a_page_cut_inside_the_indicator_block_marks_the_rest_not_shown() -> None:
    """05's second table prints only the indicator names: their figures and its 总分 are not
    shown, not blank; 06 ends before its 总分 row: the tree is cut and its sign-off not shown."""
    report, _ = read_corpus(5)
    second = report.projects[1]
    assert second.indicators is not None
    assert not second.indicators.groups[0].groups[0].indicators[0].is_shown("score")
    assert not second.indicators.is_shown("stated_total_score")
    assert report.projects[0].indicators.is_shown("stated_total_score")
    report, _ = read_corpus(6)
    project = report.projects[0]
    assert project.indicators.cut and not project.is_shown("signature")


def test_the_last_row_of_a_cut_page_shows_only_what_it_prints() -> None:
    """10 is cut inside row 6's scoring rule: its 自评得分 is not shown, the rows above are."""
    report, _ = read_corpus(10)
    items = [i for g in report.score_sheet.groups for s in g.groups for i in s.items]
    assert not items[-1].is_shown("stated_score") and items[-1].criteria
    assert all(i.is_shown("stated_score") for i in items[:-1])
    assert report.score_sheet.cut


def test_the_caller_marks_an_illegible_part_not_shown() -> None:
    """11's budget amounts are illegible ("O"): without the caller saying so the cell is
    refused; with not_shown= the amounts are not shown and the rest is read."""
    with pytest.raises(bp.BudgetPerfError, match="表1!B5"):
        read_grids_with_sources(corpus_grids(FILES[10]), LAYOUTS, year=2021)
    report, _ = read_corpus(11)
    total = report.department_table.funding.total
    assert not total.is_shown("executed") and total.is_shown("note")


def test_a_not_shown_path_that_names_nothing_is_refused() -> None:
    """A misspelt not_shown path would silently read the cell: it is refused instead."""
    typo = ("$.department_table.funding.totl.executed",)
    with pytest.raises(bp.BudgetPerfError, match=r"funding\.totl\.executed"):
        read_grids_with_sources(corpus_grids(FILES[8]), LAYOUTS, year=2021, not_shown=typo)


def test_a_year_the_title_contradicts_is_refused() -> None:
    """year= fills in a year no title states; where the title states another, it is refused."""
    assert read_corpus(1)[0].year == 2022
    with pytest.raises(bp.BudgetPerfError, match="2021, 2022"):
        read_grids_with_sources(corpus_grids(FILES[0]), LAYOUTS, year=2021)


def test_a_figure_the_layout_cannot_place_is_refused_at_its_cell() -> None:
    """A figure beside no label the layout knows is an error naming the cell, never dropped."""
    rows = [list(r) for r in load(FILES[0])["tables"][0]["rows"]]
    rows[0][9] = "12.5"  # a stray figure in the 公开14表 line
    grid = text_grid([["2022年度项目支出绩效自评表"], *rows])
    with pytest.raises(bp.BudgetPerfError) as refused:
        read_grids_with_sources([grid], LAYOUTS, region=REGION[1])
    assert "表1!J2" in str(refused.value) and "yunnan-project" in str(refused.value)
    assert "没有对应位置" in refused.value.message("zh")


@pytest.mark.parametrize(("number", "layout"), [(3, "national-project"), (7, "hebei-project")])
def test_a_sign_off_line_under_the_table_is_read_not_refused(number: int, layout: str) -> None:
    """A sign-off line the description does not name (填表人 / 联系电话 with a mobile number in
    its own cell / 填报日期) under a national or Hebei table is read into the signature: the
    phone number is not refused as a figure without a place, nor the line read as an indicator."""
    rows = [list(r) for r in load(FILES[number - 1])["tables"][0]["rows"]]
    title = load(FILES[number - 1])["tables"][0]["title"]
    sign_off = ["填表人：张三", "联系电话：", "13800000000", "填报日期：", "2023年3月1日"]
    from budget_perf.layouts._match import choose

    grid = text_grid([[title], *rows, sign_off])
    assert choose(grid, LAYOUTS).key == layout  # a form whose description names no sign-off
    report, _ = read_grids_with_sources([grid], LAYOUTS, region=REGION[number])
    signature = report.projects[0].signature
    assert signature is not None
    assert (signature.prepared_by, signature.phone) == ("张三", "13800000000")
    assert str(signature.date_filed) == "2023-03-01"
    without, _ = read_corpus(number)
    # the rest reads as without the line (where 07 ends, its sign-off was not shown)
    assert attrs.evolve(report.projects[0], signature=None, not_shown=()) == attrs.evolve(
        without.projects[0], signature=None, not_shown=()
    )


def test_a_sign_off_date_that_is_no_date_is_kept_as_a_note() -> None:
    """A sign-off 填报日期 the form's description does not name, holding no readable date, is
    kept as a note rather than refused: it is the filer's line, not a figure of the report."""
    rows = [list(r) for r in load(FILES[2])["tables"][0]["rows"]]
    grid = text_grid([["项目支出绩效自评表(2022年度)"], *rows, ["填报日期：2023年春"]])
    report, _ = read_grids_with_sources([grid], LAYOUTS)
    assert report.projects[0].notes[-1] == "填报日期：2023年春"


# Matching ------------------------------------------------------------------------------------


def test_each_corpus_table_is_matched_to_its_own_layout() -> None:
    """The layout picked by the labels is the one described for that table's form."""
    from budget_perf.layouts._match import choose

    for number, key in LAYOUT.items():
        assert choose(corpus_grids(FILES[number - 1])[0], LAYOUTS).key == key, number


def test_a_grid_no_layout_matches_is_refused_naming_the_cell_and_the_nearest_layout() -> None:
    """A project table whose indicator header is renamed matches no layout; the refusal names
    where matching stopped and the nearest layout, in Chinese and English."""
    rows = [list(r) for r in load(FILES[2])["tables"][0]["rows"]]
    rows[9][4] = "目标值"  # 年度指标值 → 目标值
    grid = text_grid([["项目支出绩效自评表(2022年度)"], *rows])
    with pytest.raises(bp.UnknownLayout) as refused:
        read_grids_with_sources([grid], LAYOUTS)
    error = refused.value
    assert error.nearest == "national-project" and error.cell == "表1!D11"
    assert "'年度指标值'" in str(error) and "national-project" in str(error)
    assert "最接近的版式是“national-project”" in error.message("zh")


def test_a_cover_or_notes_sheet_without_figures_is_passed_over() -> None:
    """A workbook's cover sheet and 填表说明 sheet match no layout and hold no figure: the table
    beside them is read as alone; a file with nothing but such a sheet is still refused."""
    table = corpus_grids(FILES[2])[0]
    cover = text_grid([["2022年度项目支出绩效自评报告"], ["某某县水利局"]], sheet="封面")
    notes = text_grid([["填表说明"], ["1. 本表金额单位为万元。"]], sheet="说明")
    alone, _ = read_grids_with_sources([table], LAYOUTS)
    assert read_grids_with_sources([cover, table, notes], LAYOUTS)[0] == alone
    with pytest.raises(bp.UnknownLayout, match="封面!A1"):
        read_grids_with_sources([cover, notes], LAYOUTS)
    national = load_layout("national-project")  # layout= does not make the cover a project
    assert read_grids_with_sources([cover, table], LAYOUTS, forced=national)[0] == alone


def test_layout_forces_a_layout_the_labels_would_not_pick() -> None:
    """layout= reads a table with the named description only: the national form read onto
    Yunnan's table finds no place for its 指标值 column and says where; Yunnan's own reads it."""
    grids = corpus_grids(FILES[0])
    with pytest.raises(bp.BudgetPerfError, match=r"表1!E14.*national-project"):
        read_grids_with_sources(grids, LAYOUTS, forced=load_layout("national-project"))
    report, _ = read_grids_with_sources(
        grids, LAYOUTS, forced=load_layout("yunnan-project"), region=REGION[1]
    )
    assert canonical(report) == canonical(expected(1))


# Real workbooks ------------------------------------------------------------------------------


def _as_typed(text: str) -> object:
    """A plain number as a number (as a clerk types it), anything else as text."""
    try:
        number = Decimal(text)
    except ArithmeticError:
        return text
    if number == number.to_integral_value() and "." not in text:
        return int(number)
    return text  # decimals stay text: a float would lose "387664.62"'s exactness in the test


def _workbook(number: int, folder: pathlib.Path) -> pathlib.Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for index, table in enumerate(load(FILES[number - 1])["tables"], 1):
        sheet = book.create_sheet(f"表{index}")
        sheet.append([table["title"]])
        for r, row in enumerate(table["rows"], 2):
            for c, text in enumerate(row, 1):
                if text:
                    cell = sheet.cell(row=r, column=c, value=_as_typed(text))
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # "=100%" is a target typed as text, not a formula
    path = folder / f"{number:02d}.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("number", [1, 2, 4, 5, 7, 9, 10, 12])
def test_a_corpus_table_typed_into_a_workbook_reads_the_same(
    number: int, tmp_path: pathlib.Path
) -> None:
    """The corpus table written into a real .xlsx (one table per sheet, whole numbers typed as
    numbers) reads through budget_perf.read into the same model as from its text grid."""
    path = _workbook(number, tmp_path)
    report = bp.read(
        path, year=YEAR.get(number), region=REGION.get(number),
        not_shown=NOT_SHOWN.get(number, ()),
    )  # fmt: skip
    assert canonical(report) == canonical(expected(number))
    assert bp.read(path, layout=LAYOUT[number], year=YEAR.get(number), region=REGION.get(number))


def test_merged_cells_of_a_real_workbook_read_as_printed_once(tmp_path: pathlib.Path) -> None:
    """Yunnan's table with its labels merged as a form merges them (项目资金 down five rows,
    产出指标 down four, 年度指标值 across three) reads into the same model: a merged label
    belongs to its first cell, the cells it covers are not read again."""
    path = _workbook(1, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    for cells in ("A5:A9", "A14:A17", "D12:F12", "B3:J3", "A12:C12"):
        sheet.merge_cells(cells)
    book.save(path)
    assert canonical(bp.read(path, region=REGION[1])) == canonical(expected(1))


def test_read_with_sources_names_workbook_cells(tmp_path: pathlib.Path) -> None:
    """From a workbook, a figure's source is its sheet and cell."""
    path = _workbook(4, tmp_path)
    report, sources = bp.read_with_sources(path, region=REGION[4])
    funding = report.projects[0].funding
    assert funding is not None and funding.stated_score == Decimal("20")
    assert sources["$.projects[0].funding.stated_score"] == "表1!G7"


def _grid_type_check(grid: Grid) -> None:
    assert isinstance(grid, Grid)


def test_read_reads_the_workbooks_write_workbook_writes(tmp_path: pathlib.Path) -> None:
    """budget_perf.read picks the library's own layout for a workbook write_workbook wrote, and
    reads it as read_workbook does (figures and their cells alike)."""
    from budget_perf.excel import read_workbook_with_sources, write_workbook

    path = tmp_path / "自评.xlsx"
    write_workbook(bp.examples.load("yueyang-npc-2022"), path)
    assert bp.read_with_sources(path) == read_workbook_with_sources(path)
    report = bp.read(path, region=bp.Region(city="岳阳市"), layout="budget-perf-workbook-project")
    assert report.region == bp.Region(city="岳阳市") and report.projects[0].name == "业务工作经费"


def test_read_opens_the_file_once(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """budget_perf.read opens the file once and reads every table from those bytes, whether the
    file is a province's form or a workbook write_workbook wrote (what was checked is what is
    read, and a large file is not read three times)."""
    from budget_perf._readers import _archive
    from budget_perf.excel import write_workbook

    opened: list[str] = []

    def counting_open(path: Any, mode: str = "r") -> Any:
        opened.append(str(path))
        return open(path, mode)

    own = tmp_path / "自评.xlsx"
    write_workbook(bp.examples.load("yueyang-npc-2022"), own)
    form = _workbook(4, tmp_path)
    monkeypatch.setattr(_archive, "open", counting_open, raising=False)
    assert bp.read(own).projects[0].name == "业务工作经费"
    assert bp.read(form, region=REGION[4]).projects
    assert opened == [str(own), str(form)]
