"""Plain text: a one-line ``str`` of each record, and tables that fit 100 columns.

A record's ``str`` names it and gives its key figures, stated beside derived; ``repr`` stays
the complete attrs form for debugging.  Tables are laid out by
:func:`budget_perf._texttable.table` (every cell made safe for a terminal there), after the
widest text columns are cut with "…" until the table fits :data:`WIDTH` columns (a Chinese
character counts two).  A figure that disagrees with the derived one is followed by "!!"
(error) or "!" (warning).

>>> from budget_perf import examples
>>> report = examples.load("yueyang-npc-2022")
>>> print(describe(report.project("运行维护经费"), "zh"))
项目「运行维护经费」：预算400.03万元，执行394.00万元，执行率 自评100% / 复核98.49%，总分
自评100 / 复核99.85
>>> print(describe(report.project("运行维护经费"), "en"))
Project 运行维护经费: budget 400.03, executed 394.00 (10k yuan); rate stated 100% / derived
98.49%; total stated 100 / derived 99.85
>>> fit_cell("一般公共服务支出", 9)
'一般公共…'
"""

import enum
from collections.abc import Sequence
from decimal import Decimal

import attrs

from budget_perf._safety import shorten
from budget_perf._texttable import fit, one_line, table, width, wrap
from budget_perf.checks.finding import Finding, Severity
from budget_perf.display import format as fmt
from budget_perf.display.grid import Cell, Table
from budget_perf.formatting import Language
from budget_perf.model import (
    AmountUnit,
    BasicDataTable,
    Department,
    DepartmentTable,
    Funding,
    FundSource,
    FundTotal,
    Indicator,
    IndicatorTree,
    Level1Group,
    Level2Group,
    Project,
    SpendingRow,
)

__all__ = ["WIDTH", "describe", "findings_text", "fit_cell", "table_lines", "table_text", "wrap"]

#: A cell cut to its width, and a text wrapped to a width (shared with the batch table).
fit_cell = fit

#: The widest line of text output, in display columns.
WIDTH = 100
_MARK = {Severity.ERROR: " !!", Severity.WARNING: " !", Severity.INFO: ""}


def _caps(widths: list[int], limit: int) -> list[int]:
    """Column widths, the widest cut first, until the line (2 spaces apart) fits *limit*."""
    caps = list(widths)
    while sum(caps) + 2 * (len(caps) - 1) > limit:
        widest = max(range(len(caps)), key=lambda i: caps[i])
        if caps[widest] <= 6:
            break
        caps[widest] -= 1
    return caps


def _text(cell: Cell) -> str:
    """A cell's text with its mark: after a figure ("100% !!"), before a text ("! 已完成")."""
    mark = _MARK[cell.mark].strip() if cell.mark is not None else ""
    if not mark:
        return cell.text
    return f"{cell.text} {mark}" if cell.numeric else f"{mark} {cell.text}"


def table_lines(
    header: Sequence[str], rows: Sequence[Sequence[str]], limit: int = WIDTH
) -> list[str]:
    """Lines of a table of *header* and *rows*, text columns cut to fit *limit* columns."""
    safe = [[one_line(c) for c in row] for row in (header, *rows)]
    caps = _caps([max(width(r[i]) for r in safe) for i in range(len(header))], limit)
    cut = [[fit_cell(c, caps[i]) for i, c in enumerate(row)] for row in safe]
    return table(cut[0], cut[1:])


def _finding_line(finding: Finding, lang: Language, limit: int = WIDTH) -> str:
    head = f"  {fmt.label(finding.severity, lang)} {finding.code} "
    return head + fit_cell(finding.message(lang), limit - width(head))


def _finding_lines(finding: Finding, lang: Language) -> list[str]:
    """A finding beside a table: severity and code, then its whole message, wrapped."""
    head = f"  {fmt.label(finding.severity, lang)} {finding.code} "
    body = wrap(finding.message(lang), WIDTH - width(head))
    return [head + body[0], *(" " * width(head) + line for line in body[1:])]


def table_text(tab: Table, lang: Language) -> str:
    """A table with its title, and the findings about it one a line under it."""
    rows = [[_text(c) for c in row] for row in tab.rows]
    lines = [fit_cell(tab.title, WIDTH), *table_lines(tab.header, rows)]
    lines += [line for f in tab.findings for line in _finding_lines(f, lang)]
    return "\n".join(lines)


def findings_text(findings: Sequence[Finding], lang: Language) -> str:
    """The findings as a table of 100 columns, with a closing count."""
    count = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    if lang == "zh":
        summary = (
            f"共{len(findings)}项：错误{count[Severity.ERROR]}，"
            f"警告{count[Severity.WARNING]}，提示{count[Severity.INFO]}"
        )
    else:
        summary = (
            f"{len(findings)} findings: {count[Severity.ERROR]} errors, "
            f"{count[Severity.WARNING]} warnings, {count[Severity.INFO]} info"
        )
    lines = []
    for f in findings:
        lines.append(f"{fmt.label(f.severity, lang)} {f.code}  {fit_cell(f.path, WIDTH - 12)}")
        lines += ["    " + line for line in wrap(f.message(lang), WIDTH - 4)]
    return "\n".join([*lines, summary])


# One-line descriptions ---------------------------------------------------------------------


def _pair(lang: Language, what: str, stated: str, derived: str) -> str:
    if lang == "zh":
        return f"{what} 自评{stated} / 复核{derived}"
    return f"{what} stated {stated} / derived {derived}"


def _table_line(
    kind: tuple[str, str], name: str, table: Project | DepartmentTable, lang: Language
) -> str:
    unit = table.amount_unit or AmountUnit.WAN_YUAN
    funding, tree = table.funding, table.indicators
    total = funding.total if funding is not None else None
    derived_total = table.derived_total_score()
    total_pair = _pair(
        lang,
        "总分" if lang == "zh" else "total",
        fmt.stated(tree.stated_total_score if tree else None, lang),
        fmt.amount(derived_total, lang) if derived_total is not None else fmt.BLANK,
    )
    rate_pair = _pair(
        lang,
        "执行率" if lang == "zh" else "rate",
        fmt.stated_percent(funding.stated_execution_rate if funding else None, lang),
        fmt.ratio(funding.execution_rate() if funding else None, lang),
    )
    budget = fmt.amount(total.full_year_budget if total else None, lang)
    executed = fmt.amount(total.executed if total else None, lang)
    if lang == "zh":
        u = fmt.unit_label(unit, lang)
        return f"{kind[0]}「{name}」：预算{budget}{u}，执行{executed}{u}，{rate_pair}，{total_pair}"
    return (
        f"{kind[1]} {name}: budget {budget}, executed {executed} ({fmt.unit_label(unit, lang)}); "
        f"{rate_pair}; {total_pair}"
    )


def _row_line(row: FundSource | FundTotal | SpendingRow, lang: Language) -> str:
    what = (
        fmt.label(row.kind, lang)
        if isinstance(row, FundSource | SpendingRow)
        else ("年度资金总额" if lang == "zh" else "total funds")
    )
    if isinstance(row, FundTotal):
        from budget_perf.rates import execution_rate

        if row.executed is not None and row.full_year_budget is not None:
            rate_of_total = execution_rate(row.executed, row.full_year_budget)
        else:
            rate_of_total = None
    figures = [
        ("预算" if lang == "zh" else "budget", fmt.amount(row.full_year_budget, lang)),
        ("执行" if lang == "zh" else "executed", fmt.amount(row.executed, lang)),
    ]
    rate = rate_of_total if isinstance(row, FundTotal) else row.execution_rate()
    figures.append(("执行率" if lang == "zh" else "rate", fmt.ratio(rate, lang)))
    sep = "，" if lang == "zh" else ", "
    colon = "：" if lang == "zh" else ": "
    return what + colon + sep.join(f"{k} {v}" for k, v in figures)


def _fallback(obj: object, lang: Language) -> str:
    """The class name and the record's short scalar fields, within 100 characters."""
    parts = []
    if not attrs.has(type(obj)):
        return shorten(one_line(str(obj)), WIDTH)
    for field in attrs.fields(type(obj)):  # type: ignore[arg-type]
        value = getattr(obj, field.name)
        if value is None or value == "" or isinstance(value, tuple | bool):
            continue
        if isinstance(value, enum.Enum):
            shown = fmt.label(value, lang)
        elif isinstance(value, str | int | Decimal):
            shown = str(value)
        else:
            continue
        parts.append(f"{field.name}={shorten(one_line(shown), 24)}")
    return fit_cell(f"{type(obj).__name__}({', '.join(parts)})", WIDTH)


def describe(obj: object, lang: Language) -> str:
    """A short, readable line naming *obj* with its key figures, stated beside derived."""
    zh = lang == "zh"
    if isinstance(obj, Project):
        return _table_line(("项目", "Project"), obj.name, obj, lang)
    if isinstance(obj, DepartmentTable):
        name = obj.department_name or ("部门整体" if zh else "department")
        return _table_line(("部门整体支出绩效自评表", "Department table"), name, obj, lang)
    if isinstance(obj, FundSource | FundTotal | SpendingRow):
        return _row_line(obj, lang)
    if isinstance(obj, Funding):
        rate = _pair(
            lang,
            "执行率" if zh else "execution rate",
            fmt.stated_percent(obj.stated_execution_rate, lang),
            fmt.ratio(obj.execution_rate(), lang),
        )
        score = _pair(
            lang,
            "得分" if zh else "score",
            fmt.stated(obj.stated_score, lang),
            fmt.score(obj.execution_score(), lang),
        )
        return f"资金：{rate}，{score}" if zh else f"Funding: {rate}; {score}"
    if isinstance(obj, IndicatorTree):
        n = sum(1 for _ in obj.indicators())
        weight = fmt.amount(obj.weight_of_indicators(), lang)
        score = fmt.amount(obj.score_of_indicators(), lang)
        total = fmt.stated(obj.stated_total_score, lang)
        if zh:
            return f"绩效指标{n}项：分值{weight}，得分{score}，总分(自评){total}"
        return f"Indicators ({n}): weight {weight}, score {score}, stated total {total}"
    if isinstance(obj, Level1Group | Level2Group):
        indicators = list(obj.indicators()) if isinstance(obj, Level1Group) else obj.indicators
        w = fmt.stated(sum((i.weight or Decimal(0) for i in indicators), Decimal(0)), lang)
        s = fmt.stated(sum((i.score or Decimal(0) for i in indicators), Decimal(0)), lang)
        name = fmt.label(obj.category, lang)
        if zh:
            return f"{name}{len(indicators)}项：分值{w}，得分{s}"
        return f"{name} ({len(indicators)}): weight {w}, score {s}"
    if isinstance(obj, Indicator):
        name = fit_cell(obj.name, 40)
        w, sc = fmt.stated(obj.weight, lang), fmt.stated(obj.score, lang)
        target, actual = fit_cell(obj.target, 20), fit_cell(obj.actual, 20)
        if zh:
            return f"指标「{name}」：指标值 {target}，完成值 {actual}，分值{w}，得分{sc}"
        return f"Indicator {name}: target {target}, actual {actual}, weight {w}, score {sc}"
    if isinstance(obj, BasicDataTable):
        staffing = obj.staffing
        if staffing is None:
            return "基础数据表" if zh else "Basic data table"
        staff = _pair(
            lang,
            "在职人员控制率" if zh else "staff control rate",
            fmt.stated_percent(staffing.stated_control_rate, lang),
            fmt.ratio(staffing.control_rate(), lang),
        )
        counts = f"{staffing.in_post}/{staffing.authorised}"
        return (
            f"基础数据表：在职{counts}，{staff}" if zh else f"Basic data: in post {counts}; {staff}"
        )
    if isinstance(obj, Department):
        return one_line(obj.name)
    if isinstance(obj, Finding):
        return _finding_line(obj, lang).strip() + f" ({obj.path})"
    return _fallback(obj, lang)
