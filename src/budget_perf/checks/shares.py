"""The functional shares rule (BP204): each stated 占比 is its amount's share of the total.

The report states each functional class's share of the general-budget spending.  Rounding each
share on its own (四舍五入) need not add up to 100.00, so reports often nudge one figure; the
largest-remainder method adds up exactly.  A stated share passes when it matches plain rounding
at its own printed precision ("0.6" for 0.596%: see
:func:`~budget_perf.checks._walk.compare_stated`), or when the whole breakdown matches the
largest-remainder method at the precision the shares are printed with.  Otherwise the finding gives
both methods' figures and what the stated shares add up to, so a reviewer sees which was nudged.
"""

from collections.abc import Iterator
from decimal import Decimal

from budget_perf._decimal import ZERO, decimal_places
from budget_perf.checks._walk import Agreement, compare_percent, compare_stated
from budget_perf.checks.finding import Finding, Severity
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily
from budget_perf.rates import ShareMethod, percentage_shares, share

__all__ = ["RULES"]

_FAMILY = RuleFamily(name="stated", severity=Severity.ERROR)


def _functional_shares(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    spending = context.evaluation.general_budget
    if spending is None or spending.total is None or not spending.by_function:
        return
    rows = spending.by_function
    amounts = [row.amount for row in rows if row.amount is not None]
    if len(amounts) != len(rows):
        return
    stated = [row.stated_share for row in rows if row.stated_share is not None]
    if not stated:
        return
    places = max(decimal_places(figure) for figure in stated)
    remainder = percentage_shares(amounts, places, ShareMethod.LARGEST_REMAINDER)
    if not isinstance(remainder, tuple):
        return  # a zero total: no share applies (BP105 reports a total that does not add up)
    follows_remainder = all(
        row.stated_share is None
        or compare_stated(lr, row.stated_share).agreement is Agreement.AGREES
        for row, lr in zip(rows, remainder, strict=True)
    )
    if follows_remainder:
        return
    stated_sum = sum((row.stated_share or ZERO for row in rows), ZERO)
    for index, (row, lr) in enumerate(zip(rows, remainder, strict=True)):
        if row.stated_share is None or row.amount is None:
            continue
        plain = compare_percent(share(row.amount, spending.total), row.stated_share)
        if plain is None or plain.severity is None:
            continue
        expected = plain.expected
        yield _finding(rule, index, row.function.value, row.function.name, row.amount,
                       spending.total, row.stated_share, expected, lr, stated_sum)  # fmt: skip


def _finding(
    rule: Rule,
    index: int,
    name_zh: str,
    name: str,
    amount: Decimal,
    total: Decimal,
    stated: Decimal,
    plain: Decimal,
    remainder: Decimal,
    stated_sum: Decimal,
) -> Finding:
    matches = compare_stated(remainder, stated).agreement is Agreement.AGREES
    follows = "与最大余额法一致" if matches else "与两种方法均不一致"
    return rule.finding(
        path=f"$.general_budget.by_function[{index}].stated_share",
        stated=stated,
        expected=plain,
        formula="功能分类支出 / 一般公共预算拨款支出（四舍五入）",
        inputs=[
            (f"$.general_budget.by_function[{index}].amount", amount),
            ("$.general_budget.total", total),
        ],
        message_zh=f"{name_zh}占比表中为{stated}%，四舍五入应为{plain}%，最大余额法为{remainder}%"
        f"（表中数字{follows}；各项占比合计{stated_sum}%）",
        message_en=f"the share of {name.lower().replace('_', ' ')} is stated as {stated}%; "
        f"plain rounding gives {plain}% and the largest-remainder method {remainder}% "
        f"(the figure follows {'the largest-remainder method' if matches else 'neither'}; "
        f"the stated shares add up to {stated_sum}%)",
    )


RULES = (
    _FAMILY.rule(
        "BP204",
        "功能分类占比与金额相符",
        "Each functional share is amount / total",
        "Shares are often nudged to add up to 100; a nudged share misstates the amount "
        "(compared at its printed precision: '0.6' for 0.596% is right).",
        _functional_shares,
    ),
)
