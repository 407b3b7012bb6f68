"""A report's tables as plain data, the one source of the text, HTML and Markdown views.

Each builder here makes a :class:`~budget_perf.display.grid.Table` of one part of a report:
execution of funds, scores, the basic data table, the functional shares, an indicator tree,
the findings.  Disagreeing figures are marked by :class:`~budget_perf.display.grid.Marks`.

>>> from budget_perf import examples, check
>>> report = examples.load("yueyang-npc-2022")
>>> table = execution_table(report, "zh", Marks(check(report)))
>>> [c.text for c in table.rows[2]][:6]
['运行维护经费', '400.03', '394.00', '100%', '98.49%', '10']
>>> table.rows[2][3].mark
<Severity.ERROR: 'error'>
"""

from collections.abc import Sequence
from decimal import Decimal

import attrs

from budget_perf._decimal import in_library_context
from budget_perf.checks.finding import Finding
from budget_perf.display import format as fmt
from budget_perf.display.grid import Cell, Marks, Table, t
from budget_perf.formatting import Language
from budget_perf.model import (
    AmountUnit,
    DepartmentTable,
    ExpenseRow,
    IndicatorTree,
    Project,
    SelfEvaluation,
)
from budget_perf.rates import ShareMethod, control_rate, percentage_shares

__all__ = [
    "basic_data_table",
    "execution_table",
    "findings_table",
    "indicator_table",
    "indicator_trees",
    "report_tables",
    "score_table",
    "shares_table",
    "single_tables",
    "table_path",
]


def _name(text: str) -> Cell:
    return Cell(text)


def _tables(
    report: SelfEvaluation, lang: Language
) -> list[tuple[str, str, DepartmentTable | Project]]:
    """(path, shown name, table) of the department table and each project table."""
    found: list[tuple[str, str, DepartmentTable | Project]] = []
    if report.department_table is not None:
        found.append(("$.department_table", t("department", lang), report.department_table))
    found += [(f"$.projects[{i}]", p.name, p) for i, p in enumerate(report.projects)]
    return found


def table_path(report: SelfEvaluation, table: DepartmentTable | Project) -> str:
    """The path of *table* in *report* (``$.projects[1]``)."""
    for path, _, candidate in _tables(report, "zh"):
        if candidate is table:
            return path
    return "$"


@in_library_context
def _execution_row(
    name: str, path: str, table: DepartmentTable | Project, lang: Language, marks: Marks
) -> tuple[Cell, ...]:
    funding = table.funding
    total = funding.total if funding is not None else None
    if funding is None:
        return (_name(name), *(Cell(fmt.BLANK, True) for _ in range(6)))
    rate = funding.execution_rate()
    score = funding.execution_score()
    stated_rate, stated_score = funding.stated_execution_rate, funding.stated_score
    return (
        _name(name),
        Cell(fmt.amount(total.full_year_budget if total else None, lang), True),
        Cell(fmt.amount(total.executed if total else None, lang), True),
        marks.cell(
            fmt.stated_percent(stated_rate, lang),
            [f"{path}.funding.stated_execution_rate"],
            stated_rate,
            rate * 100 if isinstance(rate, Decimal) else None,
            Decimal(100),
            capped=True,
        ),
        Cell(fmt.ratio(rate, lang), True),
        marks.cell(
            fmt.stated(stated_score, lang),
            [f"{path}.funding.stated_score"],
            stated_score,
            score,
            funding.weight,
        ),
        Cell(fmt.score(score, lang), True),
    )


def execution_table(report: SelfEvaluation, lang: Language, marks: Marks) -> Table:
    """Each table's budget, spending, stated and derived execution rate and score."""
    header = ("table", "budget", "executed", "rate_stated", "rate_derived")
    return Table(
        f"{t('execution', lang)} ({fmt.unit_label(report.amount_unit, lang)})",
        tuple(t(k, lang) for k in (*header, "score_stated", "score_derived")),
        tuple(_execution_row(n, p, tb, lang, marks) for p, n, tb in _tables(report, lang)),
    )


def score_table(report: SelfEvaluation, lang: Language, marks: Marks) -> Table:
    """Each table's indicator weight and score, and its stated and derived 总分."""
    rows = []
    for path, name, table in _tables(report, lang):
        tree = table.indicators
        stated = tree.stated_total_score if tree is not None else None
        derived = table.derived_total_score()
        rows.append(
            (
                _name(name),
                Cell(fmt.amount(tree.weight_of_indicators(), lang) if tree else fmt.BLANK, True),
                Cell(fmt.amount(tree.score_of_indicators(), lang) if tree else fmt.BLANK, True),
                marks.cell(
                    fmt.stated(stated, lang),
                    [f"{path}.indicators.stated_total_score"],
                    stated,
                    derived,
                    Decimal(100),
                ),
                Cell(fmt.amount(derived, lang) if derived is not None else fmt.BLANK, True),
            )
        )
    keys = ("table", "weight", "ind_score", "total_stated", "total_derived")
    return Table(t("scores", lang), tuple(t(k, lang) for k in keys), tuple(rows))


def indicator_table(
    tree: IndicatorTree, title: str, lang: Language, marks: Marks, path: str = "$"
) -> Table:
    """The indicator tree: 一级, 二级, 三级 indicator, target, actual, weight and score."""
    rows: list[tuple[Cell, ...]] = []
    base = f"{path}.indicators"
    for i, group in enumerate(tree.groups):
        for j, sub in enumerate(group.groups):
            for k, ind in enumerate(sub.indicators):
                at = f"{base}.groups[{i}].groups[{j}].indicators[{k}]"
                rows.append(
                    (
                        _name(fmt.label(group.category, lang)),
                        _name(fmt.label(sub.category, lang)),
                        marks.cell(ind.name, [at, f"{at}.deviation_note"]),
                        marks.cell(ind.target, [f"{at}.target"]),
                        marks.cell(ind.actual, [f"{at}.actual"]),
                        marks.cell(fmt.stated(ind.weight, lang), [f"{at}.weight"]),
                        marks.cell(fmt.stated(ind.score, lang), [f"{at}.score"]),
                    )
                )
    for k, ind in enumerate(tree.ungrouped):
        at = f"{base}.ungrouped[{k}]"
        rows.append(
            (
                Cell(fmt.BLANK),
                Cell(fmt.BLANK),
                marks.cell(ind.name, [at]),
                Cell(ind.target),
                Cell(ind.actual),
                marks.cell(fmt.stated(ind.weight, lang), [f"{at}.weight"]),
                marks.cell(fmt.stated(ind.score, lang), [f"{at}.score"]),
            )
        )
    rows = [tuple(attrs.evolve(c, numeric=n >= 5) for n, c in enumerate(r)) for r in rows]
    rows.append(
        (
            Cell(t("total", lang)),
            Cell(""),
            Cell(""),
            Cell(""),
            Cell(""),
            Cell(fmt.amount(tree.weight_of_indicators(), lang), True),
            Cell(fmt.amount(tree.score_of_indicators(), lang), True),
        )
    )
    keys = ("level1", "level2", "indicator", "target", "actual", "points", "score")
    return Table(
        f"{title} — {t('indicators', lang)}",
        tuple(t(k, lang) for k in keys),
        tuple(rows),
        marks.under(path) if marks.findings is not None else (),
    )


def _expense_rows(report: SelfEvaluation, lang: Language, marks: Marks) -> list[tuple[Cell, ...]]:
    data = report.basic_data
    rows: list[tuple[Cell, ...]] = []
    if data is None:
        return rows
    parts: list[tuple[str, ExpenseRow | None]] = [
        ("three_public", data.three_public),
        ("project_spending", data.project_spending),
        ("operating_funds", data.operating_funds),
        ("procurement", data.procurement),
    ]
    for attr, row in parts:
        if row is None:
            continue
        at = f"$.basic_data.{attr}"
        rate = (
            control_rate(row.current_final, row.current_budget)
            if row.current_final is not None and row.current_budget is not None
            else None
        )
        rows.append(
            (
                _name(row.label),
                marks.cell(fmt.amount(row.previous_final, lang), [f"{at}.previous_final"]),
                marks.cell(fmt.amount(row.current_budget, lang), [f"{at}.current_budget"]),
                marks.cell(fmt.amount(row.current_final, lang), [f"{at}.current_final"]),
                Cell(""),
                Cell(fmt.ratio(rate, lang), True),
            )
        )
    return rows


def basic_data_table(report: SelfEvaluation, lang: Language, marks: Marks) -> Table | None:
    """The basic data table's staffing and expense rows with their derived control rates."""
    data = report.basic_data
    if data is None:
        return None
    rows = _expense_rows(report, lang, marks)
    s = data.staffing
    if s is not None:
        derived = s.control_rate()
        rows.insert(
            0,
            (
                _name(f"{t('staff', lang)} ({s.in_post}/{s.authorised})"),
                Cell(""),
                Cell(""),
                Cell(""),
                marks.cell(
                    fmt.stated_percent(s.stated_control_rate, lang),
                    ["$.basic_data.staffing.stated_control_rate"],
                    s.stated_control_rate,
                    derived * 100 if isinstance(derived, Decimal) else None,
                ),
                Cell(fmt.ratio(derived, lang), True),
            ),
        )
    unit = fmt.unit_label(report.unit_of(data), lang)
    keys = ("item", "previous", "current_budget", "current_final", "rate_stated_c", "rate")
    return Table(
        f"{t('basic', lang)} ({unit})",
        tuple(t(k, lang) for k in keys),
        tuple(rows),
        marks.under("$.basic_data") if marks.findings is not None else (),
    )


def shares_table(report: SelfEvaluation, lang: Language, marks: Marks) -> Table | None:
    """The functional classification: amounts, stated shares and shares rounded half-up."""
    spending = report.general_budget
    if spending is None or not spending.by_function:
        return None
    amounts = [r.amount or Decimal(0) for r in spending.by_function]
    derived = percentage_shares(amounts, 2, ShareMethod.ROUND)
    shares = derived if isinstance(derived, tuple) else tuple(None for _ in amounts)
    rows = tuple(
        (
            _name(fmt.label(r.function, lang)),
            Cell(fmt.amount(r.amount, lang), True),
            # Marked by the findings only: a share passes by plain rounding or by the largest
            # remainder over the whole breakdown (checks.shares), not by one figure beside another.
            marks.cell(
                fmt.stated_percent(r.stated_share, lang),
                [f"$.general_budget.by_function[{i}].stated_share"],
            ),
            Cell(fmt.stated_percent(share, lang) if share is not None else fmt.BLANK, True),
        )
        for i, (r, share) in enumerate(zip(spending.by_function, shares, strict=True))
    )
    keys = ("function", "amount", "share_stated", "share_derived")
    return Table(
        f"{t('shares', lang)} ({fmt.unit_label(report.amount_unit, lang)})",
        tuple(t(k, lang) for k in keys),
        rows,
        marks.under("$.general_budget") if marks.findings is not None else (),
    )


def findings_table(findings: Sequence[Finding], lang: Language, title: str = "") -> Table:
    """The findings: severity, code, where, stated, expected and the message."""
    rows = tuple(
        (
            Cell(fmt.label(f.severity, lang), mark=f.severity),
            Cell(f.code),
            Cell(f.path),
            Cell("" if f.stated is None else str(f.stated), True),
            Cell("" if f.expected is None else str(f.expected), True),
            Cell(f.message(lang)),
        )
        for f in findings
    )
    keys = ("severity", "code", "where", "stated", "derived", "message")
    return Table(
        title or f"{t('findings', lang)} ({len(rows)})", tuple(t(k, lang) for k in keys), rows
    )


def indicator_trees(report: SelfEvaluation, lang: Language) -> list[tuple[str, str, IndicatorTree]]:
    """(path, shown name, tree) of each table of *report* that has an indicator tree."""
    return [
        (path, name, table.indicators)
        for path, name, table in _tables(report, lang)
        if table.indicators is not None
    ]


def report_tables(
    report: SelfEvaluation, lang: Language, findings: Sequence[Finding] | None
) -> list[Table]:
    """Every table of *report*, in the order a page shows them."""
    marks = Marks(findings, lang)
    tables = [execution_table(report, lang, marks), score_table(report, lang, marks)]
    for extra in (basic_data_table(report, lang, marks), shares_table(report, lang, marks)):
        if extra is not None:
            tables.append(extra)
    for path, name, tree in indicator_trees(report, lang):
        tables.append(indicator_table(tree, name, lang, marks, path))
    return tables


def single_tables(table: DepartmentTable | Project, lang: Language) -> list[Table]:
    """The tables of one department or project table shown on its own (marks by comparison)."""
    marks = Marks(None, lang)
    name = t("department", lang)
    if isinstance(table, Project):
        name = table.name
    elif table.department_name:
        name = table.department_name
    unit = fmt.unit_label(table.amount_unit or AmountUnit.WAN_YUAN, lang)
    keys = ("table", "budget", "executed", "rate_stated", "rate_derived")
    found = [
        Table(
            f"{name} ({unit})",
            tuple(t(k, lang) for k in (*keys, "score_stated", "score_derived")),
            (_execution_row(name, "$", table, lang, marks),),
        )
    ]
    if table.indicators is not None:
        found.append(indicator_table(table.indicators, name, lang, marks))
    return found
