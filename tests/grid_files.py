"""Writing grids of strings into .xlsx, .xls and .docx files, for the readers' tests.

A grid is what the corpus holds (``tests/data/corpus/*.json``): rows of cell texts, every row
as wide, a merged cell written once where it starts and ``""`` at the other positions it
covers.  :func:`write_xlsx`, :func:`write_xls` and :func:`write_docx` write such grids, one
sheet (or Word table, with its title as a paragraph above it) per grid, and
:func:`shown` gives the text a cell read back shows.

Cells are typed conservatively, as a careful clerk would type them (:func:`typed`):

* a whole number without a sign or leading zero (``"735"``, ``"10"``) is a number, format
  General;
* a decimal number without separators (``"250000.00"``, ``"387664.62"``) is a number with as
  many decimals in its format (``0.00``);
* a percentage (``"86.19%"``, ``"100%"``) is the number divided by 100 (``0.8619``) with a
  percent format of as many decimals (``0.00%``, ``0%``);
* everything else is text as typed: a figure with a thousands separator (``"215,457.6"``, as
  printed), with a sign, a leading zero or more than 15 significant digits, and every word.

Merged ranges, when asked for (``merge=True``), follow the corpus convention
(:func:`merges`): a cell in the first column with ``""`` below it is merged down over those rows
(a 一级指标 over its indicators), and any other non-empty cell with ``""`` to its right is merged
across them.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import openpyxl
import xlwt

from budget_perf._grid import Cell, Grid

__all__ = [
    "CORPUS_TABLES",
    "Table",
    "W",
    "docx_package",
    "grid_texts",
    "merges",
    "p",
    "shown",
    "tc",
    "typed",
    "write_docx",
    "write_xls",
    "write_xlsx",
]

CORPUS = Path(__file__).parent / "data" / "corpus"

#: A table: its title and its rows of cell texts.
Table = tuple[str, list[list[str]]]

_WHOLE = re.compile(r"(0|[1-9]\d*)")
_DECIMAL = re.compile(r"(0|[1-9]\d*)\.(\d+)")
_PERCENT = re.compile(r"(0|[1-9]\d*)(?:\.(\d+))?%")


def _corpus() -> tuple[tuple[str, Table], ...]:
    tables = []
    for path in sorted(CORPUS.glob("*.json")):
        for index, table in enumerate(json.loads(path.read_text(encoding="utf-8"))["tables"]):
            tables.append((f"{path.stem}#{index + 1}", (table["title"], table["rows"])))
    return tuple(tables)


#: Every table of the corpus, by ``file#n``.
CORPUS_TABLES: tuple[tuple[str, Table], ...] = _corpus()


def typed(text: str) -> tuple[str | int | float, str]:
    """The value and number format a clerk would type for *text* (see above).

    >>> typed("735"), typed("250000.00"), typed("86.19%"), typed("100%")
    ((735, 'General'), (250000.0, '0.00'), (0.8619, '0.00%'), (1, '0%'))
    >>> typed("215,457.6"), typed("-3"), typed("007"), typed("有效")
    (('215,457.6', '@'), ('-3', '@'), ('007', '@'), ('有效', '@'))
    """
    digits = len(text.replace(".", "").replace("%", "").lstrip("0"))
    if digits > 15:
        return text, "@"
    if _WHOLE.fullmatch(text):
        return int(text), "General"
    if match := _DECIMAL.fullmatch(text):
        return float(text), "0." + "0" * len(match[2])  # float-ok: what a spreadsheet stores
    if match := _PERCENT.fullmatch(text):
        number = Decimal(text[:-1]) / 100
        value = int(number) if number == number.to_integral_value() else float(number)
        return value, ("0." + "0" * len(match[2]) if match[2] else "0") + "%"
    return text, "@"


def shown(cell: Cell) -> str:
    """The text *cell* shows: a text as it is, a number as its format (General, ``0.00``,
    ``0.00%``) prints it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    number = Decimal(repr(value))
    fmt = cell.number_format
    if fmt == "General":
        return str(int(number)) if number == number.to_integral_value() else repr(value)
    percent = fmt.endswith("%")
    decimals = len(fmt.rstrip("%").partition(".")[2])
    if percent:
        number *= 100
    text = str(number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    return text + "%" if percent else text


def grid_texts(grid: Grid, n_rows: int, n_columns: int, first_row: int = 1) -> list[list[str]]:
    """The grid's rows as the corpus writes them: each origin cell's shown text, ``""`` where
    a merged range repeats its origin and where nothing is written."""
    return [
        [
            shown(cell) if (cell := grid.cell(row, column)).origin else ""
            for column in range(1, n_columns + 1)
        ]
        for row in range(first_row, first_row + n_rows)
    ]


def merges(rows: Sequence[Sequence[str]]) -> list[tuple[int, int, int, int]]:
    """Merged ranges (first row, first column, last row, last column; 0-based) by the corpus
    convention (see above)."""
    found = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if not text:
                continue
            if c == 0 and r + 1 < len(rows) and not rows[r + 1][0]:
                last = r + 1
                while last + 1 < len(rows) and not rows[last + 1][0]:
                    last += 1
                found.append((r, 0, last, 0))
                continue
            end = c
            while end + 1 < len(row) and not row[end + 1]:
                end += 1
            if end > c:
                found.append((r, c, r, end))
    return found


def _sheet_name(title: str, index: int) -> str:
    return f"表{index}" + re.sub(r"[\[\]:*?/\\']", "", title)[:26]


def write_xlsx(
    tables: Sequence[Table], path: Path, *, merge: bool = False, title: bool = False
) -> Path:
    """Write each table to a sheet of an .xlsx workbook (its title in a first row merged across
    when *title*)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for index, (name, rows) in enumerate(tables, 1):
        sheet = book.create_sheet(_sheet_name(name, index))
        offset = 1 if title else 0
        if title:
            sheet.cell(1, 1, name)
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
        for r, row in enumerate(rows, 1 + offset):
            for c, text in enumerate(row, 1):
                if text:
                    value, fmt = typed(text)
                    cell = sheet.cell(r, c, value)
                    cell.number_format = fmt
                    if isinstance(value, str) and value.startswith("="):
                        cell.data_type = "s"
        for r0, c0, r1, c1 in merges(rows) if merge else ():
            sheet.merge_cells(
                start_row=r0 + 1 + offset, start_column=c0 + 1,
                end_row=r1 + 1 + offset, end_column=c1 + 1,
            )  # fmt: skip
    book.save(path)
    return path


def write_xls(tables: Sequence[Table], path: Path, *, merge: bool = False) -> Path:
    """Write each table to a sheet of an Excel 97-2003 workbook (xlwt)."""
    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, object] = {}
    for index, (name, rows) in enumerate(tables, 1):
        sheet = book.add_sheet(_sheet_name(name, index))
        spans = merges(rows) if merge else []
        starts = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in spans}
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if not text:
                    continue
                value, fmt = typed(text)
                style = styles.setdefault(fmt, xlwt.easyxf(num_format_str=fmt))
                if (r, c) in starts:
                    r1, c1 = starts[(r, c)]
                    sheet.write_merge(r, r1, c, c1, value, style)
                else:
                    sheet.write(r, c, value, style)
    book.save(str(path))
    return path


def write_docx(tables: Sequence[Table], path: Path, *, merge: bool = False) -> Path:
    """Write each table to a Word document, its title as a paragraph just above it."""
    document = docx.Document()
    for name, rows in tables:
        document.add_paragraph(name)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        cells = [row.cells for row in table.rows]
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    cells[r][c].text = text
        for r0, c0, r1, c1 in merges(rows) if merge else ():
            cells[r0][c0].merge(cells[r1][c1])
        document.add_paragraph("")
    document.save(str(path))
    return path


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_PACKAGE = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{_CT}"/></Types>'
    ),
    "_rels/.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    ),
}


def docx_package(path: Path, body: str, parts: dict[str, str] | None = None) -> Path:
    """A minimal Word document whose body is the XML *body* (``w:`` prefixed); *parts* are
    added or replace those built."""
    files = dict(_PACKAGE)
    files["word/document.xml"] = f"<w:document {W}><w:body>{body}</w:body></w:document>"
    files.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def tc(text: str = "", properties: str = "") -> str:
    """A Word table cell holding *text* as one paragraph (``<w:tcPr>`` *properties*)."""
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p>{run}</w:p></w:tc>"


def p(text: str) -> str:
    """A Word paragraph holding *text*."""
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
