"""Plain-text tables whose columns line up with Chinese text (private).

Every cell is made safe for a terminal here, where it is laid out, so that a name taken from a
report can neither act on the terminal (``ESC``, bidi overrides: shown as visible escapes by
:func:`budget_perf._safety.escape_terminal`) nor break the table into forged rows (a line break
or tab in a cell is shown as ``\\x0a`` / ``\\x09``).

>>> print("\\n".join(table(("表", "x"), [("岳阳\\x1b[2J\\n市", "1")])))
表                  x
岳阳\\x1b[2J\\x0a市  1
"""

import unicodedata
from collections.abc import Sequence

from budget_perf._safety import escape_terminal

__all__ = ["one_line", "table", "width"]


def width(text: str) -> int:
    """The display width of *text*: wide (CJK) characters count two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def one_line(text: str) -> str:
    """*text* safe for one line of a terminal: control characters, line breaks and tabs visible.

    >>> one_line("运行维护\\n共0项\\t\\u202e")
    '运行维护\\\\x0a共0项\\\\x09\\\\u202e'
    """
    return escape_terminal(text).replace("\n", "\\x0a").replace("\t", "\\x09")


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a left-aligned table; the last column is not padded; cells made :func:`one_line`.

    >>> print("\\n".join(table(("表", "rate"), [("运行维护经费", "98.49%")])))
    表            rate
    运行维护经费  98.49%
    """
    safe = [[one_line(c) for c in row] for row in (header, *rows)]
    widths = [max(width(r[i]) for r in safe) for i in range(len(header))]
    lines = []
    for row in safe:
        cells = [c + " " * (w - width(c)) for c, w in zip(row[:-1], widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return lines
