"""Departmental rates of the basic data table (部门整体支出绩效评价基础数据表), rules.md §5.

Each rate is a named use of one of the generic ratios of :mod:`budget_perf.rates`, so no formula
is written twice; like them it returns an unrounded Decimal ratio, or
:data:`~budget_perf.rates.NOT_APPLICABLE` for a zero denominator.  Amounts are non-negative
Decimals (万元, ㎡); staff counts are ints.  Sources: the 2013 framework (财预〔2013〕53号) and
the Hunan and Yueyang templates.

- 在职人员控制率 = 实际在职人数 / 编制数 — :func:`staff_control_rate`
- 三公经费变动率 = (本年 − 上年) / 上年 — :func:`three_public_change_rate`
- 三公经费控制率 = 本年决算 / 本年预算 — :func:`three_public_control_rate`
- 公用经费控制率 = 实际公用经费 / 预算公用经费 — :func:`operating_funds_control_rate`
- 政府采购执行率 = 实际政府采购金额 / 政府采购预算 — :func:`procurement_execution_rate`
- 预算完成率 = 完成数 / 预算数 — :func:`budget_completion_rate`; Hunan:
  (上年结转 + 年初预算 + 本年追加 − 年末结余) / (上年结转 + 年初预算 + 本年追加)
  — :func:`hunan_budget_completion_rate`
- 预算调整率 = 调整数 / 预算数 — :func:`budget_adjustment_rate`
- 预算控制率 (Hunan) = 本年追加预算 / 年初预算 — :func:`hunan_budget_control_rate`
- 结转结余率 = 结转结余总额 / 支出预算数 — :func:`carryover_rate`
- 规模控制率 = 实际规模 / 批复规模 — :func:`area_control_rate`
- 投资概算控制率 = 实际投资 / 预算投资 — :func:`investment_control_rate`
- 重点支出安排率 = 重点项目支出 / 项目总支出 — :func:`key_spending_rate`

The rule profiles (:mod:`budget_perf.profiles`) score these rates under the same names.

Seed figures (2022 basic data table of the Yueyang municipal people's congress):

>>> from decimal import Decimal
>>> from budget_perf.rates import to_percent
>>> to_percent(staff_control_rate(85, 111))
Decimal('76.58')
>>> to_percent(three_public_control_rate(Decimal("70.3"), Decimal("202")))
Decimal('34.80')
>>> staff_control_rate(85.0, 111)
Traceback (most recent call last):
...
budget_perf.errors.InvalidAmount: in_post: expected a whole number, got float 85.0
"""

from decimal import Decimal

from budget_perf._decimal import check_count, check_non_negative, in_library_context
from budget_perf.errors import InvalidAmount
from budget_perf.rates import Ratio, change_rate, control_rate, execution_rate, share

__all__ = [
    "area_control_rate",
    "budget_adjustment_rate",
    "budget_completion_rate",
    "carryover_rate",
    "hunan_budget_completion_rate",
    "hunan_budget_control_rate",
    "investment_control_rate",
    "key_spending_rate",
    "operating_funds_control_rate",
    "procurement_execution_rate",
    "staff_control_rate",
    "three_public_change_rate",
    "three_public_control_rate",
]


def _count(value: object, field: str) -> Decimal:
    """A non-negative whole number of staff, as a Decimal."""
    return Decimal(check_count(value, field))


@in_library_context
def staff_control_rate(in_post: int, authorised: int) -> Ratio:
    """在职人员控制率 = 实际在职人数 / 编制数 (NOT_APPLICABLE for no authorised posts).

    >>> staff_control_rate(85, 111)
    Decimal('0.7657657657657657657657657658')
    """
    return control_rate(_count(in_post, "in_post"), _count(authorised, "authorised"))


@in_library_context
def three_public_change_rate(current: Decimal, previous: Decimal) -> Ratio:
    """三公经费变动率 = (本年 − 上年) / 上年, negative for a fall.

    The basis is the caller's choice: budgets (2013 framework) or final accounts (some Hunan
    tables) — pass the two figures of the same basis.

    >>> from budget_perf.rates import to_percent
    >>> to_percent(three_public_change_rate(Decimal("70.3"), Decimal("67.03")))  # 决算 basis
    Decimal('4.88')
    """
    return change_rate(
        check_non_negative(current, "current"), check_non_negative(previous, "previous")
    )


@in_library_context
def three_public_control_rate(final: Decimal, budget: Decimal) -> Ratio:
    """三公经费控制率 = 本年决算 / 本年预算.

    >>> from budget_perf.rates import to_percent
    >>> to_percent(three_public_control_rate(Decimal("70.3"), Decimal("202")))
    Decimal('34.80')
    """
    return control_rate(check_non_negative(final, "final"), check_non_negative(budget, "budget"))


@in_library_context
def operating_funds_control_rate(actual: Decimal, budget: Decimal) -> Ratio:
    """公用经费控制率 = 实际公用经费 / 预算公用经费.

    >>> from budget_perf.rates import to_percent
    >>> to_percent(operating_funds_control_rate(Decimal("450.81"), Decimal("271.19")))
    Decimal('166.23')
    """
    return control_rate(check_non_negative(actual, "actual"), check_non_negative(budget, "budget"))


@in_library_context
def procurement_execution_rate(actual: Decimal, budget: Decimal) -> Ratio:
    """政府采购执行率 = 实际政府采购金额 / 政府采购预算.

    >>> from budget_perf.rates import to_percent
    >>> to_percent(procurement_execution_rate(Decimal("292.75"), Decimal("1285")))
    Decimal('22.78')
    """
    return execution_rate(
        check_non_negative(actual, "actual"), check_non_negative(budget, "budget")
    )


@in_library_context
def budget_completion_rate(completed: Decimal, budget: Decimal) -> Ratio:
    """预算完成率 = 完成数 / 预算数.

    >>> from budget_perf.rates import to_percent
    >>> to_percent(budget_completion_rate(Decimal("394"), Decimal("400.03")))
    Decimal('98.49')
    """
    return execution_rate(
        check_non_negative(completed, "completed"), check_non_negative(budget, "budget")
    )


@in_library_context
def hunan_budget_completion_rate(
    carryover: Decimal, initial: Decimal, supplementary: Decimal, year_end_balance: Decimal
) -> Ratio:
    """预算完成率 (Hunan) = (上年结转 + 年初预算 + 本年追加 − 年末结余) / 可用资金.

    可用资金 (funds available) = 上年结转 + 年初预算 + 本年追加.

    Raises:
        InvalidAmount: an amount is not a Decimal or is negative, or the year-end balance
            exceeds the funds available.

    >>> from budget_perf.rates import to_percent
    >>> to_percent(hunan_budget_completion_rate(
    ...     Decimal("0"), Decimal("238.49"), Decimal("161.54"), Decimal("6.03")))
    Decimal('98.49')
    """
    available = (
        check_non_negative(carryover, "carryover")
        + check_non_negative(initial, "initial")
        + check_non_negative(supplementary, "supplementary")
    )
    balance = check_non_negative(year_end_balance, "year_end_balance")
    if balance > available:
        raise InvalidAmount(
            f"year_end_balance: {balance} exceeds the funds available "
            f"(carryover + initial + supplementary = {available})",
            field="year_end_balance",
        )
    return execution_rate(available - balance, available)


@in_library_context
def budget_adjustment_rate(adjustment: Decimal, budget: Decimal) -> Ratio:
    """预算调整率 = 调整数 / 预算数; the adjustment is its size (a cut is entered as positive).

    >>> from budget_perf.rates import to_percent
    >>> to_percent(budget_adjustment_rate(Decimal("15"), Decimal("200")))
    Decimal('7.50')
    """
    return share(check_non_negative(adjustment, "adjustment"), check_non_negative(budget, "budget"))


@in_library_context
def hunan_budget_control_rate(supplementary: Decimal, initial: Decimal) -> Ratio:
    """预算控制率 (Hunan) = 本年追加预算 / 年初预算.

    >>> from budget_perf.rates import to_percent
    >>> to_percent(hunan_budget_control_rate(Decimal("23.85"), Decimal("238.49")))
    Decimal('10.00')
    """
    return share(
        check_non_negative(supplementary, "supplementary"), check_non_negative(initial, "initial")
    )


@in_library_context
def carryover_rate(carryover_and_balance: Decimal, expenditure_budget: Decimal) -> Ratio:
    """结转结余率 = 结转结余总额 / 支出预算数.

    >>> from budget_perf.rates import to_percent
    >>> to_percent(carryover_rate(Decimal("6.03"), Decimal("400.03")))
    Decimal('1.51')
    """
    return share(
        check_non_negative(carryover_and_balance, "carryover_and_balance"),
        check_non_negative(expenditure_budget, "expenditure_budget"),
    )


@in_library_context
def area_control_rate(actual_area: Decimal, approved_area: Decimal) -> Ratio:
    """规模控制率 = 实际规模 / 批复规模 (㎡); NOT_APPLICABLE where nothing was approved.

    >>> area_control_rate(Decimal("1050"), Decimal("1000"))
    Decimal('1.05')
    """
    return control_rate(
        check_non_negative(actual_area, "actual_area"),
        check_non_negative(approved_area, "approved_area"),
    )


@in_library_context
def investment_control_rate(actual_investment: Decimal, budgeted_investment: Decimal) -> Ratio:
    """投资概算控制率 = 实际投资 / 预算投资.

    >>> investment_control_rate(Decimal("0"), Decimal("0"))  # no building project
    <NotApplicable.NOT_APPLICABLE: 'not applicable'>
    """
    return control_rate(
        check_non_negative(actual_investment, "actual_investment"),
        check_non_negative(budgeted_investment, "budgeted_investment"),
    )


@in_library_context
def key_spending_rate(key_project_spending: Decimal, total_project_spending: Decimal) -> Ratio:
    """重点支出安排率 = 重点项目支出 / 项目总支出.

    >>> from budget_perf.rates import to_percent
    >>> to_percent(key_spending_rate(Decimal("404.08"), Decimal("1496.7")))
    Decimal('27.00')
    """
    return share(
        check_non_negative(key_project_spending, "key_project_spending"),
        check_non_negative(total_project_spending, "total_project_spending"),
    )
