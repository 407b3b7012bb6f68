"""Writing workbooks: exact amounts, rates with their stated decimals, legal sheet names."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest

from budget_perf.excel import WorkbookError, read_workbook, workbook_content, write_workbook
from budget_perf.excel._sheet import exact_number
from budget_perf.excel._write import sheet_names
from budget_perf.model import (
    Department,
    Funding,
    FundTotal,
    Project,
    SelfEvaluation,
)


def _report(**funding: object) -> SelfEvaluation:
    return SelfEvaluation(
        year=2022,
        department=Department(name="某局"),
        projects=(Project(name="=SUM(A1)", funding=Funding(**funding)),),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "amount",
    ["0", "0.01", "4026.3", "1496.70", "99999.99", "1234.5678", "12345678901.2345", "1E+3"],
)
def test_amounts_in_wan_yuan_survive_as_numbers(amount: str) -> None:
    """Amounts in 万元 with up to four decimals are written as numbers that read back exactly."""
    number = exact_number(Decimal(amount))
    assert number is not None
    assert Decimal(repr(float(f"{number:.16g}"))) == Decimal(amount)


def test_an_amount_floats_cannot_hold_is_written_as_text(tmp_path: Path) -> None:
    """An amount with more digits than a float holds is written as text, and reads back exactly."""
    big = Decimal("12345678901234.5678")
    assert exact_number(big) is None
    report = _report(total=FundTotal(executed=big))
    path = tmp_path / "big.xlsx"
    write_workbook(report, path)
    assert openpyxl.load_workbook(path).worksheets[0]["E6"].value == "12345678901234.5678"
    assert read_workbook(path) == workbook_content(report)


def test_rates_keep_their_stated_decimals(tmp_path: Path) -> None:
    """98.49% is written as 0.9849 formatted 0.00%, and 100% as 1 formatted 0%."""
    path = tmp_path / "rates.xlsx"
    for rate, value, fmt in ((Decimal("98.49"), 0.9849, "0.00%"), (Decimal("100"), 1, "0%")):
        report = _report(total=FundTotal(), stated_execution_rate=rate)
        write_workbook(report, path)
        cell = openpyxl.load_workbook(path).worksheets[0]["G6"]
        assert (cell.value, cell.number_format) == (value, fmt)
        assert read_workbook(path) == report


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """A project named "=SUM(A1)" is written as text, so the workbook holds no formula."""
    path = tmp_path / "text.xlsx"
    report = _report()
    write_workbook(report, path)
    assert read_workbook(path).projects[0].name == "=SUM(A1)"


def test_sheet_names_are_legal_and_unique() -> None:
    """Sheet names lose the characters Excel forbids, keep 31 characters and never repeat."""
    names = sheet_names(["人大会议", "人大会议", "a/b:c", "项" * 40, "项" * 40])
    assert names[:3] == ["人大会议", "人大会议(2)", "a_b_c"]
    assert len(names[3]) == 31 and names[4] == "项" * 28 + "(2)"


def test_parts_outside_the_tables_travel_in_their_own_sheet(tmp_path: Path) -> None:
    """The report's title has no cell in the tables: it comes back through 报告其他内容."""
    report = attrs.evolve(_report(), title="岳阳市人大常委会2022年度部门整体支出绩效自评报告")
    path = tmp_path / "title.xlsx"
    write_workbook(report, path)
    assert read_workbook(path) == report
    assert "报告其他内容" in openpyxl.load_workbook(path).sheetnames


def test_a_workbook_without_the_extra_sheet_has_no_narrative(tmp_path: Path) -> None:
    """An office's workbook holds only the tables: the parts outside them are absent, not empty."""
    path = tmp_path / "tables-only.xlsx"
    write_workbook(_report(), path)
    book = openpyxl.load_workbook(path)
    assert "报告其他内容" not in book.sheetnames  # nothing outside the tables to write
    assert read_workbook(path).narrative is None


def test_a_tampered_extra_sheet_is_refused_by_name(tmp_path: Path) -> None:
    """If the 报告其他内容 sheet was edited into something else, the error names the sheet."""
    report = attrs.evolve(_report(), title="标题")
    path = tmp_path / "tampered.xlsx"
    write_workbook(report, path)
    book = openpyxl.load_workbook(path)
    book["报告其他内容"]["A2"] = "|{not json"
    book.save(path)
    with pytest.raises(WorkbookError, match="报告其他内容"):
        read_workbook(path)


def test_a_text_longer_than_a_cell_holds_is_refused_not_cut(tmp_path: Path) -> None:
    """Excel cells hold 32 767 characters; a longer note would be cut silently, so it is refused."""
    report = _report()
    project = attrs.evolve(report.projects[0], notes=("备" * 40_000,))
    with pytest.raises(WorkbookError, match="longer than an Excel cell holds"):
        write_workbook(attrs.evolve(report, projects=(project,)), tmp_path / "long.xlsx")
