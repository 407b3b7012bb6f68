"""HTML: the tables of a report as ``<table>`` elements in the layout Jupyter gives pandas.

Tables carry the class ``dataframe`` (Jupyter and pandas style it) beside ``bp-table``; a
figure that disagrees with the derived one has the class ``bp-error`` or ``bp-warning``, an
inline colour (so it shows in a notebook without the page's style sheet), the codes of the
findings about it in a ``<sup>``, and their messages as its ``title``.  Every text taken from
a report is escaped with :func:`budget_perf._safety.escape_html`.

>>> from budget_perf.display.grid import Cell, Table
>>> print(table_html(Table("t<1>", ("a",), ((Cell("<b>"),),))))
<table class="dataframe bp-table">
<caption>t&lt;1&gt;</caption>
<thead><tr><th>a</th></tr></thead>
<tbody>
<tr><td>&lt;b&gt;</td></tr>
</tbody>
</table>
"""

from collections.abc import Sequence

import attrs

from budget_perf._safety import escape_html
from budget_perf.checks.finding import Finding, Severity
from budget_perf.display import format as fmt
from budget_perf.display.grid import Cell, Table
from budget_perf.formatting import Language

__all__ = ["CSS", "MARK_STYLE", "fields_html", "findings_html", "table_html"]

#: Inline colours of a marked figure (error, warning), for notebooks without the style sheet.
MARK_STYLE = {
    Severity.ERROR: "background:#fde2e1;color:#8a1111;font-weight:bold",
    Severity.WARNING: "background:#fff3cd;color:#6b4e00",
    Severity.INFO: "",
}
_SYMBOL = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.INFO: "i"}

#: The style sheet of a rendered page: readable on screen, A4 when printed.
CSS = """
@page { size: A4; margin: 15mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; color: #1b1b1b;
  max-width: 60em; margin: 1.5em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
table.bp-table { border-collapse: collapse; margin: 0.6em 0 0.4em; font-size: 0.95em; }
table.bp-table caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
table.bp-table th, table.bp-table td { border: 1px solid #c8c8c8; padding: 0.2em 0.5em;
  vertical-align: top; }
table.bp-table th { background: #f1f3f5; }
td.bp-num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.bp-error { background: #fde2e1; color: #8a1111; font-weight: bold; }
td.bp-warning { background: #fff3cd; color: #6b4e00; }
ul.bp-findings { margin: 0.2em 0 1em; padding-left: 1.2em; font-size: 0.9em; }
li.bp-error { color: #8a1111; } li.bp-warning { color: #6b4e00; }
code { font-size: 0.85em; color: #555; }
.bp-chart svg { max-width: 100%; height: auto; }
section.bp-section { break-before: page; page-break-before: always; }
table, figure { break-inside: avoid; page-break-inside: avoid; }
@media print { body { max-width: none; margin: 0; } }
"""


def _cell_html(cell: Cell) -> str:
    classes = ["bp-num"] if cell.numeric else []
    style = ""
    text = escape_html(cell.text)
    if cell.mark is not None and cell.mark is not Severity.INFO:
        classes.append(f"bp-{cell.mark.value}")
        style = f' style="{MARK_STYLE[cell.mark]}"'
        codes = " ".join(cell.codes)
        text += f" <sup>{_SYMBOL[cell.mark]}{' ' + escape_html(codes) if codes else ''}</sup>"
    title = f' title="{escape_html(cell.note)}"' if cell.note else ""
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{cls}{style}{title}>{text}</td>"


def table_html(table: Table, lang: Language = "zh") -> str:
    """*table* as an HTML ``<table>``, followed by the list of findings about it."""
    head = "".join(f"<th>{escape_html(h)}</th>" for h in table.header)
    body = "\n".join(f"<tr>{''.join(_cell_html(c) for c in row)}</tr>" for row in table.rows)
    html = (
        f'<table class="dataframe bp-table">\n<caption>{escape_html(table.title)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}{chr(10) if body else ''}</tbody>\n"
        "</table>"
    )
    if table.findings:
        html += "\n" + findings_html(table.findings, lang)
    return html


def findings_html(findings: Sequence[Finding], lang: Language) -> str:
    """The findings as a list: severity and code, the message, the figure's path."""
    items = "\n".join(
        f'<li class="bp-{f.severity.value}"><b>{escape_html(fmt.label(f.severity, lang))} '
        f"{escape_html(f.code)}</b> {escape_html(f.message(lang))} "
        f"<code>{escape_html(f.path)}</code></li>"
        for f in findings
    )
    return f'<ul class="bp-findings">\n{items}\n</ul>'


def fields_html(obj: object, lang: Language, title: str) -> str:
    """A record without a table of its own: its stated fields as a two-column table."""
    rows = []
    for field in attrs.fields(type(obj)):  # type: ignore[arg-type]
        value = getattr(obj, field.name)
        if value is None or value == () or value == "" or field.name == "not_shown":
            continue
        shown = fmt.label(value, lang) if hasattr(value, "_value_") else str(value)
        rows.append((Cell(field.name), Cell(shown)))
    header = ("字段", "值") if lang == "zh" else ("field", "value")
    return table_html(Table(title, header, tuple(rows)), lang)
