"""Cutting a grid into a layout's parts: title, fact rows and blocks (private).

Each row is, in this order: the title (the first written row, one cell, naming no label), the
start of a block (a cell reads as the block's start label; the rows of a block's header band do
not start it again), a fact row (a cell reads as a fact's label), or a body row of the block
above it.  A fact row ends the block above it.
"""

from __future__ import annotations

import attrs

from budget_perf.excel._values import text_of
from budget_perf.layouts._cells import Sheet
from budget_perf.layouts._description import Block

__all__ = ["Segment", "segments"]


@attrs.define
class Segment:
    """One block as found: the row it starts in, its header band and body rows."""

    block: Block
    start: int
    start_column: int
    rows: list[int] = attrs.field(factory=list)

    @property
    def header(self) -> range:
        """The rows of the block's header band (its start row and the rows under it)."""
        return range(self.start, self.start + self.block.header_rows)

    @property
    def body(self) -> list[int]:
        """The rows under the header band."""
        return [row for row in self.rows if row >= self.start + self.block.header_rows]


def segments(sheet: Sheet) -> tuple[str, list[int], list[Segment]]:
    """The title, the fact rows and the blocks of the sheet, top to bottom."""
    grid, layout = sheet.grid, sheet.layout
    title = ""
    facts: list[int] = []
    found: list[Segment] = []
    current: Segment | None = None
    for row in range(1, grid.n_rows + 1):
        cells = list(grid.filled(row))
        if not cells:
            continue
        started = _start(sheet, row, current)
        is_fact = any(fact.labels.match(sheet.shown(c)) for fact in layout.facts for c in cells)
        first = not title and not found and not facts and len(cells) == 1
        if first and started is None and not is_fact:
            title = text_of(cells[0])
            sheet.used.add((row, cells[0].column))
            continue
        if started is not None:
            block, column = started
            current = Segment(block=block, start=row, start_column=column)
            found.append(current)
            current.rows.append(row)
        elif is_fact:
            facts.append(row)
            current = None
        elif current is not None:
            current.rows.append(row)
    # a Word table's title is the paragraph above it (Grid.title), not a row of the table
    return title or grid.title, facts, found


def _start(sheet: Sheet, row: int, current: Segment | None) -> tuple[Block, int] | None:
    for block in sheet.layout.blocks:
        if current is not None and current.block.kind == block.kind and row in current.header:
            continue
        cell = sheet.matches(block.start, row)
        if cell is not None:
            return block, cell.column
    return None
