"""Readers of .xlsx, .xls and .docx files give the same grids, chosen by the file's content.

The twelve corpus files (fourteen tables) are typed into each format as a clerk would type them
(``grid_files``: plain figures as numbers with their decimals, percentages as percentages,
figures with separators as text), with their merged cells, and must read back cell by cell as
the corpus prints them.  A Word table's cells are named 表N!RrCc, its title is the paragraph
above it.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import xlwt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget_perf._fileerrors import DocumentError, WorkbookError
from budget_perf._grid import Cell, Grid, GridKind, column_letter
from budget_perf._readers import FileFormat, read_grids, sniff
from grid_files import (
    CORPUS_TABLES,
    Table,
    docx_package,
    grid_texts,
    merges,
    p,
    tc,
    write_docx,
    write_xls,
    write_xlsx,
)

_TABLES = [table for _, table in CORPUS_TABLES]
_WRITERS: dict[str, Callable[..., Path]] = {
    "xlsx": write_xlsx,
    "xls": write_xls,
    "docx": write_docx,
}


@pytest.fixture(scope="module")
def corpus_grids(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, bool], tuple[Grid, ...]]:
    """Every corpus table written to each format, with and without merged cells, read back."""
    folder = tmp_path_factory.mktemp("corpus")
    grids = {}
    for kind, write in _WRITERS.items():
        for merge in (False, True):
            path = write(_TABLES, folder / f"corpus-{merge}.{kind}", merge=merge)
            grids[(kind, merge)] = read_grids(path)
    return grids


def test_every_corpus_table_is_read_from_each_format() -> None:
    """The corpus holds fourteen tables in twelve files; each format gives one grid per table."""
    assert len(CORPUS_TABLES) == 14
    assert len({name.split("#")[0] for name, _ in CORPUS_TABLES}) == 12


@pytest.mark.parametrize("merge", [False, True], ids=["unmerged", "merged"])
@pytest.mark.parametrize("kind", list(_WRITERS))
@pytest.mark.parametrize("index", range(len(CORPUS_TABLES)), ids=[n for n, _ in CORPUS_TABLES])
def test_a_corpus_table_reads_back_cell_by_cell(
    corpus_grids: dict[tuple[str, bool], tuple[Grid, ...]], kind: str, merge: bool, index: int
) -> None:
    """Each cell shows the corpus text (a number as its format prints it: 387664.62, 100%), a
    merged cell once at its origin; the grid is no wider and no longer than the table."""
    title, rows = _TABLES[index]
    grids = corpus_grids[(kind, merge)]
    assert len(grids) == len(_TABLES)
    grid = grids[index]
    assert grid_texts(grid, len(rows), len(rows[0])) == rows
    assert grid.n_rows <= len(rows) and grid.n_columns <= len(rows[0])
    assert grid.kind is (GridKind.TABLE if kind == "docx" else GridKind.SHEET)
    if kind == "docx":
        assert (grid.sheet, grid.title) == (f"表{index + 1}", title)


@pytest.mark.parametrize("kind", list(_WRITERS))
def test_merged_cells_are_forward_filled_with_their_origin(
    corpus_grids: dict[tuple[str, bool], tuple[Grid, ...]], kind: str
) -> None:
    """Every position a merged range covers repeats its origin's value, marked not the origin
    and pointing at it; the origin itself is the origin (the Yunnan table: 产出指标 merged down
    four rows, 项目名称's value merged across nine columns)."""
    grid = corpus_grids[(kind, True)][0]
    rows = _TABLES[0][1]
    spans = merges(rows)
    assert (12, 0, 15, 0) in spans and (1, 1, 1, 9) in spans
    for r0, c0, r1, c1 in spans:
        origin = grid.cell(r0 + 1, c0 + 1)
        assert origin.origin and origin.value is not None
        for row in range(r0 + 1, r1 + 2):
            for column in range(c0 + 1, c1 + 2):
                cell = grid.cell(row, column)
                if (row, column) != (r0 + 1, c0 + 1):
                    assert not cell.origin and cell.value == origin.value
                    assert (cell.source_row, cell.source_column) == (r0 + 1, c0 + 1)
                    assert grid.address(cell) == grid.address(origin)
    below = grid.cell(14, 1)
    assert below.value == "产出指标" and grid.in_row(14, 1) == below
    expected = "表1!R13C1" if kind == "docx" else "表12022年度项目支出绩效自评表!A13"
    assert grid.address(below) == expected


_CELL_TEXTS = st.one_of(
    st.just(""),
    st.integers(0, 10**9).map(str),
    st.decimals(0, 10**7, places=2, allow_nan=False).map(str),
    st.decimals(0, 200, places=2, allow_nan=False).map(lambda d: f"{d}%"),
    st.sampled_from(["产出指标", "215,457.6", "≧", "—", "007", "-3", "有效", "100%", "0"]),
    st.text(st.characters(codec="utf-8", categories=["L", "N"]), min_size=1, max_size=8),
)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.integers(1, 4).flatmap(
        lambda width: st.lists(
            st.lists(_CELL_TEXTS, min_size=width, max_size=width), min_size=1, max_size=5
        )
    )
)
def test_any_small_grid_reads_back_from_each_format(tmp_path: Path, rows: list[list[str]]) -> None:
    """Any grid of corpus-like texts (figures, percentages, words, blanks), with the corpus's
    merged cells, reads back from .xlsx, .xls and .docx as written."""
    for kind, write in _WRITERS.items():
        (grid,) = read_grids(write([("表", rows)], tmp_path / f"g.{kind}", merge=True))
        assert grid_texts(grid, len(rows), len(rows[0])) == rows, kind


def test_a_docx_table_names_its_cells_by_table_row_and_column(tmp_path: Path) -> None:
    """The second table's cell in row 2, column 3 is 表2!R2C3, in addresses and refusals, in
    English and Chinese."""
    path = write_docx(
        [("表一", [["a", "b"]]), ("表二", [["x", "", ""], ["", "", "85"]])], tmp_path / "t.docx"
    )
    grid = read_grids(path)[1]
    cell = grid.cell(2, 3)
    assert (cell.value, grid.ref(cell), grid.address(cell)) == ("85", "R2C3", "表2!R2C3")
    error = grid.error(cell, "not a score", "不是得分")
    assert isinstance(error, DocumentError) and isinstance(error, WorkbookError)
    assert str(error) == f"{path}: 表2!R2C3: not a score"
    assert error.message("zh") == f"{path}：表2!R2C3：不是得分"
    assert str(grid.error(None, "empty")) == f"{path}: 表2: empty"


def test_a_sheet_grid_still_names_its_cells_as_excel_does() -> None:
    """A worksheet's grid is unchanged: Sheet!C7, quoted where the name needs it."""
    cell = Cell(row=7, column=3, value=1, source_row=7, source_column=3)
    grid = Grid(file="f.xlsx", sheet="Sheet 1", n_rows=7, n_columns=3, cells={(7, 3): cell})
    assert grid.address(grid.cell(7, 3)) == "'Sheet 1'!C7"
    assert str(grid.error(grid.cell(7, 3), "x")) == "f.xlsx: 'Sheet 1'!C7: x"
    assert [column_letter(n) for n in (1, 26, 27, 702, 703)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_the_title_is_the_nearest_paragraph_above_that_names_a_table(tmp_path: Path) -> None:
    """A unit line between the title and the table does not hide the title; paragraphs since
    the previous table are the preamble; a table with nothing above has no title."""
    table = f"<w:tbl><w:tr>{tc('a')}</w:tr></w:tbl>"
    body = (
        table
        + p("二、自评情况")
        + p("2022年度项目支出绩效自评表")
        + p("单位：万元")
        + table
        + table
    )
    first, second, third = read_grids(docx_package(tmp_path / "t.docx", body))
    assert (first.title, first.preamble) == ("", ())
    assert second.title == "2022年度项目支出绩效自评表"
    assert second.preamble == ("二、自评情况", "2022年度项目支出绩效自评表", "单位：万元")
    assert (third.title, third.preamble) == ("", ())


def test_docx_merges_grid_before_and_content_controls(tmp_path: Path) -> None:
    """gridSpan and vMerge resolve to grid positions; a row's gridBefore shifts its cells; the
    old hMerge merges across; a row inside a content control is read; deleted text is not."""
    span, before = '<w:gridSpan w:val="2"/>', '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
    down, across = '<w:vMerge w:val="restart"/>', '<w:hMerge w:val="restart"/>'
    paragraphs = (
        "<w:tr><w:tc><w:p><w:r><w:t>kept</w:t></w:r><w:del><w:r><w:delText>gone</w:delText>"
        "</w:r></w:del><w:r><w:tab/><w:t>tab</w:t><w:br/><w:t>line</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>second</w:t></w:r></w:p></w:tc></w:tr>"
    )
    rows = [
        f"<w:tr>{tc('一级', down)}{tc('名称', span)}{tc('c')}</w:tr>",
        f"<w:tr>{tc('ignored', '<w:vMerge/>')}{tc('x')}{tc('y')}{tc('z')}</w:tr>",
        f"<w:tr>{before}{tc('h', across)}{tc('', '<w:hMerge/>')}{tc('end')}</w:tr>",
        f"<w:sdt><w:sdtContent><w:tr>{tc('in')}</w:tr></w:sdtContent></w:sdt>",
        paragraphs,
    ]
    grid = read_grids(docx_package(tmp_path / "t.docx", f"<w:tbl>{''.join(rows)}</w:tbl>"))[0]
    assert grid_texts(grid, 5, 4) == [
        ["一级", "名称", "", "c"],
        ["", "x", "y", "z"],
        ["", "h", "", "end"],
        ["in", "", "", ""],
        ["kept\ttab\nline\nsecond", "", "", ""],
    ]
    assert grid.cell(2, 1).value == "一级" and not grid.cell(2, 1).origin
    assert grid.cell(1, 3).value == "名称" and grid.cell(3, 3).value == "h"
    assert grid.address(grid.cell(3, 3)) == "表1!R3C2"


def test_a_nested_table_is_flattened_into_its_cell(tmp_path: Path) -> None:
    """A table in a cell becomes lines of that cell's text, its cells separated by tabs, and is
    not a grid of its own."""
    inner = f"<w:tbl><w:tr>{tc('a')}{tc('b')}</w:tr><w:tr>{tc('c')}{tc('d')}</w:tr></w:tbl>"
    body = f"<w:tbl><w:tr><w:tc>{p('外')}{inner}</w:tc>{tc('next')}</w:tr></w:tbl>"
    (grid,) = read_grids(docx_package(tmp_path / "t.docx", body))
    assert grid.cell(1, 1).value == "外\na\tb\nc\td" and grid.cell(1, 2).value == "next"


def test_xls_cells_keep_number_formats_dates_and_indent(tmp_path: Path) -> None:
    """An .xls number keeps its format (0.00, 0.00%), a date is a datetime, a whole number an
    int, an indent its level."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("项目表")
    sheet.write(0, 0, 250000.0, xlwt.easyxf(num_format_str="0.00"))
    sheet.write(0, 1, 0.8619, xlwt.easyxf(num_format_str="0.00%"))
    sheet.write(0, 2, datetime.date(2022, 12, 31), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    sheet.write(0, 3, "产出指标", xlwt.easyxf("align: indent 2"))
    sheet.write(0, 4, True)
    book.save(str(tmp_path / "t.xls"))
    (grid,) = read_grids(tmp_path / "t.xls")
    a, b, c, d, e = grid.row(1)
    assert (a.value, a.number_format) == (250000, "0.00")
    assert (b.value, b.number_format) == (0.8619, "0.00%")
    assert c.value == datetime.datetime(2022, 12, 31)  # noqa: DTZ001 - a naive date, as Excel stores it
    assert (d.value, d.indent, e.value) == ("产出指标", 2, True)
    assert grid.address(a) == "项目表!A1"


def test_an_xls_formula_is_refused_at_its_cell(tmp_path: Path) -> None:
    """xlrd gives only a formula's saved result: the formula is refused, as in an .xlsx."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("S")
    sheet.write(0, 0, 1)
    sheet.write(3, 2, xlwt.Formula("A1*2"))
    book.save(str(tmp_path / "f.xls"))
    with pytest.raises(WorkbookError, match=r"S!C4: the cell holds a formula") as caught:
        read_grids(tmp_path / "f.xls")
    assert "粘贴为数值" in caught.value.message("zh")


@pytest.mark.parametrize("kind", list(_WRITERS))
@pytest.mark.parametrize("suffix", [".doc", ".xlsx", ".pdf", ""])
def test_the_reader_is_chosen_by_content_not_by_name(
    tmp_path: Path, kind: str, suffix: str
) -> None:
    """An .xlsx renamed .doc is read as a workbook, a .docx renamed .xlsx as a Word document."""
    table: Table = ("表", [["项目名称", "x"]])
    path = _WRITERS[kind]([table], tmp_path / f"t.{kind}")
    renamed = path.rename(tmp_path / f"renamed{suffix}")
    assert sniff(renamed) is FileFormat(kind)
    (grid,) = read_grids(renamed)
    assert grid_texts(grid, 1, 2) == [["项目名称", "x"]]


@pytest.mark.parametrize(
    ("data", "what", "what_zh"),
    [
        (b"%PDF-1.4\n...", "a PDF document", "PDF文档"),
        (b'{"schema_version": "1"}', "a JSON document", "JSON文档"),
        (b"<html><table><tr><td>1</td></tr></table></html>", "an HTML page", "HTML网页"),
        (b"\x00\x01\x02\xfe\xff" * 50, "a file of unknown kind", "未知类型的文件"),
        ("项目名称,金额\n".encode("gb18030"), "a text file", "文本文件"),
        (b"", "an empty file", "空文件"),
        (b"PK\x03\x04" + b"\x00" * 40, "a damaged or truncated zip archive", "已损坏或不完整"),
    ],
    ids=["pdf", "json", "html", "binary", "gb18030-text", "empty", "truncated-zip"],
)
def test_anything_else_is_refused_saying_what_it_is(
    tmp_path: Path, data: bytes, what: str, what_zh: str
) -> None:
    """The refusal says what the file seems to be and what budget_perf reads, in both languages."""
    path = tmp_path / "report.xlsx"
    path.write_bytes(data)
    expected = FileFormat.JSON if what == "a JSON document" else FileFormat.UNKNOWN
    assert sniff(path) is expected
    with pytest.raises(WorkbookError) as caught:
        read_grids(path)
    assert what in str(caught.value) and ".xlsx or .xls" in str(caught.value)
    assert what_zh in caught.value.message("zh") and "Word文档.docx" in caught.value.message("zh")


def test_malformed_document_xml_is_refused_naming_the_part(tmp_path: Path) -> None:
    """A document part that is not well-formed XML is refused before python-docx reads it."""
    path = docx_package(tmp_path / "bad.docx", "<w:tbl><w:tr>")
    with pytest.raises(DocumentError, match=r"malformed XML in the part word/document\.xml"):
        read_grids(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    """A file that is not there is a refusal naming it, not an OSError."""
    with pytest.raises(WorkbookError, match="cannot open the file"):
        read_grids(tmp_path / "none.docx")


@pytest.mark.parametrize(
    ("kind", "module", "extra"),
    [("docx", "docx", "budget_perf[docx]"), ("xls", "xlrd", "budget_perf[xls]")],
)
def test_without_its_extra_a_format_names_the_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, module: str, extra: str
) -> None:
    """Reading a .docx without python-docx (an .xls without xlrd) says what to install."""
    path = _WRITERS[kind]([("t", [["1"]])], tmp_path / f"t.{kind}")
    monkeypatch.setitem(sys.modules, module, None)
    monkeypatch.delitem(sys.modules, f"budget_perf._readers._{kind}", raising=False)
    with pytest.raises(ImportError, match=extra.replace("[", r"\[").replace("]", r"\]")):
        read_grids(path)
