"""The tables of a Word document as grids (读取Word文档中的表格).

Needs the ``docx`` extra (``pip install 'budget_perf[docx]'``: python-docx and defusedxml);
importing this module without it raises an ImportError that says what to install.

:func:`read_docx` checks the file first (:mod:`~budget_perf._readers._docx_guard`), then reads
every table of the document body, in reading order, as one :class:`~budget_perf._grid.Grid` of
kind :attr:`~budget_perf._grid.GridKind.TABLE`:

* the grid is named ``表N``, the N-th table of the body counted from 1 (tables inside content
  controls count; a table nested in a table's cell does not), and its cells ``R5C3``: the
  table's 5th row, counted from 1 over every row, and the 3rd column of the table's grid
  (a row's ``gridBefore`` shifts its cells right, a cell spans ``gridSpan`` columns);
* a cell's text is the text of its paragraphs joined by ``"\\n"`` (tabs kept as ``"\\t"``, line
  breaks as ``"\\n"``; deleted and moved-away text of tracked changes, field codes, drawings and
  text boxes left out); a cell with only whitespace is blank (no cell in the grid);
* merged cells are forward-filled as :func:`~budget_perf.excel._grid.grid_of` fills a sheet's:
  a cell spanning columns (``gridSpan``, or the old ``hMerge``) and a cell merged down
  (``vMerge``) hold their value at the top-left position, ``origin=True``, and a copy with
  ``origin=False`` and the origin's ``source_row``/``source_column`` at every other position
  they cover (the text Word keeps in a continuing ``vMerge`` cell is ignored, as Word shows it);
* a table nested in a cell is flattened into that cell's text: each of its rows a line, its
  cells separated by a tab (the layouts engine normalises whitespace), after the paragraphs
  before it;
* the paragraphs above a table are its :attr:`~budget_perf._grid.Grid.preamble` (the nearest
  five non-blank ones since the previous table) and give its
  :attr:`~budget_perf._grid.Grid.title`: the nearest of them that names a table (holds 表 and
  has at most 60 characters), else the nearest.  The title is not a row of the grid: row 1 is
  the table's first row.

Limits (:mod:`budget_perf._limits`): at most :data:`~budget_perf._limits.MAX_DOCX_TABLES`
tables, nested ones included, nested at most :data:`~budget_perf._limits.MAX_DOCX_NESTING`
deep; a table's cells at most to row :data:`~budget_perf._limits.MAX_ROWS` and column
:data:`~budget_perf._limits.MAX_COLUMNS`; at most :data:`~budget_perf._limits.MAX_CELLS` grid
positions in all tables together, merged ones and nested tables' cells included (every
position a cell spans counts, filled or not: the tables are measured before any cell is built);
at most :data:`~budget_perf._limits.MAX_TEXT_CHARACTERS` characters of text read from the
tables and the paragraphs above them.
"""

from __future__ import annotations

try:
    import defusedxml  # noqa: F401
    import docx
    from docx.oxml.ns import qn
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "reading Word documents needs python-docx and defusedxml: pip install 'budget_perf[docx]'"
    ) from exc

import io
from collections.abc import Iterator
from typing import Any, NoReturn

from budget_perf._fileerrors import DocumentError
from budget_perf._grid import Cell, Grid, GridKind
from budget_perf._limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_DOCX_NESTING,
    MAX_DOCX_TABLES,
    MAX_ROWS,
    MAX_TEXT_CHARACTERS,
)
from budget_perf._readers._docx_guard import check_document

__all__ = ["read_docx"]

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_HYPHEN = qn("w:noBreakHyphen")
_VAL = qn("w:val")
#: Containers whose content is read as if it stood in their place (content controls, custom XML).
_WRAPPERS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")})
#: What holds no text of the table as Word shows it once changes are accepted.
_SKIPPED = frozenset(
    {
        qn("w:drawing"), qn("w:pict"), qn("w:object"), qn("w:instrText"), qn("w:delText"),
        qn("w:moveFrom"), qn("w:del"), qn("w:sdtPr"), qn("w:rPr"), qn("w:pPr"),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
    }
)  # fmt: skip
_PREAMBLE = 5
_TITLE_LENGTH = 60


def read_docx(file: str, data: bytes) -> tuple[Grid, ...]:
    """The tables of the Word document *data*, read from *file*, as grids (see above).

    Raises:
        DocumentError: the file is not a readable Word document, is too large or hostile, or a
            table passes a limit; the message names the file, and the table where it applies.
    """
    check_document(file, data)
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as exc:  # python-docx's reading of a broken package raises many kinds
        what = f"{type(exc).__name__}: {exc}"[:300]
        raise DocumentError(
            file, f"python-docx cannot read the document ({what})",
            reason_zh=f"python-docx无法读取该文档（{what}）",
        ) from None  # fmt: skip
    return _Reader(file).read(body)


class _Reader:
    """Walks a document body, keeping count against the limits."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.tables = 0  # every table seen, nested ones included
        self.cells = 0  # grid positions, in all tables
        self.text = 0  # characters of text read

    def read(self, body: Any) -> tuple[Grid, ...]:
        """The grids of *body*, once its tables have been measured against the limits."""
        number = 0
        for element in _blocks(body):
            if element.tag == _TBL:
                number += 1
                self._measure(element, f"表{number}", 1)
        grids: list[Grid] = []
        above: list[str] = []
        for element in _blocks(body):
            if element.tag == _P:
                text = self._read_text(_paragraph(element), f"表{len(grids) + 1}").strip()
                if text:
                    above.append(text)
            else:
                grids.append(self._grid(element, len(grids) + 1, tuple(above[-_PREAMBLE:])))
                above = []
        return tuple(grids)

    def _refuse(self, table: str, reason: str, reason_zh: str, cell: str | None = None) -> NoReturn:
        raise DocumentError(self.file, reason, sheet=table, cell=cell, reason_zh=reason_zh)

    def _count_table(self, name: str, depth: int) -> None:
        self.tables += 1
        if self.tables > MAX_DOCX_TABLES:
            self._refuse(
                name, f"the document holds more than the limit of {MAX_DOCX_TABLES} tables",
                f"文档超过上限：多于{MAX_DOCX_TABLES}个表格",
            )  # fmt: skip
        if depth > MAX_DOCX_NESTING:
            self._refuse(
                name, f"tables are nested more than {MAX_DOCX_NESTING} deep",
                f"表格嵌套超过{MAX_DOCX_NESTING}层",
            )  # fmt: skip

    def _measure(self, table: Any, name: str, depth: int) -> None:
        """Count the table *table* (and the tables nested in it) against the limits: rows,
        columns, grid positions (a cell spanning three columns is three, a cell continuing a
        merge down counts as well), tables and nesting; before any cell is built."""
        self._count_table(name, depth)
        for row, tr in enumerate(_children(table, _TR), 1):
            if row > MAX_ROWS:
                self._refuse(
                    name, f"the table has more than the limit of {MAX_ROWS} rows",
                    f"表格超过上限：多于{MAX_ROWS}行",
                )  # fmt: skip
            column = 1 + _property(tr, "w:trPr", "w:gridBefore", name, self)
            for tc in _children(tr, _TC):
                span = max(_property(tc, "w:tcPr", "w:gridSpan", name, self, default=1), 1)
                last = column + span - 1
                if last > MAX_COLUMNS:
                    self._refuse(
                        name, f"the table uses {last} columns, more than the limit of "
                        f"{MAX_COLUMNS}", f"表格使用到第{last}列，超过上限{MAX_COLUMNS}列",
                        f"R{row}C{column}",
                    )  # fmt: skip
                self.cells += span
                if self.cells > MAX_CELLS:
                    self._refuse(
                        name, f"the tables have more than the limit of {MAX_CELLS} cells in "
                        "all (merged cells counted at every position they cover)",
                        f"各表格合计超过上限：多于{MAX_CELLS}个单元格（合并单元格按覆盖的位置计）",
                    )  # fmt: skip
                for nested in _blocks(tc):
                    if nested.tag == _TBL:
                        self._measure(nested, name, depth + 1)
                column = last + 1

    def _read_text(self, text: str, name: str) -> str:
        """*text*, counted against :data:`~budget_perf._limits.MAX_TEXT_CHARACTERS`."""
        self.text += len(text)
        if self.text > MAX_TEXT_CHARACTERS:
            self._refuse(
                name, f"the document holds more than the limit of {MAX_TEXT_CHARACTERS} "
                "characters of text in its tables and the paragraphs above them",
                f"文档超过上限：表格及其上方段落中多于{MAX_TEXT_CHARACTERS}个文本字符",
            )  # fmt: skip
        return text

    def _grid(self, table: Any, number: int, preamble: tuple[str, ...]) -> Grid:
        """The table *table*, already measured, as a grid."""
        name = f"表{number}"
        cells: dict[tuple[int, int], Cell] = {}
        owner: dict[tuple[int, int], tuple[int, int]] = {}  # each position: its origin
        for row, tr in enumerate(_children(table, _TR), 1):
            column = 1 + _property(tr, "w:trPr", "w:gridBefore", name, self)
            for tc in _children(tr, _TC):
                last = column + max(_property(tc, "w:tcPr", "w:gridSpan", name, self, 1), 1) - 1
                origin = _merged_into(tc, row, column, owner)
                if origin is None:
                    origin = (row, column)
                    text = self._text(tc, name)
                    if text.strip():
                        cells[origin] = Cell(
                            row=row, column=column, value=text, source_row=row,
                            source_column=column,
                        )  # fmt: skip
                top = cells.get(origin)
                for position in ((row, c) for c in range(column, last + 1)):
                    owner[position] = origin
                    if position != origin and top is not None:
                        cells[position] = Cell(
                            row=row, column=position[1], value=top.value, origin=False,
                            source_row=top.source_row, source_column=top.source_column,
                        )  # fmt: skip
                column = last + 1
        title = next((t for t in reversed(preamble) if "表" in t and len(t) <= _TITLE_LENGTH), "")
        return Grid(
            file=self.file, sheet=name, kind=GridKind.TABLE,
            n_rows=max((r for r, _ in cells), default=0),
            n_columns=max((c for _, c in cells), default=0), cells=cells,
            title=title or (preamble[-1] if preamble else ""), preamble=preamble,
        )  # fmt: skip

    def _text(self, container: Any, name: str) -> str:
        """The text of a cell's paragraphs and nested tables, one line each (see above)."""
        lines: list[str] = []
        for element in _blocks(container):
            if element.tag == _P:
                lines.append(self._read_text(_paragraph(element), name))
                continue
            for tr in _children(element, _TR):
                lines.append("\t".join(self._text(tc, name) for tc in _children(tr, _TC)))
        return "\n".join(lines)


def _blocks(container: Any) -> Iterator[Any]:
    """The paragraphs and tables of *container*, in order, content controls opened."""
    for child in container:
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag in _WRAPPERS:
            yield from _blocks(child)


def _children(container: Any, tag: str) -> Iterator[Any]:
    """The *tag* children of *container* (rows of a table, cells of a row), wrappers opened."""
    for child in container:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _property(
    element: Any, holder: str, name: str, table: str, reader: _Reader, default: int = 0
) -> int:
    """The integer ``w:val`` of *name* in the properties *holder* of *element*."""
    found = element.find(f"{qn(holder)}/{qn(name)}")
    if found is None:
        return default
    value = found.get(_VAL, str(default))
    if not value.isascii() or not value.isdigit() or len(value) > 6:
        reader._refuse(
            table, f"a table cell has the unreadable {name} {value[:20]!r}",
            f"表格单元格的{name}值{value[:20]!r}无法读取",
        )  # fmt: skip
    return int(value)


def _merged_into(
    tc: Any, row: int, column: int, owner: dict[tuple[int, int], tuple[int, int]]
) -> tuple[int, int] | None:
    """The origin a cell continues (a ``vMerge`` from the cell above, an ``hMerge`` from the
    left), ``None`` when it starts its own value."""
    properties = tc.find(qn("w:tcPr"))
    if properties is None:
        return None
    vertical = properties.find(qn("w:vMerge"))
    if vertical is not None and vertical.get(_VAL, "continue") != "restart":
        return owner.get((row - 1, column))
    horizontal = properties.find(qn("w:hMerge"))
    if horizontal is not None and horizontal.get(_VAL, "continue") != "restart":
        return owner.get((row, column - 1))
    return None


def _paragraph(paragraph: Any) -> str:
    """The text of a paragraph as Word shows it once changes are accepted."""
    out: list[str] = []
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == _HYPHEN:
            out.append("-")
        else:
            stack.append(iter(child))
    return "".join(out)
