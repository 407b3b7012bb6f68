"""Broken and hostile workbooks: each is refused with a WorkbookError naming the file and,
where it applies, the sheet and the cell — never a crash inside openpyxl, never half a report.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import defusedxml
import openpyxl
import pytest

import excel_fixtures as fx
from budget_perf.errors import BudgetPerfError
from budget_perf.excel import WorkbookError, read_workbook


def _refused(path: Path) -> WorkbookError:
    """Refused within 64 MiB of Python memory, with an error naming the file.

    How long a refusal takes is measured by bench/hostile_bounds.py, not here.
    """
    tracemalloc.start()
    try:
        with pytest.raises(WorkbookError) as caught:
            read_workbook(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024
    error = caught.value
    assert error.file == str(path)
    assert str(path) in str(error)
    return error


def test_text_file_renamed_xlsx(tmp_path: Path) -> None:
    """A text file saved with the .xlsx extension is not a workbook."""
    error = _refused(fx.text_renamed_xlsx(tmp_path))
    assert "not an .xlsx workbook" in str(error)
    assert isinstance(error, BudgetPerfError) and isinstance(error, ValueError)


def test_corrupt_zip(tmp_path: Path) -> None:
    """A workbook whose bytes were damaged fails its checksum and is reported as corrupt."""
    assert "corrupt zip archive" in str(_refused(fx.corrupt_zip(tmp_path)))


def test_xml_bomb_refused_before_parsing(tmp_path: Path) -> None:
    """A sheet whose XML declares nested entities (a "billion laughs" bomb) is refused before
    any XML is parsed, so nothing is expanded."""
    error = _refused(fx.xml_bomb(tmp_path))
    assert "DOCTYPE" in str(error) and "xl/worksheets/sheet1.xml" in str(error)


def test_defusedxml_refuses_the_bomb_as_well(tmp_path: Path) -> None:
    """openpyxl itself, with defusedxml installed, refuses the same bomb: a second defence."""
    assert openpyxl.xml.DEFUSEDXML
    with pytest.raises(ValueError, match="could not read worksheets") as caught:
        openpyxl.load_workbook(fx.xml_bomb(tmp_path))
    cause = caught.value.__cause__ or caught.value.__context__
    assert isinstance(cause, defusedxml.DefusedXmlException)


def test_zip_bomb(tmp_path: Path) -> None:
    """A workbook that would unpack to more than 32 MiB is refused from its directory alone."""
    assert "zip bomb" in str(_refused(fx.zip_bomb(tmp_path)))


@pytest.mark.parametrize(
    ("build", "sheet", "cell", "words"),
    [
        (fx.huge_sheet, "大表", "A6000", "6000 rows"),
        (fx.wide_sheet, "项目表", "CV1", "100 columns"),
        (fx.formula_cell, "项目表", "D6", "formula (=C6)"),
        (fx.error_value, "项目表", "G6", "#DIV/0!"),
        (fx.unknown_fund_source, "项目表", "B9", "自筹款"),
        (fx.missing_column, "项目表", "A5", "「全年执行数」"),
    ],
)
def test_refused_at_a_cell(
    tmp_path: Path, build: Callable[[Path], Path], sheet: str, cell: str, words: str
) -> None:
    """A sheet beyond the size limits, a formula, an error value, an unknown fund source and
    a header without its 全年执行数 column are each reported at their sheet and cell."""
    error = _refused(build(tmp_path))
    assert (error.sheet, error.cell) == (sheet, cell)
    assert f"{sheet}!{cell}" in str(error)
    assert words in str(error)


def test_missing_file(tmp_path: Path) -> None:
    """A path where there is no file is reported, not raised as a bare OSError."""
    assert "cannot open" in str(_refused(tmp_path / "nowhere.xlsx"))
