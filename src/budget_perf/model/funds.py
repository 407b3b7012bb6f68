"""项目资金 / 年度预算申请: the funds block of a self-evaluation table.

The block has one row per fund source (当年财政拨款, 上年结转资金, 其他资金 ...) and a stated total
row (年度资金总额), each in three columns: 年初预算数 (initial budget), 全年预算数
(full-year budget) and 全年执行数 (executed), in the table's unit (万元 or 元).  The total row
also carries the 分值 (weight, normally 10), the stated 执行率 and the stated 得分.  Everything
is kept as stated: the total is not the sum of the sources until the checker says so.

The department-wide table adds two splits of the year's money: by income type (按收入性质分) and
by spending type (按支出性质分).

>>> from decimal import Decimal
>>> row = FundSource(kind=FundKind.CURRENT_YEAR_APPROPRIATION, full_year_budget=Decimal("370.03"),
...                  executed=Decimal("364"))
>>> row.executed
Decimal('364')
>>> total = FundTotal(full_year_budget=Decimal("400.03"), executed=Decimal("394"))
>>> block = Funding(total=total, weight=Decimal("10"), stated_execution_rate=Decimal("100"))
>>> from budget_perf.rates import to_percent
>>> to_percent(block.execution_rate()), block.stated_execution_rate
(Decimal('98.49'), Decimal('100'))
>>> FundSource(kind=FundKind.OTHER_FUNDS, executed=Decimal("-1"))
Traceback (most recent call last):
...
budget_perf.errors.InvalidAmount: executed: must not be negative, got -1
"""

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from budget_perf.rates import Ratio

from budget_perf.model._fields import amount, optional, percent, points, records, score, text
from budget_perf.model._shown import PartlyShown, not_shown

__all__ = [
    "BudgetType",
    "FundKind",
    "FundSource",
    "FundTotal",
    "Funding",
    "IncomeKind",
    "IncomeLine",
    "SpendingKind",
    "SpendingLine",
]


class FundKind(enum.Enum):
    """Where a row's money comes from, in the layouts of the national and provincial tables."""

    CURRENT_YEAR_APPROPRIATION = "当年财政拨款"
    PRIOR_YEAR_CARRYOVER = "上年结转资金"
    OTHER_FUNDS = "其他资金"
    FISCAL_FUNDS = "财政资金"
    SPECIAL_ACCOUNT_FUNDS = "财政专户管理资金"
    UNIT_FUNDS = "单位资金"


class BudgetType(enum.Enum):
    """Which of the budgets an appropriation belongs to (四本预算 and special-account income)."""

    GENERAL_PUBLIC = "一般公共预算"
    GOVERNMENT_FUND = "政府性基金预算"
    STATE_CAPITAL = "国有资本经营预算"
    SOCIAL_INSURANCE = "社会保险基金预算"
    SPECIAL_ACCOUNT_NON_TAX = "纳入专户管理的非税收入"


class IncomeKind(enum.Enum):
    """A line of the department table's split by income type (按收入性质分)."""

    GENERAL_PUBLIC_BUDGET = "一般公共预算"
    GOVERNMENT_FUND = "政府性基金拨款"
    STATE_CAPITAL = "国有资本经营预算拨款"
    SPECIAL_ACCOUNT_NON_TAX = "纳入专户管理的非税收入拨款"
    OTHER_FUNDS = "其他资金"


class SpendingKind(enum.Enum):
    """A line of the department table's split by spending type (按支出性质分)."""

    BASIC = "基本支出"
    PROJECT = "项目支出"


@attrs.frozen(kw_only=True)
class FundSource(PartlyShown):
    """One fund-source row: its kind, its three amounts (blank is ``None``) and the note beside it.

    ``budget_type`` says which budget an appropriation comes from, where the table says;
    ``label`` is the row's text as printed (e.g. "其中：当年财政拨款").
    """

    kind: FundKind = attrs.field(validator=attrs.validators.instance_of(FundKind))
    budget_type: BudgetType | None = optional(BudgetType)
    label: str = text()
    initial_budget: Decimal | None = amount(doc="年初预算数")
    full_year_budget: Decimal | None = amount(doc="全年预算数")
    executed: Decimal | None = amount(doc="全年执行数")
    note: str = text()
    not_shown: tuple[str, ...] = not_shown()


@attrs.frozen(kw_only=True)
class FundTotal(PartlyShown):
    """The stated total row (年度资金总额), kept as stated."""

    initial_budget: Decimal | None = amount(doc="年初预算数")
    full_year_budget: Decimal | None = amount(doc="全年预算数")
    executed: Decimal | None = amount(doc="全年执行数")
    note: str = text()
    not_shown: tuple[str, ...] = not_shown()


@attrs.frozen(kw_only=True)
class Funding(PartlyShown):
    """The funds block of a table: stated total, sources, and the execution weight, rate, score.

    ``stated_execution_rate`` is in percent points as printed (``Decimal("100")`` for "100%").
    """

    total: FundTotal | None = optional(FundTotal)
    sources: tuple[FundSource, ...] = records(FundSource)
    weight: Decimal | None = points(doc="分值")
    stated_execution_rate: Decimal | None = percent(doc="执行率")
    stated_score: Decimal | None = score(doc="得分")
    not_shown: tuple[str, ...] = not_shown()

    def execution_rate(self) -> "Ratio | None":
        """The derived 执行率 (全年执行数 / 全年预算数 of the total row), unrounded.

        ``None`` when either figure is blank; ``NOT_APPLICABLE`` when the budget is zero.  The
        stated rate is left as it is, in ``stated_execution_rate``.

        >>> nothing = FundTotal(full_year_budget=Decimal("0"), executed=Decimal("0"))
        >>> Funding(total=nothing).execution_rate()
        <NotApplicable.NOT_APPLICABLE: 'not applicable'>
        """
        from budget_perf.rates import execution_rate

        if self.total is None or self.total.executed is None or self.total.full_year_budget is None:
            return None
        return execution_rate(self.total.executed, self.total.full_year_budget)

    def execution_score(self) -> "Ratio | None":
        """The derived 执行率得分 = 分值 × min(执行率, 1), unrounded; ``None`` if not computable.

        >>> total = FundTotal(full_year_budget=Decimal("124"), executed=Decimal("122.18"))
        >>> Funding(total=total, weight=Decimal("10")).execution_score()
        Decimal('9.853225806451612903225806452')
        """
        from budget_perf.scoring import execution_score

        rate = self.execution_rate()
        if rate is None or self.weight is None:
            return None
        return execution_score(rate, self.weight)


@attrs.frozen(kw_only=True)
class IncomeLine:
    """One line of the split by income type, with the label as printed."""

    kind: IncomeKind = attrs.field(validator=attrs.validators.instance_of(IncomeKind))
    amount: Decimal | None = amount()
    label: str = text()


@attrs.frozen(kw_only=True)
class SpendingLine:
    """One line of the split by spending type, with the label as printed."""

    kind: SpendingKind = attrs.field(validator=attrs.validators.instance_of(SpendingKind))
    amount: Decimal | None = amount()
    label: str = text()
