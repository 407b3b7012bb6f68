"""项目资金 / 年度预算申请: the funds block of a self-evaluation table.

The block has one row per fund source (当年财政拨款, 上年结转资金, 其他资金 ...) and a stated total
row (年度资金总额), each in three columns: 年初预算数 (initial budget), 全年预算数
(full-year budget) and 全年执行数 (executed), in the table's unit (万元 or 元).  The total row
also carries the 分值 (weight, normally 10), the stated 执行率 and the stated 得分.  Everything
is kept as stated: the total is not the sum of the sources until the checker says so.

The department-wide table adds two splits of the year's money: by income type (按收入性质分) and
by spending type (按支出性质分), each with the total it prints, if any.

Provincial layouts differ in three ways that the block states rather than the code assumes:

- execution rows: some tables score each row — each fund source, or 基本支出 and 项目支出
  (Guizhou's department table, as ``spending_rows``) — with its own 分值, 执行率 and 得分;
- the rate's basis (``rate_basis``): 执行率 = 全年执行数 / 全年预算数 nationally, but some tables
  compute it on the 年初预算数 (Guizhou's 全年执行数(B) / 年初预算数(A), Hubei's 预算数(A));
- the weight: 10 nationally, 20 in Hubei's project table (``weight`` as printed).

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
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

import attrs

if TYPE_CHECKING:
    from budget_perf.rates import Ratio

from budget_perf._decimal import in_library_context
from budget_perf.model._fields import (
    amount,
    choice,
    optional,
    percent,
    points,
    records,
    score,
    text,
)
from budget_perf.model._shown import PartlyShown, not_shown

__all__ = [
    "BudgetType",
    "ExecutionRow",
    "FundKind",
    "FundSource",
    "FundTotal",
    "Funding",
    "IncomeKind",
    "IncomeLine",
    "RateBasis",
    "SpendingKind",
    "SpendingLine",
    "SpendingRow",
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
    OTHER = "其他"


class RateBasis(enum.Enum):
    """Which budget a table's 执行率 divides by."""

    #: 全年执行数 / 全年预算数 — the national table (财预〔2020〕10号): the adjusted budget.
    FULL_YEAR_BUDGET = "全年预算数"
    #: 全年执行数 / 年初预算数 — tables that print only the initial budget as "A".
    INITIAL_BUDGET = "年初预算数"


def _budget(row: "FundSource | FundTotal | SpendingRow", basis: RateBasis) -> Decimal | None:
    return row.full_year_budget if basis is RateBasis.FULL_YEAR_BUDGET else row.initial_budget


def _row_rate(row: "FundSource | FundTotal | SpendingRow", basis: RateBasis) -> "Ratio | None":
    from budget_perf.rates import execution_rate

    budget = _budget(row, basis)
    if row.executed is None or budget is None:
        return None
    return execution_rate(row.executed, budget)


def _row_score(row: "FundSource | SpendingRow", basis: RateBasis) -> "Ratio | None":
    from budget_perf.scoring import execution_score

    rate = _row_rate(row, basis)
    if rate is None or row.weight is None:
        return None
    return execution_score(rate, row.weight)


@attrs.frozen(kw_only=True)
class FundSource(PartlyShown):
    """One fund-source row: its kind, its three amounts (blank is ``None``) and the note beside it.

    ``budget_type`` says which budget an appropriation comes from, where the table says;
    ``label`` is the row's text as printed (e.g. "其中：当年财政拨款").  ``received`` is Hebei's
    资金到位数.  A layout that scores each source prints its 分值, 执行率 and 得分 on the row
    (blank elsewhere: "—" under 分值 is ``None``).
    """

    kind: FundKind = choice(FundKind)
    budget_type: BudgetType | None = optional(BudgetType)
    label: str = text()
    initial_budget: Decimal | None = amount(doc="年初预算数")
    full_year_budget: Decimal | None = amount(doc="全年预算数")
    executed: Decimal | None = amount(doc="全年执行数")
    note: str = text()
    received: Decimal | None = amount(doc="到位数")
    weight: Decimal | None = points(doc="分值")
    stated_execution_rate: Decimal | None = percent(doc="执行率")
    stated_score: Decimal | None = score(doc="得分")
    not_shown: tuple[str, ...] = not_shown()

    @in_library_context
    def execution_rate(self, basis: RateBasis = RateBasis.FULL_YEAR_BUDGET) -> "Ratio | None":
        """The row's derived 执行率 on *basis*, unrounded; ``None`` if a figure is blank."""
        return _row_rate(self, basis)

    @in_library_context
    def execution_score(self, basis: RateBasis = RateBasis.FULL_YEAR_BUDGET) -> "Ratio | None":
        """The row's derived 得分 = its 分值 × min(执行率, 1); ``None`` if not computable."""
        return _row_score(self, basis)


@attrs.frozen(kw_only=True)
class FundTotal(PartlyShown):
    """The stated total row (年度资金总额), kept as stated; ``received`` is Hebei's 到位数."""

    initial_budget: Decimal | None = amount(doc="年初预算数")
    full_year_budget: Decimal | None = amount(doc="全年预算数")
    executed: Decimal | None = amount(doc="全年执行数")
    note: str = text()
    received: Decimal | None = amount(doc="到位数")
    not_shown: tuple[str, ...] = not_shown()


@attrs.frozen(kw_only=True)
class SpendingRow(PartlyShown):
    """An execution row by spending type (基本支出, 项目支出, 其他), with its own 分值/执行率/得分.

    Guizhou's department table scores 基本支出 and 项目支出 beside the 年度资金总额 row.

    >>> basic = SpendingRow(kind=SpendingKind.BASIC, initial_budget=Decimal("985.19"),
    ...                     executed=Decimal("914.97"), weight=Decimal("10"))
    >>> basic.execution_score(RateBasis.INITIAL_BUDGET)
    Decimal('9.287244084897329449141789909')
    """

    kind: SpendingKind = choice(SpendingKind)
    label: str = text()
    initial_budget: Decimal | None = amount(doc="年初预算数")
    full_year_budget: Decimal | None = amount(doc="全年预算数")
    executed: Decimal | None = amount(doc="全年执行数")
    weight: Decimal | None = points(doc="分值")
    stated_execution_rate: Decimal | None = percent(doc="执行率")
    stated_score: Decimal | None = score(doc="得分")
    note: str = text()
    not_shown: tuple[str, ...] = not_shown()

    @in_library_context
    def execution_rate(self, basis: RateBasis = RateBasis.FULL_YEAR_BUDGET) -> "Ratio | None":
        """The row's derived 执行率 on *basis*, unrounded; ``None`` if a figure is blank."""
        return _row_rate(self, basis)

    @in_library_context
    def execution_score(self, basis: RateBasis = RateBasis.FULL_YEAR_BUDGET) -> "Ratio | None":
        """The row's derived 得分 = its 分值 × min(执行率, 1); ``None`` if not computable."""
        return _row_score(self, basis)


#: A row of a funds block that may carry its own 分值, 执行率 and 得分.
ExecutionRow: TypeAlias = FundSource | SpendingRow


@attrs.frozen(kw_only=True)
class Funding(PartlyShown):
    """The funds block of a table: stated total, sources, and the execution weight, rate, score.

    ``stated_execution_rate`` is in percent points as printed (``Decimal("100")`` for "100%").
    ``rate_basis`` is the budget the table's 执行率 divides by (the national 全年预算数 unless
    the table prints otherwise); ``spending_rows`` are execution rows by spending type;
    ``scoring_method`` is a printed 得分计算方法, as text.
    """

    total: FundTotal | None = optional(FundTotal)
    sources: tuple[FundSource, ...] = records(FundSource)
    weight: Decimal | None = points(doc="分值")
    stated_execution_rate: Decimal | None = percent(doc="执行率")
    stated_score: Decimal | None = score(doc="得分")
    rate_basis: RateBasis = choice(RateBasis, default=RateBasis.FULL_YEAR_BUDGET)
    spending_rows: tuple[SpendingRow, ...] = records(SpendingRow)
    scoring_method: str = text()
    not_shown: tuple[str, ...] = not_shown()

    def execution_rows(self) -> Iterator[tuple[str, int, ExecutionRow]]:
        """Each source row, then each spending row, as (field name, index, row), in table order.

        >>> rows = Funding(spending_rows=(SpendingRow(kind=SpendingKind.PROJECT),)).execution_rows()
        >>> [(field, index, row.kind.value) for field, index, row in rows]
        [('spending_rows', 0, '项目支出')]
        """
        for index, source in enumerate(self.sources):
            yield "sources", index, source
        for index, row in enumerate(self.spending_rows):
            yield "spending_rows", index, row

    @in_library_context
    def execution_rate(self) -> "Ratio | None":
        """The derived 执行率 of the total row on the table's ``rate_basis``, unrounded.

        Nationally 全年执行数 / 全年预算数; 全年执行数 / 年初预算数 where the table says so.
        ``None`` when either figure is blank; ``NOT_APPLICABLE`` when the budget is zero.  The
        stated rate is left as it is, in ``stated_execution_rate``.

        >>> nothing = FundTotal(full_year_budget=Decimal("0"), executed=Decimal("0"))
        >>> Funding(total=nothing).execution_rate()
        <NotApplicable.NOT_APPLICABLE: 'not applicable'>
        >>> hubei = FundTotal(initial_budget=Decimal("10"), executed=Decimal("10"))
        >>> Funding(total=hubei, rate_basis=RateBasis.INITIAL_BUDGET).execution_rate()
        Decimal('1')
        """
        if self.total is None:
            return None
        return _row_rate(self.total, self.rate_basis)

    @in_library_context
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

    kind: IncomeKind = choice(IncomeKind)
    amount: Decimal | None = amount()
    label: str = text()


@attrs.frozen(kw_only=True)
class SpendingLine:
    """One line of the split by spending type, with the label as printed."""

    kind: SpendingKind = choice(SpendingKind)
    amount: Decimal | None = amount()
    label: str = text()
