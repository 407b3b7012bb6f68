"""Comparing a stated figure with the derived one at the precision it is printed with (private).

rules.md's opening: a stated figure that disagrees with the derived one at its own printed
precision is wrong (an error: "9" for 9.91, "100%" for 98.49%).  One that agrees only at its
printed precision is not wrong, but where it hides a shortfall that the framework scores —
"100%" printed for 99.52%, full marks "10" for 9.95 — it claims full execution (a warning).
"99%" printed for 99.10% is fine.  A rate printed as 100% where the derived one is above 100%
(executed above the budget) is capped rather than wrong: the score caps it too (a warning).

>>> compare(Decimal("100"), Decimal("99.52"), full=Decimal("100"))
<Printed.CLAIMS_FULL: 'claims full'>
>>> compare(Decimal("99"), Decimal("99.10"), full=Decimal("100"))
<Printed.AGREES: 'agrees'>
>>> compare(Decimal("9"), Decimal("9.91"), full=Decimal("10"))
<Printed.DISAGREES: 'disagrees'>
>>> compare(Decimal("100"), Decimal("108.2"), full=Decimal("100"))
<Printed.CAPPED: 'capped'>

This module also walks the tables and indicators the layout rules visit, with their JSON paths.
"""

import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from budget_perf._decimal import decimal_places, round_half_up
from budget_perf.model import (
    DepartmentTable,
    Funding,
    Indicator,
    IndicatorTree,
    Project,
    SelfEvaluation,
)

__all__ = ["Printed", "TableAt", "compare", "indicators", "tables"]


class Printed(enum.Enum):
    """How a stated figure compares with the derived one at its printed precision."""

    AGREES = "agrees"
    CLAIMS_FULL = "claims full"
    CAPPED = "capped"
    DISAGREES = "disagrees"


def compare(stated: Decimal, exact: Decimal, *, full: Decimal | None = None) -> Printed:
    """Compare *stated* with the unrounded *exact* at the decimals *stated* is printed with.

    *full* is the figure that means full marks or full execution (100 for a rate, the 分值 for a
    score); ``None`` where there is none.
    """
    printed = round_half_up(exact, decimal_places(stated))
    if printed != stated:
        if full is not None and stated == full and exact > full:
            return Printed.CAPPED
        return Printed.DISAGREES
    if full is not None and stated == full and exact < full:
        return Printed.CLAIMS_FULL
    return Printed.AGREES


@attrs.frozen(kw_only=True)
class TableAt:
    """A department or project evaluation table with its JSON path and its name."""

    path: str
    name: str
    table: DepartmentTable | Project

    @property
    def funding(self) -> Funding | None:
        """The table's funds block, unless the copy does not show it."""
        return self.table.funding if self.table.is_shown("funding") else None

    @property
    def tree(self) -> IndicatorTree | None:
        """The table's indicator tree, unless the copy does not show it."""
        return self.table.indicators if self.table.is_shown("indicators") else None


def tables(evaluation: SelfEvaluation) -> Iterator[TableAt]:
    """The department table (if any), then each project table, in report order."""
    if evaluation.department_table is not None:
        yield TableAt(
            path="$.department_table",
            name="部门整体支出绩效自评表",
            table=evaluation.department_table,
        )
    for index, project in enumerate(evaluation.projects):
        yield TableAt(path=f"$.projects[{index}]", name=project.name, table=project)


def indicators(tree: IndicatorTree, base: str) -> Iterator[tuple[str, Indicator]]:
    """Every 三级 indicator of *tree* (grouped, then ungrouped) with its path under *base*."""
    for i, level1 in enumerate(tree.groups):
        for j, level2 in enumerate(level1.groups):
            for k, indicator in enumerate(level2.indicators):
                yield f"{base}.indicators.groups[{i}].groups[{j}].indicators[{k}]", indicator
    for k, indicator in enumerate(tree.ungrouped):
        yield f"{base}.indicators.ungrouped[{k}]", indicator
