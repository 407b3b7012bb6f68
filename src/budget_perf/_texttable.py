"""Plain-text tables whose columns line up with Chinese text (private).

Every cell is made safe for a terminal here, where it is laid out, so that a name taken from a
report can neither act on the terminal (``ESC``, bidi overrides: shown as visible escapes by
:func:`budget_perf._safety.escape_terminal`) nor break the table into forged rows (a line break
or tab in a cell is shown as ``\\x0a`` / ``\\x09``).

>>> print("\\n".join(table(("表", "x"), [("岳阳\\x1b[2J\\n市", "1")])))
表                  x
岳阳\\x1b[2J\\x0a市  1
"""

import functools
import re
import unicodedata
from collections.abc import Sequence

from budget_perf._safety import escape_terminal

__all__ = ["fit", "one_line", "table", "width", "wrap"]


def width(text: str) -> int:
    """The display width of *text*: wide (CJK) characters count two columns."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


@functools.lru_cache(maxsize=8192)
def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


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


def fit(text: str, limit: int) -> str:
    """*text* (made one line) cut to *limit* display columns, ending in "…" where cut.

    >>> fit("运行维护经费", 7)
    '运行维…'
    """
    text = one_line(text)
    if width(text) <= limit:
        return text
    out, used = [], 0
    for char in text:
        w = _char_width(char)
        if used + w > limit - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def wrap(text: str, limit: int) -> list[str]:
    """*text* (made one line) broken into lines of at most *limit* display columns: at a space
    where there is one, else (Chinese) between any two characters.

    >>> wrap("执行率表中为100%，应为98.49%", 16)
    ['执行率表中为100%', '，应为98.49%']
    >>> wrap("the budget of 4280.31 is not met", 16)
    ['the budget of', '4280.31 is not', 'met']
    """
    lines: list[str] = []
    line, used, filled = "", 0, False  # the line, its width, whether it holds a non-space
    for token in re.findall(r"\S+\s*|\s+", one_line(text)):
        if used + width(token.rstrip()) <= limit:
            line, used, filled = line + token, used + width(token), filled or not token.isspace()
            continue
        if filled and width(token.rstrip()) <= limit and token[:1].isascii():
            lines.append(line.rstrip())
            line, used, filled = token, width(token), not token.isspace()
            continue
        for char in token:  # a long run without spaces (Chinese): break anywhere
            size = _char_width(char)
            if used + size > limit and filled:
                lines.append(line.rstrip())
                line, used, filled = "", 0, False
            line, used, filled = line + char, used + size, filled or not char.isspace()
    return [*lines, line.rstrip()] if filled or not lines else lines
