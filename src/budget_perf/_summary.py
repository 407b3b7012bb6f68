"""The plain-text summary of a report that ``budget-perf summary`` prints (private).

Each table's stated figures beside the library's derived ones, the basic data table's rates,
the functional shares, the grade and a count of findings.  Report text in it (the unit's and
the projects' names) is made safe for a terminal: table cells by
:func:`budget_perf._texttable.table`, the unit's name in the title by
:func:`budget_perf._texttable.one_line`.

>>> from budget_perf import examples
>>> print(summary(examples.load("yueyang-npc-2022"), "en").splitlines()[0])
2022 岳阳市人大常委会 — budget performance self-evaluation
"""

from decimal import Decimal

from budget_perf._decimal import decimal_places
from budget_perf._texttable import one_line, table
from budget_perf.checks import Severity, check
from budget_perf.display.text import table_lines
from budget_perf.formatting import Language, format_amount, format_percent_points, format_ratio
from budget_perf.model import DepartmentTable, Grade, Project, SelfEvaluation
from budget_perf.rates import ShareMethod, control_rate, percentage_shares

__all__ = ["summary"]

_LABELS = {
    "title": ("预算绩效自评", "budget performance self-evaluation"),
    "unknown_year": ("年度未知", "year unknown"),
    "tables": ("评价表", "Evaluation tables"),
    "header": (
        ("表", "全年预算数", "全年执行数", "执行率 自评", "执行率 复核", "得分 自评", "得分 复核"),
        ("table", "budget", "executed", "rate stated", "rate derived", "score stated",
         "score derived"),
    ),
    "score_header": (
        ("表", "指标分值", "指标得分", "总分 自评", "总分 复核"),
        ("table", "ind. weight", "ind. score", "total stated", "total derived"),
    ),
    "department": ("部门整体", "department"),
    "basic": ("基础数据表", "Basic data table"),
    "staff": ("在职人员控制率", "staff control rate"),
    "three": ("三公经费控制率 (决算/预算)", "三公 control rate (final / budget)"),
    "shares": ("功能分类占比", "Functional shares"),
    "share_header": (
        ("功能分类", "金额", "占比(自评)", "四舍五入", "最大余额法"),
        ("function", "amount", "stated", "rounded", "largest remainder"),
    ),
    "grade": ("评价等级", "Grade"),
    "stated": ("自评", "stated"),
    "derived": ("复核", "derived"),
    "findings": ("检查结果", "Check"),
    "more": ("详见 budget-perf check", "details: budget-perf check"),
}  # fmt: skip


def _t(key: str, language: Language) -> str:
    zh, en = _LABELS[key]
    return str(zh if language == "zh" else en)


def _table_row(name: str, table: Project | DepartmentTable, lang: Language) -> list[str]:
    funding, tree = table.funding, table.indicators
    total = funding.total if funding is not None else None
    derived_score = funding.execution_score() if funding is not None else None
    stated_total = tree.stated_total_score if tree is not None else None
    derived_total = table.derived_total_score()
    return [
        name,
        format_amount(total.full_year_budget if total else None, lang),
        format_amount(total.executed if total else None, lang),
        _stated_percent(funding.stated_execution_rate if funding else None, lang),
        format_ratio(funding.execution_rate() if funding else None, lang),
        str(funding.stated_score) if funding and funding.stated_score is not None else "—",
        format_amount(derived_score, lang) if isinstance(derived_score, Decimal) else "—",
        format_amount(tree.weight_of_indicators(), lang) if tree else "—",
        format_amount(tree.score_of_indicators(), lang) if tree else "—",
        str(stated_total) if stated_total is not None else "—",
        format_amount(derived_total, lang) if derived_total is not None else "—",
    ]


def _stated_percent(value: Decimal | None, language: Language) -> str:
    """A stated percentage with the decimals it was stated with (never rounded for display)."""
    places = 0 if value is None else decimal_places(value)
    return format_percent_points(value, language, places)


def _grade_name(grade: Grade | None, language: Language) -> str:
    if grade is None:
        return "—"
    return grade.value if language == "zh" else grade.english


def summary(evaluation: SelfEvaluation, language: Language = "zh") -> str:
    """A plain-text summary: each table's stated and derived figures, rates, shares and grade."""
    lang = language
    colon, comma = ("：", "，") if lang == "zh" else (": ", ", ")
    name = one_line(evaluation.department.name)  # a line break must not forge a line
    year = str(evaluation.year) if evaluation.year is not None else _t("unknown_year", lang)
    lines = [f"{year} {name} — {_t('title', lang)}", ""]
    rows = []
    if evaluation.department_table is not None:
        t = evaluation.department_table
        rows.append(_table_row(_t("department", lang), t, lang))
    rows += [_table_row(p.name, p, lang) for p in evaluation.projects]
    # Two tables of at most 100 columns (a Chinese character counts two), not one of 200.
    lines += [
        f"{_t('tables', lang)} ({len(rows)})",
        *table_lines(_LABELS["header"][lang == "en"], [r[:7] for r in rows]),
        "",
        *table_lines(_LABELS["score_header"][lang == "en"], [[r[0], *r[7:]] for r in rows]),
        "",
    ]
    data = evaluation.basic_data
    if data is not None:
        lines.append(_t("basic", lang))
        if data.staffing is not None:
            s = data.staffing
            lines.append(
                f"  {_t('staff', lang)}{colon}{s.in_post} / {s.authorised} — {_t('stated', lang)} "
                f"{_stated_percent(s.stated_control_rate, lang)}{comma}{_t('derived', lang)} "
                f"{format_ratio(s.control_rate(), lang)}"
            )
        three = data.three_public
        if (
            three is not None
            and three.current_final is not None
            and three.current_budget is not None
        ):
            rate = control_rate(three.current_final, three.current_budget)
            lines.append(f"  {_t('three', lang)}{colon}{format_ratio(rate, lang)}")
        lines.append("")
    spending = evaluation.general_budget
    if spending is not None and spending.by_function and spending.total is not None:
        amounts = [r.amount or Decimal(0) for r in spending.by_function]
        plain = percentage_shares(amounts, 2, ShareMethod.ROUND)
        remainder = percentage_shares(amounts, 2, ShareMethod.LARGEST_REMAINDER)
        blank: tuple[Decimal | None, ...] = tuple(None for _ in amounts)  # a zero total
        share_rows = [
            [
                r.function.value,
                format_amount(r.amount, lang),
                _stated_percent(r.stated_share, lang),
                format_percent_points(p, lang),
                format_percent_points(lr, lang),
            ]
            for r, p, lr in zip(
                spending.by_function,
                plain if isinstance(plain, tuple) else blank,
                remainder if isinstance(remainder, tuple) else blank,
                strict=True,
            )
        ]
        lines += [_t("shares", lang), *table(_LABELS["share_header"][lang == "en"], share_rows), ""]
    derived = evaluation.derived_grade()
    stated = evaluation.stated_grade
    if stated is not None or derived is not None:
        lines.append(
            f"{_t('grade', lang)}{colon}{_t('stated', lang)} {_grade_name(stated, lang)}{comma}"
            f"{_t('derived', lang)} {_grade_name(derived, lang)}"
        )
    findings = check(evaluation)
    counts = [sum(1 for f in findings if f.severity is s) for s in Severity]
    label = ("错误", "警告", "提示") if lang == "zh" else ("errors", "warnings", "info")
    if lang == "zh":
        counted = "，".join(f"{lab}{n}项" for n, lab in zip(counts, label, strict=True))
    else:
        counted = ", ".join(f"{n} {lab}" for n, lab in zip(counts, label, strict=True))
    more = f"（{_t('more', lang)}）" if lang == "zh" else f" ({_t('more', lang)})"
    lines.append(f"{_t('findings', lang)}{colon}{counted}{more}")
    return "\n".join(lines)
