"""项目支出绩效自评表: the self-evaluation table of one first-level project.

One table per 一级项目 (一个一级项目支出一张表): the project's name, its supervising department and
implementing unit, the funds block with its stated execution rate, weight and score, the annual
goal, the indicator tree, and the notes and sign-off printed under it.  Some layouts print text
rows under the indicators — 评价结论 (``conclusion``), 存在问题 / 偏差大或目标未完成原因分析
(``problems``) and 改进措施 (``improvements``, Hubei's 改进措施及结果应用方案) — kept as text;
some print the table's own grade beside its 总分 (``stated_grade``, Yunnan's "优").

>>> from decimal import Decimal
>>> from budget_perf.model.funds import Funding, FundTotal
>>> p = Project(name="人大立法", funding=Funding(total=FundTotal(full_year_budget=Decimal("46.2"),
...             executed=Decimal("46.2")), weight=Decimal("10")))
>>> p.funding.total.executed if p.funding and p.funding.total else None
Decimal('46.2')
>>> p.execution_rate()
Decimal('1')
"""

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from budget_perf._decimal import in_library_context
from budget_perf.model._derived import derived_total
from budget_perf.model._fields import optional, records, required_text, text
from budget_perf.model._shown import PartlyShown, not_shown
from budget_perf.model.filing import AnnualGoal, Signature
from budget_perf.model.funds import Funding
from budget_perf.model.grade import Grade
from budget_perf.model.indicators import IndicatorTree
from budget_perf.model.units import AmountUnit

if TYPE_CHECKING:
    from budget_perf.rates import Ratio

__all__ = ["Project"]


@attrs.frozen(kw_only=True)
class Project(PartlyShown):
    """One project self-evaluation table, as stated; absent parts are ``None``."""

    name: str = required_text()
    amount_unit: AmountUnit | None = optional(AmountUnit)
    supervising_department: str = text()
    implementing_unit: str = text()
    funding: Funding | None = optional(Funding)
    goal: AnnualGoal | None = optional(AnnualGoal)
    indicators: IndicatorTree | None = optional(IndicatorTree)
    notes: tuple[str, ...] = records(str)
    signature: Signature | None = optional(Signature)
    conclusion: str = text()
    problems: str = text()
    improvements: str = text()
    stated_grade: Grade | None = optional(Grade)
    not_shown: tuple[str, ...] = not_shown()

    @in_library_context
    def execution_rate(self) -> "Ratio | None":
        """The derived execution rate of the funds block (see :meth:`Funding.execution_rate`).

        >>> Project(name="人大会议").execution_rate() is None  # no funds block stated
        True
        """
        return None if self.funding is None else self.funding.execution_rate()

    @in_library_context
    def execution_score(self) -> "Ratio | None":
        """The derived execution score of the funds block (see :meth:`Funding.execution_score`).

        >>> from budget_perf.examples import load
        >>> load("yueyang-npc-2022").project("人大代表").execution_score()
        Decimal('9.952362509682416731216111541')
        """
        return None if self.funding is None else self.funding.execution_score()

    @in_library_context
    def derived_total_score(self) -> Decimal | None:
        """The 总分 the table should show: 执行率得分 as derived + Σ 三级 scores as stated.

        Where the execution rate does not apply (a zero budget) the indicator scores are
        rescaled to the full 100 (财预〔2020〕10号).  ``None`` when it cannot be derived: no
        funds block or tree, a blank weight or score, or a score outside its weight.

        >>> from budget_perf.examples import load
        >>> load("yueyang-npc-2022").project("运行维护经费").derived_total_score()
        Decimal('99.84926130540209484288678349')
        """
        return derived_total(self.funding, self.indicators)
