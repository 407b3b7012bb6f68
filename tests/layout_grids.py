"""Grids of text cells built from rows of strings, as a Word table or a corpus file gives them.

A corpus file writes a merged cell once where it starts and ``""`` at the positions it covers;
such a position is simply a blank cell here.  The table's title is written as the grid's first
row, the way a sheet prints it above the table.
"""

from __future__ import annotations

from collections.abc import Sequence

from budget_perf.excel._grid import Cell, Grid
from corpus_reports import load


def text_grid(rows: Sequence[Sequence[str]], *, sheet: str = "表1", file: str = "表.xlsx") -> Grid:
    """A :class:`Grid` whose cells hold the texts of *rows* (row 1 first), blanks left out."""
    cells = {
        (r, c): Cell(row=r, column=c, value=text, source_row=r, source_column=c)
        for r, row in enumerate(rows, 1)
        for c, text in enumerate(row, 1)
        if text.strip()
    }
    return Grid(
        file=file,
        sheet=sheet,
        n_rows=len(rows),
        n_columns=max((len(row) for row in rows), default=0),
        cells=cells,
    )


def corpus_grids(name: str) -> tuple[Grid, ...]:
    """The tables of the corpus file *name* as grids, each with its title as row 1."""
    tables = load(name)["tables"]
    return tuple(
        text_grid([[t["title"]], *t["rows"]], sheet=f"表{i}", file=name)
        for i, t in enumerate(tables, 1)
    )
