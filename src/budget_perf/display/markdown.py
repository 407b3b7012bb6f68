"""Markdown: the tables of a report as pipe tables, findings as a list under each.

A figure that disagrees with the derived one is bold and followed by ✗ (error) or ! (warning)
and the codes of the findings about it.  Every text taken from a report is escaped with
:func:`budget_perf._safety.escape_markdown`, so a ``|`` or a line break cannot split a row.

>>> from budget_perf.display.grid import Cell, Table
>>> print(table_markdown(Table("t|1", ("a", "b"), ((Cell("x|y"), Cell("1", True)),))))
**t\\|1**
<BLANKLINE>
| a | b |
|---|--:|
| x\\|y | 1 |
"""

from collections.abc import Sequence

from budget_perf._safety import escape_markdown
from budget_perf.checks.finding import Finding, Severity
from budget_perf.display import format as fmt
from budget_perf.display.grid import Cell, Table
from budget_perf.formatting import Language

__all__ = ["findings_markdown", "table_markdown"]

_SYMBOL = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.INFO: ""}


def _cell(cell: Cell) -> str:
    text = escape_markdown(cell.text)
    if cell.mark is None or cell.mark is Severity.INFO:
        return text
    codes = " ".join(cell.codes)
    return f"**{text}** {_SYMBOL[cell.mark]}{' ' + escape_markdown(codes) if codes else ''}"


def table_markdown(table: Table, lang: Language = "zh") -> str:
    """*table* as a Markdown pipe table under its bold title, its findings listed below."""
    numeric = [any(row[i].numeric for row in table.rows) for i in range(len(table.header))]
    lines = [
        f"**{escape_markdown(table.title)}**",
        "",
        f"| {' | '.join(escape_markdown(h) for h in table.header)} |",
        f"|{'|'.join('--:' if n else '---' for n in numeric)}|",
        *(f"| {' | '.join(_cell(c) for c in row)} |" for row in table.rows),
    ]
    if table.findings:
        lines += ["", findings_markdown(table.findings, lang)]
    return "\n".join(lines)


def findings_markdown(findings: Sequence[Finding], lang: Language) -> str:
    """The findings as a bullet list: severity, code, message and the figure's path."""
    return "\n".join(
        f"- **{escape_markdown(fmt.label(f.severity, lang))} {escape_markdown(f.code)}** "
        f"{escape_markdown(f.message(lang))} (`{f.path.replace('`', '')}`)"
        for f in findings
    )
