"""项目支出绩效自评表: the self-evaluation table of one first-level project.

One table per 一级项目 (一个一级项目支出一张表): the project's name, its supervising department and
implementing unit, the funds block with its stated execution rate, weight and score, the annual
goal, the indicator tree, and the notes and sign-off printed under it.

>>> from decimal import Decimal
>>> from budget_perf.model.funds import Funding, FundTotal
>>> p = Project(name="人大立法", funding=Funding(total=FundTotal(full_year_budget=Decimal("46.2"),
...             executed=Decimal("46.2")), weight=Decimal("10")))
>>> p.funding.total.executed if p.funding and p.funding.total else None
Decimal('46.2')
"""

import attrs

from budget_perf.model._fields import optional, records, required_text, text
from budget_perf.model.filing import AnnualGoal, Signature
from budget_perf.model.funds import Funding
from budget_perf.model.indicators import IndicatorTree

__all__ = ["Project"]


@attrs.frozen(kw_only=True)
class Project:
    """One project self-evaluation table, as stated; absent parts are ``None``."""

    name: str = required_text()
    supervising_department: str = text()
    implementing_unit: str = text()
    funding: Funding | None = optional(Funding)
    goal: AnnualGoal | None = optional(AnnualGoal)
    indicators: IndicatorTree | None = optional(IndicatorTree)
    notes: tuple[str, ...] = records(str)
    signature: Signature | None = optional(Signature)
