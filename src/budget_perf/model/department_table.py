"""部门整体支出绩效自评表: the department-wide self-evaluation table.

Like a project table, with a funds block (年度预算申请) whose total is also split by income type
(按收入性质分) and by spending type (按支出性质分); both splits are kept as stated, with the
total each prints where it prints one (Hunan's "按收入性质分:2030.12").

>>> from decimal import Decimal
>>> from budget_perf.model.funds import SpendingKind, SpendingLine
>>> t = DepartmentTable(department_name="岳阳市人民代表大会常务委员会",
...     spending_split=(SpendingLine(kind=SpendingKind.PROJECT, amount=Decimal("1496.7")),))
>>> t.spending_split[0].amount
Decimal('1496.7')
"""

from decimal import Decimal

import attrs

from budget_perf._decimal import in_library_context
from budget_perf.model._derived import derived_total
from budget_perf.model._fields import amount, optional, records, text
from budget_perf.model._shown import PartlyShown, not_shown
from budget_perf.model.filing import AnnualGoal, Signature
from budget_perf.model.funds import Funding, IncomeLine, SpendingLine
from budget_perf.model.indicators import IndicatorTree
from budget_perf.model.units import AmountUnit

__all__ = ["DepartmentTable"]


@attrs.frozen(kw_only=True)
class DepartmentTable(PartlyShown):
    """The department-wide table, as stated; absent parts are ``None`` or empty."""

    department_name: str = text()
    amount_unit: AmountUnit | None = optional(AmountUnit)
    funding: Funding | None = optional(Funding)
    income_split: tuple[IncomeLine, ...] = records(IncomeLine)
    spending_split: tuple[SpendingLine, ...] = records(SpendingLine)
    income_split_total: Decimal | None = amount(doc="按收入性质分")
    spending_split_total: Decimal | None = amount(doc="按支出性质分")
    goal: AnnualGoal | None = optional(AnnualGoal)
    indicators: IndicatorTree | None = optional(IndicatorTree)
    signature: Signature | None = optional(Signature)
    not_shown: tuple[str, ...] = not_shown()

    @in_library_context
    def derived_total_score(self) -> Decimal | None:
        """The 总分 the table should show (see :meth:`Project.derived_total_score`).

        >>> from budget_perf.examples import load
        >>> load("yueyang-npc-2022").department_table.derived_total_score()
        Decimal('100')
        """
        return derived_total(self.funding, self.indicators)
