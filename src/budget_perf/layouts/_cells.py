"""Placing one cell's value in the model: text, figure, rate or date, with its source (private).

A :class:`Sheet` wraps a grid for one table being read: it remembers which cells were placed
(so that a figure left over is an error, never dropped), where each value went (the model path
and the cell, as in :class:`~budget_perf.excel.SourceMap`), and which paths the caller marked
not shown.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from budget_perf.cells import CellStatus, parse_amount, parse_date
from budget_perf.excel._grid import Cell, Grid
from budget_perf.excel._values import figure_of, percent_of, text_of
from budget_perf.layouts._description import Labels, Layout

__all__ = ["Sheet", "is_figure"]

_PATH_STEP = re.compile(r"[.\[]")


def _under(path: str, marked: str) -> bool:
    """Whether *path* is *marked* or lies inside the record *marked* names."""
    return path == marked or (path.startswith(marked) and bool(_PATH_STEP.match(path, len(marked))))


class Sheet:
    """A grid being read with one layout."""

    def __init__(self, grid: Grid, layout: Layout, hidden: frozenset[str]) -> None:
        self.grid = grid
        self.layout = layout
        self.hidden = hidden
        self.used: set[tuple[int, int]] = set()
        self.sources: dict[str, str] = {}
        self._texts: dict[tuple[int, int], str] = {}
        #: The caller's not-shown paths this table has (the others name nothing here).
        self.hidden_found: set[str] = set()

    def is_hidden(self, path: str) -> bool:
        """Whether the caller marked *path* (or a record holding it) not shown."""
        marks = {marked for marked in self.hidden if _under(path, marked)}
        self.hidden_found |= marks
        return bool(marks)

    def shown(self, cell: Cell) -> str:
        """The text of *cell* (computed once per cell)."""
        key = (cell.row, cell.column)
        if key not in self._texts:
            self._texts[key] = text_of(cell)
        return self._texts[key]

    def own(self, row: int, column: int) -> Cell:
        """The cell at (*row*, *column*), blank unless its value was written there."""
        return self.grid.own(row, column)

    def text(self, row: int, column: int, path: str) -> str:
        """The text of a cell, placed at *path*."""
        cell = self.own(row, column)
        self.used.add((row, column))
        value = text_of(cell)
        if value and path:
            self.sources[path] = self.grid.address(cell)
        return value

    def figure(
        self, row: int, column: int, path: str, what: str, *, rate: bool = False
    ) -> Decimal | None:
        """An amount, weight or score (or, with *rate*, a rate in percent points) at *path*."""
        self.used.add((row, column))
        return self.figure_in(self.own(row, column), path, what, rate=rate)

    def figure_in(self, cell: Cell, path: str, what: str, *, rate: bool = False) -> Decimal | None:
        """The figure *cell* holds (which may be part of a written cell), placed at *path*."""
        value, note = (percent_of if rate else figure_of)(self.grid, cell, what)
        if note:
            raise self.grid.error(
                cell, f"{what}: {note!r} is not a figure, and the layout has no place for a note",
                f"{what}：“{note}”不是数字，版式中也没有备注的位置",
            )  # fmt: skip
        if value is not None and path:
            self.sources[path] = self.grid.address(cell)
        return value

    def date(self, cell: Cell, text: str, path: str) -> Any:
        """A date such as 填报日期 "2021年3月10日", refused at its cell when unreadable."""
        parsed = parse_date(text)
        if parsed.status is CellStatus.BLANK:
            return None
        if parsed.status is not CellStatus.VALUE:
            raise self.grid.error(
                cell, f"cannot read the date: {parsed.reason}", f"无法读取日期：{text}"
            )
        self.sources[path] = self.grid.address(cell)
        return parsed.value

    def matches(self, labels: Labels, row: int) -> Cell | None:
        """The first written cell of *row* that reads as one of *labels*."""
        return next((c for c in self.grid.filled(row) if labels.match(self.shown(c))), None)

    def leftover_figure(self) -> Cell | None:
        """A written cell holding a figure that no part of the layout placed, if any."""
        for (row, column), cell in sorted(self.grid.cells.items()):
            if (row, column) not in self.used and is_figure(cell):
                return cell
        return None


def is_figure(cell: Cell) -> bool:
    """Whether *cell* is written (where it starts) and holds a figure: a number, or a text that
    reads as an amount."""
    if not cell.origin or cell.blank:
        return False
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and parse_amount(value).status is CellStatus.VALUE
