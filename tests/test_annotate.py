"""Findings on the unit's own workbook: a reviewer hands faults back where the unit wrote them.

The bundled report's 运行维护经费 table states an execution rate of 100% in 运行维护经费!G5,
where 394 / 400.03 万元 gives 98.49%.  The annotated copy carries that finding on G5, every
finding on a 核查结果 sheet, and leaves the unit's file exactly as it was.
"""

import os
import pathlib
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

import budget_perf as bp
from budget_perf.excel import (
    WorkbookError,
    annotate,
    read_workbook,
    workbook_content,
    write_workbook,
)

RATE_PATH = "$.projects[1].funding.stated_execution_rate"


@pytest.fixture(scope="module")
def unit() -> tuple[bp.SelfEvaluation, tuple[bp.Finding, ...]]:
    """The report the unit's workbook holds, and the checker's findings on it."""
    report = workbook_content(bp.examples.load("yueyang-npc-2022"))
    return report, bp.check(report)


@pytest.fixture(scope="module")
def folder(
    tmp_path_factory: pytest.TempPathFactory, unit: tuple[bp.SelfEvaluation, tuple[bp.Finding, ...]]
) -> pathlib.Path:
    """A folder holding the unit's workbook (the bundled report) and its annotated copy."""
    folder = tmp_path_factory.mktemp("annotate")
    write_workbook(bp.examples.load("yueyang-npc-2022"), folder / "岳阳.xlsx")
    original = (folder / "岳阳.xlsx").read_bytes()
    annotate(folder / "岳阳.xlsx", unit[1], folder / "岳阳-核查.xlsx")
    assert (folder / "岳阳.xlsx").read_bytes() == original
    return folder


@pytest.fixture(scope="module")
def copy(folder: pathlib.Path) -> Any:
    """The annotated copy, opened with openpyxl as a reviewer's spreadsheet would open it."""
    return openpyxl.load_workbook(folder / "岳阳-核查.xlsx")


def test_the_stated_rate_cell_carries_the_finding(copy: Any) -> None:
    """G5 of 运行维护经费: a red fill and a comment in both languages with code and figures."""
    cell = copy["运行维护经费"]["G5"]
    assert cell.fill.fill_type == "solid" and cell.fill.start_color.rgb == "00FFC7CE"
    note = cell.comment.text
    assert "[错误 BP201]" in note and "98.49%" in note
    assert "[error BP201] the execution rate of '运行维护经费' is stated as 100%" in note
    assert "表中数 stated: 100；应为 expected: 98" in note


def test_a_finding_on_an_indicator_text_sits_on_that_text(copy: Any) -> None:
    """ "已完成" states no figure against the target 24-26次维修: the finding sits on the
    实际完成值 cell of that indicator's row, found under the column's header."""
    sheet = copy["运行维护经费"]
    cell = sheet["F12"]
    assert (
        sheet["F11"].value == "实际完成值" and sheet["D12"].value == "20次小型维修、4-6次大型维修"
    )
    assert cell.value == "已完成" and "[警告 BP504]" in cell.comment.text
    assert cell.fill.start_color.rgb == "00FFEB9C"  # a warning: amber


def test_the_unit_figures_are_unchanged_in_the_copy(
    folder: pathlib.Path, unit: tuple[bp.SelfEvaluation, tuple[bp.Finding, ...]]
) -> None:
    """The copy reads back as the same report: the comments and fills change no figure."""
    report = read_workbook(folder / "岳阳-核查.xlsx")
    assert report == unit[0]
    assert report.projects[1].funding.total.executed == Decimal("394")  # type: ignore[union-attr]


def test_the_findings_sheet_lists_every_finding(
    copy: Any, unit: tuple[bp.SelfEvaluation, tuple[bp.Finding, ...]]
) -> None:
    """One row per finding, placed or not, with its cell where the map of cells knows it."""
    findings = unit[1]
    sheet = copy["核查结果"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(findings)
    by_path = {row[4]: row for row in rows}
    assert by_path[RATE_PATH][2:7] == ("BP201", "运行维护经费!G5", RATE_PATH, "100", "98")
    unplaced = by_path["$.department_table.income_split"]
    assert unplaced[3] is None and unplaced[2] == "BP102"


def test_the_copy_may_not_be_the_unit_file(folder: pathlib.Path) -> None:
    """The same file, spelt another way or reached through a link, is refused untouched."""
    source = folder / "岳阳.xlsx"
    original = source.read_bytes()
    (folder / "link.xlsx").symlink_to(source)
    os.link(source, folder / "hard.xlsx")
    for out in (source, folder / "sub" / ".." / "岳阳.xlsx", folder / "link.xlsx",
                folder / "hard.xlsx"):  # fmt: skip
        with pytest.raises(WorkbookError, match="would overwrite the workbook it annotates"):
            annotate(source, (), out)
    assert source.read_bytes() == original


def test_text_a_spreadsheet_would_run_is_written_as_text(folder: pathlib.Path) -> None:
    """A finding whose words begin with "=" stays text (quoted); control characters are
    written out rather than breaking the file."""
    finding = bp.Finding(
        code="BP999", severity=bp.Severity.WARNING, path=RATE_PATH,
        message_zh='=HYPERLINK("http://example.com","点击")', message_en="bell \x07 here",
    )  # fmt: skip
    annotate(folder / "岳阳.xlsx", [finding], folder / "quoted.xlsx")
    book = openpyxl.load_workbook(folder / "quoted.xlsx")
    row = next(book["核查结果"].iter_rows(min_row=2))
    assert row[7].value == '=HYPERLINK("http://example.com","点击")' and row[7].data_type == "s"
    assert row[7].quotePrefix and row[8].value == "bell \\x07 here"
    assert book["运行维护经费"]["G5"].fill.start_color.rgb == "00FFEB9C"  # a warning: amber
