"""The checker: recompute every stated figure of a report and point at each inconsistency.

:func:`check` runs every rule of :data:`RULES` (or of the rules given) over a
:class:`~budget_perf.model.SelfEvaluation` and returns the findings, sorted: errors first, then
by the path of the figure in table order.  It checks what the report holds and never invents
what is absent: a report of a single project table gets the project-table rules only.

Rule families, by code:

- BP1xx arithmetic — parents equal the sum of their children, in every column;
- BP2xx stated vs recomputed — stated rates, shares, scores, totals and the grade;
- BP3xx cross-table — a figure stated in two places agrees;
- BP4xx structure — weights, score bounds, required cells, deviation notes;
- BP5xx plausibility (warnings) — full marks on unspent money, unmeasurable targets ...
- BP6xx score sheet — the department score sheet's levels, totals and bounds;
- BP900 a rule that failed on this report (a defect in the rule, reported rather than raised).

>>> import budget_perf as bp
>>> findings = check(bp.examples.load("yueyang-npc-2022"))
>>> findings[0].code, findings[0].path
('BP102', '$.department_table.income_split')
>>> quiet = check(bp.examples.load("yueyang-npc-2022"),
...               options=CheckOptions(disabled=frozenset(r.code for r in RULES)))
>>> quiet
()
"""

from collections.abc import Sequence

import attrs

from budget_perf._decimal import in_library_context, library_context
from budget_perf.checks import (
    arithmetic,
    cross_table,
    execution_rows,
    indicator_scores,
    plausibility,
    score_sheet,
    score_sheet_rates,
    shares,
    stated,
    structure,
    totals,
    weighted_scores,
)
from budget_perf.checks._memo import walks_listed_once
from budget_perf.checks.finding import Finding, Findings, Language, Severity, Value
from budget_perf.checks.registry import CheckContext, CheckOptions, Rule, RuleFunction
from budget_perf.model.evaluation import SelfEvaluation
from budget_perf.profiles import RuleProfile, select_profile

__all__ = [
    "RULES",
    "CheckContext",
    "CheckOptions",
    "Finding",
    "Findings",
    "Language",
    "Rule",
    "RuleFunction",
    "Severity",
    "Value",
    "check",
]

#: The library's rules, in code order.
RULES: tuple[Rule, ...] = tuple(
    sorted(
        (
            *arithmetic.RULES,
            *stated.RULES,
            *shares.RULES,
            *totals.RULES,
            *indicator_scores.RULES,
            *cross_table.RULES,
            *structure.RULES,
            *plausibility.RULES,
            *execution_rows.RULES,
            *weighted_scores.RULES,
            *score_sheet.RULES,
            *score_sheet_rates.RULES,
        ),
        key=lambda rule: rule.code,
    )
)


@in_library_context
def check(
    evaluation: SelfEvaluation,
    profile: RuleProfile | None = None,
    *,
    options: CheckOptions | None = None,
    rules: Sequence[Rule] = RULES,
) -> Findings:
    """Every finding of *rules* (plus ``options.extra_rules``) on *evaluation*, sorted.

    The findings come as :class:`Findings`, a tuple that shows itself as a table.

    >>> from budget_perf.model import Department
    >>> check(SelfEvaluation(year=2022, department=Department(name="x")))
    ()

    Args:
        evaluation: the report to check; absent parts are skipped.
        profile: the rule profile whose weights and grade bands apply; by default the one
            :func:`~budget_perf.profiles.select_profile` picks for the report's region and year.
        options: rules switched off, severities changed, rules added, for this run.
        rules: the rule set to start from (the library's :data:`RULES` by default).

    A rule that raises is reported as a BP900 error finding naming the rule; the others run on.
    Every rule computes in a fresh copy of the library's decimal context (28 digits), whatever
    the caller's context, which is left as it was.
    """
    options = options or CheckOptions()
    if profile is None:
        profile = select_profile(evaluation.region, evaluation.year)
    context = CheckContext(evaluation=evaluation, profile=profile)
    findings: list[Finding] = []
    with walks_listed_once():  # each block's indicators listed once for all the rules
        for rule in (*rules, *options.extra_rules):
            if rule.code in options.disabled:
                continue
            try:
                with library_context():  # a fresh context each: a rule cannot change the next's
                    found = list(rule.check(context, rule))
            except Exception as exc:
                found = [_crashed(rule, exc)]
            for finding in found:
                severity = options.severity_for(finding.code, finding.severity)
                if severity is not finding.severity:
                    finding = attrs.evolve(finding, severity=severity)
                findings.append(finding)
    return Findings(sorted(findings, key=Finding.sort_key))


def _crashed(rule: Rule, exc: Exception) -> Finding:
    return Finding(
        code="BP900",
        severity=Severity.ERROR,
        path="$",
        stated=rule.code,
        message_zh=f"规则{rule.code}检查本报告时出错：{type(exc).__name__}: {exc}",
        message_en=f"rule {rule.code} failed on this report: {type(exc).__name__}: {exc}",
    )
