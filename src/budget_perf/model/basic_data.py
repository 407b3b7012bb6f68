"""部门整体支出绩效评价基础数据表: the basic data table (2013 framework, 财预〔2013〕53号).

Rows, as the framework lays them out:

- 财政供养人员: 编制数 (authorised), 实际在职人数 (in post) and the stated 控制率;
- 经费控制情况 in three columns — 上年决算数, 本年预算数, 本年决算数 — for 三公经费 (with its
  sub-rows), 项目支出 (one row per project), 公用经费 (with its sub-rows), 政府采购金额 and
  部门基本支出预算调整; a row's sub-rows are its ``children`` and should add up to it;
- 楼堂馆所控制情况: approved and actual floor area, area control rate, budgeted and actual
  investment, investment control rate (an empty tuple when the table has no building project);
- 厉行节约保障措施: the austerity measures, as text.

>>> from decimal import Decimal
>>> car = ExpenseRow(label="公车购置", previous_final=Decimal("17.98"),
...                  current_budget=Decimal("30"), current_final=Decimal("17.98"))
>>> car.current_budget
Decimal('30')
>>> from budget_perf.rates import to_percent
>>> to_percent(StaffingRow(authorised=111, in_post=85).control_rate())
Decimal('76.58')
"""

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from budget_perf._decimal import in_library_context
from budget_perf.model._fields import (
    amount,
    area,
    as_tuple,
    count,
    optional,
    percent,
    records,
    required_text,
    text,
    tuple_of,
)
from budget_perf.model._shown import PartlyShown, not_shown
from budget_perf.model.filing import Signature
from budget_perf.model.units import AmountUnit

if TYPE_CHECKING:
    from budget_perf.rates import Ratio

__all__ = ["BasicDataTable", "BuildingRow", "ExpenseRow", "StaffingRow"]


@attrs.frozen(kw_only=True)
class StaffingRow:
    """财政供养人员情况: authorised headcount, staff in post and the stated control rate (%)."""

    authorised: int | None = count()
    in_post: int | None = count()
    stated_control_rate: Decimal | None = percent(doc="控制率")

    @in_library_context
    def control_rate(self) -> "Ratio | None":
        """The derived 在职人员控制率 = 在职人数 / 编制数, unrounded; ``None`` if one is blank.

        >>> StaffingRow(authorised=111).control_rate() is None
        True
        """
        from budget_perf.departmental import staff_control_rate

        if self.in_post is None or self.authorised is None:
            return None
        return staff_control_rate(self.in_post, self.authorised)


@attrs.frozen(kw_only=True)
class ExpenseRow:
    """A row of 经费控制情况 in three columns (the table's unit), with its sub-rows as printed.

    A blank or "——" cell is ``None``.
    """

    label: str = required_text()
    previous_final: Decimal | None = amount(doc="上年决算数")
    current_budget: Decimal | None = amount(doc="本年预算数")
    current_final: Decimal | None = amount(doc="本年决算数")
    children: tuple["ExpenseRow", ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(lambda: ExpenseRow)
    )
    note: str = text()

    def walk(self) -> Iterator["ExpenseRow"]:
        """This row, then every sub-row below it, depth first in table order."""
        yield self
        for child in self.children:
            yield from child.walk()


attrs.resolve_types(ExpenseRow)  # the recursive annotation, for cattrs and hypothesis


@attrs.frozen(kw_only=True)
class BuildingRow:
    """楼堂馆所: one building project completed in the year."""

    label: str = text()
    approved_area: Decimal | None = area(doc="批复规模")
    actual_area: Decimal | None = area(doc="实际规模")
    stated_area_control_rate: Decimal | None = percent(doc="规模控制率")
    budgeted_investment: Decimal | None = amount(doc="预算投资")
    actual_investment: Decimal | None = amount(doc="实际投资")
    stated_investment_control_rate: Decimal | None = percent(doc="投资概算控制率")


@attrs.frozen(kw_only=True)
class BasicDataTable(PartlyShown):
    """The basic data table; each part is ``None`` where the table does not give it."""

    amount_unit: AmountUnit | None = optional(AmountUnit)
    staffing: StaffingRow | None = optional(StaffingRow)
    three_public: ExpenseRow | None = optional(ExpenseRow)
    project_spending: ExpenseRow | None = optional(ExpenseRow)
    operating_funds: ExpenseRow | None = optional(ExpenseRow)
    procurement: ExpenseRow | None = optional(ExpenseRow)
    basic_budget_adjustment: ExpenseRow | None = optional(ExpenseRow)
    buildings: tuple[BuildingRow, ...] | None = attrs.field(
        default=None, converter=as_tuple, validator=attrs.validators.optional(tuple_of(BuildingRow))
    )
    austerity_measures: tuple[str, ...] = records(str)
    notes: tuple[str, ...] = records(str)
    signature: Signature | None = optional(Signature)
    not_shown: tuple[str, ...] = not_shown()
