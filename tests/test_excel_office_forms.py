"""Workbooks as offices really fill them in, and the ways they go wrong (second review).

Each test builds a small 人大监督 project table with one thing changed and says what a reviewer
should get back: the figure as the table states it, or a WorkbookError naming the cell.
"""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import Border, Side

from budget_perf.excel import WorkbookError, read_workbook
from excel_fixtures import project_sheet


def _book(path: Path, changes: dict[str, object] | None = None, extra: Any = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "项目表"
    project_sheet(sheet, changes=changes)
    if extra is not None:
        extra(sheet)
    workbook.save(path)
    return path


def test_a_float_pasted_from_a_formula_reads_as_the_figure_excel_shows(tmp_path: Path) -> None:
    """0.1 + 0.2 pasted as a value is stored as 0.30000000000000004; Excel shows 0.3."""

    def pasted(sheet: Any) -> None:
        sheet["E9"] = 0.1 + 0.2

    report = read_workbook(_book(tmp_path / "paste.xlsx", extra=pasted))
    funding = report.projects[0].funding
    assert funding is not None
    assert funding.sources[2].executed == Decimal("0.3")


def test_a_score_pasted_with_many_decimals_reads_as_its_format_shows_it(tmp_path: Path) -> None:
    """A score pasted from a formula (9.85322580645161) in a 0.00 cell is the printed 9.85."""

    def pasted(sheet: Any) -> None:
        sheet["H6"] = 9.85322580645161
        sheet["H6"].number_format = "0.00"

    report = read_workbook(_book(tmp_path / "score.xlsx", extra=pasted))
    funding = report.projects[0].funding
    assert funding is not None
    assert funding.stated_score == Decimal("9.85")


def test_a_score_with_many_decimals_and_no_number_format_is_refused_at_its_cell(
    tmp_path: Path,
) -> None:
    """Without a format fixing the decimals nobody can say what the table states: H6 is named."""

    def pasted(sheet: Any) -> None:
        sheet["H6"] = 9.85322580645161

    with pytest.raises(
        WorkbookError, match=r"项目表!H6: 9.85322580645161 has 14 decimals"
    ) as caught:
        read_workbook(_book(tmp_path / "score.xlsx", extra=pasted))
    assert "请四舍五入" in caught.value.message("zh")


def test_a_percent_typed_into_a_target_cell_reads_as_a_percent(tmp_path: Path) -> None:
    """Typing 95% into 年度指标值 stores 0.95 with a % format; the target text is "95%"."""

    def percent(sheet: Any) -> None:
        sheet["E17"] = 0.95
        sheet["E17"].number_format = "0%"
        sheet["F17"] = 1
        sheet["F17"].number_format = "0%"

    report = read_workbook(_book(tmp_path / "percent.xlsx", extra=percent))
    tree = report.projects[0].indicators
    assert tree is not None
    satisfaction = list(tree.indicators())[-1]
    assert (satisfaction.target, satisfaction.actual) == ("95%", "100%")


def test_a_header_in_yuan_is_refused_at_its_cell(tmp_path: Path) -> None:
    """Amounts in 元 would be read 10 000 times too large; the column is refused by name."""
    path = _book(tmp_path / "yuan.xlsx", {"E5": "全年执行数（元）"})
    with pytest.raises(WorkbookError, match=r"项目表!E5: column .* is in 元"):
        read_workbook(path)


def test_a_fraction_in_a_rate_cell_without_a_percent_format_is_refused(tmp_path: Path) -> None:
    """0.9853 in the 执行率 column could be 98.53% or 0.9853%: the reviewer is asked."""

    def fraction(sheet: Any) -> None:
        sheet["G6"] = 0.9853
        sheet["G6"].number_format = "General"

    path = _book(tmp_path / "rate.xlsx", extra=fraction)
    with pytest.raises(WorkbookError, match=r"项目表!G6: .*no % format"):
        read_workbook(path)


def test_a_border_drawn_far_down_is_no_table(tmp_path: Path) -> None:
    """Templates draw borders down to row 6000; empty styled cells do not count as used rows."""

    def border(sheet: Any) -> None:
        sheet.cell(row=6000, column=1).border = Border(left=Side(style="thin"))

    report = read_workbook(_book(tmp_path / "border.xlsx", extra=border))
    assert report.projects[0].name == "人大监督"


def test_cells_without_addresses_are_counted_before_parsing(tmp_path: Path) -> None:
    """The r attribute is optional: 150 000 unaddressed rows are refused fast, by position."""
    base = _book(tmp_path / "base.xlsx")
    rows = b"<row>" + b"<c><v>1</v></c>" * 6 + b"</row>"
    bloated = tmp_path / "unaddressed.xlsx"
    with (
        zipfile.ZipFile(base) as source,
        zipfile.ZipFile(bloated, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb"<sheetData>.*</sheetData>",
                    b"<sheetData>" + rows * 150_000 + b"</sheetData>",
                    data,
                    flags=re.S,
                )
            out.writestr(item, data)
    with pytest.raises(WorkbookError, match="5001 rows"):
        read_workbook(bloated)


def test_a_table_without_a_year_in_its_title_reads_with_the_year_given(tmp_path: Path) -> None:
    """A lone project table titled only 项目支出绩效自评表 needs the year from the caller."""
    path = _book(tmp_path / "untitled.xlsx", {"A1": "项目支出绩效自评表"})
    with pytest.raises(WorkbookError, match="no year found"):
        read_workbook(path)
    assert read_workbook(path, year=2022).year == 2022
    with pytest.raises(WorkbookError, match="different years"):
        read_workbook(_book(tmp_path / "titled.xlsx"), year=2021)


@pytest.mark.parametrize(
    "label",
    ["产出指标(50)", "产出指标 50分", "产出指标\n50分", "一、产出指标（50分）", "产出（50分）"],
)
def test_level1_labels_as_templates_write_them(tmp_path: Path, label: str) -> None:
    """Templates write 产出指标's weight in several ways; each reads as 产出指标, 50 points."""
    report = read_workbook(_book(tmp_path / "level1.xlsx", {"B14": label}))
    tree = report.projects[0].indicators
    assert tree is not None
    assert (tree.groups[0].category.value, tree.groups[0].stated_weight) == (
        "产出指标",
        Decimal(50),
    )


def test_a_total_row_typed_into_other_columns_is_refused_not_dropped(tmp_path: Path) -> None:
    """总分 100 / 95 typed beside the label instead of under 分值 / 得分 is named, not lost."""

    def unmerged(sheet: Any) -> None:
        sheet.unmerge_cells("A18:F18")
        sheet["B18"], sheet["C18"] = 100, 95

    with pytest.raises(WorkbookError, match=r"项目表!B18: a figure \(100\) in the 总分 row"):
        read_workbook(_book(tmp_path / "total.xlsx", extra=unmerged))


def test_a_figure_in_an_extra_indicator_column_is_refused_not_dropped(tmp_path: Path) -> None:
    """A 备注 column of numbers added right of the table would be lost; it is named instead."""

    def extra_column(sheet: Any) -> None:
        sheet["J14"] = 0.25

    with pytest.raises(WorkbookError, match=r"项目表!J14: a figure \(0.25\)"):
        read_workbook(_book(tmp_path / "extra.xlsx", extra=extra_column))
