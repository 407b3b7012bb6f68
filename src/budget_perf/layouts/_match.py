"""Choosing the layout of a grid: every label it is recognised by must be printed (private).

Of the layouts whose labels are all found, the one with most labels wins (the most specific);
a grid no layout matches is refused at the cell where matching failed for the nearest layout —
the one that found the largest share of its labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from budget_perf.errors import UnknownLayout
from budget_perf.excel._grid import Cell, Grid
from budget_perf.excel._values import text_of
from budget_perf.layouts._description import Labels, Layout, label_key

__all__ = ["choose"]


class _Texts:
    """The written cells of a grid in reading order, indexed by their compared text."""

    def __init__(self, grid: Grid) -> None:
        self.cells = [c for _, c in sorted(grid.cells.items()) if c.origin and not c.blank]
        self.texts = [text_of(c) for c in self.cells]
        self.first: dict[str, Cell] = {}
        for cell, text in zip(self.cells, self.texts, strict=True):
            key = label_key(text)
            self.first.setdefault(key, cell)
            self.first.setdefault(key.split(":", 1)[0], cell)

    def find(self, labels: Labels) -> Cell | None:
        """The first cell reading as *labels*, or None."""
        hits = [self.first[k] for k in labels.exact if k in self.first]
        if labels.patterns:
            hit = next(
                (c for c, t in zip(self.cells, self.texts, strict=True) if labels.match(t)), None
            )
            hits += [hit] if hit is not None else []
        return min(hits, key=lambda c: (c.row, c.column), default=None)


def _found(texts: _Texts, layout: Layout) -> tuple[list[Cell], str | None]:
    """The cells where the layout's labels were found, in order, and the first label missing."""
    found: list[Cell] = []
    for labels in layout.match:
        hit = texts.find(labels)
        if hit is None:
            return found, labels.variants[0]
        found.append(hit)
    return found, None


def choose(grid: Grid, layouts: Sequence[Layout]) -> Layout:
    """The layout of *grid* among *layouts*.

    Raises:
        UnknownLayout: no layout's labels are all printed.
    """
    best: Layout | None = None
    nearest: tuple[float, Layout, list[Cell], str] | None = None
    texts = _Texts(grid)
    for layout in layouts:
        found, missing = _found(texts, layout)
        if missing is None:
            if best is None or len(layout.match) > len(best.match):
                best = layout
            continue
        share = len(found) / len(layout.match)
        if nearest is None or share > nearest[0]:
            nearest = (share, layout, found, missing)
    if best is not None:
        return best
    if nearest is None:
        raise UnknownLayout(
            f"{grid.file}: no layout to read the sheet {grid.sheet!r} with",
            message_zh=f"{grid.file}：没有可用于读取工作表「{grid.sheet}」的版式",
            file=grid.file, cell="", nearest="",
        )  # fmt: skip
    _, layout, found, missing = nearest
    cell = found[-1] if found else grid.cell(1, 1)
    address = grid.address(cell)
    after = f"after {address} ({text_of(cell)!r})" if found else f"from {address} on"
    after_zh = f"在{address}（“{text_of(cell)}”）之后" if found else f"从{address}起"
    raise UnknownLayout(
        f"{grid.file}: the table matches no known layout: {after} no cell reads {missing!r}; "
        f"the nearest layout is {layout.key!r} ({layout.title}), which found "
        f"{len(found)} of its {len(layout.match)} labels; pass layout= to choose one",
        message_zh=f"{grid.file}：该表不符合任何已知版式：{after_zh}没有单元格为“{missing}”；"
        f"最接近的版式是“{layout.key}”（{layout.title}），其{len(layout.match)}个标签中找到"
        f"{len(found)}个；可用layout=指定版式",
        file=grid.file, cell=address, nearest=layout.key,
    )  # fmt: skip
