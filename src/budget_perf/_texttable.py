"""Plain-text tables whose columns line up with Chinese text (private)."""

import unicodedata
from collections.abc import Sequence

__all__ = ["table", "width"]


def width(text: str) -> int:
    """The display width of *text*: wide (CJK) characters count two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a left-aligned table; the last column is not padded.

    >>> print("\\n".join(table(("表", "rate"), [("运行维护经费", "98.49%")])))
    表            rate
    运行维护经费  98.49%
    """
    widths = [max(width(r[i]) for r in (header, *rows)) for i in range(len(header))]
    lines = []
    for row in (header, *rows):
        cells = [c + " " * (w - width(c)) for c, w in zip(row[:-1], widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return lines
