"""A whole report as one page: self-contained HTML (printable on A4) or Markdown.

:func:`render` writes every table of the report with the findings beside the figures they
concern, the charts (inline SVG; in Markdown as ``data:`` images) when matplotlib is
installed, and the findings no table shows at the end.  The HTML page has its style sheet
inline and needs no network and no script; printed, it is A4 with a page break before each
table section.  Every name from the report is escaped for the medium.

>>> from budget_perf import examples
>>> page = render(examples.load("yueyang-npc-2022"), format="md", lang="en", charts=False)
>>> page.splitlines()[0]
'# 2022 岳阳市人大常委会 — budget performance self-evaluation'
"""

import base64
from collections.abc import Sequence
from typing import Literal

from budget_perf._decimal import in_library_context
from budget_perf._safety import escape_html, escape_markdown
from budget_perf._texttable import one_line
from budget_perf.checks import check
from budget_perf.checks.finding import Finding
from budget_perf.display import charts as charting
from budget_perf.display.grid import Table
from budget_perf.display.html import CSS, findings_html, table_html
from budget_perf.display.markdown import findings_markdown, table_markdown
from budget_perf.display.options import resolve
from budget_perf.display.tables import report_tables
from budget_perf.display.text import findings_text, table_text
from budget_perf.errors import BudgetPerfError
from budget_perf.formatting import Language
from budget_perf.model import SelfEvaluation

__all__ = ["Format", "grade_line", "render", "title"]

#: The formats :func:`render` writes.
Format = Literal["html", "md", "text"]


def title(report: SelfEvaluation, lang: Language) -> str:
    """The page title: year, unit and what the report is."""
    unknown = "年度未知" if lang == "zh" else "year unknown"
    year = str(report.year) if report.year is not None else unknown
    what = "预算绩效自评" if lang == "zh" else "budget performance self-evaluation"
    return f"{year} {report.department.name} — {what}"


def grade_line(report: SelfEvaluation, lang: Language) -> str:
    """评价等级：自评 优，复核 优 — the stated grade beside the derived one."""
    from budget_perf.display.format import label

    stated, derived = report.stated_grade, report.derived_grade()
    s = label(stated, lang) if stated is not None else "—"
    d = label(derived, lang) if derived is not None else "—"
    if lang == "zh":
        return f"评价等级：自评 {s}，复核 {d}"
    return f"Grade: stated {s}, derived {d}"


def _rest(findings: Sequence[Finding], tables: Sequence[Table]) -> list[Finding]:
    shown = {id(f) for table in tables for f in table.findings}
    return [f for f in findings if id(f) not in shown]


def _charts(report: SelfEvaluation, lang: Language, wanted: bool) -> list[charting.Chart]:
    if not wanted or not charting.available():
        return []
    return [charting.execution_chart(report, lang), charting.score_chart(report, lang)]


@in_library_context
def render(
    report: SelfEvaluation,
    format: Format = "html",
    lang: str | None = None,
    findings: Sequence[Finding] | None = None,
    *,
    charts: bool = True,
) -> str:
    """*report* as a page in *format* ("html", "md" or "text") and *lang* ("zh" or "en").

    *findings* are the report's findings (by default :func:`budget_perf.check` is run); each
    is shown beside the table it concerns.  Charts are included when *charts* is true and
    matplotlib is installed.

    Raises:
        BudgetPerfError: an unknown format or language.
    """
    if format not in ("html", "md", "text"):
        raise BudgetPerfError(
            f"unknown format {format!r}: expected html, md or text",
            message_zh=f"未知格式 {format!r}：应为 html、md 或 text",
        )
    try:
        language = resolve(lang)
    except ValueError as exc:
        raise BudgetPerfError(str(exc), message_zh=f"未知语言 {lang!r}：应为 zh 或 en") from None
    found = list(check(report) if findings is None else findings)
    tables = report_tables(report, language, found)
    rest = _rest(found, tables)
    if format == "text":
        parts = [one_line(title(report, language)), *(table_text(t, language) for t in tables)]
        parts += [one_line(grade_line(report, language)), findings_text(rest, language)]
        return "\n\n".join(parts) + "\n"
    drawn = _charts(report, language, charts)
    other = "其他检查结果" if language == "zh" else "Other findings"
    if format == "md":
        return _markdown(report, language, tables, drawn, rest, other)
    return _html(report, language, tables, drawn, rest, other)


def _markdown(
    report: SelfEvaluation,
    lang: Language,
    tables: Sequence[Table],
    drawn: Sequence[charting.Chart],
    rest: Sequence[Finding],
    other: str,
) -> str:
    parts = [f"# {escape_markdown(title(report, lang))}", escape_markdown(grade_line(report, lang))]
    for chart in drawn:
        data = base64.b64encode(chart.svg().encode()).decode()
        parts.append(f"![{escape_markdown(chart.title)}](data:image/svg+xml;base64,{data})")
    parts += [table_markdown(table, lang) for table in tables]
    if rest:
        parts += [f"## {other} ({len(rest)})", findings_markdown(rest, lang)]
    return "\n\n".join(parts) + "\n"


def _html(
    report: SelfEvaluation,
    lang: Language,
    tables: Sequence[Table],
    drawn: Sequence[charting.Chart],
    rest: Sequence[Finding],
    other: str,
) -> str:
    heading = escape_html(title(report, lang))
    body = [f"<h1>{heading}</h1>", f"<p>{escape_html(grade_line(report, lang))}</p>"]
    for chart in drawn:
        body.append(f'<figure class="bp-chart" aria-label="{escape_html(chart.title)}">')
        body += [chart.svg(), "</figure>"]
    for i, table in enumerate(tables):
        cls = ' class="bp-section"' if i >= 2 else ""
        body.append(f"<section{cls}>\n{table_html(table, lang)}\n</section>")
    if rest:
        body += [f"<h2>{escape_html(other)} ({len(rest)})</h2>", findings_html(rest, lang)]
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
