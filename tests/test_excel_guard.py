"""The workbook guard reads what openpyxl would read, and refuses in English and Chinese.

budget_perf no longer lets openpyxl parse a worksheet: the guard's one streaming pass keeps the
cells that hold something.  These tests hold that pass to openpyxl's own reading, cell by cell,
on the office layouts of ``excel_fixtures`` and on XML written to exercise every kind of cell
(shared and inline strings with runs and phonetic guides, booleans, dates, times, 1904 dates,
formulas, indents, cells without an address, row numbers written "6.0").
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.reader.strings import read_string_table

import excel_fixtures as fx
from budget_perf.examples import load
from budget_perf.excel import WorkbookError, read_workbook, write_workbook
from budget_perf.excel._cellxml import cell_value, formula_text
from budget_perf.excel._grid import _style
from budget_perf.excel._guard import open_workbook
from budget_perf.excel._scan import _TOTALS, Budget, scan_part

_STYLES = (
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00%"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="5"><xf/><xf numFmtId="14" applyNumberFormat="1"/>'
    '<xf numFmtId="21" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/>'
    '<xf applyAlignment="1"><alignment indent="2"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_STRINGS = (
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<si><t xml:space="preserve"> 年初预算数 </t></si>'
    "<si><r><rPr><b/></rPr><t>富</t></r><r><t>文本</t></r></si>"
    '<si><t>主</t><rPh sb="0" eb="1"><t>しゅ</t></rPh><phoneticPr fontId="0"/></si>'
    "<si><t>a_x005F_x000D_b &amp; &lt;c&gt; &#x4E2D;</t></si><si><t/></si></sst>"
)
_CELLS = (
    '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>'
    '<row r="2"><c r="A2"><v>42</v></c><c r="B2"><v>0.30000000000000004</v></c>'
    '<c r="C2"><v>1E+3</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="str"><v>文字</v></c>'
    '<c r="F2" t="d"><v>2022-06-15T08:30:00</v></c></row>'
    '<row r="3"><c r="A3" s="1"><v>44727</v></c><c r="B3" s="2"><v>0.5</v></c>'
    '<c r="C3" s="3"><v>0.9849</v></c><c r="D3" s="4" t="inlineStr"><is><t>缩进</t></is></c>'
    '<c r="E3" t="inlineStr"><is><r><t>甲</t></r><r><rPr><i/></rPr><t>乙</t></r></is></c>'
    '<c r="F3" t="inlineStr"/><c r="G3" s="4"/></row>'
    '<row r="4"><c r="A4"><v>1</v></c><c><v>2</v></c><c s="1"><v>3</v></c></row>'
    '<row r="6.0"><c r="A6"><f>A4+1</f><v>2</v></c><c r="B6" t="e"><v>#DIV/0!</v></c>'
    '<c r="C6"><f t="shared" ref="C6:C7" si="0">A4*2</f><v>2</v></c></row>'
    '<row><c r="C7"><f t="shared" si="0"/><v>4</v></c><c r="D7"><v></v></c></row>'
    '</sheetData><mergeCells count="2"><mergeCell ref="A9:C10"/><mergeCell ref="D9:D9"/>'
    "</mergeCells>"
)


def _crafted(directory: Path, *, date1904: bool = False) -> Path:
    """A workbook written as XML, with every kind of cell openpyxl reads."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    pr = '<workbookPr date1904="1"/>' if date1904 else ""
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
            f'<Override PartName="/xl/strings.xml" ContentType="{kind}.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="r1" '
        f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}">{pr}<sheets>'
        '<sheet name="表 1" sheetId="1" r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="r1" '
        f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}">{_CELLS}</worksheet>',
        "xl/styles.xml": _STYLES,
        "xl/strings.xml": _STRINGS,
    }
    path = directory / ("crafted1904.xlsx" if date1904 else "crafted.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def _as_openpyxl_reads_it(path: Path) -> dict[tuple[str, int, int], tuple[Any, ...]]:
    """Every cell holding something, as openpyxl (fully loaded, as budget_perf used to) has it."""
    book = openpyxl.load_workbook(path)
    found: dict[tuple[str, int, int], tuple[Any, ...]] = {}
    for sheet in book.worksheets:
        for (row, column), cell in sheet._cells.items():
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            indent = cell.alignment.indent if cell.has_style else 0
            value = getattr(cell.value, "text", cell.value)  # an array formula shows its text
            found[(sheet.title, row, column)] = (
                value, cell.data_type, cell.number_format, int(indent or 0),
            )  # fmt: skip
        found[(sheet.title, 0, 0)] = tuple(sorted(r.bounds for r in sheet.merged_cells.ranges))
    return found


def _as_budget_perf_reads_it(path: Path) -> dict[tuple[str, int, int], tuple[Any, ...]]:
    package = open_workbook(path)
    found: dict[tuple[str, int, int], tuple[Any, ...]] = {}
    for sheet in package.sheets:
        for (row, column), raw in sheet.cells.items():
            args = (package.workbook, package.strings, str(path), sheet.title)
            value, data_type, style = cell_value(raw, *args)
            if value is None:
                continue
            if data_type == "f":
                value = formula_text(raw, sheet.cells)
            number_format, indent = _style(package, row, column, style, str(path), sheet.title)
            found[(sheet.title, row, column)] = (value, data_type, number_format, indent)
        found[(sheet.title, 0, 0)] = tuple(sorted(sheet.merged))
    return found


@pytest.mark.parametrize(
    "build",
    [
        fx.yueyang_project,
        fx.two_projects_one_sheet,
        fx.drifted_project,
        fx.basic_data_like_seed,
        fx.department_like_seed,
        fx.formula_cell,
        fx.error_value,
        _crafted,
        lambda directory: _crafted(directory, date1904=True),
    ],
)
def test_cells_are_read_as_openpyxl_reads_them(
    tmp_path: Path, build: Callable[[Path], Path]
) -> None:
    """Each cell's value, type, number format and indent, and each merged range, are what
    openpyxl itself reads: the figures of a sound table cannot change with the guard."""
    path = build(tmp_path)
    assert _as_budget_perf_reads_it(path) == _as_openpyxl_reads_it(path)


def test_written_example_is_read_as_openpyxl_reads_it(tmp_path: Path) -> None:
    """The same holds for a workbook budget_perf wrote (several sheets, inline strings)."""
    path = tmp_path / "自评.xlsx"
    write_workbook(load("yueyang-npc-2022"), path)
    assert _as_budget_perf_reads_it(path) == _as_openpyxl_reads_it(path)


def test_shared_strings_are_read_as_openpyxl_reads_them() -> None:
    """Rich-text runs are joined, phonetic guides left out, "x005F_" dropped, entities
    resolved, as openpyxl's read_string_table does."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("s.xml", _STRINGS)
    archive = zipfile.ZipFile(buffer)
    scan = scan_part(Budget("f.xlsx"), archive, "s.xml", tree=False, strings=True)
    assert scan is not None and scan.strings is not None
    with archive.open("s.xml") as source:
        assert scan.strings == read_string_table(source)
    assert scan.strings[1:3] == ["富文本", "主"]


def test_a_refusal_names_the_file_in_english_and_chinese(tmp_path: Path) -> None:
    """A workbook beyond a limit is refused in both languages, naming the file and the limit."""
    path = fx.huge_sheet(tmp_path)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    error = caught.value
    assert str(error) == error.message("en")
    assert "6000 rows" in str(error) and "5000" in str(error)
    chinese = error.message("zh")
    assert chinese.startswith(f"{path}：大表!A6000：")
    assert "第6000行" in chinese and "上限5000行" in chinese
    assert error.reason_zh is not None and error.reason_zh in chinese


def test_json_that_is_not_json_is_named_at_its_cell(tmp_path: Path) -> None:
    """Broken JSON in the 报告其他内容 sheet is reported at the cell where it breaks, not as a
    position in a string nobody sees."""
    path = tmp_path / "自评.xlsx"
    write_workbook(load("yueyang-npc-2022"), path)
    book = openpyxl.load_workbook(path)
    sheet = book["报告其他内容"]
    rows = range(2, sheet.max_row + 1)
    text = "".join(str(sheet.cell(row=row, column=1).value)[1:] for row in rows)
    for row in rows:
        sheet.cell(row=row, column=1).value = None
    half = len(text) // 2  # the second half loses its closing brace
    sheet["A2"], sheet["A3"] = "|" + text[:half], "|" + text[half:-1]
    book.save(path)
    with pytest.raises(WorkbookError, match="not JSON") as caught:
        read_workbook(path)
    assert (caught.value.sheet, caught.value.cell) == ("报告其他内容", "A3")
    assert "报告其他内容!A3" in caught.value.message("zh")


@pytest.mark.parametrize("total", sorted(_TOTALS))
def test_each_total_refuses_only_past_its_limit(total: str) -> None:
    """Every whole-workbook total accepts its limit and refuses one more, saying which limit
    and where it was passed, in both languages."""
    limit = _TOTALS[total][0]
    budget = Budget("自评.xlsx")
    budget.add(total, limit, "xl/worksheets/sheet1.xml")
    with pytest.raises(WorkbookError) as caught:
        budget.add(total, 1, "xl/worksheets/sheet2.xml", sheet="项目表")
    error = caught.value
    assert f"more than the limit of {limit}" in str(error)
    assert "xl/worksheets/sheet2.xml" in str(error) and error.sheet == "项目表"
    assert f"多于{limit}" in error.message("zh")


def test_every_refusal_of_the_excel_module_speaks_chinese() -> None:
    """Each place budget_perf.excel refuses a workbook gives a Chinese wording as well (a
    reviewer reading Chinese never gets an English-only refusal)."""
    import ast

    import budget_perf.excel as package

    missing = []
    for source in sorted(Path(package.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            keywords = {keyword.arg for keyword in node.keywords}
            if name == "WorkbookError" and "reason_zh" not in keywords:
                missing.append(f"{source.name}:{node.lineno}")
            if name == "error" and isinstance(func, ast.Attribute) and len(node.args) == 2:
                missing.append(f"{source.name}:{node.lineno}")
    assert missing == []


def test_the_workbook_part_named_in_another_case_is_no_decoy(tmp_path: Path) -> None:
    """Package part names ignore case and percent-escapes: "/XL/Workbook%2Exml" in
    _rels/.rels is the same part as xl/workbook.xml, and the workbook reads as written."""
    path = tmp_path / "自评.xlsx"
    report = load("yueyang-npc-2022")
    write_workbook(report, path)
    with zipfile.ZipFile(path) as old:
        files = {info.filename: old.read(info.filename) for info in old.infolist()}
    rels = files["_rels/.rels"].decode()
    assert 'Target="xl/workbook.xml"' in rels
    files["_rels/.rels"] = rels.replace('"xl/workbook.xml"', '"/XL/Workbook%2Exml"').encode()
    with zipfile.ZipFile(path, "w") as new:
        for name, data in files.items():
            new.writestr(name, data)
    assert read_workbook(path) == report
