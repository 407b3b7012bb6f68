"""Issue 10's acceptance: each corpus table, written into a real file, reads into the model.

Each of the twelve corpus tables (tests/data/corpus) is written by a test into an .xlsx workbook
(one table per sheet, its title in a first row; plain numbers as numbers with the number format
they were printed with, text as typed), into a Word document (its title the paragraph above
the table) and into an old .xls workbook, with and without merged cells.  ``budget_perf.read``
picks the reader by the file's content and the layout by the table's labels, and the report it
gives is compared with the hand-built model of tests/corpus_reports.py, field by field — so
every printed figure is found, and the parts a cut page does not show are marked not shown.
"""

from __future__ import annotations

import pathlib
from decimal import Decimal
from typing import Any

import pytest

import budget_perf as bp
from corpus_reports import FILES, load, values
from grid_files import write_docx, write_xls, write_xlsx
from test_layouts import NOT_SHOWN, REGION, YEAR, canonical, expected

WRITERS = {
    "xlsx": lambda tables, path, merge: write_xlsx(tables, path, merge=merge, title=True),
    "docx": lambda tables, path, merge: write_docx(tables, path, merge=merge),
    "xls": lambda tables, path, merge: write_xls(
        [(title, [[title] + [""] * (len(rows[0]) - 1), *rows]) for title, rows in tables],
        path,
        merge=merge,
    ),  # an .xls sheet has no paragraph above it: its title is its first row
}


def _file(number: int, kind: str, folder: pathlib.Path, *, merge: bool) -> pathlib.Path:
    tables = [(t["title"], t["rows"]) for t in load(FILES[number - 1])["tables"]]
    path = folder / f"{number:02d}{'-merged' if merge else ''}.{kind}"
    WRITERS[kind](tables, path, merge)
    return path


def _read(path: pathlib.Path, number: int) -> Any:
    return bp.read(
        path, year=YEAR.get(number), region=REGION.get(number),
        not_shown=NOT_SHOWN.get(number, ()),
    )  # fmt: skip


def _figures(record: object) -> list[Decimal]:
    """Every figure of *record*, as numbers (a workbook's 1025.2 shown as "1025.20" is 1025.20)."""
    return sorted(
        Decimal(v) for v in values(record) if isinstance(v, Decimal | int) and v is not True
    )


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
@pytest.mark.parametrize("number", range(1, 13))
def test_a_corpus_table_written_to_a_file_reads_into_the_model_it_prints(
    number: int, kind: str, tmp_path: pathlib.Path
) -> None:
    """The file reads into the builder's model (08's basic data table: every printed figure,
    under the labels the basic-data reader cleans — see tests/test_layouts.py)."""
    report = _read(_file(number, kind, tmp_path, merge=False), number)
    want = expected(number)
    if number == 8:
        assert canonical(report.department_table) == canonical(want.department_table)
        assert _figures(report.basic_data) == _figures(want.basic_data)
    else:
        assert canonical(report) == canonical(want)


@pytest.mark.parametrize("kind", ["xlsx", "docx", "xls"])
@pytest.mark.parametrize("number", [1, 5, 9, 10])
def test_merged_cells_and_old_workbooks_read_the_same(
    number: int, kind: str, tmp_path: pathlib.Path
) -> None:
    """With its labels merged as a form merges them, or as an .xls, a table reads the same:
    a merged label is read once, where it starts."""
    report = _read(_file(number, kind, tmp_path, merge=True), number)
    assert canonical(report) == canonical(expected(number))


def test_the_cut_pages_are_marked_not_shown_when_read_from_a_file(tmp_path: pathlib.Path) -> None:
    """05's second table is cut inside its indicator block: read from a Word document, its
    总分 row's figures are not shown, nor are the indicator figures the cut page lacks —
    nothing is invented, and nothing is called blank that the page does not show."""
    report = _read(_file(5, "docx", tmp_path, merge=False), 5)
    second = report.projects[1].indicators
    assert second is not None
    assert not second.is_shown("stated_total_score") and not second.is_shown("stated_total_weight")
    indicators = [i for g in second.groups for s in g.groups for i in s.indicators]
    assert indicators and all(not i.is_shown("score") for i in indicators)
    assert canonical(report) == canonical(expected(5))


def test_a_table_in_no_known_layout_is_refused_naming_the_cell_and_nearest_layout(
    tmp_path: pathlib.Path,
) -> None:
    """A Word table whose header no layout knows is refused in Chinese and English, naming the
    table's cell where matching stopped and the layout it came nearest to."""
    rows = [["项目名称", "某项目", "", ""], ["奇怪的表头", "甲", "乙", "丙"], ["一", "1", "2", "3"]]
    path = write_docx([("某表", rows)], tmp_path / "odd.docx")
    with pytest.raises(bp.UnknownLayout) as refused:
        bp.read(path, year=2022)
    assert "表1!" in str(refused.value) and refused.value.nearest
    assert "表1!" in refused.value.message("zh") and refused.value.nearest in refused.value.message(
        "zh"
    )
