"""Cross-table rules (BP3xx): a figure stated in two places must agree.

- BP301 a project table's 全年执行数 = its row's 本年决算数 in the basic data table;
- BP302 a project table's 年初预算数 = its row's 本年预算数 in the basic data table (warning: the
  2013 framework does not say which budget the row means; the seed uses the initial one);
- BP303 the narrative's amount for a project ("实际为" where given) = its table's 全年执行数;
- BP304 the department table's 项目支出 = Σ project tables' 全年执行数 = the basic data table's
  项目支出 本年决算数;
- BP305 the narrative's basic spending = the department table's 基本支出 (warning: the narrative
  may count the general budget only, the table all funds);
- BP306 the income split's 一般公共预算 = the narrative's general-budget total (info: the split
  is by income and the text counts spending, so they may fairly differ);
- BP307 the basic data table's 编制数 = Σ the headcount quotas in the department description
  (info where a quota has no number: the sum is then only a lower bound);
- BP309 an "实际支出为…" figure in a funds note = 全年执行数 (info: the note explains the gap);
- BP308 staff in post quoted in an indicator ("保障83名在职职工") = 实际在职人数 (info: a target
  set at the start of the year may fairly differ from the year-end headcount);
- BP310 a row or text paired with a project table by the beginning of its name only (info).

Amounts of two places are compared in one unit (:meth:`SelfEvaluation.amount_in`'s exact
conversion: a table printed in 元 against one in 万元) and at the printed places of the coarser
figure (元 215457.6 is 21.54576 万元, compared as 21.55 with a 万元 figure of two decimals), so
a figure rounded where it is printed is not called wrong.  A finding gives both figures as
printed, each with its unit.  The narrative speaks the report's unit; a funds note its table's.
Project tables the copy does not show (``not_shown`` "projects") are not added up (BP304).

Projects are paired by exact name first, by the start of a name ("人大监督经费" in the text is
the table "人大监督") only where that is unique on both sides
(:func:`~budget_perf.checks._names.match_projects`).  A project found in one place only is not
compared.
"""

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

from budget_perf._decimal import ZERO
from budget_perf.checks._amounts import Amount, amount_or_none, same_amount
from budget_perf.checks._names import match_projects
from budget_perf.checks._walk import indicators_at
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily, RuleFunction
from budget_perf.model import AmountUnit, IncomeKind, Project, SpendingKind, convert_amount

__all__ = ["RULES"]


def _executed(project: Project) -> Decimal | None:
    if project.funding is None or project.funding.total is None:
        return None
    return project.funding.total.executed


#: How a message names a unit, in Chinese and in English.
_UNIT_NAMES = {
    AmountUnit.WAN_YUAN: ("万元", " (10k yuan)"),
    AmountUnit.YUAN: ("元", " yuan"),
}


def _disagree(
    rule: Rule,
    *,
    path: str,
    stated: Decimal | int | None,
    other_path: str,
    other: Decimal | int | None,
    zh: str,
    en: str,
    unit: tuple[str, str],
) -> Iterator[Finding]:
    """A finding where two counts (people) differ; amounts go through :func:`_amounts_disagree`.

    *unit* names what is counted, in Chinese and English (``("人", " people")``).
    """
    if stated is None or other is None or stated == other:
        return
    (here_zh, here_en), (there_zh, there_en) = _place(path), _place(other_path)
    yield rule.finding(
        path=path,
        stated=stated,
        expected=other,
        formula=f"= {other_path}",
        inputs=[(path, stated), (other_path, other)],
        message_zh=f"{zh}：{here_zh}为{stated}{unit[0]}，{there_zh}为{other}{unit[0]}",
        message_en=f"{en}: {stated}{unit[1]} in {here_en}, {other}{unit[1]} in {there_en}",
    )


def _amounts_disagree(
    rule: Rule,
    *,
    path: str,
    stated: Amount | None,
    other_path: str,
    other: Amount | None,
    zh: str,
    en: str,
    exact: bool = True,
) -> Iterator[Finding]:
    """A finding where two amounts differ once in one unit, at the coarser printed places.

    The message gives both figures as printed, each with its unit; ``expected`` is the other
    figure in the unit of the stated one.  Where the two figures were paired only by the start
    of a name (*exact* false, BP310), they may belong to two projects with similar names: the
    difference is then a warning for a reviewer to confirm, never an error.
    """
    if stated is None or other is None or same_amount(stated, other):
        return
    (here_zh, here_en), (there_zh, there_en) = _place(path), _place(other_path)
    (unit_zh, unit_en), (other_zh, other_en) = _UNIT_NAMES[stated.unit], _UNIT_NAMES[other.unit]
    yield rule.finding(
        path=path,
        stated=stated.value,
        expected=convert_amount(other.value, other.unit, stated.unit),
        formula=f"= {other_path}",
        inputs=[(path, stated.value), (other_path, other.value)],
        message_zh=f"{zh}：{here_zh}为{stated.value}{unit_zh}，{there_zh}为{other.value}{other_zh}",
        message_en=f"{en}: {stated.value}{unit_en} in {here_en}, {other.value}{other_en} in "
        f"{there_en}",
        severity=None if exact else Severity.WARNING,
    )


_PLACES = (
    (".note", "资金备注", "the funds note"),
    ("Σ $.projects", "各项目表合计", "the project tables' total"),
    ("$.projects", "项目支出绩效自评表", "the project table"),
    ("$.department_table", "部门整体支出绩效自评表", "the department table"),
    ("$.basic_data", "基础数据表", "the basic data table"),
    ("$.general_budget", "报告正文", "the report's text"),
)


def _place(path: str) -> tuple[str, str]:
    """Which part of the report a path points into, in Chinese and English."""
    for marker, zh, en in _PLACES:
        if path.startswith(marker) or (marker.startswith(".") and path.endswith(marker)):
            return zh, en
    return path, path


def _basic_data_projects(column: str, project_column: str) -> RuleFunction:
    def check(context: CheckContext, rule: Rule) -> Iterator[Finding]:
        data = context.evaluation.basic_data
        if data is None or data.project_spending is None:
            return
        projects = context.evaluation.projects
        rows = data.project_spending.children
        pairs = match_projects([row.label for row in rows], [p.name for p in projects])
        for r_index, p_index, exact in pairs:
            project, row = projects[p_index], rows[r_index]
            if project.funding is None or project.funding.total is None:
                continue
            evaluation = context.evaluation
            yield from _amounts_disagree(
                rule,
                path=f"$.projects[{p_index}].funding.total.{project_column}",
                stated=amount_or_none(
                    getattr(project.funding.total, project_column), evaluation.unit_of(project)
                ),
                other_path=f"$.basic_data.project_spending.children[{r_index}].{column}",
                other=amount_or_none(getattr(row, column), evaluation.unit_of(data)),
                zh=f"「{project.name}」项目表与基础数据表不一致",
                en=f"'{project.name}': the project table and the basic data table disagree",
                exact=exact,
            )

    return check


def _narrative_projects(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    spending = context.evaluation.general_budget
    if spending is None:
        return
    projects = context.evaluation.projects
    pairs = match_projects([f.label for f in spending.projects], [p.name for p in projects])
    for f_index, p_index, exact in pairs:
        project, figure = projects[p_index], spending.projects[f_index]
        attr = "stated_actual" if figure.stated_actual is not None else "amount"
        evaluation = context.evaluation
        yield from _amounts_disagree(
            rule,
            path=f"$.general_budget.projects[{f_index}].{attr}",
            stated=amount_or_none(getattr(figure, attr), evaluation.amount_unit),
            other_path=f"$.projects[{p_index}].funding.total.executed",
            other=amount_or_none(_executed(project), evaluation.unit_of(project)),
            zh=f"正文「{figure.label}」金额与项目表全年执行数不一致",
            en=f"the narrative's amount for '{figure.label}' and its table's executed "
            "amount disagree",
            exact=exact,
        )


def _project_spending(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    evaluation = context.evaluation
    table = evaluation.department_table
    split = None
    if table is not None:
        for index, line in enumerate(table.spending_split):
            if line.kind is SpendingKind.PROJECT and line.amount is not None:
                split = (
                    f"$.department_table.spending_split[{index}].amount",
                    Amount(value=line.amount, unit=evaluation.unit_of(table)),
                )
    candidates: list[tuple[str, Amount]] = []
    if split is not None:
        candidates.append(split)
    executed = [amount_or_none(_executed(p), evaluation.unit_of(p)) for p in evaluation.projects]
    if evaluation.is_shown("projects") and evaluation.projects and None not in executed:
        # added up in the tables' own unit, or in 元 (exactly) when they differ, so that the
        # sum keeps the precision its parts were printed with
        units = {e.unit for e in executed if e is not None}
        unit = units.pop() if len(units) == 1 else AmountUnit.YUAN
        total = sum(
            (convert_amount(e.value, e.unit, unit) for e in executed if e is not None), ZERO
        )
        candidates.append(
            ("Σ $.projects[*].funding.total.executed", Amount(value=total, unit=unit))
        )
    data = evaluation.basic_data
    if data is not None and data.project_spending is not None:
        final = data.project_spending.current_final
        if final is not None:
            candidates.append(
                (
                    "$.basic_data.project_spending.current_final",
                    Amount(value=final, unit=evaluation.unit_of(data)),
                )
            )
    for (path, value), (other_path, other) in itertools.pairwise(candidates):
        yield from _amounts_disagree(
            rule,
            path=path,
            stated=value,
            other_path=other_path,
            other=other,
            zh="项目支出合计在各表之间不一致",
            en="the project spending total differs between tables",
        )


def _split_vs_narrative(kind: str) -> RuleFunction:
    def check(context: CheckContext, rule: Rule) -> Iterator[Finding]:
        evaluation = context.evaluation
        table, spending = evaluation.department_table, evaluation.general_budget
        if table is None or spending is None:
            return
        if kind == "basic":
            lines = [
                (i, line.amount)
                for i, line in enumerate(table.spending_split)
                if line.kind is SpendingKind.BASIC
            ]
            other = spending.basic.amount if spending.basic is not None else None
            path, other_path = "spending_split", "$.general_budget.basic.amount"
            zh, en = (
                "部门整体表基本支出与正文基本支出不一致",
                "basic spending differs between the department table and the text",
            )
        else:
            lines = [
                (i, line.amount)
                for i, line in enumerate(table.income_split)
                if line.kind is IncomeKind.GENERAL_PUBLIC_BUDGET
            ]
            other = spending.total
            path, other_path = "income_split", "$.general_budget.total"
            zh, en = (
                "部门整体表一般公共预算与正文一般公共预算拨款支出不一致",
                "the general-budget figure differs between the department table and the text",
            )
        for index, amount in lines:
            yield from _amounts_disagree(
                rule,
                path=f"$.department_table.{path}[{index}].amount",
                stated=amount_or_none(amount, evaluation.unit_of(table)),
                other_path=other_path,
                other=amount_or_none(other, evaluation.amount_unit),
                zh=zh,
                en=en,
            )

    return check


def _authorised_headcount(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    evaluation = context.evaluation
    data, staffing = evaluation.basic_data, evaluation.department.staffing
    if (
        data is None
        or data.staffing is None
        or data.staffing.authorised is None
        or staffing is None
    ):
        return
    counts = [q.count for q in staffing.quotas]
    if not counts:
        return
    total = sum(c for c in counts if c is not None)
    stated = data.staffing.authorised
    if total == stated:
        return
    partial = any(c is None for c in counts)
    if partial and total > stated:
        partial = False
    severity = Severity.INFO if partial else rule.severity
    yield rule.finding(
        path="$.basic_data.staffing.authorised",
        stated=stated,
        expected=total,
        formula="Σ $.department.staffing.quotas[*].count",
        inputs=[(f"$.department.staffing.quotas[{i}].count", c) for i, c in enumerate(counts)],
        severity=severity,
        message_zh=f"基础数据表编制数为{stated}，部门基本情况所列编制合计{total}"
        + ("（另有未列明人数的编制）" if partial else ""),
        message_en=f"the basic data table states {stated} authorised posts; the department "
        f"description's quotas add up to {total}"
        + (" (plus a quota without a number)" if partial else ""),
    )


_IN_POST = re.compile(r"(?<!\d)(\d{1,7})\s*名在职")


def _headcount_in_indicators(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    evaluation = context.evaluation
    data = evaluation.basic_data
    if data is None or data.staffing is None or data.staffing.in_post is None:
        return
    for index, project in enumerate(evaluation.projects):
        if project.indicators is None:
            continue
        for at in indicators_at(project.indicators, f"$.projects[{index}]"):
            for field in ("target", "actual"):
                text = getattr(at.indicator, field)
                if "名在职" not in text:  # the words first: most texts never say them
                    continue
                for match in _IN_POST.finditer(text):
                    yield from _disagree(
                        rule,
                        path=f"{at.path}.{field}",
                        stated=int(match[1]),
                        other_path="$.basic_data.staffing.in_post",
                        other=data.staffing.in_post,
                        zh=f"「{project.name}」指标「{at.indicator.name}」所述在职人数与基础数据表不一致",
                        en=f"'{project.name}': the staff in post quoted in indicator "
                        f"'{at.indicator.name}' differs from the basic data table",
                        unit=("人", " people"),
                    )


_NOTE_ACTUAL = re.compile(r"实际支出为\s*(\d+(?:\.\d+)?)")


def _notes_vs_executed(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    for index, project in enumerate(context.evaluation.projects):
        funding = project.funding
        if funding is None or funding.total is None or funding.total.executed is None:
            continue
        notes = [(f"$.projects[{index}].funding.total.note", funding.total.note)]
        notes += [
            (f"$.projects[{index}].funding.sources[{i}].note", source.note)
            for i, source in enumerate(funding.sources)
        ]
        for path, note in notes:
            unit = context.evaluation.unit_of(project)  # a note speaks its table's unit
            for match in _NOTE_ACTUAL.finditer(note):
                yield from _amounts_disagree(
                    rule,
                    path=path,
                    stated=Amount(value=Decimal(match[1]), unit=unit),
                    other_path=f"$.projects[{index}].funding.total.executed",
                    other=amount_or_none(funding.total.executed, unit),
                    zh=f"「{project.name}」资金备注所称实际支出与全年执行数不同",
                    en=f"'{project.name}': the note's actual spending differs from the executed "
                    "amount",
                )


def _prefix_pairings(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    evaluation = context.evaluation
    names = [p.name for p in evaluation.projects]
    places: list[tuple[str, list[str], str, str]] = []
    data = evaluation.basic_data
    if data is not None and data.project_spending is not None:
        labels = [row.label for row in data.project_spending.children]
        base = "$.basic_data.project_spending.children"
        places.append((base, labels, "基础数据表", "the basic data table's row"))
    if evaluation.general_budget is not None:
        labels = [figure.label for figure in evaluation.general_budget.projects]
        places.append(("$.general_budget.projects", labels, "报告正文", "the report's text"))
    for base, labels, zh, en in places:
        for i, j, exact in match_projects(labels, names):
            if exact:
                continue
            yield rule.finding(
                path=f"{base}[{i}].label",
                stated=labels[i],
                expected=names[j],
                formula="名称前缀匹配",
                inputs=[(f"$.projects[{j}].name", names[j])],
                message_zh=f"{zh}「{labels[i]}」按名称前缀对应项目表「{names[j]}」",
                message_en=f"{en} '{labels[i]}' is taken to be the project table '{names[j]}' "
                "(one name begins with the other)",
            )


_FAMILY = RuleFamily(name="cross-table", severity=Severity.ERROR)

RULES = (
    _FAMILY.rule(
        "BP301",
        "项目表执行数与基础数据表决算数一致",
        "A project's executed amount matches its basic-data row",
        "Both state what the project spent in the year (a warning where the row and the table "
        "were paired only by the start of a name, BP310: they may be two projects).",
        _basic_data_projects("current_final", "executed"),
    ),
    _FAMILY.rule(
        "BP302",
        "项目表年初预算数与基础数据表预算数一致",
        "A project's initial budget matches its basic-data budget",
        "Both state the project's budget; the framework does not say which budget the row means.",
        _basic_data_projects("current_budget", "initial_budget"),
        severity=Severity.WARNING,
    ),
    _FAMILY.rule(
        "BP303",
        "正文项目金额与项目表执行数一致",
        "The narrative's project amount matches its table's executed amount",
        "The text and the table describe the same spending; projects are paired by exact name, "
        "by the start of a name only where that is unique (BP310), and such a pairing makes a "
        "difference a warning: the two may be different projects with similar names.",
        _narrative_projects,
    ),
    _FAMILY.rule(
        "BP304",
        "项目支出合计在部门整体表、项目表和基础数据表之间一致",
        "Project spending agrees between the department, project and basic data tables",
        "One figure printed three times must be the same figure.",
        _project_spending,
    ),
    _FAMILY.rule(
        "BP305",
        "部门整体表基本支出与正文基本支出一致",
        "Basic spending agrees between the department table and the text",
        "They should agree unless one counts other funds; a reviewer should ask.",
        _split_vs_narrative("basic"),
        severity=Severity.WARNING,
    ),
    _FAMILY.rule(
        "BP306",
        "部门整体表一般公共预算与正文一致",
        "The general-budget figure agrees between the department table and the text",
        "They should agree unless one is a budget and the other spending; a reviewer should ask.",
        _split_vs_narrative("general"),
        severity=Severity.INFO,
    ),
    _FAMILY.rule(
        "BP307",
        "编制数与部门基本情况所列编制一致",
        "Authorised headcount agrees with the quotas in the department description",
        "The staff control rate is computed on the authorised headcount.",
        _authorised_headcount,
        severity=Severity.WARNING,
    ),
    _FAMILY.rule(
        "BP308",
        "指标所述在职人数与基础数据表一致",
        "Staff in post quoted in an indicator agrees with the basic data table",
        "A headcount in a target should be the year's headcount.",
        _headcount_in_indicators,
        severity=Severity.INFO,
    ),
    _FAMILY.rule(
        "BP309",
        "资金备注所称实际支出与全年执行数一致",
        "A funds note's 'actual spending' matches the executed amount",
        "A note such as (实际支出为124…) explains a gap; the reviewer should see both figures.",
        _notes_vs_executed,
        severity=Severity.INFO,
    ),
    _FAMILY.rule(
        "BP310",
        "项目名称按前缀对应",
        "A row or text is paired with a project table by the start of its name",
        "Names differ between the text and the tables ('人大监督经费' for '人大监督'); a pairing "
        "that is not exact is shown so a reviewer can check it.",
        _prefix_pairings,
        severity=Severity.INFO,
    ),
)
