"""Finding a block's columns by their header labels (private).

Each column role of a block is looked for in the block's header band, row by row, left to
right; a role with ``after`` is looked for right of that role's column only (so that three
columns all printed 分值 are told apart by what they follow).  A role the header does not print
is absent: where the layout declares it, the header is cut and its figures are not shown.
"""

from __future__ import annotations

import attrs

from budget_perf.excel._values import text_of
from budget_perf.layouts._cells import Sheet
from budget_perf.layouts._segments import Segment

__all__ = ["Columns", "columns_of"]


@attrs.frozen
class Columns:
    """The columns found for a block's roles, and the roles its header did not print."""

    at: dict[str, int]
    missing: tuple[str, ...]

    def get(self, role: str) -> int | None:
        """The column of *role*, or None."""
        return self.at.get(role)


def columns_of(sheet: Sheet, segment: Segment) -> Columns:
    """The columns of *segment*'s roles in its header band."""
    at: dict[str, int] = {}
    header_cells: set[tuple[int, int]] = set()
    missing: list[str] = []
    for column in segment.block.columns:
        floor = at.get(column.after, 0) if column.after else 0
        found = None
        for row in segment.header:
            for cell in sheet.grid.filled(row):
                key = (cell.row, cell.column)
                fresh = cell.column > floor and key not in header_cells
                if fresh and column.labels.match(text_of(cell)):
                    found = cell
                    break
            if found is not None:
                break
        if found is None:
            missing.append(column.role)
            continue
        header_cells.add((found.row, found.column))
        sheet.used.add((found.row, found.column))
        at[column.role] = found.column + column.offset
    for row in segment.header:  # the header's labels are placed, whatever their role
        for cell in sheet.grid.filled(row):
            sheet.used.add((cell.row, cell.column))
    return Columns(at=at, missing=tuple(missing))
